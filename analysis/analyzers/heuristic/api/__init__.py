"""Readings of the public API a commit touches: the surface added, removed or changed by each language's
convention, new options and struct fields, helpers that only serve the change, stricter validation."""
