"""A real day's digest with a capable model's answers, replayed through litellm: tokens, length, cost, agreement.

``--replay FIXTURE`` runs ``digestbot report`` on the fixture's day (FakeGitHub serving the labelled
day, ReplayOpenAI answering with the fixture's answers) and prints: tokens in / out per commit by
importance (median, counted with the gpt-4o tokenizer), the rendered section length per importance
against the sample report's (``shared/spec/sample-report-zh.md``, counted the same way), the cost per
digest at gpt-4o-mini and gpt-4o prices (litellm's price map), and the importance agreement of the
answers with the hand labels. ``--example PATH`` also writes the rendered report there with a note.

``--capture DIR`` writes the exact request bodies the analyzer sends for a day (one JSON file per
key: ``<sha>_full``, ``<sha>_brief``, ``highlights``), answering each from the fixture when it can
and otherwise as the fake model does, with every short answer raised so the full prompt of a commit
triaged low is captured too; how the fixture's prompts were taken, and how to renew them.

    python bench/llm_replay.py --replay tests/data/llm_replay/click-2026-04-16-zh.json
    python bench/llm_replay.py --capture /tmp/prompts --day click-2026-04-16 --repo pallets/click
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fakes.openai_replay import HIGHLIGHTS, ReplayOpenAI, count_tokens, request_key  # noqa: E402
from tests.fakes.openai_server import highlights_answer, valid_answer  # noqa: E402
from tests.llm_replay_support import run_report  # noqa: E402

#: where the sample report sits beside a checkout (the contract's ``../shared/spec``; a worktree is one level deeper)
SAMPLES = [base / "shared" / "spec" / "sample-report-zh.md" for base in (ROOT.parent, ROOT.parent.parent)]
PRICED = ("gpt-4o-mini", "gpt-4o")
IMPORTANCES = ("high", "medium", "low")
_GROUP = re.compile(r"^#### (🔴|🟡|🟢)", re.MULTILINE)
_ICON = {"🔴": "high", "🟡": "medium", "🟢": "low"}


def sample_path() -> Path:
    """The sample report: as ``DIGESTBOT_SAMPLE_REPORT`` says, else the first of ``SAMPLES`` that exists."""
    given = os.environ.get("DIGESTBOT_SAMPLE_REPORT")
    return Path(given) if given else next((p for p in SAMPLES if p.exists()), SAMPLES[0])


def section_tokens(report: str) -> dict[str, list[int]]:
    """Tokens of each commit section of a Markdown report (sample or ours), by importance group.

    A section runs from its ``### title`` line (followed by a ``**SHA**`` line) to the next
    section or group heading; the anchors and rules around it are not counted.
    """
    out: dict[str, list[int]] = defaultdict(list)
    groups = [(m.start(), _ICON[m.group(1)]) for m in _GROUP.finditer(report)]
    starts = [m.start() for m in re.finditer(r"^### .*\n\*\*SHA\*\*", report, re.MULTILINE)]
    bounds = sorted({*starts, *(g for g, _ in groups), len(report)})
    for start in starts:
        end = bounds[bounds.index(start) + 1]
        level = next((lvl for at, lvl in reversed(groups) if at < start), None)
        text = re.sub(r'^<a id="[^"]*"></a>$|^---$', "", report[start:end], flags=re.MULTILINE).strip()
        if level is not None:
            out[level].append(count_tokens(text))
    return out


def price(model: str, tokens_in: int, tokens_out: int) -> float:
    import litellm

    info = litellm.model_cost[model]
    return tokens_in * info["input_cost_per_token"] + tokens_out * info["output_cost_per_token"]


def capture(directory: Path, day: str, repo: str, answers: dict[str, str]) -> int:
    """Write every request body of the day's digest to ``directory``; the fake answers what the fixture lacks."""

    def on_miss(body: dict) -> str:
        key = request_key(body) or ""
        if key == HIGHLIGHTS:
            return json.dumps(highlights_answer(body), ensure_ascii=False)
        answer = valid_answer(body)
        if key.endswith(":brief"):
            answer["importance"] = "high"  # so the full prompt of a commit triaged low is asked, and captured
        return json.dumps(answer, ensure_ascii=False)

    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, ReplayOpenAI(answers, on_miss=on_miss) as llm:
        run = run_report(day, repo, llm, Path(tmp))
    for number, body in enumerate(llm.requests):
        key = request_key(body) or f"unknown-{number}"
        (directory / f"{key.replace(':', '_')}.json").write_text(json.dumps(body, ensure_ascii=False, indent=1))
    print(f"{len(llm.requests)} requests written to {directory} ({len(llm.misses)} not in the fixture); "
          f"digestbot report exited {run.result.returncode}")
    return run.result.returncode


def replay(path: Path, example: Path | None) -> int:
    fixture = json.loads(path.read_text(encoding="utf-8"))
    answers = fixture["answers"]
    with tempfile.TemporaryDirectory() as tmp, ReplayOpenAI(answers) as llm:
        run = run_report(fixture["day"], fixture["repo"], llm, Path(tmp), lang=fixture["lang"])
    if run.result.returncode != 0 or llm.misses:
        print(f"the replay failed (exit {run.result.returncode}; misses: {sorted(llm.misses)}):\n{run.result.stderr}")
        return 1
    final: dict[str, dict] = {}
    for key, text in answers.items():
        if key != HIGHLIGHTS:
            sha, kind = key.split(":")
            if kind == "full" or sha not in final:
                final[sha] = json.loads(text)
    spent: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # sha -> tokens in, out, requests
    by_kind: dict[str, list[int]] = defaultdict(list)  # prompt kind -> tokens in of each request
    highlights = [0, 0]
    for key, tokens_in, tokens_out in llm.usages:
        if key == HIGHLIGHTS:
            highlights = [tokens_in, tokens_out]
            continue
        sha, kind = key.split(":")
        by_kind[kind].append(tokens_in)
        spent[sha][0] += tokens_in
        spent[sha][1] += tokens_out
        spent[sha][2] += 1

    print(f"{fixture['repo']} {'-'.join(fixture['day'].rsplit('-', 3)[1:])} ({fixture['lang']}): {len(final)} changes, "
          f"{len(llm.usages)} requests (prompt versions {fixture['prompt_versions']}); answers: {path.name}")
    print("tokens per commit by importance (gpt-4o tokenizer; median in / out, requests per commit):")
    for level in IMPORTANCES:
        rows = [spent[sha] for sha, a in final.items() if a["importance"] == level]
        if rows:
            cost = statistics.median(price(PRICED[0], r[0], r[1]) for r in rows)
            print(f"  {level:<6} {len(rows):>2} commits: {statistics.median(r[0] for r in rows):>6.0f} in / "
                  f"{statistics.median(r[1] for r in rows):>5.0f} out, {sum(r[2] for r in rows) / len(rows):.2f} requests, "
                  f"${cost:.5f} a commit at {PRICED[0]} prices")
    for kind in ("full", "brief"):
        if by_kind[kind]:
            print(f"  {kind} prompts ({len(by_kind[kind])}): median {statistics.median(by_kind[kind]):.0f} tokens in")
    print(f"  highlights: {highlights[0]} in / {highlights[1]} out")

    ours, theirs = section_tokens(run.result.stdout), section_tokens(sample_path().read_text(encoding="utf-8"))
    print("rendered section length by importance, tokens (median, min-max; the sample counted the same way):")
    for level in IMPORTANCES:
        cells = []
        for name, found in (("replay", ours), ("sample", theirs)):
            values = found.get(level, [])
            cells.append(f"{name} {statistics.median(values):>5.0f} ({min(values)}-{max(values)}, n={len(values)})"
                         if values else f"{name}     -")
        print(f"  {level:<6} " + " | ".join(cells))

    tokens_in = sum(u[1] for u in llm.usages)
    tokens_out = sum(u[2] for u in llm.usages)
    costs = ", ".join(f"{model} ${price(model, tokens_in, tokens_out):.4f}" for model in PRICED)
    print(f"cost per digest ({tokens_in:,} in / {tokens_out:,} out): {costs}")

    labels = run.day.labels
    agree = [sha for sha, a in final.items() if sha in labels and labels[sha][0] == a["importance"]]
    print(f"importance agreement with the hand labels: {len(agree)}/{len(final)}")
    for sha, answer in final.items():
        if sha in labels and labels[sha][0] != answer["importance"]:
            print(f"  {sha[:7]}: answered {answer['importance']}, labelled {labels[sha][0]} ({labels[sha][2]})")

    if example is not None:
        shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path.name
        note = ("> Example: the digest a team sees with a capable model. The answers were written by a model in "
                "the loop for this replay (to the exact prompts digestbot sent) and replayed through litellm by "
                f"`bench/llm_replay.py --replay {shown}"
                f" --example ...`; the day is {fixture['repo']}'s, served from a fixture.\n\n")
        example.parent.mkdir(parents=True, exist_ok=True)
        example.write_text(note + run.result.stdout, encoding="utf-8")
        print(f"report written to {example}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replay", type=Path, help="a fixture of answers (tests/data/llm_replay/<day>-<lang>.json)")
    parser.add_argument("--example", type=Path, help="with --replay: write the rendered report there, with a note")
    parser.add_argument("--capture", type=Path, help="write the day's request bodies to this directory")
    parser.add_argument("--day", help="with --capture: the fixture day (default: the --replay fixture's)")
    parser.add_argument("--repo", help="with --capture: owner/name (default: the --replay fixture's)")
    args = parser.parse_args()
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    fixture = json.loads(args.replay.read_text(encoding="utf-8")) if args.replay else {}
    if args.capture:
        day, repo = args.day or fixture.get("day"), args.repo or fixture.get("repo")
        if not day or not repo:
            parser.error("--capture needs --day and --repo, or a --replay fixture naming them")
        return capture(args.capture, day, repo, fixture.get("answers", {}))
    if not args.replay:
        parser.error("give --replay FIXTURE or --capture DIR")
    return replay(args.replay, args.example)


if __name__ == "__main__":
    sys.exit(main())
