"""The Discord adapter (discord.py): the bot, its embeds and message bodies, buttons; the core never imports it."""
