"""Feedback a channel gives on changes: the votes (votes), what they teach (rule), and the commands that show or forget it (commands)."""
