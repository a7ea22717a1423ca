"""A renamed import alias (``Response`` now imported as ``SansIOResponse``) is no signature change."""

from analysis.facts.code.symbols import parse_file, symbol_facts

BEFORE = '''
import typing as t
if t.TYPE_CHECKING:
    from .sansio.response import Response
    from .wrappers.response import Response as WSGIResponse

class Error(Exception):
    def __init__(self, description: str | None = None, response: Response | None = None) -> None:
        self.response = response

def abort(status: int | Response) -> t.NoReturn:
    raise Error(status)
'''

AFTER = '''
import typing as t
if t.TYPE_CHECKING:
    from .sansio.response import Response as SansIOResponse
    from .wrappers.response import Response as WSGIResponse

class Error(Exception):
    def __init__(self, description: str | None = None, response: SansIOResponse | None = None) -> None:
        self.response = response

def abort(status: int | WSGIResponse) -> t.NoReturn:
    raise Error(status)
'''


def _facts(before: str, after: str):
    return symbol_facts("pkg/errors.py", parse_file("pkg/errors.py", before), parse_file("pkg/errors.py", after))


def test_an_alias_renamed_is_no_change_of_the_parameter_type():
    facts = _facts(BEFORE, AFTER)
    assert [f for f in facts if f.symbol == "Error.__init__"] == []


def test_a_name_now_bound_to_another_import_is_a_type_change():
    changed = [f for f in _facts(BEFORE, AFTER) if f.symbol == "abort"]
    assert [(f.kind, f.text) for f in changed] == [("signature_changed", "type of status int | Response -> int | WSGIResponse")]


def test_without_imports_the_text_still_decides():
    facts = _facts(BEFORE.replace("    from .sansio.response import Response\n", ""),
                   AFTER.replace("    from .sansio.response import Response as SansIOResponse\n", ""))
    assert [f.kind for f in facts if f.symbol == "Error.__init__"] == ["signature_changed"]
