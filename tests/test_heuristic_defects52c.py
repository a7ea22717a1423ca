"""Maintainer-review mends (defects52c) from reading smol-rs/async-channel, cameron314/concurrentqueue and
apache/commons-cli days: Visual Studio project files and the stubs a ``build/msvc14/`` folder compiles for itself
read as 845 lines of product code, a new public API and a high feature; javadoc's ``doc-files/`` image read as a
refactor of product code; "Remove redundant calls to super()" called a performance change; a Rust method whose
doc example (a doctest ``cargo test`` runs) calls it said to have no test; one trait implemented for two types said
in two lines."""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.code.named.doc_examples import doctest_calls
from analysis.analyzers.heuristic.paths import classify_path
from analysis.facts import derive_facts
from analysis.models import CommitReport, FileChange
from tests.facts_support import analysed, analysis_text, commit_of

VCXPROJ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project>\n" + "".join(
    f"  <ItemGroup Label=\"g{i}\">\n    <ClCompile Include=\"..\\\\..\\\\tests\\\\t{i}.cpp\" />\n  </ItemGroup>\n"
    for i in range(150)) + "</Project>\n"
STUBS = """extern "C" {
int tbb_machine_cmpswp1(volatile void* ptr, int value, int comparand) {
    return value + comparand;
}
}
"""


def test_ide_project_files_and_a_build_folders_stubs_are_the_build():
    assert classify_path("build/msvc14/benchmarks.vcxproj") == {"build"}
    assert classify_path("build/msvc14/benchmarks.vcxproj.filters") == {"build"}
    assert classify_path("build/msvc14/queue.sln") == {"build"}
    assert classify_path("xcode/queue.xcodeproj/project.pbxproj") == {"build"}
    assert classify_path("src/solver.sln.py") == set()  # a module named so is code
    files = {"build/msvc14/benchmarks.vcxproj": (None, VCXPROJ), "build/msvc14/queue.sln": (None, "Project\n"),
             "build/msvc14/msvc_tbb_stubs.cpp": (None, STUBS)}
    analysis = analysed(files, "Added MSVC14 (VS 2015) build files")
    text = analysis_text(analysis)
    assert (analysis.change_type, analysis.importance) == ("build", "low"), (analysis.change_type, text)
    assert "Large change" not in text and "tbb_machine_cmpswp1" not in text, text
    # the same stubs in a product folder beside a project file are the product's code (Visual Studio keeps its
    # projects beside the sources): a new public function
    beside = {"src/win/queue.vcxproj": (None, VCXPROJ), "src/win/stubs.cpp": (None, STUBS)}
    analysis = analysed(beside, "Add Windows stubs")
    assert analysis.change_type == "feature" and "tbb_machine_cmpswp1" in analysis_text(analysis), analysis


def test_no_api_highlight_for_a_build_folders_stubs():
    from analysis.highlights import _api_facts

    def api(files: dict) -> list[str]:
        commit, texts = commit_of(files, "Added build files")
        analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))
        return [f.symbol for f in _api_facts(CommitReport(commit=commit, analysis=analysis))]

    assert api({"build/msvc14/a.vcxproj": (None, VCXPROJ), "build/msvc14/stubs.cpp": (None, STUBS)}) == []
    assert api({"src/stubs.cpp": (None, STUBS)}) == ["tbb_machine_cmpswp1"]


def test_javadoc_doc_files_are_documentation():
    assert classify_path("src/main/java/org/apache/commons/cli/doc-files/logo.png") == {"doc"}
    assert classify_path("src/main/java/org/apache/commons/cli/docfiles/Logo.java") == set()
    commit, _ = commit_of({"README.md": ("x\n", "x\n")}, "Use oak leaf logo")
    image = FileChange(path="src/main/java/org/apache/commons/cli/doc-files/logo.png", status="modified", patch="",
                       additions=0, deletions=0)
    commit = commit.model_copy(update={"files": [image]})
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, {})))
    assert (analysis.change_type, analysis.importance) == ("docs", "low"), analysis


FORMATTER = """package org.x;

public class HelpFormatter {

    private final boolean showDeprecated;

    public HelpFormatter() {
        super();
        this.showDeprecated = false;
    }

    private HelpFormatter(final boolean showDeprecated) {
        super();
        this.showDeprecated = showDeprecated;
    }
}
"""


def test_dropping_a_constructors_implicit_super_call_is_no_speed_up():
    files = {"src/main/java/org/x/HelpFormatter.java": (FORMATTER, FORMATTER.replace("        super();\n", ""))}
    analysis = analysed(files, "Remove redundant calls to super()")
    assert (analysis.change_type, analysis.importance) == ("refactor", "low"), analysis
    # a call the code made itself, removed as redundant, is still the small speed-up the title says
    compute = FORMATTER.replace("super();", "compute();")
    files = {"src/main/java/org/x/HelpFormatter.java": (compute, compute.replace("        compute();\n", "", 1))}
    assert analysed(files, "Remove redundant calls to compute()").change_type == "perf"


LIB = """pub struct Sender;

impl Sender {
    /// Closes the channel.
    pub fn close(&self) -> bool {
        true
    }
}
"""
IS_CLOSED = """
    /// Returns `true` if the channel is closed.
    ///
    /// # Examples
    ///
    /// ```INFO
    /// let (s, r) = async_channel::unbounded::<()>();
    /// assert!(!s.CALLED());
    /// ```
    pub fn is_closed(&self) -> bool {
        self.close()
    }
"""


def _with_method(info: str, called: str) -> str:
    return LIB.replace("        true\n    }\n", "        true\n    }\n" + IS_CLOSED.replace("INFO", info).replace("CALLED", called))


def test_a_rust_doc_example_calling_the_new_method_is_its_test():
    tested = analysed({"src/lib.rs": (LIB, _with_method("", "is_closed"))}, "Add is_closed method")
    assert tested.change_type == "feature" and "Sender::is_closed" in analysis_text(tested)
    assert not any("No test covers" in r.risk for r in tested.risks), tested.risks
    for info, called in (("ignore", "is_closed"), ("text", "is_closed"), ("", "is_empty")):
        untested = analysed({"src/lib.rs": (LIB, _with_method(info, called))}, "Add is_closed method")
        assert any("No test covers" in r.risk for r in untested.risks), (info, called, untested.risks)


def test_doctest_calls_reads_added_lines_in_runnable_fences():
    patch = ("@@ -1,3 +1,8 @@\n /// ```\n+/// # futures_lite::future::block_on(async {\n+/// r.recv_blocking();\n"
             " /// ```\n+/// ```no_run\n+/// s.send_blocking(1);\n+/// ```\n fn x() {}\n")
    assert doctest_calls(patch) == {"block_on", "recv_blocking"}


STRATEGY = """trait Strategy {
    fn poll(&self) -> bool;
}

struct NonBlocking;

struct Blocking;
"""


def test_one_trait_implemented_for_two_types_is_one_line():
    both = STRATEGY + ("\nimpl Strategy for NonBlocking {\n    fn poll(&self) -> bool {\n        false\n    }\n}\n"
                       "\nimpl Strategy for Blocking {\n    fn poll(&self) -> bool {\n        true\n    }\n}\n")
    summary = analysed({"src/lib.rs": (STRATEGY, both)}, "Add strategies").summary
    assert "Implements `Strategy` for `NonBlocking`, `Blocking`" in summary, summary
    zh = analysed({"src/lib.rs": (STRATEGY, both)}, "Add strategies", "zh").summary
    assert "为 `NonBlocking`、`Blocking` 实现 `Strategy`" in zh, zh
    # different traits stay apart, each with its type
    apart = both.replace("impl Strategy for Blocking", "impl Clone for Blocking").replace(
        "fn poll(&self) -> bool {\n        true", "fn clone(&self) -> Self {\n        Blocking")
    summary = analysed({"src/lib.rs": (STRATEGY, apart)}, "Add strategies").summary
    assert "Implements `Strategy` for `NonBlocking`" in summary and "Implements `Clone` for `Blocking`" in summary, \
        summary


POM = """<project>
  <dependencies>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter-api</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
"""
IO_DEPENDENCY = """    <dependency>
      <groupId>commons-io</groupId>
      <artifactId>commons-io</artifactId>
      <version>2.16.0</version>
      <scope>test</scope>
    </dependency>
  </dependencies>"""
HANDLER_TEST = """package org.x;

public class TypeHandlerTest {

    @Test
    public void testOpenFile() {
        assertEquals(1, 1);
    }
}
"""


def test_a_test_dependency_added_for_the_tests_is_test_work():
    rewritten = HANDLER_TEST.replace("assertEquals(1, 1);", "IOUtils.consume(TypeHandler.openFile(\"a.file\"));")
    files = {"pom.xml": (POM, POM.replace("  </dependencies>", IO_DEPENDENCY)),
             "src/test/java/org/x/TypeHandlerTest.java": (HANDLER_TEST, rewritten)}
    assert analysed(files, "Add missing test").change_type == "test"
    # a dependency users install with the product is more than the tests'
    shipped = {**files, "pom.xml": (POM, POM.replace("  </dependencies>", IO_DEPENDENCY.replace(
        "      <scope>test</scope>\n", "")))}
    assert analysed(shipped, "Add missing test").change_type != "test"


def _project(target: str, tools: str = "14.0") -> str:
    return (f"<Project DefaultTargets=\"Build\" ToolsVersion=\"{tools}\">\n  <PropertyGroup Label=\"Release\">\n"
            f"    <LinkIncremental>false</LinkIncremental>\n    <TargetName>{target}</TargetName>\n"
            "  </PropertyGroup>\n</Project>\n")


def test_the_library_an_ide_project_builds_named_anew_is_medium():
    files = {"visual/VS2010/liblz4-dll/liblz4-dll.vcxproj": (_project("lz4_x86"), _project("liblz4")),
             "README.md": ("# lz4\n", "# lz4\n\nBuild the DLL with Visual Studio.\n")}
    assert analysed(files, "Merge pull request #270 from inikep/dev").importance == "medium"
    # the project's tools version moved, its target named the same: the same file built
    files = {"visual/VS2010/liblz4-dll/liblz4-dll.vcxproj": (_project("lz4_x86"), _project("lz4_x86", "4.0")),
             "README.md": ("# lz4\n", "# lz4\n\nBuild the DLL with Visual Studio.\n")}
    assert analysed(files, "Merge pull request #270 from inikep/dev").importance == "low"
