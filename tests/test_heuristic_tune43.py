"""Rules of the tuning round on the forty-third set (issue 8, tune43), each on a small snippet: an empty release-note
trailer, ``security`` inside a header's name, empty YAML values respelled, JVM classes moved to another package, a
Rust trait impl emptied, a Rust compiler floor set, a crash a test provokes, a security word that sets the scene, a C
header's release field, a usage "no longer valid", a docs site's version, a JavaScript helper moved to its own
module."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.emptied_impls import impls_emptied
from analysis.analyzers.heuristic.api.jvm_packages import packages_moved
from analysis.analyzers.heuristic.lifting import names_crash
from analysis.analyzers.heuristic.message import message_points
from analysis.facts import derive_facts
from analysis.models import Commit, FileChange
from tests.facts_support import analysed, patch_of

# --- an empty release-note trailer says nothing --------------------------------------------------------------------


def test_empty_release_note_trailer_is_not_quoted() -> None:
    assert message_points("RELEASE NOTES: None") == []
    assert message_points("Release note: N/A") == []
    code = "def f(x):\n    return x\n"
    analysis = analysed({"src/app/util.py": (code, code.replace("x\n", "x + 1\n"))},
                        "util: fix f\n\nRELEASE NOTES: None")
    assert not any("RELEASE NOTES" in s.upper() for s in analysis.summary)


def test_release_note_trailer_with_words_is_kept() -> None:
    assert message_points("RELEASE NOTES: xds: the resolver now retries") != []


# --- security inside a hyphenated name -----------------------------------------------------------------------------


def test_security_inside_a_header_name_is_no_security_word() -> None:
    assert not R.TITLE_SECURITY_WORDS.search("`Content-Security-Policy`: a directive that throws now calls next")
    assert not R.TITLE_SECURITY_WORDS.search("set Strict-Transport-Security max-age")
    assert R.TITLE_SECURITY_WORDS.search("security: check the token before use")


# --- an empty YAML value written in another empty form -------------------------------------------------------------

_VALUES = "image:\n  repository: app\n  tag: v1\nworker:\n  replicas: 1\n  tolerations: {}\n  nodeSelector: {}\n"


def test_empty_value_respelled_is_low() -> None:
    files = {"charts/app/values.yaml": (_VALUES, _VALUES.replace("tolerations: {}", "tolerations: []")),
             "charts/app/Chart.yaml": ("apiVersion: v2\nname: app\nversion: 1.0.0\n",) * 2}
    analysis = analysed(files, "Use array instead of object as tolerations default")
    assert analysis.importance == "low"


def test_empty_value_given_a_value_is_not_low() -> None:
    files = {"charts/app/values.yaml": (_VALUES, _VALUES.replace("tolerations: {}", "tolerations: [{key: a}]")),
             "charts/app/Chart.yaml": ("apiVersion: v2\nname: app\nversion: 1.0.0\n",) * 2}
    analysis = analysed(files, "Tolerate nodes tainted a")
    assert analysis.importance != "low"


# --- JVM classes moved to another package --------------------------------------------------------------------------

_DELEGATE = """package org.acme.db.{pkg};

import java.util.List;
import org.acme.db.Client;

/**
 * Runs statements against the database.
 */
public class Delegate {{
    private final Client client;
}}
"""


def _renamed(old_pkg: str, new_pkg: str, body: str = _DELEGATE) -> FileChange:
    before, after = body.format(pkg=old_pkg), body.format(pkg=new_pkg)
    patch = patch_of(before, after)
    return FileChange(path=f"src/main/java/org/acme/db/{new_pkg}/Delegate.java", status="renamed",
                      previous_path=f"src/main/java/org/acme/db/{old_pkg}/Delegate.java", patch=patch,
                      additions=patch.count("\n+"), deletions=patch.count("\n-"))


def test_class_renamed_into_another_package_is_high() -> None:
    change = _renamed("delegate", "core")
    assert packages_moved([change])
    commit = Commit(sha="b" * 40, author="Ann", committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc),
                    message="Move Delegate to org.acme.db.core", parents=["a" * 40], files=[change],
                    details_loaded=True)
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, None)))
    assert analysis.importance == "high"


def test_class_renamed_within_its_package_or_out_of_internal_is_not_moved() -> None:
    assert not packages_moved([_renamed("core", "core")])
    assert not packages_moved([_renamed("internal", "core")])
    assert not packages_moved([_renamed("core", "core.internal")])
    hidden = "package org.acme.db.{pkg};\n\nclass Delegate {{\n    private final Client client;\n}}\n"
    assert not packages_moved([_renamed("delegate", "core", hidden)])
    assert packages_moved([_renamed("delegate", "core", hidden.replace("class", "public class"))])


# --- a Rust trait impl emptied -------------------------------------------------------------------------------------

_ERROR = """use std::error::Error as StdError;

pub struct Error(Box<ErrorKind>);

{impl}

impl fmt::Display for Error {{
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {{
        write!(f, "csv error")
    }}
}}
"""
_SOURCE = """impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match *self.0 {
            ErrorKind::Io(ref err) => Some(err),
            _ => None,
        }
    }
}"""


def test_trait_impl_emptied_is_high() -> None:
    before, after = _ERROR.format(impl=_SOURCE), _ERROR.format(impl="impl StdError for Error {}")
    assert impls_emptied([FileChange(path="src/error.rs", patch=patch_of(before, after))])
    analysis = analysed({"src/error.rs": (before, after)}, "error: drop 'source' impl")
    assert analysis.importance == "high"


def test_trait_impl_kept_is_not_emptied() -> None:
    before = _ERROR.format(impl=_SOURCE)
    after = before.replace("_ => None,", "ErrorKind::Seek => None,\n            _ => None,")
    assert not impls_emptied([FileChange(path="src/error.rs", patch=patch_of(before, after))])
    # an arm added to a method the impl keeps changes what it returns for one case: not high on that alone
    assert analysed({"src/error.rs": (before, after)}, "error: no source for seek errors").importance != "high"


# --- a Rust compiler floor set -------------------------------------------------------------------------------------

_CARGO = '[package]\nname = "csv"\nversion = "1.2.0"\nedition = "{edition}"\n{msrv}\n[dependencies]\nserde = "1"\n'


def test_rust_version_declared_is_medium() -> None:
    before = _CARGO.format(edition="2021", msrv="")
    after = _CARGO.format(edition="2021", msrv='rust-version = "1.60"\n')
    assert analysed({"Cargo.toml": (before, after)}, "msrv: set rust-version = 1.60").importance == "medium"


def test_edition_raised_is_medium() -> None:
    before, after = _CARGO.format(edition="2018", msrv=""), _CARGO.format(edition="2021", msrv="")
    assert analysed({"Cargo.toml": (before, after)}, "rust: move to 2021 edition").importance == "medium"


# --- a crash a test provokes ---------------------------------------------------------------------------------------


def test_crash_word_a_test_provokes_names_no_crash() -> None:
    assert not names_crash("Avoid GCs when testing stack overflow", False)
    assert not names_crash("Add a test for the deadlock", False)
    assert names_crash("Fix stack overflow when testing a deep tree", False)


# --- a security word that sets the scene ---------------------------------------------------------------------------

_WAIT = """package org.acme.db;

public class Waiter {{
    public boolean ready(Client client) {{
        {body}
    }}
}}
"""


def test_security_word_in_the_scene_clause_is_not_high() -> None:
    before = _WAIT.format(body='return client.run("SELECT 1") != null;')
    after = _WAIT.format(body='return client.run("SELECT release_version FROM system.local") != null;')
    files = {"src/main/java/org/acme/db/Waiter.java": (before, after)}
    assert analysed(files, "Fix the wait strategy when SSL is configured").importance != "high"
    assert analysed(files, "Fix SSL handshake in the wait strategy").importance == "high"


# --- a C header's release field ------------------------------------------------------------------------------------

_HEADER = ('#ifndef lib_h\n#define lib_h\n\n#define LIB_VERSION_MAJOR\t"5"\n#define LIB_VERSION_MINOR\t"4"\n'
           '#define LIB_VERSION_RELEASE\t"{n}"\n\n#define LIB_VERSION_NUM\t\t504\n\nint lib_open(void);\n\n#endif\n')


def test_release_field_of_a_header_moved_is_low() -> None:
    analysis = analysed({"lib.h": (_HEADER.format(n=1), _HEADER.format(n=2))}, "New release number (5.4.2)")
    assert analysis.importance == "low"


# --- a usage "no longer valid" -------------------------------------------------------------------------------------

_OPTIONS = """export function normalize(options: Options): Directives {{
  const result: Directives = {{}};
  for (const name of Object.keys(options.directives ?? {{}})) {{
    result[name] = options.directives[name];
  }}
  {check}
  return result;
}}
"""


def test_changelog_saying_a_usage_is_no_longer_valid_is_high() -> None:
    check = 'if (!Object.keys(result).length) throw new Error("no directives");'
    files = {"src/index.ts": (_OPTIONS.format(check=""), _OPTIONS.format(check=check)),
             "CHANGELOG.md": ("# Changelog\n\n## Unreleased\n\n### Changed\n\n- Typo fixed\n",
                              "# Changelog\n\n## Unreleased\n\n### Changed\n\n- `useDefaults: false` with no "
                              "directives is no longer valid\n- Typo fixed\n")}
    assert analysed(files, "disabling defaults with no directives is now an error").importance == "high"


# --- a documentation site's version --------------------------------------------------------------------------------


def test_docs_site_version_moved_is_low() -> None:
    site = "site_name: Acme\nextra:\n  latest_version: {v}\nnav:\n  - Home: index.md\n"
    analysis = analysed({"mkdocs.yml": (site.format(v="1.21.3"), site.format(v="2.0.0"))}, "automated change")
    assert analysis.importance == "low"


# --- a JavaScript helper moved to its own module -------------------------------------------------------------------

_INDEX = """import type {{ IncomingMessage }} from "node:http";
{imports}
const getDefaults = () => ({{ "default-src": ["'self'"] }});
{helpers}
export function middleware(req: IncomingMessage): string {{
  throwErrorIfExists(null);
  return dashify(String(getDefaults()));
}}
"""
_HELPERS = """
const dashify = (str: string): string =>
  str.replace(/[A-Z]/g, (capitalLetter) => "-" + capitalLetter.toLowerCase());

const throwErrorIfExists = (err: null | Error) => {
  if (err) throw err;
};

const errify = (err: unknown): Error =>
  err instanceof Error ? err : new Error(String(err));
"""


def test_helpers_moved_to_a_module_and_exported_is_low() -> None:
    util = "\n".join("export " + ln if ln.startswith("const ") else ln for ln in _HELPERS.strip().splitlines()) + "\n"
    files = {"src/index.ts": (_INDEX.format(imports="", helpers=_HELPERS),
                              _INDEX.format(imports='import { dashify, errify, throwErrorIfExists } from "./util";',
                                            helpers="")),
             "src/util.ts": (None, util)}
    assert analysed(files, "move utility functions to separate file").importance == "low"


# --- a news fragment filed as breaking, extended beside a package's testing helpers --------------------------------

_SIMULATE = """def create_environ(path="/", headers=None):
    env = {{"PATH_INFO": path}}
    {ua}
    env.update(headers or {{}})
    return env
"""
_FRAGMENT = "The ``Request.media`` property now raises an error when the body is empty.\n"


def test_breaking_fragment_extended_beside_testing_helpers_is_high() -> None:
    helpers = (_SIMULATE.format(ua='env["HTTP_USER_AGENT"] = "curl/7.24.0"'),
               _SIMULATE.format(ua='env["HTTP_USER_AGENT"] = DEFAULT_UA'))
    fragment = (_FRAGMENT, _FRAGMENT + "\nSimulated requests now send a default ``User-Agent`` of ``app-client``.\n")
    files = {"app/testing/helpers.py": helpers, "docs/_newsfragments/1358.breakingchange.rst": fragment}
    assert analysed(files, "feat(testing): set default User-Agent string for simulated requests").importance == "high"
    files = {"app/testing/helpers.py": helpers, "docs/_newsfragments/1358.newandimproved.rst": fragment}
    assert analysed(files, "feat(testing): set default User-Agent string for simulated requests").importance != "high"


# --- a switch documented off in a comment, now set on --------------------------------------------------------------

_MODEL = ("model:\n  image: app\n  # Container stats add query load at scale.\n  #\n  {line}\n\n"
          "  # max number of concurrent queries\n  maxQueryConcurrency: 5\n")


def test_switch_documented_off_then_set_on_is_high() -> None:
    files = {"charts/app/values.yaml": (_MODEL.format(line="# containerStatsEnabled: false"),
                                        _MODEL.format(line="containerStatsEnabled: true  # enabled by default"))}
    assert analysed(files, "containerStats OnByDefault").importance == "high"
