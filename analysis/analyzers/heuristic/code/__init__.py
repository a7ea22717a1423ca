"""Readings of source-code hunks: public API surface, cosmetic and moved edits, macros, performance work."""
