"""Lead's mend of this stop, from reading mimalloc 2022-04-07's digest as its maintainers would.

"fix for dynamic overriding on macOS; add warning about C++ compilation" read low as housekeeping ("a warning
silenced") only because its title said "warning": the change adds a warning for users, it silences none.
"""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from tests.facts_support import analysed

_BEFORE = "void zone_free(void* p) {\n  mi_free(p);\n}\n\nvoid zone_size(void* p) {\n  mi_usable(p);\n}\n"
_AFTER = _BEFORE.replace("mi_free(p);", "mi_cfree(p);").replace("mi_usable(p);", "mi_usable_size(p);")


def test_a_warning_added_is_no_warning_silenced():
    assert R.WARNING_ADDED.search("add warning about C++ compilation")
    assert R.WARNING_ADDED.search("Adds a deprecation warning when the old flag is used")
    assert not R.WARNING_ADDED.search("fix -Wshadow warnings")
    assert not R.WARNING_ADDED.search("silence unused variable warning")
    files = {"src/alloc-override-osx.c": (_BEFORE, _AFTER)}
    added = analysed(files, "fix for dynamic overriding on macOS; add warning about C++ compilation")
    silenced = analysed(files, "fix compiler warnings on macOS")
    assert silenced.importance == "low"
    assert added.importance != "low"
