"""Rules of the tuning round on the fortieth set (issue 8, tune40), each on a small snippet: a public function
removed together with its last caller (the commit's product code in another file called it, the call goes, nothing
added names it, the title does not) is a helper retired by a refactor, not an API break."""

from __future__ import annotations

from tests.facts_support import analysed

_HELPERS = """from typing import Any


def split_key(key: str) -> list[str]:
    return key.split(".")
{helper}"""

_PRUNE = """

def prune_empty(keys: list[str], config: dict[Any, Any]) -> dict[Any, Any]:
    out = {}
    for key, value in config.items():
        if keys and key == keys[0] and isinstance(value, dict):
            value = prune_empty(keys[1:], value)
        if value != {}:
            out[key] = value
    return out
"""

_OLD_STORE = """from app.config.helpers import prune_empty
from app.config.helpers import split_key


class Store:
    def remove(self, config: dict, key: str) -> None:
        keys = split_key(key)
        current = config
        for sub in keys[:-1]:
            current = current[sub]
        del current[keys[-1]]
        pruned = prune_empty(keys[:-1], config)
        config.clear()
        config.update(pruned)
"""

_NEW_STORE = """from app.config.helpers import split_key


class Store:
    def remove(self, config: dict, key: str) -> None:
        stack = []
        current = config
        for sub in split_key(key):
            stack.append((current, sub))
            current = current[sub]
        while stack:
            parent, sub = stack.pop()
            del parent[sub]
            if parent:
                break
"""


def _removal(new_store: str, title: str):
    return analysed({"src/app/config/helpers.py": (_HELPERS.format(helper=_PRUNE), _HELPERS.format(helper="")),
                     "src/app/config/store.py": (_OLD_STORE, new_store)}, title)


def test_public_helper_removed_with_its_last_caller_is_not_high() -> None:
    analysis = _removal(_NEW_STORE, "simplify Store.remove()")
    assert analysis.importance != "high"


def test_public_function_removed_that_the_title_names_stays_high() -> None:
    analysis = _removal(_NEW_STORE, "remove prune_empty()")
    assert analysis.importance == "high"


def test_public_function_removed_while_the_commit_still_names_it_stays_high() -> None:
    analysis = _removal(_NEW_STORE + "\n\n# prune_empty was public API\n", "simplify Store.remove()")
    assert analysis.importance == "high"


def test_public_function_removed_that_no_product_code_called_stays_high() -> None:
    analysis = analysed({"src/app/config/helpers.py": (_HELPERS.format(helper=_PRUNE), _HELPERS.format(helper=""))},
                        "simplify config helpers")
    assert analysis.importance == "high"


def test_public_function_renamed_with_its_callers_stays_high() -> None:
    renamed = _HELPERS.format(helper=_PRUNE.replace("def prune_empty(", "def prune_empty_tables(")
                              .replace("value = prune_empty(", "value = prune_empty_tables("))
    new_store = _OLD_STORE.replace("prune_empty", "prune_empty_tables")
    analysis = analysed({"src/app/config/helpers.py": (_HELPERS.format(helper=_PRUNE), renamed),
                         "src/app/config/store.py": (_OLD_STORE, new_store)}, "simplify Store.remove()")
    assert analysis.importance == "high"


def test_a_retired_helper_is_not_said_to_break_callers() -> None:
    # the compatibility insight and the risks say no break a low importance does not back (lead, after tune40)
    analysis = _removal(_NEW_STORE, "simplify Store.remove()")
    assert analysis.insights.compatibility == ""
    assert "Removes public `prune_empty`" in analysis.summary
    assert not any(r.risk.startswith("Public `prune_empty` removed") for r in analysis.risks)


def test_a_removal_the_title_names_is_still_said_to_break_callers() -> None:
    analysis = _removal(_NEW_STORE, "remove prune_empty()")
    assert analysis.insights.compatibility.startswith("Public `prune_empty` removed: every import or call breaks.")
