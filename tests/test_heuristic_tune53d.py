"""Rules of the tuning round on the fifty-third set (issue 8, tune53d), each on a small snippet: a title tag that
declares the change breaking or semver-major (``[major]``, ``[breaking]``, ``BREAKING:``) reads high as a conventional
``feat!:`` does, and a dependency every build of a Rust crate compiled, made optional without joining the default
features, narrows every default build."""

from __future__ import annotations

from analysis.analyzers.heuristic.rules import BREAKING_TITLE_RE
from tests.facts_support import analysed

# --- a title tag declaring a breaking (semver-major) change ------------------------------------------------------

_SERVER = """'use strict';

function close(server, cb) {
  if (cb) server.once('close', cb);
  server.close();
}

module.exports = close;
"""
_SERVER_ERRORED = """'use strict';

function close(server, cb) {
  if (server.closed) {
    if (cb) process.nextTick(cb, new Error('The server is not running'));
    return;
  }
  if (cb) server.once('close', cb);
  server.close();
}

module.exports = close;
"""


def test_major_tag_reads_high() -> None:
    files = {"lib/close.js": (_SERVER, _SERVER_ERRORED)}
    assert analysed(files, "[major] Call the callback with an error if the server is closed").importance == "high"
    assert analysed(files, "Call the callback with an error if the server is closed").importance != "high"


def test_breaking_tags_written_alike() -> None:
    for title in ("[breaking] Drop the legacy option", "(semver-major) Drop the legacy option",
                  "BREAKING: drop the legacy option", "breaking change: drop the legacy option",
                  "[Breaking Change] Drop the legacy option", "💥 Drop the legacy option"):
        assert BREAKING_TITLE_RE.match(title), title


def test_tags_that_declare_no_break() -> None:
    # HAProxy-style risk grades, a minor tag, and the word inside a title
    for title in ("MAJOR: refactor the pod template", "[minor] Add an option", "Fix breaking: tests",
                  "Avoid [major] version bumps", "[majority] Add quorum reads"):
        assert not BREAKING_TITLE_RE.match(title), title
    assert BREAKING_TITLE_RE.match("[major] Validate subprotocol names")


# --- a dependency every build had, made optional ------------------------------------------------------------------

_MANIFEST = """[package]
name = "reactor"
version = "2.4.0"
edition = "2021"

[dependencies]
slab = "0.4.2"
tracing = { version = "0.1.37", default-features = false }
"""
_OPTIONAL = _MANIFEST.replace('default-features = false }', 'default-features = false, optional = true }')
_DEFAULTED = _OPTIONAL + '\n[features]\ndefault = ["tracing"]\n'
_DRIVER = """pub fn block_on(n: u32) -> u32 {
    tracing::trace!("block_on");
    n + 1
}
"""
_GATED = """pub fn block_on(n: u32) -> u32 {
    #[cfg(feature = "tracing")]
    tracing::trace!("block_on");
    n + 1
}
"""


def test_dependency_made_optional_narrows_default_builds() -> None:
    files = {"Cargo.toml": (_MANIFEST, _OPTIONAL), "src/driver.rs": (_DRIVER, _GATED)}
    assert analysed(files, "Make tracing optional").importance == "high"


def test_dependency_made_optional_but_on_by_default() -> None:
    # the default features turn it on: default builds compile it as before
    files = {"Cargo.toml": (_MANIFEST, _DEFAULTED), "src/driver.rs": (_DRIVER, _GATED)}
    assert analysed(files, "Make tracing optional").importance == "medium"
    files["Cargo.toml"] = (_MANIFEST, _OPTIONAL)
    assert analysed(files, "Make tracing optional").importance == "high"


def test_optional_dependency_bumped_is_no_narrowing() -> None:
    # already optional before: a version raised, nothing default builds had is gone
    bumped = _OPTIONAL.replace('"0.1.37"', '"0.1.40"')
    files = {"Cargo.toml": (_OPTIONAL, bumped), "src/driver.rs": (_GATED, _GATED.replace("n + 1", "n + 2"))}
    assert analysed(files, "Bump tracing").importance != "high"
    files["Cargo.toml"] = (_MANIFEST, _OPTIONAL.replace('"0.1.37"', '"0.1.40"'))
    assert analysed(files, "Bump tracing").importance == "high"
