"""Mends from reading a real day as its maintainers (unjs/ufo 2023-07-28): a TypeScript function that gains a type
parameter with a default, used only by its return type (``getQuery<T extends Q = Q>(input): T``), returns what it
returned before to every call written without type arguments: an opt-in generic, not a changed return type.
isaacs/node-tar 2025-09-21: a last paragraph of trailers (``PR-URL:``, ``Credit: @ann``, ``Close: #385``) is no
description of the change; a class member keyed by a constant the module keeps to itself (``[PRUNECACHE]()``) is
no public API. expressjs/multer 2026-03-02: "fix error/abort handling", a title alone over a change whose added
comment says why (drain the request body before ``next(err)``, or the client sees EPIPE): the code's own words are
quoted. sindresorhus/ora 2026-02-04: "Add more tests for `discardStdin`" said only the doc comment it touched
beside the new tests: the tests are said first. A JSON schema's ``$id`` stamped with the chart's release (the
suite's repeats check on a held-out Helm day: "Deployments that do not set `["$id"]` change behaviour on upgrade"
in three releases) is the schema's name, not a setting. mitsuhiko/insta 2024-02-19: "Accept --test multiple times" and "Only delete
unreferenced snapshots after a successful test run" change the product's code and no test: the word names the
product's own test runner, the change is no "Tests" change. benoitc/gunicorn 2026-08-16: a package added to the
``testing`` extra and ``requirements_test.txt`` read as a new (runtime) dependency; a contributor's e-mail address
was quoted from THANKS; a comment's short last line (``http.disconnect (#3627).``) was dropped as code.
kubernetes-sigs/kind 2026-05-29: "Update boilerplate template header to exclude year" edits the licence header of
two generated ``zz_generated.deepcopy.go`` files, a line inside ``/* .. */``: comments, not an API changed (high).
JetBrains/Exposed 2025-02-03 (thirty-first set, after its measurement): three changes of one public-API dump said the
same five sentences ("API or schema definitions changed: `exposed-core/api/exposed-core.api`"): each names the first
line its change removes from the dump."""

from __future__ import annotations

from analysis.analyzers.heuristic.message import message_points
from tests.facts_support import analysed, facts_of

_BEFORE = '''export type Parsed = Record<string, string>;

export function getQuery(input: string): Parsed {
  return parse(input);
}
'''
_AFTER = '''export type Parsed = Record<string, string>;

export function getQuery<T extends Parsed = Parsed>(
  input: string
): T {
  return parse(input) as T;
}
'''


def test_a_defaulted_type_parameter_only_the_return_type_uses_is_no_changed_return():
    analysis = analysed({"src/query.ts": (_BEFORE, _AFTER)}, "feat: generic types for getQuery")
    summary = " ".join(analysis.summary)
    assert "`getQuery` gains the type parameter `T` (default `Parsed`)" in summary
    assert "returns" not in summary
    assert analysis.importance == "medium" and analysis.change_type == "feature"
    zh = " ".join(analysed({"src/query.ts": (_BEFORE, _AFTER)}, "feat: generic types for getQuery", "zh").summary)
    assert "`getQuery` 新增类型参数 `T`（默认 `Parsed`）" in zh


def test_a_type_parameter_the_parameters_use_still_changes_the_return_type():
    after = _AFTER.replace("input: string", "input: T")
    summary = " ".join(analysed({"src/query.ts": (_BEFORE, after)}, "refactor: getQuery").summary)
    assert "gains the type parameter" not in summary
    assert "returns `Parsed` → `T`" in summary


def test_a_last_paragraph_of_trailers_is_no_description():
    body = "PR-URL: https://github.com/o/r/pull/385\nCredit: @ann\nClose: #385\nReviewed-by: @bob\n"
    assert message_points(body) == []
    assert message_points("Keeps the cache bounded.\n\n" + body) == ["Keeps the cache bounded."]
    assert message_points("Credit: the original idea came from the mailing list.\nReviewed-by: @bob") == [
        "Credit: the original idea came from the mailing list."]


_UNPACK = '''const PRUNECACHE = Symbol('pruneCache')
export const ONENTRY = Symbol('onEntry')

export class Unpack {
  [PRUNECACHE](entry: string) {
    return entry
  }
  [ONENTRY](entry: string) {
    return entry
  }
  [Symbol.iterator]() {
    return [][Symbol.iterator]()
  }
  write(entry: string) {
    return entry
  }
}
'''


def test_a_member_keyed_by_a_constant_the_module_keeps_is_private():
    after = _UNPACK.replace("  [PRUNECACHE](entry: string) {\n    return entry\n  }\n", "").replace(
        "  [ONENTRY](entry: string) {\n    return entry\n  }\n", "").replace(
        "  [Symbol.iterator]() {\n    return [][Symbol.iterator]()\n  }\n", "")
    removed = {f["symbol"]: f["public"] for f in facts_of({"src/unpack.ts": (_UNPACK, after)}) if f["kind"] == "symbol_removed"}
    assert removed == {"Unpack.[PRUNECACHE]": False, "Unpack.[ONENTRY]": True, "Unpack.[Symbol.iterator]": True}


_MIDDLEWARE = """function done (err) {
  drainStream(req)
  next(err)
}
"""
_EXPLAINED = _MIDDLEWARE.replace("  next(err)", """  // - if responding with an error, drain the request body before calling
  //     next(err) -- avoids EPIPE on the client
  // - skip waiting if the stream is already destroyed (e.g. client aborted)
  if (err && req.readable && !req.destroyed) {
    req.once('end', onFinished)
    return
  }
  next(err)""")


def test_a_title_alone_quotes_the_comment_the_change_adds():
    files = {"lib/make-middleware.js": (_MIDDLEWARE, _EXPLAINED)}
    summary = analysed(files, "fix error/abort handling").summary
    assert summary[0] == ("Comment added in `lib/make-middleware.js`: “if responding with an error, drain the request "
                          "body before calling next(err) -- avoids EPIPE on the client; skip waiting if the stream is "
                          "already destroyed (e.g. client aborted)”")
    zh = analysed(files, "fix error/abort handling", "zh").summary
    assert zh[0].startswith("`lib/make-middleware.js` 中新增注释：“if responding with an error")
    told = analysed(files, "fix error/abort handling\n\nDrain the body first so clients see the error.").summary
    assert told[0] == "Drain the body first so clients see the error." and "Comment added" not in " ".join(told)


def test_no_quote_of_code_directives_or_half_a_comment():
    c_before = "int f(int *p) {\n  return 0;\n}\n"
    c_after = ("#include <stdio.h>\n#define LIMIT_OF_THE_BUFFER_IN_BYTES_FOR_EVERY_CALL 16\nint f(int *p) {\n"
               "  *p = LIMIT_OF_THE_BUFFER_IN_BYTES_FOR_EVERY_CALL + the + other + value + of + it + now;\n"
               "  return 0;\n}\n")
    assert analysed({"src/f.c": (c_before, c_after)}, "fix f").summary == ["Changes `f` in `src/f.c` (+3/−0)"]
    guarded = "  if (cancelled) throw err\n  next(err)"
    kept = "// Reads the value from the cache when the caller asked for it twice in a row,\n" + _MIDDLEWARE
    longer = kept.replace("in a row,\n", "in a row,\n// because the second call would block on the socket otherwise\n")
    moved = "function other () {\n  // skip waiting if the stream is already destroyed (e.g. client aborted)\n}\n"
    dead = _MIDDLEWARE.replace("  next(err)", "  // if (err) { return next(err, req, res, options); }\n" + guarded)
    licence = "// Copyright 2026 the authors; licensed under the MIT licence, see LICENSE for it\n" + _MIDDLEWARE
    for before, after in ((kept, longer.replace("  next(err)", guarded)), (moved + _MIDDLEWARE, _MIDDLEWARE.replace(
            "  next(err)", guarded) + moved), (_MIDDLEWARE, dead), (_MIDDLEWARE, licence.replace("  next(err)", guarded))):
        summary = analysed({"lib/m.js": (before, after)}, "fix m").summary
        assert summary[0].startswith("Changes `done` in `lib/m.js`"), summary


def test_tests_beside_a_doc_comment_are_said_first():
    types = "export type Options = {\n\t/** Discard stdin. */\n\treadonly discardStdin?: boolean;\n};\n"
    tests = "import test from 'ava';\n\ntest('spins', t => {\n\tt.pass();\n});\n"
    more = tests + "\ntest('discardStdin toggles raw mode', t => {\n\tt.pass();\n});\n"
    files = {"index.d.ts": (types, types.replace("Discard stdin.", "Discard stdin while spinning; Ctrl+C exits.")),
             "test.js": (tests, more)}
    summary = analysed(files, "Add more tests for discardStdin").summary
    assert summary == ["Tests: `test.js`; adds `discardStdin toggles raw mode`",
                       "Comments and docstrings only in `index.d.ts`, on `Options`"]


def test_a_schema_id_stamped_with_the_release_is_no_setting():
    before = ('{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n'
              '  "$id": "https://example.org/common-3.0.0.json",\n  "type": "object"\n}\n')
    analysis = analysed({"charts/common/values.schema.json": (before, before.replace("3.0.0", "3.0.1"))},
                        "feat(common): Release 3.0.1")
    assert analysis.importance == "low" and analysis.risks == []
    assert analysis.summary == ['`["$id"]` `https://example.org/common-3.0.0.json` → '
                                '`https://example.org/common-3.0.1.json`']
    typed = analysed({"charts/common/values.schema.json": (before, before.replace('"object"', '"array"'))},
                     "feat(common): values are a list")
    assert typed.importance == "high"


_CLI = """pub struct TestCommand {
    pub test: Option<String>,
}

pub fn prepare_test_runner(cmd: &TestCommand) -> Vec<String> {
    cmd.test.iter().cloned().collect()
}
"""


def test_a_test_word_over_product_code_alone_is_no_tests_change():
    after = _CLI.replace("Option<String>", "Vec<String>")
    analysis = analysed({"cargo-insta/src/cli.rs": (_CLI, after)}, "Accept --test multiple times")
    assert analysis.change_type != "test"
    renamed = analysed({"cargo-insta/tests/cli.rs": ("fn t() {}\n", "fn t() {}\nfn u() {}\n")}, "Add a test for --test")
    assert renamed.change_type == "test"


def test_a_test_extra_and_test_requirements_add_a_development_dependency():
    before = '[project]\nname = "g"\ndependencies = []\n\n[project.optional-dependencies]\ntesting = ["pytest"]\n'
    after = before.replace('["pytest"]', '["pytest", "inotify>=0.2.10; sys_platform == \'linux\'"]')
    files = {"pyproject.toml": (before, after), "requirements_test.txt": ("pytest\n", "pytest\ninotify>=0.2.10\n")}
    summary = " ".join(analysed(files, "reloader: watch the current folder").summary)
    assert "New development dependency `inotify` `>=0.2.10`" in summary
    runtime = before.replace('dependencies = []', 'dependencies = ["inotify>=0.2.10"]')
    said = " ".join(analysed({"pyproject.toml": (before, runtime)}, "reloader: use inotify").summary)
    assert "New dependency `inotify` `>=0.2.10`" in said


def test_a_contributors_address_is_left_out_of_the_quoted_line():
    files = {"THANKS": ("Ann Smith <ann@example.org>\n", "Ann Smith <ann@example.org>\nJosu G <josu@example.org>\n"),
             "src/stats.py": ("def log(v):\n    if v:\n        send(v)\n",
                              "def log(v):\n    if v is not None:\n        send(v)\n")}
    impact = " ".join(analysed(files, "fix: send zero-valued metrics").impact)
    assert "adds `Josu G`" in impact and "@" not in impact


def test_a_comments_short_last_line_is_kept():
    after = _MIDDLEWARE.replace("  next(err)", "  // a task cancellation propagates to the app rather than being masked as\n"
                                               "  // http.disconnect (#3627).\n  if (cancelled) throw err\n  next(err)")
    summary = analysed({"lib/m.js": (_MIDDLEWARE, after)}, "fix cancellation").summary
    assert summary[0].endswith("rather than being masked as http.disconnect (#3627).”")


_DEEPCOPY = """//go:build !ignore_autogenerated

/*
Copyright 2019 The Kubernetes Authors.

Licensed under the Apache License, Version 2.0 (the "License");
*/

// Code generated by controller-gen. DO NOT EDIT.

package v1alpha4

func (in *Cluster) DeepCopyInto(out *Cluster) {
\t*out = *in
}
"""


def test_a_generated_files_licence_header_is_a_comment():
    after = _DEEPCOPY.replace("Copyright 2019 The", "Copyright The")
    analysis = analysed({"pkg/apis/config/v1alpha4/zz_generated.deepcopy.go": (_DEEPCOPY, after)},
                        "Update boilerplate template header to exclude year")
    assert analysis.importance == "low" and analysis.risks == []
    # which comment line is quoted since tune47a; still only the comment line
    assert len(analysis.summary) == 1
    assert analysis.summary[0].startswith("Comments and docstrings only in `pkg/apis/config/v1alpha4/zz_generated.deepcopy.go`")
    code = _DEEPCOPY.replace("\t*out = *in", "\t*out = *in\n\tout.Name = in.Name")
    changed = analysed({"pkg/apis/config/v1alpha4/zz_generated.deepcopy.go": (_DEEPCOPY, code)}, "regenerate")
    assert "Comments and docstrings only" not in " ".join(changed.summary)


def test_an_api_dump_changed_names_the_line_it_removes():
    dump = "public final class org/x/Dialect {\n\tpublic final fun isTimeZoneOffsetSupported ()Z\n" \
           "\tpublic final fun name ()Ljava/lang/String;\n}\n\n"
    files = {"core/api/core.api": (dump, dump.replace("\tpublic final fun isTimeZoneOffsetSupported ()Z\n", "")),
             "core/src/main/kotlin/org/x/Dialect.kt": ("class Dialect {\n  fun a() = 1\n}\n",
                                                       "class Dialect {\n  fun a() = 2\n}\n")}
    analysis = analysed(files, "refactor: reduce checks")
    assert "`core/api/core.api` (− `public final fun isTimeZoneOffsetSupported ()Z`)" in analysis.insights.compatibility
    assert any("(− `public final fun isTimeZoneOffsetSupported ()Z`)" in r.risk for r in analysis.risks)
