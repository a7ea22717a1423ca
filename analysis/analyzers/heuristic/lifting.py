"""Predicates that read a change high: public API, configuration, security, crashes, what users rely on."""

from __future__ import annotations

import re
from collections import Counter

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.abstract_bases import classes_made_abstract
from analysis.analyzers.heuristic.api.documented_defaults import documented_defaults_rewritten
from analysis.analyzers.heuristic.api.documented_errors import errors_now_documented
from analysis.analyzers.heuristic.api.encoding_hooks import encoding_hooks_added
from analysis.analyzers.heuristic.api.helpers import helper_api
from analysis.analyzers.heuristic.api.inert_options import inert_options
from analysis.analyzers.heuristic.api.made_async import made_async
from analysis.analyzers.heuristic.api.required_members import required_members_added
from analysis.analyzers.heuristic.api.title_defaults import title_defaults_changed
from analysis.analyzers.heuristic.api.trait_bounds import bounds_added
from analysis.analyzers.heuristic.api.type_defaults import type_defaults_replaced
from analysis.analyzers.heuristic.api.validation import UNPLACED, VALIDATION_TITLE, last_part, rejecting_definitions
from analysis.analyzers.heuristic.code.behaviour.aborts_made_errors import aborts_made_errors
from analysis.analyzers.heuristic.code.behaviour.case_folding import case_folding_removed
from analysis.analyzers.heuristic.code.behaviour.dispatch_cases import named_cases_dropped
from analysis.analyzers.heuristic.code.behaviour.enum_shifts import revalued_enumerators, shifted_enumerators
from analysis.analyzers.heuristic.code.behaviour.key_bindings import bindings_removed
from analysis.analyzers.heuristic.code.behaviour.output_format import output_format_changed
from analysis.analyzers.heuristic.code.behaviour.short_reads import short_reads_checked
from analysis.analyzers.heuristic.code.behaviour.tests_replaced import tests_replaced
from analysis.analyzers.heuristic.code.memory_bounds import MEMORY_WORDS, memory_managed, wraparound_guarded
from analysis.analyzers.heuristic.code.side_files import side_manifest
from analysis.analyzers.heuristic.config.builds.build_defaults import features_broken
from analysis.analyzers.heuristic.config.builds.cmake_options import cmake_defaults_flipped, cmake_options_removed
from analysis.analyzers.heuristic.config.builds.module_path import module_path_moved
from analysis.analyzers.heuristic.config.builds.own_major import own_major_with_dependency
from analysis.analyzers.heuristic.config.builds.package_commands import commands_declared
from analysis.analyzers.heuristic.config.builds.runtime_loading import link_moved_to_runtime
from analysis.analyzers.heuristic.config.builds.supported_floor import supported_floors_raised
from analysis.analyzers.heuristic.config.charts.app_major import app_major_raised
from analysis.analyzers.heuristic.config.charts.chart_values import dropped_values
from analysis.analyzers.heuristic.config.charts.deploy import off_by_default, ungated_template_block
from analysis.analyzers.heuristic.config.charts.missing_grants import missing_permission_granted
from analysis.analyzers.heuristic.config.charts.selectors import selector_labels_changed
from analysis.analyzers.heuristic.config.charts.switched_on import (
    commented_off_turned_on,
    deployed_code,
    literals_flipped,
    switched_on_by_default,
    unread,
)
from analysis.analyzers.heuristic.config.charts.template_balance import templates_unbalanced
from analysis.analyzers.heuristic.declared import (
    attack_commented,
    attack_tested,
    binary_compat_titled,
    breaking_in_changelog,
    crash_tested,
    default_changed_in_changelog,
    merged_major_line,
    migration_noted,
    release_retracted,
    returns_changed_in_changelog,
    said_incompatible,
    support_removed,
)
from analysis.analyzers.heuristic.evidence import Evidence
from analysis.analyzers.heuristic.release import release_titled
from analysis.facts.patches import parse_patch
from analysis.models import Fact

_FIX_CONTEXT = re.compile(r"\b(fix\w*|no longer|prevent\w*|avoid\w*|instead|caus\w*|resolv\w*)\b", re.I)


_CHANGELOG_REVERT = re.compile(r"\brevert(s|ed|ing)?\b", re.I)


def stricter_symbols(e: Evidence) -> list[str]:
    """The public symbols of product code that now reject inputs they accepted: the title says inputs are denied or
    validated, and the symbol itself gains a condition whose branch rejects (returns None or a new error, throws,
    raises)."""
    modified = [f for f in e.of("symbol_modified", "signature_changed") if e.is_public(f)]
    if not (VALIDATION_TITLE.search(e.title) and modified):
        return []
    rejecting = {f.path: rejecting_definitions(f.path, f.patch) for f in e.behaviour}
    per_file = Counter(f.path for f in modified)

    def rejects(f: Fact) -> bool:
        names = rejecting.get(f.path, set())
        return last_part(f.symbol) in names or (UNPLACED in names and per_file[f.path] == 1)

    return list(dict.fromkeys(f.symbol for f in modified if f.symbol and rejects(f)))


#: a line that defines a function rather than calls it
_DEFINITION = re.compile(r"\s*(?:(?:async|export|public|private|static)\s+)*(?:def|function|func|fn)\b")


def checks_called_from_public(e: Evidence) -> list[str]:
    """The public symbols of a file where the commit, titled as validating (or rejecting) inputs, adds private
    helpers that reject (``_validate_sub`` raising ``InvalidSubjectError``) and adds calls to them: the public call
    (``decode``) runs the new checks, so inputs it accepted now fail, though its own body gains only the calls (the
    change type stays the author's: a new check is as often a feature)."""
    modified = [f for f in e.of("symbol_modified", "signature_changed") if e.is_public(f)]
    if not (VALIDATION_TITLE.search(e.title) and modified):
        return []
    rejecting = {f.path: rejecting_definitions(f.path, f.patch) for f in e.behaviour}
    out: list[str] = []
    for path in dict.fromkeys(f.path for f in modified):
        helpers = {last_part(f.symbol) for f in e.of("symbol_added") if f.path == path and f.symbol
                   and not e.is_public(f)} & rejecting.get(path, set())
        patch = next((f.patch for f in e.behaviour if f.path == path), None) or ""
        added = [ln[1:] for ln in patch.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
        called = {name for name in helpers if any(re.search(rf"\b{re.escape(name)}\(", ln) and not _DEFINITION.match(ln)
                                                  for ln in added)}
        if called:
            out += [f.symbol for f in modified if f.path == path and f.symbol]
    return list(dict.fromkeys(out))


def stricter_validation(e: Evidence) -> bool:
    """Callers whose inputs passed now fail (see ``stricter_symbols``)."""
    return bool(stricter_symbols(e))


def documented_failure(e: Evidence) -> bool:
    """Product code gains a ``raise``/``throw`` and the user documentation rewrites a line to say the case now raises
    an error (a duplicate path in a wheel was silently written twice): what worked, wrongly, now fails."""
    return raises_added(e) and errors_now_documented(f for f in e.files if "doc" in e.classes[f.path])


def crash_fix(e: Evidence, change_type: str) -> bool:
    """A crash, hang or data loss is what the commit fixes, in its title, message or changelog. The milder words
    (an error "silently ignored", a traceback) need more than one changed line of product code. A release's
    changelog ("zlib 1.3" with its "Fix crash when ..." notes) quotes fixes made in their own commits: not read.
    An exception's name alone ("Fix ``SecretStr`` equality raising ``TypeError``", a ``NullPointerException`` on a
    null transformer) is no crash: one call raised where it should have answered, the caller catches it or sees it
    and the program goes on; labels across repositories read such fixes medium (pydantic, tox, ktor,
    commons-collections). An exception the fix stops suppressing ("Do not suppress EOFError") still counts: the
    error was hidden and the program went on wrongly (the prompt looped)."""
    narrow = one_line(e)
    # an exception named by a fix that now raises one itself tells which error a bad input gets, not a crash mended
    named = change_type == "fix" and not raises_added(e)
    for text in (e.title, e.paragraph, *(() if release_titled(e) else e.changelog)):
        if names_crash(text, narrow) or (named and R.SUPPRESSED_EXCEPTION.search(text)):
            if change_type in ("fix", "security", "revert") or _FIX_CONTEXT.search(text):
                return True
    # deeper in the message, only a sentence that says the crash is prevented or fixed ("to prevent infinite recursion")
    if any(names_crash(s, narrow) and _FIX_CONTEXT.search(s) for s in re.split(r"(?<=[.!?])\s+", e.body)):
        return True
    if change_type in ("fix", "security") and e.behaviour and any(
            R.UNDEFINED_BEHAVIOUR.search(text) for text in (e.title, *(() if release_titled(e) else e.changelog))):
        return True  # "Fix UB in the SO_TYPE sockopt": what the program does is no longer defined (an invalid enum
        # value read, memory read out of bounds), headlined by the fix; explained deeper in the message ("calloc(0)
        # ... to avoid undefined behavior"), it is as often a portability nicety
    return change_type == "fix" and (crash_commented(e) or crash_tested(e))


#: a statement that raises: Python's ``raise``, ``throw`` in JS/TS, Java, C++, C#, PHP
_RAISE = re.compile(r"^\+\s*(raise|throw)\b", re.M)


def raises_added(e: Evidence) -> bool:
    """Product code gains a ``raise``/``throw``: the fix answers a bad input with an error of its own (a documented
    ``SystemError`` where an ``IndexError`` leaked, a ``ValueError`` the caller catches where an ``assert`` tripped).
    The input failed before and fails now; which exception callers catch changes, narrowly."""
    return any(_RAISE.search(f.patch or "") for f in e.behaviour)


_COMMENT_LINE = re.compile(r"^\+\s*(//|#|/?\*|--)\s*(?P<text>.*)$", re.M)


def crash_commented(e: Evidence) -> bool:
    """A fix whose product code gains a comment saying what crashed (``...would race with init() and crash in
    commitProcessing``): the author names the crash beside the guard, not in the title. Only the strong words
    (a crash, a panic, a segfault), and not beside a test. A comment the commit deletes elsewhere is moved, not
    written (a test macro's "On panic, this macro will print..." moved into a shared module): nobody names a crash."""
    moved = {_comment_key(m.group("text")) for f in e.files for m in _REMOVED_COMMENT_LINE.finditer(f.patch or "")}
    return any(names_crash(m.group("text"), True) and R.CRASH_COMMENT_WORDS.search(m.group("text"))
               and _comment_key(m.group("text")) not in moved
               for f in e.behaviour for m in _COMMENT_LINE.finditer(f.patch or ""))


_REMOVED_COMMENT_LINE = re.compile(r"^-\s*(//|#|/?\*|--)\s*(?P<text>.*)$", re.M)


def _comment_key(text: str) -> str:
    """A comment's words, whatever marks it (``///`` or ``//``, ``*``) and however it is indented."""
    return " ".join(text.strip("/*!# ").split()).lower()


#: the crash word qualifies the project's tests or CI as a noun phrase ("fix freezing webkit CI pinch zoom tests",
#: "hanging e2e tests"): the test run is what hangs, not the product ("crash when collecting tests" stays a crash)
_TESTS_QUALIFIED = re.compile(r"^((?!(?:when|while|in|on|during|with|for|if|after|before|of|by|from|and|or|at)\b)"
                              r"[\w-]+ ){0,4}(tests?|specs?|ci|test suite|pipelines?|workflows?)\b", re.I)


#: the crash word is what a test provokes ("when testing stack overflow", "add a test for the deadlock"): the tests'
#: subject, not a crash the product met
_TESTED_SUBJECT = re.compile(r"\b(?:testing|tests? (?:for|of)|tested)(?: (?:the|a|an))?\s+$", re.I)


def names_crash(text: str, narrow: bool) -> bool:
    """``text`` names a crash: any crash word, or only a strong one (a crash, a panic, data lost) when ``narrow``;
    a crash word that qualifies tests or CI, or that tests provoke, names none."""
    return any(not (narrow and R.MILD_CRASH_WORDS.match(m.group(0))) and not _TESTS_QUALIFIED.match(text[m.end():].lstrip())
               and not _TESTED_SUBJECT.search(text[:m.start()])
               for m in R.CRASH_WORDS.finditer(text))


def one_line(e: Evidence) -> bool:
    """At most one line of product code changed (a line replaced, added or removed): a narrow fix."""
    return bool(e.files) and sum(max(f.additions, f.deletions) for f in e.behaviour) <= 1


def released_behaviour_reverted(e: Evidence) -> bool:
    """The changelog says a released behaviour is reverted: users who adopted it see a change."""
    return any(_CHANGELOG_REVERT.search(entry) for entry in e.changelog)


def strong_security(e: Evidence, change_type: str) -> bool:
    """A security signal in the code, security named in the message, or a fix to something security-related."""
    return bool(e.security_signals or _security_said(e) or merged_security(e)
                or _callers_guarded(e)
                or (change_type in ("fix", "security") and _security_titled(e) and not missing_permission_granted(e)))


def _callers_guarded(e: Evidence) -> bool:
    """A size's overflow said and refused (``len == SIZE_MAX``) inside functions callers already call, in files that
    add no function: the hole was theirs to reach. A new overflow-checked helper adopted inside is hardening."""
    grown = {f.path for f in e.facts if f.kind == "symbol_added"}
    return wraparound_guarded((f for f in e.behaviour if f.path not in grown), e.message_text)


def _security_said(e: Evidence) -> bool:
    """The message names security (an HTTP framing attack anywhere in it, "..., which is a smuggling desync"); memory
    read past its bounds ("over-reading beyond requested count") only in code that can touch memory it does not own
    (in Python or Go it is a stream read past a count, a wrong result)."""
    words = [m.group(0) for m in R.TITLE_SECURITY_WORDS.finditer(api_names_blanked(e.message_text, e))]
    if words and memory_managed(e.behaviour):
        words = [w for w in words if not MEMORY_WORDS.fullmatch(w)]
    return bool(words) or bool(e.behaviour and R.FRAMING_ATTACKS.search(e.body))


#: a Kubernetes Secret or a secrets manager's record: the word names a kind of resource, not a security matter
_RESOURCE_WORDS = {"secret", "secrets"}
#: a secret shown to whom should not see it: leaked, exposed, logged, printed, in plain text
_EXPOSED = re.compile(r"\b(leak\w*|expos\w*|log(s|ged|ging)?|print\w*|plain ?text|reveal\w*|disclos\w*|visible)\b",
                      re.I)
#: Kubernetes manifests and a chart's templates (``templates/configmap.yaml``, ``_helpers.tpl``)
_MANIFESTS = (".yaml", ".yml", ".tpl")


#: a clause that says under which setup something happens: "when SSL is configured", "if TLS is enabled"
_SCENE = re.compile(r"\s(?:when|if|while)\s+(?:\S+\s+){1,4}(?:is|are)\s+(?:configured|enabled|set|used|on|in use)\b",
                    re.I)


def _security_titled(e: Evidence) -> bool:
    """The title names something security-related, more than a secret ("issue on ACL when no existing users secret
    is passed": which Secret a chart's template reads), unless outside deployment manifests it says the secret
    leaks (logged, exposed, printed) or the code changed is the project's security code."""
    # a security word only in the clause that sets the scene ("Fix the wait strategy when SSL is configured"): the
    # setup under which an ordinary bug showed, not a security matter fixed
    scene = _SCENE.search(e.title)
    title = e.title[:scene.start()] if scene else e.title
    words = {m.group(0).strip(" _-./:()[]").lower() for m in R.SECURITY_WORDS.finditer(title)}
    deployed = bool(e.behaviour) and all("deploy" in e.classes[f.path] or f.path.lower().endswith(_MANIFESTS)
                                         for f in e.behaviour)
    # elsewhere a secret is what a secrets manager stores ("detach replicated regions before deleting AWS
    # SecretsManager secret"): a record the code creates or deletes, security only when the title says it leaks or
    # the code is the project's security code (``auth/``)
    exposed = not deployed and bool(_EXPOSED.search(e.title) or any("security" in e.classes[f.path]
                                                                    for f in e.behaviour))
    return bool(words - _RESOURCE_WORDS) or (bool(words) and exposed)


def merged_security(e: Evidence) -> bool:
    """A merge's branch name or folded commits name a vulnerability (or an advisory), and product code changes."""
    return bool(e.behaviour) and bool(R.TITLE_SECURITY_WORDS.search(api_names_blanked(e.merged_words, e)))


#: a run of capitalised words (``Repository Vulnerability Alert``): a name as the title writes it
_CAPITALISED_RUN = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:\s+[A-Z][A-Za-z0-9]*)*")


def api_names_blanked(text: str, e: Evidence) -> str:
    """``text`` less the capitalised names it gives a changed symbol ("Add missing fields to Repository Vulnerability
    Alert" beside ``RepositoryVulnerabilityAlertEvent``): a security word there names the API the change touches
    (GitHub's vulnerability alerts, a security advisory's fields), not a hole it closes."""
    # each part of a dotted name (``RepositoryVulnerabilityAlertEvent.Severity``): the run must open one, as a type's
    # name opens with the words the title spells; inside a function's (``hasPathTraversal`` for "a Path Traversal
    # hole") the words are what the function checks for, and the title may name the hole it closes
    names = {part for f in e.facts if f.symbol and f.kind.startswith(("symbol_", "signature_"))
             for part in re.split(r"[^\w]+", f.symbol.lower()) if part}
    if not names:
        return text

    def blank(match: re.Match) -> str:
        run = match.group(0)
        joined = re.sub(r"\s+", "", run).lower()
        named = R.TITLE_SECURITY_WORDS.search(run) and " " in run.strip() and any(n.startswith(joined) for n in names)
        return " " if named else run
    return _CAPITALISED_RUN.sub(blank, text)


def high(e: Evidence, change_type: str) -> bool:
    """What users or operators rely on changes: public API, configuration, security, a crash, status codes,
    a process's exit status, a result existing tests now expect to be different."""
    deploy = [f for f in e.behaviour if "deploy" in e.classes[f.path] and "docker" not in e.classes[f.path]]
    changed_interfaces = [p for p in e.api_changes if p not in e.interfaces_appended]
    return bool(
        e.api_breaks or e.config_breaks or contract_noticed(e, change_type) or e.variants_removed
        or e.nullness_dropped or e.defaults_changed or changed_interfaces
        or strong_security(e, change_type)
        or crash_fix(e, change_type) or released_behaviour_reverted(e) or e.literal_changes["status"]
        or e.exit_statuses[1] or e.expectation_flips or status_returned(e, change_type) or e.deprecation_carried_out
        or package_renamed(e) or runtime_floor_raised(e) or stricter_validation(e) or features_broken(e)
        or (change_type in ("fix", "security") and bool(short_reads_checked(e.behaviour)))  # a short read left the
        # buffer unfilled and decoded as if read; the count is checked now
        or bool(aborts_made_errors(e.behaviour))  # an ``unimplemented!()``/``panic(...)`` the program reached
        # replaced by a returned error: what aborted the task or process is an error the caller handles
        or own_major_with_dependency(e)  # the package's own major raised with a dependency's: it says it breaks
        or bool(app_major_raised(e.facts, e.classes))  # a chart's application raised to a new major: every
        # install runs it by default
        or bool(checks_called_from_public(e))
        or support_removed(e) or default_changed_in_changelog(e) or breaking_in_changelog(e) or migration_noted(e)
        or returns_changed_in_changelog(e)  # the changelog says a public call returns another value than it did
        or attack_tested(e) or attack_commented(e) or merged_major_line(e) or said_incompatible(e)
        or binary_compat_titled(e) or documented_failure(e) or release_retracted(e)
        or link_moved_to_runtime((f for f in e.files if "build" in e.classes[f.path]), e.behaviour)
        or (api_grown(e, change_type) and headline_addition(e) and not shipped_switched_off(e))
        or (change_type == "feature" and bool(_commands_declared(e)))  # the package's first command-line program
        or (e.returns_changed and change_type == "feature")  # a capability that changes what a public call returns
        or (change_type in ("fix", "feature", "revert", "security") and (
            ((deployed_code(deploy) or unread(deploy)) and not e.opt_in)  # an operator's code; no hunks to read
            or literals_flipped(deploy)  # a rendered value replaced in place: ``hostNetwork: false`` -> ``true``
            or switched_on_by_default(e.config, (f.path for f in deploy), deploy)))  # a chart's new switch on by default
        or any(ungated_template_block(f.patch) for f in deploy)  # what rendered when switched on now renders always
        or bool(commented_off_turned_on(deploy))  # ``# key: false`` documented, now ``key: true``: on in every install
        or bool(dropped_values(deploy))  # a chart value templates no longer read: a values key removed
        or (change_type != "fix" and bool(templates_unbalanced(e.behaviour)))  # an ``if`` deleted, its ``end`` kept:
        # the chart no longer renders (a fix that evens the blocks mends a template broken before)
        or bool(selector_labels_changed(e.files))  # a workload's immutable selector or a Service's: releases break
        or bool(cmake_options_removed(e.files))  # a CMake option builders pass (``-DNAME=ON``) no longer declared
        or bool(cmake_defaults_flipped(e.files))  # or its default turned over: builders who never passed it
        or (e.behaviour_lines >= R.HUGE_LINES and change_type in ("feature", "perf")) or enum_values_shifted(e)
        or default_named_changed(e) or errors_rewrapped(e) or bool(type_defaults_replaced(e))
        or bool(bounds_added(e))  # a public generic item asks more of its type parameters: callers' types may fail
        or bool(bindings_removed(e.behaviour))  # a UI's key bindings removed or rebound: users' shortcuts are gone
        or bool(named_cases_dropped(e.title, e.behaviour, e.files))  # "drop HCL" and ``case "hcl":`` gone: a format,
        # a command users passed is no longer recognised
        or bool(encoding_hooks_added([f for f in e.facts if e.is_public(f)]))
        or bool(classes_made_abstract(e.behaviour))  # a public class made abstract: subclasses must implement more
        or bool(required_members_added(e.behaviour))  # a public Rust trait gains a member with no default: every
        # type implementing it no longer compiles
        or bool(inert_options(e.behaviour))  # an option deprecated and ignored at once: callers who set it lose it
        or bool(documented_defaults_rewritten(e.behaviour))  # a public option's documented default names another
        # value and the code's literal changes with it: users who never set it get another behaviour
        or bool(case_folding_removed(e.title, e.behaviour))  # matching made case-sensitive (folding removed, the
        # title says so): configuration that relied on the folding stops matching
        or bool(made_async(e.behaviour, [f for f in e.facts if e.is_public(f)]))  # a promise where a result was
        or output_format_changed(e.body, e.behaviour, (f for f in e.files if "test" in e.classes[f.path]))
        or (change_type in ("fix", "feature") and bool(e.behaviour)  # the old expectation deleted, a new one added
            and bool(tests_replaced(e.files, lambda path: "test" in e.classes[path]))))


def contract_noticed(e: Evidence, change_type: str) -> list:
    """``e.contract_changes``, less a fix's throw statements added alone: a fix that makes a public call throw
    where it went on wrongly (an ``fdopen`` failure kept as a null stream, a non-string key accepted) answers the
    bad case with an error; the call failed then, it fails now, and callers see which error, narrowly (as
    ``raises_added`` reads it). Security, a crash, a stricter validation the title names decide on their own."""
    if change_type != "fix":
        return e.contract_changes
    return [(fact, parts) for fact, parts in e.contract_changes
            if not all(part.startswith("throw statements ") for part in parts)]


_RETURN = re.compile(r"^\s*return\b")


def errors_rewrapped(e: Evidence) -> bool:
    """The title says returned errors are now wrapped in a named error type, and product code rewrites a
    ``return`` line: callers that matched the error they got (a type switch, ``errors.As``) get another type."""
    if not R.ERRORS_REWRAPPED.search(e.title):
        return False
    patches = [parse_patch(f.path, f.patch) for f in e.behaviour]
    return any(any(_RETURN.match(ln.text) for ln in p.removed) and any(_RETURN.match(ln.text) for ln in p.added)
               for p in patches)


def default_named_changed(e: Evidence) -> bool:
    """The title says a default changes and product code replaces the value of the setting it names: users who
    never set it get another behaviour (a signature's parameter default is read by ``defaults_changed``)."""
    return bool(title_defaults_changed(e.title, e.behaviour))


def enum_values_shifted(e: Evidence) -> list[str]:
    """Enumerators inserted mid-enum in a header whose symbols are public, or given another explicit value in a
    product header: code built against the old header (bindings, saved settings) reads one value as another."""
    public = {f.path for f in e.facts if e.is_public(f)}
    # a value given explicitly is rarely moved by accident: any product header's counts
    return shifted_enumerators(f for f in e.behaviour if f.path in public) + revalued_enumerators(e.behaviour)


def api_grown(e: Evidence, change_type: str) -> bool:
    """New public API: functions, methods and classes, parameters, a public struct's fields, lines appended to an
    API dump (experimental names aside, and a speed-up's own helpers)."""
    helpers = len(helper_api(e)) if change_type == "perf" else 0
    return bool((len(e.api_extended) > len(e.experimental_api) + helpers
                 and change_type in ("feature", "fix", "perf", "security", "revert"))
                or (e.fields_added and change_type in ("feature", "fix")) or e.interfaces_appended)


def _commands_declared(e: Evidence) -> list[Fact]:
    """A product manifest (not a test's or an example's) gains its commands table: see ``package_commands``."""
    return commands_declared(f for f in e.facts if "test" not in e.classes.get(f.path, set())
                             and not side_manifest(e.classes.get(f.path, set())))


def headline_addition(e: Evidence) -> bool:
    """The addition is a headline: a new product file of public API or a new interface file (a module, a renderer,
    a CRD). An option, method or field added beside existing ones changes nothing users had: medium, as every blind
    set since the sixth labels it (the issue's high list names API removed or changed, not API added)."""
    return bool(e.headline_api or e.interfaces_added)


def shipped_switched_off(e: Evidence) -> bool:
    """The addition's entry in the default configuration the commit adds is switched off (a lint rule registered
    ``active: false``, a plugin ``enabled: false``): users meet nothing until they turn it on, an opt-in feature."""
    return bool(e.config) and all(off_by_default(f) for f in e.config)


def status_returned(e: Evidence, change_type: str) -> bool:
    """A fix or feature whose message, changelog or new tests name the HTTP status it now returns: clients see it."""
    texts = (e.title, e.paragraph, *e.changelog, *(f.symbol or "" for f in e.of("test_added")))
    return change_type in ("fix", "feature") and any(R.STATUS_RETURNED.search(text) for text in texts)


def package_renamed(e: Evidence) -> bool:
    """A manifest's own package name changes (``package.name`` in Cargo.toml, ``name`` in package.json), or the root
    ``go.mod``'s module path: what importers write to get the package."""
    return module_path_moved(e.files) is not None or any(
        f.kind == "config_value_changed" and f.symbol in R.PACKAGE_NAME_KEYS and f.before and f.after
        and "build" in e.classes.get(f.path, set()) and not side_manifest(e.classes[f.path]) for f in e.facts)


def runtime_floor_raised(e: Evidence) -> bool:
    """The oldest Python or Node the package supports rises: users on the older runtime can no longer install it
    (a Rust or Go compiler floor raised stays medium: a build tool its users upgrade in place); or the oldest version
    of a package its users bring themselves (a peer dependency, a Maven/OSGi version range's lower bound): users on
    the older one must upgrade it to take this release. A test's, an example's or a side manifest's aside."""
    shipped = [f for f in e.files if "build" in e.classes.get(f.path, set())
               and not e.classes[f.path] & {"test", "example", "lock"} and not side_manifest(e.classes[f.path])]
    return any(m.runtime for m in e.toolchain_raised) or bool(supported_floors_raised(shipped))


def user_text(e: Evidence) -> bool:
    """The title or the changelog names the printed text of errors or values (``Display``, ``__str__``)."""
    return any(R.USER_TEXT_WORDS.search(text) for text in (e.title, *e.changelog))


def tested_behaviour(e: Evidence, change_type: str) -> bool:
    """Product code changes and the commit adds test lines with it (net): what the code does is meant to change
    (documentation examples tested beside a doc change are still documentation)."""
    tests = [f for f in e.files if "test" in e.classes[f.path]]
    return (bool(e.behaviour) and change_type != "docs"
            and sum(f.additions - f.deletions for f in tests) >= R.TESTED_CHANGE_LINES)


#: a package.json's entry points: what ``import``/``require`` of the package (and TypeScript) resolves, and its
#: ``type``: whether Node and bundlers load those files as ES modules or CommonJS
_ENTRY_POINT = re.compile(r'^(exports|main|module|types|typings|bin|type$)\b')


#: a condition of an ``exports`` entry: ``exports["."].node``, ``exports.import`` (the package's one entry)
_CONDITION = re.compile(r'^(?P<entry>exports(\[[^\]]+\])?)\.[\w-]+$')


def condition_added(fact: Fact, entry_points: list[Fact]) -> bool:
    """A condition added to an ``exports`` entry that was there before (``exports["."].node``): Node, bundlers or
    TypeScript now pick another file for the import every user already writes. A new entry (its conditions with it)
    adds a path nobody imported yet."""
    match = _CONDITION.match(fact.symbol or "") if fact.kind == "config_key_added" else None
    return bool(match) and not any(f.symbol == match.group("entry") and f.path == fact.path and
                                   f.kind == "config_key_added" for f in entry_points)


def module_format_set(fact: Fact) -> bool:
    """A package.json's ``type`` (``"module"``/``"commonjs"``) added, removed or changed: every ``.js`` file the
    package publishes is loaded as the other module format (an ES module read as CommonJS breaks the build of every
    importer), unlike a new entry point beside the old ones."""
    return fact.symbol == "type"


def exports_introduced(entry_points: list[Fact]) -> bool:
    """A package.json gains a top-level ``exports`` map where it had none: Node then resolves only the paths the map
    lists, so every deep import (``remark-parse/lib/index.js``) that worked before fails, a break for importers
    even when the package's main file stays the same (Node's documentation calls it a breaking change)."""
    return any(f.kind == "config_key_added" and f.symbol == "exports" for f in entry_points)


def entry_points_moved(e: Evidence) -> list[Fact]:
    """The entry points a package.json publishes (``exports``, ``main``, ``types``, ``bin``) changed or added: like
    a crate's features, what every importer resolves (a side manifest of tests or examples aside)."""
    return [f for f in e.facts if f.kind.startswith("config_") and f.path.endswith("package.json")
            and _ENTRY_POINT.match(f.symbol or "") and not side_manifest(e.classes.get(f.path, set()))]
