"""Lines the same day added and a later change churns back: no release had them (taskflow and mimalloc, the 53rd set).

The pure reading of a change's lines against its day's first-parent line (``analysis.earlier_lines``) and the digest
service handing it over from a real local repository, for a digest and for a commit explained alone; the heuristic's
reading of it (``code.same_day_churn``) is tested in ``test_heuristic_tune53e.py``.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.day import DayWindow
from analysis.earlier_lines import content, earlier_lines, walked, worth_walking
from analysis.models import Commit, FileChange
from analysis.sources.local_git import LocalGitSource
from bot.core.digests.service import DigestService
from tests.conftest import GitRepo
from tests.facts_support import analysis_text, patch_of

AT = datetime(2026, 2, 14, 9, tzinfo=timezone.utc)
PATH = "src/os.c"

_HEAD = "#include <stddef.h>\n#include <stdio.h>\n\n"
_ALLOC = ("static void* alloc_hinted(void* hint, size_t size) {\n"
          "  void* p = {call};\n"
          "  if (p != NULL) return p;\n"
          "  return NULL;\n"
          "}\n\n")
_WARN = "static int warn_size(size_t size) {\n  return printf(\"size {flag}\\n\", size);\n}\n"
_CALL = "VirtualAlloc(hint, size, MEM_RESERVE, PAGE_READWRITE)"


def _os_c(call: str = _CALL, flag: str = "%d") -> str:
    return _HEAD + _ALLOC.replace("{call}", call) + _WARN.replace("{flag}", flag)


RELEASED = _os_c()
#: the morning's change: the warning's format fixed, and (a debug edit) the hinted call commented out
DEBUG_EDIT = _os_c("NULL; // " + _CALL, "%zu")
#: the follow-up: the call put back
RESTORED = _os_c(_CALL, "%zu")


def _commit(n: int, parent: int, before: dict[str, str | None], after: dict[str, str | None],
            title: str = "change", hours: int = 0) -> Commit:
    files = []
    for path, text in after.items():
        patch = patch_of(before.get(path), text)
        files.append(FileChange(path=path, patch=patch, additions=patch.count("\n+"), deletions=patch.count("\n-")))
    return Commit(sha=f"{n:02d}" * 20, author="Ann", message=title, committed_at=AT + timedelta(hours=hours),
                  parents=[f"{parent:02d}" * 20], files=files, details_loaded=True)


def test_lines_with_nothing_of_their_own_are_not_matched():
    assert content("  }  ") is None and content("return ;") is None and content("} else {") is None
    assert content("// VirtualAlloc(hint, size);") is None and content("# a note") is None
    assert content("#include <stdio.h>") == "#include <stdio.h>"
    assert content("  void* p = NULL;") == "void* p = NULL;"


def test_a_follow_up_reads_against_the_lines_its_day_wrote():
    edit = _commit(1, 0, {PATH: RELEASED}, {PATH: DEBUG_EDIT}, "fix formatting flags")
    fix = _commit(2, 1, {PATH: DEBUG_EDIT}, {PATH: RESTORED}, "fix debug edit", hours=1)
    read = earlier_lines(fix, [edit])
    assert read.files[PATH].earlier == ("0101010",)  # the commented-out line came in with the debug edit
    assert (read.files[PATH].removed, read.files[PATH].added, read.files[PATH].restored) == (1, 1, 1)
    assert read.undone == ()  # the debug edit's format fix stays: no revert of it
    # the same lines already released the day before (no earlier change of the day wrote them)
    assert earlier_lines(fix, []).files[PATH].earlier == ()
    # nor with a release between: what came in before it was released
    release = _commit(3, 1, {"VERSION": "1.1.0\n"}, {"VERSION": "1.2.0\n"}, "Release 1.2.0")
    assert walked([release, edit], fix) == []
    assert earlier_lines(fix, [release, edit]).files[PATH].earlier == ()


def test_taking_back_a_whole_change_is_a_revert():
    edit = _commit(1, 0, {PATH: RELEASED}, {PATH: _os_c("NULL; // " + _CALL)}, "debug: no hinted allocation")
    back = _commit(2, 1, {PATH: _os_c("NULL; // " + _CALL)}, {PATH: RELEASED}, "put the hinted allocation back")
    assert earlier_lines(back, [edit]).undone == ("0101010",)


def test_the_walk_is_bounded():
    assert worth_walking(_commit(2, 1, {PATH: DEBUG_EDIT}, {PATH: RESTORED}))  # a line taken out: worth the walk
    only_added = _commit(2, 1, {PATH: RELEASED}, {PATH: RELEASED + "static int x = 1;\n"})
    assert not worth_walking(only_added)  # nothing removed: nothing of the day to rework
    merge = _commit(2, 1, {PATH: DEBUG_EDIT}, {PATH: RESTORED}).model_copy(update={"parents": ["01" * 20, "09" * 20]})
    assert not worth_walking(merge)  # a merge brings a branch's own work
    unread = _commit(2, 1, {PATH: DEBUG_EDIT}, {PATH: RESTORED}).without_patches()
    assert not worth_walking(unread)  # no patches at hand: nothing read


# -- the digest service, over a real repository ----------------------------------------------------------------


def _repo(git_repo, edited_at: datetime) -> str:
    git_repo.commit("chore: start", AT - timedelta(days=3), {PATH: RELEASED})
    git_repo.commit("fix formatting flags", edited_at, {PATH: DEBUG_EDIT})
    return git_repo.commit("fix debug edit", AT + timedelta(hours=2), {PATH: RESTORED})


def _digest(git_repo, store, edited_at: datetime):
    _repo(git_repo, edited_at)
    source = LocalGitSource(git_repo.path)
    digest = asyncio.run(DigestService(store, HeuristicAnalyzer()).build(source, DayWindow.of("2026-02-14", "UTC")))
    return {report.commit.title: report.analysis for report in digest.commits}


def test_the_digest_reads_a_follow_up_against_its_day(git_repo, store):
    fixed = _digest(git_repo, store, AT)["fix debug edit"]
    assert fixed.importance == "low"
    edit = git_repo.git("rev-parse", "--short=7", "HEAD~1")
    assert f"Reworks lines that `{edit}` added earlier the same day" in analysis_text(fixed)


def test_lines_released_before_the_day_are_reworked_as_any_change(git_repo, store, tmp_path):
    assert _digest(GitRepo(tmp_path / "same-day"), store, AT)["fix debug edit"].importance == "low"
    fixed = _digest(git_repo, store, AT - timedelta(days=1))["fix debug edit"]  # the edit came the day before
    assert fixed.importance != "low"
    assert "added earlier the same day" not in analysis_text(fixed)


def test_a_follow_up_explained_alone_walks_its_day_back(git_repo, store):
    """``explain`` (and alerts) analyse one commit before any digest of its day: the walk back along its first
    parents reads the cached details (which keep no patches) and fetches the patches it needs again."""
    fix = _repo(git_repo, AT)
    source = LocalGitSource(git_repo.path)
    source.cache_details = True  # as GitHub's: details cached without their patches
    service = DigestService(store, HeuristicAnalyzer())
    edit = git_repo.git("rev-parse", "HEAD~1")
    asyncio.run(service.explain(source, edit, "en"))  # the debug edit explained first: cached without patches
    assert store.get("commits", edit)["patches_dropped"]
    explained = asyncio.run(service.explain(source, fix, "en")).analysis
    assert explained.importance == "low"
    assert f"Reworks lines that `{edit[:7]}` added earlier the same day" in analysis_text(explained)
