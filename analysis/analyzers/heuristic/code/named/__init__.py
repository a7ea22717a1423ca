"""What the analysis's text names inside changed code: module-level assignments, keyed literals, table entries, inline test modules, trait implementations, the message's words in the code."""
