"""Bounds on what the bot spends: thread pools by kind of work, builds per user and channel, the LLM budget and circuit breaker."""
