"""Rules of the tuning round on the forty-second set (issue 8, tune42), each on a small snippet: TypeScript type
annotations added to untyped code are erased (the same JavaScript runs); a JS class's parameterless ``constructor()``
removed leaves the default one; a pass the author says migrates code to TypeScript is written for the type checker;
Python imports re-sorted by isort/ruff bind the same names; a Helm chart's templates and values get no "no test
covers" risk (charts are checked by rendering them, not by unit tests)."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text

_UNTYPED = """import { isSpace } from './utils.ts'

export default function heading (state, startLine, endLine, silent) {
  let pos = state.bMarks[startLine] + state.tShift[startLine]
  if (silent) { return true }
  return isSpace(pos)
}

export function count (items, limit = 10) {
  return items.filter(item => item.size < limit).length
}
"""

_TYPED = """import { isSpace } from './utils.ts'
import type StateBlock from './state_block.ts'

export default function heading (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine]
  if (silent) { return true }
  return isSpace(pos)
}

export function count (items: Array<{ size: number }>, limit: number = 10): number {
  return items.filter(item => item.size < limit).length
}
"""


def test_typescript_annotations_added_to_untyped_code_are_low() -> None:
    analysis = analysed({"src/rules/heading.ts": (_UNTYPED, _TYPED)}, "Add types to the block rules")
    assert analysis.importance == "low"


def test_typescript_body_changed_beside_annotations_is_not_low() -> None:
    changed = _TYPED.replace("item.size < limit", "item.size <= limit")
    analysis = analysed({"src/rules/heading.ts": (_UNTYPED, changed)}, "Add types to the block rules")
    assert analysis.importance != "low"


_RULER_OLD = """export default class Ruler {
  constructor () {
    this.rules = []
    this.cache = null
  }

  push (name, fn) {
    this.rules.push({ name, fn })
    this.cache = null
  }
}
"""

_RULER_NEW = """export default class Ruler {
  rules = []
  cache = null

  push (name, fn) {
    this.rules.push({ name, fn })
    this.cache = null
  }
}
"""


def test_js_parameterless_constructor_made_class_fields_is_not_high() -> None:
    analysis = analysed({"src/ruler.js": (_RULER_OLD, _RULER_NEW)}, "Ruler class cleanup")
    assert analysis.importance != "high"
    assert "constructor` removed" not in analysis_text(analysis)


def test_js_constructor_with_parameters_removed_stays_high() -> None:
    old = _RULER_OLD.replace("constructor () {", "constructor (rules) {").replace("this.rules = []",
                                                                                "this.rules = rules")
    analysis = analysed({"src/ruler.js": (old, _RULER_NEW)}, "Ruler class cleanup")
    assert analysis.importance == "high"


_RENDERER_OLD = """export default class Renderer {
  render (tokens, options, env) {
    let result = ''
    for (let i = 0; i < tokens.length; i++) {
      result += this.renderToken(tokens, i, options, env)
    }
    return result
  }
}
"""

_RENDERER_NEW = """export default class Renderer {
  render (tokens, options, env) {
    let result = ''
    tokens.forEach((token, i) => {
      result += this.renderToken(tokens, i, options)
    })
    return result
  }
}
"""


def test_a_pass_migrating_code_to_typescript_is_low() -> None:
    analysis = analysed({"src/renderer.ts": (_RENDERER_OLD, _RENDERER_NEW)}, "Migrate to TS (pass 6, Renderer)")
    assert analysis.importance == "low"


def test_the_same_rewrite_not_said_to_migrate_is_not_low() -> None:
    analysis = analysed({"src/renderer.ts": (_RENDERER_OLD, _RENDERER_NEW)}, "Rework Renderer.render loop")
    assert analysis.importance != "low"


_IMPORTS_OLD = """from __future__ import annotations

import os
import re

from typing import TYPE_CHECKING, cast, Any
from collections.abc import Iterable

from pkg import Coverage
from pkg import env
from pkg.types import (
    TArc,
    Tracer,
    TLineNo,
)


def annotate(path: str, lines: Iterable[str]) -> Any:
    name = os.path.basename(path)   # the file's own name
    if re.match(r'^_', name):
        return cast(Any, env.hidden(name, 'private'))
    return Coverage(TArc, Tracer, TLineNo).annotate(name, list(lines))
"""

_IMPORTS_NEW = """from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from pkg import Coverage, env
from pkg.types import (
    TArc,
    TLineNo,
    Tracer,
)


def annotate(path: str, lines: Iterable[str]) -> Any:
    name = os.path.basename(path)  # the file's own name
    if re.match(r"^_", name):
        return cast(Any, env.hidden(name, "private"))
    return Coverage(TArc, Tracer, TLineNo).annotate(name, list(lines))
"""


def test_python_imports_sorted_and_quotes_normalised_are_low() -> None:
    analysis = analysed({"pkg/annotate.py": (_IMPORTS_OLD, _IMPORTS_NEW)},
                        "style: ruff check --fix --fixable=I001,Q000 pkg/*.py")
    assert analysis.importance == "low"


def test_python_import_from_another_module_is_not_a_sort() -> None:
    new = _IMPORTS_NEW.replace("from pkg import Coverage, env", "from pkg.legacy import Coverage, env")
    analysis = analysed({"pkg/annotate.py": (_IMPORTS_OLD, new)},
                        "style: ruff check --fix --fixable=I001,Q000 pkg/*.py")
    assert analysis.importance != "low"


_VALUES_OLD = """image:
  repository: runatlantis/atlantis
  tag: v0.16.0
serviceAccount:
  create: true
"""

_VALUES_NEW = _VALUES_OLD + """allowDraftPRs: false
"""

_TEMPLATE_OLD = """apiVersion: apps/v1
kind: StatefulSet
spec:
  template:
    spec:
      containers:
        - name: atlantis
          env:
            - name: ATLANTIS_PORT
              value: "4141"
"""

_TEMPLATE_NEW = _TEMPLATE_OLD + """          {{- if .Values.allowDraftPRs }}
            - name: ATLANTIS_ALLOW_DRAFT_PRS
              value: "true"
          {{- end }}
"""


def test_chart_templates_and_values_get_no_test_gap_risk() -> None:
    analysis = analysed({"charts/atlantis/values.yaml": (_VALUES_OLD, _VALUES_NEW),
                         "charts/atlantis/templates/statefulset.yaml": (_TEMPLATE_OLD, _TEMPLATE_NEW)},
                        "Feature: add support for allowDraftPRs")
    text = analysis_text(analysis)
    assert "No test covers" not in text
    assert "Add a test that exercises" not in text
    # the rollout risk of the deployed template still stands: the test-gap sentence was the filler
    assert any("charts/atlantis" in f"{r.risk} {r.impact}" for r in analysis.risks), analysis.risks


_SWAP_OLD = """static void swapBuffersEGL(_GLFWwindow* window)
{
    if (window != _glfwPlatformGetTls(&_glfw.contextSlot))
        return;
    eglSwapBuffers(_glfw.egl.display, window->context.egl.surface);
}
"""

_SWAP_NEW = """static void swapBuffersEGL(_GLFWwindow* window)
{
    if (window != _glfwPlatformGetTls(&_glfw.contextSlot))
        return;
    if (window->context.egl.interval > 0)
        _glfwWaitForFrameWayland(window, 0.02);
    eglSwapBuffers(_glfw.egl.display, window->context.egl.surface);
}
"""


def test_a_fix_for_a_call_blocking_indefinitely_is_high() -> None:
    analysis = analysed({"src/egl_context.c": (_SWAP_OLD, _SWAP_NEW)},
                        "Wayland: Fix EGL buffer swap blocking indefinitely")
    assert analysis.importance == "high"


_RULE = """package io.lint.rules.style

import io.lint.api.Config
import io.lint.api.Rule

class OneClassPerFile(config: Config) : Rule(config, "Files should hold one top-level class.") {
    override fun visitFile(file: KtFile) {
        val classes = file.declarations.filterIsInstance<KtClassOrObject>()
        if (classes.size > 1) {
            report(file, "More than one top-level class in ${file.name}.")
        }
    }
}
"""

_CONFIG_OLD = """style:
  active: true
  MagicNumber:
    active: true
"""

_CONFIG_NEW = """style:
  active: true
  MagicNumber:
    active: true
  OneClassPerFile:
    active: false
"""


def test_a_new_rule_shipped_switched_off_is_not_high() -> None:
    analysis = analysed({"lint-rules/src/main/kotlin/io/lint/rules/style/OneClassPerFile.kt": (None, _RULE),
                         "lint-core/src/main/resources/default-config.yml": (_CONFIG_OLD, _CONFIG_NEW)},
                        "feat: add single class per file rule")
    assert analysis.importance != "high"


_SETUP_OLD = """from setuptools import setup

TEST_DEPS = [
    "pytest",
    "pytest-xdist",
]


def main():
    kwargs = dict(name="pkg", version="1.0")
    extras_require = {
        "test": TEST_DEPS,
    }
    kwargs.update(python_requires=">=3.8", extras_require=extras_require)
    setup(**kwargs)
"""

_SETUP_NEW = """from setuptools import setup


def main():
    kwargs = dict(name="pkg", version="1.0")
    kwargs.update(python_requires=">=3.8")
    setup(**kwargs)
"""

_PYPROJECT_OLD = """[build-system]
requires = ["setuptools"]
"""

_PYPROJECT_NEW = _PYPROJECT_OLD + """
[dependency-groups]
test = ["pytest", "pytest-xdist"]
"""


def test_published_extras_moved_to_dependency_groups_is_medium() -> None:
    analysis = analysed({"setup.py": (_SETUP_OLD, _SETUP_NEW), "pyproject.toml": (_PYPROJECT_OLD, _PYPROJECT_NEW)},
                        "Move python deps into pyproject.toml (PEP 735)")
    assert analysis.importance == "medium"


_CHART = """apiVersion: v1
appVersion: {app}
name: atlantis
version: {version}
"""

_IMAGE = """image:
  repository: runatlantis/atlantis
  tag: {app}
  pullPolicy: IfNotPresent
"""


def test_chart_application_image_across_two_minor_series_is_medium() -> None:
    analysis = analysed({"charts/atlantis/Chart.yaml": (_CHART.format(app="v0.14.0", version="3.12.5"),
                                                        _CHART.format(app="v0.16.0", version="3.12.6")),
                         "charts/atlantis/values.yaml": (_IMAGE.format(app="v0.14.0"), _IMAGE.format(app="v0.16.0"))},
                        "Use Atlantis 0.16.0")
    assert analysis.importance == "medium"
