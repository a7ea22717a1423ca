"""A package split into private modules (``pkg/_models.py``) re-exports its public names: when the project's tests
import a name from the package itself, that name's symbols are public API in the facts."""

from __future__ import annotations

from analysis.facts.code.reexports import imported_names
from tests.facts_support import facts_of

BEFORE = '''class URL:
    def __init__(self, url: str = "") -> None:
        self._uri = parse(url)

    def _helper(self) -> None:
        pass
'''
AFTER = '''class URL:
    def __init__(self, url: str = "", strict: bool = False) -> None:
        self._uri = parse(url)

    def _helper(self, x: int = 0) -> None:
        pass
'''
TEST_BEFORE = "def test_nothing():\n    assert True\n"


def _signatures(test_after: str) -> dict[str, bool]:
    facts = facts_of({"pkg/_models.py": (BEFORE, AFTER), "tests/test_url.py": (TEST_BEFORE, test_after)})
    return {f["symbol"]: f.get("public") for f in facts if f["kind"] == "signature_changed"}


def test_names_imported_from_the_package_are_public():
    test = "from pkg import URL, Client\n\n\ndef test_url():\n    assert URL('x', strict=True)\n"
    assert _signatures(test) == {"URL.__init__": True, "URL._helper": False}


def test_names_reached_through_the_package_module_are_public():
    test = "import pkg\n\n\ndef test_url():\n    assert pkg.URL('x', strict=True)\n"
    assert _signatures(test)["URL.__init__"] is True


def test_without_such_an_import_a_private_module_stays_private():
    test = "from pkg._models import URL\n\n\ndef test_url():\n    assert URL('x', strict=True)\n"
    assert _signatures(test) == {"URL.__init__": False, "URL._helper": False}


def test_imported_names_reads_parenthesised_and_aliased_imports():
    text = "from pkg import (\n    URL,\n    Client as C,\n)\nimport other\nother.Thing()\n"
    assert imported_names([text]) == {"pkg": {"URL", "Client"}, "other": {"Thing"}}
