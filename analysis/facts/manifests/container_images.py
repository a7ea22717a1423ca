"""Container images as dependencies: the base images a Dockerfile's ``FROM`` lines build on, and their tags.

``FROM golang:1.23-alpine3.19 AS builder`` -> ``golang`` at ``1.23-alpine3.19``. A stage built from an earlier stage
(``FROM builder``), ``scratch`` and an image named through a build argument (``FROM ${BASE}``) name no image to
compare; a digest pin (``@sha256:...``) is kept short beside its tag."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

#: ``FROM [--platform=...] image[:tag][@digest] [AS stage]``, the instruction in any case
_FROM = re.compile(r"^\s*from\s+(?:--\S+\s+)*(?P<image>[^\s@]+?)(?::(?P<tag>[\w][\w.-]*))?(?:@(?P<digest>\S+))?"
                   r"(?:\s+as\s+(?P<stage>\S+))?\s*$", re.I)
_STAGE = re.compile(r"^\s*from\s+\S.*\s+as\s+(?P<stage>\S+)\s*$", re.I)
_NAME = re.compile(r"^(?:(?:docker|container)file(?:\.(?!(?:json|ya?ml|md|txt|toml)$)[\w.-]+)?|[\w.-]+\.(?:docker|container)file)$",
                   re.I)
#: how much of a digest names it in a sentence (``sha256:0123456789ab``)
_DIGEST = 19


def is_dockerfile(path: str) -> bool:
    """``Dockerfile``, ``dev.Dockerfile``, ``Dockerfile.alpine``, ``Containerfile``, ``app.dockerfile``."""
    return bool(_NAME.match(PurePosixPath(path).name))


def base_images(lines: Iterable[str], stages: Iterable[str] = ()) -> dict[str, str]:
    """image -> its tags (", "-joined when several lines name it at different tags) on ``lines``; ``stages``: the
    file's stage names, which a ``FROM`` may build on without naming an image."""
    lines = list(lines)
    own = stage_names(lines) | {s.lower() for s in stages}
    found: dict[str, set[str]] = {}
    for line in lines:
        match = _FROM.match(line)
        if not match:
            continue
        image = match.group("image")
        if "$" in image or image.lower() in own or image.lower() == "scratch":
            continue
        version = match.group("tag") or "latest"
        if match.group("digest"):
            version += "@" + match.group("digest")[:_DIGEST]
        found.setdefault(image, set()).add(version)
    return {image: ", ".join(sorted(tags)) for image, tags in found.items()}


def stage_names(lines: Iterable[str]) -> set[str]:
    """The stage names ``FROM ... AS name`` declares on ``lines``."""
    return {m.group("stage").lower() for m in map(_STAGE.match, lines) if m}
