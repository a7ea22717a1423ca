"""Maintainer-review mends (defects53a) from reading tokio-rs/tokio, evanw/esbuild and jazzband/pip-tools days: a
method added inside a ``cfg_x! { cfg_y! { ... } }`` block went unseen and every other method of the outer macro read
as changed; gofmt re-aligning a struct's fields quoted an untouched field as the API line removed; a comment rewritten
under a sentence it continues quoted from mid-sentence."""

from __future__ import annotations

from analysis.analyzers.heuristic.text.code_comments import added_explanation
from analysis.analyzers.heuristic.text.findings import first_changed_line
from analysis.facts.code.symbols import parse_file
from analysis.models import FileChange
from tests.facts_support import analysed, analysis_text, facts_of, patch_of

METRICS = """pub struct RuntimeMetrics {
    handle: u8,
}

impl RuntimeMetrics {
    pub fn num_workers(&self) -> usize {
        1
    }

    cfg_unstable_metrics! {
        /// The number of blocking threads.
        pub fn num_blocking_threads(&self) -> usize {
            2
        }

        cfg_64bit_metrics! {
            /// How often the runtime spawned a task.
            pub fn spawned_tasks_count(&self) -> u64 {
                3
            }
%s
            /// How often a worker parked.
            pub fn worker_park_count(&self, worker: usize) -> u64 {
                4
            }
        }
    }
}
"""
ADDED = """
            /// How often a worker parked and unparked.
            pub fn worker_park_unpark_count(&self, worker: usize) -> u64 {
                5
            }
"""


def test_items_of_a_macro_nested_in_a_macro_are_the_files_symbols():
    symbols = parse_file("src/runtime/metrics/runtime.rs", METRICS % ADDED).symbols
    assert {"RuntimeMetrics::num_blocking_threads", "RuntimeMetrics::spawned_tasks_count",
            "RuntimeMetrics::worker_park_unpark_count", "RuntimeMetrics::worker_park_count"} <= set(symbols)
    # ``pub(crate)`` in a macro's tokens reaches no further than the crate; ``pub async fn`` is public
    inner = "impl R {\n    m! {\n        pub(crate) fn a(&self) {}\n        pub async fn b(&self) {}\n    }\n}\n"
    symbols = parse_file("src/r.rs", "pub struct R;\n" + inner).symbols
    assert (symbols["R::a"].public, symbols["R::b"].public) == (False, True)


def test_a_method_added_inside_a_macro_block_is_added_and_its_neighbours_are_not_changed():
    facts = facts_of({"src/runtime/metrics/runtime.rs": (METRICS % "", METRICS % ADDED)})
    kinds = {(f["kind"], f.get("symbol")) for f in facts if f["kind"].startswith("symbol_")}
    assert ("symbol_added", "RuntimeMetrics::worker_park_unpark_count") in kinds, kinds
    assert not [k for k in kinds if k[0] == "symbol_modified"], kinds
    analysis = analysed({"src/runtime/metrics/runtime.rs": (METRICS % "", METRICS % ADDED)},
                        "metrics: add `worker_park_unpark_count`")
    text = analysis_text(analysis)
    assert "Adds `RuntimeMetrics::worker_park_unpark_count`" in text, text
    assert "num_blocking_threads" not in text and "spawned_tasks_count" not in text, text
    # a method added last in the inner block, or first in the outer one before it, leaves its neighbours alone
    last = (METRICS % "").replace("                4\n            }\n", "                4\n            }\n" + ADDED)
    first = (METRICS % "").replace("        cfg_64bit_metrics! {\n", ADDED + "        cfg_64bit_metrics! {\n")
    for after in (last, first):
        kinds = {(f["kind"], f.get("symbol")) for f in facts_of({"src/runtime/metrics/runtime.rs": (METRICS % "", after)})
                 if f["kind"].startswith("symbol_")}
        assert kinds == {("symbol_added", "RuntimeMetrics::worker_park_unpark_count")}, kinds
    # a body changed inside the nested block is that method's change alone
    changed = (METRICS % "").replace("                3\n", "                33\n")
    kinds = {(f["kind"], f.get("symbol")) for f in facts_of({"src/runtime/metrics/runtime.rs": (METRICS % "", changed)})
             if f["kind"].startswith("symbol_")}
    assert kinds == {("symbol_modified", "RuntimeMetrics::spawned_tasks_count")}, kinds


GO_BEFORE = """package api

type BuildOptions struct {
\tColor      StderrColor
\tErrorLimit int
\tLogLevel   LogLevel
}
"""
GO_AFTER = """package api

type BuildOptions struct {
\tColor    StderrColor
\tLogLimit int
\tLogLevel LogLevel
}
"""


def test_a_line_only_realigned_is_not_the_api_line_quoted():
    assert first_changed_line(patch_of(GO_BEFORE, GO_AFTER)) == ("−", "ErrorLimit int")
    # a field truly removed is still the line quoted
    removed = GO_BEFORE.replace("\tColor      StderrColor\n", "")
    assert first_changed_line(patch_of(GO_BEFORE, removed)) == ("−", "Color      StderrColor")
    # a change that only re-aligns quotes the first line it adds when nothing else is removed
    added = GO_BEFORE.replace("\tLogLevel   LogLevel\n", "\tLogLevel   LogLevel\n\tLogLimitExtra int\n")
    assert first_changed_line(patch_of(GO_BEFORE, added)) == ("+", "LogLimitExtra int")


SERVICE_BEFORE = """package main

func handle() {
\t// Normally when "write" is true and there is no output file then the
\t// output is written to stdout instead. However, writing the build output
\t// would corrupt our protocol.
\t//
\t// While we could channel this back to the host process and write it to
\t// stdout there, the public Go API does not have an option for that one.
\tif err == nil && write {
\t\terr = errors.New("Either provide outfile or set write to false")
\t}
\treturn
}
"""
SERVICE_AFTER = """package main

func handle() {
\t// Normally when "write" is true and there is no output file then the
\t// output is written to stdout instead. However, writing the build output
\t// would corrupt our protocol. Special-case this to channel this back to the
\t// host process and write it to stdout there, which the host does for us.
\twriteToStdout := err == nil && write
\treturn
}
"""


def _change(path: str, before: str, after: str) -> FileChange:
    patch = patch_of(before, after)
    return FileChange(path=path, status="modified", patch=patch, additions=patch.count("\n+"),
                      deletions=patch.count("\n-"))


def test_a_comment_continuing_a_kept_sentence_is_not_quoted_from_mid_sentence():
    assert added_explanation([_change("cmd/service.go", SERVICE_BEFORE, SERVICE_AFTER)]) is None
    # a whole new comment after removed code, away from any kept comment, is quoted
    before = "package main\n\nfunc handle() {\n\tx := 1\n\tif err == nil {\n\t\treturn\n\t}\n\treturn\n}\n"
    after = ("package main\n\nfunc handle() {\n\tx := 1\n\t// Special-case this to channel the output back to the"
             " host\n\t// process and write it to stdout there instead.\n\twriteToStdout := err == nil\n\treturn\n}\n")
    found = added_explanation([_change("cmd/service.go", before, after)])
    assert found is not None and found[1].startswith("Special-case this to channel"), found
    # a comment rewritten whole (its old words and the code under them removed) is quoted: no kept line above it
    before = ("package api\n\nfunc build() {\n\tresult := run()\n\n\t// Print a summary to stderr\n"
              "\tif level <= info {\n\t\tprintSummary(result)\n\t}\n}\n")
    after = ("package api\n\nfunc build() {\n\tresult := run()\n\n\t// Print a summary of the generated files to"
             " stderr. Except don't do\n\t// this if the terminal is already being used for something else.\n"
             "\tif level <= info && !stdout {\n\t\tprintSummary(result)\n\t}\n}\n")
    found = added_explanation([_change("pkg/api/api_impl.go", before, after)])
    assert found is not None and found[1].startswith("Print a summary of the generated files"), found


LEXER_BEFORE = """package css_lexer

func (lexer *lexer) next() {
\tswitch lexer.codePoint {
\tcase '/':
\t\tlexer.step()
\t}
}
"""


def _security(added: str) -> list[str]:
    after = LEXER_BEFORE.replace("\t\tlexer.step()\n", "\t\tlexer.step()\n" + added)
    return [f["text"] for f in facts_of({"internal/css_lexer/css_lexer.go": (LEXER_BEFORE, after)})
            if f["kind"] == "security_signal"]


def test_a_lexers_token_in_an_error_message_is_no_credential_logged():
    prose = '\t\tlexer.log.AddError(&lexer.source, loc, "Expected \\")\\" to end URL token")\n'
    member = '\t\tlexer.log.AddRangeError(&lexer.source, lexer.Token.Range, "Comments in CSS use /* */")\n'
    assert _security(prose) == [] and _security(member) == []
    # a token passed to the log call, or labelled in its message beside a value, is still flagged
    for line in ('\t\tlog.Printf("auth token: %s", lexer.auth)\n', "\t\tlog.Println(token)\n",
                 '\t\tlog.Printf("user %s", user.Password)\n'):
        assert [t for t in _security(line) if t.startswith("a credential may be written")], line


WRITER_BEFORE = '''class OutputWriter:
    def _iter_lines(self, results, unsafe_requirements=None, markers=None):
        # default values
        unsafe_requirements = unsafe_requirements or set()
        markers = markers or {}

        for line in results:
            yield line

        unsafe_requirements = (
            {r for r in results if r.name in UNSAFE_PACKAGES}
            if not unsafe_requirements
            else unsafe_requirements
        )
        yield from unsafe_requirements
'''
WRITER_AFTER = '''class OutputWriter:
    def _iter_lines(self, results, unsafe_requirements, unsafe_packages, markers):
        # default values
        unsafe_packages = unsafe_packages if not self.allow_unsafe else set()

        for line in results:
            yield line

        unsafe_requirements = unsafe_requirements or {
            r for r in results if r.name in unsafe_packages
        }
        yield from unsafe_requirements
'''


def test_the_first_line_of_a_multi_line_value_is_no_default_changed():
    from analysis.analyzers.heuristic.api.options import constants_changed

    change = _change("piptools/writer.py", WRITER_BEFORE, WRITER_AFTER)
    assert constants_changed([change]) == []
    text = analysis_text(analysed({"piptools/writer.py": (WRITER_BEFORE, WRITER_AFTER)},
                                  "Filter out the user provided unsafe packages"))
    assert "default `(`" not in text and "_iter_lines" in text, text
    # a documented default given another whole value is still one
    before = "# the default timeout\ntimeout = 10\n"
    after = "# the default timeout\ntimeout = 30\n"
    assert [c[:3] for c in constants_changed([_change("app/settings.py", before, after)])] == [("timeout", "10", "30")]


TOX_BEFORE = "[testenv]\ncommands = pytest {posargs}\npassenv = CI GITHUB_ACTIONS\npip_pre=True\n"
TOX_AFTER = "[testenv]\ncommands = pytest {posargs}\npassenv =\n    CI\n    GITHUB_ACTIONS\npip_pre=True\n"


def test_a_value_split_over_lines_in_an_ini_file_is_not_whitespace_only():
    from analysis.analyzers.heuristic.code.code_changes import whitespace_only

    assert not whitespace_only(patch_of(TOX_BEFORE, TOX_AFTER), "tox.ini")
    text = analysis_text(analysed({"tox.ini": (TOX_BEFORE, TOX_AFTER)}, "Fix passenv for tox v4"))
    assert "Whitespace only" not in text and "tox.ini" in text, text
    # re-indenting or re-spacing its lines is still whitespace, and code may break its lines anywhere
    respaced = TOX_BEFORE.replace("passenv = CI GITHUB_ACTIONS", "passenv =  CI   GITHUB_ACTIONS  ")
    assert whitespace_only(patch_of(TOX_BEFORE, respaced), "tox.ini")
    call = "x = f(a, b)\n", "x = f(\n    a, b)\n"
    assert whitespace_only(patch_of(*call), "src/app.js")


def test_a_latency_exposed_is_no_performance_claim():
    from analysis.analyzers.heuristic import rules as R
    from analysis.analyzers.heuristic.judge import _title_words

    assert _title_words("runtime: expose schedule latency in task hooks (#8282)") != "perf"
    assert not R.PERF_WORDS.search("metrics: record request latency per route")
    assert _title_words("runtime: reduce schedule latency of spawned tasks") == "perf"
    assert R.PERF_WORDS.search("Expose a faster path for small writes")


def test_a_name_the_title_quotes_is_not_its_verb():
    from analysis.analyzers.heuristic.judge import _title_words

    assert _title_words('remove the deprecated "avoid TDZ" option') != "fix"
    assert _title_words("Add `fix` subcommand") != "fix"
    # the title's own words still count, beside a quoted name or as a quoted title reverted
    assert _title_words('avoid a crash on "@charset" rules') == "fix"
    assert _title_words('Revert "Fix crash in the parser"') == "revert"
    assert _title_words("packet: make `ssh2_packet_askv()` static") == "refactor"
    before = "package api\n\ntype BuildOptions struct {\n\tAvoidTDZ bool\n\tMinify bool\n}\n"
    after = "package api\n\ntype BuildOptions struct {\n\tMinify bool\n}\n"
    analysis = analysed({"pkg/api/api.go": (before, after)}, 'remove the deprecated "avoid TDZ" option')
    assert analysis.change_type != "fix", analysis
