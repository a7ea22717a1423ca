"""Mends from a maintainer's reading of real days (charmbracelet/lipgloss 2025-03-12, tiangolo/sqlmodel 2024-08-09).

- lipgloss 7862f52 added ``Table.Wrap`` and made ``New()`` wrap by default; the compatibility insight said "Additive
  only ...; existing callers are unaffected". With an existing public symbol changed in the same commit it now says
  that symbol changes too.
- lipgloss fb0d757 removed the Taskfile's ``lint:all`` and ``lint:soft`` tasks; the summary read "changes `all"]`,
  `soft"]`": a quoted key was cut at its colon, taken for a document name.
- a Go module's zero-major bump was explained with "Cargo's and npm's semver" (``test_heuristic_zero_major_wording``).
"""

from __future__ import annotations

from analysis.analyzers.heuristic.config.ci_keys import changed_keys, keys_of
from analysis.models import Fact
from tests.facts_support import analysed

TABLE = """package table

type Table struct {
\twidth int
}

func New() *Table {
\treturn &Table{width: 0}
}

func (t *Table) Width(w int) *Table {
\tt.width = w
\treturn t
}
"""

WITH_WRAP = TABLE.replace("type Table struct {\n\twidth int\n}", "type Table struct {\n\twidth int\n\twrap  bool\n}")
WITH_WRAP += """
func (t *Table) Wrap(w bool) *Table {
\tt.wrap = w
\treturn t
}
"""


def compatibility(after: str, message: str) -> str:
    return analysed({"table/table.go": (TABLE, after)}, message).insights.compatibility


def test_a_new_method_alone_is_additive():
    compat = compatibility(WITH_WRAP, "feat(table): add Wrap")
    assert compat.startswith("Additive only: new `Table.Wrap`; existing callers are unaffected."), compat


def test_a_new_method_with_a_changed_constructor_is_not_called_harmless():
    wrapping = WITH_WRAP.replace("return &Table{width: 0}", "return &Table{width: 0, wrap: true}")
    compat = compatibility(wrapping, "feat(table): wrap by default")
    assert "unaffected" not in compat, compat
    assert compat.startswith("New `Table.Wrap`, and existing `New` change as well: callers that never use the new "
                             "API may still see different behaviour."), compat


def test_a_quoted_key_keeps_its_colon_and_a_document_name_goes():
    def keys(symbol: str) -> list[str]:
        return keys_of(Fact(kind="config_key_removed", path="Taskfile.yaml", symbol=symbol))

    assert keys('tasks["lint:all"]') == ["tasks", "lint:all"]
    assert keys("Deployment/web:spec.template.image") == ["spec", "template", "image"]
    assert keys("[2]:on.push") == ["on", "push"]
    assert keys("jobs.build.steps[Run].run") == ["jobs", "build", "steps", "run"]
    removed = [Fact(kind="config_key_removed", path="Taskfile.yaml", symbol=f'tasks["lint:{name}"]')
               for name in ("all", "soft")]
    assert changed_keys(removed) == ["lint:all", "lint:soft"]


# --- a review of the ninth round's rules: claims their evidence did not support -----------------------------------

PARSER = """package conf

func Parse(s string) (*Conf, error) {
\tc, err := decode(s)
\treturn c, err
}

func Format(c *Conf) string {
\treturn render(c)
}
"""


def test_an_error_handed_on_is_no_stricter_validation_and_only_the_rejecting_function_is_named():
    handed_on = PARSER.replace("\tc, err := decode(s)\n", "\tc, err := decode(s)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n")
    handed_on = handed_on.replace("\treturn render(c)\n", "\treturn strings.TrimSpace(render(c))\n")
    analysis = analysed({"conf/conf.go": (PARSER, handed_on)}, "Validate input before formatting")
    assert "turned away" not in analysis.insights.compatibility and analysis.importance != "high", analysis
    rejecting = handed_on.replace("\tif err != nil {\n\t\treturn nil, err\n\t}\n",
                                  '\tif len(s) == 0 {\n\t\treturn nil, errors.New("empty input")\n\t}\n')
    compat = analysed({"conf/conf.go": (PARSER, rejecting)}, "Validate input before formatting").insights.compatibility
    assert "turned away" in compat and "`Parse`" in compat and "`Format`" not in compat, compat


def test_an_unwrap_replaced_by_a_default_is_no_failure_handed_to_callers():
    from analysis.analyzers.heuristic.code.behaviour.panics import panics_handed_on

    defaulted = "@@ -1,1 +1,2 @@\n-    let v = m.get(k).unwrap();\n+    let v = m.get(k).unwrap_or_default();\n+    step()?;\n"
    handed = '@@ -1,1 +1,1 @@\n-    let v = parse(s).expect("bad input");\n+    let v = parse(s)?;\n'
    mapped = "@@ -1,1 +1,1 @@\n-    let v = parse(s).unwrap();\n+    let v = parse(s).map_err(Error::from)?;\n"
    assert not panics_handed_on([defaulted])
    assert panics_handed_on([handed]) and panics_handed_on([mapped])


CLIENT = "def get(url):\n    return session.request('GET', url)\n"


def test_a_dependency_no_longer_supporting_a_call_is_not_the_project_removing_support():
    changed = CLIENT.replace("session.request('GET', url)", "session.get(url)")
    theirs = analysed({"src/pkg/client.py": (CLIENT, changed)},
                      "Use the session API\n\nlegacy_get is no longer supported by urllib3 2.x")
    assert "no longer supported" not in theirs.insights.compatibility and theirs.importance != "high", theirs
    ours = analysed({"src/pkg/client.py": (CLIENT, changed)}, "Support for GET through request() removed")
    assert ours.importance == "high" and "no longer supported" in ours.insights.compatibility, ours


def test_an_attack_named_in_a_snake_or_camel_case_test_counts():
    render = "def render(text):\n    return text\n"
    escaped = "def render(text):\n    return html.escape(text)\n"
    for name in ("test_prevents_xss", "testXssEscaped"):
        test = f"def {name}():\n    assert render('<b>') == '&lt;b&gt;'\n"
        analysis = analysed({"src/pkg/render.py": (render, escaped), "tests/test_render.py": (None, test)},
                            "Escape rendered text")
        assert analysis.change_type == "security", (name, analysis)


SETTINGS = """pub struct Options {
    pub depth: u32,
}

#[cfg(test)]
mod tests {
    fn sample() -> Options {
        Options {
            depth: 3,
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            depth: 1,
        }
    }
}
"""


def test_an_options_default_comes_from_its_default_impl_not_a_test_literal():
    after = SETTINGS.replace("    pub depth: u32,\n", "    pub depth: u32,\n    pub color: bool,\n")
    after = after.replace("            depth: 1,\n", "            depth: 1,\n            color: false,\n")
    after = after.replace("            depth: 3,\n", "            depth: 3,\n            color: true,\n")
    summary = analysed({"src/options.rs": (SETTINGS, after)}, "Add a color option").summary
    assert summary[0].startswith("New option `Options.color` (default `false`)"), summary
