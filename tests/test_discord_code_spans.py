"""Discord: analysis text keeps its inline code spans (names read as code), and stays inert around them."""

from __future__ import annotations

from adapters.discord.text import ZWSP, escape


def test_a_code_span_stays_a_code_span():
    assert escape("`Client.request` gains `data`") == "`Client.request` gains `data`"
    assert escape("Add `raise_for_status()` to *API*") == "Add `raise_for_status()` to \\*API\\*"


def test_markup_outside_spans_is_escaped_and_mentions_inside_are_defused():
    out = escape("[x](https://evil.example) `@everyone` @here")
    assert out.startswith("\\[x\\](https://evil.example)")
    assert f"`@{ZWSP}everyone`" in out and f"@{ZWSP}here" in out


def test_backtick_runs_are_escaped_not_read_as_spans():
    # ``` and `` are Discord's multi-backtick spans: escaped, so no text can slip out of a span
    out = escape("``` ||spoiler|| `")
    assert "||" not in out.replace("\\|", "") and out.count("\\`") == 4
