"""The rule of the twenty-sixth round (tuneR), a cause that recurs across repositories, on a small snippet: a
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
	if elapsed == 0 {
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

