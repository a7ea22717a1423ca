"""Chat platform adapters and their renderers (Slack, Discord, console); the core never imports them."""
