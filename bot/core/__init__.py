"""The bot's core: commands, the digest service, subscriptions, posting ledger; what adapters and the scheduler use."""
