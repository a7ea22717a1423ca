"""Rules of the round that mended causes recurring across repositories (issue 8, tuneH), each on a small snippet:
a fix that names the exception one call raised is no crash fix."""

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
