"""An interface file's lines that only lose ``final``: classes and members opened to subclasses, nothing taken away."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.code.hunks import changed_lines

#: the modifier that closes a class or member to subclasses (JVM API dumps, Java, Kotlin, C++ ``final``)
_FINAL = re.compile(r"\bfinal\s+")


def finals_dropped_only(patch: str | None) -> bool:
    """Every line the patch removes comes back among its added lines with only ``final`` dropped (``public final
    class Dialect`` -> ``public class Dialect``, ``public final fun isX ()Z`` -> ``public fun isX ()Z``), other added
    lines aside: what callers compiled against is all there, and subclasses may now extend or override what they
    could not. An API widened, as new lines are; ``final`` added (a class closed) is a removed line that does not
    come back."""
    removed, added = changed_lines(patch)
    removed = [line for line in removed if line]
    if not removed:
        return False
    opened = set(added)
    return all(_FINAL.search(line) and _FINAL.sub("", line) in opened for line in removed)
