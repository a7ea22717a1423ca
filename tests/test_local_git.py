"""The local git source: day windows in a zone, merges, renames, binary files, SHA prefixes."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from analysis.day import DayWindow
from analysis.errors import BadInput
from analysis.sources.local_git import LocalGitSource

SH = ZoneInfo("Asia/Shanghai")


def test_day_window_in_a_non_utc_zone(git_repo):
    before = git_repo.commit("chore: before the day", datetime(2026, 2, 13, 23, 59, 59, tzinfo=SH))
    first = git_repo.commit("feat: first second of the day", datetime(2026, 2, 14, 0, 0, 0, tzinfo=SH))
    # 23:30 in Shanghai is 15:30 UTC: inside the Shanghai day, and inside the UTC day too
    last = git_repo.commit("fix: last second of the day", datetime(2026, 2, 14, 23, 59, 59, tzinfo=SH))
    after = git_repo.commit("docs: next midnight", datetime(2026, 2, 15, 0, 0, 0, tzinfo=SH))
    source = LocalGitSource(git_repo.path)

    shanghai = [c.sha for c in source.list_commits(DayWindow.of("2026-02-14", "Asia/Shanghai"))]
    assert shanghai == [last, first]  # newest first, both boundaries right
    utc = [c.sha for c in source.list_commits(DayWindow.of("2026-02-14", "UTC"))]
    # the UTC day 2026-02-14 runs from 08:00 to 08:00 next day in Shanghai
    assert utc == [after, last]
    assert before not in utc


def test_a_commit_dated_before_its_parent_hides_no_day_behind_it(git_repo, monkeypatch):
    """qs's history: a commit cherry-picked with a months-old committer date sits between a day and the head.
    ``git rev-list --since`` stops at it and listed nothing of the day; the walk goes on past such commits."""
    day = datetime(2026, 2, 11, 17, tzinfo=timezone.utc)
    git_repo.commit("chore: before", day - timedelta(days=2))
    fix = git_repo.commit("fix: the day's fix", day)
    docs = git_repo.commit("docs: the day's docs", day + timedelta(hours=1))
    git_repo.commit("fix: backported with its old date", day - timedelta(days=100))
    git_repo.commit("chore: later", day + timedelta(days=30))
    source = LocalGitSource(git_repo.path)
    assert [c.sha for c in source.list_commits(DayWindow.of("2026-02-11", "UTC"))] == [docs, fix]
    # a run of commits older than the day ends the walk: it does not read the whole history
    monkeypatch.setattr("analysis.sources.local_git.STALE_RUN", 1)
    assert source.list_commits(DayWindow.of("2026-02-11", "UTC")) == []


def test_a_day_listing_git_never_answers_ends_at_the_timeout(git_repo, monkeypatch, tmp_path):
    """The walk reads git's output as it comes: a git that hangs is killed after GIT_TIMEOUT, and the user told so."""
    source = LocalGitSource(git_repo.path)
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexec sleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    monkeypatch.setattr("analysis.sources.local_git.GIT_TIMEOUT", 0.5)
    with pytest.raises(BadInput, match="took longer than 0.5 s"):  # a git left to run exits 0, saying nothing
        source._shas_of_day("HEAD", DayWindow.of("2026-02-11", "UTC"))


def test_commit_fields_and_details(git_repo):
    when = datetime(2026, 2, 14, 9, 30, tzinfo=SH)
    git_repo.commit("init", when - timedelta(hours=1), {"a.txt": "one\n"})
    (git_repo.path / "logo.bin").write_bytes(b"\x00\x01\x02binary")
    sha = git_repo.commit("feat(api): add thing\n\nLonger body.", when,
                          {"a.txt": "one\ntwo\n", "src/new file.py": "print(1)\n"}, author="Bo Builder")
    git_repo.git("mv", "a.txt", "b.txt")
    renamed = git_repo.commit("refactor: rename", when + timedelta(minutes=5), {})
    source = LocalGitSource(git_repo.path)
    [listed] = [c for c in source.list_commits(DayWindow.of("2026-02-14", "Asia/Shanghai")) if c.sha == sha]
    assert listed.author == "Bo Builder" and listed.title == "feat(api): add thing"
    assert listed.committed_at == when and not listed.files
    detailed = source.commit_details(sha)
    files = {f.path: f for f in detailed.files}
    assert set(files) == {"a.txt", "src/new file.py", "logo.bin"}
    assert (files["a.txt"].additions, files["a.txt"].deletions) == (1, 0)
    assert files["src/new file.py"].status == "added" and "+print(1)" in files["src/new file.py"].patch
    assert files["logo.bin"].patch is None  # binary
    moved = source.commit_details(renamed).files
    assert [(f.path, f.status, f.previous_path) for f in moved] == [("b.txt", "renamed", "a.txt")]


def test_merge_commit_is_listed_and_diffed_against_first_parent(git_repo):
    day = datetime(2026, 3, 1, 10, tzinfo=timezone.utc)
    git_repo.commit("init", day, {"base.txt": "x\n"})
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("feat: topic work", day + timedelta(hours=1), {"topic.txt": "t\n"})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("fix: main work", day + timedelta(hours=2), {"main.txt": "m\n"})
    git_repo.git("merge", "-q", "--no-ff", "topic", "-m", "Merge branch 'topic'", date=day + timedelta(hours=3))
    merge = git_repo.git("rev-parse", "HEAD")
    source = LocalGitSource(git_repo.path)
    listed = source.list_commits(DayWindow.of("2026-03-01"))
    assert [c.title for c in listed][:1] == ["Merge branch 'topic'"] and len(listed) == 4
    details = source.commit_details(merge)
    assert len(details.parents) == 2
    assert [f.path for f in details.files] == ["topic.txt"]
    # another branch
    assert [c.title for c in source.list_commits(DayWindow.of("2026-03-01"), branch="topic")] == \
        ["feat: topic work", "init"]
    with pytest.raises(BadInput, match="branch 'nope' does not exist"):
        source.list_commits(DayWindow.of("2026-03-01"), branch="nope")


def test_sha_prefixes(git_repo):
    sha = git_repo.commit("one", datetime(2026, 1, 1, tzinfo=timezone.utc))
    source = LocalGitSource(git_repo.path)
    assert source.resolve_sha(sha[:4]) == sha
    assert source.resolve_sha(sha.upper()) == sha
    for bad in ("abc", "-x", "", "a" * 41, "two words"):
        with pytest.raises(BadInput, match="bad commit SHA"):
            source.resolve_sha(bad)
    unknown = "0000" if not sha.startswith("0000") else "ffff"
    with pytest.raises(BadInput, match="no commit matches"):
        source.resolve_sha(unknown)


def test_ambiguous_prefix(git_repo):
    # fast-import makes hundreds of commits quickly; with fixed dates their SHAs are fixed,
    # and among 600 commits two share a 4-digit prefix (found below, not assumed)
    stream = []
    for n in range(600):
        stream.append(f"commit refs/heads/main\nmark :{n + 1}\n"
                      f"committer A <a@x> {1700000000 + n} +0000\ndata {len(str(n))}\n{n}\n")
        if n:
            stream.append(f"from :{n}\n")
    import subprocess

    subprocess.run(["git", "-C", str(git_repo.path), "fast-import", "--quiet"], input="".join(stream).encode(),
                   check=True)
    shas = git_repo.git("rev-list", "main").split()
    seen, prefix = {}, None
    for sha in shas:
        if sha[:4] in seen:
            prefix = sha[:4]
            break
        seen[sha[:4]] = sha
    assert prefix, "600 fixed commits always contain a shared 4-digit prefix"
    with pytest.raises(BadInput, match="ambiguous"):
        LocalGitSource(git_repo.path).resolve_sha(prefix)


def test_not_a_repository(tmp_path):
    with pytest.raises(BadInput, match="not a git repository"):
        LocalGitSource(tmp_path)


def test_empty_repository_has_no_commits(git_repo):
    assert LocalGitSource(git_repo.path).list_commits(DayWindow.of("2026-01-01")) == []


def test_a_commit_whose_blobs_are_missing_names_the_commit_and_gits_reason(git_repo):
    """A partial or damaged clone lacks some objects: the error says which commit cannot be read, and why, in one
    line (it said only "git diff-tree failed in <path>"); the commits that can be read still are."""
    day = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    readable = git_repo.commit("first", day, {"a.txt": "one\n"})
    broken = git_repo.commit("second", day + timedelta(hours=1), {"a.txt": "two\n"})
    blob = git_repo.git("rev-parse", f"{broken}:a.txt")
    (git_repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    (git_repo.path / "a.txt").unlink()  # else git reads the checked-out file in place of the missing blob
    source = LocalGitSource(git_repo.path)
    with pytest.raises(BadInput) as failed:
        source.commit_details(broken)
    said = str(failed.value)
    assert said.startswith(f"cannot read the changes of commit {broken[:7]} in repo: ") and "\n" not in said, said
    assert blob[:12] in said and blob not in said, said  # git's reason, its object name cut short
    assert [f.path for f in source.commit_details(readable).files] == ["a.txt"]
