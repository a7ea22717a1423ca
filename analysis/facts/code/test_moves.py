"""Tests moved or renamed rather than removed and added: one ``test_added`` that says where the test was.

A test removed and one added under the same name in another file moved; a test removed and one added with the same
body (less its name) was renamed (or renamed and moved). Either pair becomes the added test with ``before`` its former
name (``old/path::name`` when it came from another file); the removal is dropped: no test was lost.

A test whose declaration line the hunk replaces in place by the other's, the line otherwise the same (``-func
TestTableWithLinks(t *testing.T) {`` then ``+func TestWrapPreStyledContent(t *testing.T) {``, fd's ``fn
success_with_empty_vec()`` -> ``fn success_when_no_results()``), was renamed too, though its body changed with it."""

from __future__ import annotations

import re

from analysis.facts.patches import FilePatch
from analysis.models import Fact


def _unique(facts: list[Fact], key) -> dict:
    """``key(fact)`` -> fact, for the keys exactly one fact has."""
    seen: dict = {}
    for fact in facts:
        seen.setdefault(key(fact), []).append(fact)
    return {k: group[0] for k, group in seen.items() if len(group) == 1}


def _pairs(removed: list[Fact], added: list[Fact], bodies: dict[int, str]) -> list[tuple[Fact, Fact]]:
    """(removed, added) pairs, one-to-one: same name in another file first, then the same body. An empty body (the
    hunks showed only the opening line change) pairs only within one file."""
    pairs: list[tuple[Fact, Fact]] = []
    used: set[int] = set()

    def body(fact: Fact) -> tuple:
        text = bodies.get(id(fact))
        return (text, "" if text else fact.path) if text is not None else (id(fact),)

    for key in (lambda f: f.symbol, body):
        olds = _unique([f for f in removed if id(f) not in used], key)
        news = _unique([f for f in added if id(f) not in used], key)
        for name, old in olds.items():
            new = news.get(name)
            if new is not None and (old.path, old.symbol) != (new.path, new.symbol):
                pairs.append((old, new))
                used.update((id(old), id(new)))
    return pairs


def _replaced_lines(patch: FilePatch) -> list[tuple[str, str]]:
    """(removed line, added line) at the same place of one run of ``-`` lines then ``+`` lines, over the hunks."""
    out: list[tuple[str, str]] = []
    for hunk in patch.hunks:
        minus: list[str] = []
        plus: list[str] = []
        for line in [*hunk.lines, None]:
            if line is not None and line.kind == "-":
                if plus:
                    out += zip(minus, plus)
                    minus, plus = [], []
                minus.append(line.text)
            elif line is not None and line.kind == "+":
                plus.append(line.text)
            else:
                out += zip(minus, plus)
                minus, plus = [], []
    return out


def _leaf(symbol: str) -> str:
    """The test's own name: ``tests::success_if_no_error`` -> ``success_if_no_error``, ``Suite > case`` -> ``case``."""
    return re.split(r"::|\.| > ", symbol)[-1]


def _renamed_in_place(removed: list[Fact], added: list[Fact],
                      patches: dict[str, FilePatch]) -> list[tuple[Fact, Fact]]:
    """(removed, added) tests of one file whose declaration lines the hunks swap in place, nothing but the name
    changed on the line."""
    pairs: list[tuple[Fact, Fact]] = []
    used: set[int] = set()
    for old in removed:
        patch = patches.get(old.path)
        name = _leaf(old.symbol or "")
        if patch is None or not name:
            continue
        for new in added:
            other = _leaf(new.symbol or "")
            if id(new) in used or new.path != old.path or not other or other == name:
                continue
            word = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])")
            if any(len(word.findall(a)) == 1 and word.sub(other, a).strip() == b.strip()
                   for a, b in _replaced_lines(patch)):
                pairs.append((old, new))
                used.add(id(new))
                break
    return pairs


def fold_test_moves(facts: list[Fact], bodies: dict[int, str],
                    patches: dict[str, FilePatch] | None = None) -> dict[int, Fact | None]:
    """For each fact of a moved or renamed test (by ``id``): the fact that replaces it (None: dropped).
    ``patches``: the commit's parsed patches by path, where a declaration renamed in place shows."""
    removed = [f for f in facts if f.kind == "test_removed"]
    added = [f for f in facts if f.kind == "test_added"]
    replace: dict[int, Fact | None] = {}
    pairs = _pairs(removed, added, bodies)
    paired = {id(f) for pair in pairs for f in pair}
    pairs += _renamed_in_place([f for f in removed if id(f) not in paired], [f for f in added if id(f) not in paired],
                               patches or {})
    for old, new in pairs:
        where = old.symbol if old.path == new.path else f"{old.path}::{old.symbol}"
        replace[id(old)] = None
        replace[id(new)] = new.model_copy(update={"before": where})
    # the same name left one file and came to another more than once: moved, though which went where is unclear
    names = {f.symbol for f in added if id(f) not in replace} & {f.symbol for f in removed if id(f) not in replace}
    replace.update((id(f), None) for f in removed + added if id(f) not in replace and f.symbol in names)
    return replace
