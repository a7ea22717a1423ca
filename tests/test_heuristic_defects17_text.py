"""What the analysis says, read as a maintainer would (defects17): a long documentation line rewritten near its end
is quoted where the two versions differ, not as two identical clipped openings."""

from __future__ import annotations

from tests.facts_support import analysed

OPENING = "The default configuration uses colors if standard out is a TTY and the terminal supports them, "


def test_a_long_line_rewritten_at_its_end_is_quoted_where_it_differs():
    before = "# Console output\n\n" + OPENING + "otherwise it prints plain text.\n"
    after = "# Console output\n\n" + OPENING + "and on Windows also needs Colorama installed.\n"
    analysis = analysed({"docs/console-output.md": (before, after)}, "docs: clarify")
    line = next(s for s in analysis.summary if " → " in s)
    old, new = line.split(": ", 1)[1].split(" → ")
    assert old != new
    assert "Colorama" in new and "plain text" in old


def test_chinese_quotes_the_same_differing_part():
    before = "# Console output\n\n" + OPENING + "otherwise it prints plain text.\n"
    after = "# Console output\n\n" + OPENING + "and on Windows also needs Colorama installed.\n"
    analysis = analysed({"docs/console-output.md": (before, after)}, "docs: clarify", lang="zh")
    line = next(s for s in analysis.summary if " → " in s)
    assert line.startswith("仅修改文档") and "Colorama" in line.split(" → ")[1]


def test_an_examples_makefile_alone_is_called_examples_not_documentation():
    before = "install:\n\thelm upgrade --install --values ./values.yaml ../../ ; \\\n\techo done\n"
    after = "install:\n\thelm upgrade --install --values ./values.yaml ../../\n\techo done\n"
    en = analysed({"chart/examples/openshift/Makefile": (before, after)}, "Remove an unneeded semicolon")
    zh = analysed({"chart/examples/openshift/Makefile": (before, after)}, "Remove an unneeded semicolon", lang="zh")
    assert en.summary[0].startswith("Examples only: `chart/examples/openshift/Makefile`")
    assert zh.summary[0].startswith("仅修改示例：")
    assert not any("Documentation" in s for s in en.summary)


def test_a_readme_beside_an_example_is_still_documentation():
    analysis = analysed({"chart/examples/README.md": ("# Examples\n\nRun it.\n", "# Examples\n\nRun it with make.\n")},
                        "docs: say how to run the examples")
    assert analysis.summary[0].startswith("Documentation only:")


def test_a_code_example_in_the_message_is_no_point_the_words_after_it_are():
    from analysis.analyzers.heuristic.message import message_points
    body = ('```js\nsocket.on("retry", () => {\n  socket.stop(false);\n\n  // will now work\n});\n```\n\n'
            "The reconnection loop now stops when asked to.")
    assert message_points(body) == ["The reconnection loop now stops when asked to."]
    assert message_points("Stop the loop.\n\n~~~\ncode()\n~~~\n") == ["Stop the loop."]


def test_a_link_target_changed_inside_a_long_line_is_quoted_where_it_differs():
    head = "This can be a problem in hybrid applications like those based on [Starlette](https://www.starlette.io) "
    before = "# Context\n\n" + head + "(this [includes FastAPI](https://github.com/oldowner/fastapi/discussions/5999)).\n"
    after = "# Context\n\n" + head + "(this [includes FastAPI](https://github.com/fastapi/fastapi/discussions/5999)).\n"
    analysis = analysed({"docs/contextvars.md": (before, after)}, "Update FastAPI URL")
    line = next(s for s in analysis.summary if " → " in s)
    old, new = line.split(": ", 1)[1].split(" → ")
    assert "oldowner" in old and "oldowner" not in new and "github.com/fastapi" in new


def test_a_bots_bump_sentence_is_not_said_again_beside_the_go_modules_versions():
    before = "module example.com/tool\n\ngo 1.17\n\nrequire (\n\tgithub.com/acme/procfs v0.7.3\n)\n"
    after = before.replace("v0.7.3", "v0.8.0")
    message = "Bump github.com/acme/procfs from 0.7.3 to 0.8.0 (#1097)\n\nBumps github.com/acme/procfs from 0.7.3 to 0.8.0."
    analysis = analysed({"go.mod": (before, after)}, message)
    assert any("`github.com/acme/procfs` `v0.7.3` → `v0.8.0`" in s for s in analysis.summary)
    assert not any(s.startswith("Bumps ") for s in analysis.summary)
