"""What a release workflow builds packages for: the platforms and runtimes of the wheels or binaries it publishes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import Fact

#: an entry of a CI job's build matrix, in a job that builds what the project publishes (``wheel-linux``,
#: ``build-wheels-for-odd-archs``, ``release-binaries``, ``publish``): ``jobs.<job>.strategy.matrix.<key>[<value>]``
_RELEASE_ENTRY = re.compile(r"^jobs\.(?P<job>[^.]*(wheel|release|publish|binar)[^.]*)\.strategy\.matrix\."
                            r"(?!exclude\b)[\w-]+\[[^\]]+\]$", re.I)


#: GoReleaser's configuration (``.goreleaser.yml``): what a tagged release builds and publishes
_GORELEASER = re.compile(r"(^|/)\.?goreleaser\.ya?ml$", re.IGNORECASE)
#: a whole entry of what it publishes: a build, an archive, an image, an image tag's manifest, a package for a
#: system's package manager (``docker_manifests[vektra/mockery:{{ .Major }}]``), not a key inside one
_PUBLISHED_ENTRY = re.compile(r"^(builds|archives|dockers(_v2)?|docker_manifests|kos|nfpms|brews|homebrew_casks|"
                              r"snapcrafts|scoops|winget|aurs|chocolateys)\[[^\]]+\]$")


def release_matrix_moved(facts: Iterable[Fact]) -> list[Fact]:
    """Entries added to or dropped from the build matrix of a job that builds wheels or release binaries (a Python
    version, an architecture such as ``armv7l``), or from what GoReleaser publishes (an image tag's manifest, an
    archive, a package): users on that platform or runtime get a package they had not, or no longer get one; users
    pull an image tag that was not there. A test matrix's entries change only where the project's own CI runs."""
    return [f for f in facts if f.kind in ("config_key_added", "config_key_removed")
            and (_RELEASE_ENTRY.match(f.symbol or "")
                 or (_GORELEASER.search(f.path) and _PUBLISHED_ENTRY.match(f.symbol or "")))]
