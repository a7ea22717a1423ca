"""Public-API dumps (Kotlin's binary-compatibility-validator ``api/<module>.api``, ``.klib.api``): records, not sources.

A dump lists the public API the module's sources declare, written by a tool and checked in so that a pull request
shows its API changes. Beside changed sources it is the API's change as callers see it (read as an API file). Alone
it only records what earlier changes did, and a dump the commit creates records the API as it already was: in both
cases nothing a client builds against changes here, so the file is generated, not an API definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: ``<module>/api/<module>.api``, ``api/jvm/x.api``, ``api/x.klib.api``
_DUMP = re.compile(r"(?:^|/)api/(?:[\w.-]+/)?[\w.-]+\.api$")
#: what the dump does not record: docs, tests, builds, CI (their changes leave a dump "alone")
_ASIDE = {"doc", "test", "example", "ci", "tooling", "build", "lock", "generated"}


def is_api_dump(path: str) -> bool:
    return _DUMP.search(path) is not None


def recorded_only(files: Iterable[FileChange], classes: dict[str, set[str]]) -> list[str]:
    """The API dumps of ``files`` that only record: created by this change, or changed with no source beside them."""
    files = list(files)
    dumps = [f for f in files if is_api_dump(f.path)]
    sources = [f for f in files if not is_api_dump(f.path) and not classes.get(f.path, set()) & _ASIDE]
    return [f.path for f in dumps if f.status == "added" or not sources]
