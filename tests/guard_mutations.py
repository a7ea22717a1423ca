"""Guard mutations: disable each guard of the bot in a copy of the tree and check that some test fails.

Run from the project's root: ``python tests/guard_mutations.py`` (``--list`` prints the mutations).
Each entry names a file, one line of it, the line that disables the guard, and the tests that must
catch it. The tree (tracked and new files, not ignored ones) is copied to a temporary folder once;
each mutation is applied there alone, its tests run with ``pytest -x``, and the file is restored.
A mutation whose tests still pass "survives": the script then prints FAIL and exits 1. A line that
is no longer in its file is an error too (the guard moved: update the entry).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUARDS = "tests/test_guards.py"
SLACK_UNIT = "tests/test_slack_adapter_unit.py"
HARDENING_PATHS = "tests/test_hardening_paths.py"
HARDENING_LIMITS = "tests/test_hardening_limits.py"
HARDENING_STORE = "tests/test_hardening_store.py"
ALERTS = "tests/test_alerts.py"
BUTTONS_SLACK = "tests/test_buttons_slack.py"
BUTTONS_CORE = "tests/test_buttons_explain.py"
BUTTONS_RULES = "tests/test_actions_rules.py"


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    original: str  # the whole line, stripped of its indentation
    mutated: str
    tests: tuple[str, ...]


MUTATIONS = [
    Mutation("private repositories are refused", "bot/core/service.py",
             'if getattr(source, "private", False) and not self._allowed(source.repo_name):',
             'if False and getattr(source, "private", False) and not self._allowed(source.repo_name):',
             (GUARDS,)),
    Mutation("DIGESTBOT_ALLOWED_REPOS patterns must match", "bot/core/service.py",
             "return is_repo_name(repo) and any(fnmatchcase(repo.lower(), pattern.lower())",
             "return is_repo_name(repo) and any(True or fnmatchcase(repo.lower(), pattern.lower())",
             (GUARDS,)),
    Mutation("DIGESTBOT_ALLOWED_REPOS ignores case", "bot/core/service.py",
             "return is_repo_name(repo) and any(fnmatchcase(repo.lower(), pattern.lower())",
             "return is_repo_name(repo) and any(fnmatchcase(repo, pattern)",
             (GUARDS,)),
    Mutation("a digest knows its repository is private", "bot/core/service.py",
             'digest = digest.model_copy(update={"private": bool(getattr(source, "private", False))})',
             'digest = digest.model_copy(update={"private": False})',
             (GUARDS,)),
    Mutation("only a public digest becomes a web page", "bot/core/service.py",
             "if self.settings.public_url and digest.private is False:  # unknown counts as private",
             "if self.settings.public_url:",
             (GUARDS,)),
    Mutation("the core refuses managers' commands to others", "bot/core/service.py",
             "if not ctx.can_manage:",
             "if False:",
             (GUARDS,)),
    Mutation("Slack: only DIGESTBOT_SLACK_ADMINS manage", "adapters/slack.py",
             "thread=thread, can_manage=(not admins) or user_id in admins,",
             "thread=thread, can_manage=True,",
             (GUARDS,)),
    Mutation("Discord: only members with Manage Channels manage", "adapters/discord_bot.py",
             "manager = bool(interaction.guild_id) and interaction.permissions.manage_channels",
             "manager = True",
             (GUARDS,)),
    Mutation("local paths are refused from chat", "analysis/sources/__init__.py",
             "if local and is_local_repo(repo):",
             "if is_local_repo(repo):",
             (GUARDS, HARDENING_PATHS)),
    Mutation("chat names never open a folder, even one shaped like owner/name", "bot/core/service.py",
             'return open_repo(self.settings, repo, local=platform == "console", rate=self.github_rate)',
             "return open_repo(self.settings, repo, local=True, rate=self.github_rate)",
             (HARDENING_PATHS,)),
    Mutation("a member needs 'force' for a repository the channel does not follow", "bot/core/service.py",
             "if not followed and not (command.force or ctx.admin):",
             "if False:",
             (HARDENING_LIMITS,)),
    Mutation("builds are limited per user", "bot/core/limits.py",
             'self._check(f"user {user}", "you", USER_IN_FLIGHT, self.per_user, now)',
             "pass",
             (HARDENING_LIMITS,)),
    Mutation("one bot per data directory", "bot/store/data_dir.py",
             "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)",
             "pass",
             (HARDENING_STORE,)),
    # Over HTTP the signature is checked on the raw bytes before bolt parses anything; bolt's own
    # check (request_verification_enabled) is a second layer behind it, so mutating that one alone
    # survives by design. The first layer is the guard.
    Mutation("Slack requests are verified before they are parsed (signature, timestamp)", "adapters/slack.py",
             "if not verifier.is_valid_request(raw, dict(request.headers)):",
             "if False:",
             (GUARDS, "tests/test_http_hardening.py")),
    Mutation("Slack over HTTP needs a signing secret", "adapters/slack.py",
             'if self.mode == "http" and not settings.slack_signing_secret:',
             "if False:",
             (SLACK_UNIT,)),
    Mutation("GitHub webhooks are verified before they are parsed", "bot/web/webhook.py",
             "if len(body) > MAX_BODY or not hmac.compare_digest(given.encode(), "
             "signature_of(self._secret, body).encode()):",
             "if False:",
             (ALERTS,)),
    Mutation("alerts: at most DIGESTBOT_ALERTS_PER_HOUR a channel an hour", "bot/core/alerts.py",
             "elif self.log.sent_within_hour(channel, now) >= self.core.settings.alerts_per_hour:",
             "elif False:",
             (ALERTS,)),
    Mutation("alerts: only changes of at least the channel's level", "bot/core/alerts.py",
             "if reaches(report.analysis.importance, sub.alert):",
             "if True:",
             (ALERTS,)),
    Mutation("buttons: Mute needs subscribe's permission", "bot/core/actions.py",
             "core._require_manage(ctx)",
             "pass",
             (BUTTONS_SLACK,)),
    Mutation("buttons: only for a repository the channel follows", "bot/core/actions.py",
             "if sub is None:",
             "if sub is None and False:",
             (BUTTONS_CORE,)),
    Mutation("buttons: a value is matched whole", "bot/core/actions.py",
             "match = VALUE.fullmatch(value) if isinstance(value, str) else None",
             "match = VALUE.match(value.strip()) if isinstance(value, str) else None",
             (BUTTONS_RULES,)),
    Mutation("buttons: a cached commit is read only for its own repository", "bot/core/digest.py",
             'if not isinstance(row, dict) or str(row.get("repo", "")).lower() != repo.lower():',
             "if not isinstance(row, dict):",
             (BUTTONS_CORE,)),
    Mutation("buttons: Slack's action_id must name the value's kind", "adapters/slack_buttons.py",
             'if action_id != f"digest_{action.kind}":',
             "if False:",
             (BUTTONS_SLACK,)),
]


def tree_files(root: Path) -> list[str]:
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode()
    return [name for name in listed.split("\0") if name and (root / name).is_file()]


def copy_tree(root: Path, target: Path) -> None:
    for name in tree_files(root):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target / name)


def apply(tree: Path, mutation: Mutation) -> str:
    """Write the mutated file; returns the original text (to restore). ValueError if the line is not there once."""
    path = tree / mutation.file
    text = path.read_text()
    lines = text.splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.strip() == mutation.original]
    if len(hits) != 1:
        raise ValueError(f"{mutation.file}: the line {mutation.original!r} is there {len(hits)} times, not once")
    line = lines[hits[0]]
    indent = line[: len(line) - len(line.lstrip())]
    lines[hits[0]] = indent + mutation.mutated + "\n"
    path.write_text("".join(lines))
    return text


def run_tests(tree: Path, tests: tuple[str, ...], python: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], cwd=tree, env=env,
                          capture_output=True, text=True)


def main(argv: list[str] | None = None, mutations: list[Mutation] | None = None, doc: str | None = None) -> int:
    """Run ``mutations`` (default: the guards above); ``doc`` is the calling script's docstring, for --help."""
    parser = argparse.ArgumentParser(description=(doc or __doc__).splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the mutations and exit")
    parser.add_argument("-k", default="", help="run only the mutations whose name contains this text")
    parser.add_argument("--python", default=sys.executable, help="the interpreter that runs pytest")
    args = parser.parse_args(argv)
    chosen = [m for m in (MUTATIONS if mutations is None else mutations) if args.k.lower() in m.name.lower()]
    if args.list:
        for m in chosen:
            print(f"{m.name}\n  {m.file}: {m.original}\n  -> {m.mutated}\n  tests: {' '.join(m.tests)}")
        return 0
    survivors, errors = [], []
    with tempfile.TemporaryDirectory(prefix="guard-mutations-") as folder:
        tree = Path(folder)
        copy_tree(ROOT, tree)
        for m in chosen:
            try:
                original = apply(tree, m)
            except ValueError as error:
                errors.append(m.name)
                print(f"ERROR    {m.name}: {error}", flush=True)
                continue
            try:
                done = run_tests(tree, m.tests, args.python)
            finally:
                (tree / m.file).write_text(original)
            tail = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
            if done.returncode == 0:
                survivors.append(m.name)
                print(f"SURVIVED {m.name}: {tail}", flush=True)
            else:
                print(f"killed   {m.name}: {tail}", flush=True)
    if survivors or errors:
        print(f"FAIL: {len(survivors)} mutation(s) survived, {len(errors)} could not be applied")
        return 1
    print(f"OK: all {len(chosen)} mutations were killed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
