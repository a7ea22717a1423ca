"""Security advisory ids in Sphinx roles are security signals, and a clipped quote never cuts inside a code span
or an id (the dropped tail's advisory ids are kept)."""

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.message import changelog_entries, clip
from analysis.clipping import clip_words
from analysis.facts.changelog import ENTRY_CHARS
from analysis.models import Fact

ENTRY = ("`safe_join` on Windows does not allow special device names. This prevents reading from these when using "
         "`send_from_directory`. `secure_filename` already prevented writing to these. :ghsa:`hgf8-39gv-g3f2`")


def test_sphinx_roles_and_bare_ids_name_a_vulnerability():
    for text in (ENTRY, "Fix parsing :cve:`2024-1234`", "Fix CVE-2024-1234 in parser", "See GHSA-hgf8-39gv-g3f2"):
        assert R.TITLE_SECURITY_WORDS.search(text), text
    assert not R.TITLE_SECURITY_WORDS.search("Fix :issue:`1234` in parser")


def test_a_clip_keeps_the_advisory_id_whole():
    clipped = clip_words(ENTRY, ENTRY_CHARS)
    assert clipped.endswith("writing to these. GHSA-hgf8-39gv-g3f2") and "hgf8-39…" not in clipped


def test_a_clip_never_ends_inside_a_code_span():
    text = "Use the `send_from_directory(directory, path, **kwargs)` helper instead of joining paths by hand."
    clipped = clip(text, 30)
    assert clipped == "Use the…"


def test_changelog_entries_carry_the_id_as_a_security_word():
    fact = Fact(kind="changelog_entry", path="CHANGES.rst", text="-   " + ENTRY)
    [entry] = changelog_entries([fact])
    assert R.TITLE_SECURITY_WORDS.search(entry) and entry.count("`") % 2 == 0


def test_the_security_insight_names_the_advisory_of_the_changelog():
    from tests.test_heuristic_judge_rules import analyse, change
    code = change("src/pkg/paths.py", ["    return join(base, name)"],
                  ["    if name.upper() in DEVICES:", "        return None", "    return join(base, name)"])
    log = Fact(kind="changelog_entry", path="CHANGES.rst", text="-   " + ENTRY)
    analysis = analyse("safe_join prevents windows special device names", [code], [log])
    assert "GHSA-hgf8-39gv-g3f2" in analysis.insights.security and analysis.importance == "high"
