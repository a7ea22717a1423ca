"""Rules of the tuning round on the forty-eighth set (issue 8, tune48b), each on a small snippet: a dependency
update filed as ``fix(deps)`` is a build change (a version moved, no repair), and a folder named for examples or
samples (``example-values/`` beside a chart) holds examples, a Kubernetes port name cut to the 15-character limit
mends a manifest the API refused."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.builds.version_lines import versions_moved
from analysis.analyzers.heuristic.config.charts.port_names import port_names_fitted
from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import FileChange
from tests.facts_support import analysed, patch_of


def _change(path: str, before: str | None, after: str | None) -> FileChange:
    patch = patch_of(before, after)
    return FileChange(path=path, status="modified", additions=patch.count("\n+"), deletions=patch.count("\n-"),
                      patch=patch)


# --- fix(deps): the bot's type for an update of a dependency users install, not a repair of the build --------------

_PROPERTIES = """VER_JUNIT=6.0.3
VER_ASSERTJ=3.27.6
VER_MOCKITO=5.21.0
VER_SELFIE=2.5.5
"""


def test_fix_deps_version_property_is_a_low_build_change() -> None:
    after = _PROPERTIES.replace("VER_MOCKITO=5.21.0", "VER_MOCKITO=5.22.0")
    result = analysed({"gradle.properties": (_PROPERTIES, after)},
                      "fix(deps): update dependency org.mockito:mockito-core to v5.22.0 (#2865)")
    assert (result.importance, result.change_type) == ("low", "build")


def test_fix_deps_moving_a_major_in_a_version_property_is_medium() -> None:
    after = _PROPERTIES.replace("VER_MOCKITO=5.21.0", "VER_MOCKITO=6.0.0")
    assert versions_moved("gradle.properties", patch_of(_PROPERTIES, after)) == [("5.21.0", "6.0.0")]
    result = analysed({"gradle.properties": (_PROPERTIES, after)},
                      "fix(deps): update dependency org.mockito:mockito-core to v6 (#2866)")
    assert (result.importance, result.change_type) == ("medium", "build")


def test_fix_without_dependency_scope_still_mends_the_build() -> None:
    after = _PROPERTIES.replace("VER_MOCKITO=5.21.0", "VER_MOCKITO=5.22.0")
    result = analysed({"gradle.properties": (_PROPERTIES, after)}, "fix(build): pin mockito so the build resolves")
    assert (result.importance, result.change_type) == ("medium", "fix")


_RENOVATE_PACKAGE = """{
  "name": "demo",
  "version": "1.0.0",
  "dependencies": {
    "srvx": "0.9.7"
  }
}
"""


def test_fix_deps_in_a_manifest_is_build_type() -> None:
    after = _RENOVATE_PACKAGE.replace('"0.9.7"', '"0.9.8"')
    result = analysed({"package.json": (_RENOVATE_PACKAGE, after)},
                      "fix(deps): update dependency srvx to v0.9.8 (#7050)")
    assert (result.importance, result.change_type) == ("low", "build")


# --- a folder named for examples or samples ---------------------------------------------------------------------

_EXAMPLE_VALUES = """# Basic values.yaml for a DB-less install
image:
  repository: kong
  tag: "2.1"

env:
  database: "off"

ingressController:
  enabled: true
"""


def test_example_named_folder_is_example() -> None:
    assert "example" in classify_path("charts/kong/example-values/minimal-dbless.yaml")
    assert "example" in classify_path("timber-sample/build.gradle")
    assert "example" in classify_path("logback-examples/pom.xml")
    assert "example" not in classify_path("charts/kong/values.yaml")
    assert "deploy" in classify_path("charts/kong/values-production.yaml")
    assert "example" not in classify_path("src/exampleparser/reader.py")


def test_example_values_added_beside_a_chart_are_low() -> None:
    result = analysed({"charts/kong/example-values/minimal-dbless.yaml": (None, _EXAMPLE_VALUES),
                       "charts/kong/example-values/README.md": ("# Examples\n", "# Examples\n\n* minimal-dbless\n")},
                      "[kong] add example DB-less config (#175)")
    assert result.importance == "low"


def test_values_added_to_a_chart_folder_are_not_low() -> None:
    result = analysed({"charts/kong/values-dbless.yaml": (None, _EXAMPLE_VALUES)},
                      "[kong] add DB-less values (#175)")
    assert result.importance == "medium"  # an install's values file: what the chart renders with


# --- a Kubernetes port name cut to the API's 15-character limit ------------------------------------------------------

_DEPLOYMENT = """spec:
  template:
    spec:
      containers:
      - name: proxy
        ports:
        {{- if .Values.telemetry.enabled }}
        - name: clustertelemetry-tls
          containerPort: {{ .Values.telemetry.containerPort }}
          protocol: TCP
        {{- end }}
"""


def test_port_name_over_the_limit_cut_to_fit() -> None:
    after = _DEPLOYMENT.replace("clustertelemetry-tls", "clustert-tls")
    path = "charts/kong/templates/deployment.yaml"
    assert port_names_fitted([_change(path, _DEPLOYMENT, after)]) == [(path, "clustertelemetry-tls", "clustert-tls")]
    result = analysed({path: (_DEPLOYMENT, after)}, "[kong] shorten cluster telemetry port name")
    assert (result.importance, result.change_type) == ("medium", "fix")
    # a name within the limit renamed, or a container's long name (no port keys beside it), mends nothing
    within = _DEPLOYMENT.replace("clustertelemetry-tls", "telemetry-tls")
    assert port_names_fitted([_change(path, within, within.replace("telemetry-tls", "tele-tls"))]) == []
    container = _DEPLOYMENT.replace("- name: proxy", "- name: kong-enterprise-proxy")
    assert port_names_fitted([_change(path, container, container.replace("kong-enterprise-proxy", "proxy-main"))]) == []


# --- ReDoS by a code scanner's name for it ------------------------------------------------------------------------

_QUERY_JS = """export class MariaDbQuery {
  formatError(err) {
    switch (err.errno) {
      case ER_DUP_ENTRY: {
        const match = err.message.match(/Duplicate entry '([\\S\\s]*)' for key '?((.|\\s)*?)'?\\s.*$/);
        return match;
      }
    }
  }
}
"""


def test_inefficient_regular_expression_is_security() -> None:
    after = _QUERY_JS.replace("((.|\\s)*?)", "([^']*?)")
    assert after != _QUERY_JS
    files = {"packages/mariadb/src/query.js": (_QUERY_JS, after)}
    result = analysed(files, "fix(mariadb): fix inefficient regular expression in error message (#17508)")
    assert result.importance == "high"
    assert analysed(files, "fix(mariadb): simplify regular expression in error message").importance == "medium"


# --- a package's first command-line program --------------------------------------------------------------------

_PACKAGE = """{
  "name": "dotenv",
  "version": "17.4.2",
  "main": "lib/main.js",
  "scripts": {
    "test": "tap run tests/**/*.js"
  }
}
"""
_CLI = """#!/usr/bin/env node
const { spawnSync } = require('child_process')
const dotenv = require('./lib/main')

function parseRunArgs (args) {
  const files = []
  let i = 0
  while (i < args.length && args[i] !== '--') {
    if (args[i] === '-f') { files.push(args[i + 1]); i += 2 } else { i++ }
  }
  return { files, command: args.slice(i + 1) }
}

function run (argv) {
  const { files, command } = parseRunArgs(argv)
  dotenv.config({ path: files.length ? files : undefined })
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit' })
  process.exit(result.status)
}

run(process.argv.slice(2))
"""


def test_first_command_of_a_package_is_a_headline() -> None:
    with_bin = _PACKAGE.replace('"main": "lib/main.js",', '"main": "lib/main.js",\n  "bin": {\n    "dotenv": "./cli.js"\n  },')
    result = analysed({"package.json": (_PACKAGE, with_bin), "cli.js": (None, _CLI)}, "add cli `dotenv run`")
    assert (result.importance, result.change_type) == ("high", "feature")
    # a second command beside the first is one more entry of the table, not the package's first program
    two = with_bin.replace('"dotenv": "./cli.js"', '"dotenv": "./cli.js",\n    "dotenv-run": "./cli.js"')
    result = analysed({"package.json": (with_bin, two), "cli.js": (_CLI, _CLI + "\n// run\n")},
                      "add cli alias `dotenv-run`")
    assert result.importance == "medium"


# --- image tags a GoReleaser release publishes -------------------------------------------------------------------

_GORELEASER = """project_name: mockery
release:
  prerelease: true
dockers:
  - image_templates:
      - "vektra/mockery:{{ .Tag }}-amd64"
docker_manifests:
  - name_template: "vektra/mockery:{{ .Tag }}"
    image_templates:
      - "vektra/mockery:{{ .Tag }}-amd64"
"""
_GORELEASER_GA = _GORELEASER.replace("prerelease: true", "prerelease: false") + """  - name_template: "vektra/mockery:{{ .Major }}"
    image_templates:
      - "vektra/mockery:{{ .Tag }}-amd64"
"""


def test_new_image_tag_a_release_publishes_is_medium() -> None:
    files = {".goreleaser.yml": (_GORELEASER, _GORELEASER_GA), "tools.env": ("VERSION=v3.0.0-beta.10\n", "VERSION=v3.0.0\n"),
             "docs/index.md": ("# mockery\n\n!!! warning \"beta\"\n", "# mockery\n")}
    result = analysed(files, "v3: Update docs and release for v3 GA.")
    assert result.importance == "medium"
    # the release's settings alone moved (no entry published added or removed): as before
    files[".goreleaser.yml"] = (_GORELEASER, _GORELEASER.replace("prerelease: true", "prerelease: false"))
    assert analysed(files, "v3: Update docs and release for v3 GA.").importance == "low"
