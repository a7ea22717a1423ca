"""Rules of the round that mended causes recurring across repositories (issue 8, tuneH), each on a small snippet:
a fix that names the exception one call raised is no crash fix; an untitled change that adds test lines is a fix."""

from __future__ import annotations

from tests.facts_support import analysed

_SECRET = '''import secrets


class SecretStr:
    def __init__(self, value):
        self._value = value

    def __eq__(self, other):
        return isinstance(other, SecretStr) and secrets.compare_digest(self._value, other._value)
'''
_ENCODED = _SECRET.replace(
    "secrets.compare_digest(self._value, other._value)",
    "secrets.compare_digest(\n            self._value.encode(), other._value.encode()\n        )")


def test_a_fix_naming_the_exception_a_call_raised_is_medium() -> None:
    files = {"pkg/types.py": (_SECRET, _ENCODED)}
    analysis = analysed(files, "Fix `SecretStr` equality comparison raising `TypeError` on non-ASCII values")
    assert analysis.change_type == "fix"
    assert analysis.importance == "medium"


def test_a_fix_naming_a_crash_is_still_high() -> None:
    files = {"pkg/types.py": (_SECRET, _ENCODED)}
    assert analysed(files, "Fix crash in `SecretStr` equality comparison on non-ASCII values").importance == "high"


_LENGTH = '''def length(value):
    if isinstance(value, float):
        return int(abs(value))
    return len(value)
'''
_PRECISE = _LENGTH.replace("return int(abs(value))", "return abs(value)")
_TEST = '''from pkg.builtins import length


def test_length_of_a_float_keeps_its_fraction():
    assert length(-1.5) == 1.5
    assert length(2.25) == 2.25
    assert length(0.0) == 0.0
    assert length(-3.0) == 3.0
'''


def test_an_untitled_change_pinned_by_new_tests_is_a_fix() -> None:
    files = {"pkg/builtins.py": (_LENGTH, _PRECISE), "tests/test_builtins.py": (None, _TEST)}
    assert analysed(files, "Preserve numerical precision of length on floats").change_type == "fix"


def test_an_untitled_change_without_tests_stays_a_refactor() -> None:
    files = {"pkg/builtins.py": (_LENGTH, _PRECISE)}
    assert analysed(files, "Preserve numerical precision of length on floats").change_type == "refactor"
