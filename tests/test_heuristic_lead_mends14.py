"""Mends from reading a real day as its maintainer (Leaflet 2026-05-11): a value set in place is named whatever kind
of literal replaced it (an option's default ``false`` that becomes a string is as much a changed value as ``5`` ->
``10``), and a workflow's action moved to another tag is named with its refs, not quoted as a line."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.named.keyed_values import keyed_values
from analysis.analyzers.heuristic.config.ci_keys import action_moves
from analysis.models import Fact, FileChange
from tests.facts_support import analysed

_BEFORE = """export class TileLayer {
\tstatic {
\t\tthis.setDefaultOptions({
\t\t\tcrossOrigin: false,

\t\t\t// @option referrerPolicy: Boolean|String = false
\t\t\t// Whether the referrerPolicy attribute will be added to the tiles.
\t\t\treferrerPolicy: false
\t\t});
\t}
}
"""
_AFTER = _BEFORE.replace("""\t\t\t// @option referrerPolicy: Boolean|String = false
\t\t\t// Whether the referrerPolicy attribute will be added to the tiles.
\t\t\treferrerPolicy: false""", """\t\t\t// @option referrerPolicy: String = 'strict-origin-when-cross-origin'
\t\t\t// Sets the tiles' `referrerPolicy` attribute to the String provided.
\t\t\treferrerPolicy: 'strict-origin-when-cross-origin'""")

_PATCH = """@@ -5,4 +5,4 @@ export class TileLayer {
 
-\t\t\t// @option referrerPolicy: Boolean|String = false
-\t\t\t// Whether the referrerPolicy attribute will be added to the tiles.
-\t\t\treferrerPolicy: false
+\t\t\t// @option referrerPolicy: String = 'strict-origin-when-cross-origin'
+\t\t\t// Sets the tiles' `referrerPolicy` attribute to the String provided.
+\t\t\treferrerPolicy: 'strict-origin-when-cross-origin'
 \t\t});
"""


def _file(patch: str, path: str = "src/layer/tile/TileLayer.js") -> FileChange:
    return FileChange(path=path, status="modified", additions=3, deletions=3, patch=patch)


def test_a_boolean_default_replaced_by_a_string_is_a_value_set():
    assert keyed_values([_file(_PATCH)]) == [("referrerPolicy", "false", "'strict-origin-when-cross-origin'")]


def test_booleans_and_nulls_count_as_values_but_a_local_variable_does_not():
    patch = ("@@ -1,3 +1,3 @@\n-run(verbose=True)\n+run(verbose=False)\n"
             "-    let cached = null\n+    let cached = 0\n-encoding: null,\n+encoding: 'buffer',\n")
    assert keyed_values([_file(patch, "app.py")]) == [("verbose", "True", "False"), ("encoding", "null", "'buffer'")]


def test_the_summary_names_the_default_it_sets_in_en_and_zh():
    files = {"src/layer/tile/TileLayer.js": (_BEFORE, _AFTER)}
    title = "TileLayer: default to strict-origin-when-cross-origin referrer-policy"
    en = analysed(files, title)
    assert any("`referrerPolicy` `false` → `'strict-origin-when-cross-origin'`" in line for line in en.summary)
    zh = analysed(files, title, lang="zh")
    assert any("`referrerPolicy` `false` → `'strict-origin-when-cross-origin'`" in line for line in zh.summary)


_WORKFLOW = """jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Publish development snapshot
        uses: softprops/action-gh-release@v2
        with:
          tag_name: dev
"""


def test_an_action_moved_to_another_tag_is_named_with_both_refs_in_en_and_zh():
    files = {".github/workflows/main.yml": (_WORKFLOW, _WORKFLOW.replace("action-gh-release@v2", "action-gh-release@v3"))}
    en = analysed(files, "Bump softprops/action-gh-release from 2 to 3")
    assert en.summary == ["CI and tooling only: `.github/workflows/main.yml` (+1/−1); "
                          "`softprops/action-gh-release` `v2` → `v3`"]
    zh = analysed(files, "Bump softprops/action-gh-release from 2 to 3", lang="zh")
    assert zh.summary[0].endswith("；`softprops/action-gh-release` `v2` → `v3`")


def test_a_pin_to_a_commit_sha_is_no_move_and_another_action_is_no_move():
    sha = "a" * 40
    facts = [Fact(kind="config_value_changed", path="ci.yml", symbol="jobs.a.steps[x].uses",
                  before="actions/checkout@v4", after=f"actions/checkout@{sha}"),
             Fact(kind="config_value_changed", path="ci.yml", symbol="jobs.a.steps[y].uses",
                  before="actions/setup-go@v5", after="actions/setup-go@v6"),
             Fact(kind="config_value_changed", path="ci.yml", symbol="jobs.a.steps[z].uses",
                  before="old/action@v1", after="new/action@v1")]
    assert action_moves(facts) == [("actions/setup-go", "v5", "v6")]


def test_a_test_runners_configuration_is_test_tooling_not_product_code():
    from analysis.analyzers.heuristic.paths import classify_path
    for path in ("vitest.config.js", "spec/karma.conf.cjs", "jest.config.ts", "playwright.config.mts",
                 ".mocharc.yml", "pytest.ini"):
        assert classify_path(path) == {"test"}, path
    assert "test" not in classify_path("src/jest.js") and "test" not in classify_path("vitest.workspace.ts")
    config = "export default { test: { include: ['spec/**/*.js'] } };\n"
    result = analysed({"vitest.config.js": (config, config.replace("spec/**", "spec/suites/**"))},
                      "run npm test against the source")
    assert result.importance == "low" and result.change_type == "test"
    assert result.summary[0].startswith("Tests only: `vitest.config.js`")


_WRAP_BEFORE = '''class Text:
    def wrap(self, lines, width, overflow, no_wrap):
        for line in lines:
            if no_wrap:
                new_lines = [line]
            else:
                new_lines = line.divide(width)
            for line in new_lines:
                line.rstrip_end(width)
        return new_lines
'''
_WRAP_AFTER = _WRAP_BEFORE.replace('''            if no_wrap:
                new_lines = [line]''', '''            if no_wrap:
                if overflow == "ignore":
                    continue
                new_lines = [line]''').replace('''            for line in new_lines:
                line.rstrip_end(width)''', '''                for line in new_lines:
                    line.rstrip_end(width)''')


def test_whitespace_the_product_strips_is_behaviour_not_a_cosmetic_title():
    from analysis.analyzers.heuristic import rules as R
    assert R.cosmetic("Remove trailing whitespace").group(0) == "whitespace"
    assert R.cosmetic("Fix typos in the docs").group(0) == "typos"
    assert R.cosmetic("don't strip whitespace when soft_wrap is True") is None
    assert R.cosmetic("Preserve indentation in code blocks") is None
    result = analysed({"rich/text.py": (_WRAP_BEFORE, _WRAP_AFTER)}, "don't strip whitespace when soft_wrap is True")
    assert (result.change_type, result.importance) == ("fix", "medium")
    tidy = analysed({"rich/text.py": (_WRAP_BEFORE, _WRAP_BEFORE.replace("        return", "\n        return"))},
                    "Remove trailing whitespace")
    assert tidy.importance == "low"


_PROMPT = '''class PromptBase:
    def on_validate_error(self, value, error):
        self.console.print(error)
'''


def test_an_objects_own_console_printing_is_output_not_a_log_line():
    from analysis.analyzers.heuristic.code.respelled.log_calls import log_text_only
    patch = "@@ -3 +3 @@\n-        self.console.print(error)\n+        self.console.print(error, markup=True)\n"
    assert not log_text_only([patch])
    assert log_text_only(["@@ -3 +3 @@\n-    console.log('saved')\n+    console.log('saved to disk')\n"])
    result = analysed({"rich/prompt.py": (_PROMPT, _PROMPT.replace("print(error)", "print(error, markup=True)"))},
                      "Fix raw markup printed on prompt errors sometimes")
    assert (result.change_type, result.importance) == ("fix", "medium")


def test_a_toolchain_raised_is_told_with_the_same_arrow_as_every_other_value():
    cargo = '[package]\nname = "demo"\nversion = "1.0.0"\nrust-version = "1.74"\n'
    result = analysed({"Cargo.toml": (cargo, cargo.replace('"1.74"', '"1.85"'))}, "chore: Bump MSRV to 1.85")
    assert result.insights.compatibility.startswith("`package.rust-version` in `Cargo.toml` `1.74` → `1.85`: ")
    assert "->" not in result.insights.compatibility


_VALUES = """controller:
  image:
    tag: "2.426.3-jdk17"
  installPlugins:
    - kubernetes:4174.v4230d0ccd951
    - workflow-aggregator:596.v8c21c963d92d
    - git:5.1.0
  numExecutors: 0
"""


def test_a_list_item_pinned_by_name_moved_to_another_version_is_a_dependency_bump():
    from analysis.analyzers.heuristic.config.charts.deploy import version_pin
    fact = Fact(kind="config_value_changed", path="values.yaml", symbol="controller.installPlugins[git]",
                before="5.1.0", after="5.2.1")
    assert version_pin(fact)
    assert not version_pin(fact.model_copy(update={"symbol": "controller.args[timeout]", "before": "5", "after": "10"}))
    result = analysed({"charts/jenkins/values.yaml": (_VALUES, _VALUES.replace("git:5.1.0", "git:5.2.1"))},
                      "chore(deps): update dependency git to v5.2.1")
    assert result.importance == "low" and result.change_type == "build"
    assert any("`5.1.0` → `5.2.1`" in line for line in result.summary)


def test_a_c_librarys_one_test_program_is_a_test_file():
    from analysis.analyzers.heuristic.paths import classify_path
    assert classify_path("test.c") == {"test"} and classify_path("test.sh") == {"test"}
    assert "test" not in classify_path("latest.c") and "test" not in classify_path("src/contest.c")
    program = "int main(void) {\n    test_blocking_connection();\n    return 0;\n}\n"
    result = analysed({"test.c": (program, program.replace("    return 0;", "    test_timeout();\n    return 0;"))},
                      "Rework asSleep to be a generic millisleep function.")
    assert result.importance == "low" and result.summary[0].startswith("Tests only: `test.c`")


_DEMO = '''import time


def render(text):
    return text.upper()


if __name__ == "__main__":  # pragma: no cover
    start = time.time()
    print(render("demo"))
    print(
        "Please consider sponsoring me if you get value from my work."
    )
'''


def _with_git_context(before: str, after: str):
    """The analysis of ``rich/__main__.py`` changed, each hunk headed with the context git prints (the last
    top-level line above it), which difflib leaves out."""
    from analysis.analyzers.base import AnalysisContext
    from analysis.analyzers.heuristic.analyzer import HeuristicAnalyzer
    from analysis.facts import derive_facts
    from tests.facts_support import commit_of
    commit, texts = commit_of({"rich/__main__.py": (before, after)}, "sponsor")
    lines = after.splitlines()
    patch = []
    for line in commit.files[0].patch.splitlines():
        if line.startswith("@@"):
            start = int(line.split("+")[1].split(",")[0].split(" ")[0])
            above = [ln for ln in lines[:start - 1] if ln[:1].strip()]
            line = f"{line} {above[-1]}" if above else line
        patch.append(line)
    commit.files[0].patch = "\n".join(patch) + "\n"
    return HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))


def test_a_change_inside_the_script_block_is_a_demo_not_the_library():
    from analysis.analyzers.heuristic.code.respelled.script_blocks import script_block_only
    after = _DEMO.replace("Please consider sponsoring me if you get value from my work.",
                          "Consider sponsoring to ensure this project is maintained.")
    assert _with_git_context(_DEMO, after).importance == "low"
    assert _with_git_context(_DEMO, after.replace("text.upper()", "text.lower()")).importance == "medium"
    patch = '@@ -9,2 +9,2 @@ if __name__ == "__main__":\n     start = time.time()\n-    a()\n+    b()\n'
    from analysis.models import FileChange
    assert script_block_only([FileChange(path="tool.py", patch=patch, additions=1, deletions=1)])
    assert not script_block_only([FileChange(path="tool.js", patch=patch, additions=1, deletions=1)])


def test_a_long_code_line_rewritten_at_its_end_is_quoted_where_it_differs():
    head = "    return render_template_with_all_the_context(request, user, settings, theme, locale, "
    before = "def view(request, user, settings, theme, locale):\n" + head + "timezone)\n"
    after = "def view(request, user, settings, theme, locale):\n" + head + "timezone, flags)\n"
    result = analysed({"app/views.py": (before, after)}, "Pass flags to the template")
    line = next(s for s in result.summary if s.startswith("Line "))
    old, new = line[len("Line "):].split(" → ")
    assert old != new and "flags" in new and "flags" not in old
