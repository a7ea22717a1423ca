"""Run ``digestbot report`` on a fixture day served by FakeGitHub, its LLM answered by ReplayOpenAI.

Shared by ``tests/test_llm_replay_day.py`` and ``bench/llm_replay.py``: the console script runs as a
user runs it, in a clean environment pointing ``GITHUB_API_URL`` at FakeGitHub and
``DIGESTBOT_LLM_MODEL`` / ``DIGESTBOT_LLM_API_BASE`` at the replay server (litellm talks to it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.day_fixtures import Day, load
from tests.fakes.github_day import serve_day
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_replay import ReplayOpenAI

DIGESTBOT = Path(sys.executable).with_name("digestbot")
#: litellm's provider for any OpenAI-compatible server; the model's name tells litellm nothing else
REPLAY_MODEL = "openai/replay-model"
#: the window of the models the sample's author would use (gpt-4o-mini, gpt-4o): the input cap binds, not it
REPLAY_CONTEXT_TOKENS = 128_000
AMBIENT_VARS = ("GITHUB_TOKEN", "DIGESTBOT_LOG_LEVEL", "DIGESTBOT_LOG_FORMAT", "DIGESTBOT_LLM_MODEL",
                "DIGESTBOT_LLM_API_BASE", "DIGESTBOT_LLM_CONTEXT_TOKENS", "DIGESTBOT_LLM_MAX_INPUT_TOKENS",
                "DIGESTBOT_LLM_MAX_OUTPUT_TOKENS", "OPENAI_API_KEY", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
                "SLACK_APP_TOKEN", "DISCORD_TOKEN", "DIGESTBOT_DATABASE_URL")
#: GitHub's description of the repositories whose days are replayed (what the digest's prompts name)
DESCRIPTIONS = {"pallets/click": "Python composable command line interface toolkit",
                "spf13/cobra": "A Commander for modern Go CLI interactions"}


@dataclass
class ReplayRun:
    day: Day
    repo: str
    result: subprocess.CompletedProcess


def day_date(day_name: str) -> str:
    return "-".join(day_name.rsplit("-", 3)[1:])


def run_report(day_name: str, repo: str, llm: ReplayOpenAI, workdir: Path, lang: str = "zh",
               fmt: str = "markdown") -> ReplayRun:
    """``digestbot report REPO --date DAY --tz UTC --lang LANG`` on the fixture day, LLM answered by ``llm``."""
    day = load(day_name)
    workdir.mkdir(parents=True, exist_ok=True)
    with FakeGitHub() as github:
        serve_day(github, day, repo, DESCRIPTIONS.get(repo))
        env = {k: v for k, v in os.environ.items() if k not in AMBIENT_VARS and not k.startswith("PYTEST")}
        env.update(GITHUB_API_URL=github.url, DIGESTBOT_DATA_DIR=str(workdir / "data"),
                   LITELLM_LOCAL_MODEL_COST_MAP="True", OPENAI_API_KEY="sk-replay-not-a-real-key",
                   DIGESTBOT_LLM_MODEL=REPLAY_MODEL, DIGESTBOT_LLM_API_BASE=llm.url,
                   DIGESTBOT_LLM_CONTEXT_TOKENS=str(REPLAY_CONTEXT_TOKENS))
        args = [str(DIGESTBOT), "report", repo, "--date", day_date(day_name), "--tz", "UTC", "--lang", lang,
                "--format", fmt, "--analyzer", "llm"]
        result = subprocess.run(args, env=env, cwd=workdir, capture_output=True, text=True, timeout=300)
    return ReplayRun(day=day, repo=repo, result=result)
