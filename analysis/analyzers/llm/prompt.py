"""Load the versioned prompt templates (TOML data files) and render them with Jinja2 StrictUndefined."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, StrictUndefined, Template

LANGUAGES = {"en": "English", "zh": "Simplified Chinese"}

_ENV = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
# A delimiter tag written inside untrusted text must not close (or open) the data block.
_TAG = re.compile(r"<(\s*/?\s*untrusted_\w*)", re.IGNORECASE)  # every data block's tag, present and future


@dataclass(frozen=True)
class PromptTemplate:
    """One prompt data file: its version and its Jinja2 templates by name (system, user, retry)."""

    name: str
    version: int
    templates: dict[str, Template]

    def render(self, part: str, **variables) -> str:
        """Render one template; a missing variable raises ``jinja2.UndefinedError``."""
        return self.templates[part].render(**variables)


@lru_cache(maxsize=None)
def load_prompt(name: str = "analysis") -> PromptTemplate:
    """Read ``analysis/prompts/<name>.toml`` (packaged data) into a ``PromptTemplate``."""
    text = resources.files("analysis").joinpath("prompts", f"{name}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    version = data.pop("version")
    if not isinstance(version, int):
        raise ValueError(f"prompt {name}: version must be an integer")
    templates = {key: _ENV.from_string(value) for key, value in data.items() if isinstance(value, str)}
    for required in ("system", "user"):
        if required not in templates:
            raise ValueError(f"prompt {name}: missing the {required!r} template")
    return PromptTemplate(name=name, version=version, templates=templates)


def language_name(lang: str) -> str:
    """The language's name as the prompt writes it ("zh" -> "Simplified Chinese")."""
    return LANGUAGES[lang]


def defuse(text: str) -> str:
    """Untrusted text made unable to open or close the prompt's data block."""
    return _TAG.sub("\u2039\\1", text)
