"""Maintainer-review mends (defects50b) from reading expressjs/morgan, tokio-rs/tracing and pallets/markupsafe days:
a ``new Function(..)`` line moved without its semicolon read as a new security signal; ``exports = module.exports =
function morgan(..)`` named nothing, so its reorganisation "added" ``morgan``; a timing token that no longer counts
"response latency" read as a performance claim; a changelog entry that is the title again; a one-line quote cut
before its change; a test rewrite left unsaid beside a dev dependency; a ``#[macro_export]`` macro of a private
module read as internal."""

from __future__ import annotations

from analysis.analyzers.heuristic.text.spans import code_pair
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


MORGAN = """'use strict'

var debug = require('debug')('morgan')

exports = module.exports = function morgan(format, options) {
  var opts = options || {}
  return function logger(req, res, next) {
    debug(exports[format])
    next()
  }
}

exports.token = function token(name, fn) {
  exports[name] = fn
  return this
}
"""
MORGAN_AFTER = """'use strict'

module.exports = morgan
module.exports.token = token

var debug = require('debug')('morgan')

function morgan(format, options) {
  var opts = options || {}
  return function logger(req, res, next) {
    debug(morgan[format])
    next()
  }
}

function token(name, fn) {
  morgan[name] = fn
  return this
}
"""


def test_a_module_function_named_through_an_exports_chain_keeps_its_name():
    facts = facts_of({"index.js": (MORGAN, MORGAN_AFTER)})
    named = {(f["kind"], f.get("symbol")) for f in facts}
    assert ("symbol_modified", "morgan") in named and ("symbol_added", "morgan") not in named, facts
    text = analysis_text(analysed({"index.js": (MORGAN, MORGAN_AFTER)}, "Reorganize the export definitions"))
    assert "Adds `morgan`" not in text and "New `morgan`" not in text and "`morgan`" in text, text
    # the chain's function changed in place is the module's public ``morgan``
    body = MORGAN.replace("var opts = options || {}", "var opts = options || { immediate: false }")
    changed = [f for f in facts_of({"index.js": (MORGAN, body)}) if f.get("symbol") == "morgan"]
    assert changed and changed[0]["kind"] == "symbol_modified" and changed[0]["public"], changed


TOKEN = """exports.token('response-time', function (req, res) {
  var ms = Date.now() - req._startAt
  return ms.toFixed(3)
})
"""
TOKEN_AFTER = TOKEN.replace("Date.now() - req._startAt", "res._startAt - req._startAt")


def test_a_latency_a_token_no_longer_counts_is_no_speed_claim():
    files = {"index.js": (TOKEN, TOKEN_AFTER)}
    said = analysis_text(analysed(files, "Fix response-time token to not include response latency"))
    assert "Described as a performance change" not in said and "`index.js`" in said, said
    claimed = analysis_text(analysed(files, "perf: lower response latency"))
    assert "Described as a performance change" in claimed, claimed


HISTORY = "unreleased\n==========\n\n  * deps: debug@2.2.0\n"
INDEX = "var debug = require('debug')('morgan')\n\nfunction morgan() {\n  return debug\n}\n"


def test_a_changelog_entry_that_is_the_title_again_is_not_quoted():
    files = {"HISTORY.md": (HISTORY, HISTORY.replace("\n\n  * deps", "\n\n  * pref: enable strict mode\n  * deps")),
             "index.js": (INDEX, "'use strict'\n\n" + INDEX)}
    summary = analysed(files, "pref: enable strict mode").summary
    assert not any("Changelog" in line for line in summary) and "`index.js`" in " ".join(summary), summary
    # an entry in other words than the title is the project's own note, quoted
    summary = analysed(files, "Enable strict mode everywhere").summary
    assert "Changelog: pref: enable strict mode" in summary, summary
    # names in backticks in the entry only: still the title
    ticked = {"HISTORY.md": (HISTORY, HISTORY.replace("\n\n  * deps", "\n\n  * pref: skip `skip` calls\n  * deps")),
              "index.js": files["index.js"]}
    assert not any("Changelog" in line for line in analysed(ticked, "pref: skip skip calls").summary)
    # a commit of the changelog alone is said by its entry, the title's words or not
    alone = analysed({"HISTORY.md": files["HISTORY.md"]}, "pref: enable strict mode").summary
    assert alone == ["Changelog: pref: enable strict mode"], alone


EXPAND = """pub(crate) fn gen_function() -> u32 {
    let edge = quote! {
        #[allow(unreachable_code, clippy::diverging_sub_expression, clippy::let_unit_value)]
        if false { 1 }
    };
    edge
}
"""


def test_a_long_line_quoted_shows_what_it_appends():
    after = EXPAND.replace("clippy::let_unit_value)]", "clippy::let_unit_value, clippy::unreachable)]")
    text = analysis_text(analysed({"src/expand.rs": (EXPAND, after)}, "allow clippy::unreachable"))
    assert "`…clippy::let_unit_value)]` → `…clippy::let_unit_value, clippy::unreachable)]`" in text, text
    call = "$crate::__macro_support::__is_enabled(__CALLSITE.metadata(), interest)"
    old, new = code_pair("!interest.is_never() && __CALLSITE.is_enabled(interest)",
                         f"!interest.is_never() && {call}", 60)
    assert old == "`!interest.is_never() && __CALLSITE.is_enabled(interest)`", old
    assert new.startswith("`!interest.is_never() && $crate::__macro_support::") and new.endswith("…`"), new
    # a short pair is quoted whole, as before
    assert code_pair("a = 1", "a = 2", 60) == ("`a = 1`", "`a = 2`")


PACKAGE = '{\n  "name": "morgan",\n  "devDependencies": {\n    "mocha": "2.2.5"\n  }\n}\n'
SPEC = "describe('morgan', function () {\n  it('logs', function (done) {\n    done()\n  })\n})\n"


def test_tests_rewritten_beside_a_dev_dependency_are_said():
    package = (PACKAGE, PACKAGE.replace('"mocha": "2.2.5"', '"mocha": "2.2.5",\n    "split": "1.0.0"'))
    lines = "".join(f"    var line{n} = stream.read()\n    assert.ok(line{n})\n" for n in range(6))
    spec = SPEC.replace("    done()\n", "    var stream = split()\n" + lines + "    done()\n")
    summary = " ".join(analysed({"package.json": package, "test/morgan.js": (SPEC, spec)},
                                "tests: remove race conditions from tests").summary)
    assert "`split`" in summary and "Also changes `test/morgan.js`" in summary, summary
    # a test line or two updated beside it (a snapshot) is upkeep, not named
    touched = SPEC.replace("    done()\n", "    done(null)\n")
    summary = " ".join(analysed({"package.json": package, "test/morgan.js": (SPEC, touched)}, "build: split").summary)
    assert "`split`" in summary and "test/morgan.js" not in summary, summary
    alone = " ".join(analysed({"package.json": package}, "build: split@1.0.0").summary)
    assert "`split`" in alone and "test/morgan.js" not in alone, alone


LIB = "#[macro_use]\nmod macros;\npub mod span;\n"
MACROS = "macro_rules! span {\n    () => {};\n}\n"
RECORD_ALL = """
/// Records several values at once.
#[macro_export]
macro_rules! record_all {
    ($span:expr) => {};
}

pub fn helper() -> u8 {
    1
}
"""


def test_an_exported_macro_of_a_private_module_is_public():
    files = {"src/lib.rs": (LIB, LIB + "pub mod field;\n"), "src/macros.rs": (MACROS, MACROS + RECORD_ALL)}
    added = {f["symbol"]: f["public"] for f in facts_of(files) if f["kind"] == "symbol_added"}
    assert added.get("record_all") is True and added.get("helper") is False, added
    text = analysis_text(analysed(files, "add `record_all!` macro"))
    assert "Adds `record_all`" in text and "internal `record_all`" not in text, text


PACKAGE_INIT = '''from markupsafe._compat import text_type

__all__ = ["Markup", "escape"]


def escape(s):
    return text_type(s).replace("&", "&amp;")
'''


def test_a_version_attribute_added_asks_for_no_test():
    versioned = PACKAGE_INIT.replace('\n__all__', '__version__ = "0.23"\n\n__all__')
    text = analysis_text(analysed({"markupsafe/__init__.py": (PACKAGE_INIT, versioned)}, "Add __version__"))
    assert '`__version__ = "0.23"`' in text and "No test covers" not in text, text
    # a line of behaviour beside it still does
    escaping = versioned.replace('.replace("&", "&amp;")', '.replace("&", "&amp;").replace("<", "&lt;")')
    text = analysis_text(analysed({"markupsafe/__init__.py": (PACKAGE_INIT, escaping)}, "Add __version__, escape <"))
    assert "No test covers the change to `escape`" in text, text
