"""Same-day churn: a change that takes back, in part, what the day's earlier changes did, before any release.

An evening's change replaces a macro and breaks the build; the next one fixes the compile error by putting the macro
back. A debug edit comments a call out; "fix debug edit" restores it. Each such follow-up removes only lines the
day's earlier changes (on the branch's first-parent line, since its last release) had added, and what it adds is
mostly what those changes had removed: the code goes back and forth, and no release had any of it. Users get the
day's net change, which the earlier changes' own analyses rate; this one is low.

``analysis.earlier_lines`` reads the lines against the day (``DayRework``); this module says when the shape holds:

- every product file it removes code lines from had all of them added by the day's earlier changes (at least one);
- at least half of the code lines it adds to product files put back lines the day's earlier changes removed (a
  rewrite of the day's new lines into new code of its own is a change of its own, rated on its own);
- it takes back no earlier change whole (that is a revert, and reverts have their own reading);
- nothing else but tests and docs beside it (a build file, a setting, a dependency are changes of their own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: files beside the churned code that say nothing of their own about what users get
_BESIDE = {"test", "doc", "example"}


def churned_back(e: Evidence) -> tuple[str, ...]:
    """The short SHAs of the day's earlier changes whose unreleased lines ``e`` churns back (nearest reading first),
    or () when the shape does not hold."""
    rework = e.day_rework
    if rework is None or not rework.files or rework.undone:
        return ()
    product = {f.path for f in e.product}
    if any(not e.classes[f.path] & _BESIDE for f in e.files if f.path not in product):
        return ()
    mine = [rework.files[path] for path in product if path in rework.files]
    reworked = [f for f in mine if f.removed]
    if not reworked or any(not f.earlier for f in reworked):
        return ()
    added = sum(f.added for f in mine)
    if not added or 2 * sum(f.restored for f in mine) < added:
        return ()
    return tuple(dict.fromkeys(sha for f in reworked for sha in f.earlier))
