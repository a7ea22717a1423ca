"""Maintainer-review mends (defects50c) from reading yargs/yargs, google/auto and nlohmann/json days: a Maven
integration-test project under ``src/it/`` read as public API ("Public `FactoryGenerated` removed: every import or
call breaks")."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text

FIXTURE = "package com.google.auto.factory;\n\npublic interface FactoryInterface {\n  {ret} generate(String name);\n}\n"
GENERATED = "package com.google.auto.factory;\n\n@AutoFactory\npublic final class NAME {\n  NAME(String n) {}\n}\n"


def _fixture_renamed(root: str) -> dict:
    return {f"{root}/FactoryInterface.java": (FIXTURE.replace("{ret}", "FactoryGenerated"),
                                              FIXTURE.replace("{ret}", "Foo")),
            f"{root}/FactoryGenerated.java": (GENERATED.replace("NAME", "FactoryGenerated"), None),
            f"{root}/Foo.java": (None, GENERATED.replace("NAME", "Foo"))}


def test_a_maven_integration_test_project_is_not_public_api():
    text = analysis_text(analysed(_fixture_renamed("factory/src/it/functional/src/main/java/com/google/auto/factory"),
                                  "Rename the integration test's factory"))
    assert "Public `FactoryGenerated` removed" not in text and "every import or call breaks" not in text, text
    assert "Tests only" in text or "tests" in text, text
    # the same classes in the product's own sources are its API
    text = analysis_text(analysed(_fixture_renamed("factory/src/main/java/com/google/auto/factory"),
                                  "Rename the factory"))
    assert "Public `FactoryGenerated` removed" in text, text


POM = """<project>
  <artifactId>auto-value</artifactId>
  <version>HEAD-SNAPSHOT</version>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.8.1</version>
        <configuration>
          <annotationProcessorPaths>
            <path>
              <groupId>com.google.auto.value</groupId>
              <artifactId>auto-value</artifactId>
              <version>VERSION</version>
            </path>
          </annotationProcessorPaths>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""


def test_a_pom_version_moved_onto_the_project_version_is_no_dependency_dropped():
    files = {"value/processor/pom.xml": (POM.replace("VERSION", "HEAD-SNAPSHOT"),
                                         POM.replace("VERSION", "${project.version}"))}
    text = analysis_text(analysed(files, "Use ${project.version}"))
    assert "`com.google.auto.value:auto-value` `HEAD-SNAPSHOT` → `${project.version}`" in text, text
    assert "Drops" not in text, text
    # a path removed whole still drops the processor
    gone = POM.split("          <annotationProcessorPaths>")[0] + POM.split("</annotationProcessorPaths>\n")[1]
    text = analysis_text(analysed({"value/processor/pom.xml": (POM.replace("VERSION", "HEAD-SNAPSHOT"), gone)},
                                  "Drop the processor path"))
    assert "Drops development dependency `com.google.auto.value:auto-value`" in text, text


UDL = """namespace lib {
inline namespace literals {
/// @brief user-defined string literal for JSON values
inline json operator SPELLING(const char* s, std::size_t n)
{
    return json::parse(s, s + n);
}
}  // namespace literals
}  // namespace lib
"""


def test_a_literal_operator_respelled_without_the_blank_is_the_same_operator():
    branches = ('#if !defined(LIB_GCC_VERSION) || LIB_GCC_VERSION_CHECK(4,9,0)\n    inline json operator ""_json'
                '(const char* s, std::size_t n)\n#else\n    inline json operator "" _json(const char* s, std::size_t n)'
                '\n#endif')
    after = UDL.replace("inline json operator SPELLING(const char* s, std::size_t n)", branches)
    files = {"include/lib/json.hpp": (UDL.replace("SPELLING", '"" _json'), after)}
    text = analysis_text(analysed(files, "Fix deprecation warning"))
    assert "Adds" not in text and "New `" not in text, text
    assert 'Changes `operator""_json`' in text, text  # its namespaces left out (defects50's C++ names)
    # a literal operator the header did not have is new API
    files = {"include/lib/json.hpp": (UDL.replace("SPELLING", '"" _json'),
                                      UDL.replace("SPELLING", '"" _json') + UDL.replace("SPELLING", '""_jsonp'))}
    text = analysis_text(analysed(files, "Add a pointer literal"))
    assert 'operator""_jsonp' in text and "operator\"\"_json`" not in text, text


def _reader(n: int, extra: str = "") -> str:
    body = "".join(f"    int read_{i}() {{ return {i}; }}\n" for i in range(n))
    return f"namespace lib {{\nnamespace detail {{\nclass reader {{\n  public:\n{body}{extra}}};\n}}\n}}\n"


def test_an_amalgamated_header_regenerated_beside_its_sources_is_no_large_change():
    new = "    int read_number() { return get_number(); }\n"
    files = {"include/lib/detail/reader.hpp": (_reader(3), _reader(3, new)),
             "single_include/lib/json.hpp": (_reader(300), _reader(300, new).replace("return", "return  "))}
    text = analysis_text(analysed(files, "Add support for numbers"))
    assert "Large change" not in text, text
    # a large change of the sources is still large, sized by the sources' lines alone
    files = {"include/lib/detail/reader.hpp": (_reader(3), _reader(600)),
             "single_include/lib/json.hpp": (_reader(300), _reader(900))}
    text = analysis_text(analysed(files, "Add many readers"))
    assert "Large change: 597 lines of product code" in text, text


# a yargs-like method taken from the instance class into the command class, its instance now passed in
FACTORY = """export class YargsInstance {
  implies(key: string, value: string): YargsInstance {
    this.validation.implies(key, value);
    return this;
  }
  // Check defaults for key (and camel case version of key)
  isDefaulted(key: string): boolean {
    const {default: defaults} = this.getOptions();
    return (
      Object.prototype.hasOwnProperty.call(defaults, key) ||
      Object.prototype.hasOwnProperty.call(defaults, this.shim.Parser.camelCase(key))
    );
  }
  locale(locale?: string): YargsInstance | string {
    return this.locale;
  }
}
"""
FACTORY_AFTER = FACTORY.split("  // Check")[0] + "  locale" + FACTORY.split("  locale")[1]
COMMAND = """export class CommandInstance {
  postProcessPositionals(yargs: YargsInstance, key: string): void {
    if (
      !yargs.isDefaulted(key) &&
      Object.prototype.hasOwnProperty.call(argv, key)
    ) {
      argv[key] = 1;
    }
  }
  runDefaultBuilderOn(yargs: YargsInstance): unknown {
    return undefined;
  }
}
"""
COMMAND_AFTER = COMMAND.replace("yargs.isDefaulted(key)", "this.isDefaulted(yargs, key)").replace("  runDefault", """  // Check defaults for key (and camel case version of key)
  isDefaulted(yargs: YargsInstance, key: string): boolean {
    const {default: defaults} = yargs.getOptions();
    return (
      Object.prototype.hasOwnProperty.call(defaults, key) ||
      Object.prototype.hasOwnProperty.call(defaults, this.shim.Parser.camelCase(key))
    );
  }
  runDefault""")


def test_a_method_taken_into_another_class_that_calls_differently_is_removed_from_the_old_one():
    files = {"lib/command.ts": (COMMAND, COMMAND_AFTER), "lib/yargs-factory.ts": (FACTORY, FACTORY_AFTER)}
    text = analysis_text(analysed(files, "refactor: make isDefaulted private"))
    assert "Public `YargsInstance.isDefaulted` removed" in text, text
    assert "Moves `CommandInstance.isDefaulted`" not in text and "New `CommandInstance.isDefaulted`" not in text, text
    # its comment came with it: not a comment the commit adds
    assert "Comment added" not in text, text
    # pulled up unchanged into another class (a base), the method moved: callers reach it as before
    pulled = COMMAND.replace("  runDefault", FACTORY.split("  locale")[0].split("return this;\n  }\n")[1] + "  runDefault")
    text = analysis_text(analysed({"lib/command.ts": (COMMAND, pulled), "lib/yargs-factory.ts": (FACTORY, FACTORY_AFTER)},
                                  "Move isDefaulted to the base"))
    assert "Moves `CommandInstance.isDefaulted` to `lib/command.ts`" in text and "removed" not in text, text


TYPES = """package com.google.auto.common;

public final class MoreTypes {
  public static boolean equal(TypeMirror a, TypeMirror b) {
    return a.equals(b);
  }
}
"""


def test_a_pointer_whose_target_was_blanked_out_is_not_quoted():
    files = {"common/src/main/java/com/google/auto/common/MoreTypes.java":
             (TYPES, TYPES.replace("  public static boolean", '  @SuppressWarnings("TypeEquals")\n  public static boolean'))}
    message = ("Suppress warnings about TypeMirror.equals where we call it deliberately.\n\nSee [] for more details\n\n"
               "RELNOTES=Suppress TypeEquals check\n")
    text = analysis_text(analysed(files, message))
    assert "See [" not in text and "`@SuppressWarnings(\"TypeEquals\")`" in text, text
    # a pointer that names its target is the author's word
    text = analysis_text(analysed(files, message.replace("See []", "See [the TypeEquals check's page]")))
    assert "See \\[the TypeEquals check's page\\] for more details" in text or \
        "See [the TypeEquals check's page] for more details" in text, text


ELEMENTS = """package com.google.auto.common;

public final class MoreElements {
  public static ImmutableSet<ExecutableElement> getLocalAndInheritedMethods(TypeElement type, Types typeUtils) {
    return getLocalAndInheritedMethods(type, new ExplicitOverrides(typeUtils));
  }
HELPERS}
"""
PUBLIC = """
  public static ImmutableSet<ExecutableElement> getAllMethods(TypeElement type, Types typeUtils) {
    return getAllMethods(type, new ExplicitOverrides(typeUtils));
  }
"""
PRIVATE = """
  private static ImmutableSet<ExecutableElement> NAME(TypeElement type, Overrides overrides) {
    SetMultimap<String, ExecutableElement> methodMap = LinkedHashMultimap.create();
    return ImmutableSet.copyOf(methodMap.values());
  }
"""


def test_a_private_overload_of_a_new_public_method_is_not_a_new_private_helper_beside():
    before = ELEMENTS.replace("HELPERS", "")
    after = ELEMENTS.replace("new ExplicitOverrides(typeUtils));\n  }\n", "new ExplicitOverrides(typeUtils)).stream()"
                             ".filter(m -> !m.isStatic()).collect(toImmutableSet());\n  }\n")
    files = {"common/src/main/java/com/google/auto/common/MoreElements.java":
             (before, after.replace("HELPERS", PUBLIC + PRIVATE.replace("NAME", "getAllMethods")))}
    text = analysis_text(analysed(files, "Add MoreElements.getAllMethods"))
    assert "Adds `MoreElements.getAllMethods`" in text and "new private `MoreElements.getAllMethods`" not in text, text
    # a private helper of its own name is still named beside the method it serves
    files = {"common/src/main/java/com/google/auto/common/MoreElements.java":
             (before, after.replace("HELPERS", PUBLIC + PRIVATE.replace("NAME", "collectMethods")))}
    text = analysis_text(analysed(files, "Add MoreElements.getAllMethods"))
    assert "with the new private `MoreElements.collectMethods`" in text, text


def test_a_translations_new_strings_are_not_the_days_configuration():
    from datetime import datetime, timezone

    from analysis.highlights import heuristic_highlights
    from analysis.models import Analysis, Commit, CommitReport, Fact, FileChange

    def report(n: int, path: str, symbol: str, after: str) -> CommitReport:
        commit = Commit(sha=f"{n:040x}", author="Ann", message="change", details_loaded=True,
                        committed_at=datetime(2026, 2, 14, 9, n, tzinfo=timezone.utc),
                        files=[FileChange(path=path, additions=1, deletions=0)])
        facts = [Fact(kind="config_key_added", path=path, symbol=symbol, after=after)]
        return CommitReport(commit=commit, analysis=Analysis(change_type="fix", importance="low", summary=["x"],
                                                             facts=facts))

    day = [report(1, "locales/ru.json", '["Positionals:"]', "Позиционные аргументы:"),
           report(2, "config/defaults.json", "server.timeout", "30")]
    text = "\n".join(heuristic_highlights(day, "en"))
    assert "`server.timeout` added" in text and "Positionals" not in text, text


FIFO = """namespace lib {
template <class K>
class fifo_map {
    M m;
};

inline void swap(fifo_map<K>& m1, fifo_map<K>& m2)
{
    m1.swap(m2);
}
}
"""
SIZE = FIFO.replace("inline void swap(fifo_map<K>& m1, fifo_map<K>& m2)", "inline size_t size(const fifo_map<K>& m)")
UNIT = """TEST_CASE("element access")
{
    SECTION("value")
    {
        // this test is in fact different than the one below,
        // where as any other number does not
        CHECK(j.value("x", 1) == 1);
    }
}
"""


def _nolint(text: str) -> tuple[str, str]:
    line = next(ln for ln in text.splitlines() if ln.startswith("inline"))
    return text, text.replace(line, line + " // NOLINT(cert-dcl58-cpp)")


def test_comment_fixes_in_several_files_are_not_all_said_to_be_on_one_files_definition():
    files = {"src/fifo_map.hpp": _nolint(FIFO),
             "src/access.cpp": (UNIT, UNIT.replace("different than", "different from").replace("where as", "whereas"))}
    text = analysis_text(analysed(files, "Fix CI"))
    assert "Comments and docstrings only in" in text and "on `swap`" not in text, text
    # each file's comment on a definition of its own: said on them
    files = {"src/fifo_map.hpp": _nolint(FIFO), "src/size.hpp": _nolint(SIZE)}
    text = analysis_text(analysed(files, "Silence the checks"))
    assert "on `swap`, `size`" in text, text


HELPERS = """import {applyExtends as _applyExtends} from '../build/lib/utils/apply-extends.js';
import shim from '../lib/platform-shims/esm.mjs';

const applyExtends = (config, cwd, mergeExtends) => {
  return _applyExtends(config, cwd, mergeExtends, shim);
};

export {applyExtends};
"""
IMPORTER = "import {applyExtends} from 'FROM';\n\nconst config = applyExtends({}, process.cwd(), true);\n"


def test_a_test_importing_a_module_does_not_make_its_exports_internal():
    changed = HELPERS.replace("=> {\n", "=> {\n  check(config);\n")
    files = {"helpers/helpers.mjs": (HELPERS, changed),
             "test/esm/helpers.mjs": (IMPORTER.replace("FROM", "../../helpers.mjs"),
                                      IMPORTER.replace("FROM", "../../helpers/helpers.mjs"))}
    text = analysis_text(analysed(files, "fix: check the config"))
    assert "helpers (+1/−0): `applyExtends`" in text, text
    # a product module importing it shares it inside the package
    files["lib/command.mjs"] = (IMPORTER.replace("FROM", "../helpers/helpers.mjs"),
                                IMPORTER.replace("FROM", "../helpers/helpers.mjs") + "export default config;\n")
    text = analysis_text(analysed(files, "fix: check the config"))
    assert "internal `applyExtends`" in text, text


VISITOR = """package com.google.auto.factory.processor;

final class TypeVariables {
  static Set<TypeVariable> referenced(TypeMirror type) {
    return type.accept(new Visitor(), new HashSet<>());
  }
}
"""


def test_a_release_note_that_restates_the_title_and_a_hashtag_line_are_not_points():
    files = {"factory/src/main/java/com/google/auto/factory/processor/TypeVariables.java":
             (VISITOR, VISITOR.replace("new HashSet<>()", "new HashSet<>(4)"))}
    title = "Prevent stack overflow caused by self referencing types."
    text = analysis_text(analysed(files, f"{title}\n\n#AutoFactory\n\nRELNOTES=\"{title}\"\n"))
    assert "RELNOTES" not in text and "#AutoFactory" not in text, text
    assert "Changes `TypeVariables.referenced`" in text, text
    # a release note in words of its own is the author's point
    text = analysis_text(analysed(files, f"{title}\n\n#AutoFactory\n\nRELNOTES=Handle self-referencing bounds.\n"))
    assert "RELNOTES=Handle self-referencing bounds." in text and "#AutoFactory" not in text, text


PAIR = """namespace lib {
class json {
  public:
    bool is_pair() const
    {
        return element_ref->is_array() && element_ref->size() == 2 && (*element_ref)[INDEX].is_string();
    }
};
}
"""


def test_a_long_line_whose_change_is_inside_one_long_token_is_quoted_up_to_its_change():
    files = {"src/json.cpp": (PAIR.replace("INDEX", "0"), PAIR.replace("INDEX", "static_cast<size_type>(0)"))}
    text = analysis_text(analysed(files, "Fix init-list construction when size_type is not int"))
    # (defects50b mended the same cut the same day in ``code_pair``; its window shows both sides to the change)
    assert "→ `…== 2 && (*element_ref)[static_cast<size_type>(0)].is_string();`" in text, text
    assert "`…== 2 && (*element_ref)[0].is_string();`" in text, text
