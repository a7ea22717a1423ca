"""An explicit abort in product code replaced by a returned error: Rust's ``unimplemented!()``/``todo!()``/``panic!()``
or Go's ``panic(...)`` taken out of a hunk that now returns ``Err(..)`` (Rust) or an error value (Go) instead.

The abort was a path the program could reach (a placeholder left for input the author had not handled yet, "TODO:
don't panic"); whoever reached it brought the task or process down. Now the same case gets an error the caller handles:
a crash mended, whatever the title calls it ("reset stream if invalid content-length received", "change huffman
unimplemented to return Err"). Not ``unreachable!()``: it marks a path the author holds is never taken, and replacing it
mends nothing that happened; nor a hunk that adds a panic of its own (the abort reworded or moved, still an abort).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines, hunk_blocks
from analysis.models import FileChange

#: Rust's aborting macros (not ``unreachable!``: a path the author says is never taken)
_RUST_ABORT = re.compile(r"\b(unimplemented|todo|panic)!\s*[(\[{]")
#: Rust handing an error back: ``Err(..)`` as a value, returned or not
_RUST_ERROR = re.compile(r"\bErr\s*\(")
#: Go's ``panic(...)`` statement
_GO_ABORT = re.compile(r"^\s*panic\s*\(")
#: Go returning an error value: ``return err``, ``return nil, fmt.Errorf(..)``, ``return ErrTooBig``
_GO_ERROR = re.compile(r"^\s*return\b.*(\berr\w*\b|\berrors\.New\(|\bfmt\.Errorf\(|\bErr[A-Z]\w*)")


def _product(path: str) -> bool:
    lowered = path.lower()
    return not (lowered.endswith("_test.go") or any(part in ("tests", "test", "benches", "examples", "testing")
                                                    for part in lowered.split("/")[:-1]))


def aborts_made_errors(files: Iterable[FileChange]) -> list[str]:
    """The product files (Rust, Go) where a hunk takes out an abort and returns an error instead, adding no abort."""
    out = []
    for f in files:
        if not f.patch or not _product(f.path):
            continue
        if f.path.endswith(".rs"):
            abort, error = _RUST_ABORT, _RUST_ERROR
        elif f.path.endswith(".go"):
            abort, error = _GO_ABORT, _GO_ERROR
        else:
            continue
        for removed, added in (changed_lines(block, strip=False) for block in hunk_blocks(f.patch)):
            code_removed = [line for line in removed if not line.lstrip().startswith("//")]
            code_added = [line for line in added if not line.lstrip().startswith("//")]
            if (any(abort.search(line) for line in code_removed) and any(error.search(line) for line in code_added)
                    and not any(abort.search(line) for line in code_added)):
                out.append(f.path)
                break
    return out
