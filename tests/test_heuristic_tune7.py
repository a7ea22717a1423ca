"""Rules of the eighth tuning round (issue 8, tune7), each on a small snippet in the language it reads: release
commits that bump other files' version strings, and the other general rules the sixth fresh set's misses asked for."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.code.hunks import layout_only, respelled_only
from analysis.facts import derive_facts
from analysis.models import Analysis, Commit, FileChange
from tests.facts_support import commit_of, fact, facts_of
from tests.test_heuristic_judge_rules import change

analyzer = HeuristicAnalyzer()


def judged(message: str, files: list[FileChange]) -> Analysis:
    """The analysis of a commit, facts derived from its hunks as the digest derives them."""
    commit = Commit(sha="d" * 40, author="Dev", committed_at=datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc),
                    message=message, files=files, details_loaded=True)
    return analyzer.analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit)))


def test_a_release_bumping_a_cpp_version_header_is_a_low_chore():
    header = change("include/Lib/Version.hpp", ["#define LIB_VERSION_PATCH 0", '#define LIB_VERSION "2.7.0"'],
                    ["#define LIB_VERSION_PATCH 1", '#define LIB_VERSION "2.7.1"'])
    notes = change("CHANGELOG.md", [], ["## Version 2.7.1: link fix", "", "- Fixed a crash when linking under LTO."])
    analysis = judged("chore: prepare 2.7.1 release (#1410)", [header, notes])
    assert (analysis.change_type, analysis.importance) == ("chore", "low")


def test_a_release_repinning_a_carvel_package_is_a_low_chore():
    package = change("carvel/package.yaml",
                     ['name: "example.dev.2.15.3"', 'version: "2.15.3"',
                      "image: ghcr.io/org/pkg-carvel:sha256-" + "e6" * 32 + ".imgpkg"],
                     ['name: "example.dev.2.15.4"', 'version: "2.15.4"',
                      "image: ghcr.io/org/pkg-carvel:sha256-" + "9c" * 32 + ".imgpkg"])
    analysis = judged("Release carvel 2.15.4 (#1539)", [package])
    assert (analysis.change_type, analysis.importance) == ("chore", "low")


def test_a_release_title_does_not_hide_a_number_that_is_not_the_version():
    package = change("carvel/package.yaml", ['version: "2.15.3"', "replicas: 1"], ['version: "2.15.4"', "replicas: 3"])
    assert judged("Release carvel 2.15.4", [package]).importance != "low"


_GO_BEFORE = '''package middleware

// TimeoutConfig defines the config for Timeout middleware.
type TimeoutConfig struct {
	Timeout time.Duration
}

// Timeout returns a middleware which returns 503 when a handler runs too long.
func Timeout() MiddlewareFunc {
	return TimeoutWithConfig(DefaultTimeoutConfig)
}
'''
_GO_AFTER = _GO_BEFORE.replace(
    "// Timeout returns a middleware which returns 503 when a handler runs too long.\n",
    "// Timeout returns a middleware which returns 503 when a handler runs too long.\n//\n"
    "// Deprecated: Use ContextTimeout instead; this middleware races on the response writer.\n")


def test_a_go_deprecated_doc_comment_marks_the_public_function_deprecated():
    facts = facts_of({"middleware/timeout.go": (_GO_BEFORE, _GO_AFTER)})
    assert fact("symbol_modified", "middleware/timeout.go", symbol="Timeout", public=True,
                text="function, deprecated") in facts
    unrelated = _GO_BEFORE.replace("// Timeout returns", "// Deprecated: old wording.\n\n// Timeout returns")
    assert not any("deprecated" in f.get("text", "") for f in facts_of({"middleware/timeout.go": (_GO_BEFORE, unrelated)}))


def test_a_public_api_deprecated_in_go_doc_comments_is_medium_docs():
    commit, texts = commit_of({"middleware/timeout.go": (_GO_BEFORE, _GO_AFTER)}, "deprecate timeout middleware")
    analysis = analyzer.analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))
    assert (analysis.change_type, analysis.importance) == ("docs", "medium")


def _judged_texts(files: dict, message: str) -> Analysis:
    commit, texts = commit_of(files, message)
    return analyzer.analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))


_POETRY = '''[tool.poetry]
name = "pkg"

[tool.poetry.dependencies]
python = ">=3.7.0"
pygments = "^2.13.0"
'''
_CODE = ("src/pkg/progress.py", "def enter(self):\n    return self\n", "def enter(self) -> None:\n    return self\n")


def test_the_oldest_python_raised_in_poetry_is_high():
    assert fact("config_value_changed", "pyproject.toml", symbol="tool.poetry.dependencies.python",
                before=">=3.7.0", after=">=3.8.0") in facts_of({"pyproject.toml": (_POETRY, _POETRY.replace("3.7", "3.8"))})
    analysis = _judged_texts({"pyproject.toml": (_POETRY, _POETRY.replace("3.7", "3.8")),
                              _CODE[0]: _CODE[1:]}, "bump Python")
    assert analysis.importance == "high"


def test_requires_python_raised_alone_is_high_and_a_rust_compiler_floor_stays_medium():
    pyproject = '[project]\nname = "pkg"\nrequires-python = ">=3.8"\n'
    assert _judged_texts({"pyproject.toml": (pyproject, pyproject.replace("3.8", "3.9"))},
                         "Drop Python 3.8").importance == "high"
    cargo = '[package]\nname = "krate"\nrust-version = "1.61"\n'
    assert _judged_texts({"Cargo.toml": (cargo, cargo.replace("1.61", "1.68"))}, "Raise MSRV").importance == "medium"


def test_silently_ignored_over_a_one_line_fix_is_not_high():
    line = change("src/pkg/loader.py", ["    except OSError: pass"], ["    except OSError: log.warning('skipped %s', path)"])
    analysis = judged("fix: config errors were silently ignored", [line])
    assert analysis.importance == "medium"
    wider = change("src/pkg/loader.py", ["    except OSError:", "        pass"],
                   ["    except OSError as err:", "        raise ConfigError(path) from err"])
    assert judged("fix: config errors were silently ignored", [wider]).importance == "high"
    assert judged("fix: crash when the config file is missing", [line]).importance == "high"  # a strong word


def test_a_formatting_commit_that_swaps_quotes_and_trailing_spaces_is_a_low_chore():
    code = change("src/pkg/progress.py",
                  ["        last = task.last if hasattr(task, 'last') else None",
                   '            return Text(f"{last} it/s", style="speed")   '],
                  ['        last = task.last if hasattr(task, "last") else None',
                   '            return Text(f"{last} it/s", style="speed")'])
    assert (judged("formatting", [code]).change_type, judged("formatting", [code]).importance) == ("chore", "low")
    assert layout_only(code.patch, code.path)
    other = change("src/pkg/progress.py", ["        last = getattr(task, 'last')"], ['        last = getattr(task, "first")'])
    assert not layout_only(other.patch, other.path)  # another string is no layout
    assert not layout_only(code.patch, "src/progress.rs")  # Rust's 'l' is a char, "l" a string


def test_the_own_property_check_spelt_through_object_prototype_is_low():
    code = change("lib/validation.js", ["  } else if (Object.hasOwnProperty.call(schema, 'body')) {",
                                        "  } else if (Object.hasOwnProperty.call(schema, 'params')) {"],
                  ["  } else if (Object.prototype.hasOwnProperty.call(schema, 'body')) {",
                   "  } else if (Object.prototype.hasOwnProperty.call(schema, 'params')) {"])
    assert judged("chore: use Object.prototype.hasOwnProperty in compileSchemas", [code]).importance == "low"
    assert respelled_only(code.patch, code.path)
    other = change("lib/validation.js", ["  } else if (Object.hasOwnProperty.call(schema, 'body')) {"],
                   ["  } else if (Object.hasOwnProperty.call(schema.body, 'type')) {"])
    assert not respelled_only(other.patch, other.path)
    python = change("src/pkg/run.py", ["    if x:", "    run('a')"], ["    if x:", "        run(\"a\")"])
    assert not respelled_only(python.patch, python.path)  # re-indented Python runs under another block


_UNSEAL = '''package v1alpha1

func (s *SealedSecret) Unseal(keys map[string]string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for key, value := range s.Data {
		decoded, err := base64.StdEncoding.DecodeString(value)
		if err != nil {
			return nil, err
		}
		out[key] = decoded
	}
	return out, nil
}
'''


def test_a_function_body_fixed_in_an_api_package_is_no_interface_change():
    tagged = _UNSEAL.replace("\t\t\treturn nil, err\n", "\t\t\treturn nil, fmt.Errorf(\"%s: %w\", key, err)\n")
    path = "pkg/apis/secrets/v1alpha1/expansion.go"
    analysis = _judged_texts({path: (_UNSEAL, tagged)}, "fix: show the field name when base64 decoding fails")
    assert (analysis.change_type, analysis.importance) == ("fix", "medium")
    resigned = _UNSEAL.replace("Unseal(keys map[string]string)", "Unseal(keys map[string]string, strict bool)")
    assert _judged_texts({path: (_UNSEAL, resigned)}, "fix: unseal strictly").importance == "high"


_TIMED_BODY = """perf: compile the module once in precompiled mode

Importers no longer re-optimise every inline body.

| Configuration            | Client TU |
| ------------------------ | --------- |
| Before (header-only)     | 1.30 s    |
| After (precompiled)      | 0.27 s    |
"""


def test_a_build_change_whose_message_times_it_before_and_after_is_medium_perf():
    cmake = change("src/modules/CMakeLists.txt", ["target_compile_features(Lib_Module PUBLIC cxx_std_23)"],
                   ["target_compile_features(Lib_Module PUBLIC cxx_std_20)",
                    "target_compile_definitions(Lib_Module PUBLIC LIB_COMPILE)",
                    "target_sources(Lib_Module PRIVATE ../Precompile.cpp)"])
    analysis = judged(_TIMED_BODY, [cmake])
    assert (analysis.change_type, analysis.importance) == ("perf", "medium")
    untimed = judged(_TIMED_BODY.split("|")[0], [cmake])
    assert untimed.importance == "low"  # nothing measured: build tuning


def test_a_fix_for_symbols_missing_from_the_shipped_library_is_high():
    source = change("src/Precompile.cpp", ["#include <Lib/impl/App_inl.hpp>"],
                    ["#include <Lib/impl/App_inl.hpp>", "template Option *Option::ignore_case<App>(bool);",
                     "template Option *Option::ignore_underscore<App>(bool);"])
    analysis = judged("fix: missing symbols in the precompiled library under LTO (#1409)", [source])
    assert (analysis.change_type, analysis.importance) == ("fix", "high")
    workflow = change(".github/workflows/tests.yml", ["  - gcc15"], ["  - gcc15", "  - gcc15-lto"])
    assert judged("ci: reproduce the missing symbols under LTO", [workflow]).importance == "low"  # no product code
