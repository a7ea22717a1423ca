"""Rules of the round tuned on the twenty-third fresh set (issue 8, tune23), each on a small snippet: a Python
project's invoke/Fabric tasks are maintainers' tooling; Cargo's ``package =`` names the crate a dependency builds;
Rust code gated on a cfg the build script stops setting is deleted for supported compilers alike; a Python operator
method's parameter renamed breaks no call; an exception named by a fix that raises one itself is no crash; a
registry's manifest deleted at the root; Go's encoding hooks added to an existing type; C++'s
``static_cast<void>(x)`` spelt where C's ``(void)x`` was."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.api.encoding_hooks import encoding_hooks_added
from analysis.analyzers.heuristic.code.respelled.c_respellings import c_respelled_only
from analysis.analyzers.heuristic.code.respelled.cfgs_retired import cfgs_retired_only
from analysis.analyzers.heuristic.config.builds.registry_manifests import registry_manifests_removed
from analysis.analyzers.heuristic.paths import classify_path
from analysis.analyzers.heuristic.rules import WHITESPACE_BEHAVIOUR, cosmetic
from analysis.analyzers.signatures import compare
from analysis.models import Fact, FileChange
from tests.facts_support import analysed, facts_of


def test_a_python_projects_task_runner_is_tooling() -> None:
    for path in ("tasks/check.py", "tasks/__init__.py", "tasks/release/notes.py", "tasks.py", "fabfile.py"):
        assert "tooling" in classify_path(path), path


def test_an_ansible_roles_tasks_or_a_packages_own_tasks_module_is_not() -> None:
    assert "tooling" in classify_path("tasks/check.py")  # the task runner itself is
    for path in ("tasks/main.yml", "src/worker/tasks.py", "celery_app/tasks/send.py"):
        assert "tooling" not in classify_path(path), path


_CARGO = """[package]
name = "semver"
version = "1.0.26"

[dependencies]
serde = {{ {package}version = "1.0.194", optional = true, default-features = false }}
"""


def test_a_cargo_dependency_switched_to_another_package_under_the_same_key_is_a_swap() -> None:
    before, after = _CARGO.format(package=""), _CARGO.format(package='package = "serde_core", ')
    kinds = [(f["kind"], f.get("symbol")) for f in facts_of({"Cargo.toml": (before, after)})]
    assert ("dependency_changed", "serde") in kinds and ("dependency_changed", "serde_core") in kinds
    assert analysed({"Cargo.toml": (before, after)}, "Switch serde dependency to serde_core").importance == "medium"


def test_the_same_package_under_its_key_is_no_swap() -> None:
    same = _CARGO.format(package='package = "serde_core", ')
    assert not facts_of({"Cargo.toml": (same, same.replace('"1.0.194"', '"1.0.194" '))})
    kinds = [(f["kind"], f.get("symbol")) for f in facts_of({"Cargo.toml": (same, same.replace("194", "195"))})]
    assert kinds == [("dependency_changed", "serde_core")]  # a version moved, named by the crate built


def _hunks(text: str) -> str:
    """``text`` with each ``@@`` header's line counts set from the lines under it."""
    out, block = [], []

    def flush() -> None:
        if block:
            old = sum(1 for ln in block[1:] if ln[:1] in " -")
            new = sum(1 for ln in block[1:] if ln[:1] in " +")
            start, context = re.match(r"@@ -(\d+)[^@]*@@(.*)", block[0]).groups()
            out.extend([f"@@ -{start},{old} +{start},{new} @@{context}", *block[1:]])
            block.clear()
    for line in text.splitlines():
        if line.startswith("@@"):
            flush()
        block.append(line)
    flush()
    return "\n".join(out) + "\n"


_BUILD_RS = """@@ -11 @@ fn main() {
     if compiler >= 80 {
-        println!("cargo:rustc-check-cfg=cfg(no_const_vec_new)");
         println!("cargo:rustc-check-cfg=cfg(no_non_exhaustive)");
     }
 
-    if compiler < 39 {
-        // const Vec::new.
-        println!("cargo:rustc-cfg=no_const_vec_new");
-    }
-
     if compiler < 40 {
"""
_LIB_RS = """@@ -187 @@ pub struct Version {
 #[derive(Clone, Eq, PartialEq, Hash, Debug)]
-#[cfg_attr(no_const_vec_new, derive(Default))]
 pub struct VersionReq {
@@ -496 @@ impl VersionReq {
-    #[cfg(not(no_const_vec_new))] // rustc <1.39
     pub const STAR: Self = VersionReq {
@@ -89 @@ impl FromStr for VersionReq {
             if rest.is_empty() {
-                #[cfg(not(no_const_vec_new))]
                 return Ok(VersionReq::STAR);
-                #[cfg(no_const_vec_new)] // rustc <1.39
-                return Ok(VersionReq {
-                    comparators: Vec::new(),
-                });
             } else if rest.starts_with(',') {
@@ -258 @@ pub struct Comparator {
-#[cfg_attr(not(no_const_vec_new), non_exhaustive)]
+#[non_exhaustive]
 pub enum Op {
"""


def _rust(lib: str, build: str = _BUILD_RS) -> tuple[list[FileChange], list[FileChange]]:
    product = [FileChange(path="src/lib.rs", patch=_hunks(lib))]
    return product, product + [FileChange(path="build.rs", patch=_hunks(build) if build else build)]


def test_code_gated_on_a_cfg_the_build_script_stops_setting_is_deleted_alike() -> None:
    assert cfgs_retired_only(*_rust(_LIB_RS))


_BUILD_BEFORE = """fn main() {
    let compiler = rustc_minor_version();
    if compiler < 39 {
        // const Vec::new.
        println!("cargo:rustc-cfg=no_const_vec_new");
    }
    if compiler < 40 {
        println!("cargo:rustc-cfg=no_non_exhaustive");
    }
}
"""
_SRC_BEFORE = """pub struct VersionReq {
    pub comparators: Vec<Comparator>,
}

impl VersionReq {
    pub fn star() -> Self {
        #[cfg(not(no_const_vec_new))]
        return VersionReq::STAR;
        #[cfg(no_const_vec_new)] // rustc <1.39
        return VersionReq {
            comparators: Vec::new(),
        };
    }
}
"""


def test_a_merge_deleting_a_retired_cfg_and_its_code_reads_low() -> None:
    build = _BUILD_BEFORE.replace("""    if compiler < 39 {
        // const Vec::new.
        println!("cargo:rustc-cfg=no_const_vec_new");
    }
""", "")
    src = _SRC_BEFORE.replace("""        #[cfg(not(no_const_vec_new))]
        return VersionReq::STAR;
        #[cfg(no_const_vec_new)] // rustc <1.39
        return VersionReq {
            comparators: Vec::new(),
        };
""", "        return VersionReq::STAR;\n")
    files = {"build.rs": (_BUILD_BEFORE, build), "src/lib.rs": (_SRC_BEFORE, src)}
    assert analysed(files, "Merge pull request #337 from dtolnay/up\n\nDelete no_const_vec_new configuration"
                    ).importance == "low"


def test_other_code_a_cfg_still_set_or_another_attribute_is_not() -> None:
    assert cfgs_retired_only(*_rust(_LIB_RS))  # the same snippets, unaltered, are
    assert not cfgs_retired_only(*_rust(_LIB_RS + "@@ -300 @@\n fn f() {\n-    let x = 1;\n }\n"))
    assert not cfgs_retired_only(*_rust(_LIB_RS.replace("+#[non_exhaustive]", "+#[derive(Default)]\n+#[inline]")))
    kept = _BUILD_RS + '+    if compiler < 38 {\n+        println!("cargo:rustc-cfg=no_const_vec_new");\n+    }\n'
    assert not cfgs_retired_only(*_rust(_LIB_RS, kept))
    assert not cfgs_retired_only(*_rust(_LIB_RS, ""))
    assert not cfgs_retired_only([FileChange(path="src/lib.c", patch=_LIB_RS)], _rust(_LIB_RS)[1])


def test_a_python_operator_methods_parameter_renamed_breaks_no_call() -> None:
    for symbol in ("OutOfOrderTableProxy.__setitem__", "Key.__eq__"):
        delta = compare("(self, key: str, item: Any) -> None", "(self, key: str, value: Any) -> None",
                        "tomlkit/container.py", symbol)
        assert delta.parsed and not delta.breaking
        # a parameter the operator now needs is still a break: only the name is the caller's no concern
        assert compare("(self, key: str) -> None", "(self, key: str, value: Any) -> None", "tomlkit/container.py",
                       symbol).breaking


_PROXY = """class OutOfOrderTableProxy:
    def __setitem__(self, key: str, item: object) -> None:
        self._container[key] = item
"""


def test_a_commit_renaming_an_operator_methods_parameter_reads_no_break() -> None:
    after = _PROXY.replace("item: object", "value: object").replace("= item", "= value")
    analysis = analysed({"tomlkit/container.py": (_PROXY, after)}, "refactor: call the assigned item value")
    assert analysis.importance != "high"
    renamed = after.replace("__setitem__", "set_item")
    before = _PROXY.replace("__setitem__", "set_item")
    assert analysed({"tomlkit/container.py": (before, renamed)}, "refactor: call the assigned item value"
                    ).importance == "high"


def test_a_constructors_or_a_plain_methods_parameter_renamed_still_does() -> None:
    before, after = "(self, key: str, item: Any) -> None", "(self, key: str, value: Any) -> None"
    assert not compare(before, after, "tomlkit/container.py", "Proxy.__setitem__").breaking  # as above
    for symbol in ("Proxy.__init__", "Proxy.__call__", "Proxy.setitem", ""):
        assert compare(before, after, "tomlkit/container.py", symbol).breaking, symbol
    assert compare(before, after, "tomlkit/container.go", "Proxy.__setitem__").breaking is False  # positional


_TAGS_BEFORE = '''def _generic_abi():
    soabi = _get_config_var("SOABI")
    if soabi.startswith("cpython"):
        abi = "cp" + soabi.split("-")[1]
    return [abi]
'''
_TAGS_AFTER = '''def _generic_abi():
    soabi = _get_config_var("SOABI")
    if soabi.startswith("cpython"):
        parts = soabi.split("-")
        if len(parts) < 2 or not parts[1]:
            raise SystemError("invalid sysconfig.get_config_var('EXT_SUFFIX')")
        abi = "cp" + parts[1]
    return [abi]
'''
_TAGS_TEST = "def test_malformed_suffix():\n    with pytest.raises(SystemError):\n        tags._generic_abi()\n"


def test_a_fix_that_raises_the_exception_it_names_is_no_crash_fixed() -> None:
    files = {"src/packaging/tags.py": (_TAGS_BEFORE, _TAGS_AFTER), "tests/test_tags.py": ("", _TAGS_TEST)}
    assert analysed(files, "fix(tags): raise SystemError for a malformed cpython EXT_SUFFIX").importance == "medium"


def test_a_fix_naming_an_exception_reads_medium_a_crash_still_reads_high() -> None:
    files = {"src/packaging/tags.py": (_TAGS_BEFORE, _TAGS_AFTER), "tests/test_tags.py": ("", _TAGS_TEST)}
    assert analysed(files, "fix(tags): raise SystemError for a malformed cpython EXT_SUFFIX").importance == "medium"
    guarded = _TAGS_AFTER.replace('raise SystemError("invalid sysconfig.get_config_var(\'EXT_SUFFIX\')")',
                                  "return []")
    files["src/packaging/tags.py"] = (_TAGS_BEFORE, guarded)
    # (an exception's name alone is no crash either, tuneH's reading across repositories: medium)
    assert analysed(files, "fix(tags): IndexError for a malformed cpython EXT_SUFFIX").importance == "medium"
    files["src/packaging/tags.py"] = (_TAGS_BEFORE, _TAGS_AFTER)
    assert analysed(files, "fix(tags): crash for a malformed cpython EXT_SUFFIX").importance == "high"


_BOWER = '{\n  "name": "js-yaml",\n  "main": "dist/js-yaml.js"\n}\n'


def test_a_registrys_manifest_deleted_at_the_root_reads_medium() -> None:
    assert registry_manifests_removed([FileChange(path="bower.json", status="removed")]) == ["bower.json"]
    assert analysed({"bower.json": (_BOWER, None)}, "Drop bower.json").importance == "medium"


def test_a_manifest_edited_or_one_deleted_below_the_root_is_not() -> None:
    assert analysed({"bower.json": (_BOWER, None)}, "Drop bower.json").importance == "medium"  # as above
    assert not registry_manifests_removed([FileChange(path="bower.json", status="modified"),
                                           FileChange(path="examples/web/bower.json", status="removed"),
                                           FileChange(path=".eslintrc.json", status="removed")])
    assert analysed({"bower.json": (_BOWER, _BOWER.replace("js-yaml.js", "js-yaml.min.js"))},
                    "Point bower at the minified build").importance == "low"


_SQL_BEFORE = "package uuid\n\ntype UUID []byte\n\nfunc (uuid *UUID) Scan(src interface{}) error {\n\treturn nil\n}\n"
_VALUER = "\nfunc (uuid UUID) Value() (driver.Value, error) {\n\treturn uuid.String(), nil\n}\n"


def test_a_go_encoding_hook_added_to_an_existing_type_reads_high() -> None:
    after = _SQL_BEFORE.replace("package uuid\n", 'package uuid\n\nimport "database/sql/driver"\n') + _VALUER
    assert analysed({"sql.go": (_SQL_BEFORE, after)}, "Add support for driver.Valuer.").importance == "high"
    hook = Fact(kind="symbol_added", path="json.go", symbol="UUID.MarshalJSON", public=True,
                after="() -> ([]byte, error)", text="method")
    assert encoding_hooks_added([hook]) == ["UUID.MarshalJSON"]


def test_a_method_of_another_form_a_new_type_or_another_language_is_not() -> None:
    valuer = Fact(kind="symbol_added", path="sql.go", symbol="UUID.Value", public=True,
                  after="() -> (driver.Value, error)", text="method")
    assert encoding_hooks_added([valuer]) == ["UUID.Value"]  # as above
    assert not encoding_hooks_added([valuer.model_copy(update={"after": "() -> string"})])
    assert not encoding_hooks_added([valuer, Fact(kind="symbol_added", path="sql.go", symbol="UUID", public=True,
                                                  text="type")])
    assert not encoding_hooks_added([valuer.model_copy(update={"path": "sql.py"})])
    assert not encoding_hooks_added([valuer.model_copy(update={"symbol": "UUID.Values"})])


_VOID_CASTS = """@@ -10,5 +10,5 @@
 #else
-#define DOCTEST_BREAK_INTO_DEBUGGER() ((void)0)
-#endif
-            ((void)res);    // to silence -Wunused-parameter
-#define DOCTEST_WARN_THROWS(...) ((void)0)
+#define DOCTEST_BREAK_INTO_DEBUGGER() (static_cast<void>(0))
+#endif // linux
+            static_cast<void>(res); // to silence -Wunused-parameter
+#define DOCTEST_WARN_THROWS(...) (static_cast<void>(0))
"""


def test_cs_void_cast_spelt_as_cpps_static_cast_is_a_respelling() -> None:
    assert c_respelled_only(_VOID_CASTS, "doctest/parts/doctest_fwd.h", False)
    trimmed = _VOID_CASTS.replace("-10,5 +10,5", "-10,6 +10,6") + "-   \n+\n"
    assert c_respelled_only(trimmed, "doctest/parts/doctest_fwd.h", False)


def test_another_cast_another_value_or_another_statement_is_not() -> None:
    assert c_respelled_only(_VOID_CASTS, "doctest/parts/doctest_fwd.h", False)  # as above
    assert not c_respelled_only(_VOID_CASTS.replace("static_cast<void>(res)", "static_cast<int>(res)"),
                                "doctest/parts/doctest_fwd.h", False)
    assert not c_respelled_only(_VOID_CASTS.replace("static_cast<void>(res)", "static_cast<void>(ret)"),
                                "doctest/parts/doctest_fwd.h", False)
    assert not c_respelled_only(_VOID_CASTS.replace("+#endif // linux", "+#elif 1"),
                                "doctest/parts/doctest_fwd.h", False)


_DUMPER = "function chooseScalarStyle(string) {\n  var char = string.charCodeAt(0);\n  return char;\n}\n"
_OLD_TEST = ("test('should dump astrals as codepoint', function () {\n"
             "  assert.deepEqual(yaml.dump('x'), '\"x\"');\n});\n")
_NEW_TEST = ("test('Should not encode astral characters', function () {\n"
             "  assert.strictEqual(yaml.dump('x'), 'x');\n});\n")


def _replaced(old_test: str = "test/issues/0369.js", new_test: str = "test/issues/0587.js") -> dict:
    return {"lib/dumper.js": (_DUMPER, _DUMPER.replace("string.charCodeAt(0)", "codePointAt(string, 0)")),
            old_test: (_OLD_TEST, None), new_test: (None, _NEW_TEST)}


def test_a_fix_replacing_a_deleted_test_with_a_new_one_reads_high() -> None:
    assert analysed(_replaced(), "Astral characters are no longer encoded by dump").importance == "high"


def test_a_test_moved_or_only_added_or_a_refactor_does_not() -> None:
    assert analysed(_replaced(), "Astral characters are no longer encoded by dump").importance == "high"  # as above
    assert analysed(_replaced(new_test="test/unit/0369.js"), "Astral characters are no longer encoded by dump"
                    ).importance != "high"
    added_only = _replaced()
    del added_only["test/issues/0369.js"]
    assert analysed(added_only, "Astral characters are no longer encoded by dump").importance != "high"
    assert analysed(_replaced(), "refactor: read code points in the dumper").importance != "high"


def test_a_newlines_indentation_is_what_the_product_writes() -> None:
    title = "fix: add newline indentation after existing items in Container class"
    assert WHITESPACE_BEHAVIOUR.search(title) and not cosmetic(title)
    assert not cosmetic("Keep newlines and indentation of multiline strings when dumping")


def test_the_codes_own_indentation_stays_cosmetic() -> None:
    assert not cosmetic("fix: add newline indentation after existing items in Container class")  # as above
    assert cosmetic("Fix indentation in container.py")
    assert cosmetic("Add a newline at the end and fix indentation")
