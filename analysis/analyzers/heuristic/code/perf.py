"""Performance work: how titles, messages and C/C++ hunks say code gets faster, and which such edits keep behaviour."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_CPP_SOURCES = (".c", ".cc", ".cpp", ".cxx", ".c++")
_CPP_HEADERS = (".h", ".hh", ".hpp", ".hxx", ".h++", ".inl", ".ipp")
HEADERS, CPP_SOURCES = _CPP_HEADERS, _CPP_SOURCES
#: perf work a title names without the word "performance": a copy, an allocation or a clone avoided, an object built
#: in place, an argument passed by reference, capacity reserved up front (C++, Rust and Java idioms)
PERF_TITLE = re.compile(
    r"\b(avoid\w*|skip\w*|eliminat\w*|sav(e|es|ed|ing)|reduc\w*|fewer|less|no|without)\s+(\S+\s+){0,2}?"
    r"(copy|copies|copying|allocations?|allocating|re-?allocations?|clones?|cloning|heap)\b|"
    r"\b(directly|in[- ]place) construct\w*|\bconstruct\w* \S+( \S+)? (directly|in[- ]place)\b|\bemplace\w*|"
    r"\bby (const )?ref(erence)?\b|\breserve\w* (capacity|memory|space)\b|\bpre-?allocat\w*|"
    # "Don't allocate in X", "cache cell width to avoid per-frame width recomputes": work not done again
    r"\b(avoid\w*|skip\w*|eliminat\w*|reduc\w*|fewer|less|no|without|don'?t|do not|prevent\w*)\s+(\S+\s+){0,3}?"
    r"(allocat(e|es|ed|ing|ions?)|clones?|cloning|recomput\w*|recalculat\w*|re-?evaluat\w*)\b|"
    # "Avoid quadratic behaviour in X", "Avoid O(n^2) string concatenation": the algorithm's complexity
    r"\bquadratic\b|\bO\(\s*n\s*(\^\s*2|²|\*\s*n)\s*\)", re.I)
#: a title whose verb is "inline": with the diff agreeing (a definition moved into its header, ``inline`` or
#: ``#[inline]`` added), the call overhead goes
INLINE_TITLE = re.compile(r"^\s*inline\b", re.I)
_INLINE_MARK = re.compile(r"^\s*(#\[inline(\(\w+\))?\]|.*\binline\b)")
#: a measured speed-up: a number with its unit, and a word saying it is about speed, in one sentence of the message
_MEASURE = re.compile(r"(?<![\w.])\d+(\.\d+)?\s*(%|x\b|×|times\b|ms\b|ns\b|µs\b|us\b)", re.I)
_SPEED = re.compile(r"\b(perf\w*|faster|slower|speed\w*|benchmark\w*|throughput|latency|hot ?path|"
                    r"improv\w* (the )?(runtime|run time|time))\b|"
                    # a rate is a speed: ``63.2 -> 80.5 GB/s (+27%)``, ``12k ops/sec``, ``350 ns/op``
                    r"\d\s*[kmgt]?i?b/s\b|\b(ops|op|req|requests|it|items|rows)/s(ec)?\b|\bns/op\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
#: a move cast: ``std::move(x)`` or a project's macro wrapping it (``FOO_MOVE(x)``)
_MOVE_CAST = re.compile(r"\bstd::move\s*\(|\b[A-Z][A-Z0-9_]*_MOVE\s*\(")
_MOVE_TITLE = re.compile(r"\bmov(e|es|ed|ing)\b", re.I)
_TOKEN = re.compile(r"\w+|::|->|&&|[^\w\s]")
_QUALIFIER = re.compile(r"\b\w+\s*::\s*(?=~?\w+\s*\()|\b\w+\s*::\s*(?=operator\b)")
_INCLUDE = re.compile(r"^\s*#\s*include\b")
_COMMENT = re.compile(r"^\s*(//|/\*|\*)")
#: a data member declared ``Type name;`` (C++) with an optional default
_MEMBER = re.compile(r"^\s*(?!return\b|using\b|typedef\b|friend\b)(?P<type>[\w:<>,*& ]+?[\w>*&])\s+(?P<name>m?_?\w+)"
                     r"\s*(=[^;]*|\{[^;]*\})?;\s*(//.*)?$")


def _changed(patch: str | None) -> tuple[list[str], list[str]]:
    return changed_lines(patch, strip=False)  # indentation kept: the perf readings look at it


def _code(lines: list[str]) -> list[str]:
    return [ln for ln in lines if ln.strip() and not _COMMENT.match(ln) and not _INCLUDE.match(ln)]


def _code_sides(files: Iterable[FileChange]) -> tuple[list[str], list[str]]:
    """The code lines (not blank, comments or includes) the files' hunks remove, and those they add."""
    old: list[str] = []
    new: list[str] = []
    for f in files:
        removed, added = _changed(f.patch)
        old += _code(removed)
        new += _code(added)
    return old, new


def _tokens(lines: Iterable[str], drop: frozenset[str] = frozenset()) -> Counter:
    return Counter(t for ln in lines for t in _TOKEN.findall(_QUALIFIER.sub("", ln)) if t not in drop)


def perf_titled(title: str) -> bool:
    """The title names perf work by one of its idioms (a copy or an allocation avoided, built in place...)."""
    return bool(PERF_TITLE.search(title))


def measured_sentence(text: str) -> str | None:
    """The first sentence of the message that gives a measurement (``10%``, ``2x``, ``40 ms``) of speed."""
    return next((" ".join(s.split()) for s in _SENTENCE.split(text) if _MEASURE.search(s) and _SPEED.search(s)), None)


#: a line of a tool's output pasted into the message: indented four spaces (or a tab), or inside a ``` fence
_OUTPUT_LINE = re.compile(r"^(?: {4}|\t)")


def measured_output(text: str) -> tuple[int, str] | None:
    """A benchmark's output pasted into the message (an indented or fenced block with two or more measured lines):
    (its measured lines, the prose sentence just before it); None when the measurement is in the prose."""
    lines, fenced, block, prose, found = text.splitlines(), False, [], [], None
    for line in [*lines, ""]:
        if line.strip().startswith("```"):
            fenced = not fenced
            continue
        if fenced or (_OUTPUT_LINE.match(line) and line.strip()):
            block.append(line)
            continue
        if block:
            measured = sum(1 for ln in block if _MEASURE.search(ln))
            if measured >= 2 and found is None:
                sentences = [s for s in _SENTENCE.split(" ".join(prose).strip()) if s.strip()]
                found = (measured, " ".join(sentences[-1].split()) if sentences else "")
            block = []
        if line.strip():
            prose.append(line.strip())
    if found is None or (measured_sentence("\n".join(ln for ln in lines if not _OUTPUT_LINE.match(ln))) is not None):
        return None  # none pasted, or the prose itself gives a figure: that sentence is the quote
    return found


#: hyperfine's verdict over its runs: "'./fd-jemalloc ...' ran" then "1.23 ± 0.03 times faster than './fd-sys-alloc ...'"
_HYPERFINE = re.compile(r"^[ \t]*(?P<fast>\S[^\n]*?)[ \t]+ran[ \t]*\n[ \t]*(?P<times>[\d.]+[ \t]*±[ \t]*[\d.]+)[ \t]+"
                        r"times faster than[ \t]+(?P<slow>[^\n]+)", re.M)


def hyperfine_verdict(text: str) -> str | None:
    """hyperfine's summary pasted into the message, as one line ("'a' ran 1.23 ± 0.03 times faster than 'b'"): the
    measurement the runs' timings lead to (the first benchmark's timing alone is only the baseline's)."""
    match = _HYPERFINE.search(text)
    return (f"{match.group('fast').strip()} ran {match.group('times')} times faster than "
            f"{match.group('slow').strip()}") if match else None


#: a time measured before and after in one sentence: "writes drop from 3324ms to 319ms"
_TIME = r"\d[\d.,]*\s*(?:ms|ns|µs|us|s|sec|seconds?|min)\b"
_TIMED_PAIR = re.compile(rf"\bfrom\s+{_TIME}.{{0,30}}?\bto\s+{_TIME}", re.I)


def timed_sentence(text: str) -> str | None:
    """The first sentence of the message that times the work before and after ("from 3324ms to 319ms"), for the
    text to quote where ``measured_sentence`` finds no speed word (the judge's ``measured_speedup`` is unchanged)."""
    return next((" ".join(s.split()) for s in _SENTENCE.split(text) if _TIMED_PAIR.search(s)), None)


#: a line of a before/after measurement (a table row or a list item): its label and a time
_TIMED = re.compile(r"^[\s|*-]*(?P<side>before|after|old|new|baseline)\b.*?(?<![\w.])\d+(\.\d+)?\s*(s|sec|ms|ns|µs|us|min)\b",
                    re.I | re.M)


def measured_speedup(text: str) -> bool:
    """One sentence of the message gives a measurement of speed, or the message times the work before and after
    (``| Before | 1.30 s |`` / ``| After | 0.27 s |``): a measured speed-up."""
    sides = {m.group("side").lower() for m in _TIMED.finditer(text)}
    return measured_sentence(text) is not None or bool(sides & {"before", "old", "baseline"} and sides & {"after", "new"})


def _moves(f: FileChange) -> int:
    old, new = _changed(f.patch)
    return sum(len(_MOVE_CAST.findall(ln)) for ln in new) - sum(len(_MOVE_CAST.findall(ln)) for ln in old)


def moves_added(files: Iterable[FileChange]) -> list[str]:
    """The files whose hunks add move casts (``std::move``, a ``*_MOVE`` macro): values handed over, not copied."""
    return [f.path for f in files if _moves(f) > 0]


def by_reference_only(files: list[FileChange]) -> bool:
    """C/C++ hunks whose only edit is parameters now taken by (const) reference: callers' code and results are
    unchanged, a copy of the argument goes."""
    if not files or not all(f.path.lower().endswith(_CPP_SOURCES + _CPP_HEADERS) and f.patch for f in files):
        return False
    old, new = _code_sides(files)
    drop = frozenset({"const", "&"})
    return bool(old) and _tokens(old, drop) == _tokens(new, drop) and _tokens(new)["&"] > _tokens(old)["&"]


def inlined_into_header(files: list[FileChange]) -> bool:
    """C/C++ definitions moved from source files into their headers, the same tokens: the source files only lose
    lines, and what the headers add is those lines (less the ``Class::`` qualifier), each declaration they replace
    dropped. The logic is unchanged; the compiler can inline it."""
    sources = [f for f in files if f.path.lower().endswith(_CPP_SOURCES)]
    headers = [f for f in files if f.path.lower().endswith(_CPP_HEADERS)]
    if not sources or not headers or len(sources) + len(headers) != len(files):
        return False
    lost: list[str] = []
    for f in sources:
        removed, added = _changed(f.patch)
        if _code(added):
            return False
        lost += _code(removed)
    declarations, gained = _code_sides(headers)
    if not lost or not gained or not all(ln.rstrip().endswith(";") for ln in declarations):
        return False
    pool = _tokens(lost + declarations)
    gain = _tokens(gained)
    # every token the headers gain comes from the moved definitions; what is left over is only the declarations'
    return not (gain - pool) and not (_tokens(lost) - gain)


#: a Rust inlining hint on a line of its own, added or removed in a diff: ``+    #[inline]``
_INLINE_HINT_LINE = re.compile(r"^[+-]\s*#\[inline(?:\(\w+\))?\]\s*$")


def without_inline_hints(patch: str | None) -> str | None:
    """``patch`` without the Rust ``#[inline]`` lines it adds or removes: a hint to the optimiser, the same program
    (the code a formatter or a documentation pass lays out anew reads the same with or without it)."""
    if not patch:
        return patch
    return "\n".join(ln for ln in patch.splitlines() if not _INLINE_HINT_LINE.match(ln)) + "\n"


def inlined(files: list[FileChange]) -> bool:
    """The diff inlines code: definitions moved into headers, or ``inline`` / ``#[inline]`` added."""
    if inlined_into_header(files):
        return True
    return any(_INLINE_MARK.match(ln) for f in files for ln in _code(_changed(f.patch)[1]))


def members_retyped(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(member, old type, new type) of C/C++ data members declared anew under the same name with another type
    (``std::string m_name;`` -> ``StringRef m_name;``): what the object owns or how it stores it changes."""
    out = []
    for f in files:
        if not f.path.lower().endswith(_CPP_SOURCES + _CPP_HEADERS):
            continue
        removed, added = _changed(f.patch)
        before = {m.group("name"): m.group("type").strip() for ln in removed if (m := _MEMBER.match(ln))}
        after = {m.group("name"): m.group("type").strip() for ln in added if (m := _MEMBER.match(ln))}
        out += [(name, before[name], kind) for name, kind in after.items() if name in before and before[name] != kind]
    return out


def moves_titled(title: str, files: list[FileChange]) -> bool:
    """The title says values are moved, and the hunks add move casts: a copy replaced by a move."""
    return bool(_MOVE_TITLE.search(title) and moves_added(files))


_NOT_PERF = re.compile(r"\b(fix\w*|bug\w*|crash\w*|regression|broken|incorrect\w*|wrong\w*|leak\w*)\b", re.I)


def perf_work(title: str, body: str, behaviour: list[FileChange], untyped: bool) -> bool:
    """Product code made faster, by the title's idiom (a copy avoided, inlined, moved instead of copied) or, when
    the title names no other kind of change (``untyped``), by a speed-up the message measures; a title naming a bug
    keeps it a fix."""
    if not behaviour or _NOT_PERF.search(title):
        return False
    return bool(perf_titled(title) or (INLINE_TITLE.match(title) and inlined(behaviour))
                or moves_titled(title, behaviour) or (untyped and measured_speedup(body)))


#: an added branch and an added early return: a fast path taken before the general code
_BRANCH = re.compile(r"^\s*(\}\s*else\s+)?if\b")
_RETURN = re.compile(r"^\s*return\b")


def fast_path_added(files: Iterable[FileChange]) -> bool:
    """A file gains a condition and a return of its own: a new path through the code for some inputs (a speed-up
    that computes differently for them), not the same logic inlined or copied less."""
    for f in files:
        added = changed_lines(f.patch)[1]
        if any(_BRANCH.match(line) for line in added) and any(_RETURN.match(line) for line in added):
            return True
    return False
