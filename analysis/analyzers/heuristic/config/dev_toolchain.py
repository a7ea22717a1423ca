"""A repository's pinned developer toolchain: Hermit's ``bin/`` directory, where every tool the maintainers and CI
run (``bin/go``, ``bin/golangci-lint``) is a link to a ``bin/.<package>-<version>.pkg`` stub that Hermit installs
on first use. Nothing there is built into or installed with the product; it is tooling, like ``tools/go.mod``."""

from __future__ import annotations

import re

#: Hermit's own files (``bin/hermit``, ``bin/hermit.hcl``, ``bin/activate-hermit``) and its package stubs
#: (``bin/.go-1.21.5.pkg``)
_HERMIT_FILE = re.compile(r"(^|/)bin/(hermit(\.hcl)?|activate-hermit(\.fish)?|\.[\w.+-]+-[\w.+-]+\.pkg)$")
#: what a tool's link in ``bin/`` holds: the stub it points at (``.go-1.21.5.pkg``)
_STUB_LINK = re.compile(r"^\.[\w.+-]+-[\w.+-]+\.pkg$")


def hermit_file(path: str, patch: str | None) -> bool:
    """``path`` is Hermit's own file or package stub, or a tool's link in ``bin/`` whose every line the change
    adds or removes names a package stub (a symlink's diff holds its target)."""
    if _HERMIT_FILE.search(path):
        return True
    if not re.search(r"(^|/)bin/[^/]+$", path) or not patch:
        return False
    changed = [ln[1:].strip() for ln in patch.splitlines()
               if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    return bool(changed) and all(_STUB_LINK.match(ln) for ln in changed if ln)
