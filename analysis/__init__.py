"""The digest engine: sources of commits, analyzers of commits, renderers of digests."""
