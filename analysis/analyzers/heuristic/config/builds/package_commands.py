"""A package's first command-line program: the manifest declares commands where it declared none.

A library that starts shipping an executable (package.json's ``bin``, ``[project.scripts]`` or Poetry's
``[tool.poetry.scripts]`` in pyproject.toml) gives every installer a new program on their ``PATH`` (``npx dotenv
run -- cmd``): a new interface of its own, documented, tested and maintained beside the library's API, as a new module
of public API is. One more command beside existing ones, or a command's target moved, is an entry of a table that was
already there and says nothing of the kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.models import Fact

#: the manifest and the key that holds its commands, added whole
_COMMAND_TABLES = {"package.json": ("bin",), "pyproject.toml": ("project.scripts", "tool.poetry.scripts")}


def commands_declared(facts: Iterable[Fact]) -> list[Fact]:
    """The commands tables a package manifest gains whole (``bin`` added to a package.json that had none)."""
    return [f for f in facts if f.kind == "config_key_added" and f.after
            and f.symbol in _COMMAND_TABLES.get(f.path.rsplit("/", 1)[-1].lower(), ())]
