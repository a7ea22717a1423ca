"""The day's highlights name what a project ships: no script's symbols as API, no docs data or package metadata as
configuration, no committed build output as the busiest area."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from analysis.highlights import heuristic_highlights
from analysis.models import Analysis, Commit, CommitReport, Fact, FileChange

AT = datetime(2026, 7, 16, 9, tzinfo=UTC)


def report(n: int, title: str, files: dict[str, tuple[int, int]], facts: list[Fact] = ()) -> CommitReport:
    commit = Commit(sha=f"{n:040x}", author="Ann", message=title, committed_at=AT + timedelta(minutes=n),
                    files=[FileChange(path=p, additions=a, deletions=d) for p, (a, d) in files.items()],
                    details_loaded=True)
    return CommitReport(commit=commit, analysis=Analysis(change_type="chore", importance="low", summary=[title],
                                                         facts=list(facts)))


def bullet(bullets: list[str], start: str) -> str | None:
    return next((b for b in bullets if b.startswith(start)), None)


def removed(symbol: str, path: str) -> Fact:
    return Fact(kind="symbol_removed", path=path, symbol=symbol, public=True)


def test_a_removed_script_s_classes_are_no_public_api_change_but_the_package_s_are():
    day = [report(1, "Remove obsolete scripts", {"scripts/contributors.py": (0, 300)},
                  [removed("Author", "scripts/contributors.py"),
                   removed("PullRequestNode", "scripts/contributors.py")]),
           report(2, "Drop the old client", {"src/web/client.py": (0, 40)},
                  [removed("OldClient", "src/web/client.py")])]
    api = bullet(heuristic_highlights(day, "en"), "Public API changes")
    assert api == "Public API changes: `OldClient` removed"
    only_scripts = heuristic_highlights(day[:1] + [report(3, "Fix a typo", {"README.md": (1, 1)})], "en")
    assert bullet(only_scripts, "Public API changes") is None
    assert bullet(only_scripts, "Largest change") == "Largest change: Remove obsolete scripts (1 file, +0/-300)"


def test_docs_data_and_chart_annotations_are_no_configuration_but_chart_values_are():
    day = [report(1, "Restructure the people page", {"docs/en/data/members.yml": (9, 9)},
                  [Fact(kind="config_value_changed", path="docs/en/data/members.yml", symbol="members[1].login",
                        before="Kludex", after="YuriiMotov")]),
           report(2, "Disable leader election on one replica", {"charts/wf/Chart.yaml": (3, 3),
                                                                "charts/wf/values.yaml": (2, 0)},
                  [Fact(kind="config_value_changed", path="charts/wf/Chart.yaml",
                        symbol='annotations["artifacthub.io/changes"]', before="- kind: changed",
                        after="- kind: added"),
                   Fact(kind="config_value_changed", path="charts/wf/Chart.yaml", symbol="version",
                        before="0.40.12", after="0.40.13"),
                   Fact(kind="config_key_added", path="charts/wf/values.yaml", symbol="controller.leaderElection",
                        after="true")]),
           report(3, "Release 1.3.0", {"bower.json": (1, 1)},
                  [Fact(kind="config_value_changed", path="bower.json", symbol="version", before="1.2.6",
                        after="1.3.0")])]
    assert bullet(heuristic_highlights(day, "en"), "Configuration") == \
        "Configuration: `controller.leaderElection` added"
    assert bullet(heuristic_highlights(day, "zh"), "配置变化") == "配置变化：新增 `controller.leaderElection`"


def test_committed_build_output_is_not_where_most_lines_changed():
    day = [report(1, "Release 1.3.0", {"dist/node/axios.cjs": (230, 21), "dist/esm/axios.js": (58, 28),
                                       "lib/env/data.js": (1, 1)}),
           report(2, "Read blobs through their iterator", {"lib/helpers/readBlob.js": (1, 1),
                                                           "package-lock.json": (40, 5)})]
    areas = bullet(heuristic_highlights(day, "en"), "Most lines changed")
    assert areas == "Most lines changed in `lib/env` (1 change, +1/-1), `lib/helpers` (1 change, +1/-1)"


def test_a_key_changed_in_several_charts_names_each_chart_s_folder():
    def app(n: int, chart: str, before: str, after: str) -> CommitReport:
        return report(n, f"Update {chart}", {f"charts/{chart}/Chart.yaml": (1, 1)},
                      [Fact(kind="config_value_changed", path=f"charts/{chart}/Chart.yaml", symbol="appVersion",
                            before=before, after=after)])
    day = [app(1, "argo-workflows", "v3.5.4", "v3.5.5"), app(2, "argo-cd", "v2.10.1", "v2.10.2"),
           report(3, "Add an override", {"charts/updater/values.yaml": (2, 0)},
                  [Fact(kind="config_key_added", path="charts/updater/values.yaml", symbol="namespaceOverride",
                        after="")])]
    assert bullet(heuristic_highlights(day, "en"), "Configuration") == (
        "Configuration: `appVersion` (`charts/argo-workflows`) `v3.5.4` → `v3.5.5`; "
        "`appVersion` (`charts/argo-cd`) `v2.10.1` → `v2.10.2`; `namespaceOverride` added")
    assert bullet(heuristic_highlights(day, "zh"), "配置变化") == (
        "配置变化：`appVersion`（`charts/argo-workflows`） `v3.5.4` → `v3.5.5`；"
        "`appVersion`（`charts/argo-cd`） `v2.10.1` → `v2.10.2`；新增 `namespaceOverride`")


def test_a_release_tool_s_section_of_package_json_is_no_configuration_but_its_exports_are():
    def key(n: int, symbol: str, before: str | None, after: str) -> CommitReport:
        kind = "config_key_added" if before is None else "config_value_changed"
        return report(n, f"Change {symbol}", {"package.json": (1, 1)},
                      [Fact(kind=kind, path="package.json", symbol=symbol, before=before, after=after)])
    day = [key(1, "release-it.git.requireCleanWorkingDir", None, "false"),
           key(2, 'scripts["test:build"]', "npm run build", "npm run build && git add ./dist"),
           key(3, 'exports["./fetch"].require', "./dist/fetch.cjs", "./dist/node/fetch.cjs")]
    assert bullet(heuristic_highlights(day, "en"), "Configuration") == \
        'Configuration: `exports["./fetch"].require` `./dist/fetch.cjs` → `./dist/node/fetch.cjs`'


def test_a_signature_that_only_gains_type_annotations_is_no_api_change_of_the_day():
    typed = Fact(kind="signature_changed", path="src/normalize-unicode.ts", symbol="normalizeUnicode", public=True,
                 before="(s: string)", after="(s: string) -> string", text="return type (none) -> string")
    changed = Fact(kind="signature_changed", path="src/mkdir.ts", symbol="mkdir", public=True,
                   before="(dir: string, opt: MkdirOptions)", after="(dir: string)", text="removes opt")
    day = [report(1, "limit normalize-unicode cache size", {"src/normalize-unicode.ts": (24, 5)}, [typed]),
           report(2, "drop mkdir options", {"src/mkdir.ts": (2, 4)}, [changed])]
    assert bullet(heuristic_highlights(day, "en"), "Public API changes") == \
        "Public API changes: `mkdir` changes its signature"
