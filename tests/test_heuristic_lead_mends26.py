"""Mends from reading a real day as its maintainers (jazzband/pip-tools 2024-12-16): docstrings rewritten across
several modules beside a docs build's new dependencies are said, not dropped as "a comment touched in passing"; a
requirement that pins no version says "(any version)", not a version `*`; a folded commit whose title says nothing
(a dependency bot's message that starts with its ``---`` separator) is listed by its SHA alone."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.models import Commit, CommitReport, Digest
from analysis.renderers.markdown import render_markdown
from tests.facts_support import analysed

_MODULE = '''def {name}(value):
    """{doc}"""
    return value
'''


def _modules(n: int) -> dict[str, tuple[str, str]]:
    return {f"pkg/mod{i}.py": (_MODULE.format(name=f"f{i}", doc=f"returns the value {i}"),
                               _MODULE.format(name=f"f{i}", doc=f"Return the value {i}."))
            for i in range(n)}


def test_docstrings_rewritten_in_several_modules_are_said_beside_the_docs_build():
    files = {"docs/requirements.in": ("sphinx\n", "sphinx\nsphinx-autodoc\n"), **_modules(3)}
    summary = " ".join(analysed(files, "Add API documentation").summary)
    assert "`sphinx-autodoc`" in summary
    assert "Comments and docstrings only in `pkg/mod0.py`, `pkg/mod1.py`, `pkg/mod2.py`" in summary


def test_a_docstring_touched_in_passing_stays_unsaid():
    files = {"docs/requirements.in": ("sphinx\n", "sphinx\nsphinx-autodoc\n"), **_modules(1),
             "docs/conf.py": ("x = 1\n", "x = 1\n" + "".join(f"ext{i} = {i}\n" for i in range(12)))}
    summary = " ".join(analysed(files, "Add API documentation").summary)
    assert "`sphinx-autodoc`" in summary and "Comments and docstrings only" not in summary


def test_a_requirement_without_a_version_says_any_version():
    before, after = '{"devDependencies": {"a": "1.0.0"}}\n', '{"devDependencies": {"a": "1.0.0", "b": "*"}}\n'
    en = " ".join(analysed({"package.json": (before, after)}, "chore: add b").summary)
    zh = " ".join(analysed({"package.json": (before, after)}, "chore: add b", "zh").summary)
    assert "`b` (any version)" in en and "`*`" not in en
    assert "新增开发依赖 `b`（不限版本）" in zh


def test_a_folded_commit_titled_only_by_a_separator_is_listed_by_its_sha():
    at = datetime(2024, 12, 16, tzinfo=timezone.utc)
    merge = Commit(sha="a" * 40, author="bot", committed_at=at, parents=["0" * 40, "b" * 40],
                   message="Bump requests from 2.31.0 to 2.32.0 in /docs (#2095)")
    branch = Commit(sha="b" * 40, author="bot", committed_at=at, parents=["0" * 40],
                    message="---\nupdated-dependencies:\n- dependency-name: requests\n")
    report = CommitReport(commit=merge, analysis=analysed({"docs/x.md": ("a\n", "b\n")}, "docs"), includes=[branch])
    text = render_markdown(Digest(repo="o/r", date="2024-12-16", timezone="UTC", commits=[report]), "en")
    assert "(`bbbbbbb`)" in text and "↳ `bbbbbbb` ---" not in text


_CLI = '''import click


@click.command()
@click.option("--config", default=None)
def cli(config):
    """Compile requirements."""
    if config:
        log.info(f"Using defaults found in {config}.")
    return run(config)
'''
_CLI_OPTION = _CLI.replace('''def cli(config):''', '''@click.option(
    "--no-config",
    is_flag=True,
    default=False,
    help="Do not read any config file.",
)
def cli(config, no_config):''').replace("if config:", "if config and not no_config:")


def test_a_click_option_written_over_several_lines_is_a_new_option_not_a_broken_signature():
    analysis = analysed({"tool/scripts/compile.py": (_CLI, _CLI_OPTION)}, "Add `--no-config` option")
    summary = " ".join(analysis.summary)
    assert "New option `--no-config` (default `False`)" in summary
    assert "`cli` gains `no_config`" not in summary and not any("Breaking" in r.risk for r in analysis.risks)
    assert analysis.importance == "medium"


def test_a_callback_parameter_no_option_names_still_breaks_callers():
    after = _CLI.replace("def cli(config):", "def cli(config, verbose):")
    analysis = analysed({"tool/scripts/compile.py": (_CLI, after)}, "Pass verbosity")
    assert any("Breaking signature changes: `cli`" in r.risk for r in analysis.risks)


def test_the_same_line_rewritten_in_two_commands_is_quoted_once_with_its_count():
    files = {f"tool/scripts/{name}.py": (_CLI, _CLI.replace("log.info(", "log.debug(")) for name in ("compile", "sync")}
    en = " ".join(analysed(files, "Downgrade log level for configuration defaults message").summary)
    zh = " ".join(analysed(files, "Downgrade log level for configuration defaults message", "zh").summary)
    assert "→ `log.debug(f\"Using defaults found in {config}.\")` in 2 places" in en
    assert "在 2 处代码行" in zh


def test_a_root_codeowners_file_is_tooling_with_no_test_to_ask_for():
    analysis = analysed({"CODEOWNERS": ("* @org/release-engineering\n", "* @org/maintainers\n")},
                        "Add maintainer team as code owner (#218)")
    assert analysis.importance == "low" and analysis.change_type == "chore"
    assert "CI and tooling only: `CODEOWNERS`" in " ".join(analysis.summary) and not analysis.risks


_RETRY = '''package retry

func baseRetryPolicy(err error) (bool, error) {
\treturn true, nil
}
'''
_CERT = '''package retry

func isCertError(err error) bool {{
\t_, ok := err.(*tls.CertificateVerificationError)
\treturn ok{extra}
}}
'''


def test_security_words_found_only_in_files_already_named_are_said_once_without_their_symbols_again():
    files = {"cert_error_go120.go": (_CERT.format(extra=""), _CERT.format(extra=" && certificate != nil")),
             "client.go": (_RETRY, _RETRY.replace("return true, nil", "if isCertError(err) {\n\t\treturn false, err\n"
                                                                        "\t}\n\treturn true, nil"))}
    analysis = analysed(files, "Fix default retry policy for certificate verification errors")
    security = analysis.insights.security
    assert "Touches security-sensitive paths: `cert_error_go120.go` (+1/−1): `isCertError` changed." in security
    assert "Those files' changed lines name `certificate`." in security
    assert security.count("`isCertError`") == 1


def _bump(lang: str = "en"):
    from analysis.models import Fact
    from tests.test_heuristic_defects24_text import analyse, change

    manifest = change("package.json", ['    "vitest": "^1.5.0",'], ['    "vitest": "^2.0.3",'])
    lock = change("pnpm-lock.yaml", [], ["  '@babel/parser@7.24.8':", "  '@ampproject/remapping@2.3.0':"])
    facts = [Fact(kind="dependency_changed", path="package.json", symbol="vitest", before="^1.5.0", after="^2.0.3",
                  text="development"),
             Fact(kind="dependency_changed", path="pnpm-lock.yaml", symbol="@babel/parser", after="7.24.8",
                  text="transitive"),
             Fact(kind="dependency_changed", path="pnpm-lock.yaml", symbol="@ampproject/remapping", after="2.3.0",
                  text="transitive")]
    return analyse("chore(deps): update vitest monorepo to v2 (major)", [manifest, lock], facts, lang)


def test_lock_entries_a_bump_drags_along_are_the_locks_not_new_dependencies():
    summary = _bump().summary
    assert "`vitest` `^1.5.0` → `^2.0.3`" in summary
    assert "`pnpm-lock.yaml` adds `@babel/parser` `7.24.8`, `@ampproject/remapping` `2.3.0`" in summary
    assert not any(line.startswith("New dependency") for line in summary)
    assert "`pnpm-lock.yaml` 新增 `@babel/parser` `7.24.8`" in " ".join(_bump("zh").summary)


def test_the_days_dependency_highlight_leaves_transitive_lock_entries_to_their_change():
    from analysis.highlights import heuristic_highlights
    from analysis.models import Fact

    at = datetime(2024, 7, 16, tzinfo=timezone.utc)
    analysis = analysed({"go.mod": ("module m\n\nrequire golang.org/x/net v0.1.0\n",
                                    "module m\n\nrequire golang.org/x/net v0.2.0\n")}, "chore: bump x/net")
    analysis = analysis.model_copy(update={"facts": [
        *analysis.facts, Fact(kind="dependency_changed", path="go.sum", symbol="golang.org/x/text", after="v0.3.0",
                              text="transitive")]})
    report = CommitReport(commit=Commit(sha="c" * 40, author="Dev", committed_at=at, message="chore: bump x/net"),
                          analysis=analysis)
    text = "\n".join(heuristic_highlights([report] * 3, "en"))
    assert "`golang.org/x/net` v0.1.0 → v0.2.0" in text and "golang.org/x/text" not in text


def test_an_annotation_dropped_for_a_literal_default_of_its_type_is_an_optional_parameter_not_a_break():
    from analysis.analyzers.signatures import compare

    old = "export function resolveURL(base: string, ...input: string[]): string"
    new = 'export function resolveURL(base = "", ...inputs: string[]): string'
    assert not compare(old, new, "src/utils.ts", "resolveURL").breaking
    assert compare(old.replace("base: string", "base: number"), new, "src/utils.ts", "resolveURL").breaking
    before = f"{old} {{\n  return base + input.join('/');\n}}\n"
    after = f"{new} {{\n  return base + inputs.join('/');\n}}\n"
    analysis = analysed({"src/utils.ts": (before, after)}, "refactor(resolveUrl): decouple from $URL")
    assert "`resolveURL` `base` becomes optional (default `\"\"`)" in analysis.summary
    assert analysis.importance != "high" and not any("Breaking" in r.risk for r in analysis.risks)
    zh = analysed({"src/utils.ts": (before, after)}, "refactor(resolveUrl): decouple from $URL", "zh")
    assert "`resolveURL` `base` 变为可选（默认 `\"\"`）" in zh.summary


_JOIN = '''export function joinURL(base: string, ...input: string[]): string {
  let url = base || "";
  for (const segment of input) {
    if (!url) {
      url = segment;
    } else {
      url = url + "/" + segment;
    }
  }
  return url;
}
'''
_JOIN_FIXED = _JOIN.replace('''    if (!url) {
      url = segment;
    } else {
      url = url + "/" + segment;
    }''', '''    if (url) {
      url = url + "/" + segment;
    } else {
      url = segment;
    }''')


def test_a_bots_automated_lint_fixes_are_a_chore_with_no_fix_to_test():
    analysis = analysed({"src/utils.ts": (_JOIN, _JOIN_FIXED)}, "[autofix.ci] apply automated fixes")
    assert (analysis.importance, analysis.change_type) == ("low", "chore")
    assert "Changes `joinURL` in `src/utils.ts` (+3/−3)" in analysis.summary and not analysis.risks
    worded = analysed({"src/utils.ts": (_JOIN, _JOIN_FIXED)}, "fix(joinURL): handle an empty base")
    assert worded.importance == "medium" and worded.change_type == "fix"


def test_a_symbol_moved_into_a_module_its_old_one_imports_is_not_removed_in_the_days_highlights():
    from analysis.highlights import heuristic_highlights

    url_before = "export class $URL {\n  constructor(public input: string) {}\n}\n"
    url_after = url_before + ("\n/**\n * @deprecated use `new URL(input)`\n */\nexport function createURL(input: string): $URL {"
                              "\n  return new $URL(input);\n}\n")
    utils_before = ('import { $URL } from "./url";\n\nexport function createURL(input: string): $URL {\n'
                    '  return new $URL(input);\n}\n\nexport function cleanDoubleSlashes(input = "") {\n'
                    '  return createURL(input).toString();\n}\n')
    utils_after = ('import { createURL } from "./url";\n\nexport function cleanDoubleSlashes(input = "") {\n'
                   '  return createURL(input).toString();\n}\n')
    files = {"src/url.ts": (url_before, url_after), "src/utils.ts": (utils_before, utils_after)}
    analysis = analysed(files, "refactor: deprecate createURL")
    from tests.facts_support import commit_of

    commit, _ = commit_of(files, "refactor: deprecate createURL")
    reports = [CommitReport(commit=commit.model_copy(update={"sha": c * 40}), analysis=analysis) for c in "def"]
    text = "\n".join(heuristic_highlights(reports, "en"))
    assert any(f.kind == "symbol_removed" and f.symbol == "createURL" for f in analysis.facts)
    assert "Most lines changed in `src`" in text and "`createURL` removed" not in text


def test_a_dereference_is_no_comment_naming_an_attack():
    from analysis.analyzers.heuristic.declared import _ADDED_COMMENT

    assert _ADDED_COMMENT.match("+ * guards against a malicious server").group("text").startswith("guards against")
    assert not _ADDED_COMMENT.match("+  *security_level = 0;") and not _ADDED_COMMENT.match("+#include <x>")


def test_requirements_without_versions_listed_together_say_any_version():
    before = '{"dependencies": {"a": "1.0.0"}}\n'
    after = '{"dependencies": {"a": "1.0.0", "b": "*", "c": "*", "d": "^2.0.0"}}\n'
    summary = " ".join(analysed({"package.json": (before, after)}, "build: add b, c and d").summary)
    assert "`b` (any version)" in summary and "`c` (any version)" in summary and "`d` `^2.0.0`" in summary
    assert "`*`" not in summary


def test_the_days_dependency_highlight_says_any_version_for_a_star():
    from analysis.highlights import heuristic_highlights
    from tests.facts_support import commit_of

    files = {"pyproject.toml": ('[project]\nname = "x"\ndependencies = ["click>=8"]\n',
                                '[project]\nname = "x"\ndependencies = ["click>=8", "build"]\n')}
    analysis = analysed(files, "build: depend on build")
    analysis = analysis.model_copy(update={"facts": [f.model_copy(update={"after": "*"}) if f.symbol == "build" else f
                                                     for f in analysis.facts]})
    commit, _ = commit_of(files, "build: depend on build")
    reports = [CommitReport(commit=commit.model_copy(update={"sha": c * 40}), analysis=analysis) for c in "abc"]
    text = "\n".join(heuristic_highlights(reports, "en"))
    assert "`build` (any version) (new)" in text and "`build` * (new)" not in text
