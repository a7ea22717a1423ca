"""The bot: settings, storage, digest composition, commands, runtime and CLI."""
