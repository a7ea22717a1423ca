"""A translation catalog added whole: a language users can now select.

A new ``locale/ar_SA/LC_MESSAGES/humanize.po`` or ``themes/mkdocs/locales/fa/LC_MESSAGES/messages.po`` is a file the
project's translations did not have: ``activate("ar_SA")``, ``theme.locale: fa`` now give users their language where
they got English. That is an opt-in feature (medium), not the upkeep of strings it reads as when a catalog's lines are
corrected (``nn.json`` with two spellings fixed stays low). Only a catalog of one language counts: a ``.pot`` template
lists the strings to translate and gives nobody a language; a stub of a few lines translates nothing yet.
"""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.evidence import Evidence

#: what a catalog added with fewer lines holds is a header or a placeholder, not a language
_CATALOG_LINES = 20


def translations_added(e: Evidence) -> list[str]:
    """The translation catalogs the commit adds whole (no ``.pot`` template), when the rest of it is translations
    and the docs that list the language."""
    if not e.all_files("i18n", "doc"):
        return []
    return [f.path for f in e.files if f.status == "added" and "i18n" in e.classes[f.path]
            and not f.path.lower().endswith(".pot") and f.path.lower().endswith(R.I18N_DATA_EXTS)
            and f.additions >= _CATALOG_LINES]
