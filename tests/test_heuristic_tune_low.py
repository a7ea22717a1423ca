"""Rules of the tuning round across tuned days on housekeeping read medium (issue 8, tunelow), each on a small
snippet: Gradle's build logic outside ``build.gradle`` (a script the build applies, ``buildSrc/``, convention
plugins) is the build, not product code; a commit titled as a release whose code reads as upkeep (a generated file
built anew) is low."""

from __future__ import annotations

from analysis.analyzers.heuristic.paths import classify_path
from tests.facts_support import analysed

# --- Gradle: build logic kept beside build.gradle is the build -------------------------------------------------

_DEPENDENCIES = """object Versions {
  const val kotlin = "1.5.31"
  const val dokka = "1.5.0"
}

object Dependencies {
  val dokka = "org.jetbrains.dokka:dokka-gradle-plugin:${Versions.dokka}"
  val shadow = "gradle.plugin.com.github.jengelman.gradle.plugins:shadow:7.0.0"
}
"""
_BUMPED = _DEPENDENCIES.replace('"1.5.0"', '"1.5.30"').replace("shadow:7.0.0", "shadow:7.1.0")

_JACOCO = """jacocoTestReport {
    reports {
        xml.enabled true
        html.enabled true
    }
}
"""


def test_gradle_build_logic_is_build() -> None:
    for path in ("buildSrc/src/main/kotlin/Dependencies.kt", "gradle/jacoco.gradle",
                 "build-logic/src/main/kotlin/publish.gradle.kts",
                 "gradle/plugins/src/main/kotlin/analyze/jcstress.gradle.kts"):
        assert "build" in classify_path(path.lower()), path
    # a precompiled script plugin a Gradle plugin project publishes, and product code in a ``gradle`` package
    assert "build" not in classify_path("src/main/kotlin/my-conventions.gradle.kts")
    assert "build" not in classify_path("lib/src/main/kotlin/org/x/gradle/Plugin.kt")


def test_build_dependencies_bumped_in_buildsrc_are_low() -> None:
    analysis = analysed({"buildSrc/src/main/kotlin/Dependencies.kt": (_DEPENDENCIES, _BUMPED)},
                        "Update dependencies (#1002)")
    assert analysis.importance == "low"
    assert analysis.change_type == "build"


def test_a_gradle_script_applied_by_the_build_is_low() -> None:
    fixed = _JACOCO.replace("        html.enabled true\n", "        // html.enabled true\n")
    assert analysed({"gradle/jacoco.gradle": (_JACOCO, fixed)}, "BUILD fix broken jacoco.gradle").importance == "low"


# --- a release whose code is regenerated beside the version ---------------------------------------------------

_SERIALIZER = """'use strict'

function serialize (input) {
  let json = '{'
  json += '"statusCode":' + input.statusCode
  json += ',"message":' + JSON.stringify(input.message)
  return json + '}'
}

module.exports = serialize
"""
_REGENERATED = _SERIALIZER.replace(
    "  let json = '{'\n  json += '\"statusCode\":' + input.statusCode\n",
    "  const parts = []\n  parts.push('\"statusCode\":' + input.statusCode)\n  let json = '{' + parts.join(',')\n")
_VERSION = "'use strict'\n\nconst VERSION = '4.15.0'\n\nmodule.exports = { VERSION }\n"


def test_a_release_with_its_generated_code_rebuilt_is_low() -> None:
    assert _REGENERATED != _SERIALIZER
    files = {"lib/error-serializer.js": (_SERIALIZER, _REGENERATED),
             "lib/version.js": (_VERSION, _VERSION.replace("4.15.0", "4.16.0"))}
    assert analysed(files, "Bumped v4.16.0").importance == "low"
    # the same code under a title that names no release stays what the code says
    assert analysed(files, "Rework the error serializer").importance == "medium"
    # a release the author files as a fix carries a fix
    assert analysed(files, "fix: v4.16.0").importance != "low"


def test_a_release_title_over_version_numbers_set_in_code_is_low() -> None:
    from tests.test_heuristic_defects19_text import DOX, HEADER

    bumped = HEADER.replace(" 7", " 8").replace("VERSION = 1", "VERSION = 0").replace("VERSION 1", "VERSION 0")
    files = {"xlib.h": (HEADER, bumped), "dox": (DOX, DOX.replace("7.1.0", "8.0.0"))}
    assert analysed(files, "Setting the version to 8.0.0").importance == "low"
