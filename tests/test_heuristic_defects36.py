"""Maintainer-review mends (defects36) from the days of the thirty-sixth and thirty-seventh sets that repeated
sentences across three changes or more.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths: a
package's own changelog in a workspace quoted without naming the package, a nested manifest's dependency bump and
new dependencies without the manifest, a Rust impl moved without its file, a version tuple bumped said as "Changes
`version.py` (+1/−1)", and a documentation area said as "documentation" whatever page or note it holds."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text


def _ported(crate: str, lang: str = "en"):
    manifest = '[package]\nname = "{c}"\nversion = "{v}"\n\n[dependencies]\nwidget-core = "{d}"\n'
    before = manifest.format(c=crate, v="0.1.0", d="0.2.0")
    after = manifest.format(c=crate, v="0.3.0", d="0.3.0") + 'pin-helper = "0.4"\n'
    log_before = "# 0.1.0\n\n- Initial release\n"
    log_after = "# Unreleased\n\n- Move to the new polling API\n\n" + log_before
    return analysed({f"{crate}/Cargo.toml": (before, after), f"{crate}/CHANGELOG.md": (log_before, log_after)},
                    f"Port {crate} to the new polling API", lang)


def test_workspace_crate_changelog_and_dependencies_name_the_crate():
    for lang in ("en", "zh"):
        texts = {crate: analysis_text(_ported(crate, lang)) for crate in ("widget-retry", "widget-limit", "widget-timeout")}
        for crate, text in texts.items():
            changelog = next(line for line in text.splitlines() if "Move to the new polling API" in line)
            assert f"`{crate}`" in changelog, text
            bump = next(line for line in text.splitlines() if "`0.2.0` → `0.3.0`" in line and "widget-core" in line)
            assert f"`{crate}/Cargo.toml`" in bump, text
            new = [line for line in text.splitlines() if "`pin-helper`" in line and ("New dependency" in line
                                                                                     or "新增依赖" in line)]
            assert new and all(f"`{crate}/Cargo.toml`" in line for line in new[1:]), text  # the architecture line
    # the repository's own changelog at the root is still said plainly
    log_before = "# 0.1.0\n\n- Initial release\n"
    log_after = "# Unreleased\n\n- Faster parsing of headers\n\n" + log_before
    a = analysed({"CHANGELOG.md": (log_before, log_after), "src/lib.rs": ("fn a() {}\n", "fn a() { }\nfn b() {}\n")},
                 "Faster parsing", "en")
    assert any(s.startswith("Changelog: ") for s in a.summary), a.summary


def test_rust_impl_moved_names_its_file():
    before = "pub struct Fut<T> { inner: T }\n\nimpl<T: Old> Future for Fut<T> {\n    fn poll(&mut self) {}\n}\n"
    after = "pub struct Fut<F> { inner: F }\n\nimpl<F: New> Future for Fut<F> {\n    fn poll(self) {}\n}\n"
    for crate in ("widget-retry", "widget-limit"):
        text = analysis_text(analysed({f"{crate}/src/future.rs": (before, after)}, "Port the future", "en"))
        line = next(s for s in text.splitlines() if "now implemented for" in s)
        assert f"`{crate}/src/future.rs`" in line, text


def test_version_tuple_bump_names_the_release():
    head = "# the package's version\n\n"
    for lang in ("en", "zh"):
        log = "Changelog\n=========\n\n6.135.19\n--------\n\nAn older fix.\n"
        new_log = log.replace("\n\n6.135.19", "\n\n6.135.20\n--------\n\nFixes a crash in the reporter.\n\n6.135.19")
        a = analysed({"pkg/src/pkg/version.py": (head + "__version_info__ = (6, 135, 19)\n",
                                                  head + "__version_info__ = (6, 135, 20)\n"),
                      "pkg/docs/changelog.rst": (log, new_log)},
                     "Bump version and update changelog", lang)
        text = analysis_text(a)
        assert "`6.135.19` → `6.135.20`" in text, text
        assert not any(s.endswith("(+1/−1)") for s in a.summary), a.summary


def test_documentation_area_names_its_page_and_quotes_a_short_note():
    code_before, code_after = "def run():\n    return 1\n", "def run():\n    return 2\n"
    page = "Title\n=====\n\nSome text.\n"
    for name, note in (("practices.rst", "Each crawler gets its own settings object."),
                       ("api.rst", "The helper returns project settings only.")):
        a = analysed({"docs/topics/" + name: (page, page + "\n" + note + "\nIt says so.\n\n"),
                      "lib/run.py": (code_before, code_after)}, "Document it", "en")
        line = next(s for s in a.impact if s.startswith("docs/topics"))
        assert f"`{name}`" in line and note[:20] in line, a.impact
