"""Rules of the tuning round on the fifty-second set's misses (issue 8, tune52e), each on a small snippet: a
formatter's run is read hunk by hunk (its trailing commas aside, the CI job that checks it no code), so one hunk
where it also dropped redundant braces leaves the run a formatter's; the project's version file restamped
(``Version.java``'s ``return "4.13.2-SNAPSHOT";``) is a release's bookkeeping; a Maven plugin's own
``<dependencies>`` run in the build, as the plugin does."""

from __future__ import annotations

from analysis.facts.manifests.jvm_manifests import pom_build_only
from tests.facts_support import analysed

# --- a formatter's run, read hunk by hunk ---------------------------------------------------------------------------

_FILLER = "".join(f"    // line {i} of the notes kept as they are\n" for i in range(8))


def _function(i: int, laid_out: bool) -> str:
    call = (f"    let prev{i} = mem::replace(&mut self.entries[{i}], Entry::Vacant(self.next));\n" if laid_out else
            f"    let prev{i} = mem::replace(\n        &mut self.entries[{i}],\n        Entry::Vacant(self.next));\n")
    return f"pub fn take{i}(&mut self) -> Entry {{\n{_FILLER}{call}{_FILLER}    prev{i}\n}}\n\n"


_CONTAINS_BEFORE = """pub fn contains(&self, key: usize) -> bool {
    self.entries.get(key)
        .map(|e| {
            match *e {
                Entry::Occupied(_) => true,
                _ => false,
            }
        })
        .unwrap_or(false)
}
"""
_CONTAINS_AFTER = """pub fn contains(&self, key: usize) -> bool {
    self.entries
        .get(key)
        .map(|e| match *e {
            Entry::Occupied(_) => true,
            _ => false,
        })
        .unwrap_or(false)
}
"""
_RS_BEFORE = "".join(_function(i, False) for i in range(14)) + _CONTAINS_BEFORE
_RS_AFTER = "".join(_function(i, True) for i in range(14)) + _CONTAINS_AFTER
_TRAVIS_BEFORE = "language: rust\nrust:\n  - stable\nscript:\n  - cargo test\n"
_TRAVIS_AFTER = ("language: rust\nrust:\n  - stable\nbefore_script:\n  - rustup component add rustfmt\n"
                 "script:\n  - cargo fmt -- --check\n  - cargo test\n")


def test_formatter_run_with_a_hunk_of_dropped_braces_is_low() -> None:
    files = {"src/lib.rs": (_RS_BEFORE, _RS_AFTER), ".travis.yml": (_TRAVIS_BEFORE, _TRAVIS_AFTER)}
    result = analysed(files, "Apply rustfmt 1.0.0 (#57)")
    assert (result.change_type, result.importance) == ("chore", "low")
    # (a title that fixes: a refactor's title over the same words rearranged reads low by itself, tune53b)
    result = analysed(files, "Fix how entries are taken")
    assert result.importance == "medium"


# --- the project's version file restamped ---------------------------------------------------------------------------

_VERSION_JAVA = """package junit.runner;

public class Version {
\tprivate Version() {
\t}

\tpublic static String id() {
\t\treturn "4.13.1-SNAPSHOT";
\t}
}
"""


def test_version_file_restamped_is_low() -> None:
    after = _VERSION_JAVA.replace("4.13.1-SNAPSHOT", "4.13.2-SNAPSHOT")
    result = analysed({"src/main/java/junit/runner/Version.java": (_VERSION_JAVA, after)}, "Update Version.java")
    assert result.importance == "low"
    renamed = _VERSION_JAVA.replace("class Version", "class Defaults").replace("Version()", "Defaults()")
    moved = renamed.replace("4.13.1-SNAPSHOT", "4.13.2-SNAPSHOT")
    result = analysed({"src/main/java/junit/runner/Defaults.java": (renamed, moved)}, "Update Defaults.java")
    assert result.importance == "medium"


# --- a Maven plugin's own dependencies ------------------------------------------------------------------------------

_POM = """<project>
  <dependencies>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
      <version>27.0.1</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.8.0</version>
        <dependencies>
          <dependency>
            <groupId>org.codehaus.plexus</groupId>
            <artifactId>plexus-compiler-javac-errorprone</artifactId>
            <version>2.8.3</version>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
"""


def test_plugin_dependencies_are_build_only() -> None:
    assert pom_build_only(_POM) == {"maven-compiler-plugin", "org.codehaus.plexus:plexus-compiler-javac-errorprone"}


def test_plugin_dependency_replaced_is_low() -> None:
    swapped = _POM.replace("<groupId>org.codehaus.plexus</groupId>", "<groupId>com.google.errorprone</groupId>").replace(
        "<artifactId>plexus-compiler-javac-errorprone</artifactId>", "<artifactId>error_prone_core</artifactId>")
    result = analysed({"pom.xml": (_POM, swapped)}, "Run Error Prone as a plugin")
    assert result.importance == "low"


# --- an exports map put on a package that had none ------------------------------------------------------------------

_PACKAGE = """{
  "name": "remark-parse",
  "version": "10.0.2",
  "type": "module",
  "main": "index.js",
  "types": "index.d.ts",
  "files": ["lib/", "index.js", "index.d.ts"]
}
"""
_EXPORTED = _PACKAGE.replace('  "main": "index.js",\n  "types": "index.d.ts",\n', '  "exports": "./index.js",\n')


def test_exports_map_introduced_is_high() -> None:
    result = analysed({"package.json": (_PACKAGE, _EXPORTED)}, "Change to use `exports`")
    assert result.importance == "high"
    cli = "const entry = new URL('./index.js', import.meta.url)\nexport {entry}\n"
    moved = "const entry = new URL('./main.js', import.meta.url)\nexport {entry}\n"
    result = analysed({"package.json": (_PACKAGE, _EXPORTED), "cli.js": (cli, moved)}, "Change to use `exports`")
    assert result.importance == "high"


def test_entry_added_beside_an_existing_exports_map_is_medium() -> None:
    before = _EXPORTED
    after = before.replace('  "exports": "./index.js",\n', '  "exports": "./index.js",\n  "module": "./index.js",\n')
    result = analysed({"package.json": (before, after)}, "Add `module` field")
    assert result.importance == "medium"
