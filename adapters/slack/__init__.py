"""The Slack adapter (slack-bolt): the app, its Block Kit payloads and mrkdwn text, buttons; the core never imports it."""
