"""Rules of the tuning round on the forty-fifth set (issue 8, tune45b), each on a small snippet: a linter's or static
analyser's complaint answered, a linter taken up and its fixes swept across the code, an interface file laid out
anew, indent/dedent as commands the product gives, an IntelliJ plugin's oldest IDE build raised, the project's own
version moved to a development version, a frozen requirements file's transitive pins refreshed, a Python version
guard retired, a library excluded from what a Gradle build packages."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.analyzers.heuristic.config.builds.dependency_changes import development_pin
from analysis.analyzers.heuristic.config.builds.frozen_requirements import transitive_pins
from analysis.analyzers.heuristic.config.builds.gradle_exclusions import exclusions_moved
from analysis.analyzers.heuristic.config.builds.toolchain import toolchain_minimums
from analysis.facts import derive_facts
from analysis.models import Fact
from tests.facts_support import analysed, commit_of, patch_of

# --- a linter's or static analyser's complaint answered ------------------------------------------------------------

_HEADER = """#include <string.h>

static void combine16(void* dst, hash_t h)
{
    write64(dst, read64(dst) ^ h.low64);
    write64((char*)dst + 8, read64((char*)dst + 8) ^ h.high64);
}

int reset(state_t* s, unsigned seed)
{
    memset(s, 0, sizeof(*s));
    s->v = seed;
    return 0;
}
"""
_HEADER_AFTER = _HEADER.replace("    memset(s, 0, sizeof(*s));\n", "    state_t tmp;\n    memset(&tmp, 0, sizeof(tmp));\n    *s = tmp;\n")


def test_analyser_warning_answered_is_low() -> None:
    message = ("fix #625\n\nPVS Studio static analyzer doesn't like that the structure is not entirely initialized. "
               "So initialise it whole.")
    assert analysed({"lib/hash.c": (_HEADER, _HEADER_AFTER)}, message).importance == "low"


def test_analyser_named_in_the_title_is_low() -> None:
    before = "def read(ev):\n    if type(ev) == Key and ev.down:\n        return ev\n    return None\n"
    after = before.replace("type(ev) == Key", "isinstance(ev, Key)")
    assert analysed({"src/pkg/input/win32.py": (before, after)}, "win32: fix flake8 errors").importance == "low"


def test_analyser_sentences() -> None:
    def said(text: str) -> bool:
        return any(R.ANALYSER_WORDS.search(s) and R.ANALYSER_ANSWERED.search(s) for s in text.split(". "))
    assert said("Fix an assert comparing the same values (flagged by PVS Studio in 0.8.1)")
    assert said("PVS Studio static analyzer doesn't like that the structure is not entirely initialized")
    assert not said("ci: run flake8 in the lint job")
    assert not said("migrate code coverage from Coveralls to SonarCloud")


# --- a linter taken up, its fixes swept across the code -----------------------------------------------------------

def _module(n: int, new: bool) -> str:
    unused = "" if new else "import sys\n"
    greeting = 'f"hello {name}"' if new else '"hello {}".format(name)'
    annotation = "Buffer" if new else '"Buffer"'
    check = "x is None" if new else "x == None"
    return (f"import os\n{unused}from pkg.buffer import Buffer\n\n\n"
            f"def greet{n}(name: str, buff: {annotation}) -> str:\n    return {greeting}\n\n\n"
            f"def other{n}(x: int) -> int:\n    if {check}:\n        return os.getpid()\n    return x * {n}\n")


def _sweep() -> dict[str, tuple[str, str]]:
    return {f"src/pkg/mod{n}.py": (_module(n, False), _module(n, True)) for n in range(6)}


def test_linter_sweep_is_low() -> None:
    assert analysed(_sweep(), "Use ruff for linting and formatting.").importance == "low"


def test_sweep_without_a_tool_named_is_not_low() -> None:
    assert analysed(_sweep(), "Modernise greetings").importance != "low"


# --- an interface file laid out anew --------------------------------------------------------------------------------

_TABLE = ("# fmt: off\n# flake8: noqa E201\nEVENTS = {\n    ( 0, 'm') : (LEFT, UP),    # left_up\n"
          "    ( 4, 'm') : (LEFT, DOWN),  # left_down\n}\n# fmt: on\n")
_TABLE_AFTER = ('# fmt: off\nEVENTS = {\n    (0, "m"): (LEFT, UP),  # left_up\n'
                '    (4, "m"): (LEFT, DOWN),  # left_down\n}\n# fmt: on\n')


def test_interface_file_laid_out_is_no_interface_change() -> None:
    commit, texts = commit_of({"src/pkg/bindings/mouse.py": (_TABLE, _TABLE_AFTER)}, "Ruff formatting")
    e = evidence_of(commit, derive_facts(commit, texts))
    assert e.api_changes == []


def test_interface_file_with_a_value_changed_is_an_interface_change() -> None:
    commit, texts = commit_of({"src/pkg/bindings/mouse.py": (_TABLE, _TABLE_AFTER.replace("DOWN", "UP"))}, "x")
    e = evidence_of(commit, derive_facts(commit, texts))
    assert e.api_changes == ["src/pkg/bindings/mouse.py"]


# --- indent and dedent as commands the product gives ----------------------------------------------------------------

def test_indent_dedent_commands_are_not_cosmetic() -> None:
    assert R.cosmetic("feat(keymap): add indent/dedent in insert mode") is None
    assert R.cosmetic("Fix indentation in parser.py") is not None


# --- an IntelliJ plugin's oldest IDE build raised -------------------------------------------------------------------

_PLUGIN = ('<idea-plugin>\n  <id>app.sql</id>\n  <name>SQL</name>\n  <idea-version since-build="222.4459.24"/>\n'
           '  <depends>com.intellij.modules.lang</depends>\n</idea-plugin>\n')
_PLUGIN_PATH = "ide-plugin/src/main/resources/META-INF/plugin.xml"


def test_plugin_since_build_raised_is_a_runtime_floor() -> None:
    commit, _ = commit_of({_PLUGIN_PATH: (_PLUGIN, _PLUGIN.replace("222.4459.24", "231.9392.1"))})
    [minimum] = toolchain_minimums([], commit.files)
    assert (minimum.key, minimum.raised, minimum.runtime) == ("since-build", True, True)
    analysis = analysed({_PLUGIN_PATH: (_PLUGIN, _PLUGIN.replace("222.4459.24", "231.9392.1"))},
                        "Bump intellij version")
    assert analysis.importance == "high"


def test_plugin_since_build_lowered_is_not_raised() -> None:
    commit, _ = commit_of({_PLUGIN_PATH: (_PLUGIN, _PLUGIN.replace("222.4459.24", "213.1"))})
    assert [m.raised for m in toolchain_minimums([], commit.files)] == [False]


# --- the project's own version moved to a development version -------------------------------------------------------

def test_development_version_is_no_major_upgrade() -> None:
    def moved(after: str) -> Fact:
        return Fact(kind="config_value_changed", path="chartpress.yaml", symbol="charts[app].baseVersion",
                    before="3.3.0", after=after)
    assert development_pin(moved("4.0.0-0.dev"))
    assert development_pin(moved("2.1.0-SNAPSHOT"))
    assert not development_pin(moved("4.0.0"))
    chartpress = 'charts:\n  - name: app\n    baseVersion: "{v}"\n    repo:\n      git: org/helm-chart\n'
    files = {"chartpress.yaml": (chartpress.format(v="3.3.0"), chartpress.format(v="4.0.0-0.dev")),
             "tbump.toml": ('[version]\ncurrent = "3.3.0"\n', '[version]\ncurrent = "4.0.0-0.dev"\n')}
    assert analysed(files, "Bump to 4.0.0-0.dev").importance == "low"


# --- a frozen requirements file refreshed: pins the resolver chose for other packages -------------------------------

_FROZEN = """# This file is autogenerated by pip-compile
jupyterhub==4.1.0
    # via -r requirements.in
oauthlib==3.2.2
    # via requests-oauthlib
packaging=={packaging}
    # via
    #   jupyterhub
    #   idle-culler
pycurl=={pycurl}
    # via -r requirements.in
requests==2.31.0
    # via oauthenticator
"""


def test_transitive_pin_major_is_no_major_upgrade() -> None:
    before = _FROZEN.format(packaging="23.2", pycurl="7.45.2")
    assert transitive_pins(patch_of(before, _FROZEN.format(packaging="24.0", pycurl="7.45.2"))) == {"packaging"}
    assert transitive_pins(patch_of(before, _FROZEN.format(packaging="23.2", pycurl="8.0.0"))) == set()
    files = {"images/hub/requirements.txt": (before, _FROZEN.format(packaging="24.0", pycurl="7.45.2"))}
    assert analysed(files, "hub image: refreeze requirements.txt").importance == "low"


def test_direct_pin_major_is_a_major_upgrade() -> None:
    files = {"images/hub/requirements.txt": (_FROZEN.format(packaging="23.2", pycurl="7.45.2"),
                                             _FROZEN.format(packaging="23.2", pycurl="8.0.0"))}
    assert analysed(files, "hub image: refreeze requirements.txt").importance == "medium"


# --- a Python version floor guard retired from a condition ----------------------------------------------------------

_HOOK = """import sys


class App:
    def enable(self) -> None:
        if sys.version_info >= (3, 7) and sys.breakpointhook == sys.__breakpointhook__:
            sys.breakpointhook = self.hook
"""


def test_python_floor_guard_retired_is_low() -> None:
    after = _HOOK.replace("sys.version_info >= (3, 7) and ", "")
    files = {"src/pkg/app.py": (_HOOK, after),
             "setup.py": ('classifiers = [\n    "Python :: 3.10",\n]\n', 'classifiers = [\n    "Python :: 3.10",\n'
                          '    "Python :: 3.11",\n    "Python :: 3.12",\n]\n')}
    assert analysed(files, "Add support for Python 3.12").importance == "low"


def test_python_guard_with_the_condition_changed_is_not_retired() -> None:
    after = _HOOK.replace("sys.version_info >= (3, 7) and sys.breakpointhook", "sys.breakpointhook is not None and x")
    assert analysed({"src/pkg/app.py": (_HOOK, after)}, "Add support for Python 3.12").importance != "low"


# --- a library excluded from what a Gradle build packages -----------------------------------------------------------

_GRADLE = """dependencies {
  implementation libs.sqlPsi
  testImplementation libs.junit
}

configurations.named("implementation") {
  exclude group: "org.slf4j"
}
"""


def test_runtime_exclusion_added_is_medium() -> None:
    after = _GRADLE.replace('named("implementation") {\n  exclude group: "org.slf4j"\n',
                            'named("runtimeClasspath") {\n  exclude group: "org.slf4j"\n'
                            '  exclude group: "org.jetbrains.kotlin"\n')
    files = {"ide-plugin/build.gradle": (_GRADLE, after)}
    assert exclusions_moved(commit_of(files)[0].files) == ['exclude group: "org.jetbrains.kotlin"']
    assert analysed(files, "Dont bundle the kotlin lib into the plugin").importance == "medium"


def test_test_configuration_exclusion_is_not_counted() -> None:
    before = _GRADLE + 'configurations.named("testRuntimeClasspath") {\n  exclude group: "org.a"\n}\n'
    after = before.replace('  exclude group: "org.a"\n', '  exclude group: "org.a"\n  exclude group: "org.b"\n')
    assert exclusions_moved(commit_of({"ide-plugin/build.gradle": (before, after)})[0].files) == []
