"""A changelog's fenced code example (```` ```python ```` ... ```` ``` ````) is code, not the project's words about the
change: the entry around it is quoted, the example's lines are not."""

from __future__ import annotations

from analysis.facts.changelog import changelog_facts
from analysis.facts.patches import parse_patch

_PATCH = """@@ -17,13 +17,13 @@ You can find our backwards-compatibility policy
 ### Added
 
-- Added `tool.get_active_renderer()` that returns the active renderer.
+- Added `tool.Renderer.get_active()` that returns the active renderer.
   [#749](https://github.com/example/tool/pull/749)
 
 - `tool.Renderer()` now supports setting the `formatter` attribute.
   You can now disable pretty-printing by setting it to `tool.plain`:
 
   ```python
-  cr = tool.get_active_renderer()
+  cr = tool.Renderer.get_active()
   cr.formatter = tool.plain
   ```
   [#749](https://github.com/example/tool/pull/749)
"""


def test_the_entry_is_quoted_and_its_code_example_is_not():
    facts = changelog_facts("CHANGELOG.md", parse_patch("CHANGELOG.md", _PATCH))
    assert [f.text for f in facts] == [
        "Added `tool.Renderer.get_active()` that returns the active renderer. #749"]


def test_a_tilde_fence_is_a_code_example_too():
    patch = ("@@ -1,3 +1,8 @@\n ## Unreleased\n+- Add a `--quiet` flag.\n+\n+  ~~~sh\n+  tool run --quiet\n"
             "+  ~~~\n \n ## 1.0\n")
    facts = changelog_facts("CHANGELOG.md", parse_patch("CHANGELOG.md", patch))
    assert [f.text for f in facts] == ["Add a `--quiet` flag."]
