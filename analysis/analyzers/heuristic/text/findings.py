"""Insights, risks and recommendations the evidence supports; nothing where nothing was derived."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.helpers import retired_helper
from analysis.analyzers.heuristic.api.options import constants_only
from analysis.analyzers.heuristic.api.py2_aliases import py2_alias
from analysis.analyzers.heuristic.code.behaviour.dispatch_cases import named_cases_dropped
from analysis.analyzers.heuristic.code.behaviour.export_form import export_form_flips
from analysis.analyzers.heuristic.code.behaviour.macros import macro_values, macros_changed, macros_redefined
from analysis.analyzers.heuristic.code.behaviour.panics import panics_handed_on
from analysis.analyzers.heuristic.code.hunks import changed_lines, loop_rebounds
from analysis.analyzers.heuristic.code.named.assignments import values_edited
from analysis.analyzers.heuristic.code.named.doc_examples import doctested
from analysis.analyzers.heuristic.code.named.word_sites import word_sites
from analysis.analyzers.heuristic.code.perf import (
    HEADERS,
    by_reference_only,
    hyperfine_verdict,
    measured_output,
    measured_sentence,
    members_retyped,
    moves_added,
    timed_sentence,
)
from analysis.analyzers.heuristic.code.respelled.annotations_only import annotations_only, type_declarations_only
from analysis.analyzers.heuristic.code.respelled.page_text import PAGE
from analysis.analyzers.heuristic.code.self_calls import self_calls
from analysis.analyzers.heuristic.config.builds.build_defaults import api_gated, default_narrowed, features_removed
from analysis.analyzers.heuristic.config.builds.dependency_changes import development_only
from analysis.analyzers.heuristic.config.charts.template_layout import added_conditions
from analysis.analyzers.heuristic.declared import advisory_merge, breaking_fragments, support_removed
from analysis.analyzers.heuristic.judge import reformatted, stricter_symbols
from analysis.analyzers.heuristic.message import clip
from analysis.analyzers.heuristic.noticed import noticed_parts
from analysis.analyzers.heuristic.paths import area_of
from analysis.analyzers.heuristic.release import release_bookkeeping, version_numbers_added, version_numbers_only
from analysis.analyzers.heuristic.text.breaking import breaking_subject, marker_insight
from analysis.analyzers.heuristic.text.default_exports import api_name
from analysis.analyzers.heuristic.text.deprecations import marked_deprecated
from analysis.analyzers.heuristic.text.spans import code_line
from analysis.analyzers.heuristic.text.test_suites import common_suite, is_benchmark
from analysis.analyzers.heuristic.text.writer import Writer, code, raise_keyword
from analysis.facts.manifests.dependencies import INDIRECT
from analysis.facts.workflows import HEAD_UNDER_PRT, PIPED_SCRIPT, SECRET_PRINTED, SECRET_UNDER_PRT
from analysis.models import Fact, Insights, Risk

#: the fix each kind of workflow signal asks for (other signals in a workflow: a second reviewer)
_CI_FIXES = {SECRET_UNDER_PRT: "ci_fix_prt_secret", HEAD_UNDER_PRT: "ci_fix_prt_head", SECRET_PRINTED: "ci_fix_printed",
             PIPED_SCRIPT: "ci_fix_piped"}
#: token scopes whose ``write`` pushes commits, publishes releases or edits issues and pull requests
_BROAD_SCOPES = frozenset({"contents", "issues", "pull-requests", "permissions"})
#: type declarations beside the code (Python stubs, TypeScript declaration files): what type checkers read
_STUBS = (".pyi", ".d.ts", ".d.mts", ".d.cts")
#: a protobuf field declared ``required`` (proto2): messages without it stop parsing, an appended one breaks senders
_PROTO_REQUIRED = re.compile(r"^\+\s*required\b", re.MULTILINE)
#: symbols that are data members of a type: removing one breaks the code that sets or reads it, not every call
_MEMBERS = ("property", "field")
#: a constant named as a default (``DEFAULT_TIMEOUT``, ``DefaultBaseImage``), not a version
_DEFAULT_NAME = re.compile(r"DEFAULT|^[Dd]efault[A-Z]")
_BEHAVIOUR_TYPES = ("fix", "feature", "perf", "refactor", "security", "chore")
#: a benchmark's folder (``benchmark/dom/root-node.js``, Rust's ``benches/``): a harness that measures the product,
#: neither product code of its own nor what a test would exercise
_BENCH_DIRS = frozenset({"bench", "benches", "benchmark", "benchmarks"})


def _benchmark(path: str) -> bool:
    return bool(_BENCH_DIRS & set(path.lower().split("/")[:-1]))

#: a pull request number a squash merge appends to the title: ``(#3375)``
_OWN_PULL = re.compile(r"\s*\(#\d+\)\s*$")
#: a chart's or manifest's data files: templates and values render to manifests, no unit test runs them
_CHART_DATA = re.compile(r"\.(ya?ml|tpl|txt|json)$", re.I)
#: an optimisation a title says is not done or taken away: ``to not optimize``, ``don't optimise``, ``no longer
#: faster``; or a latency that is what a measurement counts, not what the change lowers ("Fix response-time token to
#: not include response latency": a timing token corrected)
_NOT_FASTER = re.compile(r"(?:\bnot|\bnever|\bno longer|n't|\bwithout)\s+(?:to\s+|be\s+)?(?:optimi[sz]\w*|faster)\b|"
                         r"\b(?:includ|exclud|count|measur|record|report)(?:e|es|ed|ing|s)?\s+"
                         r"(?:(?!lower|less|reduced|better|faster)[\w-]+\s+){0,2}?(?:latency|latencies|throughput)\b",
                         re.I)  # (verbs, not "measurably"; "record lower latency" is a speed claim)


#: a version written as a bare YAML number whose last decimal is a zero (``python-version: 3.10``, in a flow list
#: ``[3.9, 3.10]`` too): YAML reads the float 3.1
_VERSION_KEY = r"[\w-]*(?:version|python|node|ruby|golang|go|java|php|jdk|toolchain)[\w-]*"
_FLOAT_VERSION = re.compile(rf"^\s*(?:-\s+)?({_VERSION_KEY})\s*:\s*(?:\[(?P<flow>[^\]#]*)\]|(?P<one>\d+\.\d*0))\s*(?:#.*)?$",
                            re.I)
_TRAILING_ZERO = re.compile(r"^\d+\.\d*0$")


def of_folder(w: Writer, name: str, path: str) -> str:
    """A package or title named with the folder of the manifest or files it is of: the same upgrade in each chart of
    a repository is one sentence per chart, not one sentence repeated. Gradle's version catalog
    (``gradle/libs.versions.toml``) is the root project's, where Gradle looks for it: no folder named."""
    folder = posixpath.dirname(path)
    return w.t("owned", name=name, where=code(folder, R.MAX_PATH)) if folder and folder != "gradle" else name


def major_groups(bumps: list[Fact]) -> list[tuple[list[Fact], str, str]]:
    """Major upgrades grouped by manifest folder and versions: a toolchain's packages moved together (Kotlin's
    compiler, reflection and annotation processing ``1.9.21`` → ``2.0.0``) are one sentence, one risk."""
    groups: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in bumps:
        groups.setdefault((posixpath.dirname(fact.path), fact.before or "", fact.after or ""), []).append(fact)
    return [(facts, before, after) for (_, before, after), facts in groups.items()]


def yaml_float_versions(files: list) -> list[tuple[str, str, str]]:
    """(path, key, value) for each version a YAML file's added lines write as a bare number ending in a zero: what
    the runner gets is ``3.1``, not ``3.10``."""
    out = []
    for f in files:
        if not f.path.endswith((".yml", ".yaml")) or not f.patch:
            continue
        for line in f.patch.splitlines():
            if not line.startswith("+") or line.startswith("+++") or not (m := _FLOAT_VERSION.match(line[1:])):
                continue
            values = [m.group("one")] if m.group("one") else [v.strip() for v in m.group("flow").split(",")]
            out += [(f.path, m.group(1), v) for v in values if _TRAILING_ZERO.match(v)]
    return list(dict.fromkeys(out))


def _one(names: list) -> str:
    """The suffix of a phrase's singular form when ``names`` holds one name."""
    return "_one" if len(names) == 1 else ""


#: the most of an API definition's changed line quoted beside its file
_API_LINE = 60
#: a line that only closes or opens a block (``}``, ``{``): no declaration to quote
_BRACES_ONLY = re.compile(r"^[\s{}()\[\];,]*$")
#: a line that opens or continues a comment in an API or schema file (``//``, ``/*``, `` * ``, ``#``)
_COMMENT_OPENS = re.compile(r"^(//|/\*|\*(?=\s|/|$)|#(?=\s|#|$))")


def first_changed_line(patch: str | None) -> tuple[str, str] | None:
    """("−", line) for the first line ``patch`` removes that declares something, else ("+", line) for the first it
    adds; None when it changes no such line."""
    removed, added = changed_lines(patch)
    # a line removed and added back with other spacing (gofmt re-aligning a struct's field types when one field's
    # name changes length) declares nothing new: the line that changes is the other one
    spaced = Counter(" ".join(ln.split()) for ln in removed) & Counter(" ".join(ln.split()) for ln in added)
    removed = [ln for ln in removed if " ".join(ln.split()) not in spaced]
    added = [ln for ln in added if " ".join(ln.split()) not in spaced]
    for mark, lines in (("−", removed), ("+", added)):
        # a comment declares nothing: a new licence header's ``/*`` is no line of the definitions
        line = next((ln for ln in lines if not _BRACES_ONLY.match(ln) and not _COMMENT_OPENS.match(ln.strip())),
                    None)
        if line is not None:
            return mark, line
    return None

class Findings:
    """What a reviewer would flag, from one ``Writer``'s evidence and language."""

    def __init__(self, writer: Writer):
        self.w = writer
        self.e = writer.e
        self.risks: list[Risk] = []
        self.recs: list[str] = []
        #: a release stamping its version through manifests and the project's own image (a CI bot's "Update
        #: artifacts"): the values move with the release, no operator's setting changes under them
        self.stamp = release_bookkeeping(self.e)

    def join(self, sentences: list[str]) -> str:
        return self.w.p["sentence_sep"].join(s for s in sentences if s)

    # --- insights -------------------------------------------------------------------------

    def insights(self) -> Insights:
        return Insights(architecture=self.join(self.architecture()), performance=self.join(self.performance()),
                        security=self.join(self.security()), maintainability=self.join(self.maintainability()),
                        compatibility=self.join(self.compatibility()))

    def feature_breaks(self) -> list[str]:
        """A crate's Cargo features that dependants relied on (those removed or renamed are said above): the default
        set narrowed, public items gated behind a new feature that is off by default."""
        e, w, out = self.e, self.w, []
        narrowed = [(f.symbol or "").removeprefix("features.") for f in default_narrowed(e)]
        if narrowed:
            out.append(w.t("compat_default_narrowed", names=w.names(list(dict.fromkeys(narrowed)))))
        gated = api_gated(e)
        if gated:
            out.append(w.t("compat_api_gated", names=w.symbols(gated)))
        return out

    def compatibility(self) -> list[str]:
        e, w, out = self.e, self.w, []
        if e.breaking_marker:
            out.append(marker_insight(w))
        elif fragments := breaking_fragments(e):  # towncrier's ``changelog/8593.breaking.rst``: the project's filing
            out.append(w.t("compat_fragment", path=code(fragments[0], R.MAX_PATH)))
        # how each signature changes is the summary's; here only who must act, every symbol named once
        groups = w.signature_groups()
        broken = [name for symbols, breaking, _ in groups if breaking for name in symbols]
        if broken:
            out.append(w.t("compat_break", symbol=w.symbols(broken)))
        removed, members, optional = self.removed_split()
        if removed:
            out.append(w.t("compat_removed", names=w.symbols(removed)))
        if members:
            out.append(w.t("compat_members_removed" + _one(members), names=w.symbols(members)))
        if optional:
            out.append(w.t("compat_optional_removed" + _one(optional), names=w.symbols(optional)))
        if variants := self.removed_variants():
            out.append(w.t("compat_variants_removed" + _one(variants), names=w.symbols(variants)))
        if modules := [name for names in w.modules_gone().values() for name in names]:
            out.append(w.t("compat_modules_gone", names=w.names(modules)))
        if narrowed := w.overloads_removed():
            out.append(w.t("compat_overloads_removed", names=w.symbols([f.symbol or "" for f in narrowed])))
        if e.nullness_dropped:
            out.append(w.t("compat_nullness", symbols=w.symbols(list(dict.fromkeys(m for m, _ in e.nullness_dropped)))))
        for key, prefixes in (("compat_type", ("bases ", "members reordered")), ("compat_throws", ("throw ",)),
                              ("compat_fields", ("fields renamed ",)),
                              ("compat_defaults", ("field default changed ",))):
            found = [f for f, parts in e.contract_changes if any(p.startswith(prefixes) for p in parts)]
            if found:
                keyword = raise_keyword(found[0].path) if key == "compat_throws" else ""
                verb = "raise" if keyword == "raise" else "panic" if keyword.startswith("panic") else "throw"
                out.append(w.t(key, names=w.symbols([f.symbol for f in found]), verb=w.p[f"verb_{verb}"]))
        gone, arrived = e.exit_statuses
        if arrived:
            out.append(w.t("compat_exit", new=w.names(arrived), old=w.names(gone)))
        out += [w.t("compat_export_form", path=code(path, R.MAX_PATH), old=code(old), new=code(new))
                for path, old, new in export_form_flips(e.files)[:2]]
        if e.expectation_flips:
            out.append(w.p["compat_flip"])
        values = [f for f in self.config_breaks if f.kind == "config_value_changed"]
        if len(values) == 1:
            fact = values[0]
            out.append(w.t("compat_config", change=w.config_change(fact), path=code(fact.path, R.MAX_PATH)))
        elif values:  # the values are the summary's; here once, which keys and where (seven image tags: one sentence)
            out.append(w.t("compat_configs", keys=w.names([f.symbol for f in values], 3),
                           paths=w.names([f.path for f in values], 2)))
        gone = [f for f in self.config_breaks if f.kind == "config_key_removed"]
        for path in dict.fromkeys(f.path for f in gone):
            keys = list(dict.fromkeys(f.symbol for f in gone if f.path == path))
            out.append(w.t("compat_config_removed" + _one(keys), keys=w.names(keys), path=code(path, R.MAX_PATH)))
        gone_features, new_features = features_removed(e)
        if gone_features:
            key = "compat_features_renamed" if new_features else "compat_features_removed"
            out.append(w.t(key, names=w.names(gone_features), new=w.names(new_features)))
        for facts, before, after in major_groups(e.major_bumps):
            names = of_folder(w, w.names([f.symbol for f in facts]), facts[0].path)
            out.append(w.t("compat_major" + ("_pl" if len(facts) > 1 else ""), name=names, old=code(before),
                           new=code(after)))
        for bound, walked in loop_rebounds(e.behaviour)[:2]:
            out.append(w.t("compat_loop", old=code(bound), new=code(walked)))
        for old, new in e.dependency_swaps[:2]:
            out.append(w.t("compat_swap", old=code(old.symbol), new=code(new.symbol), path=code(old.path, R.MAX_PATH)))
        # the same floor raised alike in each package of a workspace is one sentence naming the files
        # (a runtime's floor, ``engines.node`` or ``requires-python``, turns away who installs or runs it; a
        # compiler's, who builds it)
        raised: dict[tuple[str, str, str, bool], list[str]] = {}
        for m in e.toolchain_raised:
            raised.setdefault((m.key, m.before, m.after, m.runtime), []).append(m.path)
        for (key, before, after, runtime), paths in raised.items():
            out.append(w.t("compat_runtime" if runtime else "compat_toolchain", key=code(key), old=code(before),
                           new=code(after), path=w.names(paths, 3, width=R.MAX_PATH)))
        for fact in e.prereleases_left[:2]:
            out.append(w.t("compat_prerelease", name=code(fact.symbol), old=code(fact.before), new=code(fact.after)))
        out += self.feature_breaks()
        stricter = stricter_symbols(e)
        if stricter:
            out.append(w.t("compat_stricter", names=w.symbols(stricter)))
        if support_removed(e):
            out.append(w.p["compat_support_removed"])
        if named := named_cases_dropped(e.title, e.behaviour, e.files):
            out.append(w.t("compat_cases_dropped", values=w.names([f'"{v}"' for v in named])))
        if panics_handed_on(f.patch for f in e.behaviour if f.path.endswith(".rs")):
            out.append(w.p["compat_panics"])
        unstable = [f for f in e.unstable_bumps if (f.symbol or "").lower().rsplit(".", 1)[-1] != "version"]
        # a key named ``version`` is the file's own release number (a docs site's, a package's), not a dependency
        # whose zero-major minor may break its callers; several such bumps share one explanation
        if len(unstable) == 1:
            fact = unstable[0]
            out.append(w.t("compat_unstable", name=code(fact.symbol), old=code(fact.before), new=code(fact.after)))
        elif unstable:
            moves = [w.t("version_move", name=code(f.symbol), old=code(f.before), new=code(f.after)) for f in unstable]
            out.append(w.t("compat_unstable_pl", names=w.names(moves, wrap=False)))
        if e.opt_in:
            off = [f.symbol for f in e.config if f.kind == "config_key_added"]
            gates = [c for f in e.behaviour if "deploy" in e.classes[f.path] for c in added_conditions(f.patch)]
            key = "compat_opt_in_keys" if off else "compat_opt_in_when" if gates else "compat_opt_in"
            out.append(w.t(key, keys=w.names(off), conditions=w.names(gates, 3)))
        redefaulted = e.defaults_changed
        if redefaulted:  # calls that compile as before, but those leaving the parameter out now get another value
            names = [name for _, d in redefaulted for name, old, new in d.defaults
                     if old is not None and new is not None]
            out.append(w.t("compat_redefault", symbol=w.symbols([f.symbol for f, _ in redefaulted]),
                           params=w.names(list(dict.fromkeys(names)))))
        defaults = [name for name, *_, documented in e.constants_changed if documented or _DEFAULT_NAME.search(name)]
        if defaults:
            out.append(w.t("compat_const_default" + _one(defaults), names=w.names(defaults)))
        api = self.api_paths()
        if api:
            out.append(w.t("compat_api_paths", paths=self.api_named()))
        if not out and (e.api_added or e.api_widened):
            added = [api_name(f) for f in e.api_added + e.api_widened]
            # "unaffected" only when no existing public symbol changes too (a constructor's new default); a type
            # that only gains the new members (and private fields for them) is their owner, not a change of its own
            # (nor a settings struct that only gains the new option's field: ``StreamConfig.PersistMode``, unset,
            # is the struct as it was)
            owned = added + [o.name for o, _ in e.new_options] + [f"{s}.{n}" for _, s, n in e.fields_added]
            changed = [f.symbol for f in e.of("symbol_modified") if e.is_public(f) and e.in_product(f)
                       and f.symbol not in added and not any(a.startswith(f"{f.symbol}.") for a in owned)]
            key = "compat_additive_with" if changed else "compat_additive"
            out.append(w.t(key, names=w.symbols(added), changed=w.symbols(changed)))
        if e.fields_added:
            fields = [f"{struct}.{name}" for _, struct, name in e.fields_added]
            out.append(w.t("compat_fields_added", names=w.symbols(fields)))
        macros = macros_redefined(e.behaviour)
        if macros:
            # a version macro bumped in each release commit reads the same unless it says what it now expands to
            values = macro_values(e.behaviour)
            named = [code(m) + (f" ({code(values[m][0])} → {code(values[m][1])})" if m in values else "")
                     for m in list(dict.fromkeys(macros))]
            out.append(w.t("compat_macros", names=w.names(named, wrap=False)))
        if e.experimental_api:
            out.append(w.t("compat_experimental", names=w.symbols([f.symbol for f in e.experimental_api])))
        # "no parameter is removed or made required" says something only where parameters changed: for a return
        # type or annotations retyped alone, the summary's own line is the whole story
        reparametered = {f.symbol for f, d in e.signature_deltas if d.added or d.removed or d.defaults or d.unwritten}
        compatible = [name for symbols, breaking, _ in groups if not breaking for name in symbols
                      if name in reparametered]
        if compatible and len(out) < R.MAX_LISTED:
            out.append(w.t("compat_compatible", symbol=w.symbols(compatible)))
        return out[:R.MAX_LISTED]

    def architecture(self) -> list[str]:
        e, w, out = self.e, self.w, []
        added = [f.path for f in e.behaviour if f.status == "added" and not _benchmark(f.path)]
        removed = [f.path for f in e.product if f.status == "removed" and not _benchmark(f.path)]
        # paths kept whole to the path bound (a symbol's bound cut ``….java`` to ``…Creation.``)
        if added:
            out.append(w.t("arch_new_files", paths=w.names(added, width=R.MAX_PATH)))
        if removed:
            out.append(w.t("arch_removed_files", paths=w.names(removed, width=R.MAX_PATH)))
        if self.deploy_paths():
            out.append(w.t("arch_deploy", paths=self.deploy_subject()))
        added = [f for f in e.dependencies if not f.before and f.after
                 and "lock" not in e.classes.get(f.path, set()) and f.text != INDIRECT  # a dependency's own
                 and not development_only(f, e.classes.get(f.path, set()))]  # a docs or test requirement
        new_deps = [f.symbol for f in added]
        manifests = {f.path for f in added}
        if new_deps and len(manifests) == 1 and "/" in (one := next(iter(manifests))):
            # one package's manifest of several (``tower-retry/Cargo.toml``): whose dependency it is
            out.append(w.t("arch_new_dep_in", path=code(one, R.MAX_PATH), names=w.names(new_deps)))
        elif new_deps:
            out.append(w.t("arch_new_dep", names=w.names(new_deps)))
        return out

    def performance(self) -> list[str]:
        e, w = self.e, self.w
        # a title that turns an optimisation off ("fixed to not optimize when ...") claims no speed-up
        if self.w.change_type != "perf" and (not R.PERF_WORDS.search(e.title) or _NOT_FASTER.search(e.title)):
            return []
        bench = [f.path for f in e.files if "bench" in f.path.lower()]
        if bench:
            return [w.t("perf_bench", paths=w.names(bench))]
        return self.perf_details() or [w.t("perf_claim", what=self.perf_subject())]

    def perf_subject(self) -> str:
        """What the unmeasured speed-up rests on: the product symbols it changes, else the keys, else the files
        (largest first): one day's perf commits each name their own, not the same stock sentence."""
        e, w = self.e, self.w
        symbols = [f.symbol for f in e.facts if f.symbol and e.in_product(f) and f.path not in e.cosmetic
                   and f.kind in ("symbol_modified", "signature_changed", "symbol_added", "symbol_removed")]
        if symbols:
            return w.symbols(list(dict.fromkeys(symbols)), 3)
        keys = [f.symbol for f in e.of("config_key_added", "config_key_removed", "config_value_changed") if f.symbol]
        if keys:
            return w.names(keys, 3)
        changed = e.behaviour or [f for f in e.files if not e.classes[f.path] & {"doc", "test"}] or e.files
        return w.names([f.path for f in sorted(changed, key=lambda f: -f.changes)], 2)

    def perf_details(self) -> list[str]:
        """What the message and the hunks show of the speed-up: its measurement, the copies and calls it saves."""
        e, w, out = self.e, self.w, []
        output = measured_output(e.body)
        quote = None if output else hyperfine_verdict(e.body) or measured_sentence(e.body) or timed_sentence(e.body)
        if output:  # a benchmark tool's table: its row count and the author's sentence above it, not its header
            lead = output[1]
            out.append(w.t("perf_output" if lead else "perf_output_bare", n=output[0], quote=clip(lead, R.MAX_LINE)))
        if quote:
            out.append(w.t("perf_measured", quote=clip(quote, R.MAX_LINE)))
        if by_reference_only(e.behaviour):
            out.append(w.t("perf_by_ref", paths=w.names([f.path for f in e.behaviour])))
        if e.inlined_only:
            out.append(w.t("perf_inlined", paths=w.names([f.path for f in e.behaviour if f.path.endswith(HEADERS)])))
        moved = moves_added(e.behaviour)
        if moved:
            out.append(w.t("perf_moves", paths=w.names(moved)))
        retyped = members_retyped(e.behaviour)
        if retyped:
            out.append(w.t("perf_members", names=w.names([f"{name}: {old} → {new}" for name, old, new in retyped])))
        return out

    def security(self) -> list[str]:
        e, w, out = self.e, self.w, []
        if advisory_merge(e):
            out.append(w.p["sec_fork_merge"])
        for fact in e.security_signals[:R.MAX_LISTED]:
            out.append(w.t("sec_signal", text=code(fact.text or fact.symbol or "", 100), path=code(fact.path, R.MAX_PATH)))
        out.extend(self.ci_security())
        for path, verbs, resources, n in e.rbac_grants[:R.MAX_LISTED]:
            out.append(w.t("sec_rbac" if n == 1 else "sec_rbacs", verbs=w.names(verbs), resources=w.names(resources),
                           path=code(path, R.MAX_PATH), n=n))
        named_paths: set[str] = set()
        if e.paths("security") and not e.security_signals:
            out.append(w.t("sec_paths", paths=self._security_paths()))
            named_paths = set(e.paths("security"))
        if e.advisories:
            out.append(w.t("sec_advisory", ids=w.names(e.advisories)))
        # a word the message has only because it names a package the commit bumps (a dependabot group's list) is
        # said as that package's version change, not as the message mentioning a security topic
        bumped = {f.symbol.lower(): f for f in e.dependencies if f.symbol}
        packages = [bumped[word] for word in e.security_words if word in bumped]
        words = [word for word in e.security_words if word not in bumped]
        for f in packages[:2]:
            out.append(w.t("sec_package", name=code(f.symbol), old=code(f.before or "—"), new=code(f.after or "—")))
        # a message word is said only where the product code's changed lines name it, with those files and
        # their changed symbols: the message alone ("TLS" in a title) is no finding
        # files the sentence above named with their symbols are not named again with them: a word found only
        # there is said in one short sentence, the symbols of other files only
        named_symbols = {name for path in named_paths for name in self._symbols_in(path)}
        there, elsewhere = [], []
        for word, paths in list(word_sites(e.behaviour, words).items())[:2]:
            if set(paths) <= named_paths:
                there.append(code(word))
                continue
            symbols = [name for path in paths for name in self._symbols_in(path) if name not in named_symbols]
            named = w.t("sec_paths_symbols", names=w.names(list(dict.fromkeys(symbols)))) if symbols else ""
            elsewhere.append(w.t("sec_words", word=code(word), paths=w.names(paths), named=named))
        return out + ([w.t("sec_words_there", words=w.names(there, wrap=False))] if there else []) + elsewhere

    def _symbols_in(self, path: str) -> list[str]:
        return list(dict.fromkeys(x.symbol for x in self.e.facts if x.path == path and x.symbol
                                  and x.kind.startswith("symbol_")))

    def _security_paths(self) -> str:
        """Each security-sensitive file with its size of change and the symbols changed in it: what was touched
        there, so that a day of several commits in one such file does not read the same sentence each time."""
        e, w = self.e, self.w
        changed = {f.path: f for f in e.files}

        def item(path: str) -> str:
            f = changed[path]
            symbols = self._symbols_in(path)
            text = w.t("file_size", path=code(path, R.MAX_PATH), a=f.additions, d=f.deletions)
            return text + (w.t("sec_paths_symbols", names=w.names(symbols)) if symbols else "")

        items = list(dict.fromkeys(item(path) for path in dict.fromkeys(e.paths("security"))))
        text = w.p["sep"].join(items[:R.MAX_LISTED])
        extra = len(items) - R.MAX_LISTED
        return w.t("more", items=text, n=extra, total=len(items)) if extra > 0 else text

    def ci_security(self) -> list[str]:
        """Token permissions, checkout credentials and secrets a CI workflow change moves, per file."""
        w, out = self.w, []
        for path, sec in list(self.e.ci_security.items())[:R.MAX_LISTED]:
            where = code(path, R.MAX_PATH)
            if sec.narrowed:
                out.append(w.t("sec_ci_narrowed", path=where, keys=w.names(sec.narrowed)))
            if sec.widened:
                out.append(w.t("sec_ci_widened", path=where, keys=w.names(sec.widened)))
            for value in sec.persist:
                out.append(w.t("sec_ci_persist", path=where, value=code(f"persist-credentials: {value}")))
            if sec.secrets:
                out.append(w.t("sec_ci_secrets", path=where, names=w.names(sec.secrets)))
        return out

    def maintainability(self) -> list[str]:
        e, w, out = self.e, self.w, []
        added = [f for f in e.of("test_added") if not f.before]
        removed = e.of("test_removed")
        for key, facts in (("maint_tests_added", [f for f in added if not is_benchmark(f)]),
                           ("maint_benchmarks_added", [f for f in added if is_benchmark(f)])):
            if facts:
                out.append(self.tests_line(key, [f.symbol for f in facts]))
        out += w.tests_moved()
        for key, facts in (("maint_tests_removed", [f for f in removed if not is_benchmark(f)]),
                           ("maint_benchmarks_removed", [f for f in removed if is_benchmark(f)])):
            if facts:
                out.append(self.tests_line(key, [f.symbol for f in facts]))
        if e.is_large:
            out.append(w.t("maint_large", lines=e.sized_lines, n=len(e.sized)))
        return out

    def tests_line(self, key: str, names: list[str]) -> str:
        """Tests added or removed, the ``describe`` blocks they all sit in said once."""
        suite, names = common_suite(list(dict.fromkeys(names)))
        if suite:
            return self.w.t(f"{key}_in", suite=code(suite), names=self.w.names(names))
        return self.w.t(key, names=self.w.names(names))

    def untested(self) -> bool:
        """Product behaviour changes and no test file moves with it (a change judged low is housekeeping)."""
        # a test added beside the code it tests (Rust's ``#[cfg(test)] mod tests`` in ``src/filter/time.rs``) is
        # a test moving with it as much as a test file is
        # (a benchmark measures the code, it checks nothing: ``benchmark/``, ``benches/`` files are no such test)
        return (bool(self.e.behaviour) and not [p for p in self.e.paths("test") if not _benchmark(p)]
                and not self.e.of("test_added")
                and self.w.change_type in _BEHAVIOUR_TYPES
                and self.w.importance != "low" and not self.e.keys_moved_only
                and not version_numbers_only(self.e)  # a version number set: no test exercises it
                and not version_numbers_added(self.e)  # ``#define LIB_VERSION_MAJOR 1`` stated: nor that
                and not all(PAGE.search(f.path) for f in self.e.behaviour)  # a web page's text: no test reads it
                and not all(f.status == "removed" for f in self.e.behaviour)  # code deleted whole: nothing to run
                and not annotations_only(self.e.behaviour, self.e.facts)  # type hints: no test runs differently
                and not type_declarations_only(self.e.behaviour, self.e.facts)  # nor types a compiler erases
                and not all(_CHART_DATA.search(f.path) and "deploy" in self.e.classes[f.path]
                            for f in self.e.behaviour)  # a chart's templates and values: checked by rendering them
                and not doctested(self.touched_symbols(), self.e.behaviour))  # Rust doc examples calling each
        # symbol the change adds or edits: ``cargo test`` runs them, tests that move with the code

    def touched_symbols(self) -> list[str]:
        """The product symbols the change adds or edits, benchmarks' aside: what a test should exercise."""
        e = self.e
        return [f.symbol for f in e.facts if f.kind in ("symbol_modified", "signature_changed", "symbol_added")
                and e.in_product(f) and not _benchmark(f.path)]

    # --- risks and recommendations --------------------------------------------------------

    def add(self, risk_key: str, rec: str | None, **kw) -> None:
        """A risk; and a recommendation when it asks something else than the risk's mitigation."""
        w = self.w
        self.risks.append(Risk(risk=w.t(f"r_{risk_key}", **kw), impact=w.t(f"r_{risk_key}_impact", **kw),
                               mitigation=w.t(f"r_{risk_key}_mitigation", **kw)))
        if rec:
            self.recs.append(w.t(rec, **kw))

    def removed_split(self) -> tuple[list[str], list[str], list[str]]:
        """Public symbols removed (not moved): the callables and types whose every import or call breaks, the data
        members (a field, an interface's property) that break only the code setting or reading them, and of those
        the optional ones (``cache?: boolean`` in an options interface: calls that leave it out are unaffected)."""
        e = self.e
        # a helper retired with its last caller (``retired_helper``) breaks no user: not said as a removal
        # nor is a JS class's ``constructor()`` of no parameters: the default constructor takes its place, nor a
        # Python 2 alias whose Python 3 counterpart stays
        removed = [f for f in e.of("symbol_removed") if e.is_public(f) and not e.moved(f) and not retired_helper(e, f)
                   and not e.default_constructor(f) and not py2_alias(e, f)
                   and not (f.text or "").endswith(", overrides")  # the base's method stays callable
                   and not e.unreleased(f)]  # the day's earlier change added it: no release had it
        patches = {f.path: f.patch or "" for f in e.files}
        members = [f for f in removed if f.text in _MEMBERS and "." in (f.symbol or "")]

        def optional(f: Fact) -> bool:
            name = re.escape((f.symbol or "").rsplit(".", 1)[-1])
            return bool(re.search(rf"^-\s*(?:readonly\s+)?{name}\?\s*:", patches.get(f.path, ""), re.MULTILINE))

        return ([f.symbol for f in removed if not any(f is m for m in members)],
                [f.symbol for f in members if not optional(f)], [f.symbol for f in members if optional(f)])

    def removed_variants(self) -> list[str]:
        """``Enum::Variant`` of each variant a public enum loses (``variants_removed``)."""
        out = []
        for f in self.e.variants_removed:
            for part in noticed_parts(f):
                if part.startswith("variants removed "):
                    out += [f"{f.symbol}::{name}" for name in part.removeprefix("variants removed ").split(", ") if name]
        return out

    def api_paths(self) -> list[str]:
        """API and schema definition files changed where no fact names what changed in them: those whose change
        callers notice (``api_changes``), not source code under an API-like directory whose facts see only function
        bodies rewritten (``uvicorn/protocols/http/h11_impl.py``: a value inside a method)."""
        named = {f.path for f in self.e.api_breaks + self.e.config}
        # a type stub or a public-API dump (binary-compatibility-validator's ``api/x.api``) that only gains lines
        # declares new names beside the old ones: no client has to change
        named |= {path for path in self.e.interfaces_appended if path.endswith(_STUBS) or path.endswith(".api")}
        # a ``.proto`` that only gains lines (a field under a new number, a message, an rpc) is read by clients built
        # against the old one as before: protobuf skips fields it does not know; not a ``required`` field added
        patches = {f.path: f.patch or "" for f in self.e.files}
        named |= {path for path in self.e.interfaces_appended
                  if path.endswith(".proto") and not _PROTO_REQUIRED.search(patches.get(path, ""))}
        noticed = set(self.e.api_changes)
        # a default the file documents given another value (``const Image = ...`` under "Image is the default for
        # the Config.Image field"): the summary says it as a default changed, old -> new, not as a schema change
        constants = {}
        for name, *_, path, _ in self.e.constants_changed:
            constants.setdefault(path, set()).add(name)
        named |= {f.path for f in self.e.behaviour if f.path in constants and constants_only(f, constants[f.path])}
        # a definition file the change brings in (a new ``.proto``) has no clients built against it yet: what it
        # declares is new, said by the summary, no compatibility to check
        return [f.path for f in self.e.behaviour if f.path in noticed and f.path not in named and f.status != "added"]

    def api_named(self, limit: int = R.MAX_LISTED) -> str:
        """The API files by path, each with the first line its patch removes (else adds): what in the definitions
        changed, not only where (an API dump's ``public final fun getForeignKeys``), so that one dump changed by a day's
        several commits is said of each in its own words."""
        w, patches = self.w, {f.path: f.patch for f in self.e.files}
        paths = self.api_paths()
        items = []
        for path in paths[:limit]:
            line = first_changed_line(patches.get(path))
            items.append(code(path, R.MAX_PATH) + (f" ({line[0]} {code_line(line[1], _API_LINE)})" if line else ""))
        text = w.p["sep"].join(items)
        return w.t("more", items=text, n=len(paths) - limit, total=len(paths)) if len(paths) > limit else text

    @property
    def config_breaks(self) -> list[Fact]:
        return [] if self.stamp else self.e.config_breaks

    def deploy_paths(self) -> list[str]:
        if self.stamp:
            return []
        return [f.path for f in self.e.behaviour if "deploy" in self.e.classes[f.path]]

    def deploy_subject(self) -> str:
        """What of the deployment files changes: the keys the facts name in them (a day of values.yaml changes reads
        as the keys each one touches), else the files."""
        paths = self.deploy_paths()
        keys = [f.symbol for f in self.e.config if f.path in paths and f.symbol]
        if not keys:
            return self.w.names(paths, 3)
        return self.w.t("deploy_keys", keys=self.w.names(keys, 3), paths=self.w.names(paths, 2))

    def breaking_what(self) -> str:
        match = R.BREAKING_BODY_RE.search(self.e.commit.body)
        text = self.e.commit.body[match.end():].split("\n\n")[0] if match else ""
        text = re.split(r"\n\s*[-*+]\s", text)[0]  # a marked list item ends where the next item (or sub-item) opens
        title = re.sub(r"\s*\(#\d+\)\s*$", "", R.PREFIX_RE.sub("", self.e.title, count=1))  # the number says no more
        if text.strip():
            return code(text.strip(), R.MAX_LINE)
        # a title alone ("Update common helm release to v2") is the same in each chart's commit: say whose it is
        folder = posixpath.commonpath([posixpath.dirname(f.path) for f in self.e.files]) if self.e.files else ""
        # a top-level folder (``src``) says nothing; a package's own folder (``charts/app``) says which package
        return of_folder(self.w, code(title, R.MAX_LINE), folder + "/" if folder.count("/") >= 1 else "")

    def derive(self) -> tuple[list[Risk], list[str]]:
        e, w = self.e, self.w
        if e.breaking_marker:
            subject = breaking_subject(w)
            self.add("breaking_named" if subject else "breaking", "rec_breaking", what=self.breaking_what(),
                     subject=subject)
        if self.api_paths():
            self.add("api", "rec_api", paths=self.api_named(3))
        self.broken_signatures()
        removed, members, optional = self.removed_split()
        expired = marked_deprecated([f for f in e.files if "test" not in e.classes.get(f.path, set())], removed, "-")
        if expired:  # "Deprecate it for a release first" of a function its removed lines say was deprecated
            self.add("removed_expired", "rec_removed", names=w.symbols(expired))
        if rest := [name for name in removed if name not in expired]:
            self.add("removed", "rec_removed", names=w.symbols(rest))
        if members or optional:
            self.add("members_removed", "rec_removed", names=w.symbols(members + optional))
        if variants := self.removed_variants():
            self.add("variants_removed" + _one(variants), "rec_removed", names=w.symbols(variants))
        if modules := [name for names in w.modules_gone().values() for name in names]:
            self.add("modules_gone", "rec_removed", names=w.names(modules))
        # one risk per change: a key changed alike in several files (a label in each CRD) is one risk
        changes = {(f.symbol, f.before, f.after): f for f in self.config_breaks if f.kind == "config_value_changed"}
        for fact in list(changes.values())[:2]:
            self.add("config", "rec_config", change=w.config_change(fact), key=code(fact.symbol))
        gone = [f for f in self.config_breaks if f.kind == "config_key_removed"]
        for path in list(dict.fromkeys(f.path for f in gone))[:2]:
            self.add("config_removed", "rec_config_removed", path=code(path, R.MAX_PATH),
                     keys=w.names([f.symbol for f in gone if f.path == path]))
        for fact in e.security_signals[:2]:
            if e.classes.get(fact.path, set()) & {"ci"}:
                self.ci_signal(fact)
            else:
                self.add("security", "rec_security", text=code(fact.text or fact.symbol or "", 100),
                         path=code(fact.path, R.MAX_PATH))
        for path, sec in list(e.ci_security.items())[:2]:
            if sec.widened:
                # "push commits, publish releases or edit issues" is what ``contents``, ``issues`` or a whole
                # ``write-all`` let the token do; ``code-quality: write`` lets it upload results, no more
                broad = any(":" in k or k.rsplit(".", 1)[-1] in _BROAD_SCOPES for k in sec.widened)
                self.add("ci_widened" if broad else "ci_scoped", None, path=code(path, R.MAX_PATH),
                         keys=w.names(sec.widened))
        for facts, before, after in major_groups(e.major_bumps)[:2]:
            plural = "_pl" if len(facts) > 1 else ""
            self.add("major" + plural, "rec_major" + plural, old=code(before), new=code(after),
                     name=of_folder(w, w.names([f.symbol for f in facts]), facts[0].path))
        gone = w.folder_removed()
        if gone:  # nothing left to roll out, test or review in parts: what relied on the folder is the risk
            self.add("folder_removed", None, path=code(gone[0], R.MAX_PATH), n=gone[1], lines=gone[2])
            return self.risks, list(dict.fromkeys(self.recs))
        if self.deploy_paths():
            # an opt-in change renders nothing new until an operator turns it on: no rollout to watch
            self.add("deploy_opt_in" if e.opt_in else "deploy", None if e.opt_in else "rec_deploy",
                     paths=self.deploy_subject())
        if self.untested():
            # the impact says where and how much, not the symbols the risk and mitigation already name
            where = w.sizes([f.path for f in self.untested_files()])
            self.add("no_tests_fix" if w.change_type == "fix" else "no_tests", None, what=self.untested_what(),
                     where=where)
        # the tests of a symbol removed with them (``test_random_triad`` of ``random_triad``), and those of its
        # deprecation warning when it was deprecated, go with it: what they checked is gone on purpose
        gone = [name.rsplit(".", 1)[-1].lower() for name in removed]
        removed_tests = [f.symbol for f in e.of("test_removed")
                         if not any(len(name) > 3 and name in (f.symbol or "").lower() for name in gone)
                         and not (expired and "deprecat" in (f.symbol or "").lower())]
        if removed_tests and not e.of("test_added"):
            one = _one(list(dict.fromkeys(removed_tests)))
            self.add("tests_removed" + one, "rec_tests_removed" + one, names=w.names(removed_tests))
        loops = self_calls(e.behaviour)
        if loops:  # a function whose one statement calls itself as it was called: a call never returns
            self.add("self_call" + _one([symbol for _, symbol, _ in loops]), None,
                     symbols=w.names([symbol for _, symbol, _ in loops]), call=code(loops[0][2], R.MAX_LINE))
        for path, key, written in yaml_float_versions(e.files)[:1]:
            self.add("yaml_float", None, key=code(key), written=code(written), path=code(path, R.MAX_PATH),
                     read=code(str(float(written))), quoted=code(f'"{written}"'))
        if e.is_large and not reformatted(e):  # a formatter's run is checked by running it again, not read
            self.large()
        # a revert of documentation or upkeep files only (a README link put back) takes no behaviour away
        if w.change_type == "revert" and (e.behaviour or e.config or e.dependencies):
            # the revert's own pull request (``Revert #3349 (#3375)``) is not what it takes back
            what = _OWN_PULL.sub("", R.REVERT_TITLE_RE.sub("", e.title).strip())
            what = clip(what.strip().strip('"“”\''), R.MAX_TITLE)
            self.add("revert", "rec_revert", what=code(what or e.title, R.MAX_TITLE))
        return self.risks, list(dict.fromkeys(self.recs))

    def ci_signal(self, fact: Fact) -> None:
        """A workflow's security signal: the secrets and token at stake, and the fix for its kind of signal."""
        w, text, path = self.w, code(fact.text or "", 100), code(fact.path, R.MAX_PATH)
        kind = (fact.text or "").split(": ", 1)[0]
        fix = _CI_FIXES.get(kind, "ci_fix_other")
        self.add("ci_signal", None, text=text, path=path, fix=w.t(fix, text=text, path=path),
                 harm=w.t(fix.replace("fix", "harm"), path=path))

    def broken_signatures(self) -> None:
        """One risk for every breaking signature change (the compatibility insight says how each group changes).

        It names the parameters calls lose when there are some, and asks for the new name where one was renamed.
        """
        w = self.w
        broken = [name for symbols, breaking, _ in w.signature_groups() if breaking for name in symbols]
        if not broken:
            return
        renamed, lost = w.broken_params()
        if not lost:
            self.add("break", "rec_break", symbol=w.symbols(broken))
            return
        self.add("break_lost", None, symbol=w.symbols(broken), params=w.names(lost))
        for old, new in renamed[:2]:
            self.recs.append(w.t("rec_break_renamed", old=code(old), new=code(new)))

    def untested_what(self) -> str:
        e, w = self.e, self.w
        symbols = self.touched_symbols()
        if symbols:
            return w.symbols(symbols, 3)
        edited = values_edited(e.behaviour)  # the module-level values the summary names when no symbol is
        if edited:
            return w.symbols(edited, 3)
        macros = macros_changed(e.behaviour)  # C's ``#define SSL_ctrl (...)``: what the change adds, by name
        if macros:
            return w.symbols(macros, 3)
        return w.names([f.path for f in self.untested_files()], 2)

    def untested_files(self) -> list:
        """The product files a test should exercise, largest first: not a benchmark added beside the code, nor a
        file that only restamps the release (``__version_time__`` moved beside a change to ``core.py``), which no
        test runs differently."""
        e = self.e
        files = [f for f in e.behaviour if not _benchmark(f.path) and not version_numbers_only(e, [f])] or e.behaviour
        return sorted(files, key=lambda f: -f.changes)

    def large(self) -> None:
        e, w = self.e, self.w
        sizes = Counter()
        for f in e.sized:
            sizes[area_of(f.path)] += f.changes
        areas = [a for a, _ in sizes.most_common()]
        if not areas:
            return
        rest = w.names(areas[1:], 3, wrap=False) if len(areas) > 1 else w.names(areas[:1], 1, wrap=False)
        self.add("large", None, lines=e.sized_lines, n=len(e.sized), areas=w.names(areas, 4, wrap=False),
                 first=clip(areas[0], R.MAX_PATH), rest=rest)
