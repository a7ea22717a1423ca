"""A reStructuredText changelog line that opens with a role (``:func:`.command.current` command, ...``) is words of
the entry, not a field (``:tags: bug``) to skip: the quote keeps it, the role's target as code."""

from __future__ import annotations

from analysis.facts.changelog import changelog_facts
from analysis.facts.patches import parse_patch

_PATCH = """@@ -5,3 +5,12 @@ Changelog
 .. changelog::
     :version: 1.17.1
+    :released: October 28, 2025
+
+    .. change::
+       :tags: usecase, commands
+       :tickets: 1705
+
+       Added :paramref:`.command.current.check_heads` parameter to
+       :func:`.command.current` command, available from the command line via the
+       ``--check-heads`` option to ``alembic current``.
 
"""


def test_a_line_opening_with_a_role_stays_in_the_quote_fields_do_not():
    facts = changelog_facts("docs/build/changelog.rst", parse_patch("docs/build/changelog.rst", _PATCH))
    assert len(facts) == 1
    text = facts[0].text
    assert "parameter to" in text and ".command.current`" in text and "command, available from" in text
    assert "usecase" not in text and "1705" not in text and "October" not in text
