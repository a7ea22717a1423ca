"""pip-compile's frozen requirements: a pin the resolver chose for a package others require (``# via jupyterhub``),
not one the project asked for (``# via -r requirements.in``)."""

from __future__ import annotations

import re

#: a pin the hunks add (``+packaging==24.0``, ``+pyjwt[crypto]==2.8.0``)
_PIN = re.compile(r"^\+(?P<name>[A-Za-z0-9][\w.-]*)(\[[^\]]*\])?\s*==")
#: pip-compile's annotation under a pin: ``    # via jupyterhub`` or ``    # via`` with one requirer a line below
_VIA = re.compile(r"^[ +-]\s*#\s*via\b\s*(?P<rest>.*)$")
_VIA_MORE = re.compile(r"^[ +-]\s*#\s{2,}(?P<rest>\S.*)$")
#: a hash continuation line of a pin (``    --hash=sha256:...``)
_HASH = re.compile(r"^[ +-]\s*--hash=")


def _normal(name: str) -> str:
    """A package's name as pip compares it (PEP 503: case and runs of ``-_.`` alike), extras left out."""
    return re.sub(r"[-_.]+", "-", name.split("[", 1)[0]).lower()


def transitive_pins(patch: str | None) -> set[str]:
    """The packages a frozen requirements file's hunks pin anew whose annotation names only other packages as
    requiring them, no ``-r``/``-c`` input file: versions the resolver picked for dependencies of dependencies when
    the file was compiled again, as a lock file records them."""
    lines = (patch or "").splitlines()
    out = set()
    for i, line in enumerate(lines):
        pin = _PIN.match(line)
        if not pin:
            continue
        j = i + 1
        while j < len(lines) and _HASH.match(lines[j]):
            j += 1
        via = _VIA.match(lines[j]) if j < len(lines) else None
        if not via:
            continue
        requirers = [via.group("rest").strip()] if via.group("rest").strip() else []
        j += 1
        while j < len(lines) and (more := _VIA_MORE.match(lines[j])):
            requirers.append(more.group("rest").strip())
            j += 1
        if requirers and not any(r.startswith(("-r", "-c")) for r in requirers):
            out.add(_normal(pin.group("name")))
    return out


def resolver_chosen(symbol: str | None, patch: str | None) -> bool:
    """``symbol``'s new pin in ``patch`` is one pip-compile chose for another package's sake."""
    return bool(symbol) and _normal(symbol or "") in transitive_pins(patch)
