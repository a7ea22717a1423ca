"""Maintainer-review mends (defects42) from reading the forty-second/forty-third set's days: what the heuristic
says, en and zh.

Each case is built from before/after texts (synthetic files, facts from both sides), never from one project's
paths: a derive respelled with its path said as a trait gained and lost, a requirement moved into the development
section with another version said as a plain bump, reStructuredText link targets and references and Markdown
reference links quoted as changelog words, a page template's comment line called a code change, "1 more packages".
"""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text

RECORD = """use std::error::Error;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Record {
    city: String,
}

fn main() {
    println!("{}", 1);
}
"""


def test_a_derive_respelled_with_its_path_is_no_trait_gained_or_lost():
    after = RECORD.replace("use serde::Deserialize;\n\n", "").replace("Debug, Deserialize", "Debug, serde::Deserialize")
    for lang in ("en", "zh"):
        text = analysis_text(analysed({"src/record.rs": (RECORD, after)}, "better import grouping", lang))
        assert "implements" not in text and "实现" not in text, text
    gained = RECORD.replace("Debug, Deserialize", "Debug, Clone, serde::Deserialize")
    text = analysis_text(analysed({"src/record.rs": (RECORD, gained)}, "derive Clone"))
    assert "Implements `Clone` for `Record`" in text and "no longer implements" not in text, text


CARGO = """[package]
name = "csvish"
version = "1.1.0"

[dependencies]
bstr = { version = "0.2.1", features = ["serde1"] }
itoa = "1"

[dev-dependencies]
serde = { version = "1.0.55", features = ["derive"] }
"""


def test_a_requirement_moved_to_the_development_section_with_another_version_says_the_move():
    moved = CARGO.replace('bstr = { version = "0.2.1", features = ["serde1"] }\n', "").replace(
        "[dev-dependencies]\n", '[dev-dependencies]\nbstr = { version = "1.2.0", default-features = false }\n')
    for lang, said in (("en", "`bstr` moves to development dependencies (`0.2.1` → `1.2.0`; no longer installed"),
                       ("zh", "`bstr` 改为开发依赖（`0.2.1` → `1.2.0`，不再随包安装）")):
        summary = analysed({"Cargo.toml": (CARGO, moved)}, "deps: drop bstr", lang).summary
        assert any(said in line for line in summary), summary
    bumped = CARGO.replace('version = "1.0.55"', 'version = "1.0.60"')
    summary = analysed({"Cargo.toml": (CARGO, bumped)}, "bump serde").summary
    assert not any("moves to development" in line for line in summary), summary


CHANGES = """Changes
=======

Unreleased
----------

- For contributors: the repo has moved.

.. _nedbat GitHub account: https://github.com/nedbat
"""


def test_rst_link_targets_and_references_are_not_quoted_as_changelog_words():
    after = CHANGES.replace("- For contributors", "- Fix: conflicts raise no error, as reported in `issue 2076`_.\n\n"
                                                   "- For contributors").replace(
        ".. _nedbat", ".. _issue 2076: https://github.com/o/r/issues/2076\n.. _nedbat")
    summary = " ".join(analysed({"CHANGES.rst": (CHANGES, after)}, "fix: conflicts no longer raise").summary)
    assert "as reported in issue 2076." in summary and ".. _" not in summary and "`_" not in summary, summary
    targets = CHANGES.replace(".. _nedbat", ".. _issue 43: https://github.com/o/r/issues/43\n.. _nedbat")
    summary = " ".join(analysed({"CHANGES.rst": (CHANGES, targets)}, "docs: references moved").summary)
    assert "Changelog:" not in summary, summary


def test_markdown_reference_links_are_said_by_their_words():
    before = "# Changes\n\n## 2.0.0\n\n- fix(parser) count groups [ann][]\n\n[ann]: https://github.com/ann\n"
    after = before.replace("[ann][]\n", "[ann][]\n- add a grammar [bob][bob-gh]\n").replace(
        "[ann]: ", "[bob-gh]: https://github.com/bob\n[ann]: ")
    summary = " ".join(analysed({"CHANGES.md": (before, after)}, "rebuild the changelog").summary)
    assert "add a grammar bob" in summary and "[" not in summary.replace("\\[", "["), summary


PAGE = """{# Licensed under the Apache License #}
{# For details: https://example.org/old/NOTICE.txt #}

<!DOCTYPE html>
<html lang="en">
<body>{{ title }}</body>
</html>
"""


def test_a_template_comment_line_is_a_comment_not_a_code_change():
    files = {f"pkg/htmlfiles/{name}.html": (PAGE, PAGE.replace("old/NOTICE", "new/NOTICE")) for name in "abc"}
    files.update({f"pkg/mod{i}.py": (f"# See https://example.org/old/NOTICE.txt\nX = {i}\n",
                                     f"# See https://example.org/new/NOTICE.txt\nX = {i}\n") for i in range(3)})
    summary = " ".join(analysed(files, "docs: license notices point to the new org").summary)
    assert "Comments and docstrings only in" in summary and "a.html" in summary, summary
    assert not summary.startswith("Changes"), summary
    code = {"pkg/htmlfiles/a.html": (PAGE, PAGE.replace("{{ title }}", "{{ heading }}"))}
    assert "Comments" not in " ".join(analysed(code, "show the heading").summary)


def test_comment_only_files_said_as_comments_are_not_listed_again_by_kind():
    files = {f"tests/test_m{i}.py": (f"# See https://example.org/old/NOTICE.txt\nX = {i}\n",
                                     f"# See https://example.org/new/NOTICE.txt\nX = {i}\n") for i in range(3)}
    files["README.md"] = ("# Tool\n\nSee the old org.\n", "# Tool\n\nSee the new org.\n")
    summary = " ".join(analysed(files, "docs: license notices point to the new org").summary)
    assert "Comments and docstrings only in" in summary and "Tests:" not in summary, summary


def _go(n: int, minor: int, extra: str = "") -> tuple[str, str]:
    """``n`` modules, each at its own version (``v1.<minor>.<i>``): moves that no shared version line groups."""
    mod = "module example.org/tool\n\ngo 1.22\n\nrequire (\n" + "".join(
        f"\texample.org/p{i} v1.{minor}.{i}\n" for i in range(n)) + ")\n"
    sums = "".join(f"example.org/p{i} v1.{minor}.{i} h1:abc{i}{minor}=\nexample.org/p{i} v1.{minor}.{i}/go.mod h1:def{i}=\n"
                   for i in range(n)) + extra
    return mod, sums


def test_one_more_lock_package_is_said_in_the_singular():
    (mod_a, sum_a), (mod_b, sum_b) = _go(10, 1, "example.org/q v1.4.0 h1:xyz=\n"), _go(10, 2, "example.org/q v1.5.0 h1:xyz=\n")
    summary = analysed({"go.mod": (mod_a, mod_b), "go.sum": (sum_a, sum_b)}, "Bump the dependencies group").summary
    assert "1 more package changes in `go.sum`" in summary and not any("1 more packages" in x for x in summary), summary
