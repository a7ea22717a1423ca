"""The fake GitHub's data: repositories, branches and commits, and their JSON as GitHub's REST API shapes it."""

from __future__ import annotations

import base64
import hashlib
import itertools
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone

HTML_BASE = "https://github.com"


def iso_z(moment: datetime) -> str:
    """A moment as GitHub writes it: UTC, seconds, ``Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class FakeCommit:
    sha: str
    message: str
    author_name: str
    author_email: str
    author_login: str | None
    committed_at: datetime
    parents: list[str]
    files: list[dict]
    seq: int  # insertion order, breaks ties between equal dates (newer first)
    #: every file of the repository at this commit (path -> bytes), served by the contents endpoint
    tree: dict[str, bytes] = field(default_factory=dict)


@dataclass
class FakeRepo:
    id: int
    full_name: str
    default_branch: str
    private: bool
    branches: dict[str, str | None] = field(default_factory=dict)  # name -> head sha
    tags: dict[str, str] = field(default_factory=dict)  # name -> sha
    commits: dict[str, FakeCommit] = field(default_factory=dict)
    description: str | None = None


class GitHubData:
    """Thread-safe store behind the fake server; every query returns plain data to serialise."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.repos: dict[str, FakeRepo] = {}
        self._ids = itertools.count(1000)
        self._seq = itertools.count()

    # --- building -----------------------------------------------------------------------
    def add_repo(self, full_name: str, default_branch: str = "main", private: bool = False,
                 description: str | None = None) -> None:
        owner, _, name = full_name.partition("/")
        if not owner or not name or "/" in name:
            raise ValueError(f"repository names are owner/name, not {full_name!r}")
        with self.lock:
            self.repos[full_name.lower()] = FakeRepo(
                next(self._ids), full_name, default_branch, private, {default_branch: None}, description=description
            )

    def add_commit(
        self,
        full_name: str,
        *,
        message: str,
        author_name: str,
        author_login: str | None,
        author_email: str | None,
        committed_at: datetime | None,
        files: list[dict] | None,
        branch: str | None,
        sha: str | None,
        parents: list[str] | None,
        contents: dict[str, str | bytes | None] | None = None,
    ) -> str:
        """``contents``: files written by this commit (None deletes); the rest of the tree is the first parent's."""
        with self.lock:
            repo = self.repo(full_name)
            if repo is None:
                raise KeyError(f"add_repo({full_name!r}) first")
            branch = branch or repo.default_branch
            if committed_at is None:
                committed_at = datetime.now(timezone.utc)
            if committed_at.tzinfo is None:
                raise ValueError("committed_at must be timezone-aware")
            seq = next(self._seq)
            if sha is None:
                sha = hashlib.sha1(f"{full_name}\0{seq}\0{message}".encode()).hexdigest()
            sha = sha.lower()
            if len(sha) != 40 or any(c not in "0123456789abcdef" for c in sha):
                raise ValueError(f"sha must be 40 hex digits, not {sha!r}")
            if parents is None:
                head = repo.branches.get(branch, repo.branches.get(repo.default_branch))
                parents = [head] if head else []
            if files is None and len(parents) > 1:
                files = self._merged_files(repo, parents)
            tree = dict(repo.commits[parents[0]].tree) if parents and parents[0] in repo.commits else {}
            if len(parents) > 1 and parents[1] in repo.commits:  # what the merge brings in, from the other side
                theirs = repo.commits[parents[1]].tree
                for change in files or []:
                    if change["filename"] in theirs:
                        tree[change["filename"]] = theirs[change["filename"]]
                    elif change.get("status") == "removed":
                        tree.pop(change["filename"], None)
            for path, content in (contents or {}).items():
                if content is None:
                    tree.pop(path, None)
                else:
                    tree[path] = content.encode() if isinstance(content, str) else bytes(content)
            repo.commits[sha] = FakeCommit(
                sha, message, author_name, author_email or f"{author_name.lower().replace(' ', '.')}@example.com",
                author_login, committed_at, list(parents), [dict(f) for f in files or []], seq, tree,
            )
            repo.branches[branch] = sha
            return sha

    @staticmethod
    def _merged_files(repo: FakeRepo, parents: list[str]) -> list[dict]:
        """A merge's ``files`` as GitHub's commit API gives them: its diff against its first parent.

        The fake keeps changes, not trees, so a merge given no files gets the changes of the commits it
        brings in (reachable from its other parents, not from the first; merges among them skipped), file by
        file: the latest status and patch, additions and deletions summed (exact for a branch that touches
        each file once and a merge without conflicts).
        """
        def reachable(starts: list[str]) -> set[str]:
            seen, stack = set(), list(starts)
            while stack:
                sha = stack.pop()
                if sha in repo.commits and sha not in seen:
                    seen.add(sha)
                    stack.extend(repo.commits[sha].parents)
            return seen

        brought = reachable(parents[1:]) - reachable(parents[:1])
        merged: dict[str, dict] = {}
        for commit in sorted((repo.commits[s] for s in brought), key=lambda c: (c.committed_at, c.seq)):
            if len(commit.parents) > 1:  # a back-merge's own diff is what the first parent already has
                continue
            for change in commit.files:
                name = change["filename"]
                before = merged.get(name, {})
                merged[name] = {**change,
                                "additions": int(before.get("additions", 0)) + int(change.get("additions", 0)),
                                "deletions": int(before.get("deletions", 0)) + int(change.get("deletions", 0))}
        return list(merged.values())

    def add_tag(self, full_name: str, name: str, sha: str) -> None:
        with self.lock:
            self.repo(full_name).tags[name] = sha.lower()

    # --- queries ------------------------------------------------------------------------
    def repo(self, full_name: str) -> FakeRepo | None:
        return self.repos.get(full_name.lower())

    def resolve(self, repo: FakeRepo, ref: str) -> tuple[FakeCommit | None, str | None]:
        """HEAD, a branch or tag name, full sha or unique prefix -> (commit, None), or (None, 'unknown'|'ambiguous').

        GitHub resolves any of these in ``GET /repos/{o}/{r}/commits/{ref}`` (HEAD is the default branch).
        """
        if ref == "HEAD":
            ref = repo.default_branch
        if ref in repo.tags:
            return repo.commits.get(repo.tags[ref]), (None if repo.tags[ref] in repo.commits else "unknown")
        if ref in repo.branches:
            head = repo.branches[ref]
            return (repo.commits[head], None) if head else (None, "unknown")
        ref_l = ref.lower()
        if ref_l in repo.commits:
            return repo.commits[ref_l], None
        if len(ref_l) < 4 or any(c not in "0123456789abcdef" for c in ref_l):
            return None, "unknown"
        matches = [c for s, c in repo.commits.items() if s.startswith(ref_l)]
        if len(matches) == 1:
            return matches[0], None
        return None, ("ambiguous" if matches else "unknown")

    def history(self, repo: FakeRepo, head: FakeCommit) -> list[FakeCommit]:
        """Every commit reachable from ``head``, newest committer date first."""
        seen: dict[str, FakeCommit] = {}
        stack = [head.sha]
        while stack:
            sha = stack.pop()
            if sha in seen or sha not in repo.commits:
                continue
            commit = repo.commits[sha]
            seen[sha] = commit
            stack.extend(commit.parents)
        return sorted(seen.values(), key=lambda c: (c.committed_at, c.seq), reverse=True)


# --- JSON in GitHub's shapes -----------------------------------------------------------------
def user_json(api: str, login: str) -> dict:
    uid = int(hashlib.sha1(login.encode()).hexdigest()[:6], 16)
    return {
        "login": login, "id": uid, "node_id": f"U_{uid}", "type": "Bot" if login.endswith("[bot]") else "User",
        "site_admin": False, "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "url": f"{api}/users/{login}", "html_url": f"{HTML_BASE}/{login}",
    }


def repo_json(api: str, repo: FakeRepo) -> dict:
    owner, name = repo.full_name.split("/")
    url = f"{api}/repos/{repo.full_name}"
    return {
        "id": repo.id, "node_id": f"R_{repo.id}", "name": name, "full_name": repo.full_name,
        "owner": user_json(api, owner), "private": repo.private,
        "visibility": "private" if repo.private else "public",
        "html_url": f"{HTML_BASE}/{repo.full_name}", "description": repo.description, "fork": False, "url": url,
        "commits_url": f"{url}/commits{{/sha}}", "branches_url": f"{url}/branches{{/branch}}",
        "git_url": f"git://github.com/{repo.full_name}.git", "clone_url": f"{HTML_BASE}/{repo.full_name}.git",
        "default_branch": repo.default_branch, "archived": False, "disabled": False,
        "created_at": "2020-01-01T00:00:00Z", "updated_at": "2020-01-01T00:00:00Z",
        "pushed_at": "2020-01-01T00:00:00Z", "size": 1, "stargazers_count": 0, "watchers_count": 0,
        "forks_count": 0, "open_issues_count": 0, "has_issues": True,
    }


def _person(commit: FakeCommit) -> dict:
    return {"name": commit.author_name, "email": commit.author_email, "date": iso_z(commit.committed_at)}


def commit_json(api: str, repo: FakeRepo, commit: FakeCommit) -> dict:
    """A commit as GET /repos/{o}/{r}/commits lists it (no stats, no files)."""
    url = f"{api}/repos/{repo.full_name}"
    html = f"{HTML_BASE}/{repo.full_name}"
    login = commit.author_login
    return {
        "sha": commit.sha, "node_id": f"C_{commit.sha[:20]}",
        "commit": {
            "author": _person(commit), "committer": _person(commit), "message": commit.message,
            "tree": {"sha": hashlib.sha1(commit.sha.encode()).hexdigest(), "url": f"{url}/git/trees/x"},
            "url": f"{url}/git/commits/{commit.sha}", "comment_count": 0,
            "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None},
        },
        "url": f"{url}/commits/{commit.sha}", "html_url": f"{html}/commit/{commit.sha}",
        "comments_url": f"{url}/commits/{commit.sha}/comments",
        "author": user_json(api, login) if login else None,
        "committer": user_json(api, login) if login else None,
        "parents": [{"sha": p, "url": f"{url}/commits/{p}", "html_url": f"{html}/commit/{p}"} for p in commit.parents],
    }


def file_json(api: str, repo: FakeRepo, commit: FakeCommit, change: dict) -> dict:
    name = change["filename"]
    additions = int(change.get("additions", 0))
    deletions = int(change.get("deletions", 0))
    out = {
        "sha": hashlib.sha1(f"{commit.sha}{name}".encode()).hexdigest(), "filename": name,
        "status": change.get("status", "modified"), "additions": additions, "deletions": deletions,
        "changes": additions + deletions,
        "blob_url": f"{HTML_BASE}/{repo.full_name}/blob/{commit.sha}/{name}",
        "raw_url": f"{HTML_BASE}/{repo.full_name}/raw/{commit.sha}/{name}",
        "contents_url": f"{api}/repos/{repo.full_name}/contents/{name}?ref={commit.sha}",
    }
    if change.get("patch") is not None:
        out["patch"] = change["patch"]
    if change.get("previous_filename"):
        out["previous_filename"] = change["previous_filename"]
    return out


def blob_sha(data: bytes) -> str:
    """The git object id of a blob holding ``data``, as GitHub reports it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def content_json(api: str, repo: FakeRepo, commit: FakeCommit, path: str, data: bytes,
                 max_inline: int = 1_000_000) -> dict:
    """GET /repos/{o}/{r}/contents/{path}?ref= for a file: base64 in 60-character lines, or ``encoding: none``
    (empty content) for files over 1 MB, as GitHub answers."""
    url = f"{api}/repos/{repo.full_name}/contents/{path}?ref={commit.sha}"
    html = f"{HTML_BASE}/{repo.full_name}/blob/{commit.sha}/{path}"
    git = f"{api}/repos/{repo.full_name}/git/blobs/{blob_sha(data)}"
    encoded = base64.b64encode(data).decode()
    inline = len(data) <= max_inline
    return {
        "type": "file", "encoding": "base64" if inline else "none", "size": len(data),
        "name": path.rsplit("/", 1)[-1], "path": path, "sha": blob_sha(data),
        "content": "\n".join(encoded[i:i + 60] for i in range(0, len(encoded), 60)) + "\n" if inline else "",
        "url": url, "git_url": git, "html_url": html,
        "download_url": f"https://raw.githubusercontent.com/{repo.full_name}/{commit.sha}/{path}",
        "_links": {"self": url, "git": git, "html": html},
    }


def commit_detail_json(api: str, repo: FakeRepo, commit: FakeCommit, files: list[dict]) -> dict:
    """GET /repos/{o}/{r}/commits/{ref}: the list shape plus ``stats`` and one page of ``files``."""
    out = commit_json(api, repo, commit)
    additions = sum(int(f.get("additions", 0)) for f in commit.files)
    deletions = sum(int(f.get("deletions", 0)) for f in commit.files)
    out["stats"] = {"total": additions + deletions, "additions": additions, "deletions": deletions}
    out["files"] = [file_json(api, repo, commit, f) for f in files]
    return out
