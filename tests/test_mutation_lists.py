"""The mutation lists (``tests/guard_mutations.py``, ``tests/newcomer_mutations.py``) still apply to the tree.

Each entry names a file, a line that must be there exactly once and the tests that must fail when it is
mutated. A module moved or a line reworded leaves an entry that can no longer be run; this test says so at
once rather than when someone next reruns the mutation check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import guard_mutations, newcomer_mutations

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = [(list_name, m) for list_name, module in (("guard", guard_mutations), ("newcomer", newcomer_mutations))
           for m in module.MUTATIONS]


@pytest.mark.parametrize(("list_name", "mutation"), ENTRIES, ids=[f"{n}:{m.name}" for n, m in ENTRIES])
def test_each_mutation_names_a_line_there_once_and_existing_tests(list_name, mutation):
    lines = (ROOT / mutation.file).read_text(encoding="utf-8").splitlines()
    assert sum(line.strip() == mutation.original for line in lines) == 1, (list_name, mutation.file, mutation.original)
    assert mutation.mutated != mutation.original
    for test in mutation.tests:
        path, _, name = test.partition("::")
        text = (ROOT / path).read_text(encoding="utf-8")
        if name:
            assert f"def {name.split('[')[0]}(" in text, test
