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

    # LLM through litellm; provider keys (OPENAI_API_KEY, ...) are read by litellm itself
    llm_model: str | None = Field(None, validation_alias=_env("DIGESTBOT_LLM_MODEL"))
    llm_api_base: str | None = Field(None, validation_alias=_env("DIGESTBOT_LLM_API_BASE"))
    llm_concurrency: int = Field(8, ge=1, le=256, validation_alias=_env("DIGESTBOT_LLM_CONCURRENCY"))
    llm_timeout: float = Field(120.0, gt=0, validation_alias=_env("DIGESTBOT_LLM_TIMEOUT"))
    llm_context_tokens: int | None = Field(None, ge=1024, validation_alias=_env("DIGESTBOT_LLM_CONTEXT_TOKENS"))
    # answer tokens asked for (None: the model's output limit as litellm knows it, else 4096)
    llm_max_output_tokens: int | None = Field(None, ge=256, validation_alias=_env("DIGESTBOT_LLM_MAX_OUTPUT_TOKENS"))
    # prompt tokens one commit's request may use: a cost cap below the model's window
    llm_max_input_tokens: int = Field(16000, ge=1024, validation_alias=_env("DIGESTBOT_LLM_MAX_INPUT_TOKENS"))
    llm_daily_budget_usd: float | None = Field(None, validation_alias=_env("DIGESTBOT_LLM_DAILY_BUDGET_USD"))

    # Storage
    data_dir: Path = Field(Path("./data"), validation_alias=_env("DIGESTBOT_DATA_DIR"))

    # Chat platforms
    slack_bot_token: str | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN"), repr=False)
    slack_signing_secret: str | None = Field(None, validation_alias=_env("SLACK_SIGNING_SECRET"), repr=False)
    slack_app_token: str | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN"), repr=False)
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_env("SLACK_API_URL"))
    slack_admins: NameList = Field(default_factory=list, validation_alias=_env("DIGESTBOT_SLACK_ADMINS"))
    discord_token: str | None = Field(None, validation_alias=_env("DISCORD_TOKEN"), repr=False)
    discord_api_url: str | None = Field(None, validation_alias=_env("DISCORD_API_URL"))
    allowed_repos: NameList = Field(default_factory=list, validation_alias=_env("DIGESTBOT_ALLOWED_REPOS"))

    # Limits on chat commands that build digests (now, explain), per 10 minutes; the scheduler is not limited
    builds_per_user: int = Field(6, ge=1, validation_alias=_env("DIGESTBOT_BUILDS_PER_USER"))
    builds_per_channel: int = Field(12, ge=1, validation_alias=_env("DIGESTBOT_BUILDS_PER_CHANNEL"))

    # Scheduling and operations
    catchup_hours: float = Field(12.0, ge=0, validation_alias=_env("DIGESTBOT_CATCHUP_HOURS"))
    log_format: str = Field("text", validation_alias=_env("DIGESTBOT_LOG_FORMAT"))
    log_level: str | None = Field(None, validation_alias=_env("DIGESTBOT_LOG_LEVEL"))  # read by bot.logs
    public_url: str | None = Field(None, validation_alias=_env("DIGESTBOT_PUBLIC_URL"))
    http_host: str = Field("0.0.0.0", validation_alias=_env("DIGESTBOT_HTTP_HOST"))

    @field_validator("slack_admins", "allowed_repos", mode="before")
    @classmethod
    def _split_list(cls, value):
        if isinstance(value, str):
            return [part for part in (p.strip() for p in value.replace(",", " ").split()) if part]
        return value

    @field_validator("github_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("slack_api_url")
    @classmethod
    def _end_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"
