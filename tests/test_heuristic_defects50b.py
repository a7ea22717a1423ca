"""Maintainer-review mends (defects50b) from reading expressjs/morgan, tokio-rs/tracing and pallets/markupsafe days:
a ``new Function(..)`` line moved without its semicolon read as a new security signal; ``exports = module.exports =
function morgan(..)`` named nothing, so its reorganisation "added" ``morgan``; a timing token that no longer counts
"response latency" read as a performance claim; a changelog entry that is the title again; a one-line quote cut
before its change; a test rewrite left unsaid beside a dev dependency; a ``#[macro_export]`` macro of a private
module read as internal."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, facts_of

COMPILE = """function compile(format) {
  var js = '  return "' + format + '";'
  return new Function('tokens, req, res', js);
}
"""
GET_FORMAT = """function getFormatFunction(name) {
  var fmt = exports[name] || name
  return typeof fmt !== 'function' ? compile(fmt) : fmt
}

function compile(format) {
  var js = '  return "' + format + '";'
  return new Function('tokens, req, res', js)
}
"""


def _signals(files: dict) -> list[dict]:
    return [f for f in facts_of(files) if f["kind"] == "security_signal"]


def test_a_statement_moved_without_its_semicolon_is_no_new_signal():
    head = "'use strict'\n\n"
    assert not _signals({"index.js": (head + COMPILE, head + GET_FORMAT)})
    # a ``new Function`` the commit writes anew still is one
    fresh = GET_FORMAT.replace("'tokens, req, res', js", "'tokens, req', js + ';'")
    found = _signals({"index.js": (head + COMPILE, head + fresh)})
    assert found and "new Function('tokens, req', js + ';')" in found[0]["text"], found
    text = analysis_text(analysed({"index.js": (head + COMPILE, head + GET_FORMAT)}, "pref: remove a reassignment"))
    assert "security" not in text.lower() and "`getFormatFunction`" in text, text
