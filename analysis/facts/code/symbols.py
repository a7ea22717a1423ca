"""Symbols of a file before and after a commit, compared: added, removed, modified, signatures changed."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from analysis.facts.code.import_names import imported_names, resolved, rust_imported_names
from analysis.facts.code.object_patterns import pattern_fields, split_top_level
from analysis.facts.code.positional import renames_only
from analysis.facts.code.rules import base as rules
from analysis.facts.code.rules import java_c as more
from analysis.facts.code.rules.base import Symbol, _field
from analysis.facts.code.rules.cpp_namespaces import namespace_spans, private_namespace_spans
from analysis.facts.code.rules.javascript import JsCollector
from analysis.facts.code.rules.kotlin import KotlinCollector
from analysis.facts.code.rules.rust import RustCollector
from analysis.facts.code.symbol_changes import how_changed
from analysis.facts.code.syntax import doc_strings, has_errors, parse, text_of, token_hash, tokens, without_comments
from analysis.facts.languages import (
    FAMILY,
    grammar_for,
    is_header,
    is_private_module,
    is_test_path,
    unexported_location,
)
from analysis.models import Fact


@dataclass
class ParsedFile:
    """One side of a file: its tree (None when unparsable) and the symbols keyed so both sides match up."""

    family: str
    grammar: str
    tree: Any | None
    symbols: dict[str, Symbol]
    #: names defined through a macro or factory without being symbols here, and what defines them
    through: dict[str, str] = field(default_factory=dict)
    #: Python: what each imported name stands for (``Y`` of ``from m import X as Y`` -> ``m.X``)
    imports: dict[str, str] = field(default_factory=dict)


def _collector(family: str, grammar: str, path: str) -> rules.Collector:
    test_file = is_test_path(path)
    if family == "python":
        return rules.PythonCollector(path, test_file, is_private_module(path))
    if family == "rust":
        return RustCollector(path, test_file)
    if family == "go":
        return rules.GoCollector(path, test_file or path.endswith("_test.go"))
    if family == "js":
        return JsCollector(path, test_file)
    if family == "java":
        return more.JavaCollector(path, test_file)
    if family == "kotlin":
        return KotlinCollector(path, test_file)
    return more.CCollector(path, test_file, is_header(path))


#: C/C++: a line that is one upper-case macro alone (``GIT_BEGIN_DECL``, ``__BEGIN_DECLS``, ``WARNING_PUSH``,
#: ``NAMESPACE_BEGIN(ns)``) expands to what the parser cannot see through: blanked (same length), the declarations
#: after it are found on both sides, not only on the side where an ``#ifdef`` happened to steady the parse; one
#: the next line's declaration follows at once (``ATTRIBUTE_NOINLINE`` over a function) is part of it and stays
_BARE_MACRO_LINE = re.compile(r"^_*[A-Z][A-Z0-9_]*(?:\([^()\n]*\))?[ \t]*$(?=\n[ \t]*(?:$|//|/\*|#)|\Z)",
                              re.MULTILINE)
#: C/C++: an upper-case export or attribute macro before a declaration's type (``JSON_EXPORT int f(void);``,
#: ``MYLIB_API const char *g(void);``) is one the parser cannot see through: it takes the macro for the type and
#: drops the real one into an error. Blanked (same length) when a C type word or storage class follows, so the
#: return type read is the declared one, not ``JSON_EXPORT`` (also after a storage class: ``extern GLOG_EXPORT bool``)
_LEADING_DECL_MACRO = re.compile(
    r"^([ \t]*(?:(?:extern|static|inline)[ \t]+)?)(_*[A-Z][A-Z0-9_]{2,})(?=[ \t]+(?:extern|static|inline|const|volatile"
    r"|struct|enum|union|unsigned|signed"
    r"|void|char|short|int|long|float|double|bool|_Bool|size_t|ssize_t|u?int(?:8|16|32|64)_t)\b)", re.MULTILINE)


#: C/C++: the ``extern "C" {`` a header opens under ``#ifdef __cplusplus`` and the ``}`` it closes under another: each
#: brace stands alone in its ``#ifdef`` branch, and the parser, unable to pair them, can lose the whole header into one
#: error (stb_truetype.h read as 17 symbols of its 200, a ``STBTT_DEF`` function added to it not seen). Both blanked
#: (same length) when the openers and closers pair up, so the declarations between read as the C compiler sees them
_CPLUSPLUS_GUARD = r"^[ \t]*#[ \t]*if(?:def[ \t]+__cplusplus\b|[ \t]+(?:defined[ \t]*\(?[ \t]*)?__cplusplus\b)[^\n]*\n"
_LINKAGE_OPEN = re.compile(
    _CPLUSPLUS_GUARD + r'[ \t]*(extern[ \t]+"C"(?:[ \t]*(?://[^\n]*|/\*[^\n]*?\*/)?\n?)*?[ \t]*\{)', re.MULTILINE)
_LINKAGE_CLOSE = re.compile(_CPLUSPLUS_GUARD + r"[ \t]*(\})", re.MULTILINE)


def _unlink_cplusplus(text: str) -> str:
    """``text`` with the ``extern "C" {`` .. ``}`` braces under ``#ifdef __cplusplus`` blanked, when they pair up."""
    if "__cplusplus" not in text:
        return text
    opened, closed = list(_LINKAGE_OPEN.finditer(text)), list(_LINKAGE_CLOSE.finditer(text))
    if not opened or len(opened) != len(closed):
        return text
    out = list(text)
    for match in opened + closed:
        for i in range(match.start(1), match.end(1)):
            if out[i] != "\n":
                out[i] = " "
    return "".join(out)


#: C++: upper-case attribute macros between a constructor's specifiers and its name (``constexpr
#: FMT_ALWAYS_INLINE basic_format_args(...) : desc_(DESC) {}``, ``FMT_CONSTEXPR context(...)``): the parser takes
#: the macro for a return type, and when two stand there the constructor breaks, its member initialisers
#: (``desc_(DESC)``) reading as public method declarations. Blanked (same length) only before the name of a class
#: or struct the file declares, so a typedef'd return type (``DWORD GetSize(void)``) stays
_CTOR_MACROS = re.compile(r"^([ \t]*(?:(?:constexpr|inline|explicit|static|virtual|friend|_*[A-Z][A-Z0-9_]{2,})"
                          r"[ \t]+)+)((?:\w+::)*~?(\w+)[ \t]*\()", re.MULTILINE)
_CLASS_NAME = re.compile(r"\b(?:class|struct)[ \t]+(?:_*[A-Z][A-Z0-9_]{2,}[ \t]+)*(\w+)")
_MACRO_WORD = re.compile(r"\b_*[A-Z][A-Z0-9_]{2,}\b")
#: C/C++: an upper-case macro after a parameter's name (``value(unsigned val FMT_BUILTIN)``, an argument the macro
#: may append): the parser reads the macro as the name and the name into the type (``FMT_BUILTIN: unsigned val``).
#: Blanked when a type and a name precede it; a C type keyword before it is the type, the macro word the name
_TRAILING_PARAM_MACRO = re.compile(
    r"(?<=[\w*&>])[ \t]+(?!(?:const|volatile|unsigned|signed|short|int|long|char|float|double|bool|void|auto)\b)"
    r"([A-Za-z_]\w*)([ \t]+)(_*[A-Z][A-Z0-9_]{2,})(?=[ \t]*[,)])")


#: C++: an export macro between ``class`` and the name (``class TINYXML2_LIB XMLUtil {``): without a base clause
#: after it the parser loses the class, and its static methods read as free functions of the namespace
_CLASS_MACRO = re.compile(r"\b((?:class|struct)[ \t]+)(_*[A-Z][A-Z0-9_]{2,})(?=[ \t]+\w+[ \t\r\n]*(?:final\b[ \t\r\n]*)?[:{])")


def _unmacro_class(match: re.Match[str]) -> str:
    return match.group(1) + " " * len(match.group(2))


def _unmacro_constructors(text: str) -> str:
    classes = set(_CLASS_NAME.findall(text))

    def blank(match: re.Match[str]) -> str:
        if match.group(3) not in classes:
            return match.group()
        return _MACRO_WORD.sub(_blank, match.group(1)) + match.group(2)

    return _CTOR_MACROS.sub(blank, text)


def _unmacro_parameters(text: str) -> str:
    def blank(match: re.Match[str]) -> str:
        if match.group(1).isupper():  # ``int N MACRO``? the name is upper-case too: leave
            return match.group()
        return match.group()[:match.start(3) - match.start()] + " " * len(match.group(3))

    return _TRAILING_PARAM_MACRO.sub(blank, text)


#: a ``.h`` header written in C++ (a namespace, a template, a class with a body, access labels, a qualified name
#: ``google::SiteFlag`` on a line of code): parsed as C++, not C
_CPP_HEADER = re.compile(r"^[ \t]*(?:namespace[ \t]+\w+[^;\n]*$|template[ \t]*<|(?:class|struct)[ \t]+\w+[^;()\n]*:[ \t]*"
                         r"(?:public|protected|private)\b|class[ \t]+\w+[^;()\n]*\{|(?:public|protected|private)[ \t]*:"
                         r"|(?!//|/?\*|#)[^\n]*?\b[A-Za-z_]\w*::[A-Za-z_~])",
                         re.MULTILINE)


def _grammar_of(path: str, text: str) -> str | None:
    """The grammar ``text`` of ``path`` is parsed with: a C header that reads as C++ goes to the C++ grammar."""
    grammar = grammar_for(path)
    if grammar == "c" and is_header(path) and _CPP_HEADER.search(text):
        return "cpp"
    return grammar


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _blank_second(match: re.Match[str]) -> str:
    return match.group(1) + " " * len(match.group(2))


def parse_file(path: str, text: str | None) -> ParsedFile | None:
    """``text`` of ``path`` parsed, with its symbols; None when the language is unknown or there is no text."""
    grammar = None if text is None else _grammar_of(path, text)
    if grammar is None or text is None:
        return None
    family = FAMILY[grammar]
    hidden: list[tuple[int, int]] = []
    if family == "c":
        raw = text.encode("utf-8", errors="replace")  # before the macro lines go
        hidden = more.private_macro_spans(raw) + (private_namespace_spans(raw) if grammar == "cpp" else [])
        text = _LEADING_DECL_MACRO.sub(_blank_second, _BARE_MACRO_LINE.sub(_blank, _unlink_cplusplus(text)))
        if grammar == "cpp":
            text = _unmacro_parameters(_unmacro_constructors(_CLASS_MACRO.sub(_unmacro_class, text)))
    tree = parse(text, grammar)
    if tree is None:
        return None
    collector = _collector(family, grammar, path)
    if isinstance(collector, more.CCollector):
        collector.hidden = hidden
        if grammar == "cpp":
            collector.namespaces = namespace_spans(raw)
    found = collector.collect(tree.root_node)
    if unexported_location(family, path) or (family == "go" and _go_main(tree.root_node)):
        for symbol in found:  # Go forbids importing internal/ and package main; cmd/ holds executables
            symbol.public = False
    imports = (imported_names(tree.root_node) if family == "python"
               else rust_imported_names(tree.root_node) if family == "rust" else {})
    return ParsedFile(family, grammar, tree, _keyed(found), collector.through, imports)


def _go_main(root: Any) -> bool:
    """The Go file is ``package main``: a program, which nothing can import."""
    clause = next((c for c in root.named_children if c.type == "package_clause"), None)
    return clause is not None and any(text_of(c) == "main" for c in clause.named_children)


def _params_of(symbol: Symbol) -> str:
    """The key part of an overload: its parameter types (names where a parameter has no type); a Rust trait
    method's, its trait (``fmt`` of ``impl Debug`` and of ``impl Display`` are two methods, not overloads)."""
    if symbol.trait:
        return f"[{symbol.trait}]"
    return "(" + ", ".join(p.annotation or p.name for p in symbol.params or ()) + ")"


def _keyed(found: list[Symbol]) -> dict[str, Symbol]:
    """Symbols by name; overloads (one name, several definitions) by name and parameter types."""
    params_of = _params_of
    shapes: dict[str, set[str]] = {}
    for symbol in found:
        shapes.setdefault(symbol.name, set()).add(params_of(symbol))
    keyed: dict[str, Symbol] = {}
    for symbol in found:  # one name declared twice alike (a prototype and its definition, #ifdef branches): one key
        key = symbol.name + params_of(symbol) if len(shapes[symbol.name]) > 1 else symbol.name
        kept = keyed.setdefault(key, symbol)
        if kept is not symbol and kept.node.type != "function_definition" and symbol.node.type == "function_definition":
            # a C++ member declared in its class and defined outside it (``void Graph::_erase(Node* n) {``): the
            # body is the definition's, the access the declaration's (the definition line never says ``private``)
            symbol.public = kept.public
            keyed[key] = symbol
    return keyed


def _pair_overloads(before: dict[str, Symbol], after: dict[str, Symbol]) -> dict[str, Symbol]:
    """``before`` re-keyed so that overloads of a name defined as many times on both sides pair up in order
    (a changed overload is a changed signature, not one removed and one added)."""
    def groups(side: dict[str, Symbol]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key, symbol in side.items():
            if key != symbol.name:
                out.setdefault(symbol.name, []).append(key)
        return out

    old_groups, new_groups = groups(before), groups(after)
    renamed = dict(before)
    for name, old_keys in old_groups.items():
        new_keys = new_groups.get(name, [])
        if len(new_keys) == len(old_keys) and set(new_keys) != set(old_keys):
            # an overload whose parameter types are the same on both sides is itself: only the rest pair in order
            # (one constructor added at the top and another dropped must not shift every pair one place), and a
            # pair sharing neither a parameter name nor the count is one overload gone and another come
            old_rest = [k for k in old_keys if k not in new_keys]
            new_rest = [k for k in new_keys if k not in old_keys]
            for old_key, new_key in zip(old_rest, new_rest):
                if _alike(before[old_key], after[new_key]):
                    renamed[new_key] = renamed.pop(old_key)
    return _pair_single(renamed, after)


def _alike(old: Symbol, new: Symbol) -> bool:
    """Two overloads plausibly one changed: the same number of parameters, or a parameter name in common."""
    old_params, new_params = old.params or (), new.params or ()
    return len(old_params) == len(new_params) or bool({p.name for p in old_params} & {p.name for p in new_params})


def _pair_single(before: dict[str, Symbol], after: dict[str, Symbol]) -> dict[str, Symbol]:
    """``before`` re-keyed so that a name defined once on one side and overloaded on the other (Python ``@overload``
    stubs, TS overload signatures) pairs with the definition of the same signature, else the last (the implementation)."""
    renamed = dict(before)
    for key, symbol in before.items():
        if key != symbol.name or key in after:
            continue
        group = [k for k, s in after.items() if s.name == key and k != key]
        if group:
            # the same signature, else the same parameter types (a Java ``setShow(boolean show)`` kept as
            # ``setShow(boolean useDefault)`` beside a new ``setShow(BiFunction f)``: the boolean one is the old one,
            # its parameter renamed, not replaced by the new overload), else the last
            same = ([k for k in group if after[k].signature == symbol.signature]
                    or [k for k in group if k == key + _params_of(symbol)])
            del renamed[key]
            renamed[(same or group)[-1]] = symbol
    for key, symbol in after.items():  # overloaded before, defined once after: the same pairing the other way
        if key != symbol.name or key in before:
            continue
        group = [k for k, s in before.items() if s.name == key and k != key]
        if group:
            same = ([k for k in group if before[k].signature == symbol.signature]
                    or [k for k in group if k == key + _params_of(symbol)])
            renamed[key] = renamed.pop((same or group)[-1])
    return renamed


def _overloads_changed(old: dict[str, Symbol], new: dict[str, Symbol]) -> list[tuple[Symbol, str]]:
    """Overloads added to or removed from a name that stays defined on both sides: one change per name, not a removal
    and an addition (more signatures for one callable widen its typing; callers keep working)."""
    old_names, new_names = {s.name for s in old.values()}, {s.name for s in new.values()}
    changes: list[tuple[Symbol, str]] = []
    for name in sorted(old_names & new_names):
        # (a Rust trait's method come or gone with its ``impl`` is no overload: the impl says it)
        added = [s for k, s in new.items() if s.name == name and k not in old and not s.trait]
        removed = [s for k, s in old.items() if s.name == name and k not in new and not s.trait]
        if added or removed:
            words = [f"{verb} {len(group)} overload signature{'s' if len(group) > 1 else ''}"
                     for verb, group in (("adds", added), ("removes", removed)) if group]
            changes.append(((added or removed)[0], ", ".join(words)))
    return changes


def _fingerprint(symbol: Symbol, family: str) -> str:
    return token_hash(symbol.node, frozenset(symbol.children), python=family == "python")


def comments_only(before: ParsedFile, after: ParsedFile) -> bool:
    """Both sides parse cleanly and their trees are equal once comments, docstrings and spacing are dropped."""
    if before.tree is None or after.tree is None or has_errors(before.tree) or has_errors(after.tree):
        return False
    python = before.family == "python"
    docs = doc_strings(before.tree, before.grammar), doc_strings(after.tree, after.grammar)
    quick = (without_comments(before.tree, before.grammar, docs[0]),
             without_comments(after.tree, after.grammar, docs[1]))
    if quick[0] is not None and quick[0] != quick[1]:
        return False  # code differs beyond spacing: no need to walk both trees
    old = tokens(before.tree.root_node, docs[0], python=python)
    new = tokens(after.tree.root_node, docs[1], python=python)
    return all(a == b for a, b in zip_longest(old, new))


def changed_lines_commented(before: ParsedFile, after: ParsedFile, removed: list[tuple[int, str]],
                            added: list[tuple[int, str]]) -> bool:
    """Every line a patch removes (``(number, text)``, 1-based) lies in a comment of ``before`` and every line it adds
    in a comment of ``after``, blank lines aside: comments alone changed, read where a side's tree has errors
    elsewhere and the trees cannot be compared whole (stb_image.h's release note added to the revision history a
    ``/*`` opened far above the hunk: "3 changed lines of code")."""
    if before.tree is None or after.tree is None or not (removed or added):
        return False
    if not (has_errors(before.tree) or has_errors(after.tree)):
        return False  # clean trees: ``comments_only`` compared them whole
    for tree, lines in ((before.tree, removed), (after.tree, added)):
        for number, text in lines:
            if not text.strip():
                continue
            start = len(text.encode("utf-8", errors="replace")) - len(text.lstrip().encode("utf-8", errors="replace"))
            end = len(text.rstrip().encode("utf-8", errors="replace"))
            node = tree.root_node.descendant_for_point_range((number - 1, start), (number - 1, max(start, end - 1)))
            if node is None or "comment" not in node.type:
                return False
    return True


#: module qualifiers that spell the same type (``typing.Mapping`` is ``Mapping``)
_QUALIFIER = re.compile(r"\b(?:typing_extensions|typing|collections\.abc|t)\.")
#: PEP 585 spellings of the typing aliases
_ALIASES = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "frozenset", "Type": "type"}
_ALIAS = re.compile(r"\b(" + "|".join(_ALIASES) + r")\[")


#: Rust's elided lifetime written out (``Key<'_>``, ``&'_ str``, ``Ref<'_, T>``): the same type as without it
#: PEP 727 documentation in an ``Annotated[..]`` type (``Doc("""The URL ...""")``): prose, not the type
_DOC_METADATA = re.compile(r'''\s*,\s*(?:[\w.]+\.)?Doc\(\s*(?:[rRbBuUfF]*(?:"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*)+\)''')
_ELIDED_LIFETIME = re.compile(r"<\s*'_\s*>|'_\s*,\s*|,\s*'_(?=\s*>)|(?<=&)\s*'_\s+")


def type_spelling(annotation: str | None) -> str | None:
    """``annotation`` without what only changes its spelling: spaces, ``typing.`` qualifiers, ``List`` for ``list``,
    Rust's elided lifetime spelled out (``Key<'_>`` is ``Key``), the prose of an ``Annotated`` type's ``Doc(..)``."""
    if annotation is None:
        return None
    text = _QUALIFIER.sub("", "".join(_ELIDED_LIFETIME.sub("", _DOC_METADATA.sub("", annotation)).split()))
    return _ALIAS.sub(lambda m: _ALIASES[m.group(1)] + "[", text)


def describe_signature(before: Symbol, after: Symbol, imports: tuple[dict, dict] = ({}, {})) -> str:
    """What changed between two parameter lists, in words: added, removed, renamed, defaults, return type; a type
    is compared with its imported names resolved through each side's ``imports`` (an alias renamed is no change)."""
    # a type named from inside its own namespace: ``google::SiteFlag`` in ``namespace google`` is ``SiteFlag``
    scopes = {part for name in (before.name, after.name) for part in name.split("::")[:-1] if part.isidentifier()}
    inside = re.compile(r"(?<![\w:])(?:" + "|".join(sorted(scopes)) + r")::") if scopes else None

    # Rust's ``Self`` in an ``impl Route`` is ``Route`` (``-> Route`` -> ``-> Self`` returns the same type)
    owner = after.name.rpartition("::")[0].rpartition("::")[2]
    itself = re.compile(rf"(?<![\w:])(?:{re.escape(owner)}(?:<[^<>]*>)?|Self)(?![\w:])") if owner else None

    def same_type(old_type: str | None, new_type: str | None) -> bool:
        old_type, new_type = (inside.sub("", t) if inside and t else t for t in (old_type, new_type))
        if itself and old_type and new_type and "Self" in old_type + new_type:
            old_type, new_type = (itself.sub("Self", t) for t in (old_type, new_type))
        return type_spelling(resolved(old_type, imports[0])) == type_spelling(resolved(new_type, imports[1]))

    # TS ``status?``: optional, not another name; a destructured options object, its fields
    old = {p.name.rstrip("?"): p for p in _destructured(before.params or ())}
    new = {p.name.rstrip("?"): p for p in _destructured(after.params or ())}
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    parts: list[str] = []
    # a name swapped for another at the same place in the list; one that went elsewhere (fd's ``(path_separator,
    # path)`` -> ``(path, new_path_separator)``) is a parameter dropped and another added, not a rename
    places = list(old), list(new)
    if (added and removed and len(added) == len(removed) and len(old) == len(new)
            and all(places[0].index(a) == places[1].index(b) for a, b in zip(removed, added))):
        parts += [f"renames {a} to {b}" for a, b in zip(removed, added)]
        added = removed = []
    parts += [f"adds {n}" for n in added] + [f"removes {n}" for n in removed]
    for name in (n for n in new if n in old):
        if old[name].default != new[name].default:
            parts.append(f"default of {name} {old[name].default or '(none)'} -> {new[name].default or '(none)'}")
        elif not same_type(old[name].annotation, new[name].annotation):
            parts.append(f"type of {name} {old[name].annotation or '(none)'} -> {new[name].annotation or '(none)'}")
    named, by_position = _keyword_only(after), _positional_only(after)
    parts += [f"makes {n} keyword-only" for n in named if n in old and n not in _keyword_only(before)]
    parts += [f"makes {n} positional-only" for n in by_position if n in old and n not in _positional_only(before)]
    if not parts and [n for n in old if n not in _MARKERS] != [n for n in new if n not in _MARKERS]:
        parts.append("reorders parameters")
    if not same_type(before.returns, after.returns):
        parts.append(f"return type {before.returns or '(none)'} -> {after.returns or '(none)'}")
    return "; ".join(parts)


def _destructured(params: tuple) -> list:
    """``params`` with a JS/TS destructured options object (``{ windowsPathsNoEscape = false }: Options``) read
    as its fields: one more field is an option added, not the whole pattern "renamed" to a longer one. A pattern
    whose fields do not all read plainly stays one parameter."""
    out = []
    for param in params:
        name = param.name.strip()
        if name.startswith("{") and name.endswith("}"):
            fields = pattern_fields(part.strip() for part in split_top_level(name[1:-1]) if part.strip())
            if fields is not None:
                out += [rules.Param(field_name, default=default) for field_name, default, _ in fields]
                continue
        out.append(param)
    return out


#: Python's bare markers in a parameter list: ``*`` (what follows is passed by name), ``/`` (what precedes by position)
_MARKERS = ("*", "/")


def _keyword_only(symbol: Symbol) -> list[str]:
    """The parameters after a bare ``*`` or ``*args``: callers must name them."""
    names = [p.name for p in symbol.params or ()]
    star = next((i for i, n in enumerate(names) if n.startswith("*") and not n.startswith("**")), None)
    return [] if star is None else [n for n in names[star + 1:] if not n.startswith("*")]


def _positional_only(symbol: Symbol) -> list[str]:
    """The parameters before a bare ``/``: callers must not name them."""
    names = [p.name for p in symbol.params or ()]
    return names[:names.index("/")] if "/" in names else []


def _respelled_only(before: Symbol, after: Symbol, imports: tuple[dict, dict]) -> bool:
    """The two definitions differ only in which alias names an imported name in their parameter and return types
    (``response: Response`` now ``response: SansIOResponse``, both the same imported class); the rest is unchanged."""
    if not (imports[0] or imports[1]) or before.node.text == after.node.text:
        return False
    old, new = _header_split(before.node), _header_split(after.node)
    return (old is not None and new is not None and old[0] == new[0]
            and resolved(old[1], imports[0]) == resolved(new[1], imports[1]))


def _header_split(node: Any) -> tuple[str, str] | None:
    """A Python (or Rust) function's text without its parameters and return type, and those two; None for other
    nodes."""
    function = node.child_by_field_name("definition") if node.type == "decorated_definition" else node
    if function is None or function.type not in ("function_definition", "function_item"):
        return None
    parts = [p for p in (function.child_by_field_name("parameters"), function.child_by_field_name("return_type")) if p]
    text, rest, cut = node.text, [], node.start_byte
    for part in parts:
        rest.append(text[cut - node.start_byte: part.start_byte - node.start_byte])
        cut = part.end_byte
    rest.append(text[cut - node.start_byte:])
    header = " ".join(text_of(p) for p in parts)
    return b"".join(rest).decode("utf-8", "replace"), header


def short_name(name: str) -> str:
    """``method`` of ``Class.method`` or ``Type::method``."""
    return name.split("::")[-1].split(".")[-1]


#: facts that name a symbol of a parsed file
_SYMBOL_KINDS = frozenset({"symbol_added", "symbol_removed", "symbol_modified", "signature_changed"})


def without_namespaces(facts: list[Fact], parsed: dict[str, tuple | None]) -> dict[int, Fact]:
    """For each C++ fact (by ``id``) whose symbol begins with its namespaces: the fact naming it as a reviewer
    does, ``Bignum::AssignHexString`` for ``double_conversion::Bignum::AssignHexString``. The full name pairs the
    two sides and finds moves; once that is done the namespace only lengthens every line. A short name two
    symbols of one file would share (``a::init``, ``b::init``) keeps its namespace."""
    shorter: dict[str, dict[str, str]] = {}
    for path, sides in parsed.items():
        names: dict[str, str] = {}
        for side in sides or ():
            for symbol in side.symbols.values() if side is not None else ():
                if symbol.namespace and symbol.name.startswith(symbol.namespace + "::"):
                    names[symbol.name] = symbol.name[len(symbol.namespace) + 2:]
        counts = Counter(names.values())
        shorter[path] = {full: short for full, short in names.items() if counts[short] == 1}
    everywhere = {full: short for names in shorter.values() for full, short in names.items()}
    replace: dict[int, Fact] = {}
    for fact in facts:
        names = shorter.get(fact.path, {})
        if fact.kind not in _SYMBOL_KINDS or fact.path not in shorter:
            continue
        update: dict[str, str] = {}
        if fact.symbol in names:
            update["symbol"] = names[fact.symbol]
        if fact.text and "::" in fact.text:  # "moved from ns::Old::f": the origin as the reader knows it too
            text = re.sub(r"[\w:]+::\w+", lambda m: everywhere.get(m.group(), m.group()), fact.text)
            if text != fact.text:
                update["text"] = text
        if update:
            replace[id(fact)] = fact.model_copy(update=update)
    return replace


def _reach(previous: Symbol, symbol: Symbol, old: dict, new: dict, family: str = "") -> str | None:
    """"now public" / "no longer public" when the symbol's own reach changed (a Java method made ``public``); a member
    whose type changed reach follows its type and says nothing of its own. A Rust ``pub`` item only hidden from the
    documentation (``#[doc(hidden)]`` added to rusqlite's deprecated ``Statement::execute_named``) is no longer
    documented, not out of reach: every caller still compiles, so no reach change is said. Nor is one said of a C/C++
    ``#define``: whether it is for includers is guessed from how often its header uses it, and a header that starts
    (or stops) using its own ``MI_GiB`` leaves every includer able to expand it as before."""
    if family == "c" and symbol.kind == "macro" and previous.kind == "macro":
        return None
    was_public = previous.public and not previous.default_only  # ``export default x``: not importable as ``x``
    now_public = symbol.public and not symbol.default_only
    if was_public == now_public or (was_public and symbol.doc_hidden):
        return None
    owner = symbol.name[: len(symbol.name) - len(short_name(symbol.name))].rstrip(".:")
    if owner:
        was = next((s for s in old.values() if s.name == owner), None)
        now = next((s for s in new.values() if s.name == owner), None)
        if was is None or now is None or was.public != now.public:
            return None
    return "now public" if now_public else "no longer public"


def _deprecation(previous: Symbol, symbol: Symbol) -> str | None:
    """"deprecated" when the symbol's doc comment gains a deprecation tag (JSDoc ``@deprecated``)."""
    return "deprecated" if symbol.deprecated and not previous.deprecated else None


def _via(symbol: Symbol, family: str) -> str | None:
    """What defines ``symbol`` when not a plain definition: a macro invocation or factory; C's ``#define``."""
    return symbol.via or ("#define" if family == "c" and symbol.kind == "macro" else None)


def _inside(name: str, containers: set[str]) -> bool:
    """``name`` is a member of one of ``containers`` (a class added whole is one fact, not one per method)."""
    return any(name.startswith(c + sep) for c in containers for sep in (".", "::"))


def _c_base_clause(symbol: Symbol | None) -> str:
    """The ``: public std::vector<T>`` of a C++ class or struct symbol ("" when it derives from nothing)."""
    node = symbol.node if symbol is not None else None
    if node is not None and node.type not in ("class_specifier", "struct_specifier"):
        node = _field(node, "type")
    clause = next((c for c in node.named_children if c.type == "base_class_clause"), None) if node is not None else None
    return " ".join(text_of(clause).split()) if clause is not None else ""


def _c_still_there(symbol: Symbol, old: dict[str, Symbol], new: dict[str, Symbol]) -> bool:
    """A C++ member no longer declared in its class but not gone for callers: a user-declared destructor (the
    compiler supplies one), or a member of a class that now derives from a base it did not (``class Graph : public
    std::vector<...>`` in place of its own ``size()``/``begin()``): the base may provide it, so it is not "removed"."""
    owner, sep, member = symbol.name.rpartition("::")
    if not sep or owner not in new or owner not in old:
        return False
    if member == "~" + short_name(owner):
        return True
    clause = _c_base_clause(new[owner])
    return bool(clause) and clause != _c_base_clause(old[owner])


#: the types a TypeScript type names before its own body: ``Base & {`` of ``type Options = Base & {``, the
#: ``extends Base, Other`` of an interface
_TS_HEAD = re.compile(r"^[^{=]*(?:=|\bextends\b)([^{]*)\{", re.DOTALL)


def _js_still_there(symbol: Symbol, new: dict[str, Symbol]) -> bool:
    """A TypeScript member no longer written in its type but still part of it: the type now intersects or extends
    a type that declares it (``concurrency`` moved from ``Options`` to ``BaseOptions``, and ``Options = BaseOptions
    & {...}``): code setting ``Options.concurrency`` compiles as before, so it is not "removed"."""
    owner, sep, member = symbol.name.rpartition(".")
    if not sep or owner not in new or new[owner].node is None:
        return False
    head = _TS_HEAD.match(text_of(new[owner].node))
    if head is None:
        return False
    return any(f"{base}.{member}" in new for base in re.findall(r"[A-Za-z_$][\w$]*", head.group(1)))


def _c_lost_to_the_parser(symbol: Symbol, after: ParsedFile | None) -> bool:
    """A C/C++ function the other side's parse lost, not one the commit removed (or added): that side's text fails
    to parse and still holds its declarator word for word (``explicit value(Args&&... args)`` under a constraint
    macro whose call now spans lines, ``TOML_HIDDEN_CONSTRAINT(\n (..), typename... Args)``, where the parser gave
    up; ``after`` is the side the symbol is missing from)."""
    if after is None or after.tree is None or not has_errors(after.tree) or symbol.kind not in ("function", "method"):
        return False
    node = symbol.node
    while node is not None and node.type != "function_declarator":
        node = _field(node, "declarator")
    if node is None:
        return False
    declarator = " ".join(text_of(node).split())
    return len(declarator) > len(short_name(symbol.name)) + 2 and declarator in " ".join(
        (after.tree.root_node.text or b"").decode("utf-8", errors="replace").split())


def _names_of_a_body_only(before: Symbol, after: Symbol, change: str) -> bool:
    """C++: the parameters named in a definition with a body (``Graph::Graph(Graph&& other) : ... {}``) and unnamed
    in the bodiless declaration on the other side (``Graph(Graph&&) = default;``): the body needed the names, callers
    see the same call. Two declarations differing in a name stay a signature change (a header's own edit)."""
    parts = change.split("; ") if change else []
    if not parts or not all(p.startswith("renames ") and (p.endswith(" to _") or p.startswith("renames _ ")) for p in parts):
        return False
    named, unnamed = (before, after) if parts[0].endswith(" to _") else (after, before)
    return _field(named.node, "body") is not None and _field(unnamed.node, "body") is None


def symbol_facts(path: str, before: ParsedFile | None, after: ParsedFile | None) -> list[Fact]:
    """Facts for the product symbols of one file (tests are reported by ``testfuncs``), in file order."""
    new = after.symbols if after else {}
    old = _pair_overloads(before.symbols, new) if before else {}
    family = (after or before).family
    imports = (before.imports if before else {}, after.imports if after else {})
    facts: list[tuple[int, Fact]] = []
    overloaded = {s.name for s in old.values()} & {s.name for s in new.values()}
    for symbol, how in _overloads_changed(old, new):
        if not symbol.is_test:
            facts.append((symbol.line, Fact(kind="symbol_modified", path=path, symbol=symbol.name,
                                            public=symbol.public, text=f"{symbol.kind}, {how}")))
    added = {s.name for k, s in new.items() if k not in old} - overloaded
    removed = {s.name for k, s in old.items() if k not in new} - overloaded
    for key, symbol in new.items():
        if symbol.is_test or _inside(symbol.name, added) or (key not in old and symbol.name in overloaded):
            continue
        if key not in old:
            if family == "c" and _c_lost_to_the_parser(symbol, before):
                continue  # the old side held it too, where its parse gave up
            kind = f"{symbol.kind}, overrides" if symbol.overrides else symbol.kind
            facts.append((symbol.line, Fact(kind="symbol_added", path=path, symbol=symbol.name, public=symbol.public,
                                            after=symbol.signature,
                                            text=f"{kind}, deprecated" if symbol.deprecated else kind)))
            continue
        previous = old[key]
        if previous.is_test:
            continue
        if symbol.params is not None and previous.params is not None and (
                previous.signature != symbol.signature):
            change = describe_signature(previous, symbol, imports)
            if family == "c" and _names_of_a_body_only(previous, symbol, change):
                change = ""
            elif family == "c" and not is_header(path) and change and all(
                    p.startswith("default of ") and p.endswith("-> (none)") for p in change.split("; ")):
                change = ""  # C++ says a default once, in the header's declaration callers see: a source file's
                # definition dropping it (a header-only function split into a declaration and a .cpp) changes no call
            elif renames_only(family, previous.params, symbol.params, change):
                change = ""  # callers pass arguments by position alone: a parameter renamed is no caller's concern
            if change:
                facts.append((symbol.line, Fact(kind="signature_changed", path=path, symbol=symbol.name,
                                                public=symbol.public or previous.public,
                                                before=previous.signature, after=symbol.signature, text=change)))
                continue
        was, now = _via(previous, family), _via(symbol, family)
        if was != now:
            how = f"now defined through {now}" if now else f"no longer defined through {was}"
            kind = previous.kind if now == "#define" else symbol.kind
            facts.append((symbol.line, Fact(kind="symbol_modified", path=path, symbol=symbol.name,
                                            public=symbol.public or previous.public, text=f"{kind}, {how}")))
        elif _respelled_only(previous, symbol, imports):
            continue
        elif previous.node.text != symbol.node.text and _fingerprint(previous, family) != _fingerprint(symbol, family):
            noticed = "; ".join(filter(None, [_reach(previous, symbol, old, new, family),
                                              *how_changed(previous, symbol, family), _deprecation(previous, symbol)]))
            facts.append((symbol.line, Fact(kind="symbol_modified", path=path, symbol=symbol.name,
                                            public=symbol.public or previous.public,
                                            text=f"{symbol.kind}, {noticed}" if noticed else symbol.kind)))
        elif _reach(previous, symbol, old, new, family) or _deprecation(previous, symbol):
            noticed = "; ".join(filter(None, [_reach(previous, symbol, old, new, family), _deprecation(previous, symbol)]))
            facts.append((symbol.line, Fact(kind="symbol_modified", path=path, symbol=symbol.name,
                                            public=symbol.public or previous.public, text=f"{symbol.kind}, {noticed}")))
    removed_at = after.tree.root_node.end_point[0] + 2 if after and after.tree else 0
    through = dict(after.through) if after else {}
    through.update({s.name: s.via for s in new.values() if s.via})
    for key, symbol in old.items():
        # members of a type now defined through a macro are the macro's to generate: not removed as far as we see
        if symbol.name in overloaded and key not in new:
            continue
        if key not in new and not symbol.is_test and not _inside(symbol.name, removed | set(through)):
            if family == "c" and (_c_still_there(symbol, old, new) or _c_lost_to_the_parser(symbol, after)):
                continue
            if family == "js" and _js_still_there(symbol, new):
                continue
            via = through.get(symbol.name) or through.get(short_name(symbol.name))
            # (a function's name a C macro defines may expand to anything; a CommonJS export bound to a call, as
            # ``remove: u(rimraf)``, still answers to the name)
            if via and (symbol.kind not in ("function", "method") or family == "js"):
                facts.append((removed_at + symbol.line, Fact(kind="symbol_modified", path=path, symbol=symbol.name,
                                                             public=symbol.public,
                                                             text=f"{symbol.kind}, now defined through {via}")))
                continue
            # a trait's or base class's method no longer overridden: callers reach the inherited one ("method,
            # overrides", as when one is added)
            kind = f"{symbol.kind}, overrides" if symbol.overrides else symbol.kind
            facts.append((removed_at + symbol.line, Fact(kind="symbol_removed", path=path, symbol=symbol.name,
                                                         public=symbol.public, before=symbol.signature,
                                                         text=kind)))
    facts.sort(key=lambda pair: pair[0])
    return [fact for _, fact in facts]
