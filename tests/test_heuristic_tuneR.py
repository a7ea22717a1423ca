"""Rules of the twenty-sixth round (tuneR), each a cause that recurs across repositories, on a small snippet: a
refactor that rewords an error or help message is low (the words move, the program does the same), while a fix that
mends a wrong message stays medium."""

from __future__ import annotations

from tests.facts_support import analysed

_BEFORE = '''package cli

import "fmt"

func checkTime(name string, elapsed float64) error {
	if elapsed == 0 {
		return fmt.Errorf("command '%s' took no time; results may be meaningless", name)
	}
	return nil
}
'''

_AFTER = '''package cli

import "fmt"

const noTime = "command '%s' took no time; consider --shell=none (-N) for very fast commands"

func checkTime(name string, elapsed float64) error {
	if elapsed <= 0 {
		return fmt.Errorf(noTime, name)
	}
	return nil
}
'''


def _reworded(title: str):
    return analysed({"cli/check.go": (_BEFORE, _AFTER)}, title)


def test_an_error_message_reworded_by_a_refactor_is_low() -> None:
    result = _reworded("Improve error message, mention --shell=none")
    assert result.change_type == "refactor"
    assert result.importance == "low"


def test_a_fix_to_an_error_message_stays_medium() -> None:
    result = _reworded("Fix error message shown for commands that take no time")
    assert result.change_type == "fix"
    assert result.importance == "medium"


_INDEX = '''class Index:
    """A unique index over the collection's keys."""

    def __init__(self):
        self._items = {{}}

    def add(self, key, value):
{guard}        self._items[key] = value
        return True
'''
_GUARD = '''        if key in self._items:
            raise ValueError(f"duplicate key {key!r}")
'''


def test_a_fix_that_raises_on_a_bad_input_is_medium() -> None:
    files = {"pkg/index.py": (_INDEX.format(guard=""), _INDEX.format(guard=_GUARD))}
    result = analysed(files, "Fix unique Index add leaving a duplicate key behind")
    assert result.change_type == "fix"
    assert result.importance == "medium"


def test_a_refactor_that_starts_raising_stays_high() -> None:
    files = {"pkg/index.py": (_INDEX.format(guard=""), _INDEX.format(guard=_GUARD))}
    result = analysed(files, "Index.add: simplify, duplicate keys now go through the same path")
    assert result.change_type != "fix"
    assert result.importance == "high"
