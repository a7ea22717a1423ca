"""Rules of the round tuned on the twenty-fourth fresh set (issue 8, tune24), each on a small snippet: a Python
class attribute renamed beside a new one is a field renamed; a C/C++ parameter's qualifiers before its type are part
of it, and dropping the ``const`` a pointer points at breaks callers passing const objects."""

from __future__ import annotations

from analysis.analyzers.signatures import compare
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


_HEADER = """#ifndef LIB_H
#define LIB_H
typedef struct item item;
/* Return the item's text */
char *item_text({param});
int item_count(const item *list);
#endif
"""


def test_a_c_parameters_leading_const_is_part_of_its_type() -> None:
    facts = facts_of({"lib.h": (_HEADER.format(param="const item * const it"), _HEADER.format(param="item *it"))})
    changed = [f for f in facts if f["kind"] == "signature_changed"]
    assert changed and changed[0]["before"].startswith("(it: const item *")


def test_a_pointee_const_dropped_from_a_public_c_function_breaks_callers() -> None:
    assert compare("(it: const item *const) -> char *", "(it: item *) -> char *", "lib.h", "item_text").breaking
    result = analysed({"lib.h": (_HEADER.format(param="const item * const it"), _HEADER.format(param="item *it"))},
                      "Change item_text's parameter")
    assert result.importance == "high"


def test_a_parameters_own_const_or_a_const_added_does_not() -> None:
    for before, after in (("(it: item *const) -> int", "(it: item *) -> int"),
                          ("(n: const int) -> int", "(n: int) -> int"),
                          ("(it: item *) -> int", "(it: const item *) -> int")):
        delta = compare(before, after, "lib.h", "f")
        assert delta is not None and not delta.breaking, (before, after)
