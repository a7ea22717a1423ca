"""Chinese wording of assembled sentences: one "and others" form, no stray spaces, English quotes joined cleanly."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.heuristic_phrases import PHRASES
from analysis.analyzers.heuristic_writer import Writer
from analysis.analyzers.heuristic_evidence import Evidence
from analysis.models import Commit, FileChange
from analysis.zh_text import tidy_spacing


PATHS = ("install", "install.ps1", "main.go", "src/algo/algo.go", "src/options.go")


def commit(message: str = "Rename the installer flag", paths: tuple[str, ...] = PATHS) -> Commit:
    files = [FileChange(path=p, additions=1, deletions=1, patch="@@ -1 +1 @@\n-old\n+new\n") for p in paths]
    return Commit(sha="a" * 40, author="Dev", committed_at=datetime(2026, 5, 23, tzinfo=timezone.utc),
                  message=message, files=files, details_loaded=True)


def zh_writer(lang: str = "zh") -> Writer:
    return Writer(Evidence(commit=commit(), facts=[]), "fix", lang)


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

