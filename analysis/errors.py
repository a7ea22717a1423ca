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
    """A remote service (GitHub, an LLM, a chat platform) failed or refused.

    ``code`` names the reason (``timeout``, ``rate_limited``, ...) and ``details`` its values
    (``model``, ``seconds``, ``status``), so a report can say it in its own language.
    """

    exit_status = 1

    def __init__(self, message: str, *, code: str | None = None, details: dict | None = None):
        super().__init__(message)
        self.code = code
        self.details = dict(details or {})


class RateLimited(RemoteFailure):
    """A remote service rate-limited us; ``reset_in`` is seconds until it resets, if known."""

    def __init__(self, message: str, reset_in: float | None = None, *, code: str | None = "rate_limited",
                 details: dict | None = None):
        super().__init__(message, code=code, details=details)
        self.reset_in = reset_in
