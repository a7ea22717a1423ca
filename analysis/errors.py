"""Errors a user can cause or meet, each carrying a one-sentence message written for them.

The CLI and the adapters show ``str(error)``; the logs keep the details.
``exit_status`` follows the contract: 2 for bad input, 1 for a remote failure.
"""


class DigestError(Exception):
    """Base class for every error whose message is meant for the user."""

    exit_status = 1


class BadInput(DigestError):
    """The user asked for something invalid: bad arguments, unknown repository or commit."""

    exit_status = 2


class RemoteFailure(DigestError):
    """A remote service (GitHub, an LLM, a chat platform) failed or refused."""

    exit_status = 1


class RateLimited(RemoteFailure):
    """A remote service rate-limited us; ``reset_in`` is seconds until it resets, if known."""

    def __init__(self, message: str, reset_in: float | None = None):
        super().__init__(message)
        self.reset_in = reset_in
