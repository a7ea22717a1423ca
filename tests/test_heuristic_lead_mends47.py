"""Lead mends of this stop, each from a real day read through ``digestbot report`` as its maintainer would."""

from analysis.analyzers.heuristic.message import message_points
from analysis.analyzers.symbol_groups import shortened
from analysis.facts.languages import is_test_path
from tests.facts_support import analysed


def test_beside_a_name_of_no_owner_every_member_keeps_its_owner():
    # tablewriter: ``Pad`` and ``Spot`` are package types; cut, ``Table.Caption``'s siblings read as package names
    assert shortened(["Table.Caption", "Table.Start", "Pad", "Spot"]) == ["Table.Caption", "Table.Start", "Pad", "Spot"]
    assert shortened(["Table.Caption", "Table.Start"]) == ["Table.Caption", "Start"]


def test_a_member_and_a_package_function_of_one_name_are_both_written_whole():
    # tablewriter: the builder's method and the package's option function of the same name, in one list
    names = ["ConfigBuilder.WithFooterAlignment", "ConfigBuilder.WithHeaderAlignment", "WithHeaderAlignment"]
    assert shortened(names) == names
    # members of two owners sharing a name stay cut: each follows its own owner
    assert shortened(["A.request", "A.post", "B.request", "B.post"]) == ["A.request", "post", "B.request", "post"]


# --- a release-note bullet marked "(BREAKING)" is the author's word that the change breaks users --------------------

_CLI = "def run(commandline):\n    return execute(commandline)\n"
_CLI_AFTER = "def run(commandline):\n    return execute(list(commandline))\n"


def _run_changed(body: str):
    return analysed({"src/tool/cli.py": (_CLI, _CLI_AFTER)}, "Make `tool run` forward flags to the command\n\n" + body)


def test_a_bullet_marked_breaking_makes_the_change_high_and_names_what_breaks():
    marked = _run_changed("Changes for users:\n\n- (BREAKING) Forward flags passed after `tool run` to the given\n"
                          "  command instead of interpreting them.\n    - This means `tool run ls --help` shows ls's help.\n")
    plain = _run_changed("Changes for users:\n\n- Forward flags passed after `tool run` to the given\n"
                         "  command instead of interpreting them.\n")
    assert marked.importance == "high" and plain.importance == "medium", (marked, plain)
    risk = marked.risks[0].risk
    assert "Forward flags passed after" in risk and "This means" not in risk, risk


def test_an_address_ending_a_sentence_on_its_own_line_is_kept_with_it():
    body = "This uses some of the settings recommended at\nhttps://example.org/usage/#recommended.\n\nMore."
    assert message_points(body) == ["This uses some of the settings recommended at https://example.org/usage/#recommended."]
    # a bare reference paragraph is still left out
    assert message_points("Fix the parser.\n\nhttps://example.org/issues/3") == ["Fix the parser."]


# --- a TypeScript type library: defaults switched "by default", JSDoc examples, tsd's type tests ------------------

_OPTIONS = """export type SplitOptions = {
\t/**
\tWhether literal checks are strict.

\t@example
\t```
\ttype T = Split<'a.b', '.', {strictLiteralChecks: true}>;
\t```
\t*/
\tstrictLiteralChecks?: boolean;
};

type DefaultSplitOptions = {
\tguard: false;
\tstrictLiteralChecks: false;
};
"""


def _switched(title: str, example: bool = False):
    after = _OPTIONS.replace("\tstrictLiteralChecks: false;\n};", "\tstrictLiteralChecks: true;\n};")
    if example:
        after = after.replace("{strictLiteralChecks: true}>", "{strictLiteralChecks: false}>")
    return analysed({"source/split.d.ts": (_OPTIONS, after)}, title)


def test_a_title_switching_a_setting_on_by_default_over_its_value_replaced_is_high():
    assert _switched("`Split`: Enable `strictLiteralChecks` option by default").importance == "high"
    assert _switched("`Split`: Tidy `strictLiteralChecks` handling").importance in ("low", "medium")


def test_a_value_in_a_doc_comment_example_is_no_value_set():
    summary = " ".join(_switched("`Split`: Enable `strictLiteralChecks` option by default", example=True).summary)
    assert summary.count("`strictLiteralChecks` `false` → `true`") == 1, summary
    assert "`strictLiteralChecks` `true` → `false`" not in summary, summary


def test_tsd_type_tests_folder_is_tests():
    analysis = analysed({"test-d/split.ts": ("expectType<string>(a);\n", "expectType<string[]>(a);\n")},
                        "Test `Split` on arrays")
    assert analysis.importance == "low" and analysis.change_type == "test", analysis
    assert analysis.summary[0].startswith("Tests only: `test-d/split.ts`"), analysis.summary
    assert is_test_path("test-d/split.ts") and is_test_path("source/split.test-d.ts")
    assert is_test_path("source/split.d.ts") is False


# --- benchmarks are said as benchmarks, not as tests ---------------------------------------------------------------

_GO_TEST = "package log\n\nimport \"testing\"\n\nfunc TestInfo(t *testing.T) {\n\tInfo(\"x\")\n}\n"
_GO_MORE = _GO_TEST + ("\nfunc TestRender(t *testing.T) {\n\tRender(\"x\")\n}\n"
                       "\nfunc BenchmarkInfoWithValues(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tInfo(\"x\")\n\t}\n}\n")


def test_go_benchmarks_added_are_said_apart_from_tests():
    analysis = analysed({"log_test.go": (_GO_TEST, _GO_MORE)}, "Add tests and a benchmark")
    said = analysis.insights.maintainability or ""
    assert "Tests added: `TestRender`." in said and "Benchmarks added: `BenchmarkInfoWithValues`." in said, said
