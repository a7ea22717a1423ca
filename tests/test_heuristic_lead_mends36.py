"""Lead mends of the thirty-sixth stop: private functions renamed in place are said as renamed, not as lines
extracted into a new helper."""

from __future__ import annotations

from tests.facts_support import analysed

_BEFORE = ("static int dh_is_valid(int f, int p)\n{\n    return f > 1 && f < p - 1;\n}\n\n"
           "int dh_secret(int f, int p)\n{\n    if(!dh_is_valid(f, p))\n        return -1;\n    return f * p;\n}\n")
_AFTER = _BEFORE.replace("dh_is_valid", "dh_validate")


def test_a_private_function_renamed_in_place_is_said_as_renamed():
    summary = analysed({"src/crypto.c": (_BEFORE, _AFTER)}, "crypto: rename dh_is_valid() to dh_validate()").summary
    assert "Renames internal `dh_is_valid` → `dh_validate` (same parameters)" in summary
    assert not any("Moves lines" in line for line in summary)


def test_the_rename_line_in_chinese():
    summary = analysed({"src/crypto.c": (_BEFORE, _AFTER)}, "crypto: rename", lang="zh").summary
    assert "重命名内部函数 `dh_is_valid` → `dh_validate`（参数不变）" in summary
