"""Maintainer-review mends (defects29b: a Rust YAML library, a Java in-memory file system, a C++ TOML header
library): what the digest names must be the code's names, what it calls public must be reachable, and a tool's
export footer is no description."""

from __future__ import annotations

from analysis.analyzers.heuristic.message import message_points
from tests.facts_support import analysed, facts_of

# --- dtolnay/serde-yaml 2023-04-06 (19a7bd3): "Changes `&mut DeserializerFromEvents<, >::deserialize_any`": the
# impl's lifetimes were cut out of the target type's text and left its generic list as `<, >` ---------------------

_RUST = """pub struct Reader<'de, 'doc> {
    depth: usize,
    input: &'de str,
    doc: &'doc str,
}

impl<'de, 'doc> Deserializer<'de> for &mut Reader<'de, 'doc> {
    fn deserialize_any(self) -> usize {
        self.depth
    }
}

impl<'a, T: Clone> Source for Holder<'a, T> {
    fn source(&self) -> usize {
        1
    }
}
"""


def test_an_impl_for_a_reference_to_a_generic_type_names_the_type_without_an_empty_generic_list():
    after = _RUST.replace("self.depth\n", "self.depth + 1\n").replace("        1\n", "        2\n")
    symbols = {f["symbol"] for f in facts_of({"src/de.rs": (_RUST, after)}) if f["kind"] == "symbol_modified"}
    assert symbols == {"&mut Reader::deserialize_any", "Holder::source"}, symbols
    summary = " ".join(analysed({"src/de.rs": (_RUST, after)}, "Fix deserialization of tags").summary)
    assert "<, >" not in summary and "`&mut Reader::deserialize_any`" in summary, summary


def test_a_type_without_lifetimes_keeps_its_other_generic_arguments():
    from analysis.facts.code.rules.rust import _without_lifetimes

    assert _without_lifetimes("&'a T") == "&T"
    assert _without_lifetimes("&mut Reader<'de, 'doc>") == "&mut Reader"
    assert _without_lifetimes("Wrapper<'a, T>") == "Wrapper<T>"
    assert _without_lifetimes("Wrapper<T, 'a>") == "Wrapper<T>"


# --- marzer/tomlplusplus 2023-04-03 (ad55bae): "Changes `string_maker::std::string make`": an attribute macro on the
# line above (`TOML_NODISCARD`) made tree-sitter read `std::string make` as one qualified name with a missing `::` -

_MAKER = """namespace toml
{
	struct string_maker
	{
		template <typename T>
		TOML_NODISCARD
		static std::string make(T&& arg) noexcept
		{
			return std::string(arg);
		}
	};
}
"""


def test_a_macro_above_a_member_leaves_its_name_and_return_type_apart():
    after = _MAKER.replace(") noexcept\n", ")\n").replace("std::string(arg)", "std::string(arg, 1)")
    facts = facts_of({"include/toml/value.hpp": (_MAKER, after)})
    assert [f["symbol"] for f in facts if f["kind"] == "symbol_modified"] == ["string_maker::make"], facts
    widened = _MAKER.replace("(T&& arg)", "(T&& arg, int base)")
    changed = [f for f in facts_of({"include/toml/value.hpp": (_MAKER, widened)}) if f["kind"] == "signature_changed"]
    assert changed and changed[0]["symbol"] == "string_maker::make", changed
    assert changed[0]["after"] == "(arg: T &&, base: int) -> std::string", changed


# --- marzer/tomlplusplus 2025-02-12 (cbc00d6): "internal `TOML_DISABLE_CONDITIONAL_NOEXCEPT_LAMBDA`": a macro the
# header defines only when the includer has not (`#ifndef X` / `#define X 0` / `#endif`) is a setting the includer
# overrides, though the header's own code reads it --------------------------------------------------------------------

_CONFIG = """#ifndef LIB_CONFIG_H
#define LIB_CONFIG_H 1

#define LIB_VERSION_MAJOR 3
{option}
inline int each(int x)
{{
#if !LIB_NO_FAST_PATH
	return x + 1;
#else
	return x;
#endif
}}

#endif
"""
_OPTION = """#ifndef LIB_NO_FAST_PATH
#define LIB_NO_FAST_PATH 0
#endif
"""


def test_a_macro_defined_only_where_the_includer_has_not_is_public_configuration():
    facts = facts_of({"include/lib/config.hpp": (_CONFIG.format(option=""), _CONFIG.format(option=_OPTION))})
    added = {f["symbol"]: f["public"] for f in facts if f["kind"] == "symbol_added"}
    assert added == {"LIB_NO_FAST_PATH": True}, facts
    summary = " ".join(analysed({"include/lib/config.hpp": (_CONFIG.format(option=""), _CONFIG.format(option=_OPTION))},
                                "add LIB_NO_FAST_PATH workaround").summary)
    assert "internal `LIB_NO_FAST_PATH`" not in summary, summary


def test_an_include_guard_with_a_value_stays_plumbing():
    from analysis.facts.code.symbols import parse_file

    parsed = parse_file("include/lib/config.hpp", _CONFIG.format(option=_OPTION))
    assert parsed is not None
    assert parsed.symbols["LIB_CONFIG_H"].public is False
    assert parsed.symbols["LIB_NO_FAST_PATH"].public is True


# --- marzer/tomlplusplus 2023-04-03 (82c3b90 "fixed #108"): "Removes public `is_val_ctor_with_flags`, ...: every
# import or call breaks" (high): the traits sit between `TOML_IMPL_NAMESPACE_START` and `TOML_IMPL_NAMESPACE_END;`,
# a macro pair opening the library's `impl` namespace, which the parser cannot see through -----------------------------

_TRAITS = """#include "node.hpp"

LIB_IMPL_NAMESPACE_START

template <typename...>
struct {detail} : std::false_type
{{}};

LIB_IMPL_NAMESPACE_END

LIB_NAMESPACE_START

template <typename T>
struct {public} : std::true_type
{{}};

LIB_NAMESPACE_END
"""


def test_what_a_macro_opens_as_the_internals_namespace_is_not_public():
    before = _TRAITS.format(detail="is_val_ctor_with_flags", public="is_value_type")
    after = _TRAITS.format(detail="value_variadic_ctor_allowed", public="is_node_type")
    facts = {(f["kind"], f["symbol"]): f["public"] for f in facts_of({"include/lib/value.hpp": (before, after)})
             if f["kind"] in ("symbol_added", "symbol_removed")}
    assert facts == {("symbol_removed", "is_val_ctor_with_flags"): False,
                     ("symbol_added", "value_variadic_ctor_allowed"): False,
                     ("symbol_removed", "is_value_type"): True, ("symbol_added", "is_node_type"): True}, facts


def test_the_macro_spans_need_the_internals_word_and_both_ends():
    from analysis.facts.code.rules.java_c import private_macro_spans

    text = (b"FMT_BEGIN_DETAIL_NAMESPACE\nint a;\nFMT_END_DETAIL_NAMESPACE\nFMT_BEGIN_NAMESPACE\nint b;\n"
            b"FMT_END_NAMESPACE\nLIB_ANON_NAMESPACE_START\nint c;\n")
    spans = private_macro_spans(text)
    assert len(spans) == 1 and text[spans[0][0]:spans[0][1]].strip() == b"int a;", spans


# --- marzer/tomlplusplus 2023-04-03 (82c3b90, 2414d90): "Removes public `value`" / "Adds `value`": a constructor
# under a constraint macro whose call now spans lines (`TOML_HIDDEN_CONSTRAINT(\n ...)`) that the parser of a `.h`
# gave up on: its declarator is still in the new text word for word --------------------------------------------------

_CTOR = """#include "node.h"

LIB_HIDDEN_CONSTRAINT({constraint}, typename... Args)
LIB_NODISCARD_CTOR
explicit value(Args&&... args) noexcept(noexcept(value_type(make(args))))
	: val_(make(args))
{{
	created();
}}

int value_count(int n)
{{
	return n;
}}
"""
_ONE_LINE = "!impl::is_flags<Args...>::value"
_SPREAD = "\n\t(impl::allowed<value<T>, impl::remove_cvref<Args>...>::value)"


def test_a_function_the_other_sides_parse_lost_is_neither_removed_nor_added():
    one_line, spread = _CTOR.format(constraint=_ONE_LINE), _CTOR.format(constraint=_SPREAD)
    facts = facts_of({"include/lib/value.h": (one_line, spread)})
    assert facts == [], facts  # the constraint re-wrapped: nothing a caller sees
    facts = facts_of({"include/lib/value.h": (spread, one_line)})
    assert not [f for f in facts if f["kind"] in ("symbol_removed", "symbol_added") and f["symbol"] == "value"], facts


def test_a_function_truly_gone_from_a_file_that_fails_to_parse_is_removed():
    one_line, spread = _CTOR.format(constraint=_ONE_LINE), _CTOR.format(constraint=_SPREAD)
    gone = spread.replace("int value_count(int n)\n{\n\treturn n;\n}\n", "")
    facts = facts_of({"include/lib/value.h": (one_line, gone)})
    assert [f["symbol"] for f in facts if f["kind"] == "symbol_removed"] == ["value_count"], facts


# --- google/jimfs 2019-10-04 (2687caa, a89b8f7): the summary was "Created by MOE: https://github.com/google/moe.":
# the footer an export tool writes under a rule line, beside its own key=value record ---------------------------------

_MOE = """{text}RELNOTES=n/a

-------------
Created by MOE: https://github.com/google/moe
MOE_MIGRATED_REVID=272934125
"""


def test_an_export_tools_footer_under_a_rule_line_is_no_description():
    assert message_points(_MOE.format(text=""), "maven-compiler-plugin 3.8.1") == []
    body = _MOE.format(text="If run in the old style, it uses javac9.\n\n")
    assert message_points(body, "Run Error Prone as a plugin.") == ["If run in the old style, it uses javac9."]
    summary = " ".join(analysed({"pom.xml": ("<project></project>\n", "<project>\n</project>\n")},
                                "Tweak the pom.\n\n" + _MOE.format(text="")).summary)
    assert "Created by MOE" not in summary, summary


def test_a_rule_line_with_prose_under_it_keeps_the_prose():
    body = "Closes the reader.\n---\nThe old reader leaked its file handle on every error path."
    assert "leaked its file handle" in " ".join(message_points(body, "Close the reader"))


# --- google/jimfs 2019-10-04 (a76d68f "Mostly migrate off jsr305."): "Public API changes: `equals`, `createPath`,
# `toString` change their signatures", "`equals` `@Nullable Object obj` → `@NullableDecl Object obj`": read from the
# hunks alone, a parameter's annotation respelled was taken for a new signature ------------------------------------

_JAVA = """package p;

final class Name {
  @Override
  public boolean equals(@Nullable Object obj) {
    return obj instanceof Name;
  }

  public String join(@Nullable String root, int count) {
    return root;
  }
}
"""


def test_a_parameter_annotation_respelled_is_no_signature_change_in_a_hunk_read():
    after = _JAVA.replace("@Nullable", "@NullableDecl")
    facts = facts_of({"src/main/java/p/Name.java": (_JAVA, after)}, read=False)
    assert not [f for f in facts if f["kind"] == "signature_changed"], facts
    assert {f["symbol"] for f in facts if f["kind"] == "symbol_modified"} >= {"equals", "join"}, facts


def test_a_parameter_type_changed_stays_a_signature_change_in_a_hunk_read():
    after = _JAVA.replace("@Nullable String root, int count", "@NullableDecl String root, long count")
    facts = facts_of({"src/main/java/p/Name.java": (_JAVA, after)}, read=False)
    assert [f["symbol"] for f in facts if f["kind"] == "signature_changed"] == ["join"], facts


# --- dtolnay/serde-yaml 2023-03-05 (fc039c6 "Refer to std::error::Error trait as StdError"): "`Error::source` returns
# `Option<&(dyn error::Error + 'static)>` → `Option<&(dyn StdError + 'static)>`", "Implements `StdError` for `Error`",
# "`Error` no longer implements `error::Error`" and "Public API changes: `Error::source` changes its signature": the
# same trait named through another `use` ------------------------------------------------------------------------------

_ERROR_RS = """use std::error;
use std::fmt::{self, Display};

pub struct Error(Box<ErrorImpl>);

impl error::Error for Error {
    fn source(&self) -> Option<&(dyn error::Error + 'static)> {
        self.0.source()
    }
}
"""
_RESPELLED = _ERROR_RS.replace("error::Error", "StdError").replace("use std::error;",
                                                                  "use std::error::Error as StdError;")


def test_a_trait_named_through_another_use_is_the_same_trait_and_signature():
    facts = facts_of({"src/error.rs": (_ERROR_RS, _RESPELLED)})
    assert not [f for f in facts if f["kind"] == "signature_changed"], facts
    analysis = analysed({"src/error.rs": (_ERROR_RS, _RESPELLED)}, "Refer to std::error::Error trait as StdError")
    assert analysis.summary == ["Changes `src/error.rs` (+3/−3)"], analysis.summary


def test_a_trait_truly_changed_is_still_said():
    other = _ERROR_RS.replace("use std::error;", "use std::error;\nuse crate::Fail;").replace(
        "impl error::Error for Error", "impl Fail for Error")
    summary = " ".join(analysed({"src/error.rs": (_ERROR_RS, other)}, "Implement Fail").summary)
    assert "Implements `Fail` for `Error`" in summary, summary
    retyped = _RESPELLED.replace("Option<&(dyn StdError + 'static)>", "Option<&(dyn StdError + Send + 'static)>")
    assert [f["symbol"] for f in facts_of({"src/error.rs": (_ERROR_RS, retyped)})
            if f["kind"] == "signature_changed"] == ["Error::source"]


def test_rust_use_declarations_name_what_they_bring_in():
    from analysis.facts.code.import_names import rust_imported_names
    from analysis.facts.code.syntax import parse

    text = ("use std::error::Error as StdError;\nuse std::fmt::{self, Debug, Display as Disp};\nuse std::io;\n"
            "use super::x::*;\n")
    assert rust_imported_names(parse(text, "rust").root_node) == {
        "StdError": "std::error::Error", "fmt": "std::fmt", "Debug": "std::fmt::Debug", "Disp": "std::fmt::Display",
        "io": "std::io"}


# --- google/jimfs 2025-10-02 (ae22f8a "Improve `pom.xml` files:"): "... Compare cl/711438220. I'm confused that I
# still see a warning for `maven-deploy-plugin`, ..., as apparently worked during the jimfs 1.3.1 release: New
# dependencies ...": a nested item (the author's aside under the first point) was taken for a point of its own ---------

_NESTED = """- Specify versions for plugins that we use so that we get a deterministic version.
  - I'm confused that I still see a warning for `maven-deploy-plugin`, which should be disabled
    by `central-publishing-maven-plugin`, as apparently worked during the 1.3.1 release:
- Sort our plugins by name.
  - For Guava, cl/715960471 set up sorting.
"""


def test_a_nested_item_is_its_parents_detail_not_a_point():
    assert message_points(_NESTED, "Improve `pom.xml` files:") == [
        "Specify versions for plugins that we use so that we get a deterministic version.",
        "Sort our plugins by name."]


def test_items_nested_under_an_announcing_item_stay_points():
    body = "- Changes:\n  - adds `Route.Use`\n  - drops `Route.Old`\n- Fixes the router\n"
    assert message_points(body, "Routing") == ["Changes:", "adds `Route.Use`", "drops `Route.Old`", "Fixes the router"]
