"""Chinese wording of assembled sentences: one "and others" form, no stray spaces, English quotes joined cleanly."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.evidence import Evidence
from analysis.analyzers.heuristic.text.phrases import PHRASES
from analysis.analyzers.heuristic.text.writer import Writer
from analysis.highlights import _PHRASES as HIGHLIGHT_PHRASES
from analysis.highlights import _items
from analysis.models import Commit, FileChange
from analysis.renderers.labels import change_type_name, sentences
from analysis.zh_text import join_sentences, tidy_spacing

PATHS = ("install", "install.ps1", "main.go", "src/algo/algo.go", "src/options.go")


def commit(message: str = "Rename the installer flag", paths: tuple[str, ...] = PATHS) -> Commit:
    files = [FileChange(path=p, additions=1, deletions=1, patch="@@ -1 +1 @@\n-old\n+new\n") for p in paths]
    return Commit(sha="a" * 40, author="Dev", committed_at=datetime(2026, 5, 23, tzinfo=timezone.utc),
                  message=message, files=files, details_loaded=True)


def zh_writer(lang: str = "zh") -> Writer:
    return Writer(Evidence(commit=commit(), facts=[]), "fix", lang)


# --- 1. a list cut short says "and others" once, with the total -----------------------------------

def test_a_cut_list_says_and_others_once_with_the_total():
    text = zh_writer().names(["install", "install.ps1", "main.go", "go.mod", "Makefile"], limit=2)
    assert text == "`install`、`install.ps1` 等 5 项"
    assert "另有" not in text


def test_a_cut_list_inside_a_risk_has_no_space_before_the_next_chinese_word():
    w = zh_writer()
    title = w.t("r_no_tests", what=w.names(["install", "install.ps1", "main.go"], limit=2))
    assert title == "没有测试覆盖对 `install`、`install.ps1` 等 3 项的修改"


def test_highlights_cut_list_has_no_separator_before_and_others():
    zh = _items(["#1", "#2", "#3"], HIGHLIGHT_PHRASES["zh"], sep_key="list_sep", limit=2)
    en = _items(["#1", "#2", "#3"], HIGHLIGHT_PHRASES["en"], sep_key="list_sep", limit=2)
    assert zh == "#1、#2 等 3 项"
    assert en == "#1, #2, and 1 more"


def test_a_heuristic_analysis_in_chinese_has_neither_doubled_others_nor_stray_spaces():
    analysis = HeuristicAnalyzer().analyze_sync(commit(), "zh")
    texts = analysis.summary + [t for r in analysis.risks for t in (r.risk, r.impact, r.mitigation)]
    assert texts and any("等 5 个" in t for t in texts)
    for text in texts:
        assert "另有" not in text and not re.search(r"[）】」。，、；：] | [（【「。，、；：]", text), text


# --- 2. spaces only between CJK and Latin text --------------------------------------------------

def test_spaces_next_to_full_width_punctuation_or_between_cjk_go():
    assert tidy_spacing("`install`（+1/−1） 出现回归") == "`install`（+1/−1）出现回归"
    assert tidy_spacing("等 5 个 新增参数 `data`") == "等 5 个新增参数 `data`"
    assert tidy_spacing("涉及 shell ，然后") == "涉及 shell，然后"


def test_spaces_between_cjk_and_latin_or_code_stay():
    assert tidy_spacing("修复 `foo` 的问题") == "修复 `foo` 的问题"
    assert tidy_spacing("涉及 shell 目录") == "涉及 shell 目录"


def test_code_spans_keep_their_spaces():
    assert tidy_spacing("修改 `中 文（ x ）` 的值") == "修改 `中 文（ x ）` 的值"


def test_the_writer_tidies_chinese_phrases_but_not_english_ones():
    zh = zh_writer().t("r_no_tests_impact", where="`install`（+1/−1）")
    assert zh == "`install`（+1/−1）出现回归时无法被发现。"
    en = zh_writer("en").t("more", items="a ,b", n=1, total=3)
    assert en == PHRASES["en"]["more"].format(items="a ,b", n=1)


# --- 3. English sentences quoted from a message, joined to Chinese ones ---------------------------

def test_an_english_sentence_ending_in_a_period_before_chinese_takes_the_chinese_stop():
    joined = join_sentences(["Bumps foo from 0.0.20 to 0.0.22.", "`foo` `v0.0.20` → `v0.0.22`", "移除依赖 `bar`"])
    assert joined == "Bumps foo from 0.0.20 to 0.0.22。`foo` `v0.0.20` → `v0.0.22`。移除依赖 `bar`"


def test_an_english_clause_with_a_closing_bracket_and_period_is_not_glued_to_chinese():
    joined = sentences("zh", ["Fall back when `nu` is gone (e.g. uninstalled).", "修改 `uninstall`（+5/−1）"])
    assert joined == "Fall back when `nu` is gone (e.g. uninstalled)。修改 `uninstall`（+5/−1）"


def test_english_sentences_in_a_row_keep_english_stops_and_spaces():
    joined = join_sentences(["`prerelease`: grep (extracted from `release` target)", "`tag`: signs the tag",
                             "RELEASE.md: use `make tag`", "构建文件：`Makefile`"])
    assert joined == ("`prerelease`: grep (extracted from `release` target). `tag`: signs the tag. "
                      "RELEASE.md: use `make tag`。构建文件：`Makefile`")


def test_a_chinese_sentence_already_stopped_is_not_stopped_twice():
    assert join_sentences(["仅修改注释。", "修改 `a`"]) == "仅修改注释。修改 `a`"
    assert ".。" not in join_sentences(["Done.", "修改 `a`"])


# --- 4. change-type labels ---------------------------------------------------------------------

def test_ci_is_continuous_integration_not_configuration():
    assert change_type_name("zh", "ci") == "持续集成"
    assert change_type_name("zh", "fix") == "Bug修复" and change_type_name("zh", "feature") == "功能增强"


def test_curly_quotes_around_english_keep_their_spaces_and_lose_them_beside_chinese():
    from analysis.zh_text import tidy_spacing

    assert tidy_spacing("use “fast” mode") == "use “fast” mode"
    assert tidy_spacing("改为 “快速” 模式") == "改为“快速”模式"
