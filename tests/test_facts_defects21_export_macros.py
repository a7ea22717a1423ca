"""C headers whose declarations start with an upper-case export macro (``JSON_EXPORT int f(void);``): the return
type read is the declared one, so swapping ``extern`` for such a macro is no return-type change (defects21)."""

from __future__ import annotations

from analysis.facts.code.symbols import parse_file
from tests.facts_support import facts_of

_PLAIN = """#ifndef J_H
#define J_H
extern struct json_object* json_object_get(struct json_object *obj);
extern int json_object_put(struct json_object *obj);
extern const char* json_object_to_json_string(struct json_object *obj);
#endif
"""
_EXPORTED = _PLAIN.replace("extern ", "JSON_EXPORT ").replace("#define J_H\n",
                                                              "#define J_H\n#define JSON_EXPORT extern\n")


def test_the_return_type_after_an_export_macro_is_the_declared_one():
    symbols = parse_file("include/json_object.h", _EXPORTED).symbols
    assert symbols["json_object_put"].returns == "int"
    assert symbols["json_object_get"].returns == "struct json_object *"
    assert symbols["json_object_to_json_string"].returns == "char *"


def test_extern_swapped_for_an_export_macro_is_no_signature_change():
    facts = facts_of({"include/json_object.h": (_PLAIN, _EXPORTED)})
    modified = {f["symbol"] for f in facts if f["kind"] == "symbol_modified"}
    assert modified == {"json_object_get", "json_object_put", "json_object_to_json_string"}
    assert not [f for f in facts if f["kind"] == "signature_changed"]


def test_a_capital_type_name_before_a_function_name_is_left_alone():
    symbols = parse_file("src/win.c", "BOOL is_ready(int fd) {\n    return fd > 0;\n}\n").symbols
    assert symbols["is_ready"].returns == "BOOL"
