"""Config facts read as a maintainer would: a long multi-line value (an annotation holding a YAML list of images)
changed past its clip point shows the part that differs, and a pinned list item (``git:5.1.0``) whose version moved
is one value change named by its name, not a key removed and another added."""

from __future__ import annotations

from analysis.facts.config import VALUE_CHARS
from analysis.facts.value_window import changed_window
from tests.facts_support import analysed, facts_of

IMAGES = ("- name: web\n  image: docker.io/example/web:2.426.3-jdk17\n"
          "- name: sidecar\n  image: docker.io/example/sidecar:{tag}\n"
          "- name: agent\n  image: example/agent:3192.v713e3b-5\n")


def chart(tag: str, version: str) -> str:
    body = "\n".join("    " + line for line in IMAGES.format(tag=tag).splitlines())
    return f"apiVersion: v2\nname: web\nversion: {version}\nannotations:\n  example.io/images: |\n{body}\n"


def test_a_clipped_multi_line_value_shows_the_lines_that_changed():
    path = "charts/web/Chart.yaml"
    found = facts_of({path: (chart("1.24.4", "5.0.6"), chart("1.25.3", "5.0.7"))})
    [images] = [f for f in found if f["symbol"] == 'annotations["example.io/images"]']
    assert (images["before"], images["after"]) == ("…image: docker.io/example/sidecar:1.24.4…",
                                             "…image: docker.io/example/sidecar:1.25.3…")


def test_the_summary_names_the_tag_that_moved_inside_the_value():
    analysis = analysed({"charts/web/Chart.yaml": (chart("1.24.4", "5.0.6"), chart("1.25.3", "5.0.7"))},
                        "chore(deps): update sidecar docker tag to v1.25.3")
    line = next(s for s in analysis.summary if "example.io/images" in s)
    assert "sidecar:1.24.4" in line and "sidecar:1.25.3" in line
    assert line.count("- name: web") == 0


def test_a_long_one_line_value_starts_a_little_before_its_first_difference():
    old = "word " * 40 + "alpha omega"
    new = "word " * 40 + "beta omega"
    before, after = changed_window(old, new, ("x…", "x…"), VALUE_CHARS)
    assert before.startswith("…") and before.endswith("alpha omega") and after.endswith("beta omega")
    assert before.split(" ")[1] == "word"  # cut at a word start


def test_short_values_and_other_types_keep_their_rendered_form():
    assert changed_window("1.24.4", "1.25.3", ("1.24.4", "1.25.3"), VALUE_CHARS) == ("1.24.4", "1.25.3")
    assert changed_window({"a": "x" * 200}, {"a": "y" * 200}, ("{a…", "{a…"), VALUE_CHARS) == ("{a…", "{a…")


def test_a_pinned_list_item_whose_version_moved_is_one_value_change_named_by_its_name():
    before = "controller:\n  installPlugins:\n    - kubernetes:4174.v4230d0ccd951\n    - git:5.1.0\n    - workflow-aggregator:596.v8c21c963d92d\n"
    after = before.replace("git:5.1.0", "git:5.2.1").replace("\n    - workflow", "\n    - ldap:711.vb_d1a_b\n    - workflow")
    found = facts_of({"charts/ci/values.yaml": (before, after)})
    assert [(f["kind"], f["symbol"], f.get("before"), f.get("after")) for f in found] == [
        ("config_value_changed", "controller.installPlugins[git]", "5.1.0", "5.2.1"),
        ("config_key_added", "controller.installPlugins[ldap:711.vb_d1a_b]", None, "ldap:711.vb_d1a_b"),
    ]
