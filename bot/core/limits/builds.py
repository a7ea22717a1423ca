"""How many digest builds (``now``, ``explain``) a user and a channel may have: in flight and per window.

A member asking for 20 digests at once gets a couple built and a one-sentence answer for the rest,
instead of 20 digests' worth of GitHub and LLM calls. The scheduler's digests are not counted.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator

from analysis.errors import BadInput

#: builds one user may have under way at once, and one channel
USER_IN_FLIGHT, CHANNEL_IN_FLIGHT = 2, 4
#: the window the per-user and per-channel counts cover
WINDOW_SECONDS = 600.0


class LimitReached(BadInput):
    """Too many builds asked for by this user or in this channel; the message says when to try again."""


class BuildLimits:
    """Counts builds per user and per channel; ``build(user, channel)`` holds a slot or raises LimitReached."""

    def __init__(self, per_user: int, per_channel: int, *, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.per_user, self.per_channel, self.window, self.clock = per_user, per_channel, window, clock
        self._in_flight: dict[str, int] = defaultdict(int)
        self._started: dict[str, deque[float]] = defaultdict(deque)

    def _forget_old(self, now: float) -> None:
        """Drop builds older than the window; users and channels that stopped asking cost no memory."""
        for key in list(self._started):
            started = self._started[key]
            while started and started[0] <= now - self.window:
                started.popleft()
            if not started:
                del self._started[key]

    def _check(self, key: str, who: str, in_flight: int, per_window: int, now: float) -> None:
        if self._in_flight.get(key, 0) >= in_flight:
            raise LimitReached(f"{who} already {'have' if who == 'you' else 'has'} {in_flight} digests being "
                               "built; wait until they are posted, then ask again")
        recent = self._started.get(key, ())
        if len(recent) >= per_window:
            minutes = max(1, math.ceil((recent[0] + self.window - now) / 60))
            raise LimitReached(f"{who} asked for {len(recent)} digests in the last {self.window / 60:g} minutes, "
                               f"the most allowed; try again in {minutes} minute{'s' if minutes > 1 else ''}")

    @contextlib.contextmanager
    def build(self, user: str, channel: str) -> Iterator[None]:
        now = self.clock()
        self._forget_old(now)
        self._check(f"user {user}", "you", USER_IN_FLIGHT, self.per_user, now)
        self._check(f"channel {channel}", "this channel", CHANNEL_IN_FLIGHT, self.per_channel, now)
        keys = (f"user {user}", f"channel {channel}")
        for key in keys:
            self._in_flight[key] += 1
            self._started[key].append(now)
        try:
            yield
        finally:
            for key in keys:
                self._in_flight[key] -= 1
                if not self._in_flight[key]:
                    del self._in_flight[key]
