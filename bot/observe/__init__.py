"""Observing the bot: log setup with redaction, and Prometheus metrics."""
