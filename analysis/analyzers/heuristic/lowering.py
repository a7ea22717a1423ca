"""Predicates that read a change low: cleanups, private helpers, dead code, test tooling, what users never see."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.const_params import const_qualified_only
from analysis.analyzers.heuristic.code.behaviour.rewrites import conditions_rewritten
from analysis.analyzers.heuristic.code.respelled.imports_sorted import imports_retargeted
from analysis.analyzers.heuristic.evidence import Evidence
from analysis.analyzers.heuristic.release import bare_title
from analysis.facts.config import FEATURE_ALIAS

#: an all-caps name (``_BSD_SOURCE``, ``_GNU_SOURCE``): a macro or feature-test switch, not a private helper
_MACRO_NAME = re.compile(r"^_?[A-Z][A-Z0-9_]*$")


def interface_touched(e: Evidence) -> bool:
    """A public symbol added or removed, or a public signature changed."""
    return bool(e.api_breaks or e.api_added or e.signature_deltas or e.contract_changes)


def snapshot_rewritten(e: Evidence) -> bool:
    """Product code changes and a test's recorded output that existed (``.stderr`` of a ui test, a ``.snap``) has
    lines replaced: what the product prints for that case is different now."""
    return bool(e.behaviour) and any(f.path.endswith(R.TEST_SNAPSHOT_EXTS) and f.status == "modified"
                                     and f.additions and f.deletions for f in e.files)


def said_no_op(e: Evidence) -> bool:
    """The title calls the change a no-op (or its rollback), and the facts agree: no public API, setting or security
    signal changes (parameters only made ``const`` are the same interface: "Improved const correctness. There are no
    functional changes intended.")."""
    touched = interface_touched(e) and not const_qualified_only(e)
    # (or a ``refactor:`` whose body says so, "with no behavior changes": the author files it as a rewrite and
    # states the behaviour kept)
    said = R.NO_OP_TITLE.search(e.title) or (e.prefix_type == "refactor" and R.NO_BEHAVIOUR_SAID.search(e.body))
    return bool(said and not (touched or e.config or e.security_signals))


def debug_repr_only(e: Evidence) -> bool:
    """Every changed symbol is a debug representation (``__repr__``), in a modest diff with the interface intact."""
    symbols = [f for f in e.of("symbol_modified", "symbol_added", "symbol_removed", "signature_changed")
               if e.in_product(f)]
    return (bool(symbols) and all(R.DEBUG_REPR_SYMBOL.search(f.symbol or "") for f in symbols)
            and e.behaviour_lines <= R.REFACTOR_LOW_LINES and not (e.api_breaks or e.config))


def dead_code_removed(e: Evidence) -> bool:
    """Product code only loses lines, and what it loses is whole private functions or methods (the facts name only
    those, removed): code nothing outside can call, gone; nothing else changes (a macro is a switch users may set,
    not a helper)."""
    product = [f for f in e.facts if e.in_product(f) and f.kind != "changelog_entry"]
    return (bool(product) and all(f.additions == 0 for f in e.behaviour)
            and all(f.kind == "symbol_removed" and not e.is_public(f) and (f.text or "").startswith(("function", "method"))
                    and not _MACRO_NAME.match((f.symbol or "").split(".")[-1]) for f in product)
            and not (e.config or e.security_signals or e.dependencies))


def vendored(e: Evidence) -> bool:
    """A dependency dropped from a manifest and a source file of its name added (``common-path`` removed,
    ``src/common_path.rs`` added): the same code now kept in the tree; the other product files only point at it
    (a module declared, imports changed), nothing public removed, no setting or security signal."""
    gone = {re.sub(r"[-.]", "_", (f.symbol or "").lower()) for f in e.dependencies if f.before and not f.after}
    added = [f for f in e.behaviour if f.status == "added"
             and re.sub(r"[-.]", "_", f.path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()) in gone]
    rest = [f for f in e.behaviour if f not in added]
    return bool(added) and sum(max(f.additions, f.deletions) for f in rest) <= R.HOUSEKEEPING_LINES and not (
        e.api_breaks or e.config or e.security_signals)


def small_perf_tweak(e: Evidence) -> bool:
    """A repeated call, copy or allocation avoided, in a few lines of internal code."""
    return bool(R.SMALL_PERF_WORDS.search(e.title) and e.behaviour_lines <= R.SMALL_PERF_LINES
                and not (interface_touched(e) or e.config or e.literal_changes["message"]))


def titled_helpers(e: Evidence) -> bool:
    """The title names code, and what it names is private helpers: a leading underscore (``_getAncestors()``), or
    functions and methods the facts call not public; none of it is public API."""
    named = {m.group(m.lastindex).rstrip("()").split(".")[-1].split("::")[-1]
             for m in R.TITLE_CODE_NAME.finditer(e.title) if m.lastindex}
    named.discard("")
    symbols = {(f.symbol or "").split(".")[-1].split("::")[-1]: f
               for f in e.of("symbol_added", "symbol_removed", "symbol_modified", "signature_changed") if e.in_product(f)}
    if not named or any(n in symbols and e.is_public(symbols[n]) for n in named):
        return False
    return all(n.startswith("_") and not n.startswith("__") and not _MACRO_NAME.match(n)
               or n in symbols and (symbols[n].text or "").startswith(("function", "method")) for n in named)


def private_helper_refactor(e: Evidence, change_type: str) -> bool:
    """A refactor around private helpers the title names, in modest internal code: callers see nothing."""
    return bool(change_type in ("refactor", "chore") and titled_helpers(e)
                and e.behaviour_lines <= R.REFACTOR_LOW_LINES and not interface_touched(e)
                and not (e.config or e.literal_changes["message"] or e.security_words or e.paths("security")))


def test_tooling_refactor(e: Evidence, change_type: str) -> bool:
    """The title names the project's test tooling, and the code around it keeps its interface and texts."""
    named = R.TEST_TOOLING_WORDS.search(e.title)
    return bool(change_type in ("refactor", "chore", "test") and named and not product_symbol(e, named.group(0))
                and e.behaviour_lines <= R.TEST_TOOLING_LINES
                and not (e.api_breaks or e.api_added or e.literal_changes["message"] or e.security_words))


def product_symbol(e: Evidence, name: str) -> bool:
    """``name`` is a symbol of product code the facts see (a test framework's ``TestCaseStats`` is its product)."""
    name = name.strip("`")
    return any(name in re.split(r"::|\.", f.symbol or "") for f in e.facts if f.symbol and e.in_product(f))


#: the title's own words name a restructuring ("Simplify inotify backend locking", "Move some shared code to ...")
_RESTRUCTURING = dict(R.TITLE_TYPE_WORDS)["refactor"]
#: the kinds of fact a declaration's change leaves
_DECLARATIONS = ("symbol_added", "symbol_removed", "symbol_modified", "signature_changed")


def unexported_go_refactor(e: Evidence, change_type: str) -> bool:
    """A refactor whose title's own words name the restructuring (not only a ``refactor:`` prefix), in Go files
    whose every declaration touched is unexported (a lower-case name, or a method of an unexported type): Go's
    compiler keeps them inside their package, so no importer can reach what moved, whatever its size. The code
    shrinks or stays as long (restructured, not grown: a block rewritten with more lines is new logic, medium), no
    test file changes beside it (tests rewritten say behaviour moves), no setting, message text or security signal."""
    touched = [f for f in e.facts if f.kind in _DECLARATIONS and e.in_product(f)]
    return bool(change_type == "refactor" and e.behaviour and touched
                and all(f.path.endswith(".go") for f in e.behaviour)
                and sum(f.deletions for f in e.behaviour) >= sum(f.additions for f in e.behaviour)
                and _RESTRUCTURING.search(bare_title(e))
                and not any(e.is_public(f) for f in touched) and not interface_touched(e)
                and not any("test" in e.classes[f.path] for f in e.files)
                and not (e.config or e.literal_changes["message"] or e.security_words or e.security_signals
                         or e.paths("security")))


#: JVM sources, whose imports only name types for the compiler (no import runs code, unlike Python's or JavaScript's)
_JVM_SOURCES = (".java", ".kt", ".scala", ".groovy")
#: an import line of a JVM source (``import a.b.*;``, ``import static a.B.c;``)
_JVM_IMPORT = re.compile(r"^\s*import\s+(static\s+)?[\w.]+(\.\*)?\s*;?\s*$")


def imports_only(e: Evidence) -> bool:
    """Every line the commit's code changes is a JVM import (a stale ``import a.configure.*;`` dropped after a
    package move, "Fixed compile issues"): the compiler resolves the same types, the program does the same."""
    if not e.behaviour or not all(f.path.endswith(_JVM_SOURCES) and f.patch for f in e.behaviour):
        return False
    changed = [ln[1:] for f in e.behaviour for ln in (f.patch or "").splitlines()
               if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    return bool(changed) and all(_JVM_IMPORT.match(ln) or not ln.strip() for ln in changed)


def housekeeping(e: Evidence, change_type: str) -> bool:
    """The title names a cleanup or silenced warnings, or the title or the message's first paragraph names a linter
    or static analyser the change answers ("fix flake8 errors", "attempt to fix a minor PVS Studio warning"), and
    the facts agree: internal code only, modest size."""
    return bool((R.HOUSEKEEPING_WORDS.search(e.title) or analyser_answered(e)
                 or (R.WARNING_WORDS.search(e.title) and not R.WARNING_ADDED.search(e.title)))
                and not R.WORKAROUND_ADDED.search(e.title)  # a workaround put in mends what users met
                and change_type in ("refactor", "chore", "build", "ci", "fix")
                and e.behaviour_lines <= R.REFACTOR_LOW_LINES and not interface_touched(e)
                and not (e.config or e.literal_changes["message"] or e.security_words or e.paths("security")))


def analyser_answered(e: Evidence) -> bool:
    """A sentence of the title or of the message's first paragraph names a linter or static analyser (flake8,
    PVS-Studio, clang-tidy) and what the change does to its complaint ("fix flake8 errors", "flagged by PVS
    Studio", "PVS Studio static analyzer doesn't like ..."): the tool's finding mended, not a failure users met (a
    CI job that starts running the tool is no such sentence; nor is a name imported from another module now, which
    no linter's fix does)."""
    return any(R.ANALYSER_WORDS.search(s) and R.ANALYSER_ANSWERED.search(s)
               for text in (e.title, e.paragraph) for s in _SENTENCE_END.split(text)) \
        and not imports_retargeted(e.behaviour)


#: a title that is the analyser's own heading: its name as a prefix ("golangci-lint: localtime") or alone, with at
#: most the tool's version or a part of a series ("Golangci-lint v2 part two", "Flake8", "clippy")
_ANALYSER_HEADING = re.compile(r"^\W*(?:" + R.ANALYSER_WORDS.pattern + r"|clippy)(?:\s*:|(?:\s+(?:v?\d+(?:\.\d+)*|"
                               r"part|one|two|three|four|five))*\s*$)", re.IGNORECASE)
#: lines an analyser's sweep may span: a module or two brought in line, not a subsystem redone
ANALYSER_SWEEP_LINES = 200


def analyser_titled(e: Evidence, change_type: str) -> bool:
    """The title is an analyser's heading ("golangci-lint: localtime", "Golangci-lint v2 part two"): the change is
    what the tool asked of the code it names (receivers renamed, errors wrapped, helpers split out, tests marked
    parallel), upkeep whatever tests it touches. No public symbol or signature, setting, message text or security
    signal, no feature or security fix, and at most ``ANALYSER_SWEEP_LINES`` lines of product code."""
    return bool(_ANALYSER_HEADING.match(bare_title(e)) and e.behaviour
                and change_type in ("refactor", "chore", "build", "ci", "fix", "test")
                and e.behaviour_lines <= ANALYSER_SWEEP_LINES and not interface_touched(e)
                and not (e.config or e.literal_changes["message"] or e.security_words or e.security_signals
                         or e.paths("security") or imports_retargeted(e.behaviour)))


#: where a sentence of a message ends
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


#: the title's purpose is the code's reading ("improve readability of X", "make X easier to read"), or one copy where
#: there were several ("DRY up standard logger redirection code", "dedupe key type literals into static const strings")
_READABILITY = re.compile(r"\b(readability|more readable|easier to (read|follow|understand)|legibility|(?-i:DRY)( up)?|"
                          r"dedup\w*|deduplicat\w*|(remove|reduce)\s+(some\s+)?(code\s+)?duplicat\w*)\b", re.I)
#: lines a readability rewrite may span: a method or two rewritten, not a module redone
READABILITY_LINES = 200


def readability_refactor(e: Evidence, change_type: str) -> bool:
    """A refactor whose title says its purpose is readability ("improve readability of
    ``setEnabledProtocols0``: multiple ifs replaced with a switch") or one copy of code that was repeated ("DRY up
    standard logger redirection code": three copies of a level switch made one helper), with no public symbol,
    setting, message text or security signal changed: the same program written to be read, whatever file it sits in
    (a TLS engine's ``ssl/`` path is no security change by itself)."""
    return bool(change_type == "refactor" and _READABILITY.search(e.title)
                and e.behaviour_lines <= READABILITY_LINES and not interface_touched(e)
                and not (e.config or e.literal_changes["message"] or e.security_signals or e.security_words))


#: the title names one error, help or usage message (not ``Display``/``__str__``: how values print; not "error
#: messages" built anew across the code)
_ONE_MESSAGE = re.compile(r"\b(error|help|usage) (message|text)\b(?!s)", re.I)


def message_reworded(e: Evidence, change_type: str) -> bool:
    """The title names an error, help or usage message and the change reads as a refactor (no fix, no feature), with
    no branch condition rewritten: the words users read are reworded or moved into a constant ("Improve error
    message, mention --shell=none", "move error message to a constant", "Removed brackets and quotes in error
    message"), the program decides as it did. Labels across repositories read these low (argparse, cast,
    hyperfine); a fix that mends a wrong or missing message (a duplicate error printed, a field name shown) stays
    medium, as does a message its release notes quote (a changelog entry) or one reworded beside a condition that
    now decides otherwise."""
    return bool(change_type == "refactor" and _ONE_MESSAGE.search(e.title) and not e.changelog
                and e.behaviour_lines <= R.REFACTOR_LOW_LINES and not interface_touched(e)
                and not (e.config or e.security_signals)
                and not conditions_rewritten(f.patch for f in e.behaviour))


def tests_adapted_to_bump(e: Evidence) -> bool:
    """A package the product installs with moves, and tests that existed are rewritten beside it (lines of theirs
    removed, not only new cases added): the upgrade changes results the tests pinned down. Packages only added (the
    new tests' own helpers required in ``go.mod``) upgrade nothing the product ran on."""
    rewritten = [f for f in e.files if "test" in e.classes[f.path] and not e.classes[f.path] & {"build", "lock"}
                 and f.status == "modified" and f.deletions and f.path not in e.cosmetic]
    if all(f in e.version_pins for f in e.installed):
        # default image tags moved: a recorded render (a chart's ``.snap``) shows the new tag, no result changed
        rewritten = [f for f in rewritten if not f.path.endswith(R.TEST_SNAPSHOT_EXTS)]
    moved = [f for f in e.installed if f.before and f.after]
    return bool(moved and rewritten and not e.behaviour)


def hunks_read(e: Evidence) -> bool:
    """Every changed file came with its hunks: the security signals were looked for in the lines themselves, so the
    message's words (a CI change that "removes credentials" from checkouts) yield to them."""
    return all(f.patch for f in e.files)


def aliases_only(e: Evidence, path: str) -> bool:
    """Every change the facts see in a manifest is a feature entry swapped for its alias: the same crates build."""
    facts = [f for f in e.facts if f.path == path and f.kind.startswith("config_")]
    return bool(facts) and all(f.text == FEATURE_ALIAS for f in facts)
