"""TypeScript declaration files whose module export changes form: ``export = x`` written ``export default x``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: a declaration file's module export: ``export = dayjs;`` (CommonJS form), ``export default dayjs`` (ES form)
_EXPORT = re.compile(r"^export\s*(=|default\s)\s*([A-Za-z_$][\w$]*)\s*;?$")


def export_form_swapped(files: Iterable[FileChange]) -> bool:
    """A ``.d.ts`` file removes one form of its module export and adds the other for the same name: every
    TypeScript consumer's import of the package (``import x = require(...)`` or ``import x from ...``) is typed
    anew, and the form it wrote before no longer compiles."""
    for f in files:
        if not f.path.endswith((".d.ts", ".d.mts", ".d.cts")):
            continue
        removed, added = changed_lines(f.patch)
        before = {(m.group(1)[0], m.group(2)) for line in removed if (m := _EXPORT.match(line))}
        after = {(m.group(1)[0], m.group(2)) for line in added if (m := _EXPORT.match(line))}
        if any((form, name) not in after and any(n == name and g != form for g, n in after)
               for form, name in before):
            return True
    return False
