"""Plain data shared by every stage: commits, their analyses and the day's digest.

Sources produce ``Commit``; analyzers produce ``Analysis``; a ``Digest`` pairs them
for one repository and day. Renderers and adapters only read these.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ChangeType = Literal[
    "feature", "fix", "refactor", "perf", "docs", "test", "ci", "build", "chore", "security", "revert"
]
Importance = Literal["high", "medium", "low"]
IMPORTANCE_ORDER: tuple[Importance, ...] = ("high", "medium", "low")


class FileChange(BaseModel):
    """One file touched by a commit."""

    path: str
    status: str = "modified"  # added | modified | removed | renamed
    additions: int = 0
    deletions: int = 0
    patch: str | None = None  # unified diff hunks; None for binary or too-large files
    previous_path: str | None = None

    @property
    def changes(self) -> int:
        return self.additions + self.deletions


class Commit(BaseModel):
    """A commit as a source reports it. ``files`` is empty until details are fetched."""

    sha: str
    author: str
    author_login: str | None = None
    committed_at: datetime  # timezone-aware
    message: str
    url: str | None = None
    parents: list[str] = Field(default_factory=list)
    files: list[FileChange] = Field(default_factory=list)
    details_loaded: bool = False
    #: the files' patches were left out (the cache keeps paths and stats only, to stay small)
    patches_dropped: bool = False

    def without_patches(self) -> "Commit":
        """This commit as the cache keeps it: files with paths and stats, no patches."""
        return self.model_copy(update={"files": [f.model_copy(update={"patch": None}) for f in self.files],
                                       "patches_dropped": True})

    @property
    def title(self) -> str:
        lines = self.message.strip().splitlines()
        return lines[0].strip() if lines else ""

    @property
    def body(self) -> str:
        return "\n".join(self.message.strip().splitlines()[1:]).strip()

    @property
    def short_sha(self) -> str:
        return self.sha[:7]

    @property
    def additions(self) -> int:
        return sum(f.additions for f in self.files)

    @property
    def deletions(self) -> int:
        return sum(f.deletions for f in self.files)


class Insights(BaseModel):
    """Technical insights along five fixed dimensions; an empty one is left out of reports."""

    architecture: str = ""
    performance: str = ""
    security: str = ""
    maintainability: str = ""
    #: API, configuration and migration effects on users of the project
    compatibility: str = ""


FactKind = Literal[
    "symbol_added", "symbol_removed", "symbol_modified", "signature_changed", "comments_only",
    "config_key_added", "config_key_removed", "config_value_changed", "dependency_changed",
    "changelog_entry", "test_added", "test_removed", "security_signal",
]


class Fact(BaseModel):
    """One thing the diff analyzer derived from a commit (contract: ``facts``).

    ``symbol`` is a code symbol as written (``Choice.__init__``), a dotted config key path or a
    package name; ``before``/``after`` are signatures, values or versions; ``text`` a quoted line.
    """

    model_config = ConfigDict(extra="ignore")

    kind: FactKind
    path: str
    symbol: str | None = None
    public: bool | None = None
    before: str | None = None
    after: str | None = None
    text: str | None = None


class Risk(BaseModel):
    risk: str
    impact: str = ""
    mitigation: str = ""


class Coverage(BaseModel):
    """Which changed files the analyzer did not see (LLM prompts are fitted to a budget)."""

    files_total: int
    files_seen: int
    unseen: list[str] = Field(default_factory=list)


class FallbackReason(BaseModel):
    """Why an analysis fell back, as a code and its values, so each report says it in its own language."""

    code: str
    details: dict[str, str | int | float] = Field(default_factory=dict)

    @classmethod
    def of(cls, error: BaseException) -> "FallbackReason | None":
        """The reason an error carries (``RemoteFailure.code``), else None."""
        code = getattr(error, "code", None)
        if not isinstance(code, str) or not code:
            return None
        details = {k: v for k, v in (getattr(error, "details", None) or {}).items()
                   if isinstance(v, (str, int, float))}
        return cls(code=code, details=details)


class Analysis(BaseModel):
    """The contract's analysis object; also the JSON shape the LLM is asked for."""

    model_config = ConfigDict(extra="ignore")

    change_type: ChangeType
    #: free text beside the type, e.g. "Bug修复 / 功能增强"
    change_type_detail: str | None = None
    importance: Importance
    summary: list[str] = Field(default_factory=list)
    impact: list[str] = Field(default_factory=list)
    insights: Insights = Field(default_factory=Insights)
    risks: list[Risk] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    #: what the diff analyzer derived; the LLM receives these and does not write them
    facts: list[Fact] = Field(default_factory=list)
    analyzer: str = "heuristic"
    fallback: str | None = None
    #: ``fallback`` as a code and values, which the renderers put in a sentence of the digest's language
    fallback_reason: FallbackReason | None = None
    coverage: Coverage | None = None

    def to_contract(self) -> dict:
        """The analysis object as the contract's JSON (optional keys and empty insight dimensions left out)."""
        data = self.model_dump(mode="json", exclude_none=True)
        data["insights"] = {name: text for name, text in data["insights"].items() if text}
        return data


class CommitReport(BaseModel):
    """One change of a digest with its analysis: a commit, or a merge with the commits it brings in."""

    commit: Commit
    analysis: Analysis
    #: commits folded into this change (a merge's branch commits of the same day), newest first
    includes: list[Commit] = Field(default_factory=list)
    #: the pull request number the message names, else None
    pr: int | None = None
    #: the analyzer's importance when one channel's feedback changed the level shown (that channel's copy only)
    adjusted_from: Importance | None = None

    @property
    def commit_count(self) -> int:
        return 1 + len(self.includes)


class Stats(BaseModel):
    """Counts of changes (entries) by importance, and of commits (folded ones included)."""

    total: int
    high: int
    medium: int
    low: int
    commits: int


class Digest(BaseModel):
    """One repository's commits for one day in one zone, analysed, newest first."""

    repo: str
    date: str  # YYYY-MM-DD
    timezone: str
    branch: str | None = None
    repo_url: str | None = None
    #: None when unknown; only a digest known to be public may be published as a web page
    private: bool | None = None
    commits: list[CommitReport] = Field(default_factory=list)
    #: 3 to 5 bullets on the day's themes across changes (may be empty on a quiet day)
    highlights: list[str] = Field(default_factory=list)

    @property
    def stats(self) -> Stats:
        counts = {level: 0 for level in IMPORTANCE_ORDER}
        for report in self.commits:
            counts[report.analysis.importance] += 1
        return Stats(total=len(self.commits), commits=sum(r.commit_count for r in self.commits), **counts)

    def by_importance(self) -> dict[Importance, list[CommitReport]]:
        """Commits grouped high, medium, low; newest first inside each group."""
        groups: dict[Importance, list[CommitReport]] = {level: [] for level in IMPORTANCE_ORDER}
        for report in self.commits:
            groups[report.analysis.importance].append(report)
        return groups
