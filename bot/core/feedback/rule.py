"""The learning rule of feedback: which (area, change type) a channel taught to show one level lower or higher.

A vote says one change matters ``less`` or ``more`` in one channel. The rule learns from changes, not
from clicks: each voted change leans one way (its users' ``less`` votes minus their ``more`` votes,
ties cancel) and lends that lean to every feature it has, its change type and each of its areas (the
top-level directory of a path, or the file's name at the top level). A feature whose changes lean one
way by at least ``LESSON_COMMITS`` (net: changes leaning the other way count against it) is a lesson.

Why three changes: one change voted down by five people is one example, not a pattern, and two can
be the same piece of work landing in two commits; three distinct changes leaning the same way is a
habit of the channel, reachable within a few days of use, and a single contrary vote does not undo it.

A lesson moves importance one level, never more: a change is shown one level higher when any lesson
it matches says ``more`` (what a channel asked to see must not be hidden by another lesson), else one
level lower when its change type was taught ``less`` or every one of its areas was (a change that also
touches an area the channel never demoted keeps its importance).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from analysis.models import IMPORTANCE_ORDER

VOTES = ("less", "more")
#: distinct changes (net) that must lean the same way before a feature's importance moves
LESSON_COMMITS = 3
#: areas kept per vote (a change touching more top-level areas than this teaches about the first ones)
MAX_AREAS = 20


@dataclass(frozen=True)
class Vote:
    """One member's vote on one change, with what the rule learns from: its type and areas."""

    sha: str
    user: str
    vote: str  # "less" | "more"
    importance: str  # what the analyzer rated the change
    change_type: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class Lesson:
    """A feature (``kind`` "area" or "type", its ``value``) shown ``shift`` levels off (-1 lower, +1 higher)."""

    kind: str
    value: str
    shift: int
    commits: int  # the net number of changes that taught it


def areas_of(paths: list[str]) -> tuple[str, ...]:
    """The top-level areas of ``paths``, in first-seen order: ``src/a/b.py`` -> ``src/``, ``README.md`` as is."""
    found: dict[str, None] = {}
    for path in paths:
        path = str(path).strip().lstrip("/")
        if not path:
            continue
        head, sep, _ = path.partition("/")
        found.setdefault(head + "/" if sep else head, None)
    return tuple(found)[:MAX_AREAS]


def is_disagreement(vote: str, importance: str) -> bool:
    """Whether ``vote`` asks for a level the analyzer did not give: "less" on medium or high, "more" on medium or low.

    "less" on a low change or "more" on a high one asks for no other level: it agrees with the analyzer.
    """
    if importance not in IMPORTANCE_ORDER:
        return False
    return importance != "low" if vote == "less" else importance != "high"


def learn(votes: list[Vote], threshold: int = LESSON_COMMITS) -> list[Lesson]:
    """The lessons of one channel's ``votes`` on one repository (sorted: types first, then areas, by name)."""
    lean: dict[str, int] = defaultdict(int)
    features: dict[str, tuple[str, tuple[str, ...]]] = {}
    for vote in votes:
        lean[vote.sha] += 1 if vote.vote == "less" else -1
        features[vote.sha] = (vote.change_type, vote.areas)
    net: dict[tuple[str, str], int] = defaultdict(int)
    for sha, total in lean.items():
        direction = (total > 0) - (total < 0)
        if not direction:
            continue
        change_type, areas = features[sha]
        net[("type", change_type)] += direction
        for area in areas:
            net[("area", area)] += direction
    lessons = [Lesson(kind, value, -1 if count > 0 else 1, abs(count))
               for (kind, value), count in net.items() if abs(count) >= threshold]
    return sorted(lessons, key=lambda lesson: (lesson.kind != "type", lesson.value))


def matching(lessons: list[Lesson], change_type: str, areas: tuple[str, ...]) -> list[Lesson]:
    """The lessons that move a change of ``change_type`` touching ``areas`` (see the module docstring); may be []."""
    def applies(lesson: Lesson) -> bool:
        return lesson.value == change_type if lesson.kind == "type" else lesson.value in areas

    raising = [lesson for lesson in lessons if lesson.shift > 0 and applies(lesson)]
    if raising:
        return raising
    lowering = [lesson for lesson in lessons if lesson.shift < 0 and applies(lesson)]
    type_taught = any(lesson.kind == "type" for lesson in lowering)
    lowered_areas = {lesson.value for lesson in lowering if lesson.kind == "area"}
    if type_taught or (areas and lowered_areas >= set(areas)):
        return lowering
    return []


def shifted(importance: str, shift: int) -> str:
    """``importance`` moved ``shift`` levels (positive: higher), kept within high .. low."""
    if importance not in IMPORTANCE_ORDER or not shift:
        return importance
    index = IMPORTANCE_ORDER.index(importance) - (1 if shift > 0 else -1)
    return IMPORTANCE_ORDER[min(max(index, 0), len(IMPORTANCE_ORDER) - 1)]
