"""Lead mends of this stop, each from a real day read through ``digestbot report`` as its maintainer would."""

from analysis.analyzers.heuristic.api.private_stub_lines import private_stub_lines_only
from tests.facts_support import analysed, analysis_text

# --- a Python stub's imports and private aliases are not what it exports (attrs 2022-12-20, b9f35eb) -------------

_STUB = """from typing import Any, Callable, Optional, TypeVar

from . import Attribute

_T = TypeVar("_T")
_ValidatorType = Callable[[Any, Attribute[_T], _T], Any]
_FieldTransformer = Callable[
    [type, list[Attribute[Any]]], list[Attribute[Any]]
]

def validate(inst: Any) -> None: ...
"""
_STUB_QUOTED = """from typing import Any, Callable, TypeVar

from . import Attribute

_T = TypeVar("_T")
_ValidatorType = Callable[[Any, "Attribute[_T]", _T], Any]
_FieldTransformer = Callable[
    [type, list["Attribute[Any]"]], list["Attribute[Any]"]
]

def validate(inst: Any) -> None: ...
"""


def _patch(before: str, after: str) -> str:
    import difflib
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), "a/x.pyi", "b/x.pyi"))


def test_a_stubs_private_aliases_and_imports_are_not_its_interface():
    assert private_stub_lines_only("src/pkg/__init__.pyi", _patch(_STUB, _STUB_QUOTED))
    analysis = analysed({"src/pkg/__init__.pyi": (_STUB, _STUB_QUOTED)}, "Fix minor stub issues")
    assert analysis.importance == "medium"
    assert "API or schema definitions change" not in analysis_text(analysis)


def test_a_stubs_public_declaration_or_reexport_is_still_its_interface():
    public = _STUB.replace("def validate(inst: Any) -> None: ...", "def validate(inst: Any, strict: bool) -> None: ...")
    assert not private_stub_lines_only("src/pkg/__init__.pyi", _patch(_STUB, public))
    reexport = _STUB.replace("from . import Attribute", "from . import Attribute as Attribute")
    assert not private_stub_lines_only("src/pkg/__init__.pyi", _patch(_STUB, reexport))
    alias = _STUB.replace("_T = TypeVar", "T = TypeVar")
    assert not private_stub_lines_only("src/pkg/__init__.pyi", _patch(_STUB, alias))
    assert not private_stub_lines_only("src/pkg/__init__.py", _patch(_STUB, _STUB_QUOTED))  # not a stub
    analysis = analysed({"src/pkg/__init__.pyi": (_STUB, public)}, "Fix minor stub issues")
    assert analysis.importance == "high"
