"""Lead mends of this stop, each from a real day read through ``digestbot report`` as its maintainer would."""

from analysis.analyzers.heuristic.code.perf import measured_speedup
from analysis.analyzers.heuristic.message import message_points
from tests.facts_support import analysed, analysis_text, fact, facts_of

# --- JavaScript: a function wrapped in a call, a CommonJS export bound to a call (node-fs-extra 2017-04-26) --------

_EMPTY = """const fs = require('fs')

function emptyDir (dir, callback) {
  fs.readdir(dir, callback)
}

module.exports = { emptyDir }
"""
_EMPTY_WRAPPED = """const u = require('universalify').fromCallback
const fs = require('fs')

const emptyDir = u(function emptyDir (dir, callback) {
  fs.readdir(dir, callback)
})

module.exports = { emptyDir }
"""
_REMOVE = """const rimraf = require('./rimraf')

function removeSync (dir) {
  return rimraf.sync(dir, {disableGlob: true})
}

function remove (dir, callback) {
  return rimraf(dir, {disableGlob: true}, callback)
}

module.exports = {
  remove,
  removeSync
}
"""
_REMOVE_BOUND = """const u = require('universalify').fromCallback
const rimraf = require('./rimraf')

module.exports = {
  remove: u(rimraf),
  removeSync: rimraf.sync
}
"""


def test_a_function_wrapped_in_a_call_is_the_same_function_now_defined_through_the_call():
    facts = facts_of({"lib/empty/index.js": (_EMPTY, _EMPTY_WRAPPED)})
    assert fact("symbol_modified", "lib/empty/index.js", symbol="emptyDir", public=True,
                text="function, now defined through u()") in facts, facts
    assert not [f for f in facts if f["kind"] == "symbol_removed"], facts


def test_a_commonjs_export_bound_to_a_call_keeps_its_name():
    facts = facts_of({"lib/remove/index.js": (_REMOVE, _REMOVE_BOUND)})
    assert {(f["kind"], f["symbol"], f.get("text")) for f in facts if f.get("symbol")} == {
        ("symbol_modified", "remove", "function, now defined through u(rimraf)"),
        ("symbol_modified", "removeSync", "function, now defined through rimraf.sync")}, facts
    # the same functions dropped from the exports are removed
    gone = facts_of({"lib/remove/index.js": (_REMOVE, "module.exports = {}\n")})
    assert {f["symbol"] for f in gone if f["kind"] == "symbol_removed"} == {"remove", "removeSync"}, gone


def test_wrapped_exports_read_as_changed_not_as_a_breaking_removal():
    analysis = analysed({"lib/empty/index.js": (_EMPTY, _EMPTY_WRAPPED), "lib/remove/index.js": (_REMOVE, _REMOVE_BOUND)},
                        "Universalify fs-extra methods")
    text = analysis_text(analysis)
    assert "removed" not in text.lower() and "`emptyDir`" in text, text
    assert analysis.importance != "high", analysis


# --- a list announced at the end of a paragraph (simdutf 2026-08-19) ------------------------------------------------

def test_a_paragraph_ending_on_a_list_announcement_is_said_without_the_dangling_announcement():
    body = ("validate_ascii walks the buffer 64 bytes\nat a time from the caller's pointer, one vector per iteration. "
            "Two costs:\n\n  * A misaligned load touches two cache\n    lines and costs two accesses.\n\n"
            "  * Every block branches once\n    per 64 bytes.\n\nMore.")
    assert message_points(body) == ["validate_ascii walks the buffer 64 bytes at a time from the caller's pointer, "
                                     "one vector per iteration."]
    # a paragraph that is only the announcement still gives the list
    assert message_points("The parser accepts three forms:\n\n- `a`\n- `b`\n") == ["`a`", "`b`"]


# --- a rate is a speed (simdutf 2026-08-19) --------------------------------------------------------------------------

def test_a_measured_rate_is_a_measured_speed_up():
    output = "Measured on one core:\n\n    english        47.1 -> 60.2 GB/s  (+28%)\n    twitter   35.9 -> 43.0 GB/s  (+20%)\n"
    assert measured_speedup(output)
    assert measured_speedup("Parsing now runs at 1.2M ops/sec, up 30% from 0.9M.")
    # a rate with no measured change, or a change with no rate, is not
    assert not measured_speedup("Limit uploads to 10 MB/s by default.")
    assert not measured_speedup("Shrink the docker image by 20%.")


# --- a throw that turns away only a misuse of options the change adds (sequelize 2024-10-02) ------------------------

_DECORATOR = """export type Options = Partial<Base>;

export const Attribute = makeDecorator<Options>((options) => {
  if (options.timeout < 0) {
    options.timeout = 0;
  }
  return options;
});
"""


def _decorator_after(guard: str, declared: str = "") -> str:
    return _DECORATOR.replace("export type Options = Partial<Base>;",
                              "export type Options = Partial<Base> & {\n" + declared + "};").replace(
        "  return options;", f"  if ({guard}) {{\n    throw new Error('invalid options');\n  }}\n\n  return options;")


def test_a_throw_guarded_by_options_the_change_adds_is_no_stricter_contract():
    new_options = _decorator_after("options.insertBefore && options.insertAfter",
                                   "  insertBefore?: boolean;\n  insertAfter?: boolean;\n")
    added = analysed({"src/decorators/attribute.ts": (_DECORATOR, new_options)},
                     "feat: respect position of inherited attributes")
    existing = analysed({"src/decorators/attribute.ts": (_DECORATOR, _decorator_after("options.timeout > 60"))},
                        "feat: cap the attribute timeout")
    assert existing.importance == "high" and added.importance == "medium", (existing, added)
    assert "`Attribute`" in analysis_text(added)


# --- a public-API dump (binary-compatibility-validator) created, or updated alone (kotlinx.html 2020-08-28) --------

_DUMP = "public final class kotlinx/html/A {\n\tpublic fun <init> ()V\n}\n\n"
_SOURCE = "package kotlinx.html\n\nclass A {\n    fun b(): Int = 1\n}\n"


def test_an_api_dump_created_beside_the_build_records_the_api_and_changes_none():
    created = analysed({"build.gradle.kts": ("plugins {}\n", "plugins {\n    id(\"binary-compatibility-validator\")\n}\n"),
                        "api/kotlinx-html.api": (None, _DUMP * 40)}, "Migrate to binary compatibility validator plugin")
    text = analysis_text(created)
    assert created.importance == "low" and "generated files: `api/kotlinx-html.api`" in text.lower(), text
    assert "API or schema" not in text and "New product files" not in text, text


def test_an_api_dump_updated_alone_records_and_one_updated_with_its_source_is_the_api_change():
    alone = analysed({"api/kotlinx-html.api": (_DUMP, _DUMP.replace("}\n", "\tpublic final fun b ()I\n}\n"))},
                     "Binary compatibility data")
    assert alone.importance == "low" and "Generated files" in analysis_text(alone), alone
    with_source = analysed({"api/kotlinx-html.api": (_DUMP, _DUMP.replace("}\n", "\tpublic final fun b ()I\n}\n")),
                            "src/commonMain/kotlin/a.kt": (_SOURCE.replace("    fun b(): Int = 1\n", ""), _SOURCE)},
                           "Add A.b")
    assert with_source.importance != "low" and "Generated files" not in analysis_text(with_source), with_source


# --- Python: a statement indented out of its block is no re-spacing (pluggy 2023-06-17) -----------------------------

_CALLER = """def multicall(teardowns, outcome):
    for teardown in teardowns:
        try:
            if outcome.exception is not None:
                teardown.throw(outcome.exception)
            else:
                teardown.send(outcome.result)
                # unreachable for a well behaved wrapper
                teardown.close()
        except StopIteration:
            continue
"""
_CALLER_DEDENTED = _CALLER.replace("                # unreachable for a well behaved wrapper\n                teardown.close()",
                                   "            # unreachable for a well behaved wrapper\n            teardown.close()")


def test_a_python_statement_moved_out_of_its_block_changes_behaviour():
    moved = analysed({"src/pkg/_callers.py": (_CALLER, _CALLER_DEDENTED)}, "callers: do `.close()` also in the `throw` case")
    text = analysis_text(moved)
    assert moved.importance == "medium" and "Whitespace only" not in text and "`multicall`" in text, (moved, text)


def test_a_python_file_reindented_uniformly_or_respaced_stays_whitespace_only():
    four = _CALLER.replace("    ", "\t")  # every level kept, only its width changed
    respaced = _CALLER.replace("teardown.send(outcome.result)", "teardown.send( outcome.result )")
    for after in (four, respaced):
        analysis = analysed({"src/pkg/_callers.py": (_CALLER, after)}, "Tidy the callers module")
        assert analysis.importance == "low" and "Changes `multicall`" not in analysis_text(analysis), analysis
    assert "Whitespace only" in analysis_text(analysed({"src/pkg/_callers.py": (_CALLER, respaced)}, "Tidy"))


# --- a doc comment's paragraphs joined once, not "event.. This" (zerolog 2026-03-27) ---------------------------------

def test_a_comment_paragraph_ending_in_a_stop_is_joined_to_the_next_without_a_second_stop():
    from analysis.analyzers.heuristic.text.code_comments import _joined

    lines = ["ObjectsV adds the field key with objs as an array of objects that",
             "implement the LogObjectMarshaler interface to the event.", "",
             "This is a variadic version that accepts a list of objects."]
    assert _joined(lines) == ("ObjectsV adds the field key with objs as an array of objects that implement the "
                              "LogObjectMarshaler interface to the event. This is a variadic version that accepts a "
                              "list of objects.")
    # a paragraph that ends without a stop still ends where the blank line is
    assert _joined(["Sanitize keys", "", "Keys are upper-cased"]) == "Sanitize keys. Keys are upper-cased"
