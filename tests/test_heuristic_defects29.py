"""Maintainer-read mends (defects29: python-poetry/cleo 2025-10-02, nats-io/nats.go 2025-09-22, unjs/unbuild
2025-02-26): a CI workflow named ``news.yaml`` is no changelog; a changelog's contributors' names are no entry; a
public symbol added and removed again the same day is no API change of the day; fields of a struct in a Go ``type (``
group are read as fields (a settings struct's are new options), the new option's own line is not quoted again, and a
struct that only gains the option is no "existing API changed as well"; a Go release's ``Version`` constant is said by
its values; a CI key changed in a few places is said by its values; an export a module in a folder above it calls is
package plumbing, its signature change no break for callers."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.api import struct_fields
from analysis.facts import derive_facts
from analysis.facts.changelog import changelog_facts
from analysis.facts.languages import is_changelog
from analysis.facts.patches import parse_patch
from analysis.highlights import heuristic_highlights
from analysis.models import Analysis, Commit, CommitReport, Fact, FileChange
from tests.facts_support import analysed, commit_of, patch_of

# --- a workflow named like a changelog ----------------------------------------------------------------------------

CHECKOUT_OLD = """name: News
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
"""
CHECKOUT_NEW = CHECKOUT_OLD.replace("actions/checkout@v4",
                                    "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0")


def test_a_workflow_named_news_is_no_changelog():
    assert not is_changelog(".github/workflows/news.yaml")
    assert not is_changelog(".github/workflows/changelog.yml")
    assert is_changelog("NEWS") and is_changelog("CHANGES.md") and is_changelog("changelog.d/12.fix.md")
    analysis = analysed({".github/workflows/news.yaml": (CHECKOUT_OLD, CHECKOUT_NEW)}, "Update GH Actions (#505)")
    said = " ".join(analysis.summary)
    assert "Changelog" not in said and "persist-credentials" not in said


# --- a changelog's contributors ----------------------------------------------------------------------------------

RELEASE_OLD = "# Changelog\n\n## v3.4.1\n\n- Older fix\n"
RELEASE_NEW = """# Changelog

## v3.4.2

[compare changes](https://github.com/unjs/unbuild/compare/v3.4.1...v3.4.2)

### 🏡 Chore

- Updated untyped to v2 ([24997cc](https://github.com/unjs/unbuild/commit/24997cc))

### ❤️ Contributors

- Pooya Parsa ([@pi0](https://github.com/pi0))
- Joaquín Sánchez ([@userquin](https://github.com/userquin))

## v3.4.1

- Older fix
"""


def test_a_changelog_s_contributors_are_no_entries():
    texts = [f.text for f in changelog_facts("CHANGELOG.md", parse_patch("CHANGELOG.md",
                                                                          patch_of(RELEASE_OLD, RELEASE_NEW)))]
    assert any("Updated untyped to v2" in t for t in texts)
    assert not any("Pooya Parsa" in t or "Joaquín" in t or "Contributors" in t for t in texts)
    analysis = analysed({"CHANGELOG.md": (RELEASE_OLD, RELEASE_NEW)}, "chore(release): v3.4.2")
    said = " ".join(analysis.summary)
    assert "Updated untyped to v2" in said and "Pooya Parsa" not in said


# --- the day's API: added and removed the same day ----------------------------------------------------------------

AT = datetime(2025, 9, 22, 9, tzinfo=UTC)


def _report(n: int, title: str, facts: list[Fact]) -> CommitReport:
    commit = Commit(sha=f"{n:040x}", author="Ann", message=title, committed_at=AT + timedelta(minutes=n),
                    files=[FileChange(path="jetstream/stream.go", additions=10, deletions=10)], details_loaded=True)
    return CommitReport(commit=commit, analysis=Analysis(change_type="feature", importance="medium", summary=[title],
                                                         facts=facts))


def _api(kind: str, symbol: str) -> Fact:
    return Fact(kind=kind, path="jetstream/stream.go", symbol=symbol, public=True)


def test_a_symbol_added_and_removed_the_same_day_is_no_api_change_of_the_day():
    day = [_report(1, "Counters support", [_api("symbol_added", "GetLastForSubjectOpt"),
                                           _api("symbol_added", "WithGetMsgNoHeaders")]),
           _report(2, "Remove no headers support", [_api("symbol_removed", "WithGetMsgNoHeaders")]),
           _report(3, "Revert leftover no headers support changes", [_api("symbol_removed", "GetLastForSubjectOpt")]),
           _report(4, "Prioritized priority policy", [_api("symbol_added", "PullPrioritized")])]
    for lang, start in (("en", "Public API"), ("zh", "公开 API")):
        bullets = heuristic_highlights(day, lang)
        api = next(b for b in bullets if b.startswith(start))
        assert "PullPrioritized" in api
        assert "GetLastForSubjectOpt" not in api and "WithGetMsgNoHeaders" not in api
    # a symbol only removed that day is still said
    gone = next(b for b in heuristic_highlights(day[1:], "en") if b.startswith("Public API"))
    assert "`WithGetMsgNoHeaders`" in gone and "removed" in gone


# --- Go's grouped type declarations -------------------------------------------------------------------------------

GROUPED_OLD = """package jetstream

type (
	// StreamConfig is a stream's configuration.
	StreamConfig struct {
		Name string `json:"name"`

		Description string `json:"description,omitempty"`

		Subjects []string `json:"subjects,omitempty"`

		// AllowAtomicPublish allows atomic batch publishing into the stream.
		AllowAtomicPublish bool `json:"allow_atomic,omitempty"`
	}

	// StreamSourceInfo shows information about an upstream stream.
	StreamSourceInfo struct {
		Name string `json:"name"`
	}

	// StoreCompression determines how messages are compressed.
	StoreCompression uint8
)
"""


_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@$")


def _with_git_context(patch: str, before: str) -> str:
    """The hunks with the context git's default funcname gives them: the last line above the hunk that opens at
    column 0 with a letter (``type (`` for a hunk inside a Go type group)."""
    old = before.splitlines()
    out = []
    for line in patch.splitlines():
        m = _HUNK.match(line)
        if m:
            above = [t for t in old[:int(m.group(1)) - 1] if re.match(r"[A-Za-z_$]", t)]
            line += f" {above[-1]}" if above else ""
        out.append(line)
    return "\n".join(out) + "\n"


def analysed_go(path: str, before: str, after: str, message: str) -> Analysis:
    commit, texts = commit_of({path: (before, after)}, message)
    commit.files[0].patch = _with_git_context(commit.files[0].patch, before)
    return HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))


def test_a_field_added_to_a_struct_of_a_type_group_is_a_new_option():
    new = GROUPED_OLD.replace(
        '		AllowAtomicPublish bool `json:"allow_atomic,omitempty"`\n',
        '		AllowAtomicPublish bool `json:"allow_atomic,omitempty"`\n\n'
        '		// AllowMsgSchedules enables message scheduling.\n'
        '		AllowMsgSchedules bool `json:"allow_msg_schedules,omitempty"`\n')
    analysis = analysed_go("jetstream/stream_config.go", GROUPED_OLD, new,
                           "[ADDED] AllowMsgSchedules field to enable message scheduling in stream config (#1942)")
    assert "New option `StreamConfig.AllowMsgSchedules`" in analysis.summary
    assert not any(line.startswith("Adds the line") for line in analysis.summary)


def test_a_type_added_to_a_group_beside_the_struct_s_new_option_is_additive():
    new = GROUPED_OLD.replace(
        '		AllowAtomicPublish bool `json:"allow_atomic,omitempty"`\n',
        '		AllowAtomicPublish bool `json:"allow_atomic,omitempty"`\n\n'
        '		// PersistMode allows to opt-in to different persistence mode settings.\n'
        '		PersistMode PersistModeType `json:"persist_mode,omitempty"`\n').replace(
        "	StoreCompression uint8\n",
        "	StoreCompression uint8\n\n	// PersistModeType determines what persistence mode the stream uses.\n"
        "	PersistModeType int\n")
    analysis = analysed_go("jetstream/stream_config.go", GROUPED_OLD, new,
                           "[ADDED] Introduce PersistMode for configurable persistence settings in streams (#1943)")
    assert "New option `StreamConfig.PersistMode`" in analysis.summary
    said = " ".join(analysis.summary) + " " + analysis.insights.compatibility
    assert "PersistModeType" in said
    assert "existing `StreamConfig` change" not in analysis.insights.compatibility
    # the one-tab ``PersistModeType int`` is a type of the group, not a field of StreamConfig
    assert "StreamConfig.PersistModeType" not in said


def test_a_public_struct_of_a_group_names_its_new_fields():
    old = "package p\n\ntype (\n\tPubAck struct {\n\t\tStream string `json:\"stream\"`\n\t\tSequence uint64\n\t}\n)\n"
    new = old.replace("\t\tSequence uint64\n", "\t\tSequence uint64\n\t\tValue string `json:\"val,omitempty\"`\n")
    change = FileChange(path="p/publish.go", additions=1, patch=patch_of(old, new))
    # the hunk opens on the struct's own line: no hint needed; its fields are indented twice
    assert struct_fields.public_fields_added([change]) == [("p/publish.go", "PubAck", "Value")]
    hints = struct_fields.go_struct_hints([Fact(kind="symbol_modified", path="p/publish.go", symbol="PubAck", public=True,
                                  text="struct")])
    assert hints == {"p/publish.go": "PubAck"}
    assert struct_fields.go_struct_hints([Fact(kind="symbol_modified", path="p/a.go", symbol="A", text="struct"),
                            Fact(kind="symbol_modified", path="p/a.go", symbol="B", text="struct")]) == {}


# --- a release's Go ``Version`` constant ---------------------------------------------------------------------------

def test_a_go_release_s_version_constant_is_said_by_its_values():
    old = ('package nats\n\n// Default Constants\nconst (\n\tVersion                   = "1.45.0"\n'
           '\tDefaultURL                = "nats://127.0.0.1:4222"\n\tDefaultPort               = 4222\n)\n')
    analysis = analysed({"nats.go": (old, old.replace('"1.45.0"', '"1.46.0"'))}, "Release v1.46.0")
    assert '`Version` `"1.45.0"` → `"1.46.0"`' in analysis.summary
    assert not any(line.startswith("Changes `nats.go`") for line in analysis.summary)


# --- a CI key said by its values ---------------------------------------------------------------------------------

MATRIX = """name: Tests
jobs:
  Tests:
    strategy:
      matrix:
        os: [Ubuntu, macOS, Windows]
        include:
          - os: Ubuntu
            image: ubuntu-22.04
          - os: Windows
            image: windows-2022
          - os: macOS
            image: macos-14
    runs-on: ${{ matrix.image }}
    steps:
      - run: pytest
"""


def test_a_ci_key_changed_in_a_few_places_is_said_by_its_values():
    new = MATRIX.replace("ubuntu-22.04", "ubuntu-24.04").replace("windows-2022", "windows-2025").replace(
        "macos-14", "macos-15")
    for lang, words in (("en", "changes `image` `ubuntu-22.04` → `ubuntu-24.04`, `windows-2022` → `windows-2025`, "
                                "`macos-14` → `macos-15`"),
                        ("zh", "改动 `image` `ubuntu-22.04` → `ubuntu-24.04`")):
        summary = " ".join(analysed({".github/workflows/tests.yaml": (MATRIX, new)}, "Update GHA runner images (#507)",
                                    lang).summary)
        assert words in summary
    # one line changed is quoted whole, its key not said twice
    one = " ".join(analysed({".github/workflows/tests.yaml": (MATRIX, MATRIX.replace("macos-14", "macos-15"))},
                            "Update the macOS image").summary)
    assert "`image: macos-14` → `image: macos-15`" in one and "`macos-14` → `macos-15`," not in one


# --- an internal JS plugin's signature, its caller updated above it -----------------------------------------------

PLUGIN_OLD = """import type { Plugin } from "rollup";

export function cjsPlugin(_opts?: any): Plugin {
  return { name: "unbuild-cjs" } as Plugin;
}

export function fixCJSExportTypePlugin(): Plugin {
  return {
    name: "unbuild-fix-cjs-export-type",
  } as Plugin;
}
"""
PLUGIN_NEW = PLUGIN_OLD.replace("export function fixCJSExportTypePlugin(): Plugin {",
                                "export function fixCJSExportTypePlugin(ctx: BuildContext): Plugin {").replace(
    '    name: "unbuild-fix-cjs-export-type",\n', '    name: "unbuild-fix-cjs-export-type",\n    warn: ctx.warn,\n')
BUILD_OLD = """export async function rollupBuild(ctx: BuildContext): Promise<void> {
  const plugins = [
    dts(ctx.options.rollup.dts),
    removeShebangPlugin(),
    ctx.options.rollup.emitCJS && fixCJSExportTypePlugin(),
  ];
  await run(plugins);
}
"""
BUILD_NEW = BUILD_OLD.replace("fixCJSExportTypePlugin()", "fixCJSExportTypePlugin(ctx)")


def _plugin_commit(caller: str) -> Analysis:
    return analysed({"src/builders/rollup/plugins/cjs.ts": (PLUGIN_OLD, PLUGIN_NEW), caller: (BUILD_OLD, BUILD_NEW)},
                    "feat: use `fix-dts-default-cjs-exports` to transform cjs types (#513)")


def test_an_export_called_from_a_module_above_it_is_plumbing_not_a_breaking_signature():
    analysis = _plugin_commit("src/builders/rollup/build.ts")
    said = " ".join(analysis.summary) + " " + analysis.insights.compatibility
    assert "fixCJSExportTypePlugin" in " ".join(analysis.summary)  # still named, as a change
    assert "old signature" not in said and not any("Breaking signature" in r.risk for r in analysis.risks)
    assert analysis.importance != "high"


def test_an_export_called_from_a_module_beside_it_keeps_its_signature_change():
    # the package's own CLI calling a function of a module beside it is no sign the function is internal
    analysis = _plugin_commit("src/builders/rollup/plugins/use.ts")
    assert any("fixCJSExportTypePlugin" in r.risk for r in analysis.risks)


def test_a_public_field_added_inside_a_group_s_struct_is_said_as_one():
    old = ("package jetstream\n\ntype (\n\t// PubAck is an ack received after successfully publishing a message.\n"
           "\tPubAck struct {\n\t\tStream    string `json:\"stream\"`\n\t\tSequence  uint64 `json:\"seq\"`\n"
           "\t\tDuplicate bool   `json:\"duplicate,omitempty\"`\n\t\tDomain    string `json:\"domain,omitempty\"`\n"
           "\t}\n)\n")
    new = old.replace("\t\tDomain    string `json:\"domain,omitempty\"`\n",
                      "\t\tDomain    string `json:\"domain,omitempty\"`\n\t\tValue     string `json:\"val,omitempty\"`\n")
    analysis = analysed_go("jetstream/publish.go", old, new, "[ADDED] Counters support (#1932)")
    assert "New public fields: `PubAck.Value`" in analysis.insights.compatibility
