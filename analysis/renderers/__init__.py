"""Renderers: a Digest as the Markdown report (the sample's shape) or the contract's JSON."""
