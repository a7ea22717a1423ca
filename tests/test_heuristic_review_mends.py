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
