"""C and C++ lines spelt anew with the same meaning: an allocation's count and size passed apart, an integer index
or counter declared with another integer type, a function's trailing return type written before its name, a stray
empty statement dropped, a pointer passed through an extra ``(void *)`` cast to quiet a compiler's warning, a
value discarded with C++'s ``static_cast<void>(x)`` where C's ``(void)x`` was (a line's trailing comment aside)."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.code.hunks import changed_lines

_C_FILES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx")
_TOKEN = re.compile(r"\w+|->|[^\w\s]")
#: ``calloc(n * sizeof(T), 1)``: the same zeroed block as ``calloc(n, sizeof(T))`` (any ``*calloc`` wrapper)
_CALLOC_PRODUCT = re.compile(r"\b(?P<fn>\w*[cC]alloc)\(\s*(?P<count>[^,()]+?)\s*\*\s*(?P<size>sizeof\s*\([^()]*\))"
                             r"\s*,\s*1\s*\)")
#: an integer type as a declaration spells it (``unsigned int``, ``size_t``, ``int32_t``, ``long long``)
_INTEGER_TYPE = re.compile(r"\b(?:(?:unsigned|signed)\s+)?(?:(?:long\s+)?long|int|short|char)(?:\s+int)?\b|"
                           r"\b(?:unsigned|signed)\b|\b(?:s?size_t|u?int(?:8|16|32|64|ptr|max)_t|ptrdiff_t|off_t)\b")

#: a statement ended twice (``calloc(argc, sizeof(char*));;``): the second ``;`` is an empty statement
_STRAY_SEMICOLONS = re.compile(r";(\s*;)+(?=\s*(//.*|/\*.*)?$)")
#: ``auto f(int a) -> int {``: C++11's trailing return type, the same declaration as ``int f(int a) {``
_TRAILING_RETURN = re.compile(r"^(?P<lead>\s*(?:(?:inline|static|constexpr|virtual|friend|explicit)\s+)*)auto\s+"
                              r"(?P<head>[\w:~]+\s*\(.*\)\s*(?:(?:const|noexcept|override|final)\s*)*)->\s*"
                              r"(?P<type>[^{;]+?)\s*(?P<end>[{;]?)\s*$")
#: ``(const void **)(void *)&key``: a pointer cast to ``void *`` on its way to another pointer type, the same address
#: (the extra cast squashes a strict-aliasing or qualifier warning); only ``void *`` casts, a cast to another type
#: reads the pointer otherwise
_VOID_POINTER_CAST = re.compile(r"\(\s*(?:const\s+)?void\s*\*\s*\)\s*(?=[&\w(])")


#: C++'s ``static_cast<void>(x)``: the same discarded value as C's ``(void)x`` (spelt so for ``-Wold-style-cast``)
_STATIC_VOID = re.compile(r"\bstatic_cast\s*<\s*void\s*>")
_C_VOID = re.compile(r"\(\s*void\s*\)")
#: a line comment at the end of a line (none opened inside a string or a character)
_LINE_COMMENT = re.compile(r"\s*//[^\"']*$")


def _one_way(line: str, integer_types: bool) -> list[str]:
    line = _LINE_COMMENT.sub("", line)
    line = _STRAY_SEMICOLONS.sub(";", line)
    if _C_VOID.search(line) or _STATIC_VOID.search(line):  # ``((void)x)`` as ``static_cast<void>(x)``: the same
        line = _STATIC_VOID.sub(" void ", _C_VOID.sub(" void ", line)).replace("(", " ").replace(")", " ")
    line = _VOID_POINTER_CAST.sub("", line)
    line = _TRAILING_RETURN.sub(lambda m: f"{m.group('lead')}{m.group('type')} {m.group('head').rstrip()} "
                                          f"{m.group('end')}", line)
    line = _CALLOC_PRODUCT.sub(lambda m: f"{m.group('fn')}({m.group('count')}, {m.group('size')})", line)
    if integer_types:
        line = _INTEGER_TYPE.sub("INTEGER", line)
    return _TOKEN.findall(line)


def c_respelled_only(patch: str | None, path: str, integer_types: bool) -> bool:
    """Each changed line of a C or C++ file comes back in its place, indented alike and spelt otherwise, with the
    same tokens once a ``calloc``'s ``count * size, 1`` is read as ``count, size`` and (when ``integer_types``)
    every integer type as one, a trailing ``;;`` as ``;`` and a ``(void *)`` cast as none: the same statements, their allocations and their integer declarations spelt anew."""
    if not path.lower().endswith(_C_FILES):
        return False
    removed, added = changed_lines(patch, strip=False)

    def respelled(old: str, new: str) -> bool:  # a line back unchanged elsewhere is moved, not respelled
        if not old.strip() and not new.strip():
            return True  # a blank line's trailing whitespace trimmed
        indent = len(old) - len(old.lstrip()) == len(new) - len(new.lstrip())
        return indent and old != new and _one_way(old, integer_types) == _one_way(new, integer_types)
    return bool(removed) and len(removed) == len(added) and all(map(respelled, removed, added))
