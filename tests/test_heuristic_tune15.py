"""Rules of the sixteenth tuning round (issue 8, tune15), each on a small snippet: a header's name given another
value (a macro promoted to an enumerator) is high; build files a merged ``fix`` branch mends are medium; a changelog
line marked backwards-incompatible, or lines added to a migration guide beside product code, are high."""

from __future__ import annotations

import pytest

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.code.behaviour.enum_shifts import revalued_enumerators
from analysis.analyzers.heuristic.paths import classify_path
from analysis.facts import derive_facts
from analysis.models import Analysis, FileChange
from tests.facts_support import analysed, commit_of, patch_of

_PARAMS = """#pragma once

typedef enum {
    LIB_p_level=100,     /* compression level */
    LIB_p_window=101,    /* window size */
    LIB_p_experimental1=1000,
    LIB_p_experimental2=1001
} LIB_param;

/* experimental: the block size to aim for */
#define LIB_p_blockSize LIB_p_experimental2

int lib_set(LIB_param p, int value);
"""
_PROMOTED = (_PARAMS.replace("    LIB_p_window=101,    /* window size */\n",
                             "    LIB_p_window=101,    /* window size */\n    LIB_p_blockSize=130, /* block size */\n")
             .replace("    LIB_p_experimental2=1001\n", "    /* was LIB_p_experimental2=1001 */\n")
             .replace("/* experimental: the block size to aim for */\n#define LIB_p_blockSize LIB_p_experimental2\n\n",
                      ""))


def _header(before: str, after: str) -> FileChange:
    return FileChange(path="lib/lib.h", status="modified", additions=3, deletions=3, patch=patch_of(before, after))


def test_a_macro_promoted_to_an_enumerator_of_another_value_is_found_a_new_enumerator_is_not():
    assert revalued_enumerators([_header(_PARAMS, _PROMOTED)]) == ["LIB_p_blockSize"]
    renumbered = _PARAMS.replace("LIB_p_window=101,", "LIB_p_window=102,")
    assert revalued_enumerators([_header(_PARAMS, renumbered)]) == ["LIB_p_window"]
    added = _PARAMS.replace("    LIB_p_window=101,    /* window size */\n",
                            "    LIB_p_window=101,    /* window size */\n    LIB_p_hint=102,\n")
    assert revalued_enumerators([_header(_PARAMS, added)]) == []
    recommented = _PARAMS.replace("/* window size */", "/* the window's size */")
    assert revalued_enumerators([_header(_PARAMS, recommented)]) == []
    source = FileChange(path="lib/lib.c", status="modified", additions=3, deletions=3, patch=patch_of(_PARAMS, _PROMOTED))
    assert revalued_enumerators([source]) == []
    internal = FileChange(path="lib/common/bits.h", status="modified", additions=3, deletions=3,
                          patch=patch_of(_PARAMS, _PROMOTED))
    assert revalued_enumerators([internal]) == []


def _from_patch_only(before: str, after: str, message: str, lang: str) -> Analysis:
    """A header too large for the source to hand over its texts: the facts read nothing, the rules read the hunks."""
    commit, _ = commit_of({"lib/lib.h": (before, after)}, message)
    facts = derive_facts(commit, None)
    assert facts == []
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=facts))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_experimental_parameter_promoted_to_the_stable_enum_reads_high(lang):
    result = _from_patch_only(_PARAMS, _PROMOTED, "Promote `LIB_p_blockSize` Parameter to Stable API", lang)
    assert result.importance == "high"
    added = _PARAMS.replace("    LIB_p_window=101,    /* window size */\n",
                            "    LIB_p_window=101,    /* window size */\n    LIB_p_hint=102,\n")
    assert _from_patch_only(_PARAMS, added, "Add `LIB_p_hint`", lang).importance != "high"


_CMAKE = """cmake_minimum_required(VERSION 3.16)
project(lib)
add_library(lib src/lib.cc)
target_include_directories(lib PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:$<INSTALL_PREFIX>/${CMAKE_INSTALL_INCLUDEDIR}>)
install(TARGETS lib EXPORT libTargets)
"""
_RELATIVE = _CMAKE.replace("$<INSTALL_INTERFACE:$<INSTALL_PREFIX>/${CMAKE_INSTALL_INCLUDEDIR}>)",
                           "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)").replace(
    "add_library(lib src/lib.cc)", "add_library(lib src/lib.cc src/more.cc)")


@pytest.mark.parametrize("branch", ["dev:fix/absolute-install-includedir", "dev/fix-absolute-install-includedir"])
def test_build_files_a_merged_fix_branch_mends_read_medium(branch):
    merged = analysed({"CMakeLists.txt": (_CMAKE, _RELATIVE)}, f"Merge pull request #5033 from {branch}")
    assert (merged.change_type, merged.importance) == ("build", "medium")
    plain = analysed({"CMakeLists.txt": (_CMAKE, _RELATIVE)}, "Merge pull request #5033 from dev:install-includedir")
    assert plain.importance == "low"
    e2e = analysed({"make/e2e-setup.cmake": (_CMAKE, _RELATIVE)}, f"Merge pull request #5033 from {branch}")
    assert e2e.importance == "low"  # the project's own test setup: its users build nothing of it


def test_build_files_whose_message_names_the_issue_they_fix_read_medium():
    message = ("Handle relative install include dirs\n\nThis is the legacy fix for "
               "https://github.com/o/r/issues/4731, and prevents similar breakages.")
    assert analysed({"CMakeLists.txt": (_CMAKE, _RELATIVE)}, message).importance == "medium"
    assert analysed({"CMakeLists.txt": (_CMAKE, _RELATIVE)}, "Handle relative install include dirs").importance == "low"


_FIELDS = '''class List:
    def __init__(self, cls_or_instance, **kwargs):
        self.container = cls_or_instance
        self.kwargs = kwargs

    def serialize(self, value):
        return [self.container.serialize(each) for each in value]
'''
_RENAMED = _FIELDS.replace("self.container", "self.inner")
_CHANGES = "Changelog\n=========\n\n3.0.0 (unreleased)\n------------------\n\nFeatures:\n\n- Add ``Tuple``.\n"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_changelog_line_marked_backwards_incompatible_reads_high(lang):
    marked = _CHANGES.replace("Features:\n", "Other changes:\n\n- *Backwards-incompatible*: Rename "
                              "``fields.List.container`` to ``fields.List.inner``.\n\nFeatures:\n")
    files = {"src/lib/fields.py": (_FIELDS, _RENAMED), "CHANGELOG.rst": (_CHANGES, marked)}
    assert analysed(files, "Merge pull request #1243 from dev/rename-container", lang).importance == "high"
    plain = marked.replace("*Backwards-incompatible*: Rename", "Rename")
    files = {"src/lib/fields.py": (_FIELDS, _RENAMED), "CHANGELOG.rst": (_CHANGES, plain)}
    assert analysed(files, "Merge pull request #1243 from dev/rename-container", lang).importance != "high"
    heading = _CHANGES.replace("Features:\n", "Breaking changes:\n\n- Rename ``List.container``.\n\nFeatures:\n")
    files = {"src/lib/fields.py": (_FIELDS, _RENAMED), "CHANGELOG.rst": (_CHANGES, heading)}
    assert analysed(files, "Merge pull request #1243 from dev/rename-container", lang).importance != "high"


_SCALE = '''export class LinearScale {
  handleTickRangeOptions() {
    if (this.min === this.max) {
      this.max += 1;
      this.min -= 1;
    }
  }
}
'''
_WIDENED = _SCALE.replace("this.max += 1;\n      this.min -= 1;", "const offset = Math.abs(this.max * 0.05) || 1;\n"
                          "      this.max += offset;\n      this.min -= offset;")
_GUIDE = "# 4.x Migration Guide\n\n### Options\n\n* The `destroy` plugin hook has been removed.\n"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_product_code_changed_with_a_line_added_to_the_migration_guide_reads_high(lang):
    noted = _GUIDE + "* Linear scales now add and subtract `5%` of the max value when min and max are equal.\n"
    files = {"src/scales/scale.linear.js": (_SCALE, _WIDENED), "docs/migration/v4-migration.md": (_GUIDE, noted)}
    assert analysed(files, "change way that linear scales calculate min and max", lang).importance == "high"
    readme = {"src/scales/scale.linear.js": (_SCALE, _WIDENED), "docs/axes/linear.md": (_GUIDE, noted)}
    assert analysed(readme, "change way that linear scales calculate min and max", lang).importance != "high"
    guide_only = {"docs/migration/v4-migration.md": (_GUIDE, noted)}
    assert analysed(guide_only, "docs: migration note", lang).importance == "low"


def test_a_commands_manual_page_beside_the_program_is_documentation():
    assert "doc" in classify_path("programs/zstd.1")
    assert "doc" in classify_path("man/man1/fzf.1")
    assert "doc" not in classify_path("lib/libz.so.1")
    assert "doc" not in classify_path("data/v1.2")
    page = ".TH ZSTD 1\n.SH NAME\nzstd \\- compress\n.SH OPTIONS\n.TP\n\\fB-o\\fR FILE\n"
    result = analysed({"programs/zstd.1": (page, page + ".TP\n\\fB--output-dir-mirror\\fR DIR\n")},
                      "Merge pull request #3958 from dev/doc3698")
    assert (result.change_type, result.importance) == ("docs", "low")


_MIRROR = '''static int skip(const char *name)
{
    if (name[0] == '.') {
        return 1;
    }
    return strcmp(name, "..") == 0;
}
'''


def test_a_title_saying_an_erroneous_behaviour_is_removed_is_a_fix():
    fixed = _MIRROR.replace("    if (name[0] == '.') {\n        return 1;\n    }\n", "")
    result = analysed({"programs/util.c": (_MIRROR, fixed)},
                      "Remove Erroneous Exclusion of Hidden Files and Folders in `--output-dir-mirror`")
    assert (result.change_type, result.importance) == ("fix", "medium")


_PACKAGE = '''{
  "name": "lib",
  "version": "6.0.0",
  "exports": {
    ".": {
      "import": "./dist/lib.esm.js",
      "default": "./dist/index.js"
    }
  }
}
'''


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_condition_added_to_an_existing_exports_entry_reads_high_a_new_entry_medium(lang):
    routed = _PACKAGE.replace('".": {\n', '".": {\n      "node": "./dist/index.js",\n')
    result = analysed({"package.json": (_PACKAGE, routed)}, "perf: route Node imports via a node condition", lang)
    assert result.importance == "high"
    entry = _PACKAGE.replace('    ".": {\n', '    "./package.json": "./package.json",\n    ".": {\n')
    added = analysed({"package.json": (_PACKAGE, entry)}, "Add package.json to exports", lang)
    assert added.importance == "medium"
    subpath = _PACKAGE.replace('    ".": {\n', '    "./extra": {\n      "node": "./dist/extra.js"\n    },\n    ".": {\n')
    assert analysed({"package.json": (_PACKAGE, subpath)}, "Add an extra entry", lang).importance == "medium"


_INDEX = '''TestSuite* UnitTestImpl::GetTestSuite(int i) {
  const int index = GetElementOr(test_suite_indices_, i, -1);
  return index < 0 ? nullptr : test_suites_[static_cast<size_t>(i)];
}
'''


def test_a_cosmetic_word_far_into_a_run_on_title_does_not_make_the_change_docs():
    fixed = _INDEX.replace("static_cast<size_t>(i)", "static_cast<size_t>(index)")
    title = ("Fix GetTestSuite(i) ignoring shuffle order UnitTestImpl::GetTestSuite(int i) computes the shuffled index "
             "but then accesses test_suites_ using the raw parameter 'i'. This was a copy-paste typo introduced in 2009.")
    result = analysed({"src/gtest-internal-inl.h": (_INDEX, fixed)}, title)
    assert (result.change_type, result.importance) == ("fix", "medium")
    assert analysed({"src/gtest-internal-inl.h": (_INDEX, fixed)}, "Fix a typo in an index").change_type == "docs"


_HANDLER = '''template <class T, typename Result>
Result HandleExceptionsInMethodIfSupported(T* object, Result (T::*method)()) {
  if (!Run(object)) {
    return static_cast<Result>(0);
  }
  return (object->*method)();
}
'''


def test_a_title_naming_the_compiler_warning_flag_it_avoids_is_housekeeping():
    fixed = _HANDLER.replace("return static_cast<Result>(0);", "return Result();")
    title = "Avoid triggering -Wzero-as-null-pointer-constant in HandleExceptionsInMethodIfSupported()"
    assert analysed({"src/gtest.cc": (_HANDLER, fixed)}, title).importance == "low"
    assert analysed({"src/gtest.cc": (_HANDLER, fixed)}, "Avoid a null result in the handler").importance == "medium"
    assert analysed({"src/gtest.cc": (_HANDLER, fixed)}, "Avoid -webkit prefix in the handler").importance == "medium"
    for flags in ("-WX", "-Werror"):  # warnings made errors: no warning of its own named
        assert analysed({"src/gtest.cc": (_HANDLER, fixed)}, f"Avoid {flags} in the handler").importance == "medium"


@pytest.mark.parametrize("title", ["Increment version '2.2.25' -> '2.2.26' by Travis CI build 1813 [ci skip]",
                                   "Version Packages (#4698)"])
def test_a_release_bots_own_titles_are_release_chores(title):
    props = "#Currently building Mockito version\nversion=2.2.25\n"
    result = analysed({"version.properties": (props, props.replace("2.2.25", "2.2.26"))}, title)
    assert (result.change_type, result.importance) == ("chore", "low")
    manifest = '{\n  "name": "lib",\n  "version": "6.15.1"\n}\n'
    bumped = analysed({"package.json": (manifest, manifest.replace("6.15.1", "6.15.2"))}, title)
    assert bumped.change_type == "chore"


_WORKFLOW = "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n"


def test_a_bracketed_type_tag_opening_the_title_is_read_as_its_prefix():
    windows = _WORKFLOW + "  windows:\n    runs-on: windows-latest\n    steps:\n      - run: ctest\n"
    cmake = "add_test(NAME basic COMMAND basic)\n"
    files = {".github/workflows/ci.yml": (_WORKFLOW, windows),
             "build/cmake/tests/CMakeLists.txt": (cmake, cmake + "set_tests_properties(basic PROPERTIES TIMEOUT 60)\n")}
    assert analysed(files, "[CI] Run tests with CMake on Windows").change_type == "ci"
    assert analysed(files, "Run tests with CMake on Windows").change_type == "test"
    component = analysed({"lib/cpu.h": ("int cpuid(void);\n", "int cpuid(void);\nint cpuid_ex(int leaf);\n")},
                         "[cpu] Add tests for cpuid")
    assert component.change_type != "ci"


def test_undo_opening_a_title_and_revert_after_a_prefix_are_reverts():
    action = _WORKFLOW.replace("      - run: make test\n", "      - uses: changesets/action@v1.9.0\n")
    bumped = action.replace("v1.9.0", "v2.1.0")
    files = {".github/workflows/ci.yml": (bumped, action)}
    title = 'chore: Revert "chore(deps): bump changesets/action from 1.9.0 to 2.1.0 (#4691)" (#4693)'
    assert analysed(files, title).change_type == "revert"
    assert analysed(files, "chore: bump changesets/action back to 1.9.0").change_type != "revert"
    matcher = "template <typename T>\nMatcher<T> StrEq(const T& s);\n"
    undone = analysed({"include/matchers.h": (matcher + "Matcher<std::wstring_view> StrEq(std::wstring_view s);\n",
                                              matcher)},
                      "Undo make string matchers work with std::wstring_view due to internal breakages")
    assert undone.change_type == "revert"


_CPUID = '''static void cpuid(unsigned f, unsigned* out)
{
    __asm__("cpuid" : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3]) : "a"(f));
}
'''


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_fix_for_a_clobbered_register_reads_high(lang):
    fixed = _CPUID.replace('__asm__("cpuid" : "=a"(out[0]), "=b"(out[1])',
                           '__asm__("xchg %%rbx, %%rsi\\n\\tcpuid\\n\\txchg %%rbx, %%rsi" : "=a"(out[0]), "=S"(out[1])')
    files = {"lib/common/cpu.h": (_CPUID, fixed)}
    assert analysed(files, "[cpu] Backport fix for rbx clobbering on Windows with Clang", lang).importance == "high"
    assert analysed(files, "[cpu] Backport fix for cpuid on Windows with Clang", lang).importance != "high"


_TYPES = '''export interface Point {
  x: number;
  y: number;
}

export interface BubbleDataPoint {
  x: number;
  y: number;
  r: number;
}
'''


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_interface_members_hoisted_into_a_base_it_now_extends_break_nothing(lang):
    hoisted = _TYPES.replace("export interface BubbleDataPoint {\n  x: number;\n  y: number;\n",
                             "export interface BubbleDataPoint extends Point {\n")
    result = analysed({"types/index.d.ts": (_TYPES, hoisted)}, "add correct point object to type", lang)
    assert (result.change_type, result.importance) == ("fix", "medium")
    dropped = _TYPES.replace("export interface BubbleDataPoint {\n  x: number;\n  y: number;\n",
                             "export interface BubbleDataPoint {\n")
    assert analysed({"types/index.d.ts": (_TYPES, dropped)}, "drop point members from type", lang).importance == "high"


_ROLLUP = '''export default function createConfig(format) {
  return {
    input: "src/index.ts",
    output: { format, file: `dist/index.${format}.js` },
  }
}
'''


@pytest.mark.parametrize("path", ["scripts/create-rollup-config.mjs", "rollup.config.js", "packages/lib/vite.config.ts"])
def test_a_bundlers_configuration_builds_what_the_package_publishes(path):
    assert "build" in classify_path(path) and "tooling" not in classify_path(path)
    hoisted = _ROLLUP.replace("    output: { format,", "    output: { intro: \"const __DEV__ = true;\", format,")
    result = analysed({path: (_ROLLUP, hoisted)}, "perf: evaluate NODE_ENV once at module scope in esm builds")
    assert (result.change_type, result.importance) == ("perf", "medium")
    assert "tooling" in classify_path("scripts/release.mjs")


_CAPTURE = '''CapturedStream::CapturedStream(int fd) {
  const UINT success = ::GetTempFileNameA(temp_dir_path, "gtest_redir", 0, temp_file_path);
  GTEST_CHECK_(success != 0)
      << "Unable to create a temporary file in " << temp_dir_path;
  const int captured_fd = creat(temp_file_path, _S_IREAD | _S_IWRITE);
  filename_ = temp_file_path;
}
'''


def test_a_message_streamed_into_a_check_macro_reworded_is_low():
    shown = _CAPTURE.replace('      << "Unable to create a temporary file in " << temp_dir_path;\n',
                             '      << "Failed to create temporary file in " << temp_dir_path\n'
                             '      << " with error " << ::GetLastError();\n')
    title = "Display the Win32 error code when GetTempFileName() fails on Windows to aid debugging"
    assert analysed({"src/gtest-port.cc": (_CAPTURE, shown)}, title).importance == "low"
    output = _CAPTURE.replace('  GTEST_CHECK_(success != 0)\n', '  std::cerr\n')
    printed = output.replace('<< temp_dir_path;', '<< temp_dir_path << ::GetLastError();')
    assert analysed({"src/gtest-port.cc": (output, printed)}, title).importance == "medium"


_VERIFY = '''impl State for ExpectCertificateVerify {
    fn handle(self, cx: &mut Context, m: Message) -> Result<Next, Error> {
        let rc = {
            let sig = require_handshake_msg!(m, CertificateVerify)?;
            match self.transcript.take_handshake_buf() {
                Some(msgs) => {
                    let certs = &self.client_cert.cert_chain;
                    self.config.verifier.verify_tls12_signature(&msgs, &certs[0], sig)
                }
                None => {
                    return Err(cx.common.send_fatal_alert(
                        AlertDescription::AccessDenied,
                        Error::General("client authentication not set up".into()),
                    ));
                }
            }
        };
        if let Err(e) = rc {
            return Err(cx.common.send_cert_verify_error_alert(e));
        }
        Ok(self.into_expect_finished())
    }
}
'''
_LINEAR = '''impl State for ExpectCertificateVerify {
    fn handle(self, cx: &mut Context, m: Message) -> Result<Next, Error> {
        let sig = require_handshake_msg!(m, CertificateVerify)?;
        let Some(msgs) = self.transcript.take_handshake_buf() else {
            return Err(cx.common.send_fatal_alert(
                AlertDescription::AccessDenied,
                Error::General("client authentication not set up".into()),
            ));
        };
        let certs = &self.client_cert.cert_chain;
        if let Err(e) = self.config.verifier.verify_tls12_signature(&msgs, &certs[0], sig) {
            return Err(cx.common.send_cert_verify_error_alert(e));
        }
        Ok(self.into_expect_finished())
    }
}
'''


def test_a_title_saying_the_code_is_linearised_is_housekeeping():
    files = {"src/server/tls12.rs": (_VERIFY, _LINEAR)}
    assert analysed(files, "Linearise TLS1.2 client signature verification").importance == "low"
    assert analysed(files, "Rework TLS1.2 client signature verification").importance == "medium"


_SUFFIXED = '''        if (value instanceof Long) {
            return value + "L";
        }
        if (value instanceof Double) {
            return value + "d";
        }
        if (value instanceof Float) {
            return value + "f";
        }
        if (value instanceof Short) {
            return "(short) " + value;
        }
'''
_PRINTER = '''package org.lib.internal.text;

public class ValuePrinter {
    public static String print(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return '"' + value + '"';
        }
        if (value instanceof Character) {
            return "'" + value + "'";
        }
''' + _SUFFIXED + '''        if (value instanceof Byte) {
            return String.format("(byte) 0x%02X", (Byte) value);
        }
        return descriptionOf(value);
    }
}
'''
_SWITCHED = _PRINTER.replace(_SUFFIXED, '''        String suffix = suffixOf(value);
        if (suffix != null) {
            return value + suffix;
        }
        if (value instanceof Short) {
            return "(short) " + value;
        }
''').replace('''        return descriptionOf(value);
    }
''', '''        return descriptionOf(value);
    }

    private static String suffixOf(Object value) {
        if (value instanceof Long) {
            return "L";
        }
        if (value instanceof Double) {
            return "d";
        }
        return value instanceof Float ? "f" : null;
    }
''')


def test_a_refactor_inside_an_internal_package_is_low():
    path = "src/main/java/org/lib/internal/text/ValuePrinter.java"
    merged = "Merge pull request #778 from dev/ValuePrinter"
    assert analysed({path: (_PRINTER, _SWITCHED)}, merged).importance == "low"
    public = path.replace("/internal/", "/")
    assert analysed({public: (_PRINTER, _SWITCHED)}, merged).importance == "medium"


def test_an_internal_folders_c_header_is_compiled_into_users_code_and_not_taken_as_internal():
    before = "".join(f"int limit_{n}(void) {{ return {n}; }}\n" for n in range(14))
    after = "".join(f"int limit_{n}(void) {{ return {2 * n}; }}\n" for n in range(14))
    title = "Double the limits"
    assert analysed({"src/internal/limits.cc": (before, after)}, title).importance == "low"
    assert analysed({"include/lib/internal/limits.h": (before, after)}, title).importance != "low"
