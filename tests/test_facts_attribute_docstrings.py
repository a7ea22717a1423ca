"""An attribute docstring (a string statement right after an assignment in a class or module body, PEP 224's
convention) reworded is documentation: the change is comments-only, as a reworded function docstring is."""

from __future__ import annotations

from tests.facts_support import analysed

_BEFORE = '''from typing import TypedDict


class ConfigDict(TypedDict, total=False):
    """Configuration."""

    timedelta_mode: str
    """The format of JSON serialized timedeltas.

    Accepts the string values of `'iso8601'` and `'float'`.
    """

    strict: bool
    """Whether strict validation is applied."""
'''
_AFTER = _BEFORE.replace("""    Accepts the string values of `'iso8601'` and `'float'`.
""", """    Accepts the string values of `'iso8601'` and `'float'`.
    It takes precedence over 'ser_json_timedelta'.
""")


def test_an_attribute_docstring_reworded_is_documentation_only():
    analysis = analysed({"pydantic/config.py": (_BEFORE, _AFTER)}, "Clarify documentation of timedelta_mode")
    assert (analysis.change_type, analysis.importance) == ("docs", "low"), analysis
    assert any(f.kind == "comments_only" and f.path == "pydantic/config.py" for f in analysis.facts), analysis.facts


def test_a_string_that_is_a_value_is_not_taken_for_a_docstring():
    changed = _BEFORE.replace('    strict: bool\n', '    strict: bool\n    label = "x"\n    label = "y"\n')
    changed2 = changed.replace('label = "y"', 'label = "z"')
    analysis = analysed({"pydantic/config.py": (changed, changed2)}, "Relabel")
    assert not any(f.kind == "comments_only" for f in analysis.facts), analysis.facts
    assert analysis.importance != "low" or analysis.change_type != "docs"
