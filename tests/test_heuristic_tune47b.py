"""Rules of the tuning round on the forty-seventh set (issue 8, tune47b), each on a small snippet: ``just``'s recipes
read as the build, an HTTP framing attack named deeper in the message, CMake's oldest version raised (through the
variable ``cmake_minimum_required`` reads, too), the JVM level a Gradle build compiles for named anew, the build
adapted to a release of the build system, a C++ parser's ``return addError(...)`` as a rejection, workflows reworked with their docs, allocations cut, the MSRV
raised with the code the newer compiler allows."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.validation import rejecting_definitions
from analysis.analyzers.heuristic.config.builds.jvm_target import jvm_targets_named
from analysis.analyzers.heuristic.config.builds.toolchain import toolchain_minimums
from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import FileChange
from tests.facts_support import analysed, patch_of


def _change(path: str, before: str | None, after: str | None) -> FileChange:
    patch = patch_of(before, after)
    return FileChange(path=path, status="modified", additions=patch.count("\n+"), deletions=patch.count("\n-"),
                      patch=patch)


# --- just's recipes: the project's build commands, not product code ------------------------------------------------

_JUSTFILE = """# Shortcuts for local development.

# Run the required checks.
ci: format clippy test

format:
    cargo fmt --all -- --check

clippy:
    cargo clippy --all-targets -- -D warnings

# Check GitHub Actions syntax and security.
workflow-integrity:
    actionlint
"""


def test_justfile_is_build() -> None:
    assert "build" in classify_path("justfile") and "build" in classify_path(".justfile")
    assert "build" not in classify_path("src/just.rs")
    result = analysed({"justfile": (None, _JUSTFILE)}, "Add local CI command shortcuts")
    assert (result.importance, result.change_type) == ("low", "build")


# --- an HTTP framing attack named deeper in the message -------------------------------------------------------------

_HEADER_GO = """package http

func (h *RequestHeader) parseHeaders(buf []byte) (int, error) {
	for s.next() {
		if isTransferEncoding(s.key) {
			h.chunked = true
			continue
		}
	}
	return 0, nil
}
"""
_HEADER_GO_AFTER = _HEADER_GO.replace("""			h.chunked = true
""", """			if h.noHTTP11 {
				h.connectionClose = true
				return 0, ErrUnsupportedTransferEncoding
			}
			h.chunked = true
""")


def test_framing_attack_named_deeper_is_security() -> None:
    message = ("reject transfer-encoding on http/1.0 requests\n\nRFC 9112 requires a server to treat the framing "
               "as faulty.\n\nA chunked-unaware HTTP/1.0 hop framed such a request as bodyless while the server "
               "consumed the chunk data as the body, which is a smuggling desync.")
    result = analysed({"header.go": (_HEADER_GO, _HEADER_GO_AFTER)}, message)
    assert (result.importance, result.change_type) == ("high", "security")


def test_framing_words() -> None:
    assert R.FRAMING_ATTACKS.search("which is a smuggling desync")
    assert R.FRAMING_ATTACKS.search("prevent HTTP response splitting")
    assert not R.FRAMING_ATTACKS.search("the chunk data is consumed as the body")


# --- CMake's oldest version raised ----------------------------------------------------------------------------------

_CMAKE = """project(jsonlib)
# policies validated up to the newest version
set(OLDEST_VALIDATED_POLICIES_VERSION "3.8.0")
set(NEWEST_VALIDATED_POLICIES_VERSION "3.13.2")
cmake_minimum_required(VERSION ${OLDEST_VALIDATED_POLICIES_VERSION})
add_library(jsonlib src/reader.cpp)
"""


def test_cmake_floor_raised_through_its_variable() -> None:
    after = _CMAKE.replace('"3.8.0"', '"3.10.0"')
    [m] = toolchain_minimums([], [_change("CMakeLists.txt", _CMAKE, after)])
    assert (m.key, m.before, m.after, m.raised, m.runtime) == ("cmake_minimum_required", "3.8.0", "3.10.0", True, False)
    result = analysed({"CMakeLists.txt": (_CMAKE, after)},
                      "Fix CMake deprecation warning for compatibility with CMake < 3.10")
    assert (result.importance, result.change_type) == ("medium", "build")


def test_cmake_floor_within_a_series_or_range_widened_is_no_floor() -> None:
    before = "cmake_minimum_required(VERSION 2.8)\nproject(x)\nadd_library(x x.c)\n"
    patch_level = before.replace("2.8)", "2.8.12)")
    widened = before.replace("2.8)", "2.8...3.15)")
    series = before.replace("2.8)", "3.10)")
    assert toolchain_minimums([], [_change("CMakeLists.txt", before, patch_level)]) == []
    assert toolchain_minimums([], [_change("CMakeLists.txt", before, widened)]) == []
    assert [m.after for m in toolchain_minimums([], [_change("CMakeLists.txt", before, series)])] == ["3.10"]


# --- the JVM level a Gradle build compiles for -----------------------------------------------------------------------

_GRADLE = """kotlin {
  jvm()

  iosArm64()
}
"""
_GRADLE_AFTER = _GRADLE.replace("  jvm()\n", """  jvm {
    compilations.configureEach { compilation ->
      compilation.compilerOptions.options.jvmTarget = JvmTarget.JVM_1_8
    }
  }
""")


def test_jvm_target_named_anew_is_medium() -> None:
    assert jvm_targets_named([_change("build.gradle", _GRADLE, _GRADLE_AFTER)]) == [("build.gradle", "1.8")]
    result = analysed({"build.gradle": (_GRADLE, _GRADLE_AFTER)}, "Build with JDK 19, target 8")
    assert (result.importance, result.change_type) == ("medium", "build")


def test_jvm_level_moved_into_a_constant_names_none() -> None:
    before = "ext {\n  javaVersion = JavaVersion.VERSION_1_7\n}\nsourceCompatibility = javaVersion\n"
    after = "sourceCompatibility = JAVA_VERSION\n"
    raised = before.replace("VERSION_1_7", "VERSION_11")
    assert jvm_targets_named([_change("build.gradle", before, after)]) == []
    assert jvm_targets_named([_change("build.gradle", before, raised)]) == [("build.gradle", "11")]


# --- the build adapted to a release of the build system -------------------------------------------------------------

_BAZEL = """cc_library(
    name = "jsonlib",
    srcs = ["src/reader.cpp"],
    hdrs = ["include/json.h"],
)
"""
_BAZEL_AFTER = 'load("@rules_cc//cc:cc_library.bzl", "cc_library")\n\n' + _BAZEL


def test_build_for_a_build_tool_release_is_medium() -> None:
    result = analysed({"BUILD.bazel": (_BAZEL, _BAZEL_AFTER)}, "Update bazel config for 9.x")
    assert result.importance == "medium"
    assert analysed({"BUILD.bazel": (_BAZEL, _BAZEL_AFTER)}, "Update bazel config").importance == "low"


def test_build_tool_release_titles() -> None:
    assert R.BUILD_TOOL_RELEASE.search("BUILD: fix for Bazel 9.0.0rc1")
    assert R.BUILD_TOOL_RELEASE.search("Support CMake 4")
    assert not R.BUILD_TOOL_RELEASE.search("Update Gradle wrapper to 8.5")


# --- a C++ parser's rejection recorded as an error -----------------------------------------------------------------

_READER = """bool Reader::decodeString(Token& token, String& decoded) {
    Char c = *current++;
    decoded += c;
    if (c == '"')
      return true;
    return decodeString(token, decoded);
}
"""
_READER_AFTER = _READER.replace("""    decoded += c;
""", """    if (static_cast<unsigned char>(c) < 0x20)
      return addError("Control character in string", token, current - 1);
    decoded += c;
""")


def test_add_error_return_rejects() -> None:
    assert rejecting_definitions("src/reader.cpp", patch_of(_READER, _READER_AFTER)) == {"decodeString"}
    logged = _READER.replace("    decoded += c;\n", "    if (c < 0x20)\n      logWarning(\"control\");\n"
                                                   "    decoded += c;\n")
    assert rejecting_definitions("src/reader.cpp", patch_of(_READER, logged)) == set()
    assert R.TITLE_SECURITY_WORDS.search("prevent request smuggling")


# --- workflows reworked with their docs; allocations cut; the MSRV raised with code --------------------------------

_WORKFLOW = "name: Test\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n"
_WORKFLOW_AFTER = _WORKFLOW + ("  coverage:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
                               "      - run: go test -coverprofile=c.out ./...\n      - uses: report/coverage@v1\n")
_README = "# lib\n\n[![Coverage](https://gocover.io/_badge/x)](https://gocover.io/x)\n\nA library.\n"


def test_workflows_with_their_docs_are_ci() -> None:
    readme = _README.replace("gocover.io/_badge/x", "example.org/coverage.svg")
    files = {".github/workflows/go.yml": (_WORKFLOW, _WORKFLOW_AFTER), "README.md": (_README, readme)}
    assert analysed(files, "Migrate from gocover").change_type == "ci"
    long_docs = readme + "".join(f"\nSection {n}: how coverage is reported.\n" for n in range(12))
    files["README.md"] = (_README, long_docs)
    assert analysed(files, "Migrate from gocover").change_type in ("docs", "chore")


def test_allocations_cut_is_perf() -> None:
    assert R.ALLOCATIONS_CUT.search("Remove most allocations")
    assert R.ALLOCATIONS_CUT.search("Avoid allocating trimmed name")
    assert not R.ALLOCATIONS_CUT.search("Prevent integer overflow in allocation size calculations")


_LIB = "pub fn supports(term: Option<String>) -> bool {\n    term.map_or(false, |t| t != \"dumb\")\n}\n"
_LIB_AFTER = "pub fn supports(term: Option<String>) -> bool {\n    term.is_some_and(|t| t != \"dumb\")\n}\n"
_CARGO = '[package]\nname = "term"\nversion = "0.1.0"\nedition = "2021"\nrust-version = "1.63.0"\n'


def test_msrv_raised_with_code_is_build() -> None:
    files = {"Cargo.toml": (_CARGO, _CARGO.replace("1.63.0", "1.85.0")), "src/lib.rs": (_LIB, _LIB_AFTER)}
    assert analysed(files, "Raise the MSRV to Rust 1.85").change_type == "build"
    assert R.FLOOR_TITLE.search("Bump minimum supported Python version")
    assert not R.FLOOR_TITLE.search("Raise the default timeout")
