"""A change that adds an option users can set leads its summary with the option (name, default where the diff
gives it), then the functions that read it: a settings struct's field, a clap flag, argparse, cobra/pflag."""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.facts import derive_facts
from tests.facts_support import commit_of

analyzer = HeuristicAnalyzer()

CONFIG_RS = """pub struct Config {
    pub use_kitty_protocol: bool,
    pub highlight_resolved_externals: bool,
    pub plugins: HashMap<String, Value>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            use_kitty_protocol: false,
            highlight_resolved_externals: false,

            plugins: HashMap::new(),
        }
    }
}
"""
REPL_RS = """fn parse_operation(engine_state: &EngineState, line: &str) -> Result<ReplOperation, ErrReport> {
    let orig = line.to_string();
    let path = expand_path(&orig);
    if looks_like_path(&orig) && path.is_dir() {
        return Ok(ReplOperation::AutoCd { target: path });
    }
    Ok(ReplOperation::Normal)
}
"""


def _summary(files: dict, message: str, lang: str = "en") -> list[str]:
    commit, texts = commit_of(files, message)
    return analyzer.analyze_sync(commit, lang, AnalysisContext(facts=derive_facts(commit, texts))).summary


def test_a_settings_field_leads_with_its_default_and_the_function_that_reads_it():
    config = CONFIG_RS.replace("    pub plugins", "    pub auto_cd_implicit: bool,\n    pub plugins").replace(
        "            plugins:", "            auto_cd_implicit: false,\n            plugins:")
    repl = REPL_RS.replace("if looks_like_path(&orig)",
                           "if (engine_state.get_config().auto_cd_implicit || looks_like_path(&orig))")
    summary = _summary({"crates/nu-protocol/src/config/mod.rs": (CONFIG_RS, config),
                        "crates/nu-cli/src/repl.rs": (REPL_RS, repl)}, "feat: add auto-cd option")
    lead = "New option `Config.auto_cd_implicit` (default `false`); read by `parse_operation`"
    assert summary[0] == lead, summary
    zh = _summary({"crates/nu-protocol/src/config/mod.rs": (CONFIG_RS, config),
                   "crates/nu-cli/src/repl.rs": (REPL_RS, repl)}, "feat: add auto-cd option", "zh")
    assert zh[0].startswith("新增选项 `Config.auto_cd_implicit`（默认 `false`）") and "由 `parse_operation` 读取" in zh[0]


CLI_RS = """#[derive(Parser)]
pub struct Opts {
    /// Treat the pattern as a literal string.
    #[arg(long, short = 'F')]
    pub fixed_strings: bool,

    /// Search hidden files.
    #[arg(long, short = 'H')]
    pub hidden: bool,
}
"""
MAIN_RS = """fn build_regex(pattern: &str, opts: &Opts) -> Result<String> {
    let pattern = if opts.fixed_strings { regex::escape(pattern) } else { pattern.to_owned() };
    Ok(pattern)
}
"""


def test_a_clap_flag_spanning_lines_is_named_as_users_type_it_with_its_default():
    cli = CLI_RS.replace("    pub hidden: bool,\n", "    pub hidden: bool,\n\n    /// Stop after this many results.\n"
                         "    #[arg(\n        long = \"max-results\",\n        default_value_t = 100,\n"
                         "        hide_short_help = true\n    )]\n    pub max_results: usize,\n")
    main = MAIN_RS.replace("    Ok(pattern)", "    let limit = opts.max_results;\n    Ok(pattern)")
    summary = _summary({"src/cli.rs": (CLI_RS, cli), "src/main.rs": (MAIN_RS, main)}, "feat: cap the results")
    assert summary[0] == "New option `--max-results` (default `100`); read by `build_regex`", summary


def test_argparse_and_pflag_flags_are_options_too():
    before = "def build_parser():\n    parser = argparse.ArgumentParser()\n    return parser\n"
    after = before.replace("    return parser", '    parser.add_argument("--retries", type=int, default=3)\n'
                           "    return parser")
    summary = _summary({"src/tool/cli.py": (before, after)}, "Add a retries flag")
    assert summary[0] == "New option `--retries` (default `3`)", summary
    go_before = "package cmd\n\nfunc init() {\n\trootCmd.Flags().BoolVar(&cfg.Verbose, \"verbose\", false, \"talk\")\n}\n"
    go_after = go_before.replace("\n}\n", "\n\trootCmd.Flags().IntVarP(&cfg.Jobs, \"jobs\", \"j\", 4, \"workers\")\n}\n")
    summary = _summary({"cmd/root.go": (go_before, go_after)}, "Add a jobs flag")
    assert summary[0] == "New option `--jobs` (default `4`)", summary


def test_a_plain_struct_field_and_a_test_flag_are_not_options():
    before = "pub struct Node {\n    pub id: u32,\n}\n"
    after = "pub struct Node {\n    pub id: u32,\n    pub weight: u32,\n}\n"
    summary = _summary({"src/graph.rs": (before, after)}, "Add weights to nodes")
    assert not any(line.startswith("New option") for line in summary), summary
    assert "`Node`" in summary[0], summary  # said as the struct it changes
    test_before = "def make():\n    parser = argparse.ArgumentParser()\n    return parser\n"
    test_after = test_before.replace("    return", '    parser.add_argument("--fake", default=1)\n    return')
    summary = _summary({"tests/test_cli.py": (test_before, test_after)}, "Test a fake flag")
    assert not any(line.startswith("New option") for line in summary), summary
    assert summary[0].startswith("Tests only: `tests/test_cli.py`"), summary


def test_a_nushell_command_signature_flag_is_an_option():
    before = """impl Command for Gradient {
    fn signature(&self) -> Signature {
        Signature::build("ansi gradient")
            .named(
                "fgstart",
                SyntaxShape::String,
                "Foreground gradient start color in hex.",
                Some('a'),
            )
    }
}
"""
    after = before.replace("                Some('a'),\n            )\n", "                Some('a'),\n            )\n"
                           "            .switch(\n                \"list\",\n                \"List the named gradients.\",\n"
                           "                Some('l'),\n            )\n")
    summary = _summary({"crates/nu-cmd-extra/src/gradient.rs": (before, after)}, "Enhance ansi gradient")
    assert summary[0] == "New option `--list`", summary


def test_a_constant_named_as_a_default_says_its_old_and_new_value():
    before = ('/// How long an evaluation runs before it is promoted to a job.\n'
              'const DEFAULT_PROMOTE_AFTER: Duration = Duration::from_secs(10);\n\n'
              'fn promote_after() -> Duration {\n    DEFAULT_PROMOTE_AFTER\n}\n')
    after = before.replace("from_secs(10)", "from_secs(120)")
    summary = _summary({"crates/nu-mcp/src/evaluation.rs": (before, after)}, "raise default promote-after to 2m")
    assert "`DEFAULT_PROMOTE_AFTER` `Duration::from_secs(10)` → `Duration::from_secs(120)`" in summary, summary
    local = "fn run() -> u32 {\n    let default_jobs = 4;\n    default_jobs\n}\n"
    summary = _summary({"src/run.rs": (local, local.replace("= 4", "= 8"))}, "Use more jobs")
    assert not any("`default_jobs`" in line for line in summary), summary
