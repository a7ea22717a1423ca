"""Work shared by several instances on one store: claims and leases (renewed), LLM slots, Discord shards, GitHub's rate limit."""
