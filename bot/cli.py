"""The ``digestbot`` command line: report, explain, preview and run.

Settings are read here, once. Every error a user can cause ends as one ``error:`` line
on stderr with the contract's exit status (2 bad input, 1 remote failure).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from contextlib import contextmanager
from datetime import datetime, timezone

import click

from analysis.errors import BadInput, DigestError

log = logging.getLogger(__name__)

LANG = click.Choice(["zh", "en"])


class Context:
    """What every subcommand shares: the settings and the --debug flag."""

    def __init__(self, debug: bool):
        self.debug = debug
        self._settings = None

    @property
    def settings(self):
        if self._settings is None:
            from pydantic import ValidationError

            from bot.settings import Settings

            try:
                self._settings = Settings()
            except ValidationError as exc:
                first = exc.errors()[0]
                raise BadInput(f"bad setting {first['loc'][0] if first['loc'] else ''}: {first['msg']}") from None
            from bot.observe.logs import add_secrets, settings_secrets

            add_secrets(settings_secrets(self._settings))
        return self._settings


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("digestbot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="digestbot", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Log details and show tracebacks.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """digestbot: daily, analysed digests of a repository's commits."""
    from bot.observe.logs import configure_logging, level_from_env

    # the one-shot commands end with one 'error:' line; their warnings (an LLM fallback, say) are
    # already marked in the report itself, so only the long-running bot logs them by default
    quiet = ctx.invoked_subcommand != "run" and not os.environ.get("DIGESTBOT_LOG_LEVEL")
    configure_logging(logging.ERROR if quiet and not debug else level_from_env(debug))
    ctx.obj = Context(debug)


def _services(settings, analyzer_kind: str):
    from bot.core.digests.service import build_service
    from bot.store import open_store

    return build_service(settings, open_store(settings), analyzer_kind)


def _source(settings, repo: str):
    from bot.core.sources import open_repo

    return open_repo(settings, repo)


@contextmanager
def _progress():
    """A progress bar on stderr when stderr is a terminal; yields the callback (or None)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("analysing commits", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _build_digest(obj: Context, repo, date, tz, branch, lang, analyzer, strict=True):
    from analysis.day import DayWindow
    from analysis.renderers.labels import check_lang

    check_lang(lang)
    window = DayWindow.of(date, tz)
    now = datetime.now(timezone.utc)
    window.require_begun(now)
    if not window.is_over(now):
        click.echo(f"warning: {window.day} is not over yet in {window.zone_name}; this report is partial", err=True)
    settings = obj.settings
    service = _services(settings, analyzer)
    source = _source(settings, repo)
    with _progress() as progress:
        return asyncio.run(service.build(source, window, branch=branch, lang=lang, progress=progress,
                                         strict=strict))


@cli.command()
@click.argument("repo")
@click.option("--date", "date", required=True, help="The day, YYYY-MM-DD.")
@click.option("--tz", default="UTC", show_default=True, help="IANA time zone of the day.")
@click.option("--branch", default=None, help="Branch (default: the repository's default branch).")
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--analyzer", type=click.Choice(["auto", "heuristic", "llm"]), default="auto", show_default=True)
@click.option("--chart", "chart", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the PNG chart of commits per day over the last 14 days to this file.")
@click.pass_obj
def report(obj: Context, repo, date, tz, branch, lang, fmt, analyzer, chart):
    """The digest of REPO (a local git directory or owner/name) for one day."""
    from analysis.renderers.json_report import digest_json
    from analysis.renderers.markdown import render_markdown

    digest = _build_digest(obj, repo, date, tz, branch, lang, analyzer)
    if chart:
        _write_chart(obj.settings, repo, digest, branch, chart)
    if fmt == "json":
        click.echo(json.dumps(digest_json(digest), ensure_ascii=False, indent=2))
    else:
        click.echo(render_markdown(digest, lang), nl=False)


def _write_chart(settings, repo: str, digest, branch, path: str) -> None:
    """Record the day's counts, then draw the 14 days ending with it (missing days estimated) into ``path``."""
    from pathlib import Path

    from analysis.renderers.chart import render_chart
    from bot.core.digests import history
    from bot.store import open_store

    store = open_store(settings)
    history.record(store, digest)
    estimate = history.source_estimator(_source(settings, repo), digest.timezone, branch)
    png = render_chart(history.series(store, digest.repo, digest.date, estimate=estimate), digest.repo)
    try:
        Path(path).write_bytes(png)
    except OSError as exc:
        raise BadInput(f"cannot write the chart to {path}: {exc.strerror or exc}") from None


@cli.command()
@click.argument("repo")
@click.argument("sha")
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--tz", default="UTC", show_default=True, help="Time zone for the commit time.")
@click.option("--analyzer", type=click.Choice(["auto", "heuristic", "llm"]), default="auto", show_default=True)
@click.pass_obj
def explain(obj: Context, repo, sha, lang, fmt, tz, analyzer):
    """One commit of REPO analysed: SHA is a commit (4+ hex digits), HEAD, a branch or a tag."""
    from analysis.day import parse_zone
    from analysis.renderers.json_report import commit_json
    from analysis.renderers.markdown import render_explain_markdown

    tz = parse_zone(tz).key  # the canonical name, whatever the case typed
    settings = obj.settings
    service = _services(settings, analyzer)
    source = _source(settings, repo)
    found = asyncio.run(service.explain(source, sha, lang, strict=True, tz=tz))
    if fmt == "json":
        click.echo(json.dumps(commit_json(found, tz), ensure_ascii=False, indent=2))
    else:
        click.echo(render_explain_markdown(found, lang, source.repo_url), nl=False)


@cli.command()
@click.argument("repo")
@click.option("--date", "date", required=True, help="The day, YYYY-MM-DD.")
@click.option("--target", type=click.Choice(["slack", "discord"]), required=True)
@click.option("--tz", default="UTC", show_default=True)
@click.option("--branch", default=None)
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option("--channel", default=None, help="Channel id to put in the payloads (Slack).")
@click.option("--analyzer", type=click.Choice(["auto", "heuristic", "llm"]), default="auto", show_default=True)
@click.pass_obj
def preview(obj: Context, repo, date, target, tz, branch, lang, channel, analyzer):
    """Print, as JSON, the API payloads the bot would send for that digest; sends nothing."""
    from bot.core.digests.report_pages import report_url
    from bot.platforms import renderer_for

    digest = _build_digest(obj, repo, date, tz, branch, lang, analyzer)
    url = report_url(obj.settings.public_url, digest.repo, digest.date)  # as the bot would link its page
    from analysis.renderers.post_caps import cap_digest

    capped = cap_digest(digest, obj.settings.max_commit_chars)  # as the bot caps what it posts
    messages = renderer_for(target).digest_messages(capped, lang, max_replies=obj.settings.max_replies,
                                                    **({"report_url": url} if url else {}))
    payloads = []
    for message in messages:
        item = message.to_preview()
        if channel and target == "slack":
            item["body"] = {"channel": channel, **item["body"]}
        payloads.append(item)
    click.echo(json.dumps({"target": target, "messages": payloads}, ensure_ascii=False, indent=2))


@cli.command("copy-store")
@click.pass_obj
def copy_store(obj: Context):
    """Copy the TinyDB tables of DIGESTBOT_DATA_DIR into the database of DIGESTBOT_DATABASE_URL (stop the bot first)."""
    from bot.core.search.postgres import PostgresSearch
    from bot.core.search.sqlite import SearchIndex
    from bot.store import TinyStore, open_store
    from bot.store.copy import copy_tables
    from bot.store.data_dir import claim_data_dir

    settings = obj.settings
    if not settings.database_url:
        raise BadInput("copy-store needs DIGESTBOT_DATABASE_URL: the PostgreSQL database to copy into")
    if not settings.data_dir.is_dir():
        raise BadInput(f"there is no data directory {settings.data_dir} to copy from (DIGESTBOT_DATA_DIR)")
    lock = claim_data_dir(settings.data_dir)  # no bot may write the files while they are copied
    try:
        target = open_store(settings)
        try:
            copied = copy_tables(TinyStore(settings.data_dir), target, target.tables)
            index = PostgresSearch(target)  # what ask finds: the store's analyses, and the FTS5 file's
            index.rebuild(target)  # (a local repository's commits are not cached: their analyses are only there)
            fts5 = SearchIndex.beside(None, settings.data_dir)
            try:
                indexed = index.add_docs(fts5.docs())
            finally:
                fts5.close()
        finally:
            target.close()
    finally:
        lock.release()
    summary = ", ".join(f"{table} {count}" for table, count in copied.items()) or "nothing: the tables are empty"
    click.echo(f"copied rows: {summary}; search index: {indexed} analyses")


@cli.command()
@click.option("--adapter", "adapters", multiple=True, type=click.Choice(["console", "slack", "discord"]),
              help="Run only these adapters (default: every one with credentials, else console).")
@click.option("--port", type=int, default=None, help="HTTP port (Slack HTTP mode, health).")
@click.pass_obj
def run(obj: Context, adapters, port):
    """The long-running bot."""
    from bot.runtime import run_bot

    asyncio.run(run_bot(obj.settings, adapters=list(adapters), port=port))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="digestbot", standalone_mode=False)
        return 0
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.exceptions.NoArgsIsHelpError as exc:  # plain `digestbot`: the usage, not an error line
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("error: interrupted", err=True)
        return 130
    except click.UsageError as exc:
        hint = f" (see 'digestbot {exc.ctx.info_name} --help')" if exc.ctx and exc.ctx.parent else ""
        click.echo(f"error: {exc.format_message()}{hint}", err=True)
        return 2
    except DigestError as exc:
        if debug:
            log.exception("failed")
        click.echo(f"error: {exc}", err=True)
        return exc.exit_status
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one sentence, not a traceback
        if debug:
            raise
        click.echo(f"error: unexpected failure: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
