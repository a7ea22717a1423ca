"""What the heuristic knows about one commit: its message, its paths by class, and the diff's facts, grouped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from analysis.analyzers import heuristic_rules as R
from analysis.analyzers.heuristic_deploy import (gated_template_change, off_by_default, optional_property_added,
                                                 rbac_grants, schema_note, templated, version_pin)
from analysis.analyzers.heuristic_hunks import (code_lines, comment_lines, comment_lines_only, deprecations_added,
                                                deprecations_removed, exit_status_changes, expectation_flips,
                                                literal_changes, moved_lines, renamed_lines)
from analysis.analyzers.heuristic_js_modules import internal_imports, plumbing_export
from analysis.analyzers.heuristic_noticed import CONTRACT_PARTS, base_change, hierarchy_reshaped, noticed_parts
from analysis.analyzers.heuristic_toolchain import Minimum, toolchain_minimums
from analysis.analyzers.signatures import SignatureDelta, compare, return_type
from analysis.facts.languages import package_dirs, test_source_sets, test_support_dir
from analysis.models import Commit, Fact, FileChange

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_REFERENCE_ONLY = re.compile(r"^((fix(es|ed)?|close[sd]?|resolve[sd]?|refs?|see|part of|related( to)?)\b[:\s]*)?"
                             r"([\w.-]+/[\w.-]+)?#\d+[\s,.]*$|^https?://\S+$|^\[[^\]]*\]\(https?://\S+\)$|"
                             r"^\(cherry picked from commit [0-9a-f]+\)$|^this reverts commit [0-9a-f]+\.?$", re.I)
_LABEL_ONLY = re.compile(r"^[\w -]{1,20}:$")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(https?://[^)\s]+\)")
_DEV_MANIFEST = re.compile(r"(^|/)(requirements|constraints)[/_-]?[\w./-]*(dev|test|tests|docs?|lint|typing|ci)"
                           r"[\w.-]*\.(txt|in)$|(^|/)(dev|test|docs?)-requirements\.txt$")
MERGE_TITLE = re.compile(r"^Merge (pull request #\d+|branch '[^']+' into |remote-tracking branch )", re.I)
#: a release heading of a changelog (``[0.1.1] - 2022-02-08``, ``## v2.0.0``): not an entry
_RELEASE_HEADING = re.compile(r"^[#\s]*\[?v?\d+(\.\d+)+[\w.-]*\]?(\s*[-–(]\s*\d{4}-\d\d-\d\d\)?)?\s*$|^[#\s]*\[?unreleased\]?\s*$",
                              re.I)
_CHANGELOG_ITEM = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_RST_ROLE = re.compile(r":(\w+):`~?([^`]+)`")
_CUT_ROLE = re.compile(r"\s*:\w*…$")  # an ``:issue:`…`` reference cut short by the diff analyzer
_ISSUE_REF = re.compile(r"\s*:(issue|pr):`\d+`")
_VERSION_MAJOR = re.compile(r"\d+")
#: kinds of symbol users call or construct (a new one is new public API)
_CALLABLE = {"function", "method", "class", "struct", "enum", "trait"}
#: classes that are not product code
NON_PRODUCT = {"doc", "test", "ci", "example", "tooling", "build", "lock", "i18n"}


def clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis; a code span cut open is closed."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    if len(text) > limit:
        text = text[: limit - 2].rstrip() + "…"
    return text + "`" if text.count("`") % 2 else text


def _test_dirs(parts: list[str], dirs: set[str]) -> set[str]:
    """Test directories among ``dirs``, less a monorepo package named like one (``packages/testing/src``)."""
    if not any(d in R.TEST_DIRS or test_support_dir(d) for d in dirs):
        return set()
    packages = package_dirs(parts)
    return {p for i, p in enumerate(parts) if (p in R.TEST_DIRS or test_support_dir(p)) and p in dirs
            and i not in packages}


def classify_path(path: str) -> set[str]:
    """The classes of one changed path: doc, test, ci, tooling, build, lock, example, i18n, docker, api, deploy,
    security."""
    low = path.strip().lower()
    parts = [p for p in low.split("/") if p]
    is_dir = low.endswith("/")  # a directory named as a whole (reconstructed file lists)
    name = "" if is_dir or not parts else parts[-1]
    dirs = set(parts if is_dir else parts[:-1])
    classes: set[str] = set()
    if name.endswith(R.DOC_EXTS) or dirs & R.DOC_DIRS or R.DOC_NAMES.match(name):
        classes.add("doc")
    if _test_dirs(parts, dirs) or R.TEST_NAMES.match(name) or ".golden" in name or test_source_sets(path.strip()):
        classes.add("test")
    if R.CI_PATH.search(low) or ("ci" in dirs and dirs & R.DEPLOY_DIRS):  # a chart's ci/ values: chart-testing's
        classes.add("ci")
    if R.TOOLING_NAMES.match(name) or (parts[:1] and parts[0] in R.TOOLING_DIRS and len(parts) > 1 and not is_dir):
        classes.add("tooling")  # a repository's top-level scripts/, tools/, hack/: its maintainers' own programs
    if (R.BUILD_NAMES.match(name) or R.PACKAGE_MANAGER_NAMES.match(name)) and not (name == "setup.py" and dirs & R.GENERIC_DIRS):
        classes.add("build")  # a setup.py inside src/ or lib/ is a module, not the build
    if "requirements" in dirs and name.endswith((".txt", ".in")) or name.startswith("constraints"):
        classes.add("build")
    if R.LOCK_NAMES.search(name):
        classes.add("lock")
    if dirs & R.EXAMPLE_DIRS:
        classes.add("example")
    if name.endswith(R.I18N_EXTS) or (dirs & R.I18N_DIRS and name.endswith(R.I18N_DATA_EXTS)):
        classes.add("i18n")
    if R.DOCKER_NAME.search(name) or name.endswith(".dockerfile"):
        classes.add("docker")
    if len(parts) == 1 and (R.TOOL_DOTFILE.match(name) or name.endswith(R.ROOT_TOOL_EXTS)) \
            and not classes and not R.DEPLOY_NAMES.match(name):
        classes.add("tooling")  # a data file or dotfile at the root configures a tool (``.lgtm.yml``, ``wsjcpp.yml``)
    if classes & {"doc", "test", "example", "ci", "tooling", "i18n"}:
        return classes  # not product code: no API, deployment or security signal
    if not classes & {"build", "lock"} and (
        name.endswith(R.API_EXTS) or dirs & R.API_DIRS or R.API_NAMES.search(name)
    ):
        classes.add("api")
    if not classes & {"lock", "build"} and (  # a Helm chart's Chart.yaml is its package manifest
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


#: a line shorter than this was not wrapped by the author's editor: it ends a statement of its own
_WRAPPED_LINE = 60


def _joined(lines: list[str]) -> str:
    """Lines as one: a wrapped line runs on; a short line before a capital letter ends its sentence."""
    out = lines[0]
    for previous, line in zip(lines, lines[1:]):
        ends = len(previous) < _WRAPPED_LINE and line[:1].isupper() and not previous.endswith(tuple(".!?:;,"))
        out += (". " if ends else " ") + line
    return out


def _bullet_text(line: str) -> str:
    bullet = R.BULLET_RE.match(line)
    return (bullet.group("text") if bullet else line).strip()


def message_points(body: str) -> list[str]:
    """The body's first paragraph that says something, unwrapped; a list in it gives one point per item.

    Trailers (Signed-off-by) and paragraphs of bare references (``Fixes #12``, a lone URL) are skipped;
    a line introducing the list ("Details:") is left out; an item wrapped onto further lines is one point.
    """
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = [ln.rstrip() for ln in block.splitlines() if ln.strip() and not R.TRAILER_RE.match(ln)]
        lines = [ln for ln in lines if not _REFERENCE_ONLY.match(_bullet_text(ln))]
        while lines and _LABEL_ONLY.match(lines[-1].strip()):
            lines.pop()  # "Refs:" whose references were left out
        if not lines:
            continue
        lead: list[str] = []
        items: list[list[str]] = []
        for line in lines:
            bullet = R.BULLET_RE.match(line)
            if bullet:
                items.append([bullet.group("text").strip()])
            elif items:
                items[-1].append(line.strip())  # the item wrapped onto the next line
            else:
                lead.append(line.strip())
        if items and lead and lead[-1].endswith(":"):
            lead = []
        points = ([_joined(lead)] if lead else []) + [_joined(item) for item in items]
        return [clip(_MD_LINK.sub(r"\1", p), R.MAX_PARAGRAPH) for p in points[:R.MAX_POINTS]]
    return []


def whitespace_only(patch: str | None) -> bool:
    """The hunks change nothing but whitespace (indentation, trailing spaces, blank lines)."""
    if not patch:
        return False
    removed, added = [], []
    for line in patch.splitlines():
        if line.startswith("-") and not line.startswith("---"):
            removed.append("".join(line[1:].split()))
        elif line.startswith("+") and not line.startswith("+++"):
            added.append("".join(line[1:].split()))
    return (bool(removed) or bool(added)) and "".join(removed) == "".join(added)


def changelog_entries(facts: list[Fact]) -> list[str]:
    """The changelog lines a commit adds, joined into entries (a new entry at each bullet)."""
    entries: list[str] = []
    for fact in facts:
        text = (fact.text or "").strip()
        if fact.kind != "changelog_entry" or not text or set(text) <= set("-=~*^#") or _RELEASE_HEADING.match(text):
            continue
        if entries and (fact.text or "")[:1].isspace() and not _CHANGELOG_ITEM.match(text):
            entries[-1] += " " + text  # a wrapped line of the entry before
        else:
            entries.append(_CHANGELOG_ITEM.sub("", text))
    cleaned = [_CUT_ROLE.sub("", _RST_ROLE.sub(r"`\2`", _ISSUE_REF.sub("", e))).replace("``", "`") for e in entries]
    return [clip(e, R.MAX_PARAGRAPH) for e in cleaned if len(e.split()) >= 3]


def _version_parts(version: str | None) -> list[int]:
    return [int(n) for n in _VERSION_MAJOR.findall(version or "")[:2]]


def major_bump(before: str | None, after: str | None) -> bool:
    """``after``'s major version is above ``before``'s (``0.x`` -> ``1.0`` included; ``0.4`` -> ``0.5`` is not:
    see ``unstable_bump``)."""
    old, new = _version_parts(before), _version_parts(after)
    return bool(old and new) and new[0] > old[0]


def unstable_bump(before: str | None, after: str | None) -> bool:
    """A pre-1.0 dependency's next minor series (``v0.4.0`` -> ``v0.5.0``): Cargo, npm's caret and Go treat it as
    incompatible, yet it is such a package's routine release, not the major upgrade of a stable one."""
    old, new = _version_parts(before), _version_parts(after)
    return len(old) == len(new) == 2 and old[0] == new[0] == 0 and new[1] > old[1]


@dataclass
class Evidence:
    """One commit as the rules see it; every sentence the heuristic writes comes from here."""

    commit: Commit
    facts: list[Fact]
    breaking_marker: bool = False
    prefix_type: str | None = None
    scope: str | None = None
    classes: dict[str, set[str]] = field(default_factory=dict)
    #: the titles of the commits a merge folds in (a pull request's own commits)
    folded_titles: list[str] = field(default_factory=list)


    @cached_property
    def title(self) -> str:
        """The subject the rules read: a pull request's merge commit is read by the title in its body."""
        if MERGE_TITLE.match(self.commit.title) and self._body_lines:
            return self._body_lines[0]
        return self.commit.title

    @cached_property
    def _body_lines(self) -> list[str]:
        return [ln.strip() for ln in self.commit.body.splitlines() if ln.strip()]

    @cached_property
    def body(self) -> str:
        """The body the summary quotes (less the pull request title a merge commit's subject came from)."""
        if self.title != self.commit.title:
            return self.commit.body.strip().split("\n", 1)[1] if "\n" in self.commit.body.strip() else ""
        return self.commit.body

    @cached_property
    def files(self) -> list[FileChange]:
        return [f for f in self.commit.files if f.path]

    @property
    def loaded(self) -> bool:
        return bool(self.files) or self.commit.details_loaded

    @cached_property
    def points(self) -> list[str]:
        return message_points(self.body)

    @property
    def paragraph(self) -> str:
        return " ".join(self.points)

    @cached_property
    def changelog(self) -> list[str]:
        return changelog_entries(self.facts)

    @cached_property
    def cosmetic(self) -> dict[str, str]:
        """Files whose change is only comments/docstrings ("comments") or only whitespace ("whitespace")."""
        out = {f.path: "comments" for f in self.files
               if any(x.kind == "comments_only" and x.path == f.path for x in self.facts)}
        keyed = self.of("config_key_added", "config_key_removed", "config_value_changed")
        valued = {x.path for x in keyed}
        for path in valued - set(out):
            if all(schema_note(x) for x in keyed if x.path == path):
                out[path] = "comments"  # a schema's descriptions reworded: documentation
        for f in self.files:
            if f.path not in out and f.path not in valued and whitespace_only(f.patch):  # not a space inside a value
                out[f.path] = "whitespace"
            elif f.path not in out and comment_lines_only(f.patch, f.path):
                out[f.path] = "comments"  # a language the symbol reader did not parse, read from the hunks
        return out

    @cached_property
    def moved_only(self) -> bool:
        """The product lines removed come back elsewhere (same text, another place): a move or reorder."""
        return bool(self.behaviour) and moved_lines(f.patch for f in self.behaviour)

    @cached_property
    def extracted_only(self) -> bool:
        """Lines moved into new private functions: the same lines come back, but for each new function's signature,
        its call and its closing lines (a behaviour-preserving extraction)."""
        helpers = [f for f in self.of("symbol_added") if self.in_product(f) and not self.is_public(f)
                   and (f.text or "").startswith(("function", "method"))]
        return (bool(helpers) and bool(self.behaviour)
                and moved_lines((f.patch for f in self.behaviour), R.EXTRACTION_LINES * len(helpers)))

    @cached_property
    def renamed_only(self) -> bool:
        """The product lines come back with a few identifiers renamed throughout, nothing else rewritten."""
        return bool(self.behaviour) and renamed_lines(f.patch for f in self.behaviour)

    @cached_property
    def code_lines(self) -> int:
        """Changed product lines less blank and comment lines (all of them when a patch is missing)."""
        return sum(code_lines(f.patch, f.path) if f.patch else f.changes for f in self.behaviour)

    @cached_property
    def comment_lines(self) -> int:
        """Changed comment lines in product files (doc comments, docstrings written as comments)."""
        return sum(comment_lines(f.patch, f.path) for f in self.behaviour if f.patch)

    @cached_property
    def literal_changes(self) -> dict[str, list[str]]:
        """Lines of product code where only literals changed: ``status`` codes, or ``message`` texts."""
        return literal_changes(self.behaviour)

    @cached_property
    def exit_statuses(self) -> tuple[list[str], list[str]]:
        """Process exit statuses replaced in product code: (those the removed lines used, the new ones)."""
        return exit_status_changes(self.behaviour)

    @cached_property
    def expectation_flips(self) -> list[tuple[str, str, str]]:
        """Existing test lines now expecting another boolean or null result, when product code changes too."""
        return expectation_flips(f for f in self.files if "test" in self.classes[f.path]) if self.behaviour else []

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

    @cached_property
    def pinned(self) -> set[str]:
        """Configuration files whose every change is a version pin moved (a default image tag): dependency bumps."""
        keyed: dict[str, list[Fact]] = {}
        for fact in self.of("config_key_added", "config_key_removed", "config_value_changed"):
            # a manifest's own ``version`` is a release, not a pin; a vendoring manifest (tooling) pins other repos
            if self.in_product(fact) or "tooling" in self.classes.get(fact.path, set()):
                keyed.setdefault(fact.path, []).append(fact)
        return {path for path, facts in keyed.items() if all(version_pin(f) for f in facts)}

    @cached_property
    def version_pins(self) -> list[Fact]:
        return [f for f in self.of("config_value_changed") if f.path in self.pinned]

    @cached_property
    def rbac_grants(self) -> list[tuple[str, list[str], list[str]]]:
        """(path, verbs, resources) of the Kubernetes RBAC rules added whole to product YAML files."""
        return [(f.path, verbs, resources) for f in self.behaviour if f.path.lower().endswith((".yaml", ".yml"))
                for verbs, resources in rbac_grants(f.patch)]

    @cached_property
    def opt_in(self) -> bool:
        """Every deployment file's change leaves the default render as it was: keys added switched off, template
        blocks added under a new condition (an operator must turn the new behaviour on)."""
        deploy = [f for f in self.behaviour if "deploy" in self.classes[f.path]]
        if not deploy:
            return False
        for f in deploy:
            facts = [x for x in self.config if x.path == f.path]
            if templated(f.patch):
                if facts or not gated_template_change(f.patch):
                    return False
            elif not facts or not all(off_by_default(x) for x in facts):
                return False
        return True

    @property
    def behaviour_lines(self) -> int:
        return sum(f.changes for f in self.behaviour)

    @cached_property
    def sized(self) -> list[FileChange]:
        """The files whose size makes a change hard to review: not tests, docs, examples or lock files."""
        return [f for f in self.files if not self.classes[f.path] & {"lock", "test", "doc", "example"}]

    @property
    def sized_lines(self) -> int:
        return sum(f.changes for f in self.sized)

    @property
    def is_large(self) -> bool:
        return self.sized_lines >= R.LARGE_LINES or len(self.sized) >= R.LARGE_FILES

    def in_product(self, fact: Fact) -> bool:
        classes = self.classes.get(fact.path)
        return classes is not None and not classes & NON_PRODUCT and fact.text != "tooling"  # facts' marker

    def is_public(self, fact: Fact) -> bool:
        if not self.in_product(fact):
            return False
        if fact.public is not None:
            return (fact.public and "/internal/" not in f"/{fact.path}"
                    and not plumbing_export(fact.path, fact.symbol or "", self.js_imports))
        name = (fact.symbol or "").split(".")[-1]
        return bool(name) and not name.startswith("_")

    def of(self, *kinds: str) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]

    @cached_property
    def signature_deltas(self) -> list[tuple[Fact, SignatureDelta]]:
        return [(f, compare(f.before, f.after, f.path)) for f in self.of("signature_changed") if self.is_public(f)]

    @cached_property
    def returns_changed(self) -> list[Fact]:
        """Public signatures whose return type is replaced (not merely written down for the first time)."""
        return [f for f, _ in self.signature_deltas if return_type(f.before or "") and return_type(f.after or "")
                and return_type(f.before or "") != return_type(f.after or "")]

    @cached_property
    def api_breaks(self) -> list[Fact]:
        """Public symbols removed, or whose signature changed in a way callers notice."""
        removed = [f for f in self.of("symbol_removed") if self.is_public(f) and not self.moved(f)]
        return removed + [f for f, delta in self.signature_deltas if delta.breaking] + self.reach_changes("no longer")

    def reach_changes(self, how: str) -> list[Fact]:
        """Symbols whose own reach changed, ``how`` "now" (made public: new API) or "no longer" (callers lose it)."""
        return [f for f in self.of("symbol_modified") if self.in_product(f) and f"{how} public" in noticed_parts(f)
                and not plumbing_export(f.path, f.symbol or "", self.js_imports)]

    @cached_property
    def js_imports(self) -> set[tuple[str, str]]:
        """Names the commit's JS/TS modules import from each other (their exports are module plumbing)."""
        return internal_imports(self.files)

    @cached_property
    def api_widened(self) -> list[Fact]:
        """Symbols made public (a Java method given ``public``): API callers did not have."""
        return [f for f in self.reach_changes("now") if self.is_public(f)]

    def moved(self, fact: Fact) -> bool:
        """The symbol is added under the same name in another file of the commit: it moved."""
        name = (fact.symbol or "").split(".")[-1]
        return any(f.path != fact.path and (f.symbol or "").split(".")[-1] == name for f in self.of("symbol_added"))

    @cached_property
    def api_added(self) -> list[Fact]:
        """Public symbols new to callers: not a method overriding its base's (callers had it through the base),
        nor a class the commit slots in as the new base of existing ones (a hierarchy reshaped)."""
        based = {new for f, parts in self.base_changes for new in parts[1]}
        return [f for f in self.of("symbol_added") if self.is_public(f) and not (f.text or "").endswith(", overrides")
                and not ((f.text or "") == "class" and (f.symbol or "").split(".")[-1] in based)]

    @cached_property
    def base_changes(self) -> list[tuple[Fact, tuple[list[str], list[str]]]]:
        """Classes whose bases change, with the old and new bases (public or not)."""
        changes = ((fact, base_change(part)) for fact in self.of("symbol_modified") for part in noticed_parts(fact))
        return [(fact, change) for fact, change in changes if change is not None]

    @cached_property
    def api_extended(self) -> list[Fact]:
        """Public functions, methods and classes new to callers, and public signatures that gain a parameter.

        A symbol removed elsewhere in the same commit under the same name was moved, not added;
        a type alias or interface alone is not something users call.
        """
        removed = {(f.symbol or "").split(".")[-1] for f in self.of("symbol_removed")}
        added = [f for f in self.api_added if (f.text or "") in _CALLABLE
                 and (f.symbol or "").split(".")[-1] not in removed]  # moved here from another file
        widened = [f for f in self.api_widened if (f.text or "").split(",")[0] in _CALLABLE]
        return added + widened + [f for f, delta in self.signature_deltas if delta.added and not delta.breaking]

    @cached_property
    def experimental_api(self) -> list[Fact]:
        """New public API its authors name as without a stability promise (``ExperimentalFinder``)."""
        return [f for f in self.api_extended if R.EXPERIMENTAL_NAME.search(f.symbol or "")]

    @cached_property
    def contract_changes(self) -> list[tuple[Fact, list[str]]]:
        """Public symbols changed in place in a way callers notice, with what the diff analyzer wrote of it:
        a base class replaced (by one this commit does not define: that is a hierarchy reshaped), an enum's
        members reordered, more throw statements, fields renamed, field defaults changed."""
        defined = {(f.symbol or "").split(".")[-1] for f in self.of("symbol_added")}
        out = []
        for fact in self.of("symbol_modified"):
            if not self.is_public(fact):
                continue
            parts = [part for part in noticed_parts(fact)
                     if part.startswith(CONTRACT_PARTS) and not hierarchy_reshaped(part, defined)]
            if parts:
                out.append((fact, parts))
        return out

    @cached_property
    def config(self) -> list[Fact]:
        """Configuration and schema changes in files the product reads (not build manifests, not CI), less a
        schema's documentation (descriptions, titles, examples)."""
        return [f for f in self.of("config_key_added", "config_key_removed", "config_value_changed")
                if self.in_product(f) and f.path not in self.pinned and not schema_note(f)]

    @cached_property
    def optional_schemas(self) -> set[str]:
        """Schemas of opt-in deployment values: every change is an optional property added (or documentation),
        and the values it describes are added switched off (a Helm chart's ``values.schema.json`` beside
        ``values.yaml``): documents that validated before still do, and render as before."""
        if not self.opt_in:
            return set()
        out = set()
        for path in self.paths("api"):
            facts = [f for f in self.config if f.path == path]
            if facts and all(optional_property_added(f) for f in facts):
                out.add(path)
        return out

    @cached_property
    def api_changes(self) -> list[str]:
        """Interface files (schemas, IDL, stubs) whose change callers or operators notice: not documentation alone,
        not optional properties added for opt-in values."""
        return [f.path for f in self.files if "api" in self.classes[f.path] and f.path not in self.cosmetic
                and f.path not in self.optional_schemas]

    @cached_property
    def config_breaks(self) -> list[Fact]:
        return [f for f in self.config if f.kind != "config_key_added"]

    @cached_property
    def dependencies(self) -> list[Fact]:
        """Dependency changes, less a lock file's record of the project's own version bump."""
        own = {(f.before, f.after) for f in self.of("config_value_changed") if (f.symbol or "").endswith("version")}
        return [f for f in self.of("dependency_changed")
                if not ("lock" in self.classes.get(f.path, set()) and (f.before, f.after) in own)]

    @cached_property
    def major_bumps(self) -> list[Fact]:
        """Major upgrades in a manifest the product installs with (not lock files, not dev/test/docs lists)."""
        return [f for f in self.installed if major_bump(f.before, f.after)]

    @cached_property
    def unstable_bumps(self) -> list[Fact]:
        """Pre-1.0 dependencies moved to their next minor series, in a manifest the product installs with."""
        return [f for f in self.installed if unstable_bump(f.before, f.after)]

    @cached_property
    def installed(self) -> list[Fact]:
        """Dependency changes in a manifest the product installs with (not lock files, not dev/test/docs lists),
        default image tags included."""
        return [f for f in self.dependencies + self.version_pins if "lock" not in self.classes.get(f.path, set())
                and not _DEV_MANIFEST.search(f.path.lower())]

    @cached_property
    def dependency_swaps(self) -> list[tuple[Fact, Fact]]:
        """(removed, added) dependency pairs of one manifest the product installs with: a package replaced by another
        (``serde`` by ``serde_core``), not a version moved."""
        pairs = []
        for path in dict.fromkeys(f.path for f in self.installed):
            gone = [f for f in self.installed if f.path == path and f.before and not f.after]
            came = [f for f in self.installed if f.path == path and f.after and not f.before]
            pairs += zip(gone, came)
        return pairs

    @cached_property
    def toolchain_minimums(self) -> list[Minimum]:
        """The oldest Rust, Python, Node or Go the project supports, moved (``rust-version`` 1.61 -> 1.68)."""
        return toolchain_minimums(self.facts, self.files)

    @cached_property
    def deprecated_in(self) -> list[str]:
        """Product files whose hunks add a deprecation users are warned of."""
        return [f.path for f in self.behaviour if deprecations_added(f.patch)]

    @cached_property
    def deprecation_carried_out(self) -> list[str]:
        """Product files whose deprecation warning goes, in a commit whose title removes something: what warned
        callers now fails for them (``evolve: remove support for passing instances per kw``)."""
        if not R.REMOVAL_TITLE.search(self.title):
            return []
        return [f.path for f in self.behaviour if deprecations_removed(f.patch)]

    @property
    def toolchain_raised(self) -> list[Minimum]:
        return [m for m in self.toolchain_minimums if m.raised]

    @cached_property
    def security_signals(self) -> list[Fact]:
        return [f for f in self.of("security_signal") if not self.classes.get(f.path, set()) & {"test", "doc", "example"}]

    @cached_property
    def message_text(self) -> str:
        return " ".join([self.title, self.paragraph, *self.changelog])

    @cached_property
    def security_words(self) -> list[str]:
        words: list[str] = []
        for m in R.SECURITY_WORDS.finditer(f"{self.title}\n{self.body}"):
            if m.group(0).lower() not in words:
                words.append(m.group(0).lower())
        return words[:5]
