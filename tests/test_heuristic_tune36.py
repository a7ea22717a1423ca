"""Rules of the tune36 round (issue 8, the thirty-sixth set), on a small snippet: a secret a workflow already handed
its steps, moved into a job's ``env:`` or tested in an ``if:``, reaches no step anew (CI housekeeping, low); a secret
passed for the first time still changes what the pipeline holds (medium)."""

from __future__ import annotations

import pytest

from tests.facts_support import analysed

_WORKFLOW = """name: CI
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/login-action@v3
        with:
          username: ${{ secrets.REGISTRY_USER }}
          password: ${{ secrets.REGISTRY_TOKEN }}
        if: matrix.db != 'sqlite'
      - run: npm test
"""

_GUARDED = _WORKFLOW.replace("""  build:
    runs-on""", """  build:
    env:
      REGISTRY_USER: ${{ secrets.REGISTRY_USER }}
    runs-on""").replace("if: matrix.db != 'sqlite'", "if: env.REGISTRY_USER != ''")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_secret_already_passed_moved_into_env_for_a_condition_reads_low(lang):
    result = analysed({".github/workflows/ci.yml": (_WORKFLOW, _GUARDED)},
                      "fix: only log in to the registry when its user is set", lang)
    assert result.importance == "low"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_secret_passed_for_the_first_time_still_reads_medium(lang):
    fresh = _WORKFLOW.replace("  build:\n    runs-on", "  build:\n    env:\n      DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}\n"
                              "    runs-on")
    result = analysed({".github/workflows/ci.yml": (_WORKFLOW, fresh)}, "ci: pass the deploy key", lang)
    assert result.importance == "medium"
