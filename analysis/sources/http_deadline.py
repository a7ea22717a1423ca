"""A total deadline for each HTTP answer PyGithub reads: its ``timeout`` bounds one socket read, not a whole answer.

A server that drips a byte every few seconds never trips a per-read timeout; ``with_deadline`` gives
PyGithub a connection class whose requests adapter reads the body in small pieces and gives up
(``requests.exceptions.ReadTimeout``) once the whole answer has taken longer than the deadline.
"""

from __future__ import annotations

import functools
import time

import requests
from requests.adapters import HTTPAdapter

READ_PIECE = 64 * 1024


class DeadlineAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` that reads each answer's body within ``total`` seconds of sending the request."""

    def __init__(self, total: float, **kwargs):
        super().__init__(**kwargs)
        self.total = total

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        started = time.monotonic()
        response = super().send(request, stream=True, timeout=timeout, verify=verify, cert=cert, proxies=proxies)
        if stream:
            return response
        pieces = []
        try:
            while True:
                # read1 returns what has arrived (one socket read), so the deadline is checked between reads
                piece = response.raw.read1(READ_PIECE, decode_content=True)
                if not piece:
                    break
                pieces.append(piece)
                if time.monotonic() - started > self.total:
                    raise requests.exceptions.ReadTimeout(
                        f"no complete answer within {self.total:g} s", request=request, response=response)
        except BaseException:
            response.close()  # never back to the pool half read
            raise
        response._content = b"".join(pieces)
        response._content_consumed = True
        response.raw.release_conn()
        return response


@functools.cache
def _deadline_class(base: type, total: float) -> type:
    class WithDeadline(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.adapter = DeadlineAdapter(total, max_retries=self.retry, pool_connections=self.pool_size,
                                           pool_maxsize=self.pool_size)
            self.session.mount(f"{self.protocol}://", self.adapter)

    WithDeadline.__name__ = f"{base.__name__}WithDeadline"
    return WithDeadline


def with_deadline(requester, total: float) -> None:
    """Make ``requester`` (a PyGithub ``Requester``) read every answer within ``total`` seconds."""
    name = "_Requester__connectionClass"  # PyGithub picks it per requester from the URL's scheme
    setattr(requester, name, _deadline_class(getattr(requester, name), float(total)))
