"""The author's own words in the code: the first explanatory comment a commit adds to its product code, quoted when
the message says nothing beyond its title ("fix error/abort handling" and a comment saying why the request body is
drained before ``next(err)``). A comment is quoted only as it was written, never paraphrased."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: languages whose line comments start with ``#`` (in C, ``#`` opens a preprocessor directive, not a comment)
_HASH_COMMENTS = (".py", ".pyi", ".rb", ".sh", ".bash", ".pl", ".r", ".jl", ".ex", ".exs", ".nim", ".cr")
_SLASH_COMMENTS = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".go", ".rs", ".java", ".kt",
                   ".kts", ".scala", ".swift", ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".cs", ".php", ".dart",
                   ".zig")
_SLASH = re.compile(r"^\s*(?://+!?|/\*+(?!\*)|\*+(?!/))\s?(?P<text>.*?)\s*(?:\*+/)?\s*$")
_HASH = re.compile(r"^\s*#+(?![!\[])\s?(?P<text>.*?)\s*$")
#: a doc comment's opening (``/**``, ``///``, ``//!``): the documentation of what follows, said with the symbol
_DOC_OPENING = re.compile(r"^\s*(?:/\*\*|///|//!)")
#: comments that are instructions to a tool, a licence, or a note of work left: not words about the change
_NOT_EXPLAINING = re.compile(
    r"copyright|licen[cs]e|spdx|eslint|prettier|noqa|nolint|pylint|type:\s*ignore|@ts-|istanbul|c8 ignore|"
    r"clang-format|go:build|\+build|pragma|^(?:todo|fixme|xxx|hack)\b|^@\w+", re.I)
#: the most of a comment quoted, in characters
MAX_QUOTE = 300
#: the names in a comment: ``code``, a capitalised word (``GetFrom``, ``Watchers``), a dotted or called name
_NAMES = re.compile(r"`[^`]*`|\b[A-Z]\w*|\b\w+(?:\.\w+)+|\b\w+\(\)")
#: the least an explanation says
_MIN_WORDS = 8
_WORD = re.compile(r"^[(\"']?[A-Za-z][a-z]*[,.;:)\"']*$")
_ITEM = re.compile(r"^[-*•]\s+")
#: a comment line shorter than this that ends without a stop, before a capital letter, ends its sentence
_WRAPPED = 60


def _marker(path: str) -> re.Pattern | None:
    lower = path.lower()
    return _HASH if lower.endswith(_HASH_COMMENTS) else _SLASH if lower.endswith(_SLASH_COMMENTS) else None


#: a hunk header naming a test scope (``@@ -663,6 +731,65 @@ mod test {``, ``class TestParser``, ``def test_x``,
#: ``describe("...``): a comment there describes a test, not why the product changed
_TEST_SCOPE = re.compile(r"^@@[^@]*@@.*(?:\bmod tests?\b|\b(?:class|def|fn|func)\s+_*[Tt]est|"
                         r"\b(?:describe|it)\(|@Test\b)")
#: a line opening a test module or a test function (Rust's ``#[cfg(test)]``, ``mod tests {``, ``#[test]``): the rest of
#: the hunk is test code, as such modules sit at the end of the file
_TEST_MODULE = re.compile(r"^[ +-]\s*(?:#\[(?:cfg\(test\)|(?:\w+::)*test)\]|(?:pub\s+)?mod tests?\s*\{)")


def _outside_tests(patch: str) -> str:
    """The patch less what lies in a test scope of a product file: hunks whose header names one, and the rest of
    a hunk after a line opening a test module (a Rust file's ``mod test``)."""
    kept, keep = [], True
    for line in patch.splitlines():
        if line.startswith("@@"):
            keep = not _TEST_SCOPE.match(line)
        elif _TEST_MODULE.match(line):
            keep = False
        if keep:
            kept.append(line)
    return "\n".join(kept)


def _blocks(patch: str, marker: re.Pattern, elsewhere: frozenset[str] = frozenset()) -> Iterable[list[str]]:
    """Runs of added comment lines, each as its lines' text: whole comments only (not a doc comment, nor lines added
    to a comment the patch keeps, whose run starts or ends mid-sentence: its neighbour in the new file, the
    removed lines passed over; a comment rewritten whole stands alone), written anew (not a comment
    the patch, or another file's patch (``elsewhere``), removes: moved with its code). A line opening with ``*``
    continues a ``/* .. */`` comment only (``*ptr = 0;`` alone is C code)."""
    block: list[str] = []
    doc = partial = False
    moved = True  # every line of the block is one the patch removes elsewhere: the comment moved with its code
    previous = ""
    removed = set(changed_lines(patch)[0]) | elsewhere
    unclosed = False  # the block's ``/*`` not closed yet: its next lines are the comment's, ``*`` or not
    for line in [*patch.splitlines(), ""]:
        text = line[1:] if line[:1] in "+- " else None
        added = line.startswith("+") and not line.startswith("+++")
        if unclosed and block and added:  # ``/* ... incoming`` then ``   HEADER frame. */``: one sentence
            part = text.strip()
            block.append(re.sub(r"^\*+(?!/)\s?", "", part).removesuffix("*/").rstrip())
            moved = moved and part in removed
            unclosed = "*/" not in part
            previous = ""
            continue
        is_comment = text is not None and bool(marker.match(text)) and (
            marker is _HASH or text.lstrip().startswith(("//", "/*")) or (bool(block) and text.lstrip().startswith("*")))
        if is_comment and added:
            if not block:
                doc = bool(_DOC_OPENING.match(text))
                partial = previous == "comment"
            block.append(marker.match(text).group("text"))
            moved = moved and text.strip() in removed
            if marker is _SLASH and (opening := text.strip()).startswith("/*"):
                unclosed = "*/" not in opening
        else:
            if block and not doc and not partial and not is_comment and not moved:
                yield block
            block, doc, partial, moved, unclosed = [], False, False, True, False
        if line.startswith("-"):
            continue  # lines the patch removes are not in the new file: the line kept above is the block's neighbour
        previous = "comment" if is_comment and not line.startswith("+") else ""


def _joined(lines: list[str]) -> str:
    """A block's lines as one text: a line opening with ``-`` starts an item, items joined by ``;``; a line of code
    or a bare address inside the comment is left out; a short line before a capital letter ends its sentence."""
    items: list[str] = []
    previous = ""
    for line in (ln.strip() for ln in lines):
        tokens = line.split()
        code_line = len(tokens) >= 3 and len([t for t in tokens if _WORD.match(t)]) < 0.5 * len(tokens)
        if not tokens or code_line or re.fullmatch(r"<?https?://\S+>?", line):
            previous = ""
            continue  # a line of code or a bare address; a short tail (``http.disconnect (#3627).``) goes on
        if _ITEM.match(line) or not items:
            items.append(_ITEM.sub("", line))
        else:
            # (after a blank comment line ``previous`` is empty: the paragraph ends, unless its last line ended it)
            ends = len(previous) < _WRAPPED and line[:1].isupper() and not items[-1].endswith(tuple(".!?:;,"))
            items[-1] += (". " if ends else " ") + line
        previous = line
    return "; ".join(item.rstrip(";") for item in items)


def _explains(text: str) -> bool:
    """Prose, not code commented out or a tool's instruction: enough words, most tokens plain words."""
    tokens = text.split()
    words = [t for t in tokens if _WORD.match(t)]
    return (len(words) >= _MIN_WORDS and len(words) >= 0.6 * len(tokens) and not _NOT_EXPLAINING.search(text)
            and not text.rstrip().endswith((";", "{", "}", ",")))


def added_explanation(files: Iterable[FileChange]) -> tuple[str, str] | None:
    """(path, text) of the first explanatory comment the files' patches add, the files taken largest first. A file
    the commit adds is left out (its comments document the new file, not why existing code changed: "Unwrap is safe
    because of the above check" in a new module), and so are hunks in a test scope ("Test that single quotes and
    spaces are encoded" in a Rust file's ``mod test``), and so is a comment another file loses (moved there with
    the method it documents)."""
    files = list(files)
    removed = frozenset(line for change in files for line in changed_lines(change.patch)[0])
    said: list[tuple[str, str]] = []
    for change in sorted(files, key=lambda f: -f.changes):
        marker = _marker(change.path)
        if marker is None or not change.patch or change.status == "added":
            continue
        said += [(change.path, _joined(block)) for block in _blocks(_outside_tests(change.patch), marker, removed)]
    # a comment whose words come back with only the names changed ("GetFrom returns the From field if it's
    # non-nil, zero value otherwise." beside "GetWatchers returns the Watchers field ...") is a generator's
    # template stamped on each accessor: no one's reason for the change
    shapes = Counter(_shape(text) for _, text in said)
    return next(((path, text) for path, text in said if _explains(text) and shapes[_shape(text)] == 1), None)


def _shape(text: str) -> str:
    """A comment's words with its names (capitalised or dotted words, code spans) blanked out."""
    return _NAMES.sub("_", text)
