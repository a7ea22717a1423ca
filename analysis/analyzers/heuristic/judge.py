"""Change type and importance of a commit by substance: what its facts show first, its words second."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.emptied_impls import impls_emptied
from analysis.analyzers.heuristic.api.helpers import helper_api
from analysis.analyzers.heuristic.api.jvm_packages import packages_moved
from analysis.analyzers.heuristic.api.rust_modules import public_modules_gone
from analysis.analyzers.heuristic.api.subclass_hooks import subclass_hooks
from analysis.analyzers.heuristic.code.behaviour.aborts_made_errors import aborts_made_errors
from analysis.analyzers.heuristic.code.behaviour.export_form import export_form_swapped
from analysis.analyzers.heuristic.code.behaviour.guards import refusal_bounds_moved, refusals_added
from analysis.analyzers.heuristic.code.behaviour.macros import macros_guarded, macros_redefined
from analysis.analyzers.heuristic.code.behaviour.panics import panics_handed_on
from analysis.analyzers.heuristic.code.behaviour.platforms import platforms_added
from analysis.analyzers.heuristic.code.behaviour.python_blocks import blocks_moved
from analysis.analyzers.heuristic.code.behaviour.rescoped import statements_rescoped
from analysis.analyzers.heuristic.code.behaviour.rewrites import conditions_rewritten
from analysis.analyzers.heuristic.code.behaviour.static_locals import shared_statics_dropped, static_locals_dropped
from analysis.analyzers.heuristic.code.hunks import (
    comment_lines_only,
    debug_statements_removed,
    directive_comments_only,
    layout_only,
    loop_rebounds,
    respelled_only,
)
from analysis.analyzers.heuristic.code.internal_package_added import internal_package_added
from analysis.analyzers.heuristic.code.memory_bounds import wraparound_guarded
from analysis.analyzers.heuristic.code.perf import (
    HEADERS,
    by_reference_only,
    fast_path_added,
    measured_speedup,
    members_retyped,
    perf_work,
    without_inline_hints,
)
from analysis.analyzers.heuristic.code.respelled.amalgamation import amalgamation_only
from analysis.analyzers.heuristic.code.respelled.c_respellings import c_respelled_only
from analysis.analyzers.heuristic.code.respelled.cfgs_retired import cfgs_retired_only
from analysis.analyzers.heuristic.code.respelled.comments_changed import (
    comments_changed_only,
    comments_over_rewrapped_code,
)
from analysis.analyzers.heuristic.code.respelled.debug_assertions import debug_assertions_only
from analysis.analyzers.heuristic.code.respelled.deprecation_notes import deprecation_notes_only
from analysis.analyzers.heuristic.code.respelled.diagnostic_pragmas import diagnostics_silenced_only
from analysis.analyzers.heuristic.code.respelled.go_respellings import go_files_renamed_only, go_respelled_only
from analysis.analyzers.heuristic.code.respelled.imports_sorted import imports_sorted_only
from analysis.analyzers.heuristic.code.respelled.includes_added import includes_added_only, includes_guarded_only
from analysis.analyzers.heuristic.code.respelled.java_modifiers import java_modifiers_only
from analysis.analyzers.heuristic.code.respelled.log_calls import log_text_only
from analysis.analyzers.heuristic.code.respelled.members_moved import members_moved_only
from analysis.analyzers.heuristic.code.respelled.metadata import metadata_only
from analysis.analyzers.heuristic.code.respelled.page_text import page_text_only
from analysis.analyzers.heuristic.code.respelled.python_guards import version_guards_retired_only
from analysis.analyzers.heuristic.code.respelled.python_respellings import python_respelled_only
from analysis.analyzers.heuristic.code.respelled.renamed_text import renamed_in_text_only
from analysis.analyzers.heuristic.code.respelled.rust_respellings import rust_respelled_only
from analysis.analyzers.heuristic.code.respelled.script_blocks import script_block_only
from analysis.analyzers.heuristic.code.respelled.symbols_prefixed import symbols_prefixed_only
from analysis.analyzers.heuristic.code.respelled.texts_reworded import texts_reworded_only
from analysis.analyzers.heuristic.code.respelled.ts_annotations import ts_annotations_only
from analysis.analyzers.heuristic.code.respelled.type_assertions import type_assertions_only
from analysis.analyzers.heuristic.code.respelled.typing_only import typing_titled
from analysis.analyzers.heuristic.code.respelled.void_casts import rust_unused_bound_only, void_casts_only
from analysis.analyzers.heuristic.code.same_day_churn import churned_back
from analysis.analyzers.heuristic.code.same_vocabulary import same_vocabulary
from analysis.analyzers.heuristic.code.side_files import side_manifest
from analysis.analyzers.heuristic.code.typos_fixed import typos_fixed_only
from analysis.analyzers.heuristic.code.unreached_additions import unreached_additions
from analysis.analyzers.heuristic.config.autofix import formatter_configured, formatter_output, hooks_bumped
from analysis.analyzers.heuristic.config.builds.build_defaults import default_features_changed, features_broken
from analysis.analyzers.heuristic.config.builds.build_moved import build_entries_moved, targets_renamed
from analysis.analyzers.heuristic.config.builds.cmake_options import cmake_defaults_flipped, cmake_options_added
from analysis.analyzers.heuristic.config.builds.config_checks import config_results_changed
from analysis.analyzers.heuristic.config.builds.dependency_changes import development_only, major_bump
from analysis.analyzers.heuristic.config.builds.dependency_features import dependency_features_enabled
from analysis.analyzers.heuristic.config.builds.extras_removed import extras_removed
from analysis.analyzers.heuristic.config.builds.gradle_exclusions import exclusions_moved
from analysis.analyzers.heuristic.config.builds.jvm_target import jvm_targets_named
from analysis.analyzers.heuristic.config.builds.listing import listing_only
from analysis.analyzers.heuristic.config.builds.own_major import own_major_with_dependency
from analysis.analyzers.heuristic.config.builds.registry_manifests import registry_manifests_removed
from analysis.analyzers.heuristic.config.builds.release_matrix import release_matrix_moved
from analysis.analyzers.heuristic.config.builds.symbol_exports import exports_rescoped
from analysis.analyzers.heuristic.config.builds.task_makefile import task_makefile
from analysis.analyzers.heuristic.config.builds.toolchain import rust_floors_set
from analysis.analyzers.heuristic.config.builds.version_lines import versions_moved
from analysis.analyzers.heuristic.config.charts.app_major import app_major_raised
from analysis.analyzers.heuristic.config.charts.app_minor import app_minor_release, app_minors_skipped
from analysis.analyzers.heuristic.config.charts.port_names import port_names_fitted
from analysis.analyzers.heuristic.config.charts.template_layout import templates_relaid_only
from analysis.analyzers.heuristic.config.charts.template_nesting import nesting_changed
from analysis.analyzers.heuristic.config.empty_settings import empty_settings_only
from analysis.analyzers.heuristic.config.linter_sweep import linter_sweep
from analysis.analyzers.heuristic.declared import (
    advisory_merge,
    attack_commented,
    attack_tested,
    breaking_fragments,
    filed_aside,
    filed_kind,
)
from analysis.analyzers.heuristic.evidence import Evidence
from analysis.analyzers.heuristic.lifting import (
    api_grown,
    api_names_blanked,
    condition_added,
    crash_fix,
    default_named_changed,
    entry_points_moved,
    exports_introduced,
    high,
    merged_security,
    module_format_set,
    one_line,
    package_renamed,
    released_behaviour_reverted,
    runtime_floor_raised,
    stricter_symbols,  # noqa: F401 (text/findings.py imports it from here)
    stricter_validation,
    tested_behaviour,
    user_text,
)
from analysis.analyzers.heuristic.lowering import (
    aliases_only,
    analyser_titled,
    dead_code_removed,
    debug_repr_only,
    housekeeping,
    hunks_read,
    imports_only,
    interface_touched,
    message_reworded,
    private_helper_refactor,
    readability_refactor,
    said_no_op,
    small_perf_tweak,
    snapshot_rewritten,
    test_tooling_refactor,
    tests_adapted_to_bump,
    titled_helpers,
    unexported_go_refactor,
    vendored,
)
from analysis.analyzers.heuristic.release import bare_title, release_bookkeeping, version_stamp
from analysis.analyzers.heuristic.release_regenerated import release_regenerated
from analysis.analyzers.heuristic.translations import translations_added
from analysis.facts.security import PROTECTIONS


def read_prefix(evidence: Evidence) -> None:
    """The conventional prefix's type and scope, and the breaking marker (``!:``, BREAKING CHANGE, or a title tag
    such as ``[major]``)."""
    evidence.breaking_marker = bool(R.BREAKING_BODY_RE.search(evidence.commit.body)
                                    or R.BREAKING_TITLE_RE.match(evidence.title))
    match = R.PREFIX_RE.match(evidence.title)
    if match and match.group("type").lower() in R.PREFIX_TYPES:
        evidence.prefix_type = R.PREFIX_TYPES[match.group("type").lower()]
        evidence.scope = match.group("scope") or None
        scoped = R.PREFIX_TYPES.get((evidence.scope or "").strip().lower())
        if evidence.prefix_type == "chore" and scoped in ("ci", "build", "docs", "test"):
            evidence.prefix_type = scoped  # chore(ci), chore(deps), chore(docs): the scope names the kind
        elif evidence.prefix_type in ("fix", "feature") and R.DEPENDENCY_SCOPE.match(evidence.scope or ""):
            evidence.prefix_type = "build"  # fix(deps), feat(deps): an update bot files a dependency its users
            # install under ``fix`` (a development one under ``chore``); the change is a version moved, no repair
        evidence.breaking_marker |= bool(match.group("bang"))
    elif (tag := R.BRACKET_TAG_RE.match(evidence.title)) and tag.group("type").lower() in R.PREFIX_TYPES:
        evidence.prefix_type = R.PREFIX_TYPES[tag.group("type").lower()]


#: a title opening on a capability verb whose object is an act ("Support extracting the error list", "Allow
#: renaming tables", "Add support for moving files"): the act is what users may now do, no refactor of the code
_ENABLED_ACT = re.compile(r"^\s*(?:\w+(?:\([\w.-]*\))?!?:\s*)?"  # a conventional prefix
                          r"(?:add(?:s|ed)?\s+(?:\w+\s+)?support\s+for|support(?:s|ed)?|allow(?:s|ed)?|enabl(?:e|es|ed))"
                          r"\s+(\w+ing)\b", re.I)


#: a short name a title quotes (``"avoid TDZ"``, `` `fixup` ``): up to three words, so a quoted sentence (``Revert
#: "Fix the crash in the parser when ..."``) stays words
_QUOTED_NAME = re.compile(r'"[^"\s]+(?: [^"\s]+){0,2}"|`[^`]+`')


def _title_words(title: str) -> str | None:
    if R.TITLE_SECURITY_WORDS.search(title):
        return "security"
    if R.SYMPTOM_TITLE.match(title):
        return "fix"  # "NPE when deregistering key": the bug report's title, its symptom first
    # a name the title quotes is a name, not its verb (``remove the deprecated "avoid TDZ" option``: an option
    # called so, nothing avoided); masked as one word of its length, so what follows keeps its place and a rule that
    # counts the words between ("make `ssh2_packet_askv()` static") still sees one
    words = _QUOTED_NAME.sub(lambda m: "_" * len(m.group()), title)
    found = [(m.start(), kind) for kind, p in R.TITLE_TYPE_WORDS if (m := p.search(words))]
    if found and min(found)[1] == "fix" and R.NEW_OPTION_TITLE.search(title):
        return "feature"  # "Add an option to fix X": what it adds is a setting users opt into
    if found and min(found)[1] == "refactor" and _ENABLED_ACT.match(title) \
            and _ENABLED_ACT.match(title).end(1) > min(found)[0]:
        return "feature"  # "Support extracting underlying error list": the act is what callers may now do
    if found:
        return min(found)[1]
    if R.cosmetic(title):
        return "refactor" if re.search(r"\b(type|typing)", title, re.I) else "chore"
    if R.TITLE_FEATURE_WORDS.search(title):
        return "feature"
    return None


def _only(e: Evidence) -> str | None:
    """The type every changed file agrees on, when the files alone decide it."""
    builds = [f for f in e.files
              if e.classes[f.path] & {"build", "lock", "docker", "doc", "tooling"} or f.path in e.pinned]
    if e.files and len(builds) == len(e.files) and (not e.all_files("doc", "tooling") or e.pinned):
        return "chore" if R.RELEASE_TITLE.match(bare_title(e)) else "build"
    if not e.files or e.behaviour:
        return None
    if _tests_with_their_dependencies(e):
        return "test"  # "Add missing test" with ``commons-io`` in the manifest's test scope for it: test work
    # a package version bumped beside the change (a chart's version with its CI values) does not decide its kind
    rest = [f for f in e.files if not version_stamp(e, f.path)] or e.files

    def all_of(*classes: str) -> bool:
        return all(e.classes[f.path] & set(classes) for f in rest)
    if all_of("doc", "example"):
        return "docs"
    for cls, kind in (("test", "test"), ("ci", "ci")):
        if all_of(cls):
            return kind
    if all_of("ci", "tooling"):
        return "ci" if e.paths("ci") else "chore"  # a formatter's or linter's settings, .gitignore: upkeep
    if all_of("ci", "tooling", "doc") and _lines(e, "ci") > _lines(e, "doc") and not e.of("changelog_entry"):
        return "ci"  # workflows reworked, with the contributing guide or the README's badge that tell of them (a
        # changelog entry tells users of it: what the workflows publish moved, wheels built for a new platform)
    return None


def _tests_with_their_dependencies(e: Evidence) -> bool:
    """Test files, and build manifests whose every fact is a development dependency (a ``test``-scoped library the
    tests now import): nothing users install or run changes."""
    tests = [f for f in e.files if "test" in e.classes[f.path]]
    manifests = {f.path for f in e.files if f not in tests}
    facts = [f for f in e.facts if f.path in manifests]
    return (bool(tests) and bool(manifests) and all("build" in e.classes[p] for p in manifests)
            and {f.path for f in facts} == manifests
            and all(f.kind == "dependency_changed" and development_only(f, e.classes[f.path]) for f in facts))


def _lines(e: Evidence, cls: str) -> int:
    """Lines changed in the files of one class (those of two classes, a workflow's README, count for neither)."""
    return sum(f.changes for f in e.files if cls in e.classes[f.path] and not e.classes[f.path] & ({"ci", "doc"} - {cls}))


def _docs_only(e: Evidence) -> bool:
    """Only documentation, examples, comments or whitespace: no behaviour at all."""
    return bool(e.files) and not e.behaviour and bool(e.paths("doc") or e.cosmetic) and all(
        e.classes[f.path] & {"doc", "example", "tooling"} or f.path in e.cosmetic for f in e.files)


def reformatted(e: Evidence) -> bool:
    """A formatter run: the title names one, the facts see no symbol added, removed or re-signed and no setting or
    dependency changed, and most changed lines only lay the same text out anew."""
    if not R.FORMATTER_RUN.search(e.title) or e.dependencies or e.config or e.security_signals:
        return False
    if any(e.in_product(f) for f in e.of("symbol_added", "symbol_removed", "signature_changed")):
        return False
    # the CI job that runs the formatter's check beside its run is no code; its trailing commas are its layout
    code = [f for f in e.files if not e.classes[f.path] & {"doc", "lock", "ci"} and f.patch]
    total = sum(f.changes for f in code)
    laid_out = sum(f.changes if f.path in e.cosmetic or layout_only(f.patch, f.path, _COMMAS)
                   else _laid_out_lines(f.patch, f.path) for f in code)
    return total > 0 and laid_out >= R.FORMATTER_LAYOUT_SHARE * total


def _laid_out_lines(patch: str, path: str) -> int:
    """The changed lines of the hunks that only lay the same tokens out anew (a formatter's trailing commas aside):
    a file the formatter ran over counted hunk by hunk when its tokens differ as a whole, so one hunk where it also
    dropped a closure's redundant braces leaves the rest of the file laid out."""
    hunks = re.split(r"(?m)^(?=@@)", patch)
    return sum(sum(1 for ln in h.splitlines() if ln[:1] in ("+", "-") and not ln.startswith(("+++", "---")))
               for h in hunks if h.strip() and layout_only(h, path, _COMMAS))


def hooks_autofix(e: Evidence) -> bool:
    """The hooks manager's own commit (its title), or its hooks' pinned versions bumped with their formatters' output
    (the same tokens but for whitespace and redundant parentheses), or the project's formatter configured anew or
    replaced with its output (trailing commas aside too): fixes that by design keep what the code does; no product
    symbol added, removed or re-signed, no setting or security signal in product code."""
    if interface_touched(e) or any(e.in_product(f) for f in e.config + e.security_signals):
        return False
    if formatter_configured(e.files) and formatter_output(e.behaviour, commas=True):
        return True  # (a test's line laid out anew may read as a removed check: only product code's signals count)
    return not e.security_signals and bool(R.HOOKS_AUTOFIX.search(e.title)
                                           or (hooks_bumped(e.files) and formatter_output(e.behaviour)))


def change_type_of(e: Evidence) -> str:
    """The facts first (docs-only is docs whatever the prefix), then the prefix, then the title's words."""
    if R.REVERT_TITLE_RE.match(e.title) or e.prefix_type == "revert" or (
            e.prefix_type and R.REVERT_TITLE_RE.match(R.PREFIX_RE.sub("", e.title, count=1))):
        return "revert"  # 'chore: Revert "chore(deps): bump X"': the prefix names the reverted change's kind
    if advisory_merge(e):
        return "security"  # a security advisory's fix, merged from its private fork: the title is GitHub's
    if _docs_only(e):  # comments, docstrings, docs: docs; whitespace alone or comments that instruct tools: a chore
        tooled = all(directive_comments_only(f.patch) for f in e.files if f.path in e.cosmetic)
        # (a formatter's commas beside comments it re-wrapped: its run, not documentation)
        spaces = set(e.cosmetic.values()) == {"whitespace"} or "format" in e.cosmetic.values()
        return "chore" if e.cosmetic and (spaces or tooled) and not e.paths("doc") else "docs"
    if release_bookkeeping(e) or reformatted(e) or hooks_autofix(e) or amalgamation_only(e):
        return "chore"  # a release, a formatter's or the hooks' run, a single-header build regenerated
    if e.prefix_type in (None, "docs", "chore") and _comments_only(e):
        return "docs"  # "Mark rules that lose spacing": a trailing ``// FIXME`` on code lines that stay as they were
    if e.api_deprecated and e.behaviour and all(comment_lines_only(f.patch, f.path) for f in e.behaviour):
        return "docs"  # "Deprecated:" written in doc comments only: the code is the same, its documentation warns
    if e.dependency_swaps and e.prefix_type in (None, "chore", "refactor") and not (e.api_breaks or e.api_added):
        return "build"  # "Replace serde with serde_core": the manifest swaps a package for another
    if (e.product_minimums or _jvm_target_set(e)) and not e.behaviour and e.prefix_type in (None, "chore", "build",
                                                                                           "ci"):
        return "build"  # the oldest compiler or interpreter supported moves, or the JVM level the classes are
        # compiled for: what can build or run the project changes
    if e.product_minimums and e.prefix_type in (None, "chore", "build") and R.FLOOR_TITLE.search(e.title):
        return "build"  # "Raise the MSRV to Rust 1.85" with the code the newer compiler allows: the title says the
        # floor is the change, the code follows it
    if e.prefix_type in (None, "fix") and macros_guarded(e.behaviour) and not e.security_signals:
        return "build"  # "Avoid macro redefinition of X": a compiler's warning silenced, the same expansion
    if e.prefix_type in (None, "fix") and diagnostics_silenced_only(e.behaviour) and not e.security_signals:
        return "build"  # "ignore -Wstringop-overread": a diagnostic pragma and its compiler guards, the same code
    if e.prefix_type in (None, "chore", "refactor") and go_files_renamed_only(e.files):
        return "refactor"  # Go files renamed in their package's directory: the same package, named files anew
    if e.prefix_type is None and _port_names_fitted(e):
        return "fix"  # "shorten ... port name": a port's name over Kubernetes' 15 characters cut to fit, so the
        # manifest the API refused applies: a rejected install mended, not a rename
    if e.prefix_type is None and _renamed_throughout(e):
        return "refactor"  # "restore the field's name": names renamed throughout and nothing else fix no behaviour
        # (a conventional ``fix:`` is the author's own type and keeps its weight)
    if e.prefix_type in (None, "fix") and any((f.text or "").startswith(PROTECTIONS) for f in e.security_signals):
        return "security"  # a fix that adds a protection (an own-key guard against prototype pollution) closes a hole
    if e.prefix_type in (None, "fix") and wraparound_guarded(e.behaviour, e.message_text):
        return "security"  # "Guard ... length overflow" with ``len == SIZE_MAX`` refused: an allocation's wraparound
    if e.prefix_type is None and merged_security(e) and _title_words(e.title) in (None, "fix"):
        return "security"  # the merged branch or its commits name a vulnerability the product code fixes
    if (e.prefix_type is None and e.behaviour and _title_words(e.title) in (None, "fix")
            and (R.TITLE_SECURITY_WORDS.search(e.paragraph) or R.FRAMING_ATTACKS.search(e.body))):
        return "security"  # "... This allowed an attacker to create QUIC streams with a spoofed address.", or an
        # HTTP framing attack named anywhere in the message ("..., which is a smuggling desync.")
    if e.prefix_type is None and attack_tested(e) and not e.api_added:
        return "security"  # product code changes with a new test named for the attack it stops ("prevent XSS")
    if e.prefix_type is None and _title_words(e.title) in (None, "fix") and attack_commented(e):
        return "security"  # a new guard's comment names the attack it stops ("... against a malicious server")
    if e.prefix_type in (None, "feature") and translations_added(e):
        return "feature"  # a language's catalog added whole: a language users can select, not strings kept up
    only = _only(e)
    if only == "build" and e.dependencies and e.prefix_type in ("chore", "refactor", "feature"):
        return "build"  # "chore: update locafero", "refactor: downgrade decamelize": the manifests say dependencies
    if (e.prefix_type == "chore" and e.major_bumps and R.DEPENDENCY_UPDATE_TITLE.search(e.title)
            and not (e.api_breaks or e.api_added)):
        return "build"  # "chore(app)!: Update common helm release to v2": a dependency's major taken, with the
        # templates and values its new version asks for; the upgrade is the change
    if only == "ci" and e.prefix_type == "build":
        return "ci"  # "build(deps): bump github/codeql-action": a workflow's action, not the project's build
    if e.prefix_type:
        # the files decide over a prefix that names no kind of file ("chore: unused variable" in a test file,
        # "chore: update to stale action v4" in a workflow); an issue template is no CI file: the chore stays
        yielding = ("feature", "fix", "perf", "refactor") + (("chore",) if only in ("docs", "test", "ci") else ())
        if only in ("docs", "test", "ci") and e.prefix_type in yielding:
            return only
        return e.prefix_type
    if only:
        return only
    if e.behaviour and (filed := filed_kind(e)):
        return filed  # the news fragment it adds files it as a bug fix or a feature: the project's own kind
    if metadata_only(e.behaviour):
        return "chore"  # a package's license or author string: metadata, not behaviour
    if renamed_in_text_only(f.patch for f in e.behaviour) and not (e.security_signals or interface_touched(e)):
        return "chore"  # "Update redis* to valkey*" in messages and comments: a name put in another's place
    worded = _title_words(e.title)
    if worded == "security" and (named := api_names_blanked(e.title, e)) != e.title:
        worded = _title_words(named)  # "... to Repository Vulnerability Alert": the API's name, not a hole
    if worded is None and (moji := R.GITMOJI_RE.match(e.title)):
        # "🐛 Strip whitespaces from `Authorization` header credentials": no word of the title names the kind, the
        # gitmoji does (as a title's word, not a prefix: what the facts say first still decides)
        worded = R.GITMOJI_TYPES[moji.group("moji")]
    if (worded == "test" and e.behaviour and _PRODUCT_TEST_WORDS.search(e.title)
            and not any("test" in e.classes[f.path] for f in e.files)):
        # no test file touched and the word is a flag or names a thing the product runs: its own test command, flag
        # or run ("Accept --test multiple times" in a test runner's CLI), not a change of the project's tests
        worded = _title_words(_PRODUCT_TEST_WORDS.sub(" ", e.title))
    if perf_work(e.title, e.body, e.behaviour, worded in (None, "refactor")) and not e.api_added:
        return "perf"  # "Avoid copying X", "Inline X", a speed-up the message measures; new API is a feature
    cosmetic = R.cosmetic(e.title) if not nesting_changed(e.behaviour) else None  # a template's nesting moved
    if cosmetic and e.behaviour_lines <= R.COSMETIC_MAX_LINES and not (e.api_breaks or e.api_added):
        word = cosmetic.group(0).lower()  # "Fix some typos" is not a bug fix
        return ("refactor" if word.startswith(("type", "typing")) else
                "docs" if word.startswith(("typo", "spell", "misspell", "wording", "grammar", "punctuation"))
                else "chore")
    if worded == "fix" and R.LINT_FIX.match(e.title) and not e.api_breaks:
        return "chore"  # "Fix clippy lints": what the linter flags, not a bug users meet
    if worded == "test" and e.behaviour and e.api_added:
        worded = "feature"
    if R.SMALL_PERF_WORDS.search(e.title) and not java_modifiers_only(e.behaviour):
        return "perf"  # "Avoid double `body_text()` calls": not a bug fix, whatever "avoid" suggests (the calls
        # "Remove redundant calls to super()" drops, the compiler makes anyway: the same code)
    if R.ALLOCATIONS_CUT.search(e.title) and e.behaviour:
        return "perf"  # "Remove most allocations": the same results with less memory churned, no refactor
    if worded in (None, "refactor") and stricter_validation(e):
        return "fix"  # "Deny leap second if secs != 59": inputs that passed are turned away
    if worded == "feature" and not e.api_added and titled_helpers(e) and not subclass_hooks(e.behaviour):
        return "refactor"  # "Introduce `_helper()`": a private helper is no new capability
    if worded == "feature" and e.files and not e.behaviour:
        return "chore"  # "add X to maintainers": a feature word over docs, CI and manifests only
    if worded == "fix" and said_no_op(e):
        return "refactor"  # "Improved const correctness. There are no functional changes intended.": nothing mended
    if worded:
        return worded
    if debug_statements_removed(f.patch for f in e.behaviour):
        return "fix"  # a stray ``dbg!`` removed: its output reached users
    if aborts_made_errors(e.behaviour):
        return "fix"  # "reset stream if invalid content-length received": an ``unimplemented!()`` the input reached
        # is an error returned now, a crash mended whatever the title's verb
    if default_named_changed(e):
        return "feature"  # "default to strict-origin referrer-policy": users get another behaviour unasked
    for entry in e.changelog[:1] if e.behaviour else []:  # a note beside CI or docs names no feature of theirs
        worded = _title_words(entry.split(".")[0])
        if worded in ("fix", "feature"):
            return worded
    if _macro_refactor(e):
        return "refactor"
    if ((e.api_added and len(helper_api(e)) < len(e.api_extended)) or e.api_widened or _new_capability(e)
            or subclass_hooks(e.behaviour)):
        return "feature"  # new public API (or ``protected`` hooks for subclasses), unless it is only helpers the
        # change itself calls
    if e.behaviour and R.FIXES_ISSUE.search(e.body):
        return "fix"  # "Wrap X in ParseError ... Fixes #398": no word of the title says it, the issue it closes does
    if tested_behaviour(e, "refactor") and not R.SECURITY_WORDS.search(e.title):
        return "fix"  # "Preserve numerical precision on ``length/0``", new test lines beside: a case pinned that went
        # wrong (a title naming security matter, "Hardening of the pod permissions", is as often a hardening)
    return "refactor" if e.behaviour else "chore"


#: "test" as a command-line flag or qualifying what a product runs: ``--test``, "test run", "test target"
_PRODUCT_TEST_WORDS = re.compile(r"--tests?\b|\btests?[ -](runs?|runners?|targets?|commands?|binar(y|ies)|harness|"
                                 r"filters?|mode)\b", re.I)


def _comments_only(e: Evidence) -> bool:
    """Every product file changes comment text only (trailing comments included, the code beside them at most
    re-wrapped), no fact says more (a ``Deprecated:`` comment is a deprecation users must act on)."""
    return bool(e.behaviour) and all(comments_changed_only(f) or comments_over_rewrapped_code(f)
                                     for f in e.behaviour) and not (
        e.security_signals or e.config or interface_touched(e) or e.api_deprecated or e.deprecated_in)


def _renamed_throughout(e: Evidence) -> bool:
    """The product lines come back with a few names renamed throughout, and no public symbol, signature, setting or
    security signal changes with them."""
    return bool(e.renamed_only and not (e.config or e.security_signals or interface_touched(e)))


def _macro_refactor(e: Evidence) -> bool:
    """Hand-written code replaced by a macro's expansion: the title says so and the diff mostly shrinks."""
    added = sum(f.additions for f in e.behaviour)
    removed = sum(f.deletions for f in e.behaviour)
    return bool(R.MACRO_REFACTOR_WORDS.search(e.title)) and removed >= R.MACRO_REFACTOR_SHRINK * max(added, 1)


def _new_capability(e: Evidence) -> bool:
    """The public API grows (a signature gains a parameter) and the message or a folded commit names a capability.

    ("Support url-encoded data in requests" folded into "Request data" that adds ``data`` to the client.)
    """
    grows = any(delta.added for _, delta in e.signature_deltas)
    return grows and any(_title_words(text) == "feature" for text in (*e.points[:1], *e.folded_titles))


def importance_of(e: Evidence, change_type: str) -> str:
    """High, medium or low from the substance of the change; a revert at most medium unless its changelog says a
    released behaviour goes back (a revert restores what users had before the reverted commit, which is most often
    recent and unreleased: its API, settings and signals are the ones users had already)."""
    level = _importance_of(e, change_type)
    if (level == "high" and change_type == "revert" and not e.breaking_marker
            and not released_behaviour_reverted(e)):
        return "medium"
    return level


def _importance_of(e: Evidence, change_type: str) -> str:
    if e.breaking_marker or advisory_merge(e):
        return "high"  # the author marks it breaking, or GitHub merged a security advisory's fix
    if not e.files:
        # an empty commit (a pull request squashed onto a branch that already had its change) changes nothing,
        # whatever its title says; without a file list the message is all there is
        return "low" if e.loaded else _from_message(e, change_type)
    if not e.behaviour:
        return _without_product_code(e, change_type)
    if churned_back(e) and not e.security_signals and change_type != "revert":
        return "low"  # it takes back, in part, lines the day's earlier changes wrote (a compile error fixed by
        # putting the old macro back, a debug edit undone): no release had them, users get the day's net change
    if blocks_moved(e.behaviour) and not high(e, change_type):
        return "medium"  # a Python statement indented into or out of a block: the same line, run under other
        # conditions (what the text-based "same lines" readings below would call a re-spacing or a move)
    if said_no_op(e) or _rolled_one_line(e, change_type):
        return "low"  # the title says nothing changes, or one line rolled back or forward (an attribute, a flag)
    if _comments_only(e):
        return "low"  # comments added to or reworded on code lines that stay as they were
    if empty_settings_only(e):
        return "low"  # settings listed with empty values (``nameOverride: ""``): rendered as their absence was
    if reformatted(e) or hooks_autofix(e) or (macros_guarded(e.behaviour) and not e.security_signals):
        return "low"  # a formatter's run, or lint hooks' autofixes: the same code laid out or spelled anew
    if linter_sweep(e, change_type):
        return "low"  # a linter or formatter taken up, its small fixes swept across the code: the same behaviour
    if diagnostics_silenced_only(e.behaviour) and not e.security_signals:
        return "low"  # a compiler's warning silenced by a pragma: the same code compiled
    if release_bookkeeping(e):
        return "low"  # a release: version numbers move; the changelog it adds quotes changes made before
    if amalgamation_only(e):
        return "low"  # the single-header copy regenerated: what it copies was changed in the project's headers
    if loop_rebounds(e.behaviour) and not high(e, change_type):
        return "medium"  # a loop rewritten over another collection than its old bound: it visits other elements
    if all(respelled_only(f.patch, f.path) for f in e.behaviour) and not e.security_signals:
        return "low"  # the same code spelt anew: a string's quotes swapped, ``Object.prototype.hasOwnProperty.call``
    if texts_reworded_only(e.behaviour) and not (e.security_signals or e.config):
        return "low"  # a message's words changed, each line's code the same ("Clarify error message")
    if deprecation_notes_only(e.behaviour) and not (e.security_signals or e.config):
        return "low"  # a kept ``@Deprecated(...)``'s note or ``ReplaceWith`` hint mended: the deprecated code runs
        # the same, only what the IDE suggests changes
    if any(go_respelled_only(f.patch, f.path) for f in e.behaviour) and not e.security_signals and all(
            go_respelled_only(f.patch, f.path) or respelled_only(f.patch, f.path) for f in e.behaviour) \
            and not (e.toolchain_raised or e.major_bumps):  # the new spellings' Go taken as the floor: who builds moves
        return "low"  # Go's deprecated ``ioutil.ReadAll`` as ``io.ReadAll``, ``interface{}`` as ``any``: same calls
    if any(rust_respelled_only(f.patch, f.path) for f in e.behaviour) and not e.security_signals and all(
            rust_respelled_only(f.patch, f.path) or respelled_only(f.patch, f.path) for f in e.behaviour):
        return "low"  # Rust's ``.cloned()`` as ``.copied()`` over ``Copy`` items: the same values, copied
    if go_files_renamed_only(e.files):
        return "low"  # Go files renamed in their own directory, no line changed: a Go package is its directory
    if all(python_respelled_only(f.patch, f.path) for f in e.behaviour) and not e.security_signals:
        return "low"  # Python's deprecated ``typing.Pattern`` annotation as ``re.Pattern``: the same annotations
    if imports_sorted_only(e.behaviour) and not e.security_signals:
        return "low"  # Python imports re-sorted or merged (isort, ruff's I001), quotes normalised: the same names bound
    if includes_added_only(e.behaviour) and not e.security_signals:
        return "low"  # a missing ``#include`` added: the same code, now built where the header came in by chance
    if includes_guarded_only(e.behaviour) and not e.security_signals:
        return "low"  # an ``#include`` put under ``#ifdef HAVE_CONFIG_H``: which headers a build reads, same code
    if symbols_prefixed_only(e.behaviour) and not e.security_signals:
        return "low"  # ``#define fill _lib_fill`` added: a symbol namespaced for the linker, callers' code the same
    if void_casts_only(e.behaviour) and not e.security_signals:
        return "low"  # ``(void)name;`` added: an unused name marked used for the compiler, nothing evaluated
    if rust_unused_bound_only(e.behaviour) and not e.security_signals:
        return "low"  # Rust's ``let _ = (a, b);`` under ``#[cfg(not(feature = ...))]``: names marked used, nothing run
    if type_assertions_only(e.behaviour) and not e.security_signals:
        return "low"  # TypeScript's ``(e as Error).message`` for ``e.message``: assertions are erased, same JavaScript
    if ts_annotations_only(e.behaviour) and not (e.security_signals or e.config or e.api_breaks):
        return "low"  # TypeScript annotations, type-only imports, types declared: all erased, the same JavaScript
        # (a public type removed is not: TypeScript users' imports of it break)
    if debug_assertions_only(e.behaviour) and not e.security_signals:
        return "low"  # a ``debug_assert!`` mended or added: release builds compile it out, users run the same code
    guarded = [f for f in e.behaviour if f.path not in e.cosmetic]
    if guarded and version_guards_retired_only(guarded) and not (e.security_signals or interface_touched(e)):
        return "low"  # ``sys.version_info >= (3, 7) and`` dropped from a condition: every supported Python passed it
    if cfgs_retired_only(e.behaviour, e.files) and not e.security_signals:
        return "low"  # a cfg the build script set for compilers older than the supported ones retired, with the
        # code gated on it: supported compilers build the same code
    if java_modifiers_only(e.behaviour) and not e.security_signals:
        return "low"  # Java parameters or locals declared ``final``, a ``@SuppressWarnings`` dropped: the same code
    if page_text_only(e.behaviour) and not e.security_signals:
        return "low"  # a web page's prose reworded or moved (a project's ``index.html`` documentation): no code runs
    if script_block_only(e.behaviour) and not e.security_signals:
        return "low"  # a module's ``if __name__ == "__main__":`` demo or self-test: importers get the same code
    if all(c_respelled_only(f.patch, f.path, False) for f in e.behaviour) and not e.security_signals:
        return "low"  # the same C/C++ tokens once spelt one way (a trailing return type written first): whatever
        # signature the facts see moved, the declarations are the same
    retyped = change_type not in ("fix", "security") and not crash_fix(e, change_type)
    if (all(c_respelled_only(f.patch, f.path, retyped) for f in e.behaviour)
            and not (e.security_signals or interface_touched(e))):
        return "low"  # C's ``calloc(n * size, 1)`` as ``calloc(n, size)``, or an index declared ``size_t`` (a fix
        # that retypes an integer is left to the rules below: a wider type is how overflows are mended)
    if public_modules_gone(e.behaviour):
        return "high"  # a Rust ``pub mod`` no longer declared (renamed, or left only as a deprecated alias): every
        # ``use crate::old::...`` breaks or warns
    if packages_moved(e.behaviour):
        return "high"  # a Java or Kotlin class renamed into another package: every ``import`` of its old name breaks
    if impls_emptied(e.behaviour):
        return "high"  # a Rust trait impl's own methods dropped (``impl StdError for Error {}``): calls of them now
        # get the trait's default (``source()`` answers ``None``), and nothing fails to compile to say so
    if (e.moved_only and not (e.config or e.security_signals or e.api_breaks) and change_type != "fix"
            and not conditions_rewritten(f.patch for f in e.behaviour)):
        return "low"  # lines moved or reordered, none rewritten (a branch's condition rewritten decides anew); a
        # fix that only reorders ("adjust the timing for adding Group") mends by the new order: it runs otherwise
    if members_moved_only(e.behaviour) and not (e.config or e.security_signals or e.api_breaks):
        return "low"  # whole members sorted or moved in their class (a doc comment re-flowed on the way): the
        # same declarations in another order, whatever the title repeats of the change it follows up
    if (e.inlined_only or by_reference_only(e.behaviour)) and not e.api_breaks:
        return "low"  # definitions moved into their headers, or arguments taken by reference: the same logic
    if (e.renamed_only and change_type in ("refactor", "chore")
            and not (e.config or e.security_signals or e.api_breaks or e.signature_deltas or e.contract_changes)):
        return "low"  # a few names renamed throughout, the rest of each line unchanged (a public type's public field
        # renamed is not: ``HttpFs{SourceFs: fs}`` no longer compiles)
    if debug_repr_only(e) or (log_text_only(f.patch for f in e.behaviour)
                                and not (e.security_signals or crash_fix(e, change_type))):
        return "low"  # how objects look in a debugger or a log line, or what a log call says: nothing users rely on
    if (renamed_in_text_only(f.patch for f in e.behaviour) and change_type in ("refactor", "chore", "docs")
            and not (e.security_signals or interface_touched(e))):
        return "low"  # one name put in another's place in messages and comments: the same code, the same texts
    if dead_code_removed(e) or vendored(e):
        return "low"  # private definitions nothing calls deleted (tests retargeted beside them), or a dependency's
        # code copied into the tree: the same behaviour
    if (e.extracted_only and change_type in ("refactor", "chore")
            and not (e.config or e.security_signals or e.api_breaks or e.api_added or e.signature_deltas)):
        return "low"  # a block moved into a new private function, its lines unchanged
    if export_form_swapped(e.behaviour):
        return "high"  # a declaration file's ``export =`` written ``export default``: every TypeScript import changes
    if static_locals_dropped(e.behaviour) or (change_type in ("fix", "security")
                                              and shared_statics_dropped(e.behaviour)):
        return "high"  # a function's ``static`` buffer made a local, or a fix drops a file's shared ``static`` cache:
        # what every thread shared is each call's own
    if (fitted := _port_names_fitted(e)) and sum(f.additions + f.deletions for f in e.behaviour) == 2 * len(fitted):
        return "medium"  # only port names over Kubernetes' 15-character limit cut to fit: the API refused the
        # manifest, every install that rendered it failed; now it applies (no value renders otherwise)
    if (templates_relaid_only(e.behaviour) and all("deploy" in e.classes[f.path] for f in e.behaviour)
            and not (e.config or e.security_signals)):
        return "low"  # a chart's template lines laid out anew (trim markers, ``nindent``): the same manifests render
    if high(e, change_type):
        warnings = (R.WARNING_WORDS.search(e.title) and not R.WARNING_ADDED.search(e.title)
                    and not (e.security_signals or e.config_breaks))
        return "medium" if warnings else "high"  # silencing build warnings is not a user-visible change
    if api_grown(e, change_type) or e.interfaces_appended:
        return "medium"  # public API added beside what callers had (an API dump's new lines): a feature users opt into
    if change_type == "feature" and subclass_hooks(e.behaviour):
        return "medium"  # a ``protected`` method or constructor a public class gains: subclasses can call or override it
    if e.printer_columns:
        return "medium"  # a CRD's printer columns: what ``kubectl get`` shows operators, not what manifests hold
    if snapshot_rewritten(e):
        return "medium"  # a test's recorded output (a compiler's diagnostics) rewritten beside the code: users see it
    if (e.toolchain_raised or e.dependency_swaps or e.deprecated_in or e.api_deprecated or e.major_bumps
            or e.prereleases_left or default_features_changed(e) or _rust_floor_set(e)):
        return "medium"  # older compilers left behind, a package replaced or upgraded across a major with the code
        # adapted to it, a deprecation users must act on, or default features moved
    if e.toolchain_lowered:
        return "medium"  # older compilers or runtimes supported again, the code adapted to them: who can build moves
    if exports_introduced(entry_points_moved(e)):
        return "high"  # an ``exports`` map put on a package that had none: every deep import not listed fails
    if entry_points_moved(e):
        return "medium"  # what importers resolve (``exports``, ``types``, ``module``) moved beside the code: never the
        # few lines of housekeeping the rules below read
    if panics_handed_on(f.patch for f in e.behaviour if f.path.endswith(".rs")):
        return "medium"  # a panicking call replaced by its fallible form: callers get an error where it aborted
    if macros_redefined(e.behaviour):
        return "medium"  # a header's macro expands anew in every file that includes it, users' code too
    if platforms_added(e.behaviour):
        return "medium"  # an operating system the code did not name before: users on it now run other code
    if release_matrix_moved(e.facts):
        return "medium"  # what a release publishes gains or loses a platform, an image tag, a package (beside a
        # line of product code, a version file, it is no less the news)
    if change_type == "perf" and (measured_speedup(e.body) or members_retyped(e.behaviour)
                                  or fast_path_added(e.behaviour)):
        return "medium"  # a speed-up measured in the message, what an object stores changed for speed, or a fast
        # path added (a branch that returns early for some inputs: they take other code than before)
    if (R.cosmetic(e.title) and e.behaviour_lines <= R.COSMETIC_MAX_LINES
            and not e.api_added and not e.config and not nesting_changed(e.behaviour)):
        return "low"
    if (typos_fixed_only(e.behaviour) and change_type != "security"
            and not (e.config or e.security_signals or interface_touched(e))):
        return "low"  # misspelt words corrected in a help text or comment (``hexidecimal``): the same program
    if message_reworded(e, change_type):
        return "low"  # an error or help message reworded by a refactor: the words move, the program does the same
    if user_text(e):
        return "medium"  # the text users read when an error or value is printed
    if build_entries_moved(e.files, e.classes) or targets_renamed(e.files, e.classes):
        return "medium"  # the from-source build (``Makefile.am``, ``CMakeLists.txt``) moved to another folder: whoever
        # builds the project runs it elsewhere now; or the library an IDE project builds named anew (``<TargetName>``
        # ``lz4_x86`` -> ``liblz4``): whoever links to or ships the built file finds another name
    if test_tooling_refactor(e, change_type):
        return "low"  # the project's test helpers reshaped: its users see nothing
    if filed_aside(e) and not (e.security_signals or e.config or interface_touched(e) or e.literal_changes["message"]):
        return "low"  # ``refactor:``/``chore:`` with a ``misc`` news fragment: author and changelog say users meet
        # nothing (no public symbol, setting, message text or security signal says otherwise)
    if change_type not in ("fix", "security", "revert") and unreached_additions(e):
        return "low"  # private definitions only added, no existing body edited: nothing that was there calls them
    if analyser_titled(e, change_type):
        return "low"  # "golangci-lint: localtime": the analyser's heading, its asks answered in the code it names (the
        # tests it touches are swept with it, not new cases pinning a behaviour)
    if change_type not in ("fix", "security", "revert") and internal_package_added(e):
        return "low"  # a package under ``internal/`` created whole, no existing file edited: nothing imports it yet
    if tested_behaviour(e, change_type):
        return "medium"  # product code changes and new tests pin down what it now does: a behaviour change
    if small_perf_tweak(e):
        return "low"  # a repeated call or copy avoided inside the code: same results, same interface
    if private_helper_refactor(e, change_type):
        return "low"  # private helpers introduced or used differently: the interface and the texts are unchanged
    if housekeeping(e, change_type):
        return "low"  # a cleanup or a warning silenced: the interface and the texts users see are unchanged
    if readability_refactor(e, change_type):
        return "low"  # a refactor for readability (ifs made a switch): the same program, written to be read
    if imports_only(e):
        return "low"  # JVM imports added or dropped, nothing else: the same types resolve, the same code runs
    if (change_type == "docs" and (e.code_lines <= R.DOCS_CODE_LINES or _laid_out_only(e)) and not interface_touched(e)
            and (e.comment_lines or e.paths("doc"))):
        return "low"  # documentation comments or pages, with a line or two of code around them, or with code only
        # laid out anew (a formatter run on the way): the same tokens
    touched = e.of("symbol_modified", "symbol_added", "signature_changed")
    public_touched = any(e.is_public(f) and not e.arrived(f) for f in touched)  # a macro moved in is not new
    if (change_type == "docs" and (e.prefix_type == "docs" or _mostly_comments(e)) and touched
            and not (public_touched or interface_touched(e))
            and not (e.config or e.security_signals or e.literal_changes["message"])):
        return "low"  # the author says documentation (``docs:``, or a title on documentation over a diff of comments
        # at least twice its few lines of code, no test added) and only private code moves: docstrings reworded
    if (change_type in ("chore", "refactor", "build", "perf", "ci", "test") and not public_touched
            and e.behaviour_lines <= R.HOUSEKEEPING_LINES and not e.literal_changes["message"]
            and not (e.config or e.security_words or e.paths("security")) and not statements_rescoped(e.behaviour)
            and not (refusals_added(e.behaviour) or refusal_bounds_moved(e.behaviour))):
        return "low"  # a few lines of internal housekeeping or tuning (a statement moved out of its block is none,
        # nor a guard that ends a call with an error added or its bound moved: what callers may pass changes)
    if (change_type == "refactor" and not (public_touched or interface_touched(e)) and _internal_only(e)
            and e.behaviour_lines <= R.REFACTOR_LOW_LINES and not e.literal_changes["message"]
            and not (e.config or e.security_words or e.paths("security"))):
        return "low"  # a refactor inside the package the project marks internal (``org/x/internal/``): no caller
    if unexported_go_refactor(e, change_type):
        return "low"  # "Simplify inotify backend locking": unexported Go declarations only, the package's own code
    if _unmeasured_perf_in_bodies(e, change_type):
        return "low"  # the author's ``perf:`` rewrites function bodies only, with no figure: the same results
    if release_regenerated(e, change_type):
        return "low"  # a release whose code reads as upkeep (a generated file built anew, a schema regenerated):
        # it publishes changes judged in their own commits
    if (typing_titled(e.title, e.behaviour, e.facts) and change_type in ("refactor", "chore", "fix", "build", "test")
            and not (e.config or e.security_signals or e.literal_changes["message"] or e.api_breaks)):
        return "low"  # "Fix most mypy ``attr-defined``", "mark type aliases with ``TypeAlias``": Python code edited
        # for its type checker, which the interpreter does not run (no public name removed, no message reworded)
    if change_type == "refactor" and same_vocabulary(e.behaviour) and not (e.config or e.security_signals):
        return "low"  # a refactor that brings no name and no literal of its own (designated initializers, ``final``,
        # imports regrouped): what was there, rearranged
    return "medium"


def _mostly_comments(e: Evidence) -> bool:
    """Comments at least twice the code lines, which are few, and no test added: the diff is the documentation
    (a feature documented at length with its tests is a feature)."""
    return (e.comment_lines >= 2 * e.code_lines and e.code_lines <= R.HOUSEKEEPING_LINES
            and not e.of("test_added"))


def _laid_out_only(e: Evidence) -> bool:
    """Every product file's hunks hold the same code tokens before and after (comments, layout, Rust's ``#[inline]``
    hints and a formatter's trailing commas aside)."""
    return bool(e.behaviour) and all(f.patch and layout_only(without_inline_hints(f.patch), f.path, _COMMAS)
                                     for f in e.behaviour)  # an ``#[inline]`` hint added on the way: the same code


#: a formatter's trailing commas (``where K: Send,`` once a clause is laid out one bound a line)
_COMMAS = frozenset({","})


#: the facts a rewrite of existing function bodies leaves (a changelog line quoting it aside)
_BODY_FACTS = frozenset({"symbol_modified", "changelog_entry", "comments_only"})


def _unmeasured_perf_in_bodies(e: Evidence, change_type: str) -> bool:
    """The author says ``perf:`` (or titles it "Optimize X" with no prefix) and the change only rewrites the bodies
    of functions that were there, with at most private helpers and trait or base methods implemented by hand
    added or removed (no public signature or symbol, no setting, no message text, no figure in the message): the
    callers get the same results, sooner or not (dayjs's ``format`` building its token map once per call, a
    derived ``PartialEq`` written as one integer compare)."""
    return bool((change_type == "perf" and e.prefix_type in ("perf", None) or _refactored_for_speed(e)) and e.facts
                and all(f.kind in _BODY_FACTS or _helper_or_override(e, f) for f in e.facts)
                and any(f.kind == "symbol_modified" for f in e.facts)
                and not (measured_speedup(e.body) or e.config or e.security_words or e.literal_changes["message"]
                         or e.signature_deltas))


#: the cost a speed-up takes away, named in a title ("reduce recomputeInvalidatedAtoms overhead")
_OVERHEAD = re.compile(r"\b(overhead|efficien(t|cy))\b", re.I)
#: a conventional scope the author gives to the project's own machinery (``refactor(internals): ...``)
_INTERNAL_SCOPES = ("internal", "internals")
#: the kinds of symbol that are types: what callers write against, not code that runs
_TYPE_KINDS = ("type", "interface", "enum")


def _refactored_for_speed(e: Evidence) -> bool:
    """The author calls it a refactor, or scopes it to the internals, and the title says it is for speed
    ("refactor: flushPending improve performance", "fix(internals): ... before doing mountDependencies work
    (performance)"): the same results by the author's own word, sooner; with no figure, a reviewer reads it low
    like any ``perf:`` of function bodies."""
    said = e.prefix_type == "refactor" or (e.scope or "").lower() in _INTERNAL_SCOPES
    # a public type redefined on the way (an exported callback type narrowed) is an interface change, not a body
    retyped = any(f.kind == "symbol_modified" and f.text in _TYPE_KINDS and e.is_public(f) for f in e.facts)
    return said and not retyped and bool(R.PERF_WORDS.search(e.title) or _OVERHEAD.search(e.title))


def _helper_or_override(e: Evidence, fact) -> bool:
    """A private symbol added or removed, or a method overriding its trait's or base's (callers reach it either way)."""
    return fact.kind in ("symbol_added", "symbol_removed") and (
        not e.is_public(fact) or (fact.text or "").split(", ")[1:2] == ["overrides"])


#: a folder a project marks as its own, not its users' (``org/mockito/internal/``, Go's ``internal/``)
_INTERNAL_PACKAGE = re.compile(r"(^|/)(internal|impl)/")


def _internal_only(e: Evidence) -> bool:
    """Every product file sits in an internal package, none a C/C++ header (an ``internal/`` header is compiled
    into users' code all the same: googletest's ``gtest/internal/`` macros)."""
    return bool(e.behaviour) and all(_INTERNAL_PACKAGE.search(f.path) and not f.path.endswith(HEADERS)
                                     for f in e.behaviour)


def _rolled_one_line(e: Evidence, change_type: str) -> bool:
    """One line of product code rolled back or forward (``Rollback: "Add ABSL_ATTRIBUTE_NOINLINE ..."``): what it
    does was there a moment ago; no fix undone (its bug comes back), nothing the high rules read."""
    rolled = R.ROLLED_TITLE.sub("", e.title)
    return bool(R.ROLLED_TITLE.match(e.title) and e.behaviour and one_line(e) and _title_words(rolled) != "fix"
                and not (crash_fix(e, change_type) or high(e, change_type)))


def _without_product_code(e: Evidence, change_type: str) -> str:
    """Docs, tests, CI, build files, or comments and whitespace only."""
    if e.api_changes:
        return "high"
    if package_renamed(e) or runtime_floor_raised(e) or features_broken(e):
        return "high"  # every dependent's manifest and imports name the package (and its features); users on the
        # old runtime are cut off
    if own_major_with_dependency(e):
        return "high"  # the package's own major raised with a dependency's: the project says its upgrade breaks
    if app_major_raised(e.facts, e.classes):
        return "high"  # a chart's ``appVersion`` opens a new major of the application it deploys: every install runs
        # it by default, with the breaking changes and migrations that major brings
    if breaking_fragments(e) and any(not e.classes[f.path] & {"doc"} for f in e.files):
        return "high"  # a news fragment filed as breaking beside code the facts class as tests (a package's own
        # ``testing`` helpers module): the project files what users meet as a break
    if cmake_defaults_flipped(e.files):
        return "high"  # a CMake option's default turned over (``ON`` -> ``OFF``): every build that does not pass it
        # compiles or installs otherwise (a pkg-config file no longer installed for packagers)
    entry_points = entry_points_moved(e)
    if exports_introduced(entry_points) or any(
            f.kind != "config_key_added" or condition_added(f, entry_points) or module_format_set(f)
            for f in entry_points):
        return "high"  # what importers resolve (a path, a types file, a condition of an existing entry, the module
        # format of every file) changed or went: every importer meets it
    if e.pinned and R.CVE_TITLE.search(e.title):
        return "high"  # the image a deployment pins moved for a named vulnerability: every install on the old one
        # is exposed until it takes the release (a library's dependency bumped "for" a CVE often is not affected by
        # it: left to the rules below)
    if entry_points:
        return "medium"  # a new entry point beside the old ones (``"./package.json"`` exported): additive
    if translations_added(e):
        return "medium"  # a language's catalog added: users can select it now, an opt-in feature
    if e.security_signals or (e.all_files("ci", "tooling") and e.security_words and not hunks_read(e)) \
            or any(sec.changes_access for sec in e.ci_security.values()):
        return "medium"  # security words over CI files count only when no hunk could be read; the pipeline's
        # credentials (token permissions, stored checkout tokens, secrets) read from the workflow's keys
    if (e.major_bumps or e.prereleases_left or e.prereleases_taken or e.toolchain_raised or e.dependency_swaps
            or default_features_changed(e) or _rust_floor_set(e)):
        return "medium"  # a dependency's major (or its beta left for the release, or a pre-release taken) or a
        # package replaced, older compilers left behind, defaults moved
    if R.DEPENDENCY_SCOPE.match(e.scope or "") and _unparsed_majors(e):
        return "medium"  # a dependency update (``fix(deps)``) moves a major in a build file no dependency fact reads
        # (``gradle.properties``' ``VER_X=``): as a manifest's major bump, the upgrade may change what users get
    if _jvm_target_set(e):
        return "medium"  # the JVM level the published classes are compiled for, named anew in the build script:
        # which JVMs load the artifact users get moves (a CI job's JDK alone only builds it)
    if app_minor_release(e.facts, e.version_pins) or app_minors_skipped(e.version_pins):
        return "medium"  # the chart released as a minor because the application it deploys moved a minor series,
        # or the application skipped a minor series (two releases' changes at once)
    if tests_adapted_to_bump(e):
        return "medium"  # existing tests rewritten for the upgraded package: what the product does changed with it
    if release_matrix_moved(e.facts):
        return "medium"  # a platform or runtime the published wheels or binaries are built for added or dropped
    if registry_manifests_removed(e.files):
        return "medium"  # a registry's manifest deleted (``bower.json``): the package leaves that registry's users
    if extras_removed(e.files, e.facts):
        return "medium"  # a published extra taken away: ``pip install pkg[test]`` no longer installs what it did
    deploy = [f for f in e.files if "deploy" in e.classes[f.path] and f.path not in e.cosmetic and f.path not in e.pinned]
    if deploy:
        return "medium"
    build = [f for f in e.files if e.classes[f.path] & {"build"} and not e.classes[f.path] & {"lock"}
             and f.path not in e.cosmetic and not e.dependencies and not aliases_only(e, f.path)
             and not side_manifest(e.classes[f.path]) and not listing_only(e, f.path)
             and not task_makefile(f)  # a Makefile of ``cargo``/``npm`` shortcuts builds nothing itself
             and not R.DEV_WORKSPACE.search(f.path)]  # nor does Go's workspace for its users
    if (build and (change_type == "fix" or R.BUILD_FAILURE.search(e.title) or _build_fix_titled(e))
            and not R.WARNING_WORDS.search(e.title)):
        return "medium"  # a broken build of the project or of its dependents fixed: not housekeeping
    if build and _build_mended(e, build):
        return "medium"  # a merged ``fix/...`` branch or an issue it fixes: build files mended for those who build it
    if any(not _TEST_BUILD.search(f.path) for f in build) and R.BUILD_TOOL_RELEASE.search(bare_title(e)):
        return "medium"  # the build adapted to a release of the build system ("Update bazel config for 9.x"): who
        # builds the project with that release could not before (a test's build files alone serve its developers)
    if build and change_type not in ("test", "ci") and (cmake_options_added(build) or exports_rescoped(build)):
        return "medium"  # a CMake option or cache variable builders may now pass (``-DNAME=``), or the symbols a
        # shared library exports scoped anew by its version script: what builders set, what programs link against
        # (an option added for the project's own tests or CI serves its developers)
    if build and change_type not in ("test", "ci") and targets_renamed(build, e.classes):
        return "medium"  # the library or program an IDE project builds named anew (``<TargetName>``): whoever links
        # to or ships the built file finds another name
    if change_type not in ("test", "ci", "docs") and dependency_features_enabled(build):
        return "medium"  # a dependency's feature switched on for the package (``features = [..., "wordwrap"]``): what
        # that feature brings ships to every user of it, with no line of the package's own code
    if change_type not in ("test", "ci") and exclusions_moved(f for f in build if "test" not in e.classes[f.path]):
        return "medium"  # a library excluded from (or let back into) the classpath the product is packaged from: the
        # jars it ships change (an IDE plugin no longer bundling the Kotlin stdlib its host already provides)
    if build and config_results_changed(build):
        return "medium"  # the configuration results a platform's build writes into its header: compiled code changes
    if build and change_type == "perf" and measured_speedup(e.body):
        return "medium"  # the build compiles or links what users build anew, and the message measures the gain
    if change_type in ("perf", "fix", "feature") and any(R.BUNDLER_CONFIG.match(f.path.rsplit("/", 1)[-1])
                                                           for f in build):
        return "medium"  # the bundler's configuration: the files the package publishes are built anew
    tests = [f for f in e.files if "test" in e.classes[f.path] and not f.path.endswith(R.TEST_SNAPSHOT_EXTS)]
    if tests and e.all_files("test", "doc") and not R.SUBTREE_SQUASH.match(e.title):
        if sum(f.additions - f.deletions for f in tests) >= R.TEST_ONLY_MEDIUM_LINES:
            return "medium"  # substantial new coverage; test cases added beside existing ones or reshuffled stay low
            # (another project's suite squashed in by ``git subtree``, "Squashed 'json/' changes from a..b", is its
            # upstream's coverage, copied: the same code is tested by more of the same cases)
    return "low"


def _unparsed_majors(e: Evidence) -> list[tuple[str, str]]:
    """Major versions moved on the lines of build files (no lock, no test build) that yield no dependency fact."""
    parsed = {f.path for f in e.dependencies}
    return [(old, new) for f in e.files if "build" in e.classes.get(f.path, set()) and f.path not in parsed
            and not e.classes[f.path] & {"lock", "test"} for old, new in versions_moved(f.path, f.patch)
            if major_bump(old, new)]


def _port_names_fitted(e: Evidence) -> list[tuple[str, str, str]]:
    """Port names of deployment manifests or chart templates cut to Kubernetes' limit (see ``port_names``)."""
    return port_names_fitted(f for f in e.behaviour if "deploy" in e.classes.get(f.path, set()))


def _rust_floor_set(e: Evidence) -> list[str]:
    """A ``rust-version`` declared for the first time or the ``edition`` raised in a manifest the product is built
    with (a test crate's or an example's own aside): older compilers can no longer build it."""
    return rust_floors_set([f for f in e.files if "test" not in e.classes.get(f.path, set())
                            and not side_manifest(e.classes.get(f.path, set()))])


def _jvm_target_set(e: Evidence) -> list[tuple[str, str]]:
    """A JVM level named anew in a Gradle script the product is built with (a test's or an example's aside)."""
    return jvm_targets_named(f for f in e.files if not e.classes.get(f.path, set()) & {"test", "example"}
                             and not side_manifest(e.classes.get(f.path, set())))


def _build_fix_titled(e: Evidence) -> bool:
    """The author files it under the build (``build:``, ``BUILD:``) and the rest of the title says it fixes ("BUILD:
    fix for Bazel 9.0.0rc1"): the build was broken, under that tool or release, for whoever builds the project."""
    return e.prefix_type == "build" and _title_words(bare_title(e)) == "fix"


def _build_mended(e: Evidence, build: list) -> bool:
    """Build files only, and the merged branch's name or the message says what they fix (``fix/absolute-install-
    includedir``, "the legacy fix for .../issues/4731"): consumers' builds change. One line (a variable initialised),
    a warning's flag or the build of the project's own test setup (``make/e2e-setup.mk``) stays housekeeping."""
    said = _title_words(e.merged_words) == "fix" or R.FIX_FOR_ISSUE.search(e.body)
    shipped = [f for f in build if not _TEST_BUILD.search(f.path)]
    return bool(said) and sum(max(f.additions, f.deletions) for f in shipped) > 1 and not (
        R.WARNING_WORDS.search(e.title) or R.WARNING_WORDS.search(e.merged_words))


#: a build file for the project's own tests: ``make/e2e-setup.mk``, ``test/CMakeLists.txt``
_TEST_BUILD = re.compile(r"(^|[/_.-])(e2e|tests?|testing|ci)([/_.-]|$)", re.I)


def _from_message(e: Evidence, change_type: str) -> str:
    """No file list: the message is all there is (the day chart's estimate, a bare ``explain``)."""
    if R.TITLE_SECURITY_WORDS.search(e.title) or crash_fix(e, change_type):
        return "high"
    if change_type in ("docs", "test", "ci", "chore", "build") or R.cosmetic(e.title):
        return "low"
    return "medium"
