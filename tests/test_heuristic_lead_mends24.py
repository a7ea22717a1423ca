"""Mends from reading real days as their maintainers (charmbracelet/lipgloss 2025-03-12): methods renamed with their
callers are said as renames, not as "Changes `detectTableWidth`"; a dependency going back to an older release says
so; a dependency bumped twice in one rebase-merge (one commit time for the whole branch) nets from its first value;
a Taskfile and an editor's settings are tooling, not the day's configuration or product code."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.heuristic.config.builds.dependency_changes import downgrade
from analysis.analyzers.heuristic.paths import classify_path
from analysis.facts.config import TOOLING, mark_tooling
from analysis.facts.languages import is_tooling_config
from analysis.highlights import heuristic_highlights, oldest_first
from analysis.models import Analysis, Commit, CommitReport, Fact
from tests.facts_support import analysed

_BEFORE = """package table

func (r *resizer) detectTableWidth() int {
\treturn r.maxCharCount() + r.totalPadding() + r.totalBorder()
}

func (r *resizer) expandTableWidth() int {
\treturn sum(r.widths) + r.totalBorder()
}

// totalPadding returns the total padding.
func (r *resizer) totalPadding() (totalPadding int) {
\tfor _, col := range r.columns {
\t\ttotalPadding += col.xPadding
\t}
\treturn
}

func (r *resizer) totalBorder() int {
\treturn len(r.columns) + 1
}
"""
_AFTER = _BEFORE.replace("totalPadding", "totalHorizontalPadding").replace("totalBorder", "totalHorizontalBorder")


def test_methods_renamed_with_their_callers_are_said_as_renames():
    summary = " ".join(analysed({"table/resizing.go": (_BEFORE, _AFTER)},
                                "style(table): improve naming of the resizer functions").summary)
    assert "Renames `totalPadding` → `totalHorizontalPadding`, `totalBorder` → `totalHorizontalBorder`" in summary
    assert "Changes `resizer.detectTableWidth`" not in summary


def test_a_dependency_going_back_to_an_older_release_says_so():
    assert downgrade("v0.31.0", "v0.30.0") and downgrade("2.10.1", "2.9.9") and downgrade("^1.4.2", "^1.3.0")
    assert not downgrade("v0.2.2", "v0.2.3-0.20250311203215-f60798e515dc")  # a pseudo-version of the next patch
    assert not downgrade("v0.30.0", "v0.31.0") and not downgrade(">=1.2,<2", ">=1.1,<2") and not downgrade("main", "v1")
    before, after = "module m\n\nrequire golang.org/x/sys v0.31.0\n", "module m\n\nrequire golang.org/x/sys v0.30.0\n"
    en = " ".join(analysed({"go.mod": (before, after)}, "chore: update cellbuf").summary)
    zh = " ".join(analysed({"go.mod": (before, after)}, "chore: update cellbuf", "zh").summary)
    assert "`golang.org/x/sys` `v0.31.0` → `v0.30.0`, back to an older release" in en
    assert "退回到较旧的版本" in zh


def _report(sha: str, parents: list[str], facts: list[Fact]) -> CommitReport:
    at = datetime(2025, 3, 12, 18, 40, tzinfo=timezone.utc)  # one commit time: the branch was rebase-merged
    commit = Commit(sha=sha * 40, author="A", message="m", committed_at=at, parents=[p * 40 for p in parents],
                    details_loaded=True)
    return CommitReport(commit=commit, analysis=Analysis(change_type="build", importance="low", summary=["m"],
                                                         facts=facts))


def test_commits_of_one_time_are_ordered_by_ancestry_so_a_twice_bumped_dependency_nets_from_its_first_value():
    dep = "github.com/charmbracelet/x/cellbuf"
    added = Fact(kind="dependency_changed", path="go.mod", symbol=dep, before=None, after="v0.0.12")
    bumped = Fact(kind="dependency_changed", path="go.mod", symbol=dep, before="v0.0.12", after="v0.0.13")
    newest_first = [_report("c", ["b"], [bumped]), _report("b", ["a"], [added]), _report("a", [], [])]
    assert [r.commit.sha[0] for r in oldest_first(newest_first)] == ["a", "b", "c"]
    text = "\n".join(heuristic_highlights(newest_first, "en"))
    assert f"`{dep}` v0.0.13 (new)" in text


def test_a_taskfile_and_editor_settings_are_tooling():
    assert is_tooling_config("Taskfile.yaml") and is_tooling_config("sub/Taskfile.yml")
    assert "tooling" in classify_path(".vscode/settings.json") and "tooling" in classify_path(".devcontainer/devcontainer.json")
    removed = Fact(kind="config_key_removed", path="Taskfile.yaml", symbol='tasks["lint:all"]', before="{...}")
    assert [f.text for f in mark_tooling("Taskfile.yaml", [removed])] == [TOOLING]


def test_an_api_dump_that_only_grows_names_no_risk_and_the_gradle_wrapper_is_a_build_file():
    """coil 2025-07-15: binary-compatibility-validator's ``api/jvm/coil-core.api`` gaining one line read 'API or
    schema definitions changed: clients built against them may need updating'; ``gradle-wrapper.properties`` read
    as product code ('Refactor')."""
    dump = "public final class coil3/Uri$Builder {\n\tpublic final fun path (Ljava/lang/String;)Lcoil3/Uri$Builder;\n}\n"
    grown = dump.replace("}\n", "\tpublic final fun separator (Ljava/lang/String;)Lcoil3/Uri$Builder;\n}\n")
    kt = "class Uri {\n  class Builder internal constructor(private var path: String?) {\n    fun build() = 1\n  }\n}\n"
    kt_after = kt.replace("    fun build", "    fun separator(separator: String) = apply { }\n    fun build")
    analysis = analysed({"coil-core/api/jvm/coil-core.api": (dump, grown), "coil-core/src/commonMain/kotlin/Uri.kt":
                         (kt, kt_after)}, "Fix Uri.separator not being passed through the builder.")
    assert analysis.importance == "medium"
    assert "Uri.Builder.separator" in " ".join(analysis.summary)
    assert not [r for r in analysis.risks if "schema" in r.risk] and "clients built against" not in analysis.insights.compatibility
    assert "build" in classify_path("gradle/wrapper/gradle-wrapper.properties")
    before = "distributionUrl=https\\://services.gradle.org/distributions/gradle-8.14.2-bin.zip\n"
    after = before.replace("8.14.2", "8.14.3")
    analysis = analysed({"gradle/wrapper/gradle-wrapper.properties": (before, after),
                         "renovate.json5": ('{"a": 1}\n', '{"a": 2}\n')}, "Update Gradle to 8.14.3.")
    assert analysis.change_type == "build" and analysis.importance == "low"
    assert analysis.summary[0].startswith("Build files: `gradle/wrapper/gradle-wrapper.properties`")


def test_the_days_api_bullet_leaves_out_a_js_export_only_siblings_import():
    """ky 2026-03-25: the entry read isRawNetworkError as plumbing (Ky.ts imports it, index.ts does not re-export
    it) while the day's 'Public API changes' still listed it."""
    from analysis.models import FileChange
    core = FileChange(path="source/core/Ky.ts", additions=2, deletions=0,
                      patch="@@ -1,1 +1,3 @@\n import a from './a.js';\n+import isRawNetworkError from '../utils/is-network-error.js';\n"
                            "+import {NetworkError} from '../errors/NetworkError.js';\n")
    index = FileChange(path="source/index.ts", additions=1, deletions=0,
                       patch="@@ -1,1 +1,2 @@\n export {KyError} from './errors/KyError.js';\n"
                             "+export {NetworkError} from './errors/NetworkError.js';\n")
    facts = [Fact(kind="symbol_added", path="source/utils/is-network-error.ts", symbol="isRawNetworkError", public=True,
                  text="function"),
             Fact(kind="symbol_added", path="source/errors/NetworkError.ts", symbol="NetworkError", public=True,
                  text="class")]
    day = _report("a", [], facts)
    day.commit.files = [core, index]
    day.analysis.importance, day.analysis.change_type = "high", "feature"
    text = "\n".join(heuristic_highlights([day, _report("b", ["a"], [])], "en"))
    assert "`NetworkError`" in text and "isRawNetworkError" not in text


def test_spaces_the_product_outputs_are_behaviour_and_an_announcement_is_prose():
    """yaml/libyaml 2020-06-01: "Emitter: Don't output trailing space for empty scalar nodes" changes what the
    emitter writes (read low, cosmetic); the release's announcement.msg read as product code with no test."""
    from analysis.analyzers.heuristic import rules as R
    assert not R.cosmetic("Emitter: Don't output trailing space for empty scalar nodes (#186)")
    assert not R.cosmetic("Print spaces between the columns")
    assert R.cosmetic("Remove trailing spaces") and R.cosmetic("Fix trailing whitespace")
    assert "doc" in classify_path("announcement.msg") and "doc" in classify_path("ANNOUNCE")
    before = "static int write(emitter *e, size_t length) {\n    if (!e->whitespace) {\n        put(e, ' ');\n    }\n    return 1;\n}\n"
    after = before.replace("if (!e->whitespace) {", "if (!e->whitespace && (length || e->flow_level)) {")
    analysis = analysed({"src/emitter.c": (before, after)},
                        "Emitter: Don't output trailing space for empty scalar nodes (#186)")
    assert analysis.importance == "medium"


def test_a_release_stamped_through_rendered_manifests_and_its_own_image_is_low_with_no_rollout_risk():
    """stakater/Reloader's CI bot ("[skip-ci] Update artifacts"): v1.0.9 -> v1.0.10 in Chart.yaml, the default image
    tag and every rendered manifest's labels, read high with twelve deployment sentences repeated in each."""
    chart = "apiVersion: v1\nname: reloader\nversion: v1.0.9\nappVersion: v1.0.9\n"
    values = "reloader:\n  deployment:\n    image:\n      name: stakater/reloader\n      tag: v1.0.9\n"
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    chart: \"reloader-v1.0.9\"\n"
                "    version: v1.0.9\nspec:\n  template:\n    spec:\n      containers:\n"
                "      - image: \"stakater/reloader:v1.0.9\"\n")
    files = {f"deployments/kubernetes/chart/reloader/{name}": (text, text.replace("v1.0.9", "v1.0.10"))
             for name, text in (("Chart.yaml", chart), ("values.yaml", values))}
    files["deployments/kubernetes/manifests/deployment.yaml"] = (manifest, manifest.replace("v1.0.9", "v1.0.10"))
    analysis = analysed(files, "[skip-ci] Update artifacts")
    assert analysis.importance == "low"
    assert not analysis.risks and not analysis.insights.compatibility and not analysis.insights.architecture
    # an image pinned to another version than the release's is an upgrade, as before
    files["deployments/kubernetes/chart/reloader/values.yaml"] = (values, values.replace("v1.0.9", "v2.0.0"))
    assert analysed(files, "[skip-ci] Update artifacts").importance != "low"


def test_a_key_value_trailer_is_no_message_point():
    """google/truth: "RELNOTES=n/a" closed four messages of one day and was quoted in each."""
    from analysis.analyzers.heuristic.message import message_points
    assert message_points("RELNOTES=n/a\nPiperOrigin-RevId: 770000000") == []
    assert message_points("The javadoc said 'is' twice.\n\nRELNOTES=n/a") == ["The javadoc said 'is' twice."]
    assert message_points("RELNOTES=n/a is what we write in the trailer.") != []  # words, not a trailer
