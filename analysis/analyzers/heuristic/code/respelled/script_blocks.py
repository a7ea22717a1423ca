"""Changes confined to a Python module's ``if __name__ == "__main__":`` block: what the module does when run as a
script (a demo, a self-test), not what code importing it gets."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

#: git's function context of a hunk inside the script block (the block is the last thing at the module's top level)
_MAIN_GUARD = re.compile(r"""^if\s+__name__\s*==\s*['"]__main__['"]\s*:""")


def script_block_only(files: Iterable[FileChange]) -> bool:
    """Every changed file is Python and every hunk of it sits under its ``if __name__ == "__main__":`` block."""
    seen = False
    for f in files:
        if not f.path.endswith(".py") or not f.patch:
            return False
        hunks = parse_patch(f.path, f.patch).hunks
        if not hunks or not all(_MAIN_GUARD.match(h.header.strip()) for h in hunks):
            return False
        seen = True
    return seen
