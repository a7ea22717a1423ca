"""Rules of the round tuned on the twenty-fourth fresh set (issue 8, tune24), each on a small snippet: a Python
class attribute renamed beside a new one is a field renamed."""

from __future__ import annotations

from tests.facts_support import analysed, facts_of

_PARSER = '''class Parser:
{fields}

    def __init__(self, stream):
        self.stream = stream

    def spool(self):
        return Spool(max_size=self.{used})
'''


def test_a_python_class_attribute_renamed_beside_a_new_one_is_a_field_renamed() -> None:
    before = _PARSER.format(fields="    max_file_size = 1024 * 1024  # 1MB", used="max_file_size")
    after = _PARSER.format(fields='    spool_max_size = 1024 * 1024  # 1MB\n    """The spooled file\'s limit."""\n'
                                  "    max_part_size = 1024 * 1024  # 1MB", used="spool_max_size")
    texts = [f.get("text", "") for f in facts_of({"pkg/parsers.py": (before, after)})]
    assert "class, fields renamed max_file_size -> spool_max_size" in texts
    result = analysed({"pkg/parsers.py": (before, after)}, "Rename max_file_size to spool_max_size")
    assert result.importance == "high"


def test_an_attribute_kept_beside_a_new_one_or_a_private_one_renamed_is_not() -> None:
    before = _PARSER.format(fields="    max_file_size = 1024", used="max_file_size")
    kept = _PARSER.format(fields="    max_file_size = 1024\n    max_part_size = 1024", used="max_file_size")
    assert not any("renamed" in f.get("text", "") for f in facts_of({"pkg/parsers.py": (before, kept)}))
    private = _PARSER.format(fields="    _max = 1024", used="_max")
    renamed = _PARSER.format(fields="    _limit = 1024\n    _part = 2", used="_limit")
    assert analysed({"pkg/parsers.py": (private, renamed)}, "Rename a private limit").importance != "high"
