"""Which public API a commit adds, removes, widens or changes in place, by each language's convention of public."""

from __future__ import annotations

import re
from functools import cached_property

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.helpers import retired_helper
from analysis.analyzers.heuristic.api.js_modules import (
    JS_MODULE,
    first_published,
    internal_imports,
    module_key,
    plumbing_export,
)
from analysis.analyzers.heuristic.api.made_public import made_public_here
from analysis.analyzers.heuristic.api.nullness import nullness_dropped
from analysis.analyzers.heuristic.api.options import option_words
from analysis.analyzers.heuristic.api.py2_aliases import py2_alias
from analysis.analyzers.heuristic.api.struct_fields import (
    SETTINGS_STRUCT,
    go_struct_hints,
    private_fields_renamed,
    public_fields_added,
)
from analysis.analyzers.heuristic.code.behaviour.new_option_throws import new_names, throws_for_new_options
from analysis.analyzers.heuristic.code.behaviour.rethrows import rethrows_only
from analysis.analyzers.heuristic.code.behaviour.unreachable_throws import unreachable_throws_only
from analysis.analyzers.heuristic.code.perf import CPP_SOURCES
from analysis.analyzers.heuristic.noticed import CONTRACT_PARTS, base_change, hierarchy_reshaped, noticed_parts
from analysis.analyzers.signatures import SignatureDelta, compare, return_type
from analysis.models import Fact

#: TypeScript sources and declaration files
_TS_SOURCES = (".ts", ".tsx", ".mts", ".cts")
#: kinds of symbol users call or construct (a new one is new public API)
_CALLABLE = {"function", "method", "class", "struct", "enum", "trait"}

#: how the diff analyzer writes a defaulted type parameter a function gains (see ``analysis.facts``)
_TYPE_PARAMETER_ADDED = "type parameter added "
#: public functions (and no type) a new file may hold and still be helpers of an addition made elsewhere
_HELPER_FUNCTIONS = 2
#: and lines at most (a 213-line ``signalfd.c`` of two entry points is a new backend, a module of its own)
_HELPER_LINES = 60


class ApiSurface:
    """The public symbols a commit touches (mixed into ``Evidence``, whose facts and path classes it reads)."""

    def is_public(self, fact: Fact) -> bool:
        if not self.in_product(fact):
            return False
        if fact.public is not None:
            return (fact.public and "/internal/" not in f"/{fact.path}"
                    and not plumbing_export(fact.path, fact.symbol or "", self.js_imports))
        name = (fact.symbol or "").split(".")[-1]
        return bool(name) and not name.startswith("_")

    @cached_property
    def signature_deltas(self) -> list[tuple[Fact, SignatureDelta]]:
        """Public signatures changed, less a command's callback that only gains the parameters of the options the
        same file adds (click's ``@click.option("--no-config")`` and its ``no_config`` parameter): the framework
        passes them, no caller does; the new option is said as one. Nor a definition the change makes public
        (``fn changes() -> usize`` -> ``pub fn changes() -> u64``): no caller outside had it."""
        pairs = [(f, compare(f.before, f.after, f.path, f.symbol or "")) for f in self.of("signature_changed")
                 if self.is_public(f) and not made_public_here(f, self.files)]
        return [(f, d) for f, d in pairs if not self._gains_options_only(f, d)]

    def _gains_options_only(self, fact: Fact, delta: SignatureDelta) -> bool:
        if not delta.parsed or not delta.added or delta.removed or delta.defaults or delta.unwritten or delta.retyped \
                or delta.returns or delta.keyword_only or delta.positional_only:
            return False
        words = option_words(f for f in self.files if f.path == fact.path)
        return all((fact.path, param.name) in words for param in delta.added)

    @cached_property
    def defaults_changed(self) -> list[tuple[Fact, SignatureDelta]]:
        """Public signatures whose only caller-visible change is a parameter's default replaced (same type): calls
        compile as before, those leaving the parameter out get another value."""
        return [(f, d) for f, d in self.signature_deltas if not d.breaking
                and any(old is not None and new is not None for _, old, new in d.defaults)]

    @cached_property
    def returns_changed(self) -> list[Fact]:
        """Public signatures whose return type is replaced (not merely written down for the first time)."""
        return [f for f, _ in self.signature_deltas if return_type(f.before or "") and return_type(f.after or "")
                and return_type(f.before or "") != return_type(f.after or "")]

    @cached_property
    def api_breaks(self) -> list[Fact]:
        """Public symbols removed, or whose signature changed in a way callers notice. A method that overrode its
        trait's or base's (``impl SmartDisplay for T { fn fmt_with_metadata }``) removed is not: callers reach the
        trait's default or the base's method under the same name. Nor is a Python 2 alias whose Python 3 counterpart
        stays (``next`` beside ``__next__``)."""
        removed = [f for f in self.of("symbol_removed") if self.is_public(f) and not self.moved(f)
                   and not self.inherited(f) and not (f.text or "").endswith(", overrides")
                   and not self.unpublished(f) and not retired_helper(self, f) and not self.default_constructor(f)
                   and not py2_alias(self, f) and not self.unreleased(f)]
        return removed + [f for f, delta in self.signature_deltas if delta.breaking and not self.unreleased(f)] \
            + [f for f in self.reach_changes("no longer") if not self.unreleased(f)]

    def unreleased(self, fact: Fact) -> str | None:
        """The short SHA of the same day's earlier change that added the symbol, when one did: no release has had
        it. The symbol itself, not the type it is a member of: a type "added" earlier may be an old one split or
        renamed (swr's ``Configuration`` into ``PublicConfiguration``), its members released long before."""
        return self.added_earlier.get(fact.symbol or "")

    @cached_property
    def unreleased_reworked(self) -> list[Fact]:
        """Public symbols an earlier change of the same day added that this one removes, reshapes or hides again:
        no release had them, no user breaks."""
        return [f for f in self.of("symbol_removed", "signature_changed", "symbol_modified")
                if self.unreleased(f) and self.is_public(f)
                and (f.kind != "symbol_modified" or "no longer public" in noticed_parts(f))]

    def default_constructor(self, fact: Fact) -> bool:
        """A JS/TS class's ``constructor()`` of no parameters removed while the class stays (its assignments made
        class fields): the language gives every class that default constructor, ``new Ruler()`` works as before; nor
        is a subclass's constructor that only handed its parameters on to ``super(..)`` (the facts mark it an
        override): ``new X(a, b)`` reaches the base's constructor with the same arguments."""
        owner, _, member = (fact.symbol or "").rpartition(".")
        return (member == "constructor" and bool(owner) and JS_MODULE.search(fact.path) is not None
                and ("".join((fact.before or "").split()) == "()" or (fact.text or "").endswith(", overrides"))
                and not any(f.symbol == owner and f.path == fact.path for f in self.of("symbol_removed")))

    def unpublished(self, fact: Fact) -> bool:
        """A JS/TS module's export whose module the commit is the first to re-export from another module: the
        package did not publish it before (renamed on its way out, no user could import the old name)."""
        return JS_MODULE.search(fact.path) is not None and module_key(fact.path) in self.js_first_published

    @cached_property
    def js_first_published(self) -> set[str]:
        return first_published(self.files)

    def reach_changes(self, how: str) -> list[Fact]:
        """Symbols whose own reach changed, ``how`` "now" (made public: new API) or "no longer" (callers lose it)."""
        return [f for f in self.of("symbol_modified") if self.in_product(f) and f"{how} public" in noticed_parts(f)
                and not plumbing_export(f.path, f.symbol or "", self.js_imports)]

    def arrived(self, fact: Fact) -> bool:
        """The symbol is added here and removed under the same name from another file of the commit: it moved in
        (the twin of ``moved``), nothing new for callers."""
        name = _last_name(fact.symbol)
        return fact.kind == "symbol_added" and any(f.path != fact.path and _last_name(f.symbol) == name
                                                   and not _rehomed(f, fact) for f in self.of("symbol_removed"))

    @cached_property
    def js_imports(self) -> set[tuple[str, str]]:
        """Names the commit's JS/TS modules import from each other (their exports are module plumbing)."""
        return internal_imports(self.files)

    @cached_property
    def api_widened(self) -> list[Fact]:
        """Symbols made public (a Java method given ``public``): API callers did not have."""
        return [f for f in self.reach_changes("now") if self.is_public(f)]

    def inherited(self, fact: Fact) -> bool:
        """A TypeScript interface's property removed while the interface newly ``extends`` a base (``interface
        BubbleDataPoint extends Point``): its members come from the base, objects and callers type-check as before."""
        owner, _, member = (fact.symbol or "").rpartition(".")
        if fact.text != "property" or not member or not fact.path.endswith(_TS_SOURCES):
            return False
        header = re.compile(rf"\binterface\s+{re.escape(owner.split('.')[-1])}\b[^{{]*\bextends\b")
        patch = next((f.patch for f in self.files if f.path == fact.path), "") or ""
        lines = patch.splitlines()
        return (any(ln.startswith("+") and header.search(ln) for ln in lines)
                and not any(ln.startswith("-") and header.search(ln) for ln in lines))

    def moved(self, fact: Fact) -> bool:
        """The symbol is added under the same name in another file of the commit: it moved (a C/C++ definition
        removed from a source file whose header now defines it in place, the same tokens, moved too). Names compare
        by their last part after ``.`` or ``::``: a C/C++ macro read inside a namespace block of one header is the same
        macro defined at the top of another (a macro has no namespace)."""
        name = _last_name(fact.symbol)
        return (any(f.path != fact.path and _last_name(f.symbol) == name and not _rehomed(fact, f)
                    for f in self.of("symbol_added"))
                or (fact.path.lower().endswith(CPP_SOURCES) and self.inlined_only))

    @cached_property
    def api_added(self) -> list[Fact]:
        """Public symbols new to callers: not a method overriding its base's (callers had it through the base),
        nor a class the commit slots in as the new base of existing ones (a hierarchy reshaped)."""
        based = {new for f, parts in self.base_changes for new in parts[1]}
        return [f for f in self.of("symbol_added") if self.is_public(f) and not (f.text or "").endswith(", overrides")
                and "deprecated" not in noticed_parts(f)
                and not ((f.text or "") == "class" and (f.symbol or "").split(".")[-1] in based)]

    @cached_property
    def api_deprecated(self) -> list[Fact]:
        """Public symbols whose doc comment gains a deprecation tag (JSDoc ``@deprecated``), or that arrive deprecated
        (a wrapper left where callers still reach the old path)."""
        return [f for f in self.of("symbol_added", "symbol_modified") if self.is_public(f)
                and "deprecated" in noticed_parts(f)]

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
        generic = [f for facts in self.type_parameters_added.values() for f in facts]
        return added + widened + [f for f, delta in self.signature_deltas if delta.added and not delta.breaking] \
            + generic

    @cached_property
    def type_parameters_added(self) -> dict[tuple[str, str], list[Fact]]:
        """Public functions that gain a type parameter with a default (``getQuery<T extends Q = Q>``), by (name,
        default): opt-in, calls written without type arguments type as before."""
        out: dict[tuple[str, str], list[Fact]] = {}
        for fact in self.of("symbol_modified"):
            for part in noticed_parts(fact) if self.is_public(fact) else []:
                if part.startswith(_TYPE_PARAMETER_ADDED) and " = " in part:
                    name, default = part.removeprefix(_TYPE_PARAMETER_ADDED).split(" = ", 1)
                    out.setdefault((name, default), []).append(fact)
        return out

    @cached_property
    def headline_api(self) -> list[Fact]:
        """New public API in a product file the commit creates (a renderer's ``render/pdf.go``, a ``finder.go``): a
        new module of public API, not an option or method added beside existing ones."""
        created = {f.path for f in self.behaviour if f.status == "added"}
        new = [f for f in self.api_extended if f.path in created]
        beside = [f for f in self.api_extended if f.path not in created]
        if not beside:
            return new
        # beside API added to existing files (zerolog's ``Event.StrsV``), a new file of a helper function or two and
        # no type (``globals_118.go``'s ``AsStringers``) serves that addition: no new module of its own
        small = {f.path for f in self.behaviour if f.status == "added" and f.additions <= _HELPER_LINES}
        helpers = {path for path in created & small
                   if len(of := [f for f in new if f.path == path]) <= _HELPER_FUNCTIONS
                   and all(f.text == "function" for f in of)}
        return [f for f in new if f.path not in helpers]

    @cached_property
    def experimental_api(self) -> list[Fact]:
        """New public API its authors name as without a stability promise (``ExperimentalFinder``)."""
        return [f for f in self.api_extended if R.EXPERIMENTAL_NAME.search(f.symbol or "")]

    @cached_property
    def contract_changes(self) -> list[tuple[Fact, list[str]]]:
        """Public symbols changed in place in a way callers notice, with what the diff analyzer wrote of it:
        a base class replaced (by one this commit does not define: that is a hierarchy reshaped), an enum's
        members reordered, more throw statements (not an error caught and thrown again, nor one that turns away only
        a misuse of options the change adds, nor one its comment says is never reached), fields renamed (not one
        private name for another), field defaults changed."""
        defined = {(f.symbol or "").split(".")[-1] for f in self.of("symbol_added")}
        introduced = new_names(f.patch for f in self.behaviour)
        rethrown = {f.path for f in self.behaviour
                    if rethrows_only(f.patch) or throws_for_new_options(f.patch, introduced)
                    or unreachable_throws_only(f.patch)}  # a panic its comment says no call reaches
        out = []
        for fact in self.of("symbol_modified"):
            if not self.is_public(fact):
                continue
            parts = [part for part in noticed_parts(fact)
                     if part.startswith(CONTRACT_PARTS) and not hierarchy_reshaped(part, defined)
                     and not private_fields_renamed(fact.path, part)
                     and not (part.startswith("throw statements ") and fact.path in rethrown)]
            if parts:
                out.append((fact, parts))
        return out

    @cached_property
    def variants_removed(self) -> list[Fact]:
        """Public enums that lose a variant: code that names it (constructs or matches it) no longer compiles, as
        with a public symbol removed (a variant added is read as new API, not here)."""
        return [f for f in self.of("symbol_modified") if self.is_public(f) and self.in_product(f)
                and any(part.startswith("variants removed ") for part in noticed_parts(f))]

    @cached_property
    def nullness_dropped(self) -> list[tuple[str, str]]:
        """(method, parameter) of public Java parameters that lose their ``@Nullable``: null no longer accepted."""
        return nullness_dropped(self.behaviour, self.facts, self.is_public)

    @cached_property
    def fields_added(self) -> list[tuple[str, str, str]]:
        """(path, struct, field) of public fields added to a public Go or Rust struct: new API users can set (the
        struct's own fact says whether it is public by the facts' rules: not under ``internal/``, not ``main``); a
        settings struct's new field is an opt-in option, not counted here."""
        public = {(f.path, (f.symbol or "").split(".")[-1]) for f in self.of("symbol_modified", "symbol_added")
                  if self.is_public(f) and (f.text or "").startswith("struct")}
        return [(path, struct, name) for path, struct, name in public_fields_added(self.behaviour, go_struct_hints(self.facts))
                if (path, struct) in public and not SETTINGS_STRUCT.search(struct)]


def _last_name(symbol: str | None) -> str:
    """A symbol's own name, without the classes, modules or namespaces it is written under (``a.b``, ``ns::b``)."""
    return re.split(r"\.|::", symbol or "")[-1]


def _owner(symbol: str | None) -> str:
    return "::".join(re.split(r"\.|::", symbol or "")[:-1])


def _rehomed(removed: Fact, added: Fact) -> bool:
    """A method taken from one class into another that calls differently (``YargsInstance.isDefaulted(key)`` ->
    ``CommandInstance.isDefaulted(yargs, key)``): callers of the old owner's method lose it, so it did not move
    for them. A method pulled up into a base keeps its signature (callers reach it through the base), and a
    function moved between modules has no owner to change."""
    old, new = _owner(removed.symbol), _owner(added.symbol)
    return (bool(old) and bool(new) and old != new and bool(removed.before) and bool(added.after)
            and "".join((removed.before or "").split()) != "".join((added.after or "").split()))
