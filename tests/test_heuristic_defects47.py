"""Maintainer-review mends (defects47) from reading the forty-seventh set's repositories on other days: what the
heuristic says, en and zh.

Each case is built from before/after texts (synthetic files, facts from both sides), never from one project's
paths: a requirement that moves from ``setup.py`` into ``pyproject.toml`` said as a new dependency, a helper of
``setup.py`` said to be public API removed, a CommonJS ``module.exports = (..) => ..`` called internal.
"""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, facts_of

SETUP_PY = '''from setuptools import setup


def read_files(files):
    data = []
    for file in files:
        with open(file, encoding="utf-8") as f:
            data.append(f.read())
    return "\\n".join(data)


setup(
    name="envtool",
    long_description=read_files(["README.md"]),
    extras_require={
        "cli": [
            "click>=5.0",
        ],
        "yaml": [
            "pyyaml>=5.1",
        ],
    },
)
'''
PYPROJECT = '''[build-system]
requires = ["setuptools >= 77.0"]
build-backend = "setuptools.build_meta"

[project]
name = "envtool"
dynamic = ["version"]

[project.optional-dependencies]
cli = [
    "click>=5.0",
]
yaml = [
    "pyyaml>=6.0",
]
'''


def _deps(facts: list[dict]) -> dict[str, tuple[str | None, str | None]]:
    return {f["symbol"]: (f.get("before"), f.get("after")) for f in facts if f["kind"] == "dependency_changed"}


def test_a_requirement_moved_from_setup_py_into_pyproject_is_no_new_dependency():
    files = {"setup.py": (SETUP_PY, None), "pyproject.toml": (None, PYPROJECT)}
    deps = _deps(facts_of(files))
    assert "click" not in deps, deps  # the same ``click>=5.0``, moved with the metadata
    assert deps.get("pyyaml") == (">=5.1", ">=6.0"), deps  # moved and raised on the way: a version change
    text = analysis_text(analysed(files, "Move project metadata and config to pyproject.toml"))
    assert "click" not in text, text
    assert "pyyaml" in text, text
    # a package pyproject.toml adds that setup.py never named is still new
    new = PYPROJECT.replace('cli = [\n    "click>=5.0",\n]', 'cli = [\n    "click>=5.0",\n    "rich>=13",\n]')
    assert _deps(facts_of({"setup.py": (SETUP_PY, None), "pyproject.toml": (None, new)})).get("rich") == \
        (None, ">=13")


def test_a_setup_cfg_requirement_moved_into_pyproject_is_no_new_dependency():
    cfg = "[metadata]\nname = envtool\n\n[options]\ninstall_requires =\n    attrs>=22.1\n    packaging\n"
    pyproject = '[project]\nname = "envtool"\ndependencies = ["attrs>=22.1", "packaging", "tomli>=2"]\n'
    deps = _deps(facts_of({"setup.cfg": (cfg, None), "pyproject.toml": (None, pyproject)}))
    assert "attrs" not in deps and "packaging" not in deps, deps
    assert deps.get("tomli") == (None, ">=2"), deps


def test_a_helper_of_setup_py_is_no_public_api():
    files = {"setup.py": (SETUP_PY, None), "pyproject.toml": (None, PYPROJECT)}
    removed = [f for f in facts_of(files) if f["kind"] == "symbol_removed"]
    assert [f["symbol"] for f in removed] == ["read_files"], removed
    assert not any(f.get("public") for f in removed), removed
    # a module of the package that happens to be named setup.py is the package's own
    module = "def configure(app):\n    return app\n"
    found = facts_of({"src/envtool/setup.py": (module, None)})
    assert any(f["kind"] == "symbol_removed" and f["symbol"] == "configure" and f.get("public") for f in found), found
    # and a public function of the package removed stays a public removal
    lib = facts_of({"envtool/files.py": ("def read_files(files):\n    return files\n", "")})
    assert any(f["kind"] == "symbol_removed" and f.get("public") for f in lib), lib


INDEX = '''"use strict";
const path = require("path");

module.exports = (helpText, options) => {
\toptions = Object.assign({
\t\tautoHelp: true
\t}, options);
\treturn {help: helpText, options};
};
'''


def test_a_commonjs_module_function_is_its_public_api():
    after = INDEX.replace("autoHelp: true\n", "autoHelp: true,\n\t\tautoVersion: true\n")
    found = facts_of({"index.js": (INDEX, after)})
    changed = [f for f in found if f.get("symbol") == "module.exports"]
    assert changed and all(f.get("public") for f in changed), found
    text = analysis_text(analysed({"index.js": (INDEX, after)}, "Add autoVersion option"))
    assert "`module.exports`" in text and "internal `module.exports`" not in text, text
    # a function the module keeps to itself stays internal
    helper = INDEX + "\nconst normalize = flags => {\n\treturn flags;\n};\n"
    own = facts_of({"index.js": (helper, helper.replace("return flags;", "return flags || {};"))})
    assert any(f.get("symbol") == "normalize" and not f.get("public") for f in own), own


CARGO = '[package]\nname = "layers"\nversion = "0.2.0"\nauthors = ["A <a@example.com>"]\n\n[dependencies]\nserde = "1.0"\n'


def test_package_metadata_of_a_broken_cargo_manifest_is_no_dependency():
    # a typo leaves the manifest unparsable, so its hunks are read line by line: ``[package]``'s keys are no crates
    broken = CARGO.replace('version = "0.2.0"\n', 'version = "0.2.0"5\nhomepage = "https://example.com/layers"\n'
                           'repository = "https://example.com/layers.git"\nreadme = "README.md"\n')
    deps = _deps(facts_of({"Cargo.toml": (CARGO, broken)}))
    assert not {"homepage", "repository", "readme"} & set(deps), deps
    text = analysis_text(analysed({"Cargo.toml": (CARGO, broken)}, "Add metadata"))
    assert "dependenc" not in text.lower() and "`Cargo.toml`" in text, text  # its lines, not a crate
    # a crate added under ``[dependencies]`` of a broken manifest is still read from its line
    crate = broken.replace('serde = "1.0"\n', 'serde = "1.0"\nlog = { version = "0.4" }\nron = "0.7"\n')
    assert _deps(facts_of({"Cargo.toml": (broken, crate)})) == {"log": (None, "0.4"), "ron": (None, "0.7")}


RUST_BEFORE = '''pub struct Config {
    cache: Vec<String>,
}

impl Config {
    pub fn get_str(&self, key: &str) -> Option<String> {
        self.cache.first().cloned()
    }
}
'''
RUST_AFTER = '''use std::borrow::Cow;

pub struct Config<'a> {
    cache: Vec<Cow<'a, str>>,
}

impl<'a> Config<'a> {
    pub fn get_str(&'a self, key: &str) -> Option<Cow<'a, str>> {
        self.cache.first().cloned()
    }
}
'''


def test_a_rust_lifetime_is_no_parameter_gained():
    from analysis.analyzers.signatures import compare
    from analysis.facts.code.hunk_symbols import parse_params

    delta = compare("(&self, key: &str) -> Option<String>", "(&'a self, key: &str) -> Option<Cow<'a, str>>",
                    "src/config.rs")
    assert not delta.added and not delta.removed and not delta.breaking, delta
    assert [p.name for p in parse_params("rust", "(&'a self, key: &'static str)") or ()] == ["self", "key"]
    assert [p.name for p in parse_params("rust", "(c: char, d: &'a str)") or ()] == ["c", "d"]
    text = analysis_text(analysed({"src/config.rs": (RUST_BEFORE, RUST_AFTER)}, "Use Cow to avoid allocations"))
    assert "`Option<Cow<'a, str>>`" in text, text  # the return type change is still said
    assert "gains `a`" not in text and "loses `key`" not in text, text
    # a parameter really gained beside a lifetime is still one
    gained = compare("(&'a self) -> u8", "(&'a self, key: &'a str) -> u8", "src/config.rs")
    assert [p.name for p in gained.added] == ["key"], gained
