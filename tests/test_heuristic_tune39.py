"""Rules of the tuning round on the thirty-ninth set (issue 8, tune39), each on a small snippet: a Rust file's
``pub`` items are not public API when its module is declared without a bare ``pub`` (``pub(crate) mod de;``) and
nothing re-exports them; a chart's values key listed with an empty value, removed, breaks no deployment."""

from __future__ import annotations

from analysis.facts import derive_facts
from tests.facts_support import SHA, analysed, commit_of

_ITEMS = """pub struct Deserializer {
    pub depth: usize,
}

pub fn visit(content: &[u8]) -> usize {
    content.len()
}
"""


def _public(files: dict, source: dict | None = None) -> dict[str, bool]:
    commit, texts = commit_of(files)
    for path, text in (source or {}).items():
        texts.texts[(SHA, path)] = text
    return {f.symbol: f.public for f in derive_facts(commit, texts) if f.kind == "symbol_added"}


def test_items_of_a_crate_private_module_declared_in_the_commit_are_not_public() -> None:
    found = _public({"src/content/de.rs": (None, _ITEMS),
                     "src/content/mod.rs": ("pub(crate) mod ser;\n", "pub(crate) mod de;\npub(crate) mod ser;\n")},
                    {"src/lib.rs": "pub(crate) mod content;\n"})  # the crate root read: it re-exports nothing
    assert found == {"Deserializer": False, "visit": False}


def test_items_of_a_private_module_read_from_the_source_are_not_public() -> None:
    found = _public({"src/walk.rs": (None, _ITEMS)}, {"src/lib.rs": "mod walk;\npub mod api;\n"})
    assert found == {"Deserializer": False, "visit": False}


def test_public_or_reexported_or_unseen_modules_keep_their_items_public() -> None:
    assert _public({"src/walk.rs": (None, _ITEMS)}, {"src/lib.rs": "pub mod walk;\n"}) == {
        "Deserializer": True, "visit": True}
    assert _public({"src/walk.rs": (None, _ITEMS)}, {"src/lib.rs": "mod walk;\npub use walk::visit;\n"}) == {
        "Deserializer": False, "visit": True}
    assert _public({"src/walk.rs": (None, _ITEMS)}, {"src/lib.rs": "mod walk;\npub use walk::*;\n"}) == {
        "Deserializer": True, "visit": True}
    assert _public({"src/walk.rs": (None, _ITEMS)}) == {"Deserializer": True, "visit": True}


_VALUES = """global:
  licenseKey: ""
  # -- Key in the Secret object where the license key is stored
  customSecretLicenseKey: ""
{extra}  labels: {{}}
"""


def test_chart_value_listed_empty_removed_is_not_high() -> None:
    extra = '  # -- Key in the Secret object where the insights key is stored\n  customSecretInsightsKey: ""\n'
    analysis = analysed({"charts/bundle/values.yaml": (_VALUES.format(extra=extra), _VALUES.format(extra=""))},
                        "[bundle] Remove unused variables from values (#811)")
    assert analysis.importance != "high"


def test_chart_value_with_a_default_removed_stays_high() -> None:
    extra = '  insightsKey: "abc"\n'
    analysis = analysed({"charts/bundle/values.yaml": (_VALUES.format(extra=extra), _VALUES.format(extra=""))},
                        "[bundle] Remove unused variables from values (#811)")
    assert analysis.importance == "high"


_PARSE = """def parse(text):
    stream = open_stream(text)
{guard}    return stream.read()
"""


def test_fix_whose_public_call_now_throws_on_a_failure_is_not_high() -> None:
    guard = "    if stream is None:\n        raise OSError('could not open the stream')\n"
    analysis = analysed({"pkg/reader.py": (_PARSE.format(guard=""), _PARSE.format(guard=guard))},
                        "fix: Improve robustness of the reader on open failure")
    assert analysis.importance == "medium"


def test_secret_name_cut_by_the_value_clip_is_no_secret_passed() -> None:
    from analysis.analyzers.heuristic.config.ci_keys import ci_security
    from analysis.models import Fact

    def step(value: str) -> Fact:
        return Fact(kind="config_key_added", path=".github/workflows/release.yml",
                    symbol="jobs.release.steps[Release workload charts]", after=value)

    clipped = '{"name":"Release workload charts","uses":"helm/chart-releaser-action@v1.3.0","env":{"CR_TOKEN":"${{ secrets.GITHUB_TOKE…'
    assert ci_security([step(clipped)]).secrets == []
    whole = '{"name":"Publish","env":{"NPM_TOKEN":"${{ secrets.NPM_TOKEN }}"}}'
    assert ci_security([step(whole)]).secrets == ["secrets.NPM_TOKEN"]


_BUILD = """buildscript {{
{ext}    dependencies {{
        classpath "org.jetbrains.dokka:dokka-gradle-plugin:{dokka}"
    }}
}}
"""
_PROPERTIES = """GROUP=org.example
VERSION_NAME={version}
{extra}org.gradle.jvmargs=-Xmx4g
"""


def test_versions_moved_into_gradle_properties_is_build_upkeep() -> None:
    """Gradle reads ``gradle.properties`` for the build (its versions, its JVM's arguments): a build file, not the
    product's code, however many lines it gains."""
    names = [f"PLUGIN_{n}" for n in range(24)]
    ext = "    ext {\n" + "".join(f"        {n.lower()} = '1.{i}.0'\n" for i, n in enumerate(names)) + "    }\n"
    moved = "".join(f"{n}=1.{i}.0\n" for i, n in enumerate(names))
    analysis = analysed({
        "build.gradle": (_BUILD.format(ext=ext, dokka="$plugin_0"), _BUILD.format(ext="", dokka="$PLUGIN_0")),
        "gradle.properties": (_PROPERTIES.format(version="1.0.0-SNAPSHOT", extra=""),
                              _PROPERTIES.format(version="1.0.0-SNAPSHOT", extra=moved)),
    }, "Refactor: extract versions (#1948)")
    assert analysis.importance == "low"


def test_release_kept_in_gradle_properties_is_a_chore() -> None:
    analysis = analysed({
        "CHANGELOG.md": ("# Change Log\n\n## 1.0.0\n\n- Old.\n",
                         "# Change Log\n\n## 1.1.0\n\n- New: `Retry` interceptor.\n\n## 1.0.0\n\n- Old.\n"),
        "gradle.properties": (_PROPERTIES.format(version="1.1.0-SNAPSHOT", extra=""),
                              _PROPERTIES.format(version="1.1.0", extra="")),
    }, "Prepare version 1.1.0")
    assert (analysis.importance, analysis.change_type) == ("low", "chore")


_TRY = """package arrow.core

sealed class Try<out A> {{
  companion object {{
{annotation}    fun <A> just(a: A): Try<A> = Success(a)

    fun <A> raise(e: Throwable): Try<A> = Failure(e)
  }}
}}
"""
_DEPRECATED = """    @Deprecated(
      "Try will be deleted soon, work with Either's constructors",
      ReplaceWith("{hint}")
    )
"""


def test_deprecation_hint_mended_is_low() -> None:
    before = _TRY.format(annotation=_DEPRECATED.format(hint="Either.just(a)"))
    after = _TRY.format(annotation=_DEPRECATED.format(hint="Either.right(a)"))
    analysis = analysed({"core/src/main/kotlin/arrow/core/Try.kt": (before, after)},
                        "DOCS: replaced non-existent Either.just(a: A) with Either.right(a: A) as sub for Try.just(a: A)")
    assert analysis.importance == "low"


def test_deprecation_added_is_not_low() -> None:
    before = _TRY.format(annotation="")
    after = _TRY.format(annotation=_DEPRECATED.format(hint="Either.right(a)"))
    analysis = analysed({"core/src/main/kotlin/arrow/core/Try.kt": (before, after)}, "Deprecate Try.just")
    assert analysis.importance != "low"


_APP_CHART = """apiVersion: v2
name: apisix
version: {version}
dependencies:
  - name: etcd
    repository: oci://registry-1.docker.io/bitnamicharts
    version: {etcd}
"""


def test_chart_major_with_its_subchart_major_is_high_beside_values() -> None:
    """The chart's own major raised with a subchart's major: the project says the upgrade breaks, whatever else the
    commit touches (here an empty global value taken out, which alone breaks nothing)."""
    values_before = 'global:\n  imageRegistry: ""\n  storageClass: ""\nreplicaCount: 1\n'
    values_after = 'global:\n  imageRegistry: ""\nreplicaCount: 1\n'
    analysis = analysed({
        "bitnami/apisix/Chart.yaml": (_APP_CHART.format(version="4.2.5", etcd="11.x.x"),
                                      _APP_CHART.format(version="5.0.0", etcd="12.x.x")),
        "bitnami/apisix/values.yaml": (values_before, values_after),
    }, "[bitnami/apisix] Update ETCD subchart (#33878)")
    assert analysis.importance == "high"
