"""Dependency facts: package, version before, version after, for each manifest and lock format; one fact per
package when a manifest and its lock file both name it; bounded on huge lock churn."""

from __future__ import annotations

from analysis.facts import CAPS
from tests.facts_support import fact, facts_of


def test_requirements_and_pyproject_pep621_and_poetry():
    req = ("requests==2.31.0\nclick>=8.0  # cli\n-r base.txt\n", "requests==2.32.3\nclick>=8.1  # cli\nrich\n")
    pyproject = ('[project]\ndependencies = ["httpx>=0.26"]\n[tool.poetry.dependencies]\npython = "^3.11"\n'
                 'pydantic = "^2.5"\n',
                 '[project]\ndependencies = ["httpx>=0.27", "anyio"]\n[tool.poetry.dependencies]\npython = "^3.11"\n'
                 'pydantic = {version = "^2.6", extras = ["email"]}\n')
    assert facts_of({"requirements.txt": req, "pyproject.toml": pyproject}) == [
        fact("dependency_changed", "requirements.txt", symbol="requests", before="2.31.0", after="2.32.3"),
        fact("dependency_changed", "requirements.txt", symbol="click", before=">=8.0", after=">=8.1"),
        fact("dependency_changed", "requirements.txt", symbol="rich", after="*"),
        fact("dependency_changed", "pyproject.toml", symbol="httpx", before=">=0.26", after=">=0.27"),
        fact("dependency_changed", "pyproject.toml", symbol="anyio", after="*"),
        fact("dependency_changed", "pyproject.toml", symbol="pydantic", before="^2.5", after="^2.6"),
    ]


def test_package_json_and_its_lock_say_each_package_once():
    manifest = ('{"name": "web", "version": "1.0.0", "dependencies": {"react": "^18.2.0"},\n'
                ' "devDependencies": {"vite": "^5.0.0"}}\n',
                '{"name": "web", "version": "1.1.0", "dependencies": {"react": "^18.3.0"},\n'
                ' "devDependencies": {"vite": "^5.0.0", "vitest": "^1.2.0"}}\n')
    lock_before = ('{\n  "packages": {\n    "node_modules/react": {\n      "version": "18.2.0"\n    },\n'
                   '    "node_modules/loose-envify": {\n      "version": "1.4.0"\n    }\n  }\n}\n')
    lock_after = lock_before.replace('"18.2.0"', '"18.3.1"').replace('"1.4.0"', '"1.5.0"')
    assert facts_of({"package.json": manifest, "package-lock.json": (lock_before, lock_after)}) == [
        fact("config_value_changed", "package.json", symbol="version", before="1.0.0", after="1.1.0"),
        fact("dependency_changed", "package.json", symbol="react", before="^18.2.0", after="^18.3.0"),
        fact("dependency_changed", "package.json", symbol="vitest", after="^1.2.0", text="development"),
        fact("dependency_changed", "package-lock.json", symbol="loose-envify", before="1.4.0", after="1.5.0",
             text="transitive"),
    ]


def test_yarn_and_pnpm_locks():
    yarn_before = 'lodash@^4.17.0:\n  version "4.17.20"\n  resolved "x"\n\nms@2.1.2:\n  version "2.1.2"\n'
    yarn_after = 'lodash@^4.17.0:\n  version "4.17.21"\n  resolved "y"\n\nms@2.1.2:\n  version "2.1.2"\n'
    pnpm_before = "packages:\n\n  /chalk@5.3.0:\n    resolution: {integrity: a}\n"
    pnpm_after = "packages:\n\n  /chalk@5.4.1:\n    resolution: {integrity: b}\n"
    assert facts_of({"yarn.lock": (yarn_before, yarn_after), "pnpm-lock.yaml": (pnpm_before, pnpm_after)}) == [
        fact("dependency_changed", "yarn.lock", symbol="lodash", before="4.17.20", after="4.17.21"),
        fact("dependency_changed", "pnpm-lock.yaml", symbol="chalk", before="5.3.0", after="5.4.1"),
    ]


def test_cargo_manifest_and_lock():
    manifest = ('[package]\nname = "x"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n'
                'serde = "1.0"\ntokio = { version = "1.35", features = ["full"] }\n',
                '[package]\nname = "x"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n'
                'serde = "1.0"\ntokio = { version = "1.36", features = ["full"] }\n')
    lock_before = ('[[package]]\nname = "tokio"\nversion = "1.35.1"\n\n[[package]]\nname = "bytes"\n'
                   'version = "1.5.0"\nsource = "registry"\n')
    lock_after = lock_before.replace('"1.35.1"', '"1.36.0"').replace('"1.5.0"', '"1.6.0"')
    assert facts_of({"Cargo.lock": (lock_before, lock_after), "Cargo.toml": manifest}) == [
        fact("dependency_changed", "Cargo.toml", symbol="tokio", before="1.35", after="1.36"),
        fact("dependency_changed", "Cargo.lock", symbol="bytes", before="1.5.0", after="1.6.0", text="transitive"),
    ]


def test_poetry_and_uv_locks_from_hunks_alone():
    before = '[[package]]\nname = "idna"\nversion = "3.6"\ndescription = "x"\n'
    after = '[[package]]\nname = "idna"\nversion = "3.7"\ndescription = "x"\n'
    assert facts_of({"poetry.lock": (before, after), "uv.lock": (before, after)}, read=False) == [
        fact("dependency_changed", "poetry.lock", symbol="idna", before="3.6", after="3.7"),
    ]  # one package, one fact
    assert facts_of({"uv.lock": (before, after)}, read=False) == [
        fact("dependency_changed", "uv.lock", symbol="idna", before="3.6", after="3.7"),
    ]


def test_go_mod_and_go_sum():
    gomod = ("module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.7.0\n\tgolang.org/x/net v0.20.0 // indirect\n)\n",
             "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgolang.org/x/net v0.20.0 // indirect\n)\n")
    gosum = ("github.com/spf13/cobra v1.7.0 h1:a=\ngithub.com/spf13/cobra v1.7.0/go.mod h1:b=\n"
             "golang.org/x/sys v0.15.0 h1:c=\n",
             "github.com/spf13/cobra v1.8.0 h1:d=\ngithub.com/spf13/cobra v1.8.0/go.mod h1:e=\n"
             "golang.org/x/sys v0.16.0 h1:f=\n")
    assert facts_of({"go.mod": gomod, "go.sum": gosum}) == [
        fact("dependency_changed", "go.mod", symbol="github.com/spf13/cobra", before="v1.7.0", after="v1.8.0"),
        fact("dependency_changed", "go.sum", symbol="golang.org/x/sys", before="v0.15.0", after="v0.16.0",
             text="transitive"),
    ]


def test_huge_lock_churn_is_capped():
    before = "".join(f'[[package]]\nname = "p{i}"\nversion = "1.0"\n\n' for i in range(300))
    after = before.replace('version = "1.0"', 'version = "1.1"')
    found = facts_of({"uv.lock": (before, after)})
    assert len(found) == CAPS["dependency_changed"]
    assert found[0] == fact("dependency_changed", "uv.lock", symbol="p0", before="1.0", after="1.1")
