"""What the heuristic knows about one commit: its message, its paths by class, and the diff's facts, grouped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.options import NewOption, constants_changed, new_options, readers
from analysis.analyzers.heuristic.api.struct_fields import go_struct_hints
from analysis.analyzers.heuristic.api.surface import ApiSurface
from analysis.analyzers.heuristic.code.code_changes import CodeChanges
from analysis.analyzers.heuristic.code.respelled.amalgamation import regenerated_copies
from analysis.analyzers.heuristic.config.builds.dependency_changes import DependencyChanges
from analysis.analyzers.heuristic.config.ci_keys import CiSecurity, ci_security, secrets_before
from analysis.analyzers.heuristic.config.config_changes import ConfigChanges
from analysis.analyzers.heuristic.message import MERGE_TITLE, changelog_entries, clip, message_points, without_conflicts
from analysis.analyzers.heuristic.paths import NON_PRODUCT, area_of, classify_path
from analysis.clipping import advisory_ids
from analysis.earlier_lines import DayRework
from analysis.models import Commit, Fact, FileChange

#: the branch a pull request's merge names: "Merge pull request #4469 from owner/fix-session-vulnerability"
#: ``owner/branch`` as GitHub writes it, ``owner:branch`` as a mirror of an internal tree (googletest) writes it
_MERGED_BRANCH = re.compile(r"^Merge pull request #\d+ from [^/\s:]+[/:](?P<branch>\S+)")

#: ``classify_path``, ``area_of``, ``clip`` and ``MERGE_TITLE`` lived here before the split: still importable from here
__all__ = ["Evidence", "MERGE_TITLE", "area_of", "classify_path", "clip"]


@dataclass
class Evidence(CodeChanges, ApiSurface, ConfigChanges, DependencyChanges):
    """One commit as the rules see it; every sentence the heuristic writes comes from here."""

    commit: Commit
    facts: list[Fact]
    breaking_marker: bool = False
    prefix_type: str | None = None
    scope: str | None = None
    classes: dict[str, set[str]] = field(default_factory=dict)
    #: the titles of the commits a merge folds in (a pull request's own commits)
    folded_titles: list[str] = field(default_factory=list)
    #: {symbol: short SHA} of symbols earlier changes of the same day added (``analysis.earlier_additions``): not
    #: released yet, so removing or reshaping them breaks no user
    added_earlier: dict[str, str] = field(default_factory=dict)
    #: its lines read against the same day's earlier changes (``analysis.earlier_lines``): unreleased lines churned
    #: back and forth (``code.same_day_churn``)
    day_rework: DayRework | None = None
    #: Rust test code (a file's own ``mod tests``, a ``tests.rs``): not product code, yet where moved or renamed
    #: product lines may come from or go to
    rust_tests: list[FileChange] = field(default_factory=list)

    @cached_property
    def title(self) -> str:
        """The subject the rules read: a pull request's merge commit is read by the title in its body."""
        if MERGE_TITLE.match(self.commit.title) and self._body_lines:
            return self._body_lines[0]
        return self.commit.title

    @cached_property
    def _body_lines(self) -> list[str]:
        return [ln.strip() for ln in without_conflicts(self.commit.body).splitlines() if ln.strip()]

    @cached_property
    def body(self) -> str:
        """The body the summary quotes (less the pull request title a merge commit's subject came from)."""
        if self.title != self.commit.title:
            body = without_conflicts(self.commit.body).strip()
            return body.split("\n", 1)[1] if "\n" in body else ""
        return self.commit.body

    @cached_property
    def files(self) -> list[FileChange]:
        return [f for f in self.commit.files if f.path]

    @property
    def loaded(self) -> bool:
        return bool(self.files) or self.commit.details_loaded

    @cached_property
    def points(self) -> list[str]:
        return message_points(self.body, self.title)

    @property
    def paragraph(self) -> str:
        return " ".join(self.points)

    @cached_property
    def changelog(self) -> list[str]:
        return changelog_entries(self.facts)

    def paths(self, cls: str) -> list[str]:
        return [f.path for f in self.files if cls in self.classes[f.path]]

    def all_files(self, *classes: str) -> bool:
        return bool(self.files) and all(self.classes[f.path] & set(classes) for f in self.files)

    @cached_property
    def product(self) -> list[FileChange]:
        """Product code and configuration: not docs, tests, CI, tooling, examples or build manifests."""
        return [f for f in self.files if not self.classes[f.path] & NON_PRODUCT]

    @cached_property
    def behaviour(self) -> list[FileChange]:
        """Product files whose change is more than comments, whitespace or a version pin bumped."""
        return [f for f in self.product if f.path not in self.cosmetic and f.path not in self.pinned]

    @property
    def behaviour_lines(self) -> int:
        return sum(f.changes for f in self.behaviour)

    @cached_property
    def sized(self) -> list[FileChange]:
        """The files whose size makes a change hard to review: not tests, docs, examples, lock files or build output,
        nor an amalgamated header regenerated from the headers the commit changes, nor an IDE's project files
        (``benchmarks.vcxproj``: the IDE writes them)."""
        copies = regenerated_copies(self)
        return [f for f in self.files if not self.classes[f.path] & {"lock", "test", "doc", "example", "generated"}
                and f.path not in copies and not R.IDE_PROJECT.match(f.path.rsplit("/", 1)[-1].lower())]

    @property
    def sized_lines(self) -> int:
        return sum(f.changes for f in self.sized)

    @property
    def is_large(self) -> bool:
        return self.sized_lines >= R.LARGE_LINES or len(self.sized) >= R.LARGE_FILES

    def in_product(self, fact: Fact) -> bool:
        classes = self.classes.get(fact.path)
        return classes is not None and not classes & NON_PRODUCT and fact.text != "tooling"  # facts' marker

    def of(self, *kinds: str) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]

    @cached_property
    def security_signals(self) -> list[Fact]:
        return [f for f in self.of("security_signal") if not self.classes.get(f.path, set()) & {"test", "doc", "example"}]

    @cached_property
    def ci_config(self) -> list[Fact]:
        """Key changes in CI workflows and tool configuration (dependabot, linters): the pipeline, not the product."""
        return [f for f in self.of("config_key_added", "config_key_removed", "config_value_changed")
                if self.classes.get(f.path, set()) & {"ci", "tooling"}]

    @cached_property
    def ci_security(self) -> dict[str, CiSecurity]:
        """Per CI file: token permissions narrowed or widened, checkout credentials, secrets passed (when any)."""
        by_path: dict[str, list[Fact]] = {}
        for fact in self.ci_config:
            by_path.setdefault(fact.path, []).append(fact)
        patches = {f.path: f.patch for f in self.files}
        created = {f.path for f in self.files if f.status == "added"}
        found = {path: ci_security(facts, secrets_before(patches.get(path)), path in created)
                 for path, facts in by_path.items()}
        return {path: sec for path, sec in found.items() if sec.relevant}

    @cached_property
    def new_options(self) -> list[tuple[NewOption, list[str]]]:
        """Options users can set that the product code gains (settings fields, command-line flags), each with the
        functions that read it (as the facts name them when they do)."""
        named = {}
        for f in self.of("symbol_modified", "symbol_added", "signature_changed"):
            named.setdefault(re.split(r"\.|::", f.symbol or "")[-1], f.symbol)
        return [(option, list(dict.fromkeys(named.get(name, name) for name in readers(option, self.behaviour))))
                for option in new_options(self.behaviour, go_struct_hints(self.facts))]

    @cached_property
    def constants_changed(self) -> list[tuple[str, str, str, str, bool]]:
        """Constants named (or documented) as defaults or versions whose value product code changes: (name, old,
        new, path, documented)."""
        return constants_changed(self.behaviour)

    @cached_property
    def merged_words(self) -> str:
        """What a merge's branch name and the commits it folds in say, as words (``fix-session-id-vulnerability``
        -> "fix session id vulnerability"): the project's own words about the change, beside its title."""
        branch = _MERGED_BRANCH.match(self.commit.title)
        words = re.sub(r"[-_/.]+", " ", branch.group("branch")) if branch else ""
        return " ".join([words, *self.folded_titles]).strip()

    @cached_property
    def message_text(self) -> str:
        return " ".join([self.title, self.paragraph, *self.changelog])

    @cached_property
    def advisories(self) -> list[str]:
        """Security advisory ids (GHSA, CVE) the changelog lines the commit adds name (the project's own record)."""
        return advisory_ids("\n".join(f.text or "" for f in self.of("changelog_entry")))[:5]

    @cached_property
    def security_words(self) -> list[str]:
        words: list[str] = []
        for m in R.SECURITY_WORDS.finditer(f"{self.title}\n{self.body}"):
            if m.group(0).lower() not in words:
                words.append(m.group(0).lower())
        return words[:5]
