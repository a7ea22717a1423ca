"""docker-compose.yml and .env.example: PostgreSQL with a health check, two bot instances on it, optional Ollama.

Read as YAML (no Docker needed): the services, their environment, the interpolated database URL, the
volumes and ports against the Dockerfile, the profiles, and an env template holding no secret.
"""

from __future__ import annotations

import re

import pytest
from psycopg.conninfo import conninfo_to_dict

from tests.test_deploy import PROVIDER_KEYS, ROOT, _exec_form, _stage, _yaml, dockerfile, dotenv_values  # noqa: F401

COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
BOTS = ("digestbot-a", "digestbot-b")
_VARIABLE = re.compile(r"\$\{(\w+)(?::?[?-][^}]*)?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return _yaml(COMPOSE)


def interpolated(text: str, values: dict[str, str]) -> str:
    """``text`` with Compose's ``${NAME}``, ``${NAME:?message}`` and ``${NAME:-default}`` filled from ``values``."""
    return _VARIABLE.sub(lambda m: values[m.group(1)], text)


def env_example() -> dict[str, list[str]]:
    return dotenv_values(ENV_EXAMPLE.read_text())


def test_postgres_is_the_official_image_with_a_health_check_and_a_volume(compose):
    db = compose["services"]["postgres"]
    image, _, tag = db["image"].partition(":")
    assert image == "postgres" and tag and tag != "latest"  # the official image, a pinned major version
    env = db["environment"]
    assert env["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")  # required, from .env, never a literal
    check = db["healthcheck"]
    assert check["test"][0] == "CMD-SHELL" and "pg_isready" in check["test"][1]
    assert f"-U {env['POSTGRES_USER']}" in check["test"][1] and f"-d {env['POSTGRES_DB']}" in check["test"][1]
    assert check["retries"] >= 3 and "interval" in check
    volume, _, target = db["volumes"][0].partition(":")
    assert target == "/var/lib/postgresql/data" and volume in compose["volumes"]
    assert "ports" not in db  # the database is reached only on the compose network


def test_two_bot_instances_share_the_database(compose, dockerfile):  # noqa: F811
    services, runtime = compose["services"], _stage(dockerfile[1], "runtime")
    port = runtime.all("EXPOSE")[-1]
    db_env = services["postgres"]["environment"]
    host_ports, volumes = [], []
    for name in BOTS:
        bot = services[name]
        assert bot["build"] == "." and "profiles" not in bot and bot["restart"] == "unless-stopped"
        assert ".env" in bot["env_file"]
        assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
        url = interpolated(bot["environment"]["DIGESTBOT_DATABASE_URL"], {"POSTGRES_PASSWORD": "pw123"})
        parts = conninfo_to_dict(url)
        assert url.startswith("postgresql://") and parts["host"] == "postgres" and parts["port"] == "5432"
        assert (parts["user"], parts["dbname"], parts["password"]) == \
            (db_env["POSTGRES_USER"], db_env["POSTGRES_DB"], "pw123")
        assert bot["environment"]["DIGESTBOT_DATA_DIR"] == runtime.env()["DIGESTBOT_DATA_DIR"]
        [mapping] = bot["ports"]
        host, _, container = mapping.partition(":")
        assert container == port
        host_ports.append(host)
        volume, _, target = bot["volumes"][0].partition(":")
        assert target in _exec_form(runtime.all("VOLUME")[-1]) and volume in compose["volumes"]
        volumes.append(volume)
    assert len(set(host_ports)) == 2 and len(set(volumes)) == 2  # different host ports, a data volume each
    assert "load balancer" in COMPOSE.read_text()


def test_ollama_is_an_optional_profile_the_env_template_points_at(compose):
    services = compose["services"]
    optional = {name for name, service in services.items() if service.get("profiles")}
    assert optional == {"ollama", "ollama-pull"}
    for name in optional:
        assert "ollama" in services[name]["profiles"]
        image, _, tag = services[name]["image"].partition(":")
        assert image == "ollama/ollama" and tag and tag != "latest"
    for name, service in services.items():  # an always-on service must not wait for an optional one
        assert not set(service.get("depends_on") or []) & optional or name in optional
    template = env_example()
    model = next(m for m in template["DIGESTBOT_LLM_MODEL"] if m.startswith("ollama/"))
    api_base, = template["DIGESTBOT_LLM_API_BASE"]
    assert services["ollama-pull"]["entrypoint"][-1] == model.removeprefix("ollama/")  # the model it pulls
    host_port = re.fullmatch(r"http://([\w-]+):(\d+)", api_base)
    assert host_port and host_port.group(1) == "ollama" and host_port.group(2) in services["ollama"]["expose"]
    assert services["ollama-pull"]["environment"]["OLLAMA_HOST"] == api_base


def test_env_example_names_real_settings_and_holds_no_secret(compose):
    from bot.settings import Settings

    known = set(PROVIDER_KEYS) | {"POSTGRES_PASSWORD"}
    for info in Settings.model_fields.values():
        known.update(getattr(info.validation_alias, "choices", []) or [])
    template = env_example()
    assert {"POSTGRES_PASSWORD", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "GITHUB_TOKEN"} <= set(template)
    assert set(template) <= known, f"not settings of digestbot: {set(template) - known}"
    for name, values in template.items():
        if re.search(r"TOKEN|SECRET|KEY|PASSWORD", name):
            assert values == [""] * len(values), f"{name} must be left empty in the template"
    used = set(_VARIABLE.findall(COMPOSE.read_text()))
    assert used <= set(template), f"compose reads variables the template does not name: {used - set(template)}"
    assert "DIGESTBOT_DATABASE_URL" not in template  # compose builds it from POSTGRES_PASSWORD


def test_the_env_file_stays_out_of_git_and_the_image(compose):
    ignored = ROOT.joinpath(".gitignore").read_text().split()
    assert ".env" in ignored and "*.env" in ignored
    assert ".env*" in ROOT.joinpath(".dockerignore").read_text().split()
    for name, service in compose["services"].items():  # secrets only by reference to .env
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"TOKEN|SECRET|KEY|PASSWORD", key):
                assert str(value).startswith("${"), f"{name}: {key} holds a literal"
            if key.endswith("_URL") and "@" in str(value):
                assert re.search(r":\$\{POSTGRES_PASSWORD:\?[^}]*\}@", value), f"{name}: {key} holds a password"
