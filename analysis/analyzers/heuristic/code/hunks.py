"""What the hunks alone show when the syntax facts are silent: comment-only edits, moved lines, changed literals."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.facts.code.block_comments import STRING as _STRING
from analysis.facts.code.block_comments import block_comment
from analysis.models import FileChange

#: line-comment and block-comment openers by file extension (C's ``#`` is a preprocessor line, not a comment)
_C_LIKE = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".java", ".js", ".mjs", ".cjs", ".jsx", ".ts",
           ".tsx", ".go", ".rs", ".kt", ".swift", ".scala", ".cs", ".dart", ".php")
_HASH = (".py", ".pyi", ".rb", ".sh", ".bash", ".pl", ".r", ".toml", ".yaml", ".yml", ".cmake")
#: a comment's line; a block comment's continuation is ``*`` alone or before a space or ``/``, while ``*ptr = 1;``
#: or ``*out++ = c;`` is a dereference, code
_C_COMMENT = re.compile(r"^(//|/\*|\*(?=\s|/|$))")
#: Rust's comments and its attributes that only shape the documentation (``#[doc = ...]``, ``#[cfg_attr(docsrs, ...)]``:
#: docs.rs' banners, built for the documentation only)
_RUST_COMMENT = re.compile(r"^(//|/\*|\*(?=\s|/|$)|#!?\[\s*(doc\b|cfg_attr\(\s*docsrs\b))")
_HASH_COMMENT = re.compile(r"^#")
#: a page or template file's one-line comment: HTML ``<!-- ... -->``, a Jinja/Django/Twig ``{# ... #}`` (a licence
#: header in a page template), not shown on the page (not XML: a comment in ``pom.xml`` is a build file's change)
_MARKUP = (".html", ".htm", ".xhtml", ".j2", ".jinja", ".jinja2", ".djhtml", ".twig")
_MARKUP_COMMENT = re.compile(r"^(<!--.*-->|\{#.*#\})$")
#: a comment after code on the same line
_C_TRAILING = re.compile(r"\s//.*$|/\*.*?\*/")
_HASH_TRAILING = re.compile(r"\s#.*$")
_TOKEN = re.compile(r"\w+|[^\w\s]")
#: languages where a backslash ending a line splices it to the next (a C macro's continuation, Python's and the
#: shell's explicit line joining): a line re-wrapped at another column gains or loses one, the same code
_SPLICED = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".py", ".pyi", ".sh", ".bash")
_SPLICE = re.compile(r"\\\s*$")
#: a pure move: at most this share of the moved lines may differ (an import or re-export line)
_MOVE_SLACK = 0.1
_MOVE_MIN_LINES = 6
#: a rename throughout: at most this many names on each side, each used this often, and this share of other edits
_RENAME_MAX_NAMES, _RENAME_MIN_USES, _RENAME_SLACK = 3, 3, 0.25
_IDENT = re.compile(r"[A-Za-z_]\w*")
#: a name declared: a local (``name :=``, ``name =`` but not ``==``, ``let``/``var``/``const``/``auto`` before it, or a
#: name among those a multiple assignment declares: ``writers, close, err :=``), or a function or method defined under
#: it (``func (r *T) name(``, ``def name(``, ``fn name<``), whose callers the same rename respells
_DECLARED = (r"\b(let|var|const|auto|mut|val)\s+{name}\b|(^|[\s,(])\b{name}\s*(,[\w\s,]*)?(:=|=(?!=))|"
             r"\b(func|def|fn|function|fun)\s+(\([^)]*\)\s*)?{name}\s*[(<\[]")
_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
_STATUS_NAME = re.compile(r"\b(?:StatusCode|HttpStatus|HTTPStatus|http\.Status|status)\s*(?:::|\.)\s*[A-Za-z_]\w*")
_STATUS_NUMBER = re.compile(r"^[1-5]\d\d$")
_LOGGING = re.compile(r"\b(log|logger|logging|debug|trace|console)\b\s*[.!(:]|\b(debug|trace|info|warn)!?\(", re.I)


def hunk_blocks(patch: str | None) -> list[str]:
    """A patch's ``@@`` blocks, each with git's header line (its function context); text before the first one, if
    any, comes first."""
    return re.split(r"(?m)^(?=@@)", patch or "")


def changed_lines(patch: str | None, strip: bool = True) -> tuple[list[str], list[str]]:
    """A patch's removed and added lines, without their ``-``/``+`` (stripped unless ``strip`` is False)."""
    removed, added = [], []
    for line in (patch or "").splitlines():
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:].strip() if strip else line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:].strip() if strip else line[1:])
    return removed, added



def _comment_marker(path: str) -> re.Pattern[str] | None:
    low = path.lower()
    if low.endswith(".rs"):
        return _RUST_COMMENT
    if low.endswith(_MARKUP):
        return _MARKUP_COMMENT
    return _C_COMMENT if low.endswith(_C_LIKE) else _HASH_COMMENT if low.endswith(_HASH) else None


def block_commented(path: str) -> bool:
    """``path``'s language writes ``/* .. */`` block comments (C, Java, JavaScript/TypeScript, Go, Rust, ...)."""
    return _comment_marker(path) in (_C_COMMENT, _RUST_COMMENT)


def is_comment_line(line: str, path: str) -> bool:
    """``line`` opens a comment in ``path``'s language (False in a language whose comments are not known here)."""
    marker = _comment_marker(path)
    return bool(marker and marker.match(line.strip()))


def code_tokens(lines: list[str], path: str) -> list[str] | None:
    """The code tokens of these lines in order, comment lines and trailing comments dropped (None in a language
    whose comments are not known here, or whose indentation is syntax: Python, YAML)."""
    marker = _comment_marker(path)
    if marker not in (_C_COMMENT, _RUST_COMMENT):
        return None
    kept = [_C_TRAILING.sub("", ln) for ln in lines if ln and not marker.match(ln)]
    return _TOKEN.findall(" ".join(kept))


def comment_lines_only(patch: str | None, path: str) -> bool:
    """Every changed line that is not blank is a comment in the file's language: it opens as one, or sits inside a
    ``/* ... */`` block the hunk opens above it (a licence header's ``Copyright 2019 The Authors.``)."""
    marker = _comment_marker(path)
    if marker is None:
        return False
    blocks = marker not in (_HASH_COMMENT, _MARKUP_COMMENT)  # ``/* */`` in a page is its CSS's, read as code
    sides = [_side_comment_lines(patch, dropped, marker, blocks) for dropped in ("+", "-")]
    return any(side is not None for side in sides) and all(side is not False for side in sides)


def _side_comment_lines(patch: str | None, dropped: str, marker: re.Pattern[str], blocks: bool) -> bool | None:
    """On one side of the patch (without ``dropped`` lines), whether every changed non-blank line is a comment
    (a block comment followed from its opening line in the hunk); None when the side changes no such line."""
    inside, seen = False, False
    for raw in (patch or "").splitlines():
        if raw.startswith("@@"):
            inside = False  # a hunk that starts within a block cannot tell: its lines are read as code
            continue
        if raw.startswith(("+++", "---")) or raw[:1] == dropped:
            continue
        line = raw[1:].strip()
        was_inside = inside
        code = False
        if blocks:
            inside, outside = block_comment(line, inside)
            code = bool(outside.split("//")[0].strip())
        if raw[:1] in "+-" and line:
            seen = True
            if not ((was_inside and not code) or marker.match(line)):
                return False
    return True if seen else None


#: languages whose single and double quotes make the same string (a formatter's quote style: ``'a'`` -> ``"a"``)
_EITHER_QUOTE_EXTS = (".py", ".pyi", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
#: a single-quoted string with no quote or escape inside: the same string double-quoted
_SINGLE_QUOTED = re.compile(r"'([^'\"\\\n]*)'")


_JS_EXTS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
#: JavaScript's spellings of one own-property check: ``Object.hasOwnProperty`` is inherited from
#: ``Object.prototype`` (as is ``{}.hasOwnProperty``), so each ``.call(obj, key)`` runs the same function
_OWN_PROPERTY_CHECK = re.compile(r"(\bObject(\.prototype)?|\{\s*\})\.hasOwnProperty\.call\(")


def layout_only(patch: str | None, path: str, ignored: frozenset[str] = frozenset()) -> bool:
    """The hunks lay the same code out anew: removed and added lines hold the same tokens once whitespace and comments
    are dropped (lines re-wrapped at another column, a C macro's line splices with them, comments re-flowed or
    moved, re-indented, a string's quotes swapped where both quote alike, JavaScript's own-property check spelt
    another way); ``ignored`` tokens (a formatter's redundant parentheses) do not count."""
    marker = _comment_marker(path)
    removed, added = changed_lines(patch)
    if not removed and not added:
        return False
    trailing = (_C_TRAILING if marker in (_C_COMMENT, _RUST_COMMENT) else
                _HASH_TRAILING if marker is _HASH_COMMENT else None)
    spliced = path.lower().endswith(_SPLICED)

    def tokens(lines: list[str]) -> Counter:
        kept = [trailing.sub("", ln) for ln in lines if not marker.match(ln)] if marker and trailing else lines
        kept = [_SPLICE.sub("", ln) for ln in kept] if spliced else kept
        return Counter(t for t in _TOKEN.findall(_spelt_one_way(" ".join(kept), path)) if t not in ignored)
    # as counts: a diff may show a re-wrapped line as kept and the lines around it as moved
    return tokens(removed) == tokens(added)


def respelled_only(patch: str | None, path: str) -> bool:
    """Each changed line comes back in its place, indented alike, with the same tokens in the same order once a
    string's quotes (Python, JS/TS) or JavaScript's own-property check are spelt one way: the same code."""
    if not path.lower().endswith(_EITHER_QUOTE_EXTS):
        return False
    removed, added = changed_lines(patch, strip=False)

    def indent(line: str) -> str:
        return line[: len(line) - len(line.lstrip())]
    pairs = list(zip(removed, added))
    return bool(removed) and len(removed) == len(added) and all(
        indent(old) == indent(new) and _TOKEN.findall(_spelt_one_way(old, path)) == _TOKEN.findall(
            _spelt_one_way(new, path)) for old, new in pairs) and any(old != new for old, new in pairs)
    # (every line the same text: a block moved elsewhere, not spelt anew)


def _spelt_one_way(text: str, path: str) -> str:
    """``text`` with what its language spells two ways spelt one way: a string's quotes where both quote alike
    (Python, JS/TS), JavaScript's own-property check, and its ``null``/``undefined`` written as a constant named after
    them (``const NULL = null``: the name a minifier can shorten, the same value)."""
    low = path.lower()
    if low.endswith(_EITHER_QUOTE_EXTS):
        text = _SINGLE_QUOTED.sub(r'"\1"', text)
    if not low.endswith(_JS_EXTS):
        return text
    text = _LITERAL_CONSTANT.sub(lambda m: m.group(1).lower(), text)
    return _OWN_PROPERTY_CHECK.sub("hasOwnProperty.call(", text)


#: JavaScript's ``null`` and ``undefined`` as constants named after them
_LITERAL_CONSTANT = re.compile(r"\b(NULL|UNDEFINED)\b")


def code_lines(patch: str | None, path: str) -> int:
    """Changed lines that are neither blank nor comments (all non-blank lines in a language not known here)."""
    marker = _comment_marker(path)
    removed, added = changed_lines(patch)
    return sum(1 for ln in removed + added if ln and not (marker and marker.match(ln)))


def comment_lines(patch: str | None, path: str) -> int:
    """Changed lines that are comments (0 in a language whose comments are not known here)."""
    marker = _comment_marker(path)
    removed, added = changed_lines(patch)
    return sum(1 for ln in removed + added if ln and marker and marker.match(ln))


#: a JavaScript/TypeScript declaration exported: ``export const dashify = ...`` moved into a module of its own is
#: the ``const dashify = ...`` it was, exported for the module it left to import back
_EXPORTED = re.compile(r"^export\s+(?=(?:async\s+)?(?:const|let|var|function|class|interface|type|enum)\b)")


def moved_lines(patches: Iterable[str | None], allowance: int = 0) -> bool:
    """Across these patches the removed lines and the added lines are (nearly) the same lines; ``allowance`` more
    lines may differ (the signature, call and closing line of a function a block was extracted into). A JavaScript
    declaration is the same line exported or not (moved to a module of its own, it is exported from there)."""
    removed, added = Counter(), Counter()
    for patch in patches:
        old, new = changed_lines(patch)
        removed.update(_EXPORTED.sub("", ln) for ln in old if ln)
        added.update(_EXPORTED.sub("", ln) for ln in new if ln)
    total = sum(removed.values()) + sum(added.values())
    if not removed or not added or total < 2 * _MOVE_MIN_LINES:
        return False
    differing = sum(((removed - added) + (added - removed)).values())
    return differing <= _MOVE_SLACK * total + allowance


def renamed_lines(patches: Iterable[str | None]) -> bool:
    """The removed and added lines are the same lines but for a few identifiers renamed throughout.

    (``format_str`` renamed ``fmt`` in every signature and member of a header.) The renamed names are those whose
    count drops or grows by at least ``_RENAME_MIN_USES``; with them masked, the lines must match as in a move.
    """
    removed: list[str] = []
    added: list[str] = []
    for patch in patches:
        old, new = changed_lines(patch)
        removed += [ln for ln in old if ln]
        added += [ln for ln in new if ln]
    before = Counter(t for ln in removed for t in _IDENT.findall(ln))
    after = Counter(t for ln in added for t in _IDENT.findall(ln))
    gone = {t for t, n in (before - after).items() if n >= _RENAME_MIN_USES}
    came = {t for t, n in (after - before).items() if n >= _RENAME_MIN_USES}
    if not gone or not came or len(gone) > _RENAME_MAX_NAMES or len(came) > _RENAME_MAX_NAMES:
        return False
    names = gone | came
    def masked(lines: list[str]) -> Counter[str]:
        return Counter(_IDENT.sub(lambda m: "ID" if m.group(0) in names else m.group(0), ln) for ln in lines)
    old_lines, new_lines = masked(removed), masked(added)
    total = len(removed) + len(added)
    differing = sum(((old_lines - new_lines) + (new_lines - old_lines)).values())
    return total >= 2 * _MOVE_MIN_LINES and differing <= _RENAME_SLACK * total


def renamed_identifiers(patches: Iterable[str | None]) -> list[tuple[str, str]]:
    """``[(old, new)]`` when every changed line comes back in its place with only those names respelled, the same
    way each time (``close`` -> ``closeAll`` in a declaration and at each use); empty when anything else changed.

    A narrower reading than ``renamed_lines``: line by line, for a local renamed in a few lines. A rename, not one
    call put in another's place: each old name is declared in the removed lines (``close := ...``, ``let x``), used
    there at least twice, and not left in the hunks' unchanged lines."""
    renames: dict[str, str] = {}
    removed_all: list[str] = []
    context: set[str] = set()
    for patch in patches:
        removed, added = changed_lines(patch)
        pairs = list(_pairs(patch))
        if len(pairs) != len(removed) or len(pairs) != len(added):
            return []
        for old, new in pairs:
            if _IDENT.sub("ID", old) != _IDENT.sub("ID", new):
                return []
            for a, b in zip(_IDENT.findall(old), _IDENT.findall(new)):
                if a != b and renames.setdefault(a, b) != b:
                    return []
        removed_all += removed
        context |= {t for ln in (patch or "").splitlines() if ln.startswith(" ") for t in _IDENT.findall(ln)}
    uses = Counter(t for ln in removed_all for t in _IDENT.findall(ln))
    if not 0 < len(renames) <= _RENAME_MAX_NAMES or context & set(renames):
        return []
    declared = all(uses[old] >= 2 and any(re.search(_DECLARED.format(name=re.escape(old)), ln) for ln in removed_all)
                   for old in renames)
    return list(renames.items()) if declared else []


def _pairs(patch: str | None) -> Iterable[tuple[str, str]]:
    """A removed line and the added line in its place, within one run of ``-`` then ``+`` lines."""
    minus: list[str] = []
    plus: list[str] = []
    for line in (patch or "").splitlines() + [" "]:
        if line.startswith("-") and not line.startswith("---"):
            if plus:
                yield from zip(minus, plus)
                minus, plus = [], []
            minus.append(line[1:].strip())
        elif line.startswith("+") and not line.startswith("+++"):
            plus.append(line[1:].strip())
        else:
            yield from zip(minus, plus)
            minus, plus = [], []


def _prose(strings: set[str]) -> bool:
    """Texts a person reads (words with spaces), not paths, versions, keys or format specs."""
    return bool(strings) and all(len(re.findall(r"[A-Za-z]{2,}", s)) >= 2 and " " in s.strip("\"'`") for s in strings)


def _masked(line: str) -> str:
    return _NUMBER.sub("0", _STATUS_NAME.sub("STATUS", _STRING.sub('""', line)))


def literal_changes(files: Iterable[FileChange]) -> dict[str, list[str]]:
    """Paths whose lines of code changed only in literals: HTTP-like status codes (``status``) or texts
    (``message``); comment lines are no code."""
    out: dict[str, list[str]] = {"status": [], "message": []}
    for f in files:
        for old, new in _pairs(f.patch):
            if old == new or _masked(old) != _masked(new) or not old:
                continue
            if is_comment_line(old, f.path) or is_comment_line(new, f.path):
                continue  # a comment's link or number (``// see https://github.com/o/r/pull/480`` -> ``481``): no
                # program answers with it
            numbers = set(_NUMBER.findall(old)) ^ set(_NUMBER.findall(new))
            names = set(_STATUS_NAME.findall(old)) ^ set(_STATUS_NAME.findall(new))
            if names or (numbers and all(_STATUS_NUMBER.match(n) for n in numbers)
                         and re.search(r"status|code|http|response|err", old + new, re.I)):
                kind = "status"
            elif _prose(set(_STRING.findall(old)) ^ set(_STRING.findall(new))) and not _LOGGING.search(old):
                kind = "message"
            else:
                continue
            if f.path not in out[kind]:
                out[kind].append(f.path)
    return out


#: a process exit status in code: the C/POSIX constants (``EXIT_FAILURE``, sysexits' ``EX_USAGE``), or the number
#: an exit call or an exit-code assignment passes (``sys.exit(2)``, ``os.Exit(1)``, ``process.exitCode = 3``)
_EXIT_NAME = re.compile(r"\b(EXIT_SUCCESS|EXIT_FAILURE|EX_[A-Z]{2,})\b")
_EXIT_NUMBER = re.compile(r"\b(?:exit|Exit|_exit|_Exit)\s*\(\s*(-?\d+)\s*\)|\bexit_?code\s*[=:]\s*(-?\d+)\b", re.I)


def _exit_statuses(lines: list[str]) -> set[str]:
    found: set[str] = set()
    for line in lines:
        if _LOGGING.search(line) or line.startswith(("//", "#", "*", "/*")):
            continue
        found.update(_EXIT_NAME.findall(line))
        found.update(a or b for a, b in _EXIT_NUMBER.findall(line))
    return found


#: statuses that only say success or failure: one generic failure for another (``-1`` -> ``1``) is no new status
_GENERIC_EXIT = {"0": "success", "EXIT_SUCCESS": "success", "1": "failure", "-1": "failure", "255": "failure",
                 "EXIT_FAILURE": "failure"}


def exit_status_changes(files: Iterable[FileChange]) -> tuple[list[str], list[str]]:
    """Exit statuses the removed lines used and new ones the added lines bring, when an exit status is replaced:
    some are removed and a status not used before arrives (``EXIT_FAILURE`` -> ``EX_USAGE``, ``0`` -> ``2``);
    else empty lists."""
    removed: set[str] = set()
    added: set[str] = set()
    for f in files:
        old, new = changed_lines(f.patch)
        removed |= _exit_statuses(old)
        added |= _exit_statuses(new)
    before = {_GENERIC_EXIT.get(s, s) for s in removed}
    arrived = sorted(s for s in added if _GENERIC_EXIT.get(s, s) not in before)
    return (sorted(removed), arrived) if removed and arrived else ([], [])


#: a boolean or null literal: a test expecting one where it expected another pins down a different result
_TRUTH = re.compile(r"(?<![\w.])(True|False|None|true|false|null|nil|undefined)(?![\w])")


#: a test line that states an expectation: an assertion, or a row of a table of cases (``(input, expected),``)
_EXPECTATION = re.compile(r"\b(assert\w*|expect\w*|should|to(Be|Equal)\w*|equal\w*)\b|^[(\[{].*[)\]}],?$", re.I)


def expectation_flips(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(path, old, new) where an existing assertion or case row of a test is rewritten with only a boolean or null
    literal changed (``[], False)`` -> ``[], True)``): the test now expects another result from the same input."""
    out = []
    for f in files:
        for old, new in _pairs(f.patch):
            if not (_EXPECTATION.search(old) and _EXPECTATION.search(new)):
                continue  # a test's setup changed, not what it expects
            bare_old, bare_new = _STRING.sub('""', old), _STRING.sub('""', new)
            if bare_old == bare_new or _TRUTH.sub("V", bare_old) != _TRUTH.sub("V", bare_new):
                continue
            before, after = _TRUTH.findall(bare_old), _TRUTH.findall(bare_new)
            changed = [(a, b) for a, b in zip(before, after) if a != b]
            if len(before) == len(after) and changed:
                out.append((f.path, *changed[0]))
    return out


#: a version in a line (``0.2.10``, ``v3.13.1``, ``2.3.2.dev``, ``2.8.1-SNAPSHOT``)
_VERSION_TOKEN = re.compile(r"(?<![\w.])v?\d+(?:\.\d+)+(?:[-+.]?[A-Za-z][\w.]*)?")
#: a requirement on a package of the same repository (Cargo ``path =``, npm ``file:``/``workspace:``)
_LOCAL_REQUIREMENT = re.compile(r"\bpath\s*=|[\"'](file|link|workspace|portal):")


def versions_only(patch: str | None) -> bool:
    """Every changed line comes back with only its version numbers changed (``__version__ = "2.3.2"``)."""
    removed, added = changed_lines(patch)
    return bool(removed) and len(removed) == len(added) and all(
        _VERSION_TOKEN.search(old) and _VERSION_TOKEN.sub("<v>", old) == _VERSION_TOKEN.sub("<v>", new)
        for old, new in zip(removed, added))


def local_requirements_only(patch: str | None) -> bool:
    """Only the versions of requirements on the repository's own packages move: release plumbing."""
    removed, added = changed_lines(patch)
    return versions_only(patch) and all(_LOCAL_REQUIREMENT.search(line) for line in removed + added)


#: a comment that instructs a tool (type checker, linter, formatter, coverage), not a reader
_DIRECTIVE_COMMENT = re.compile(
    r"\s*(#|//|/\*)\s*(type:\s*ignore|noqa|pragma|pylint:|mypy:|pyright:|nosec|eslint-(disable|enable)|"
    r"@ts-(ignore|expect-error|nocheck)|nolint|NOLINT|istanbul ignore|c8 ignore|prettier-ignore|rubocop:|"
    r"fmt:\s*(off|on|skip)|isort:|lgtm)[^\n]*$")
#: a debugging statement left in code: Rust's ``dbg!``, JS's ``debugger``, Python's ``breakpoint()`` and ``pdb``
_DEBUG_CALL = re.compile(r"\bdbg!\s*\(|\bdebugger\s*;|\bbreakpoint\(\)|\bpdb\.set_trace\(\)|\bbinding\.pry\b|"
                         r"\bconsole\.debug\s*\(")


def directive_comments_only(patch: str | None) -> bool:
    """The hunks only add, remove or change comments that instruct tools (``# type: ignore[arg-type]``)."""
    removed, added = changed_lines(patch)
    if not any(_DIRECTIVE_COMMENT.search(line) for line in removed + added):
        return False
    def bare(lines: list[str]) -> list[str]:
        return [text for text in (_DIRECTIVE_COMMENT.sub("", line).rstrip() for line in lines) if text]
    return bare(removed) == bare(added)


def debug_statements_removed(patches: Iterable[str | None]) -> bool:
    """Every line removed held a debugging statement and no line added holds one (``if dbg!(x) {`` -> ``if x {``)."""
    removed, added = [], []
    for patch in patches:
        old, new = changed_lines(patch)
        removed += [line for line in old if line]
        added += [line for line in new if line]
    def bare(line: str) -> str:
        return re.sub(r"[()\s]", "", _DEBUG_CALL.sub("", line))
    kept = {bare(line) for line in removed}  # what each line says without its debugging wrapper
    return (bool(removed) and all(_DEBUG_CALL.search(line) for line in removed)
            and all(not _DEBUG_CALL.search(line) and bare(line) in kept for line in added))


#: an index loop and the collection bounding it (``for (int i = 0; i < idx.length; i++)``, ``for i in range(len(idx))``)
_INDEX_LOOP = re.compile(r"\bfor\s*\(\s*(?:int|long|var|let|size_t|auto|unsigned)?\s*(\w+)\s*=\s*0\s*;\s*\1\s*<\s*"
                         r"([\w.]+?)\s*\.\s*(?:length|size\(\)|Length|Count|len\(\))|"
                         r"\bfor\s+\w+\s+in\s+range\(\s*len\(\s*([\w.]+)\s*\)\s*\)")
#: a for-each loop and the collection it walks (Java/C++ ``for (T x : xs)``, JS ``for (const x of xs)``, Python)
_EACH_LOOP = re.compile(r"\bfor\s*\(\s*(?:final\s+)?[\w<>\[\],.?& ]+?\s+\w+\s*(?::|\bof\b)\s*([\w.]+)\s*\)|"
                        r"^\s*for\s+\w+\s+in\s+([\w.]+)\s*:")


def loop_rebounds(files: Iterable[FileChange]) -> list[tuple[str, str]]:
    """(old bound, new collection) where an index loop becomes a for-each over another collection than the one that
    bounded it: the loop now runs over different elements (or a different number of them)."""
    found = []
    for f in files:
        for hunk in re.split(r"^@@", f.patch or "", flags=re.M)[1:]:
            removed, added = [], []
            for line in hunk.split("\n"):
                if line.startswith("-"):
                    removed += [m for m in _INDEX_LOOP.finditer(line[1:])]
                elif line.startswith("+"):
                    added += [m for m in _EACH_LOOP.finditer(line[1:])]
            for old, new in zip(removed, added):
                bound, walked = old.group(2) or old.group(3), new.group(1) or new.group(2)
                if bound and walked and bound != walked:
                    found.append((bound, walked))
    return found


#: a deprecation users are told of, in the code: Python's warning classes, ``@deprecated``/``@Deprecated``
#: (Java, Kotlin, TypeScript, Python 3.13), Rust's ``#[deprecated``, C++'s ``[[deprecated``, Node's
#: ``util.deprecate(``, Go's ``// Deprecated:`` doc convention, and a project's own deprecation helper called on
#: the name it keeps for old callers (``DeprecatedAttribute(new_name, "0.12.0")``, ``deprecated_alias(...)``)
DEPRECATION_MARK = re.compile(r"\b(Pending)?DeprecationWarning\b|\bFutureWarning\b|@[Dd]eprecated\b|#\[deprecated\b|"
                              r"\[\[deprecated\b|\butil\.deprecate\(|^//\s*Deprecated:|"
                              r"\b(Deprecated[A-Z]\w*|deprecated?_\w+)\(")


def _deprecation_balance(patch: str | None) -> int:
    """Deprecation marks the hunks add, less those they remove."""
    removed, added = changed_lines(patch)
    marks = DEPRECATION_MARK.search
    return sum(1 for ln in added if marks(ln)) - sum(1 for ln in removed if marks(ln))


def deprecations_added(patch: str | None) -> bool:
    """The hunks add more deprecation marks than they remove: something users call now warns them."""
    return _deprecation_balance(patch) > 0


def deprecations_removed(patch: str | None) -> bool:
    """The hunks remove more deprecation marks than they add: a deprecated path is gone, or no longer deprecated."""
    return _deprecation_balance(patch) < 0
