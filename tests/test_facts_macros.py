"""Items defined through macros or factories: a type that was a plain definition and is now declared inside a
macro invocation (Rust ``define_rejection! { pub struct X; }``, C ``#define`` or ``DECLARE_X(name)``, Python
``namedtuple("X", ...)``) is modified, not removed; items a macro declares are symbols of their own."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

RUST_BEFORE = '''use crate::Error;

/// Rejection for a bad body.
#[derive(Debug)]
pub struct DecodeError(Error);

impl IntoResponse for DecodeError {
    fn into_response(self) -> Response {
        (StatusCode::BAD_REQUEST, "bad").into_response()
    }
}

pub enum Rejection {
    Decode(DecodeError),
}
'''

RUST_AFTER = '''use crate::Error;

define_rejection! {
    #[status = BAD_REQUEST]
    #[body = "bad"]
    /// Rejection for a bad body.
    pub struct DecodeError(Error);
}

composite_rejection! {
    pub enum Rejection {
        DecodeError,
    }
}
'''


def test_rust_types_now_defined_through_macros_are_modified_and_their_generated_impls_not_removed():
    assert facts_of({"src/protobuf.rs": (RUST_BEFORE, RUST_AFTER)}) == [
        fact("symbol_modified", "src/protobuf.rs", symbol="DecodeError", public=True,
             text="struct, now defined through define_rejection!"),
        fact("symbol_modified", "src/protobuf.rs", symbol="Rejection", public=True,
             text="enum, now defined through composite_rejection!"),
    ]


def test_rust_macro_declared_items_are_symbols_and_macro_rules_are_too():
    before = RUST_AFTER + "\nmacro_rules! helper {\n    () => {};\n}\n"
    after = (RUST_AFTER.replace("        DecodeError,\n", "        DecodeError,\n        TooLarge,\n")
             + "\ndefine_rejection! {\n    pub(crate) struct TooLarge;\n}\n"
             + "\nmacro_rules! helper {\n    ($x:expr) => {};\n}\n")
    assert facts_of({"src/protobuf.rs": (before, after)}) == [
        fact("symbol_modified", "src/protobuf.rs", symbol="Rejection", public=True, text="enum"),
        fact("symbol_added", "src/protobuf.rs", symbol="TooLarge", public=False, text="struct"),
        fact("symbol_modified", "src/protobuf.rs", symbol="helper", public=False, text="macro"),
    ]


def test_c_struct_now_generated_by_a_macro_or_define_is_not_removed():
    before = "struct list_node {\n    int v;\n};\n\nstruct point {\n    int x;\n};\n\nint keep(void);\n"
    after = "DECLARE_LIST(list_node, int);\n\n#define point struct point_impl\n\nint keep(void);\n"
    assert facts_of({"include/lib.h": (before, after)}) == [
        fact("symbol_modified", "include/lib.h", symbol="point", public=True, text="struct, now defined through #define"),
        fact("symbol_modified", "include/lib.h", symbol="list_node", public=True,
             text="struct, now defined through DECLARE_LIST()"),
    ]
    gone = "int keep(void);\n"
    assert [f["kind"] for f in facts_of({"include/lib.h": (before, gone)})] == ["symbol_removed", "symbol_removed"]


def test_python_class_now_made_by_a_factory_is_modified_and_factories_define_classes():
    before = "class Point:\n    x: int\n    y: int\n"
    after = 'Point = namedtuple("Point", ["x", "y"])\nUserId = NewType("UserId", int)\nT = TypeVar("T")\n'
    assert facts_of({"pkg/geometry.py": (before, after)}) == [
        fact("symbol_modified", "pkg/geometry.py", symbol="Point", public=True,
             text="class, now defined through namedtuple()"),
        fact("symbol_added", "pkg/geometry.py", symbol="UserId", public=True, text="class"),
    ]


def test_a_headers_macros_are_its_api_and_static_inline_functions_too():
    before = ("#ifndef LIB_H\n#define LIB_H\n#define MAX_LEN 10\n#define readerCreate redisReaderCreate\n"
              "#define SQ(x) ((x)*(x))\nstatic inline int len(const char *s) { return 0; }\nint len(const char *s);\n#endif\n")
    after = ("#ifndef LIB_H\n#define LIB_H\n#define MAX_LEN 12\n#define SQ(x, y) ((x)*(y))\n"
             "static inline int len(const char *s) { return 1; }\n#endif\n")
    assert facts_of({"include/lib.h": (before, after)}) == [
        fact("symbol_modified", "include/lib.h", symbol="MAX_LEN", public=True, text="macro"),
        fact("signature_changed", "include/lib.h", symbol="SQ", public=True, before="(x)", after="(x, y)", text="adds y"),
        fact("symbol_modified", "include/lib.h", symbol="len", public=True, text="function"),
        fact("symbol_removed", "include/lib.h", symbol="readerCreate", public=True, text="macro"),
    ]


def test_a_header_macro_its_own_code_uses_is_plumbing_not_api():
    before = ("#define LIB_FWD(...) static_cast<decltype(__VA_ARGS__)&&>(__VA_ARGS__)\n"
              "#define LIB_USE_LITERALS 1\n#if LIB_USE_LITERALS\nint lit(void);\n#endif\n"
              "#define libOldName libNewName\nint call(int x);\n")
    after = "int lit(void);\nint call(int x);\n"
    assert {f["symbol"]: f["public"] for f in facts_of({"include/lib/base.h": (before, after)})} == {
        "LIB_FWD": True, "LIB_USE_LITERALS": False, "libOldName": True}
