"""Lead mends of this stop, each from a real day read through ``digestbot report`` as its maintainer would."""

from analysis.analyzers.heuristic.api.private_stub_lines import private_stub_lines_only
from analysis.analyzers.heuristic.code.behaviour.dispatch_cases import literal_cases_dropped
from tests.facts_support import analysed, analysis_text, commit_of, facts_of

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


# --- git's ``struct x {`` header over macros that stand after the struct (civetweb 2018-09-19) -----------------------

def _hunk_facts(patch: str) -> list[str]:
    from datetime import datetime, timezone

    from analysis.facts import derive_facts
    from analysis.models import Commit, FileChange
    commit = Commit(sha="a" * 40, author="Ann", message="Add SSL_ctrl", committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc),
                    files=[FileChange(path="src/civetweb.c", additions=1, deletions=0, patch=patch)], details_loaded=True)
    return [f"{f.kind} {f.symbol}" for f in derive_facts(commit, None)]


def test_macros_after_a_struct_are_not_the_struct_git_names_above_them():
    macro = ("@@ -1879,6 +1879,7 @@ struct ssl_func {\n"
             " #define SSL_get_servername \\\n"
             " \t(*(const char *(*)(const SSL *, int type))ssl_sw[36].ptr)\n"
             " #define SSL_set_SSL_CTX (*(SSL_CTX * (*)(SSL *, SSL_CTX *)) ssl_sw[37].ptr)\n"
             "+#define SSL_ctrl (*(long (*)(SSL *, int, long, void *))ssl_sw[38].ptr)\n"
             " \n"
             " #define SSL_CTX_clear_options(ctx, op) \\\n"
             " \tSSL_CTX_ctrl((ctx), SSL_CTRL_CLEAR_OPTIONS, (op), NULL)\n")
    assert not [f for f in _hunk_facts(macro) if f.endswith(" ssl_func")]
    member = ("@@ -10,3 +10,4 @@ struct ssl_func {\n"
              " \tconst char *name;\n"
              " \tvoid (*ptr)(void);\n"
              "+\tint optional;\n"
              " };\n")
    assert "symbol_modified ssl_func" in _hunk_facts(member)


def test_an_untested_change_of_macros_names_the_macros_not_the_file():
    from analysis.analyzers.heuristic.code.behaviour.macros import macros_changed
    before = "#include <ssl.h>\n\n#define SSL_free (*(void (*)(SSL *))ssl_sw[0].ptr)\n\nint ssl_ready = 0;\n"
    after = before.replace("\n\nint", "\n#define SSL_ctrl (*(long (*)(SSL *, int, long, void *))ssl_sw[1].ptr)\n\nint")
    commit, _ = commit_of({"src/ssl_loader.c": (before, after)})
    assert macros_changed(commit.files) == ["SSL_ctrl"]
    rewrapped = before.replace("#define SSL_free (*(void", "#define SSL_free \\\n\t(*(void")
    commit, _ = commit_of({"src/ssl_loader.c": (before, rewrapped)})
    assert macros_changed(commit.files) == []  # a formatter's re-wrapping defines nothing anew
    analysis = analysed({"src/ssl_loader.c": (before, after)}, "Add dynamic loading for SSL_ctrl")
    assert "No test covers the change to `SSL_ctrl`" in analysis_text(analysis)
