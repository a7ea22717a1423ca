"""Facts of source code: symbols parsed with tree-sitter before and after (symbols, syntax), or read from the hunks
alone (hunk_symbols, type_fields); moves, re-exports, import aliases and test functions."""
