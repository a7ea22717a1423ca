"""JavaScript/TypeScript modules that share names inside their package: an export another module of the same commit
imports by a relative path is module plumbing, not the package's public API (which its entry point reaches)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from analysis.facts.languages import is_test_path
from analysis.models import FileChange

JS_MODULE = re.compile(r"\.(m|c)?[jt]sx?$")
#: a package's entry point by convention (``index.js``, ``main.ts``, ``mod.ts``): what ``main``/``exports`` name
_ENTRY = re.compile(r"^(index|main|mod)\.(m|c)?[jt]sx?$")
_IMPORT_FROM = re.compile(r"\bimport\s+(?:type\s+)?\{(?P<names>[^}]*)\}\s*from\s*['\"](?P<spec>\.{1,2}/[^'\"]+)['\"]")
_REQUIRE = re.compile(r"\{(?P<names>[^}]*)\}\s*=\s*require\(\s*['\"](?P<spec>\.{1,2}/[^'\"]+)['\"]\s*\)")
#: ``import name from './m'``: a module's default export, named at the import as it is (by convention) at home
_IMPORT_DEFAULT = re.compile(r"\bimport\s+(?!type\b)(?P<names>[A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\})?\s*from\s*"
                             r"['\"](?P<spec>\.{1,2}/[^'\"]+)['\"]")
#: an entry point's re-export (``export {NetworkError} from './errors/NetworkError.js'``, ``export * from './x'``):
#: the package publishes those names, whoever else imports them
_EXPORT_FROM = re.compile(r"\bexport\s+(?:type\s+)?(?:\{(?P<names>[^}]*)\}|(?P<star>\*))\s*from\s*"
                          r"['\"](?P<spec>\.{1,2}/[^'\"]+)['\"]")


#: a call by name (``fixCJSExportTypePlugin(ctx)``, or with its ``this`` given: ``getSchemaRefs.call(this, schema)``),
#: not a method's (``x.f(``) nor a definition's
_CALL = re.compile(r"(?<![\w$.])(?P<name>[A-Za-z_$][\w$]*)\s*(?:\.\s*(?:call|apply)\s*)?\(")
#: a name the module defines itself (a call of it is no use of a sibling's export)
_DEFINES = re.compile(r"\b(?:function\*?|const|let|var|class)\s+(?P<name>[A-Za-z_$][\w$]*)")
_CALLED = "call:"
_STAR = "star:"


def module_key(path: str) -> str:
    """A module's path without its extension (``lib/stdio/input.js`` -> ``lib/stdio/input``)."""
    return JS_MODULE.sub("", posixpath.normpath(path))


def _post_image(patch: str | None) -> str:
    """The lines the hunks show of the file after the commit, joined (an import may span lines)."""
    return "\n".join(ln[1:] for ln in (patch or "").splitlines() if ln[:1] in (" ", "+") and not ln.startswith("+++"))


def _pre_image(patch: str | None) -> str:
    """The lines the hunks show of the file before the commit, joined."""
    return "\n".join(ln[1:] for ln in (patch or "").splitlines() if ln[:1] in (" ", "-") and not ln.startswith("---"))


def internal_imports(files: Iterable[FileChange]) -> set[tuple[str, str]]:
    """(module key, name) pairs that changed JS/TS modules import from sibling modules by a relative path, less those
    an entry point of the commit re-exports (``export {X} from './x.js'`` in ``index.ts``: published, not plumbing).
    Both sides of the hunks are read: an import the commit removes with the export it took (xstate's ``flatten`` of
    ``utils.ts``, dropped from ``import { flatten, matchesState } from './utils.ts'``) was plumbing before it.
    A test importing a module is no sign (``test/esm/helpers.mjs`` imports the package's ``helpers/helpers.mjs`` as its
    users do)."""
    out: set[tuple[str, str]] = set()
    published: set[tuple[str, str]] = set()
    for change in files:
        if not JS_MODULE.search(change.path) or change.path.endswith(".d.ts") or is_test_path(change.path):
            continue
        entry = bool(_ENTRY.match(posixpath.basename(change.path)))
        for text in (_post_image(change.patch), _pre_image(change.patch)):
            for match in (*_IMPORT_FROM.finditer(text), *_REQUIRE.finditer(text), *_IMPORT_DEFAULT.finditer(text),
                          *(_EXPORT_FROM.finditer(text) if entry else ())):
                target = module_key(posixpath.join(posixpath.dirname(change.path), match.group("spec")))
                reexport = match.re is _EXPORT_FROM
                if reexport and match.group("star"):
                    published.add((target, "*"))
                    continue
                for name in match.group("names").split(","):
                    name = name.strip().removeprefix("type ").split(" as ")[0].split(":")[0].strip()
                    if name:
                        (published if reexport else out).add((target, name))
            # the names it calls that it does not define: imported, from a sibling or a dependency
            defined = {m.group("name") for m in _DEFINES.finditer(text)}
            out |= {(_CALLED + posixpath.dirname(posixpath.normpath(change.path)), m.group("name"))
                    for m in _CALL.finditer(text) if m.group("name") not in defined}
    kept = {(target, name) for target, name in out
            if (target, name) not in published and (target, "*") not in published}
    named = {name for _, name in published}
    return {(t, n) for t, n in kept if not (t.startswith(_CALLED) and n in named)} | \
        {(_STAR + target, name) for target, name in published if name == "*"}


def first_published(files: Iterable[FileChange]) -> set[str]:
    """Modules (keys) another module of the commit newly re-exports by name (``export type { TextPromptOptions }
    from "./prompt"`` added to the package's shared entry) where no line the hunks show before the commit re-exported
    or imported them: until this commit the package did not publish them, so names their exports lose on the way
    (renamed before their first release) were never users' API."""
    before: set[str] = set()
    after: set[str] = set()
    for change in files:
        if not JS_MODULE.search(change.path) or change.path.endswith(".d.ts"):
            continue
        here = posixpath.dirname(change.path)
        old = _pre_image(change.patch)
        for match in (*_EXPORT_FROM.finditer(old), *_IMPORT_FROM.finditer(old)):
            before.add(module_key(posixpath.join(here, match.group("spec"))))
        for match in _EXPORT_FROM.finditer(_post_image(change.patch)):
            if not match.group("star"):
                after.add(module_key(posixpath.join(here, match.group("spec"))))
    return after - before


def plumbing_export(path: str, symbol: str, imports: set[tuple[str, str]]) -> bool:
    """An exported function of a JS/TS module that is not an entry point, imported by another module the commit
    changes, or called by name from a module the commit changes in a folder above its own (``fixCJSExportTypePlugin``
    of ``builders/rollup/plugins/cjs.ts``, called in ``builders/rollup/build.ts``; a module calling one beside it,
    a CLI calling its package's ``build``, is no sign): it is shared inside the package."""
    if not JS_MODULE.search(path) or path.endswith(".d.ts") or _ENTRY.match(posixpath.basename(path)):
        return False
    key, name = module_key(path), symbol.split(".")[0]
    if (key, name) in imports:
        return True
    home = posixpath.dirname(posixpath.normpath(path))
    return (_STAR + key, "*") not in imports and any(
        target.startswith(_CALLED) and called == name and home.startswith(target.removeprefix(_CALLED) + "/")
        for target, called in imports)
