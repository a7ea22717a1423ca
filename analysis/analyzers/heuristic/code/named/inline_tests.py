"""Rust's inline test modules (``#[cfg(test)] mod tests { ... }`` inside a source file), read from the hunks."""

from __future__ import annotations

import re

#: a test module opened at the top level (``mod tests {``, ``mod test {``, ``pub(crate) mod tests {``)
_TEST_MODULE = re.compile(r"^(?:pub(?:\([\w:]+\))?\s+)?mod\s+tests?\s*\{")
#: the test module declared in a file of its own (``mod tests;``): a line of the test code
_TEST_MODULE_FILE = re.compile(r"^(?:pub(?:\([\w:]+\))?\s+)?mod\s+tests?\s*;")
#: Rust test files by name: ``tests.rs``, ``test.rs`` (the file of a ``mod tests;``)
_TEST_FILE = re.compile(r"(^|/)tests?\.rs$")
#: a hunk header and the line git quotes after it (the enclosing top-level item)
_HUNK = re.compile(r"^@@ [^@]* @@ ?(.*)$")


def inline_tests_only(path: str, patch: str | None) -> bool:
    """Every changed line of a Rust file lies inside a top-level test module: the hunk's quoted context or one of
    its lines opens ``mod tests {`` at column 0, and no other top-level item starts before the change (what is
    inside the module is indented; the module ends at a ``}`` in column 0). Such a file's change is test code."""
    if not path.endswith(".rs") or not patch:
        return False
    inside, changed = False, 0
    for line in patch.splitlines():
        if line.startswith(("+++", "---", "\\")):
            continue
        hunk = _HUNK.match(line)
        if hunk:
            inside = bool(_TEST_MODULE.match(hunk.group(1)))
            continue
        text = line[1:]
        if _TEST_MODULE_FILE.match(text):
            if line[:1] in "+-":
                changed += 1
            continue
        if _TEST_MODULE.match(text) or text.startswith("#[cfg(test)]"):
            inside = True
        elif text[:1] == "}":
            if line[:1] in "+-" and inside:
                changed += 1
            inside = False
            continue
        elif text[:1] and not text[:1].isspace() and not text.startswith(("#[", "//")):
            inside = False  # another top-level item: outside the test module
        if line[:1] in "+-" and text.strip():
            if not inside:
                return False
            changed += 1
    return changed > 0


def in_test_module(header: str, lines: list) -> list[bool]:
    """For each line of a Rust hunk (``Line``s of ``parse_patch``; ``header`` git's quoted context), whether it lies
    inside a top-level test module (``#[cfg(test)] mod tests { ... }``), read as ``inline_tests_only`` reads it."""
    inside, out = bool(_TEST_MODULE.match(header)), []
    for line in lines:
        text = line.text
        if _TEST_MODULE.match(text) or text.startswith("#[cfg(test)]"):
            inside = True
        elif text[:1] == "}":
            out.append(inside)
            inside = False
            continue
        elif text[:1] and not text[:1].isspace() and not text.startswith(("#[", "//")):
            inside = False
        out.append(inside)
    return out


def rust_test_file(path: str) -> bool:
    """A Rust file that holds only a test module (``tests.rs``)."""
    return bool(_TEST_FILE.search(path))
