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
