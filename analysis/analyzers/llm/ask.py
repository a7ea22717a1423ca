"""The LLM's answer to ``ask``: one request with the retrieved analyses (fenced as untrusted data) and the question."""

from __future__ import annotations

import logging
import re

from analysis.analyzers.llm.answer import AnswerError, parse_bullets
from analysis.analyzers.llm.prompt import defuse, language_name, load_prompt
from analysis.answer import Answer
from analysis.errors import BadInput

log = logging.getLogger(__name__)

ASK_OUTPUT_TOKENS = 1024
SUMMARY_CHARS = 600
_PROMPT = None


def _prompt():
    global _PROMPT
    if _PROMPT is None:
        _PROMPT = load_prompt("ask")
    return _PROMPT


def _listing(answer: Answer) -> str:
    lines = []
    for hit in answer.hits:
        entry = (f"- {hit.short_sha} [{hit.importance}, {hit.change_type}] {hit.repo} {hit.day}: {hit.title}\n"
                 f"    {' '.join(hit.summary.split())[:SUMMARY_CHARS]}")
        lines.append(defuse(entry))
    return "\n".join(lines)


async def write_answer(client, answer: Answer, lang: str) -> Answer:
    """``answer`` with the model's paragraphs and the hits it cites (all hits if it names none);
    ``RemoteFailure`` when the model cannot be reached."""
    if lang not in ("zh", "en"):
        raise BadInput(f"Unsupported language {lang!r}: use zh or en.")
    prompt = _prompt()
    variables = {"repos": defuse(", ".join(answer.repos)), "lang": lang, "language": language_name(lang),
                 "since": answer.since}
    messages = [{"role": "system", "content": prompt.render("system", **variables)},
                {"role": "user", "content": prompt.render("user", **variables, question=defuse(answer.question),
                                                          analyses=_listing(answer))}]
    async with client._limit():
        completion = await client.complete(messages, min(client.output_tokens, ASK_OUTPUT_TOKENS))
    try:
        paragraphs = [" ".join(p.split()) for p in parse_bullets(completion.content, key="answer") if p.strip()]
    except AnswerError:
        paragraphs = []
    answer.writer = client.name
    if not paragraphs:
        answer.unanswered = True
        return answer
    named = set(re.findall(r"\b[0-9a-f]{7,40}\b", completion.content.lower()))
    cited = [hit for hit in answer.hits if any(hit.sha.startswith(n) for n in named)]
    answer.paragraphs, answer.cited = paragraphs, cited or list(answer.hits)
    return answer
