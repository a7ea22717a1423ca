"""Whether a symbol is public, by each language's reach: Rust's restricted ``pub(...)`` and private scopes,
members of exported (also CommonJS-exported) JS classes, Java package-private and protected members, Go
methods of unexported types, Python names nested in private classes or modules."""

from __future__ import annotations

from tests.facts_support import facts_of


def _public(path: str, before: str, after: str) -> dict[str, bool]:
    return {f["symbol"]: f["public"] for f in facts_of({path: (before, after)}) if "public" in f}


def test_rust_restricted_visibility_private_types_traits_and_inline_modules_are_not_public():
    before = "pub struct Api;\n"
    after = before + (
        "pub(crate) struct Boxed;\npub(super) fn up() {}\npub(in crate::a) fn inner() {}\npub(self) fn me() {}\n"
        "struct Hidden;\nimpl Hidden { pub fn method(&self) {} }\n"
        "trait Private { fn call(&self); }\nimpl<T> Private for T { fn call(&self) {} }\n"
        "mod private { pub fn reached() {} }\npub mod open { pub fn api() {} pub(crate) fn not_api() {} }\n"
        "impl Api { pub fn run(&self) {} fn helper(&self) {} }\n"
        "impl Clone for Api { fn clone(&self) -> Self { Api } }\n")
    assert _public("src/lib.rs", before, after) == {
        "Boxed": False, "up": False, "inner": False, "me": False, "Hidden": False, "Private": False,
        "T::call": False, "private::reached": False, "open::api": True, "open::not_api": False,
        "Api::run": True, "Api::helper": False, "Api::clone": True,
    }


def test_rust_hunk_fallback_does_not_count_restricted_pub_as_public():
    before = "fn a() {}\n"
    after = before + "pub(crate) fn b() {}\npub fn c() {}\n"
    found = {f["symbol"]: f["public"] for f in facts_of({"src/lib.rs": (before, after)}, read=False)}
    assert found == {"a": False, "b": False, "c": True}  # a: the hunk's context


def test_js_members_of_classes_exported_by_commonjs_or_export_clause_are_public():
    before = "class Command {}\nclass Hidden {}\nmodule.exports = { Command };\n"
    after = ("class Command {\n  storeOptionsAsProperties() {}\n  _parseOptions() {}\n  #secret() {}\n}\n"
             "class Hidden {\n  method() {}\n}\nmodule.exports = { Command };\n")
    assert _public("lib/command.js", before, after) == {
        "Command.storeOptionsAsProperties": True, "Command._parseOptions": False, "Command.#secret": False,
        "Hidden.method": False}
    ts_after = "class A {\n  run(): void {}\n  private stop(): void {}\n}\nexport { A };\n"
    assert _public("src/a.ts", "class A {}\nexport { A };\n", ts_after) == {"A.run": True, "A.stop": False}
    assert _public("lib/b.js", "function b() {}\n", "function b(x) {}\nexports.b = b;\n") == {"b": True}


def test_java_package_private_protected_and_members_of_non_public_types_are_not_public():
    before = "public class A {\n}\nclass Q {\n}\n"
    after = ("public class A {\n  public void a() {}\n  void b() {}\n  protected void c() {}\n  private void d() {}\n"
             "  private static class P {\n    public void g() {}\n  }\n  public interface I {\n    void e();\n  }\n}\n"
             "class Q {\n  public void h() {}\n}\n")
    assert _public("src/main/java/A.java", before, after) == {
        "A.a": True, "A.b": False, "A.c": False, "A.d": False, "A.P": False, "A.I": True, "Q.h": False}


def test_go_exported_methods_of_unexported_types_are_not_public():
    before = "package x\n\ntype server struct{}\n\ntype Server struct{}\n"
    after = before + "\nfunc (s *server) Handle() {}\n\nfunc (s *Server) Handle() {}\n\nfunc (s Server) close() {}\n"
    assert _public("x/server.go", before, after) == {
        "server.Handle": False, "Server.Handle": True, "Server.close": False}
    hunks = {f["symbol"]: f["public"] for f in facts_of({"x/server.go": (before, after)}, read=False)}
    assert hunks == {"Server": True, "server.Handle": False, "Server.Handle": True, "Server.close": False}


def test_python_names_in_private_modules_or_nested_in_private_classes_are_not_public():
    before = "class Q:\n    pass\n"
    after = "class Q:\n    class _R:\n        def n(self):\n            pass\n\n    def o(self):\n        pass\n"
    # (``Q`` itself is not modified: its ``pass`` made way for members, which are said on their own)
    assert _public("pkg/mod.py", before, after) == {"Q._R": False, "Q.o": True}
    assert _public("pkg/_impl/mod.py", before, after) == {"Q._R": False, "Q.o": False}


def test_doc_comments_that_mark_an_item_private_or_hidden_keep_it_out_of_the_public_api():
    before = "class Command {\n}\nmodule.exports = { Command };\n"
    after = ("class Command {\n  /**\n   * Unknown option.\n   *\n   * @api private\n   */\n  unknownOption(flag) {}\n\n"
             "  /** @internal */\n  _wire() {}\n\n  /**\n   * Documented.\n   */\n  parse(argv) {}\n}\n"
             "module.exports = { Command };\n")
    assert _public("lib/command.js", before, after) == {
        "Command.unknownOption": False, "Command._wire": False, "Command.parse": True}
    rust = "pub fn keep() {}\n"
    rust_after = rust + "#[doc(hidden)]\npub fn __private_api() {}\n#[doc(hidden)]\n#[macro_export]\nmacro_rules! __m { () => {} }\n"
    assert _public("src/lib.rs", rust, rust_after) == {"__private_api": False, "__m": False}


def test_go_and_java_internal_packages_are_not_public():
    go = ("package x\n\nfunc A() {}\n", "package x\n\nfunc A() {}\n\nfunc B() {}\n")
    java = ("public class A {\n}\n", "public class A {\n  public void b() {}\n}\n")
    assert _public("pkg/internal/x/x.go", *go) == {"B": False}
    assert _public("src/main/java/com/x/internal/A.java", *java) == {"A.b": False}
    assert _public("src/main/java/com/x/A.java", *java) == {"A.b": True}
    assert {f["symbol"]: f["public"] for f in facts_of({"internal/x.go": go}, read=False)} == {"A": False, "B": False}


def test_python_dunder_all_lists_the_public_names():
    before = '__all__ = ["Client", "get"]\n\n\nclass Client:\n    pass\n'
    after = ('__all__ = ["Client", "get"]\n\n\nclass Client:\n    def send(self):\n        pass\n\n\n'
             'def get():\n    pass\n\n\ndef helper():\n    pass\n')
    assert _public("pkg/api.py", before, after) == {"Client.send": True, "get": True, "helper": False}
    dynamic = after.replace('__all__ = ["Client", "get"]', "__all__ = names()")
    assert _public("pkg/api.py", before.replace('__all__ = ["Client", "get"]', "__all__ = names()"),
                   dynamic)["helper"] is True  # an __all__ we cannot read says nothing
