"""Offline heuristic analyzer: an ``Analysis`` from a commit's message and changed paths, no model."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from analysis.analyzers import heuristic_rules as R
from analysis.analyzers.base import AnalysisContext
from analysis.models import Analysis, Commit, FileChange, Insights, Risk

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis."""
    text = _CONTROL.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _message_points(body: str) -> list[str]:
    """The body's bullets, else its first paragraph; each one line, wrapped lines joined (trailers left out)."""
    bullets: list[list[str]] = []
    paragraph: list[str] = []
    current: list[str] | None = None
    paragraph_done = False
    for line in body.strip().splitlines():
        if R.TRAILER_RE.match(line):
            continue
        match = R.BULLET_RE.match(line)
        if match:
            current = [match.group("text").strip()]
            bullets.append(current)
        elif not line.strip():
            current = None
            paragraph_done = paragraph_done or bool(paragraph)
        elif current is not None and line[:1].isspace():
            current.append(line.strip())  # a bullet wrapped onto the next, indented line
        else:
            current = None
            if not paragraph_done:
                paragraph.append(line.strip())
    if bullets:
        return [_joined(parts) for parts in bullets]
    return [_joined(paragraph)] if paragraph else []


#: a line shorter than this was not wrapped by the author's editor: it ends a statement of its own
_WRAPPED_LINE = 60


def _joined(lines: list[str]) -> str:
    """Lines as one: a wrapped line runs on; a short line before a capital letter ends its sentence."""
    out = lines[0]
    for previous, line in zip(lines, lines[1:]):
        ends = len(previous) < _WRAPPED_LINE and line[:1].isupper() and not previous.endswith(tuple(".!?:;,"))
        out += (". " if ends else " ") + line
    return out


def classify_path(path: str) -> set[str]:
    """The classes of one changed path: doc, test, ci, build, lock, example, docker, api, deploy, security."""
    low = path.strip().lower()
    parts = [p for p in low.split("/") if p]
    is_dir = low.endswith("/")  # a directory named as a whole (reconstructed file lists)
    name = "" if is_dir or not parts else parts[-1]
    dirs = set(parts if is_dir else parts[:-1])
    classes: set[str] = set()
    if name.endswith(R.DOC_EXTS) or dirs & R.DOC_DIRS or R.DOC_NAMES.match(name):
        classes.add("doc")
    if dirs & R.TEST_DIRS or R.TEST_NAMES.match(name):
        classes.add("test")
    if R.CI_PATH.search(low):
        classes.add("ci")
    if R.BUILD_NAMES.match(name):
        classes.add("build")
    if R.LOCK_NAMES.search(name):
        classes.add("lock")
    if dirs & R.EXAMPLE_DIRS:
        classes.add("example")
    if R.DOCKER_NAME.search(name) or name.endswith(".dockerfile"):
        classes.add("docker")
    if classes & {"doc", "test", "example", "ci"}:
        return classes  # not product code: no API, deployment or security signal
    if not classes & {"build", "lock"} and (
        name.endswith(R.API_EXTS) or dirs & R.API_DIRS or R.API_NAMES.search(name)
        or ("include" in dirs and name.endswith(R.HEADER_EXTS))
    ):
        classes.add("api")
    if "lock" not in classes and (
        "docker" in classes or set(parts) & R.DEPLOY_DIRS or R.DEPLOY_NAMES.match(name)
    ):
        classes.add("deploy")
    if R.SECURITY_WORDS.search(low):
        classes.add("security")
    return classes


def area_of(path: str) -> str:
    """The top-level area of a path: its directories up to the second meaningful one."""
    text = path.strip()
    parts = [p for p in text.split("/") if p]
    dir_parts = parts if text.endswith("/") else parts[:-1]
    if not dir_parts:
        return text
    key: list[str] = []
    meaningful = 0
    for part in dir_parts:
        key.append(part)
        if part.lower() not in R.GENERIC_DIRS:
            meaningful += 1
        if meaningful == 2 or len(key) == 4:
            break
    return "/".join(key)


@dataclass
class Facts:
    """Everything the heuristic derived from one commit; the prose is written from this only."""

    title: str
    body: str
    change_type: str
    scope: str | None
    breaking: bool
    files: list[FileChange]
    loaded: bool  # the file list is known (possibly empty), not merely missing
    classes: dict[str, set[str]] = field(default_factory=dict)
    security_words: list[str] = field(default_factory=list)
    title_hints: list[str] = field(default_factory=list)
    perf_words: bool = False

    def paths(self, cls: str) -> list[str]:
        return [f.path for f in self.files if cls in self.classes[f.path]]

    def all_files(self, *classes: str) -> bool:
        return bool(self.files) and all(self.classes[f.path] & set(classes) for f in self.files)

    @property
    def sized(self) -> list[FileChange]:
        """The files whose size counts: lock files are machine churn, not substance."""
        return [f for f in self.files if "lock" not in self.classes[f.path]]

    @property
    def lines(self) -> int:
        return sum(f.changes for f in self.sized)

    @property
    def is_large(self) -> bool:
        return self.lines >= R.LARGE_LINES or len(self.sized) >= R.LARGE_FILES

    @property
    def is_huge(self) -> bool:
        return self.lines >= R.HUGE_LINES or len(self.sized) >= R.HUGE_FILES

    @property
    def security(self) -> bool:
        return bool(self.security_words or self.paths("security"))


def _change_type(title: str, body: str, facts_classes: dict[str, set[str]]) -> tuple[str, str | None, bool]:
    """Change type, conventional scope and breaking marker, from the prefix, else paths, else title words."""
    breaking = bool(R.BREAKING_BODY_RE.search(body))
    match = R.PREFIX_RE.match(title)
    if match and match.group("type").lower() in R.PREFIX_TYPES:
        scope = match.group("scope") or None
        return R.PREFIX_TYPES[match.group("type").lower()], scope, breaking or bool(match.group("bang"))
    if R.REVERT_TITLE_RE.match(title):
        return "revert", None, breaking
    classes = list(facts_classes.values())
    if classes:
        for cls, ctype in (("doc", "docs"), ("test", "test"), ("ci", "ci")):
            if all(cls in c for c in classes):
                return ctype, None, breaking
        if all(c & {"build", "docker", "lock"} for c in classes):
            return "build", None, breaking
    if R.TITLE_SECURITY_WORDS.search(title):
        return "security", None, breaking
    found = [(m.start(), ctype) for ctype, p in R.TITLE_TYPE_WORDS if (m := p.search(title))]
    if found:
        return min(found)[1], None, breaking
    if R.TITLE_FEATURE_WORDS.search(title):
        return "feature", None, breaking
    return "chore", None, breaking


def derive_facts(commit: Commit) -> Facts:
    """Read the commit once and keep only what the rules can see."""
    title, body = commit.title, commit.body
    files = [f for f in commit.files if f.path]
    classes = {f.path: classify_path(f.path) for f in files}
    change_type, scope, breaking = _change_type(title, body, classes)
    message = f"{title}\n{body}"
    words = []
    for m in R.SECURITY_WORDS.finditer(message):
        word = m.group(0).lower()
        if word not in words:
            words.append(word)
    loaded = bool(files) or commit.details_loaded
    hints = []
    if not loaded:
        hints = list(dict.fromkeys(m.group(0) for p in (R.API_TITLE_WORDS, R.DEPLOY_TITLE_WORDS)
                                   for m in p.finditer(title)))
    return Facts(title=title, body=body, change_type=change_type, scope=scope, breaking=breaking,
                 files=files, loaded=loaded, classes=classes, security_words=words[:5], title_hints=hints[:4],
                 perf_words=bool(R.PERF_WORDS.search(title)))


def importance_of(facts: Facts) -> str:
    """High, medium or low from the substance: type, breaking marker, touched areas and size."""
    if facts.breaking:
        return "high"
    score = R.TYPE_BASE[facts.change_type]
    if facts.files:
        if facts.all_files("doc", "example"):
            return "low"  # documentation or examples only, whatever the prefix says
        if facts.all_files("ci"):
            return "medium" if facts.security else "low"
        if facts.all_files("test"):
            big = facts.lines >= R.TEST_ONLY_MEDIUM_LINES or len(facts.files) >= R.TEST_ONLY_MEDIUM_FILES
            return "medium" if big else "low"
        if facts.change_type == "chore" and not R.PREFIX_RE.match(facts.title) and any(
                not c & {"doc", "test", "ci", "example", "build", "lock"} for c in facts.classes.values()):
            score = max(score, R.UNKNOWN_CODE_BASE)
        score += R.SCORE_API if facts.paths("api") else 0
        score += R.SCORE_DEPLOY if facts.paths("deploy") else 0
        score += 2 if facts.is_huge else 1 if facts.is_large else 0
    else:
        score += R.SCORE_TITLE_HINT if facts.title_hints else 0
    if facts.security:
        score = max(score + R.SCORE_SECURITY, R.MEDIUM_AT)
    return "high" if score >= R.HIGH_AT else "medium" if score >= R.MEDIUM_AT else "low"


class _Writer:
    """Writes the prose of an ``Analysis`` in one language from ``Facts``."""

    def __init__(self, facts: Facts, lang: str):
        self.f = facts
        self.lang = "zh" if lang.lower().startswith("zh") else "en"
        self.p = R.PHRASES[self.lang]

    def t(self, key: str, **kw) -> str:
        return self.p[key].format(**kw)

    def files_word(self, n: int) -> str:
        return self.p["file"] if n == 1 else self.p["files"]

    def listing(self, items: list[str]) -> str:
        items = list(dict.fromkeys(items))
        shown = [_clip(i, R.MAX_PATH) for i in items[: R.MAX_LISTED_PATHS]]
        text = ", ".join(shown) if self.lang == "en" else "、".join(shown)
        extra = len(items) - len(shown)
        return self.t("list_more", items=text, n=extra) if extra > 0 else text

    def summary(self) -> list[str]:
        f = self.f
        out = [self.p["disclaimer"], self.t("title", title=_clip(f.title, R.MAX_TITLE))]
        bullets = _message_points(f.body)
        out += [self.t("body_point", text=_clip(b, R.MAX_LINE)) for b in bullets[: R.MAX_BODY_BULLETS]]
        if not f.files:
            out.append(self.p["no_files_changed"] if f.loaded else self.p["no_files"])
            return out
        n = len(f.files)
        adds, dels = sum(x.additions for x in f.files), sum(x.deletions for x in f.files)
        out.append(self.t("files_changed", n=n, files=self.files_word(n), a=adds, d=dels))
        counts = Counter(area_of(x.path) for x in f.files)
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: R.MAX_TOP_DIRS]
        dirs = [self.t("dir_count", area=_clip(a, R.MAX_PATH), n=c) for a, c in top]
        out.append(self.t("top_dirs", dirs=(", " if self.lang == "en" else "、").join(dirs)))
        return out

    def impact(self) -> list[str]:
        f = self.f
        if not f.files:
            if f.loaded:
                return [self.p["impact_none"]]
            if f.scope:
                return [self.t("impact_scope", scope=_clip(f.scope, R.MAX_PATH))]
            return [self.p["impact_unknown"]]
        groups: dict[str, list[FileChange]] = {}
        for x in f.files:
            groups.setdefault(area_of(x.path), []).append(x)
        ordered = sorted(groups.items(), key=lambda kv: (-sum(x.changes for x in kv[1]), kv[0]))
        out = []
        for area, members in ordered[: R.MAX_AREAS]:
            statuses = Counter(x.status if x.status in ("added", "removed", "renamed") else "modified"
                               for x in members)
            n = len(members)
            if len(statuses) == 1:
                status = self.p["status_" + next(iter(statuses))]
                desc = self.t("impact_desc_one", n=n, files=self.files_word(n), status=status)
            else:
                parts = [self.t("status_part", n=c, status=self.p["status_" + s]) for s, c in statuses.most_common()]
                desc = self.t("impact_desc_mixed", n=n, files=self.files_word(n), parts=self.p["tag_sep"].join(parts))
            line = self.t("impact_area", area=_clip(area, R.MAX_PATH), desc=desc,
                          a=sum(x.additions for x in members), d=sum(x.deletions for x in members))
            tags = [self.p["tag_" + c] for c in ("api", "deploy", "security")
                    if any(c in f.classes[x.path] for x in members)]
            out.append(line + (self.t("tags", tags=self.p["tag_sep"].join(tags)) if tags else ""))
        if len(ordered) > R.MAX_AREAS:
            out.append(self.t("impact_more", n=len(ordered) - R.MAX_AREAS))
        return out

    def insights(self) -> Insights:
        facts, no, sep = self.f, self.p["no_signal"], self.p["sentence_sep"]
        arch = []
        if facts.breaking:
            arch.append(self.p["arch_breaking"])
        if facts.paths("api"):
            arch.append(self.t("arch_api", paths=self.listing(facts.paths("api"))))
        if facts.paths("deploy"):
            arch.append(self.t("arch_deploy", paths=self.listing(facts.paths("deploy"))))
        if facts.title_hints:
            arch.append(self.t("arch_title_hint", words=self.listing(facts.title_hints)))
        perf = self.p["perf_labelled"] if facts.change_type == "perf" or facts.perf_words else no
        sec = []
        if facts.paths("security"):
            sec.append(self.t("sec_paths", paths=self.listing(facts.paths("security"))))
        if facts.security_words:
            sec.append(self.t("sec_words", words=self.listing(facts.security_words)))
        maint = []
        if facts.files:
            if facts.all_files("doc", "example"):
                maint.append(self.p["maint_examples_docs"])
            tests = facts.paths("test")
            maint.append(self.t("maint_tests", n=len(tests)) if tests else self.p["maint_no_tests"])
            if facts.is_large:
                maint.append(self.t("maint_large", lines=facts.lines, n=len(facts.sized)))
        if facts.change_type == "refactor":
            maint.append(self.p["maint_refactor"])
        return Insights(architecture=sep.join(arch) or no, performance=perf,
                        security=sep.join(sec) or no, maintainability=sep.join(maint) or no)

    def risks_and_recommendations(self) -> tuple[list[Risk], list[str]]:
        facts = self.f
        keys = []
        if facts.breaking:
            keys.append("breaking")
        if facts.paths("api"):
            keys.append("api")
        if facts.paths("deploy"):
            keys.append("deploy")
        if facts.security:
            keys.append("security")
        if facts.is_large:
            keys.append("large")
        if facts.change_type == "fix" and facts.files and not facts.paths("test"):
            keys.append("fix_no_test")
        if facts.change_type == "revert":
            keys.append("revert")
        if not facts.loaded:
            keys.append("no_files")
        risks = [Risk(risk=self.p[f"risk_{k}"], impact=self.p[f"risk_{k}_impact"],
                      mitigation=self.p[f"risk_{k}_mitigation"]) for k in keys]
        recs = [self.p[f"rec_{k}"] for k in keys] or [self.p["rec_none"]]
        return risks, recs


class HeuristicAnalyzer:
    """Analyses a commit from its message and paths only; cheap, deterministic, never calls out."""

    name = "heuristic"
    cache_key = None

    def analyze_sync(self, commit: Commit, lang: str, context: AnalysisContext | None = None) -> Analysis:
        facts = derive_facts(commit)
        writer = _Writer(facts, lang)
        risks, recs = writer.risks_and_recommendations()
        analysis = Analysis(
            change_type=facts.change_type,
            importance=importance_of(facts),
            summary=writer.summary(),
            impact=writer.impact(),
            insights=writer.insights(),
            risks=risks,
            recommendations=recs,
            analyzer="heuristic",
        )
        logger.debug("heuristic %s: %s/%s", commit.short_sha, analysis.change_type, analysis.importance)
        return analysis

    async def analyze(self, commit: Commit, lang: str, context: AnalysisContext | None = None) -> Analysis:
        return self.analyze_sync(commit, lang, context)
