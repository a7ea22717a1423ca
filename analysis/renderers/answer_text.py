"""An ``ask`` answer as lines (zh or en), written for any target through its ``Format`` (see week_sections)."""

from __future__ import annotations

from analysis.answer import Answer, Hit
from analysis.renderers.labels import IMPORTANCE_ICON
from analysis.renderers.week_sections import Format
from analysis.renderers.week_sections import phrase as week_phrase

QUESTION_CHARS = 300
SUMMARY_CHARS = 300

_PHRASES: dict[str, dict[str, str]] = {
    "zh": {
        "title": "问答",
        "question": "问题：{q}",
        "scope": "依据 {repos} 自 {since} 起已存储的分析",
        "based_on": "依据的提交",
        "matches": "最相关的变更（未配置模型：以下为其已存储的摘要）",
        "unanswered": "已存储的分析无法回答这个问题；最接近的变更：",
        "fallback": "模型未能回答（{reason}）；最相关的变更：",
        "nothing": "没有已存储的分析能回答这个问题：{repos} 自 {since} 起没有匹配 {q} 的分析。",
    },
    "en": {
        "title": "Answer",
        "question": "Question: {q}",
        "scope": "From the stored analyses of {repos} since {since}",
        "based_on": "Based on",
        "matches": "Best-matching changes (no model is configured: their stored summaries)",
        "unanswered": "The stored analyses do not answer this; the closest changes:",
        "fallback": "The model could not answer ({reason}); the best-matching changes:",
        "nothing": "Nothing stored answers this: no analysis of {repos} since {since} matches {q}.",
    },
}


def phrase(lang: str, key: str, **values) -> str:
    return week_phrase(lang, key, _PHRASES, **values)


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _hit(hit: Hit, fmt: Format, with_summary: bool) -> str:
    line = (f"- {IMPORTANCE_ICON.get(hit.importance, '')} {fmt.link(hit.url, hit.short_sha)} "
            f"{fmt.esc(_cut(hit.title, fmt.title_chars))} ({fmt.esc(hit.repo)}, {hit.day})")
    if with_summary and hit.summary:
        line += f": {fmt.esc(_cut(hit.summary, SUMMARY_CHARS))}"
    return line


def answer_lines(answer: Answer, lang: str, fmt: Format) -> list[str]:
    """The answer's lines: the question, the model's paragraphs and the commits they rely on, or the matches."""
    if not answer.hits:
        return [nothing_text(answer, lang, fmt)]
    repos = ", ".join(fmt.esc(r) for r in answer.repos)
    lines = [fmt.bold(phrase(lang, "title")), phrase(lang, "question", q=fmt.esc(_cut(answer.question, QUESTION_CHARS))),
             f"_{phrase(lang, 'scope', repos=repos, since=answer.since)}_", ""]
    if answer.paragraphs:
        lines += [fmt.esc(p) for p in answer.paragraphs]
        lines += ["", fmt.bold(phrase(lang, "based_on"))] + [_hit(h, fmt, False) for h in answer.cited]
        return lines
    if answer.fallback:
        lines.append(phrase(lang, "fallback", reason=fmt.esc(_cut(answer.fallback, 200))))
    elif answer.unanswered:
        lines.append(phrase(lang, "unanswered"))
    else:
        lines.append(fmt.bold(phrase(lang, "matches")))
    return lines + [_hit(h, fmt, True) for h in answer.hits]


def nothing_text(answer: Answer, lang: str, fmt: Format) -> str:
    """The one sentence saying nothing stored matches."""
    return phrase(lang, "nothing", repos=", ".join(fmt.esc(r) for r in answer.repos), since=answer.since,
                  q=fmt.code(_cut(answer.question, 120)))
