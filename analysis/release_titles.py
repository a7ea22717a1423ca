"""What a release commit's title looks like: "Release 1.4.0", "v2.3.1", "Version Packages", "bump version".

Shared by the heuristic (a release reads as chore) and the day's line reading (``analysis.earlier_lines``: lines a
release shipped are released, whatever the day), so neither imports the other.
"""

from __future__ import annotations

import re

#: a release commit: version strings and the changelog date
#: (a release bot's own titles too: changesets' "Version Packages", "Increment version '2.2.25' -> '2.2.26' by ...";
#: the bumps on either side of one, "pre-release version bump", "post-release version bump", "prerelease 3.0.0a2")
RELEASE_TITLES = re.compile(
    r"^\s*([^\w\s\[(]{1,4}\s*)?(\[[^\]]{1,40}\]\s*)?(((pre|post)[- ]?)?release\b|bump version|version bump|increment version|version packages\b|prepare (for )?(release|v?\d|next development)|"
    # "yamllint 0.3.0", "yamllint version 0.3.0": the project's name (the word "version"), the version
    r"start (version|v?\d)|(\S+[-@ ])?(version )?v?\d+\.\d+(\.\d+)?[\w.+-]*\s*$|"
    # "Setting the version to 8.0.0", "update version number to 2.1": the release's own version set
    r"(set(s|ting)?|updat(e|es|ed|ing)) (the )?version( number)? to v?\d+\.\d+)", re.I)
