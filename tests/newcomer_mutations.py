"""Newcomer mutations: undo each fix of issue 11 (rendering, CLI, console, layers) in a copy; a test must fail.

Run from the project's root: ``python tests/newcomer_mutations.py`` (``--list``, ``-k`` as in
``tests/guard_mutations.py``, whose runner this uses). Each entry puts back, in one line, the
behaviour the issue reported, and names the tests that must catch it. The README's example day is
checked by ``tests/test_readme_examples.py`` in a real clone (the copied tree has no history).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.guard_mutations import Mutation, main  # noqa: E402

CLI = "tests/test_newcomer_cli.py::"
RENDER = "tests/test_newcomer_rendering.py::"
SPANS = "tests/test_newcomer_code_spans.py"

MUTATIONS = [
    # --- rendering ---------------------------------------------------------------------------------
    Mutation("Markdown escapes inside code spans", "analysis/renderers/markdown_text.py",
             'return _no_links(_FENCE.sub("``", text))',
             'return _no_links(_html(_FENCE.sub("``", text)))',
             (RENDER + "test_code_spans_show_their_text_as_written", SPANS)),
    Mutation("one report section escapes its code spans", "analysis/renderers/markdown.py",
             'out += [f"| **{cell(r.risk)}** | {cell(r.impact)} | {cell(r.mitigation)} |" for r in analysis.risks]',
             'out += [f"| **{cell(r.risk)}** | {cell(r.impact)} | {cell(r.mitigation.replace(\'<\', \'&lt;\'))} |" '
             'for r in analysis.risks]',
             (SPANS,)),
    Mutation("a note swallows the summary", "analysis/renderers/markdown.py",
             'return [line for note in notes for line in ("", note)] + [""] if notes else []',
             'return [line for note in notes for line in ("", note)] if notes else []',
             (RENDER + "test_a_note_is_followed_by_a_blank_line_so_the_summary_stays_outside_the_quote",)),
    Mutation("compact summaries run together", "analysis/renderers/markdown.py",
             "summary = sentences(lang, [inline(s) for s in analysis.summary])",
             'summary = " ".join(inline(s) for s in analysis.summary)',
             (RENDER + "test_compact_summaries_are_separated_into_sentences",)),
    Mutation("'From the message:' quotes the first wrapped line only", "analysis/analyzers/heuristic/message.py",
             "lead.append(line.strip())",
             "lead.append(line.strip()) if not lead else None",
             (RENDER + "test_the_heuristic_quotes_the_whole_first_paragraph_of_the_message",)),
    Mutation("the contents cut inside a code span", "analysis/renderers/markdown_text.py",
             "if span.start() < limit < span.end():",
             "if False:",
             (RENDER + "test_contents_never_cut_inside_a_code_span",)),
    Mutation("Slack turns a lone '***' into look-alikes", "adapters/slack/text.py",
             "keep = _lone_markers(prose)",
             "keep = frozenset()",
             (RENDER + "test_slack_keeps_a_lone_run_of_markers_literal_and_still_defuses_formatting",)),
    Mutation("the commit table links no SHA", "analysis/renderers/markdown.py",
             'sha = f"[{sha}]({link})" if link else sha',
             "sha = sha",
             (RENDER + "test_the_commit_table_links_each_short_sha_when_the_repository_has_a_url",)),
    Mutation("a day of 0 commits renders an empty table", "analysis/renderers/markdown.py",
             'out += _commit_table(digest, lang) if digest.commits else [label(lang, "no_commits")]',
             "out += _commit_table(digest, lang)",
             (RENDER + "test_a_day_without_commits_says_so_instead_of_an_empty_table",)),
    Mutation("the fallback reason stays English in a Chinese report", "analysis/renderers/labels.py",
             "if reason is not None and reason.code in reasons:",
             "if False:",
             ("tests/test_llm_depth.py::test_zh_fallback_note_is_fully_chinese",)),
    # --- command line and console ------------------------------------------------------------------
    Mutation("no --version", "bot/cli.py",
             '@click.version_option(_version(), "--version", prog_name="digestbot", message="%(prog)s %(version)s")',
             "# no --version",
             (CLI + "test_version",)),
    Mutation("no arguments print 'error: Usage'", "bot/cli.py",
             "except click.exceptions.NoArgsIsHelpError as exc:  # plain `digestbot`: the usage, not an error line",
             "except ZeroDivisionError as exc:",
             (CLI + "test_no_arguments_prints_the_usage_not_an_error_line",)),
    Mutation("explain takes hex SHAs only on a local repository", "analysis/sources/local_git.py",
             "if found:",
             "if False:",
             (CLI + "test_explain_accepts_head_a_branch_and_a_tag_on_a_local_repository",)),
    Mutation("explain takes hex SHAs only on GitHub", "analysis/sources/github.py",
             "ref = prefix.lower() if SHA_RE.match(parse_revision(prefix)) else prefix",
             'ref = prefix.lower() if SHA_RE.match(parse_revision(prefix)) else parse_revision("-not-a-sha")',
             (CLI + "test_explain_accepts_any_ref_github_resolves",)),
    Mutation("--branch ignores origin/<branch>", "analysis/sources/local_git.py",
             "remote = self._remote_branch(branch)",
             "remote = None",
             (CLI + "test_a_branch_only_on_the_remote_is_read_from_origin_in_a_fresh_clone",)),
    Mutation("a missing directory reads as a bad owner/name", "analysis/sources/__init__.py",
             "if local and looks_like_path(repo):",
             "if False:",
             (CLI + "test_a_missing_local_path_says_the_directory_does_not_exist",)),
    Mutation("a 300-character name is an OSError", "analysis/sources/__init__.py",
             "except (OSError, ValueError):  # a name too long for a path, a NUL byte: not a directory",
             "except ValueError:",
             (CLI + "test_a_300_character_repository_name_is_bad_input",)),
    Mutation("the CLI takes a future day silently", "bot/cli.py",
             "window.require_begun(now)",
             "pass",
             (CLI + "test_the_cli_refuses_a_day_not_begun_and_warns_about_a_day_not_over",)),
    Mutation("/digest now promises a digest years ahead", "bot/core/service.py",
             "window.require_begun(self.clock())  # a day years ahead has no digest, partial or full",
             "pass",
             (CLI + "test_now_refuses_a_day_years_ahead_instead_of_promising_its_digest",)),
    Mutation("the console says nothing at start on a terminal", "adapters/console.py",
             "if _is_terminal(self.stdin):  # a person at a prompt, not a pipe: say how to talk to the bot",
             "if False:",
             (CLI + "test_the_console_greets_a_terminal_and_not_a_pipe",)),
    Mutation("console attachments are written nowhere", "adapters/console.py",
             "path = await asyncio.to_thread(self._save, name, content)",
             "path = name",
             (CLI + "test_console_attachments_are_written_under_the_data_directory",)),
    Mutation("a typo gets no suggestion", "bot/core/commands.py",
             'hint = f"did you mean {close[0]}?" if close else "try /digest help"',
             'hint = "try /digest help"',
             (CLI + "test_a_mistyped_command_gets_a_suggestion",)),
    Mutation("a zone in the wrong case is refused", "analysis/day.py",
             'canonical = _zones_by_lower_name().get((name or "").lower())',
             "canonical = None",
             (CLI + "test_time_zones_are_accepted_in_any_case",)),
    # --- layers -------------------------------------------------------------------------------------
    Mutation("analysis/ imports the bot", "analysis/sources/__init__.py",
             "from analysis.errors import BadInput",
             "from analysis.errors import BadInput; from bot.observe import metrics  # noqa",
             ("tests/test_layers.py",)),
    Mutation("the bot core imports a chat library", "bot/core/chat.py",
             "from __future__ import annotations",
             "from __future__ import annotations; import slack_sdk  # noqa",
             ("tests/test_layers_imports.py",)),
    Mutation("an import inside a function dodges a circle", "bot/core/ledger.py",
             'TABLE = "ledger"',
             'TABLE = "ledger"\ndef _late(): import scheduler.jobs  # noqa',
             ("tests/test_layers_imports.py",)),
]

if __name__ == "__main__":
    sys.exit(main(mutations=MUTATIONS, doc=__doc__))
