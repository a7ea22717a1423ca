"""What a signature change does to callers: parameters gained, lost, renamed or given new defaults.

Signatures come as the diff analyzer wrote them (``def f(a, b=1)``, ``func F(a int) error``,
``class P(enum.Enum)``); the parameter list is the text inside the first parentheses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from analysis.facts.code.hunk_symbols import arrow_head, operator_equals
from analysis.facts.code.object_patterns import pattern_fields

_OPEN, _CLOSE = "([{<", ")]}>"
_NAME = re.compile(r"[A-Za-z_$][\w$.]*")
#: languages that write the type before the name (``int count``)
_TYPE_FIRST = (".java", ".c", ".h", ".cc", ".cpp", ".hpp", ".hh", ".cs")
#: languages whose callers pass arguments by position only: a parameter renamed in place breaks no call (not
#: Python, Kotlin, Swift or C#, whose callers may name them)
_POSITIONAL = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".go", ".rs", ".java", ".c", ".h", ".cc",
               ".cpp", ".hpp", ".hh")
_C_FAMILY = (".c", ".h", ".cc", ".cpp", ".hpp", ".hh", ".cxx", ".hxx")
#: a ``const`` qualifying what a pointer or reference points at (``const T *p``, ``T const &r``), not the
#: parameter's own copy (``T *const p``, a by-value ``const int n``): the part of a C/C++ type callers pass through
_POINTEE_CONST = re.compile(r"\bconst\b(?=[^*&]*[*&])")


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None = None
    optional: bool = False  # has a default, or is variadic / optional by syntax
    text: str = ""
    #: Python: after a bare ``*`` or ``*args`` (callers must name it), or before ``/`` (callers must not)
    keyword_only: bool = False
    positional_only: bool = False


@dataclass
class SignatureDelta:
    """Parameters gained and lost, defaults changed, and whether callers can break."""

    added: list[Param] = field(default_factory=list)
    removed: list[Param] = field(default_factory=list)
    defaults: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    #: parameters still optional whose default left the signature (``status = 302`` -> ``status?``)
    unwritten: list[tuple[str, str]] = field(default_factory=list)
    #: a parameter whose default changed is also written with another type (callers may pass other values)
    default_retyped: bool = False
    retyped: bool = False  # same names and defaults; only annotations or the return type differ
    #: with ``retyped``: (old, new) texts of the parameters whose annotation differs
    retypes: list[tuple[str, str]] = field(default_factory=list)
    #: (old, new) return types when they differ
    returns: tuple[str, str] | None = None
    parsed: bool = True
    #: Python parameters callers passed by position that must now be named (a ``*`` moved before them), and
    #: parameters callers named that must now be passed by position (a ``/`` moved after them)
    keyword_only: list[str] = field(default_factory=list)
    positional_only: list[str] = field(default_factory=list)
    #: C/C++ parameters whose pointed-to ``const`` was dropped (``const T *`` -> ``T *``): a caller's const object
    #: no longer converts (a diagnostic in C, an error in C++)
    const_dropped: list[str] = field(default_factory=list)
    #: a Rust method's receiver asking more of its callers: (old, new), ``&self`` -> ``&mut self`` or ``self``
    receiver_narrowed: tuple[str, str] | None = None
    #: a positional parameter renamed with its type (``Class<?> rawType`` -> ``Type type``): said as retyped, and
    #: breaking as a parameter lost would be
    slot_retyped: bool = False

    @property
    def breaking(self) -> bool:
        """Callers written against the old signature may fail or behave differently."""
        if not self.parsed:
            return True
        # a default gained or changed leaves every call that compiled before valid; one dropped makes it required
        dropped_default = any(old is not None and new is None for _, old, new in self.defaults)
        return bool(self.removed or dropped_default or self.default_retyped or any(not p.optional for p in self.added)
                    or self.keyword_only or self.positional_only or self.const_dropped or self.receiver_narrowed
                    or self.slot_retyped)


def _split_top(text: str, sep: str = ",") -> list[str]:
    """``text`` split at ``sep`` outside brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote and text[i - 1] != "\\":
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and not arrow_head(text, i):
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0 and not (sep == "=" and operator_equals(text, i)):
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def param_text(signature: str) -> str | None:
    """The text inside the first balanced parentheses, or None."""
    start = signature.find("(")
    if start < 0:
        return None
    depth = 0
    for i in range(start, len(signature)):
        if signature[i] == "(":
            depth += 1
        elif signature[i] == ")":
            depth -= 1
            if depth == 0:
                return signature[start + 1:i]
    return None


#: the colon of a type annotation (``name: str``), not C++'s or Rust's ``::`` scope operator
_ANNOTATION_COLON = re.compile(r"(?<!:):(?!:)")
_ANNOTATED_RECEIVER = re.compile(r"^(?:self|cls|this)\s*:(?!:)")


#: a method's receiver: left out of the parameters callers pass, but only as the first parameter (``register(classname,
#: cls)`` takes ``cls`` from its callers)
_RECEIVERS = ("self", "cls", "this", "&self", "&mut self", "mut self")


def _param(text: str, path: str, first: bool = True) -> Param | None:
    default = None
    head = text
    pieces = _split_top(text, "=")
    if len(pieces) > 1 and not text.lstrip().startswith("="):
        head, default = pieces[0], "=".join(pieces[1:]).strip()
    variadic = head.lstrip().startswith("*") or "..." in head
    optional = default is not None or variadic or "?" in head.split(":")[0]
    head = head.strip().lstrip("*&").strip()
    if head in ("", "/") or (first and (head in _RECEIVERS or _ANNOTATED_RECEIVER.match(head))):
        return None  # ``self: "Schema"`` too: an annotated receiver is still the receiver
    annotated = _ANNOTATION_COLON.search(head)  # ``name: Type``; C++'s ``std::vector<bool>::reference`` is no annotation
    if annotated:
        # a C++ parameter left unnamed, as the facts write it (``&: source_location``): its type stands for its name
        name = head[: annotated.start()].strip() or head[annotated.end():].strip()
    elif path.lower().endswith(_TYPE_FIRST):
        name = head.split()[-1] if head.split() else head
    else:
        name = head.split()[0] if head.split() else head
    name = name.rstrip("?").lstrip("*&").removeprefix("mut ").strip()
    match = _NAME.search(name)
    if not match:
        return None
    return Param(name=match.group(0), default=default, optional=optional, text=" ".join(text.split()))


#: a literal default's type as an annotation would write it: a string, a number, a boolean
_LITERAL_TYPES = ((re.compile(r"""^(?:"[^"]*"|'[^']*'|`[^`$]*`)$"""), {"string", "str"}),
                  (re.compile(r"^-?\d[\d_]*(?:\.\d+)?$"), {"number", "int", "float"}),
                  (re.compile(r"^(?:true|false|True|False)$"), {"boolean", "bool"}))


def _inferred_alike(old: Param, new: Param) -> bool:
    """``base: string`` -> ``base = ""``: the annotation dropped for a literal default of that very type (the
    compiler infers it); callers pass what they passed before."""
    annotation = _head(old.text).partition(":")[2].strip()
    if old.default is not None or new.default is None or ":" in _head(new.text) or not annotation:
        return False
    return any(pattern.match(new.default.strip()) and annotation in names for pattern, names in _LITERAL_TYPES)


def _head(text: str) -> str:
    """A parameter's text without its default value (name and type)."""
    return " ".join(_split_top(text, "=")[0].split()) if text else ""


#: a Rust lifetime (``'a``, ``'static``), not a char literal (``'a'``)
_LIFETIME = re.compile(r"'[A-Za-z_]\w*\b(?!')")


def params(signature: str, path: str = "") -> list[Param] | None:
    inner = param_text(signature)
    if inner is None:
        return None
    if path.lower().endswith(".rs"):  # a lifetime (``&'a self``) is no quote: left in, it swallows what follows
        inner = _LIFETIME.sub("", inner)
    out: list[Param] = []
    python = path.lower().endswith((".py", ".pyi"))
    keyword_only = False
    for i, piece in enumerate(_split_top(inner)):
        bare = piece.split(":")[0].strip()
        if python and bare == "/":  # every parameter before it is positional-only
            out = [replace(p, positional_only=True) for p in out]
            continue
        fields = _pattern_fields(piece)
        if fields is not None:  # a destructured options object: each field is an option callers may pass
            out += fields
            continue
        param = _param(piece, path, first=i == 0)
        if param is not None:
            out.append(replace(param, keyword_only=True) if keyword_only else param)
        if python and bare.startswith("*") and not bare.startswith("**"):
            keyword_only = True  # ``*`` or ``*args``: what follows is passed by name
    return out


def _pattern_fields(piece: str) -> list[Param] | None:
    """The fields of a JS/TS destructured parameter (``{ windowsPathsNoEscape = false }: Opts = {}``), each a
    parameter of its own: an option added is one more field, not the whole pattern retyped. None for any other
    parameter, or a pattern with a field that does not read plainly (a nested pattern, ``...rest``)."""
    head = _split_top(piece, "=")[0] if not piece.lstrip().startswith("=") else piece
    head = _split_top(head, ":")[0].strip() if head.strip().startswith("{") else head.strip()
    if not (head.startswith("{") and head.endswith("}")):
        return None
    whole_default = len(_split_top(piece, "=")) > 1  # ``= {}``: callers may leave every field out
    fields = pattern_fields(_split_top(head[1:-1]))
    if fields is None:
        return None
    return [Param(name=name, default=default, optional=default is not None or whole_default,
                  text=" ".join(text.split())) for name, default, text in fields]


#: a Python special method the language calls with its arguments by position (``obj[key] = value`` calls
#: ``__setitem__(key, value)``, ``a == b`` calls ``__eq__(b)``); the constructors and ``__call__`` take keywords
_OPERATOR_DUNDER = re.compile(r"^__(?!(init|new|call|init_subclass|class_getitem|post_init)__)\w+__$")


def compare(before: str | None, after: str | None, path: str = "", symbol: str = "") -> SignatureDelta:
    """How ``after`` differs from ``before`` for a caller (``symbol``: the function's name, when known)."""
    old = params(before or "", path)
    new = params(after or "", path)
    if old is None or new is None:
        return SignatureDelta(parsed=False)
    operator = path.lower().endswith((".py", ".pyi")) and bool(_OPERATOR_DUNDER.match(symbol.rsplit(".", 1)[-1]))
    slot = None
    if path.lower().endswith(_POSITIONAL) or operator:
        named, new = new, _renamed_in_place(old, new)
        slot = next((i for i, (p, q, r) in enumerate(zip(old, named, new))
                     if p.name != q.name and r.name == p.name and r.text != p.text), None)
    old_by, new_by = {p.name: p for p in old}, {p.name: p for p in new}
    delta = SignatureDelta(added=[p for p in new if p.name not in old_by],
                           removed=[p for p in old if p.name not in new_by])
    for name, p in old_by.items():
        q = new_by.get(name)
        if q is not None and p.default != q.default:
            if q.default is None and q.optional and p.default is not None:
                delta.unwritten.append((name, p.default))  # callers may still leave it out
            else:
                delta.defaults.append((name, p.default, q.default))
                delta.default_retyped |= _head(p.text) != _head(q.text) and not _inferred_alike(p, q)
    delta.keyword_only = [n for n, p in old_by.items() if n in new_by and new_by[n].keyword_only and not p.keyword_only]
    delta.positional_only = [n for n, p in old_by.items()
                             if n in new_by and new_by[n].positional_only and not p.positional_only]
    if not (delta.added or delta.removed or delta.defaults or delta.unwritten or delta.keyword_only
            or delta.positional_only):
        delta.retyped = " ".join((before or "").split()) != " ".join((after or "").split())
        delta.retypes = [(p.text, new_by[p.name].text) for p in old if p.text != new_by[p.name].text]
        # the slot renamed with its type: another type there still fails a call passing the old one
        delta.slot_retyped = slot is not None and (old[slot].text, new[slot].text) in delta.retypes
        if path.lower().endswith(_C_FAMILY):
            delta.const_dropped = [old_text for old_text, new_text in delta.retypes
                                   if len(_POINTEE_CONST.findall(new_text)) < len(_POINTEE_CONST.findall(old_text))]
    old_ret, new_ret = return_type(before or ""), return_type(after or "")
    if old_ret != new_ret:
        delta.returns = (old_ret or "—", new_ret or "—")
    if path.lower().endswith(".rs"):
        delta.receiver_narrowed = _receiver_narrowed(before or "", after or "")
    return delta


#: a Rust receiver by what it asks of the caller: a shared borrow, an exclusive one, the value itself
_RECEIVER_DEMAND = {"&self": 0, "&mutself": 1, "self": 2, "mutself": 2}


def _receiver(signature: str) -> str | None:
    """A Rust method's receiver, lifetimes and spaces dropped (``&'a mut self`` -> ``&mutself``); None for none."""
    inner = param_text(signature)
    first = _split_top(_LIFETIME.sub("", inner))[:1] if inner else []
    text = "".join(first[0].split()) if first else ""
    return text if text in _RECEIVER_DEMAND else None


def _receiver_narrowed(before: str, after: str) -> tuple[str, str] | None:
    """``(&self)`` -> ``(&mut self)`` (or ``self``): a caller holding a shared reference (``&T``, an ``Rc``) can no
    longer call it, and an implementor's ``&self`` no longer matches the trait. A receiver asking less (``&mut self``
    -> ``&self``) still takes every call that compiled, and ``mut self`` is the same call as ``self``."""
    old, new = _receiver(before), _receiver(after)
    if old is None or new is None or _RECEIVER_DEMAND[new] <= _RECEIVER_DEMAND[old]:
        return None
    return old, new


def _unnamed(p: Param) -> str:
    """A parameter's text without its name and whitespace: its type, default and markers."""
    return "".join(re.sub(rf"(?<![\w$]){re.escape(p.name)}(?![\w$])", "", p.text, count=1).split())


def _renamed_in_place(old: list[Param], new: list[Param]) -> list[Param]:
    """``new`` with each parameter that only changed its name (same position, type and default) under its old name:
    ``(arg: QueryArg)`` -> ``(queryArgument: QueryArg)`` is the same call where arguments go by position."""
    if len(old) != len(new):
        return new
    out = [Param(name=p.name, default=q.default, optional=q.optional, text=p.text)
           if p.name != q.name and p.default == q.default and (
               _unnamed(p) == _unnamed(q) or _name_dropped(p, q) or _name_dropped(q, p)) else q
           for p, q in zip(old, new)]
    slot = _slot_retyped(old, out)
    if slot is not None:
        p, q = old[slot], out[slot]
        out[slot] = Param(name=p.name, default=q.default, optional=q.optional, text=q.text)
    return out


def _slot_retyped(old: list[Param], new: list[Param]) -> int | None:
    """The one slot whose name and type both change (Java's ``resolve(Class<?> rawType)`` -> ``resolve(Type type)``)
    where arguments go by position: callers see that slot take another type, not ``rawType`` gone and ``type``
    required, so no caller is told to "pass `type`". Two or more such slots, or a name that moves to another slot,
    are a parameter list rewritten: None."""
    if len(old) != len(new):
        return None
    moved = [i for i, (p, q) in enumerate(zip(old, new)) if p.name != q.name]
    if len(moved) != 1:
        return None
    p, q = old[moved[0]], new[moved[0]]
    if p.default != q.default or q.name in {x.name for x in old} or p.name in {x.name for x in new}:
        return None
    return moved[0]


def _name_dropped(named: Param, bare: Param) -> bool:
    """``bare`` is ``named`` written without its parameter name (C++'s ``const T& loc`` -> ``const T&``, the name
    left out so an unused parameter raises no warning): where arguments go by position, the same call. The parser
    reads a nameless parameter's type as its name, so ``bare``'s whole text is the type ``named`` keeps."""
    return _unnamed(named) == "".join(bare.text.split()) and _unnamed(named) != "".join(named.text.split())


def return_type(signature: str) -> str:
    """What follows the parameter list (``-> int``, Go's result types), normalised."""
    inner = param_text(signature)
    if inner is None:
        return ""
    tail = signature[signature.find("(") + len(inner) + 2:]
    return " ".join(tail.replace("->", " ").split()).rstrip(":{ ").strip()


#: languages whose annotations are optional and change no call: ``x`` → ``x: int``, no return type → ``-> None``
_ANNOTATED_LANGUAGES = (".py", ".pyi", ".ts", ".tsx", ".mts", ".cts")
_ANNOTATION = re.compile(r"\s*:[^=]*")


def annotated_only(delta: SignatureDelta, path: str) -> bool:
    """Every parameter kept as it was but for a type annotation added, and a return type added where none was."""
    if not path.endswith(_ANNOTATED_LANGUAGES) or delta.added or delta.removed or delta.defaults or delta.unwritten:
        return False
    if not delta.retypes and not delta.returns:
        return False
    params_kept = all("".join(_ANNOTATION.sub("", new, count=1).split()) == "".join(old.split())
                      and ":" not in old.split("=")[0] for old, new in delta.retypes)
    return params_kept and (not delta.returns or delta.returns[0] == "—")
