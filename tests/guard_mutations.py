"""Guard mutations: disable each guard of the bot in a copy of the tree and check that some test fails.

Run from the project's root: ``python tests/guard_mutations.py`` (``--list`` prints the mutations; ``-k TEXT``,
repeatable, runs those whose name contains one of the texts).
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
GUARDS_FOLLOWED = "tests/test_guards_followed.py"
HARDENING_GIT = "tests/test_hardening_git.py"
READBACK = "tests/test_exactly_once_readback.py"
INERT = "tests/test_inert_text.py"
VISIBILITY = "tests/test_report_visibility.py"
DEADLINES = "tests/test_deadlines.py"
AUDIT = "tests/test_hardening_audit.py"


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
    Mutation("alerts keep the private-repository guard", "bot/core/alerts.py",
             "await pools.remote(self.core.check_shown, source)",
             "pass",
             (GUARDS_FOLLOWED,)),
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
    Mutation("Slack: only DIGESTBOT_SLACK_ADMINS manage", "adapters/slack/app.py",
             "thread=thread, can_manage=(not admins) or user_id in admins,",
             "thread=thread, can_manage=True,",
             (GUARDS,)),
    Mutation("Discord: only members with Manage Channels manage", "adapters/discord/bot.py",
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
    Mutation("builds are limited per user", "bot/core/limits/builds.py",
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
    Mutation("Slack requests are verified before they are parsed (signature, timestamp)", "adapters/slack/app.py",
             "if not verifier.is_valid_request(raw, dict(request.headers)):",
             "if False:",
             (GUARDS, "tests/test_http_hardening.py")),
    Mutation("Slack over HTTP needs a signing secret", "adapters/slack/app.py",
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
    Mutation("buttons: a cached commit is read only for its own repository", "bot/core/digests/service.py",
             'if not isinstance(row, dict) or str(row.get("repo", "")).lower() != repo.lower():',
             "if not isinstance(row, dict):",
             (BUTTONS_CORE,)),
    Mutation("buttons: Slack's action_id must name the value's kind", "adapters/slack/buttons.py",
             'if action_id != f"digest_{action.kind}":',
             "if False:",
             (BUTTONS_SLACK,)),
    # issue 10, the hostile-user and fault findings not listed above
    Mutation("local git: every listed commit is checked against the day's window", "analysis/sources/local_git.py",
             "commits = [c for c in commits if window.contains(c.committed_at)]",
             "commits = list(commits)",
             (HARDENING_GIT, AUDIT)),
    Mutation("local git: a commit's header ends at its first blank line (a message forges no header)",
             "analysis/sources/local_git.py",
             'head, _, body = raw.partition(b"\\n\\n")',
             'head, body = raw, raw.partition(b"\\n\\n")[2]',
             (HARDENING_GIT, AUDIT)),
    Mutation("a second bot on the data directory is refused in one sentence", "bot/store/data_dir.py",
             "if error.errno in (errno.EWOULDBLOCK, errno.EACCES):",
             "if False:",
             (HARDENING_STORE,)),
    Mutation("Slack: each digest message carries its key in metadata", "adapters/slack/app.py",
             'body["metadata"] = {"event_type": MARKER_EVENT, "event_payload": {"marker": message.marker}}',
             "pass",
             (READBACK,)),
    Mutation("Slack: the thread is read back for markers after a crash", "adapters/slack/app.py",
             'if metadata.get("event_type") == MARKER_EVENT and marker in markers:',
             "if False:",
             (READBACK,)),
    Mutation("Discord: each digest message carries its marker in a footer", "adapters/discord/bot.py",
             "body = _marked(message.body, message.marker) if message.marker else message.body",
             "body = message.body",
             (READBACK,)),
    Mutation("Discord: the thread history is read back for markers after a crash", "adapters/discord/bot.py",
             "if match and match.group(1) in markers:",
             "if False:",
             (READBACK,)),
    Mutation("the core reads back what a crashed attempt posted before posting again", "bot/core/service.py",
             "await self._read_back(adapter, ctx, key, entry, messages)",
             "pass",
             (READBACK,)),
    Mutation("user input is echoed as a code span", "analysis/renderers/inert_text.py",
             'return f"`{text}`"',
             "return text",
             (INERT, AUDIT)),
    Mutation("Markdown links are defanged in our answers", "analysis/renderers/inert_text.py",
             'parts[i] = parts[i].replace("](", "]" + ZWSP + "(")',
             "pass",
             (INERT,)),
    Mutation("bidi controls and zero-width characters are stripped", "analysis/renderers/inert_text.py",
             'return _INVISIBLE.sub("", str(text))',
             "return str(text)",
             (INERT,)),
    Mutation("a report page of a repository turned private is not served and deleted", "bot/web/reports.py",
             "if not public:",
             "if False:",
             (VISIBILITY,)),
    Mutation("ask leaves out a followed repository turned private", "bot/core/service.py",
             "return await self.visibility.is_public(repo) is not False",
             "return True",
             ("tests/test_guards_ask.py",)),
    Mutation("report pages ask GitHub in the remote pool, once at a time per repository", "bot/core/visibility.py",
             "asking = self._asking.get(key)",
             "asking = None",
             (AUDIT,)),
    Mutation("report pages' GitHub questions stay out of the default pool", "bot/core/visibility.py",
             "public = not await pools.remote(self._private, repo)",
             "public = not await asyncio.to_thread(self._private, repo)",
             (AUDIT,)),
    Mutation("DIGESTBOT_GITHUB_DEADLINE reaches the bot's GitHub sources", "bot/core/sources.py",
             "local=local, on_github_response=observe, github_deadline=settings.github_deadline,",
             "local=local, on_github_response=observe,",
             (AUDIT,)),
    Mutation("remote calls have their own bounded pool", "bot/core/limits/pools.py",
             '_pool("remote", REMOTE_WORKERS), functools.partial(func, *args, **kwargs))',
             "None, functools.partial(func, *args, **kwargs))",
             (HARDENING_LIMITS,)),
    Mutation("Slack: only DIGESTBOT_SLACK_ADMINS skip 'force'", "adapters/slack/app.py",
             "admin=bool(admins) and user_id in admins)",
             "admin=True)",
             (HARDENING_LIMITS,)),
    Mutation("Discord: only members with Manage Channels skip 'force'", "adapters/discord/bot.py",
             "user=str(interaction.user.id), thread=thread, can_manage=manager, admin=manager)",
             "user=str(interaction.user.id), thread=thread, can_manage=manager, admin=True)",
             (AUDIT,)),
    Mutation("builds are limited per channel", "bot/core/limits/builds.py",
             'self._check(f"channel {channel}", "this channel", CHANNEL_IN_FLIGHT, self.per_channel, now)',
             "pass",
             (HARDENING_LIMITS,)),
    Mutation("a digest posts at most DIGESTBOT_MAX_REPLIES replies", "analysis/renderers/post_caps.py",
             "return ordered[:max_replies], ordered[max_replies:]",
             "return ordered, []",
             ("tests/test_post_caps.py",)),
    Mutation("a digest's posted text is capped per commit", "bot/core/service.py",
             "capped = cap_digest(shown, self.settings.max_commit_chars)  # the report itself is not",
             "capped = shown",
             ("tests/test_post_caps.py",)),
    Mutation("days out of range are one sentence", "analysis/day.py",
             "if not FIRST_DAY <= day <= LAST_DAY:",
             "if False:",
             (HARDENING_LIMITS,)),
    Mutation("the LLM breaker opens after N failures in a row", "bot/core/limits/breaker.py",
             "if self.reason is None and self.in_a_row >= self.limit:",
             "if False:",
             (DEADLINES,)),
    Mutation("a digest's LLM deadline reaches its breaker", "bot/core/digests/service.py",
             "breaker = CircuitBreaker(self.breaker_failures, self.digest_deadline)",
             "breaker = CircuitBreaker(self.breaker_failures, None)",
             (DEADLINES, AUDIT)),
    Mutation("a digest's deadline also bounds fetching its commits", "bot/core/digests/service.py",
             "async with asyncio.timeout_at(until):",
             "async with asyncio.timeout(None):",
             ("tests/test_digest_fetch_deadline.py",)),
    Mutation("leftover temporary files are removed at start", "bot/store/data_dir.py",
             "remove_leftover_temp_files(data_dir)",
             "pass",
             (HARDENING_STORE,)),
    # a read-only mount already fails opening the lock file for writing (tested in HARDENING_STORE);
    # the real write catches a directory whose lock file opens but that takes nothing more (a full disk)
    Mutation("a data directory that takes no write is refused at start", "bot/store/data_dir.py",
             "_check_writable(data_dir)",
             "pass",
             (AUDIT,)),
    Mutation("a corrupt cache file is set aside, not fatal", "bot/store/tinydb_store.py",
             "if file_name.split(\"/\")[0] not in CACHE_TABLES:",
             "if True:",
             (HARDENING_STORE,)),
    Mutation("a store row without \"v\" is skipped, not a KeyError", "bot/store/tinydb_store.py",
             'return isinstance(doc, dict) and isinstance(doc.get("k"), str) and "v" in doc',
             "return isinstance(doc, dict)",
             (HARDENING_STORE,)),
    Mutation("/healthz writes the store at most once per interval", "bot/web/server.py",
             "if self._store_state is not None and now - self._store_state[0] < self.store_check_interval:",
             "if False:",
             ("tests/test_http_hardening.py",)),
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
    parser.add_argument("-k", action="append", default=[],
                        help="run only the mutations whose name contains this text (repeat: any of them)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter that runs pytest")
    args = parser.parse_args(argv)
    chosen = [m for m in (MUTATIONS if mutations is None else mutations)
              if not args.k or any(k.lower() in m.name.lower() for k in args.k)]
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
