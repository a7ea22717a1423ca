"""All configuration, read once from the environment into one typed object that is passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

NameList = Annotated[list[str], NoDecode]


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """Every setting of digestbot. Build it with ``Settings()`` in the CLI only."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    # GitHub
    github_token: str | None = Field(None, validation_alias=_env("GITHUB_TOKEN"), repr=False)
    github_api_url: str = Field("https://api.github.com", validation_alias=_env("GITHUB_API_URL"))
    #: seconds for one whole GitHub answer (PyGithub's own timeout bounds each socket read only)
    github_deadline: float = Field(60.0, gt=0, validation_alias=_env("DIGESTBOT_GITHUB_DEADLINE"))

    # LLM through litellm; provider keys (OPENAI_API_KEY, ...) are read by litellm itself
    llm_model: str | None = Field(None, validation_alias=_env("DIGESTBOT_LLM_MODEL"))
    llm_api_base: str | None = Field(None, validation_alias=_env("DIGESTBOT_LLM_API_BASE"))
    llm_concurrency: int = Field(8, ge=1, le=256, validation_alias=_env("DIGESTBOT_LLM_CONCURRENCY"))
    llm_timeout: float = Field(120.0, gt=0, validation_alias=_env("DIGESTBOT_LLM_TIMEOUT"))
    #: seconds for one commit's analysis, retries included (default 1.5 x the timeout)
    llm_deadline: float | None = Field(None, gt=0, validation_alias=_env("DIGESTBOT_LLM_DEADLINE"))
    #: LLM failures in a row after which the rest of a digest uses the heuristic at once (circuit breaker)
    llm_breaker_failures: int = Field(3, ge=1, validation_alias=_env("DIGESTBOT_LLM_BREAKER_FAILURES"))
    #: seconds a digest may spend on the LLM; then the rest of it uses the heuristic
    digest_deadline: float = Field(1800.0, gt=0, validation_alias=_env("DIGESTBOT_DIGEST_DEADLINE"))
    llm_context_tokens: int | None = Field(None, ge=1024, validation_alias=_env("DIGESTBOT_LLM_CONTEXT_TOKENS"))
    # answer tokens asked for (None: the model's output limit as litellm knows it, else 4096)
    llm_max_output_tokens: int | None = Field(None, ge=256, validation_alias=_env("DIGESTBOT_LLM_MAX_OUTPUT_TOKENS"))
    # prompt tokens one commit's request may use: a cost cap below the model's window
    llm_max_input_tokens: int = Field(16000, ge=1024, validation_alias=_env("DIGESTBOT_LLM_MAX_INPUT_TOKENS"))
    llm_daily_budget_usd: float | None = Field(None, validation_alias=_env("DIGESTBOT_LLM_DAILY_BUDGET_USD"))

    # Storage
    data_dir: Path = Field(Path("./data"), validation_alias=_env("DIGESTBOT_DATA_DIR"))
    #: postgresql://user:password@host:port/dbname: the store lives there, shared by several instances
    database_url: str | None = Field(None, validation_alias=_env("DIGESTBOT_DATABASE_URL"), repr=False)

    # Chat platforms
    slack_bot_token: str | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN"), repr=False)
    slack_signing_secret: str | None = Field(None, validation_alias=_env("SLACK_SIGNING_SECRET"), repr=False)
    slack_app_token: str | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN"), repr=False)
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_env("SLACK_API_URL"))
    slack_admins: NameList = Field(default_factory=list, validation_alias=_env("DIGESTBOT_SLACK_ADMINS"))
    discord_token: str | None = Field(None, validation_alias=_env("DISCORD_TOKEN"), repr=False)
    discord_api_url: str | None = Field(None, validation_alias=_env("DISCORD_API_URL"))
    #: gateway shards of the Discord bot (Discord requires one per 2,500 guilds), held by leases across instances
    discord_shards: int = Field(1, ge=1, le=4096, validation_alias=_env("DIGESTBOT_DISCORD_SHARDS"))
    allowed_repos: NameList = Field(default_factory=list, validation_alias=_env("DIGESTBOT_ALLOWED_REPOS"))

    # What one digest posts to a chat (the attached report and the web page are never capped)
    max_replies: int = Field(50, ge=1, validation_alias=_env("DIGESTBOT_MAX_REPLIES"))
    max_commit_chars: int = Field(4000, ge=200, validation_alias=_env("DIGESTBOT_MAX_COMMIT_CHARS"))

    # Limits on chat commands that build digests (now, explain), per 10 minutes; the scheduler is not limited
    builds_per_user: int = Field(6, ge=1, validation_alias=_env("DIGESTBOT_BUILDS_PER_USER"))
    builds_per_channel: int = Field(12, ge=1, validation_alias=_env("DIGESTBOT_BUILDS_PER_CHANNEL"))

    # Scheduling and operations
    catchup_hours: float = Field(12.0, ge=0, validation_alias=_env("DIGESTBOT_CATCHUP_HOURS"))
    # Several instances on DIGESTBOT_DATABASE_URL: the job queue and the shared schedule
    #: seconds without a heartbeat after which an instance's worker counts as dead and its digests are taken over
    queue_stalled_seconds: float = Field(30.0, ge=1, validation_alias=_env("DIGESTBOT_QUEUE_STALLED_SECONDS"))
    #: seconds between two full re-reads of the subscriptions (the safety net under LISTEN/NOTIFY)
    schedule_resync_seconds: float = Field(60.0, ge=1, validation_alias=_env("DIGESTBOT_SCHEDULE_RESYNC_SECONDS"))
    log_format: str = Field("text", validation_alias=_env("DIGESTBOT_LOG_FORMAT"))
    log_level: str | None = Field(None, validation_alias=_env("DIGESTBOT_LOG_LEVEL"))  # read by bot.observe.logs
    public_url: str | None = Field(None, validation_alias=_env("DIGESTBOT_PUBLIC_URL"))
    #: seconds a report page's "the repository is public" check is reused before GitHub is asked again
    report_visibility_ttl: float = Field(300.0, ge=0, validation_alias=_env("DIGESTBOT_REPORT_VISIBILITY_TTL"))
    http_host: str = Field("0.0.0.0", validation_alias=_env("DIGESTBOT_HTTP_HOST"))
    #: /metrics has no authentication: set a port to serve it on its own listener (and not on the main one)
    metrics_port: int | None = Field(None, ge=0, le=65535, validation_alias=_env("DIGESTBOT_METRICS_PORT"))
    metrics_host: str = Field("127.0.0.1", validation_alias=_env("DIGESTBOT_METRICS_HOST"))
    #: seconds between two real store writes of the health check (checks in between reuse the answer)
    health_store_interval: float = Field(5.0, ge=0, validation_alias=_env("DIGESTBOT_HEALTH_STORE_INTERVAL"))

    # Alerts for important changes (``subscribe ... alert high|medium``)
    #: verifies POST /github/webhook; unset: no webhook, the followed branches are polled
    github_webhook_secret: str | None = Field(None, validation_alias=_env("DIGESTBOT_GITHUB_WEBHOOK_SECRET"),
                                              repr=False)
    alerts_per_hour: int = Field(3, ge=1, validation_alias=_env("DIGESTBOT_ALERTS_PER_HOUR"))
    alert_poll_minutes: float = Field(5.0, gt=0, validation_alias=_env("DIGESTBOT_ALERT_POLL_MINUTES"))

    # Fault injection for the exactly-once tests only: the process SIGKILLs itself right after its Nth
    # successful post, before recording it (the window between a post and the ledger write)
    test_crash_after_posts: int | None = Field(None, ge=1, validation_alias=_env("DIGESTBOT_TEST_CRASH_AFTER_POSTS"))

    @field_validator("slack_admins", "allowed_repos", mode="before")
    @classmethod
    def _split_list(cls, value):
        if isinstance(value, str):
            return [part for part in (p.strip() for p in value.replace(",", " ").split()) if part]
        return value

    @field_validator("database_url")
    @classmethod
    def _postgres_only(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if value and not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("DIGESTBOT_DATABASE_URL must be a postgresql:// URL")
        return value or None

    @field_validator("github_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("slack_api_url")
    @classmethod
    def _end_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"
