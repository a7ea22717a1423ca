"""A test file of the product deleted while another is added beside a change of product code: the old expectation
replaced by a new one."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from analysis.models import FileChange


def tests_replaced(files: Iterable[FileChange], is_test: Callable[[str], bool]) -> list[str]:
    """The test files deleted (none added back under the same name elsewhere: a test moved is the same test) in a
    commit that also adds a test file: what the deleted test pinned (js-yaml's "should dump astrals as codepoint")
    no longer holds, and the new test pins what users get now."""
    files = list(files)
    added = [f for f in files if f.status in ("added", "renamed") and is_test(f.path)]
    names = {f.path.rsplit("/", 1)[-1] for f in added}
    return [f.path for f in files if f.status == "removed" and is_test(f.path)
            and f.path.rsplit("/", 1)[-1] not in names] if added else []
