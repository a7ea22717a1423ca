"""The search index ``ask`` reads: what it holds (text), the interface and its choice (index), SQLite FTS5 and PostgreSQL backends."""
