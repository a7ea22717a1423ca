"""A JS/TS module's export that another module of the same commit imports by a relative path is shared inside the
package, not public API; an entry point's exports (index.js) and exports nobody imports here stay public."""

from __future__ import annotations

from analysis.analyzers.heuristic.api.js_modules import internal_imports, plumbing_export
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change

HANDLE = change("lib/stdio/handle.js", ["import {handleInput} from './input.js';"],
                ["import {handleInputOption, handleInputFileOption as fileOption} from './input.js';",
                 "const {isUnknownStdioString} = require('../stdio/type');"])


def test_relative_imports_name_the_sibling_modules_exports():
    imports = internal_imports([HANDLE])
    assert ("lib/stdio/input", "handleInputOption") in imports and ("lib/stdio/input", "handleInputFileOption") in imports
    assert ("lib/stdio/type", "isUnknownStdioString") in imports
    assert plumbing_export("lib/stdio/input.js", "handleInputOption", imports)
    assert not plumbing_export("lib/stdio/index.js", "handleInputOption", {("lib/stdio/index", "handleInputOption")})
    assert not plumbing_export("lib/stdio/input.js", "execa", imports)
    assert not plumbing_export("lib/stdio/input.py", "handleInputOption", imports)


def test_an_export_made_for_a_sibling_module_or_re_signed_with_it_is_no_public_api_change():
    typed = change("lib/stdio/type.js", ["export const isUnknownStdioString = stdioOption => {"],
                   ["export const isUnknownStdioString = (type, stdioOption) => {"])
    facts = [Fact(kind="signature_changed", path=typed.path, symbol="isUnknownStdioString", public=True,
                  before="(stdioOption)", after="(type, stdioOption)", text="adds type")]
    inside = analyse("Split options to their own file", [HANDLE, typed], facts)
    alone = analyse("Split options to their own file", [typed], facts)
    assert inside.importance != "high" and alone.importance == "high"


def test_a_name_the_entry_point_re_exports_is_published_though_siblings_import_it():
    """sindresorhus/ky "Add NetworkError class" (#842): Ky.ts imports NetworkError and isNetworkError, index.ts
    re-exports both; isRawNetworkError, a default import index.ts does not re-export, is the plumbing one."""
    core = change("source/core/Ky.ts", [], ["import {NetworkError} from '../errors/NetworkError.js';",
                                            "import isRawNetworkError from '../utils/is-network-error.js';",
                                            "import {isHTTPError, isNetworkError} from '../utils/type-guards.js';"])
    index = change("source/index.ts", [], ["export {NetworkError} from './errors/NetworkError.js';",
                                           "export {", "\tisKyError,", "\tisNetworkError,",
                                           "} from './utils/type-guards.js';"])
    imports = internal_imports([core, index])
    assert not plumbing_export("source/errors/NetworkError.ts", "NetworkError", imports)
    assert not plumbing_export("source/utils/type-guards.ts", "isNetworkError", imports)
    assert plumbing_export("source/utils/is-network-error.ts", "isRawNetworkError", imports)
    everything = change("src/index.ts", [], ["export * from './utils/type-guards.js';"])
    assert not plumbing_export("source/utils/type-guards.ts", "isHTTPError",
                               internal_imports([core, everything.model_copy(update={"path": "source/index.ts"})]))
