"""Rules of the thirty-eighth tuning round (issue 8, tune38), each on a small snippet in the language it reads:
plain code under an interface-like directory (``src/proto/``) changing only private declarations or attributes,
and a hand-written trait impl replaced by a derive said once."""

from __future__ import annotations

from tests.facts_support import analysed

_CONN = """use std::fmt;

{derive}
enum Ka {{
    Idle,
{default}    Busy,
    Disabled,
}}
{impl}
impl Ka {{
    fn idle(&mut self) {{
        *self = Ka::Idle;
    }}
}}

pub struct Conn {{
    state: Ka,
}}
"""
_IMPL = """
impl Default for Ka {
    fn default() -> Ka {
        Ka::Busy
    }
}
"""


def _derived() -> dict[str, tuple[str, str]]:
    before = _CONN.format(derive="#[derive(Clone, Copy, Debug)]", default="", impl=_IMPL)
    after = _CONN.format(derive="#[derive(Clone, Copy, Debug, Default)]", default="    #[default]\n", impl="")
    return {"src/proto/h1/conn.rs": (before, after)}


def test_a_private_type_in_a_proto_directory_is_no_interface_change():
    result = analysed(_derived(), "refactor(proto): use derive macro to implement Default for Ka")
    assert result.importance == "low"
    assert not any("API or schema" in r.risk for r in result.risks)


def test_a_derive_replacing_a_hand_written_impl_is_said_once():
    result = analysed(_derived(), "refactor(proto): use derive macro to implement Default for Ka")
    assert "`Ka` derives `Default` instead of implementing it by hand" in result.summary
    assert not any("no longer implements" in line or line.startswith("Implements") for line in result.summary)
    zh = analysed(_derived(), "refactor(proto): use derive macro to implement Default for Ka", "zh")
    assert "`Ka` 改为派生 `Default`，不再手写实现" in zh.summary


_MOD = """mod h1;

/// An incoming message head.
#[cfg({cond})]
#[derive(Debug, Default)]
{vis}struct MessageHead<S> {{
    pub version: u8,
    pub subject: S,
}}
"""


def _cfg(vis: str) -> dict[str, tuple[str, str]]:
    return {"src/proto/mod.rs": (_MOD.format(cond='any(feature = "http1")', vis=vis),
                                 _MOD.format(cond='feature = "http1"', vis=vis))}


def test_an_attribute_on_a_crate_private_item_in_a_proto_directory_is_low():
    result = analysed(_cfg("pub(crate) "), "refactor(lib): remove unused cfg condition")
    assert result.importance == "low"
    assert not any("API or schema" in r.risk for r in result.risks)


def test_an_attribute_on_an_exported_item_in_a_proto_directory_stays_an_interface_change():
    result = analysed(_cfg("pub "), "refactor(lib): remove unused cfg condition")
    assert any("API or schema" in r.risk for r in result.risks)
