"""Lead mends of this stop, each from a real day read through ``digestbot report`` as its maintainer would."""

from analysis.analyzers.heuristic.api.private_stub_lines import private_stub_lines_only
from analysis.analyzers.heuristic.code.behaviour.dispatch_cases import literal_cases_dropped
from tests.facts_support import analysed, analysis_text, commit_of

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


# --- a dispatch's string arms deleted: those inputs no longer recognised (viper 2024-06-24, 6e630e5) ---------------

_REGISTRY = """package viper

func (r codecRegistry) codec(format string) (Codec, bool) {
	switch strings.ToLower(format) {
	case "yaml", "yml":
		return yaml.Codec{}, true

	case "hcl", "tfvars":
		return hcl.Codec{}, true

	case "ini":
		return ini.Codec{}, true
	}

	return nil, false
}
"""
_REGISTRY_DROPPED = _REGISTRY.replace("""	case "hcl", "tfvars":
		return hcl.Codec{}, true

	case "ini":
		return ini.Codec{}, true
""", "")


def test_string_case_arms_dropped_are_said_and_a_title_naming_them_is_high():
    commit, _ = commit_of({"encoding.go": (_REGISTRY, _REGISTRY_DROPPED)})
    assert literal_cases_dropped(commit.files, commit.files) == {"encoding.go": ["hcl", "tfvars", "ini"]}
    analysis = analysed({"encoding.go": (_REGISTRY, _REGISTRY_DROPPED)}, "feat(encoding): drop HCL and INI")
    assert analysis.importance == "high"
    text = analysis_text(analysis)
    assert '`"hcl"`, `"tfvars"`, `"ini"` removed from `encoding.go`' in text
    assert 'The title drops `"hcl"`, `"ini"`' in text


def test_case_arms_moved_to_a_table_or_a_title_not_naming_them_stay_as_they_were():
    table = _REGISTRY_DROPPED.replace("package viper\n", 'package viper\n\nvar codecs = map[string]Codec{"hcl": hcl.Codec{}, '
                                      '"tfvars": hcl.Codec{}, "ini": ini.Codec{}}\n')
    commit, _ = commit_of({"encoding.go": (_REGISTRY, table)})
    assert literal_cases_dropped(commit.files, commit.files) == {}
    unnamed = analysed({"encoding.go": (_REGISTRY, _REGISTRY_DROPPED)}, "refactor: remove dead code")
    assert unnamed.importance != "high"
    assert '`"hcl"`, `"tfvars"`, `"ini"` removed from `encoding.go`' in analysis_text(unnamed)


# --- one action used at two refs, both moved to one: both old refs said (pydantic-settings 2026-03-06, 298df20) -----

def test_an_action_moved_from_two_refs_names_both():
    from analysis.analyzers.heuristic.config.ci_keys import action_moves
    from analysis.models import Fact

    def uses(job: str, before: str, after: str) -> Fact:
        return Fact(kind="config_value_changed", path=".github/workflows/ci.yml", symbol=f"jobs.{job}.steps[1].uses",
                    before=f"astral-sh/setup-uv@{before}", after=f"astral-sh/setup-uv@{after}")

    facts = [uses("lint", "v6", "v7"), uses("test", "v6", "v7"), uses("coverage", "v5", "v7")]
    assert action_moves(facts) == [("astral-sh/setup-uv", "v5, v6", "v7")]
    assert action_moves(facts[:2]) == [("astral-sh/setup-uv", "v6", "v7")]
    assert action_moves([uses("a", "v9", "v10"), uses("b", "v10", "v11")]) == [("astral-sh/setup-uv", "v9", "v10")]


# --- a version manager's pin is tooling; respelled Go that takes a newer Go as the floor (go-retryablehttp #224) ---

_READER = """package retryablehttp

import "io/ioutil"

func drain(r io.Reader) ([]byte, error) {
	return ioutil.ReadAll(r)
}
"""
_GO_MOD = "module example.com/retry\n\ngo 1.13\n"


def test_a_version_managers_pin_is_tooling_and_a_raised_go_floor_keeps_respelled_code_medium():
    from analysis.analyzers.heuristic.paths import classify_path
    assert classify_path(".go-version") == {"tooling"} and classify_path(".python-version") == {"tooling"}
    assert classify_path("version/go-version.go") != {"tooling"}
    respelled = _READER.replace('import "io/ioutil"', 'import "io"').replace("ioutil.ReadAll", "io.ReadAll")
    alone = analysed({"client.go": (_READER, respelled), ".go-version": (None, "1.22.2\n")}, "tooling: update go")
    assert alone.importance == "low"
    floor = analysed({"client.go": (_READER, respelled), ".go-version": (None, "1.22.2\n"),
                      "go.mod": (_GO_MOD, _GO_MOD.replace("go 1.13", "go 1.19"))}, "tooling: update go")
    assert floor.importance == "medium"
    assert "`go` in `go.mod` `1.13` → `1.19`" in analysis_text(floor)
