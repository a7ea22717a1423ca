"""Per-language symbol rules for tree-sitter: the shared ``Symbol`` and collector with Python and Go (base),
TypeScript/JavaScript, Rust, Java and C/C++."""
