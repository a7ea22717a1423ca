"""The bot's HTTP side: health and metrics endpoints, and the report pages."""
