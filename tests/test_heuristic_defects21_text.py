"""Maintainer-review mends (defects21) from reading the twentieth and twenty-first sets' days: what the heuristic
says, en and zh.

Built from before/after texts (real unified diffs, facts from both sides), never from one project's paths: a code line
the change turns into a comment is said to be commented out, not removed, so the reader knows it is still there."""

from __future__ import annotations

from tests.facts_support import analysed

HASH_BEFORE = ("unsigned long lh_char_hash(const void *k) {\n"
               "    static volatile int seed = -1;\n"
               "#warning \"racy random seed if used by multiple threads\"\n"
               "    return hash(k, seed);\n"
               "}\n")
HASH_AFTER = HASH_BEFORE.replace("#warning", "//#warning")
PY_BEFORE = "def load(path):\n    check(path)\n    return read(path)\n"


def test_a_line_turned_into_a_comment_is_commented_out():
    result = analysed({"linkhash.c": (HASH_BEFORE, HASH_AFTER)}, "Comment out the warning about the racy seed")
    line = '`#warning "racy random seed if used by multiple threads"`'
    assert f"Comments out the line {line}" in result.summary, result.summary
    assert not any(s.startswith("Removes the line") for s in result.summary)
    zh = analysed({"linkhash.c": (HASH_BEFORE, HASH_AFTER)}, "Comment out the warning about the racy seed", "zh")
    assert f"将代码行 {line} 注释掉" in zh.summary, zh.summary


def test_a_python_line_behind_a_hash_is_commented_out_and_a_deleted_one_removed():
    commented = analysed({"app/load.py": (PY_BEFORE, PY_BEFORE.replace("    check(path)", "    # check(path)"))},
                         "Skip the path check for now")
    assert "Comments out the line `check(path)`" in commented.summary, commented.summary
    deleted = analysed({"app/load.py": (PY_BEFORE, PY_BEFORE.replace("    check(path)\n", ""))},
                       "Drop the path check")
    assert "Removes the line `check(path)`" in deleted.summary, deleted.summary
