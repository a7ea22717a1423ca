"""Maintainer-review mends (defects38) from the days of the thirty-eighth and thirty-ninth sets: a chart repository's
reusable-workflow bumps, reverts and re-pins all said by the same key names, and what fzf, psycopg, ccache and
networkx's digests said that their diffs do not.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text

_WORKFLOW = """name: Release
on: push
jobs:
  workflow:
    uses: acme/shared-workflows/.github/workflows/release.yaml@{ref}{comment}
  validate:
    uses: acme/shared-workflows/.github/workflows/validate.yaml@{ref}{comment}
"""


def _pinned(old: str, new: str, comment_old: str = "", comment_new: str = "", lang: str = "en"):
    before = _WORKFLOW.format(ref=old, comment=comment_old)
    after = _WORKFLOW.format(ref=new, comment=comment_new)
    return analysed({".github/workflows/release.yaml": (before, after)}, "Update workflows", lang)


def test_reusable_workflow_keys_name_the_ref_they_move_to():
    sha_a, sha_b, sha_c = "a" * 40, "b" * 40, "c" * 40
    for lang in ("en", "zh"):
        cases = [_pinned("v0.9.0", "v0.10.0", lang=lang), _pinned("v0.10.0", "v0.11.0", lang=lang),
                 _pinned(sha_a, sha_b, " # v1.2.0", " # v1.3.0", lang=lang),
                 # a stale comment that is itself a SHA names no version: the ref stays the SHA
                 _pinned(sha_b, sha_c, f" # {sha_a} # v1.2.0", f" # {sha_a} # v1.2.0", lang=lang)]
        impacts = [next(s for s in a.impact if s.startswith(".github/workflows")) for a in cases]
        assert len(set(impacts)) == len(impacts), impacts
        assert "`v0.10.0`" in impacts[0] and "`v0.11.0`" in impacts[1] and "`v1.3.0`" in impacts[2], impacts
        assert "`cccccccccccc`" in impacts[3] and "aaaaaaaaaaaa" not in impacts[3], impacts


def test_cpp_nested_namespace_in_one_line_is_not_said_twice():
    before = ("namespace store::local {\n\nvoid\nLocalStore::put(const Key& key, int type, int value)\n{\n"
              "  write(key, type, value);\n}\n\n} // namespace store::local\n")
    after = before.replace("const Key& key, int type, int value", "const Key& key, int value").replace(
        "write(key, type, value)", "write(key, value)")
    text = analysis_text(analysed({"src/store/local/localstore.cpp": (before, after)}, "Drop the type", "en"))
    assert "`LocalStore::put`" in text, text
    assert "store::local::store::local" not in text, text


def test_removing_a_deprecated_function_does_not_ask_to_deprecate_it_first():
    keep = "def kept(G):\n    return G\n"
    old = ('import warnings\n\n__all__ = ["kept", "old_walk"]\n\n\n' + keep + "\n\ndef old_walk(G, seed=None):\n"
           '    """Walk.\n\n    .. deprecated:: 3.3\n    """\n    warnings.warn("old_walk is deprecated", '
           "DeprecationWarning)\n    return G\n")
    new = 'import warnings\n\n__all__ = ["kept"]\n\n\n' + keep
    tests_old = ("def test_old_walk_deprecated():\n    pass\n\n\ndef test_old_walk():\n    pass\n\n\n"
                 "def test_kept():\n    pass\n")
    for lang in ("en", "zh"):
        a = analysed({"pkg/walks.py": (old, new), "pkg/tests/test_walks.py": (tests_old, "def test_kept():\n    pass\n")},
                     "Expire old_walk deprecation", lang)
        text = analysis_text(a)
        assert "for a release first" not in text and "标记为弃用一个版本" not in text, text
        assert any("`old_walk`" in r.risk for r in a.risks), a.risks
        assert not any("test_old_walk" in r.risk for r in a.risks), a.risks
    # a function removed without a deprecation still asks for one
    plain_old, plain_new = '__all__ = ["kept", "walk"]\n\n\n' + keep + "\n\ndef walk(G):\n    return G\n", \
        '__all__ = ["kept"]\n\n\n' + keep
    text = analysis_text(analysed({"pkg/walks.py": (plain_old, plain_new)}, "Remove walk", "en"))
    assert "for a release first" in text, text


def test_a_floor_raised_alike_in_each_package_is_one_compatibility_sentence():
    project = '[project]\nname = "{n}"\nversion = "1.0"\nrequires-python = ">= {v}"\n'
    files = {f"{n}/pyproject.toml": (project.format(n=n, v="3.9"), project.format(n=n, v="3.10"))
             for n in ("core", "speedups", "pool")}
    for lang in ("en", "zh"):
        a = analysed(files, "Drop support for Python 3.9", lang)
        compat = a.insights.compatibility
        assert compat.count("`>= 3.10`") == 1, compat
        assert all(f"`{n}/pyproject.toml`" in compat for n in ("core", "speedups", "pool")), compat


def test_a_list_item_dropped_alike_in_each_package_is_one_line():
    project = '[project]\nname = "{n}"\nversion = "1.0"\nclassifiers = [\n{c}]\n'
    both = '    "Programming Language :: Python :: 3.9",\n    "Programming Language :: Python :: 3.10",\n'
    one = '    "Programming Language :: Python :: 3.10",\n'
    files = {f"{n}/pyproject.toml": (project.format(n=n, c=both), project.format(n=n, c=one))
             for n in ("core", "speedups", "pool")}
    for lang in ("en", "zh"):
        a = analysed(files, "Drop support for Python 3.9", lang)
        lines = [s for s in a.summary if "Python :: 3.9" in s]
        assert len(lines) == 1, a.summary
        assert all(f"`{n}/pyproject.toml`" in lines[0] for n in ("core", "speedups", "pool")), lines


def test_a_manual_page_note_is_quoted_without_its_roff_escapes():
    page = ".TH TOOL 1\n.SH OPTIONS\n.TP\n.B \\-\\-wait\nBlock.\n"
    note = ".PP\nAsynchronous \\fBbg\\-transform\\fR actions are not affected by the block.\nTheir results apply.\n"
    a = analysed({"man/man1/tool.1": (page, page + note), "src/run.py": ("def run():\n    return 1\n",
                                                                        "def run():\n    return 2\n")},
                 "Run callbacks while blocked", "en")
    line = next(s for s in a.impact if s.startswith("man/man1"))
    assert "Asynchronous bg-transform actions" in line, line
    assert "\\f" not in line and "\\-" not in line, line


def test_changed_symbols_name_the_most_changed_files_first():
    small = "def a():\n    return 1\n"
    big_before = "def b():\n    return 1\n"
    big_after = "def b():\n" + "".join(f"    x{i} = {i}\n" for i in range(30)) + "    return 2\n"
    files = {"pkg/a.py": (small, small.replace("1", "2")), "pkg/c.py": (small.replace("a()", "c()"),
                                                                          small.replace("a()", "c()").replace("1", "3")),
             "pkg/z.py": (big_before, big_after)}
    a = analysed(files, "Rework the helpers", "en")
    line = next(s for s in a.summary if s.startswith("Changes "))
    assert "`pkg/z.py` (+31/−1)" in line, line


def test_a_build_file_version_bump_is_said_beside_its_checksum():
    find = ('if(DEP_FROM_INTERNET)\n  set(_dep_version_string {v})\n  FetchContent_Declare(dep\n'
            '    URL https://example.org/dep-${{_dep_version_string}}.tar.gz\n    SHA256 {h}\n  )\nendif()\n')
    before, after = find.format(v="2.5.2", h="1f" * 32), find.format(v="2.5.3", h="cf" * 32)
    for lang in ("en", "zh"):
        a = analysed({"cmake/FindDep.cmake": (before, after)}, "bump: Upgrade to dep 2.5.3", lang)
        text = "\n".join(a.summary)
        assert "`set(_dep_version_string 2.5.2)` → `set(_dep_version_string 2.5.3)`" in text, text


def test_a_sentence_before_for_example_keeps_one_full_stop():
    body = ("Print the last command status with the error. For example:\n\n"
            "    the last operation didn't produce records (command status: NOTIFY)\n")
    code_before, code_after = "def check():\n    return 1\n", "def check():\n    return 2\n"
    a = analysed({"pkg/cursor.py": (code_before, code_after)},
                 "fix: improve error message\n\n" + body, "en")
    assert any(s.startswith("Print the last command status with the error.") for s in a.summary), a.summary
    assert not any(".." in s for s in a.summary), a.summary


def test_a_release_heading_naming_the_project_is_no_changelog_entry():
    news = "Release notes\n=============\n\nWidget 3.3.0 (unreleased)\n^^^^^^^^^^^^^^^^^^^^^^^^^\n\n- Drop old things.\n"
    new_news = news.replace("- Drop old things.\n", "- Drop old things.\n\nWidget 3.2.8 (unreleased)\n"
                            "^^^^^^^^^^^^^^^^^^^^^^^^^\n\n- Fix the tick functions to return UTC values.\n")
    code_before, code_after = "def ticks():\n    return 1\n", "def ticks():\n    return 2\n"
    for lang in ("en", "zh"):
        a = analysed({"docs/news.rst": (news, new_news), "pkg/dbapi.py": (code_before, code_after)},
                     "fix: fix tick functions", lang)
        text = "\n".join(a.summary)
        assert "Fix the tick functions" in text, text
        assert "3.2.8" not in text, text


def test_a_go_blank_function_is_no_symbol():
    gen = ('package main\n\nimport "strconv"\n\nfunc _() {\n\tvar x [1]struct{}\n\t_ = x[actA-0]\n{extra}}\n\n'
           'const _actionType_name = "{names}"\n')
    before = gen.replace("{extra}", "").replace("{names}", "actA")
    after = gen.replace("{extra}", "\t_ = x[actWait-1]\n").replace("{names}", "actAactWait")
    term_before = "package main\n\nfunc Run() int {\n\treturn 1\n}\n"
    term_after = "package main\n\nfunc Run() int {\n\treturn 2\n}\n"
    text = analysis_text(analysed({"src/actiontype_string.go": (before, after), "src/terminal.go": (term_before, term_after)},
                          "Add 'wait' action", "en"))
    assert "`Run`" in text, text
    assert "`_`" not in text, text


def test_a_message_paragraph_the_changelog_quotes_is_said_once():
    para = ("Unlike a popup, a floating pane is not modal; you can switch to other panes while the tool is "
            "running.")
    log = "# Changelog\n\n## 0.2.0\n\n- Older entry here.\n"
    new_log = log.replace("## 0.2.0", "## 0.3.0\n\n- On tmux 3.7 or above, `--popup` starts a floating pane. "
                          + para + "\n\n## 0.2.0")
    code_before, code_after = "def run():\n    return 1\n", "def run():\n    return 2\n"
    for lang in ("en", "zh"):
        a = analysed({"CHANGELOG.md": (log, new_log), "src/run.py": (code_before, code_after)},
                     "Use floating pane instead of popup\n\n" + para, lang)
        assert sum("floating pane is not modal" in s for s in a.summary) == 1, a.summary
        assert any("On tmux 3.7 or above" in s and "not modal" in s for s in a.summary), a.summary


def test_a_version_written_as_a_yaml_number_ending_in_zero_is_a_risk():
    wf = ("name: Build\non: push\njobs:\n  sdist:\n    runs-on: ubuntu-latest\n    steps:\n"
          "      - uses: actions/setup-python@v5\n        with:\n          python-version: {v}\n")
    for lang in ("en", "zh"):
        a = analysed({".github/workflows/build.yml": (wf.format(v="3.9"), wf.format(v="3.10"))},
                     "chore: drop Python 3.9", lang)
        risk = next(r for r in a.risks if "`3.10`" in r.risk)
        assert "`3.1`" in risk.impact and '`"3.10"`' in risk.mitigation, a.risks
    # quoted, or a version with no trailing zero, is read as written
    for v in ('"3.10"', "3.11"):
        a = analysed({".github/workflows/build.yml": (wf.format(v="3.9"), wf.format(v=v))}, "ci: bump", "en")
        assert not any("YAML number" in r.risk for r in a.risks), a.risks


def test_an_alias_made_a_deprecated_wrapper_is_said_deprecated():
    head = '__all__ = ["could_match"]\n\n\ndef could_match(a, b):\n    return a == b\n\n\n'
    before = head + "graph_could_match = could_match\n"
    after = head + ('def graph_could_match(a, b):\n    """\n    .. deprecated:: 3.5\n\n       Use `could_match`.\n'
                    '    """\n    import warnings\n\n    warnings.warn("graph_could_match is deprecated", '
                    "DeprecationWarning)\n    return could_match(a, b)\n")
    for lang in ("en", "zh"):
        a = analysed({"pkg/match.py": (before, after)}, "Deprecate graph_could_match", lang)
        assert any(s.startswith(("Deprecates `graph_could_match`", "弃用 `graph_could_match`")) for s in a.summary), \
            a.summary
    # a helper that warns of another option's deprecation is not deprecated itself
    helper = head + ('def _check_opts(opts):\n    if "old" in opts:\n        warnings.warn("old is deprecated", '
                     "DeprecationWarning)\n    return opts\n")
    a = analysed({"pkg/match.py": (head, helper)}, "Warn on old option", "en")
    assert not any(s.startswith("Deprecates") for s in a.summary), a.summary


def test_two_short_lines_rewritten_in_an_unnamed_function_are_quoted():
    body = ("  int status = wait_for(pid);\n  if (WEXITSTATUS(status) == 0 && WIFSIGNALED(status)) {\n"
            "    return -1;\n  }\n  return WEXITSTATUS(status);\n")
    before = "#include <sys/wait.h>\n\nint\nrun_child(Context& ctx,\n          int pid)\n{\n" + body + "}\n"
    after = before.replace("if (WEXITSTATUS(status) == 0 && WIFSIGNALED(status))", "if (WIFSIGNALED(status))") \
        .replace("return WEXITSTATUS(status);", "return WIFEXITED(status) ? WEXITSTATUS(status) : -1;")
    a = analysed({"src/tool/execute.cpp": (before, after)}, "fix: Improve portability of exit status check", "en")
    text = "\n".join(a.summary)
    assert "`if (WIFSIGNALED(status)) {`" in text or "WIFSIGNALED(status)) {`" in text, text
    assert "WIFEXITED(status) ? WEXITSTATUS(status) : -1;`" in text, text


def test_two_short_lines_rewritten_at_module_level_are_quoted():
    before = "import sys\n\nstatus = main()\nif status > 1:\n    report(status)\nsys.exit(status)\n"
    after = before.replace("if status > 1:", "if status > 2:").replace("sys.exit(status)", "sys.exit(status or 0)")
    a = analysed({"tool/cli.py": (before, after)}, "Exit cleanly", "en")
    text = "\n".join(a.summary)
    assert "`if status > 1:` → `if status > 2:`" in text and "`sys.exit(status or 0)`" in text, text
