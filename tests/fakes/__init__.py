"""Protocol-faithful fake servers on 127.0.0.1 for the tests and benchmarks (GitHub, OpenAI, Slack, Discord)."""
