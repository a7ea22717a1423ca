"""A deprecation added in product code (a warning users see) is at least medium: they must act before it goes."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import deprecations_added
from tests.test_heuristic_judge_rules import analyse, change, patch_of

WARN = ["    if repr_ns is not None:", "        warnings.warn(", '            DeprecationWarning("repr_ns is deprecated"),',
        "            stacklevel=2,", "        )"]


def test_deprecation_marks_of_several_languages_are_seen_added_not_removed():
    assert deprecations_added(patch_of([], WARN))
    assert deprecations_added(patch_of([], ["    #[deprecated(since = \"0.2.0\")]"]))
    assert deprecations_added(patch_of([], ["  @Deprecated", "  public void close() {"]))
    assert deprecations_added(patch_of([], ["// Deprecated: use NewFinder."]))
    assert not deprecations_added(patch_of(WARN, []))
    assert not deprecations_added(patch_of(["  @Deprecated"], ["  @Deprecated"]))


def test_a_public_argument_now_warning_is_medium_the_same_lines_without_the_warning_low():
    src = change("src/pkg/_make.py", [], WARN)
    quiet = change("src/pkg/_make.py", [], [ln.replace("DeprecationWarning", "Note") for ln in WARN])
    assert analyse("Deprecate attr.s's repr_ns (#1263)", [src]).importance == "medium"
    assert analyse("Tidy attr.s's repr_ns (#1263)", [quiet]).importance == "low"


OLD_PATH = ["    else:", '        inst = changes.pop("inst")', "        warnings.warn(",
            '            "Passing the instance per keyword is deprecated", DeprecationWarning, stacklevel=2,', "        )"]


def test_a_deprecated_path_removed_under_a_removal_title_is_high_a_withdrawn_warning_is_not():
    src = change("src/pkg/_funcs.py", OLD_PATH, ["    (inst,) = args"])
    assert analyse("evolve: remove support for passing instances per kw (#1264)", [src]).importance == "high"
    assert analyse("evolve: keep accepting instances per kw (#1264)", [src]).importance != "high"
