"""Daily digests on schedule: APScheduler jobs per subscription, catch-up at start, exactly-once posting."""
