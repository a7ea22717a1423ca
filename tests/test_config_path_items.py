"""A list item's value in a config path (``matrix.react[18.3.0-next]``) stays whole: the diff analyzer keeps it in the
brackets and display code splits paths at dots outside brackets only."""

from __future__ import annotations

from analysis.analyzers.symbol_groups import shortened
from analysis.facts.config import split_last
from tests.facts_support import fact, facts_of

BEFORE = "jobs:\n  test:\n    strategy:\n      matrix:\n        react: [18.2.0, 18.3.0-next-aaa-20221223]\n"
AFTER = BEFORE.replace("18.3.0-next-aaa-20221223", "18.3.0-next-bbb-20230106")


def test_a_list_item_with_dots_is_kept_whole_in_its_path():
    facts = facts_of({"ci/workflow.yml": (BEFORE, AFTER)})
    assert fact("config_key_added", "ci/workflow.yml",
                symbol="jobs.test.strategy.matrix.react[18.3.0-next-bbb-20230106]", after="18.3.0-next-bbb-20230106") in facts
    assert fact("config_key_removed", "ci/workflow.yml",
                symbol="jobs.test.strategy.matrix.react[18.3.0-next-aaa-20221223]",
                before="18.3.0-next-aaa-20221223") in facts


def test_paths_split_at_the_last_dot_outside_brackets():
    assert split_last("matrix.react[18.3.0-next]") == ("matrix", "react[18.3.0-next]")
    assert split_last('metadata.labels["app.kubernetes.io/name"]') == ("metadata", 'labels["app.kubernetes.io/name"]')
    assert split_last("spec.replicas") == ("spec", "replicas")
    assert split_last("version") == ("", "version")


def test_shortened_names_never_cut_an_item_value():
    names = ["m.react[18.3.0-next-b]", "m.react[18.3.0-next-a]"]
    assert shortened(names) == ["m.react[18.3.0-next-b]", "react[18.3.0-next-a]"]
    assert shortened(["Client.get", "Client.post"]) == ["Client.get", "post"]
