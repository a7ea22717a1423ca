"""What a summary says on two new repositories' days (maintainer-review mends, defects25): a Rust ``mut self``
dropped is no signature change, an action re-pinned to another commit under the same version comment is said by
its commits, and a Chinese list cut short names what it counts (``等 3 个文件``, ``等 7 项``)."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.ci_keys import pinned_versions
from analysis.analyzers.heuristic.text.phrases import PHRASES
from tests.facts_support import analysed, facts_of

# --- tokio-rs/bytes 2024-02-06, "get_vec_pos: use &self instead of &mut self": `pub fn freeze(mut self)` now
# `freeze(self)` was said "`BytesMut::freeze` `(mut self) -> Bytes` → `(self) -> Bytes`" and highlighted as a public
# API signature change; `mut self` only binds self mutably in the body, callers pass the same value ----------------

_RS = """pub struct Buf {{ n: usize }}

impl Buf {{
    pub fn freeze({recv}) -> usize {{
        let n = self.n;
        n + 1
    }}

    pub fn get(&{borrow}self) -> usize {{
        self.n
    }}
}}
"""


def test_a_rust_mut_self_binding_dropped_is_no_signature_change():
    found = facts_of({"src/buf.rs": (_RS.format(recv="mut self", borrow=""), _RS.format(recv="self", borrow=""))})
    assert found == [{"kind": "symbol_modified", "path": "src/buf.rs", "symbol": "Buf::freeze", "public": True,
                      "text": "method"}], found
    summary = " ".join(analysed({"src/buf.rs": (_RS.format(recv="mut self", borrow=""),
                                                _RS.format(recv="self", borrow=""))}, "freeze: drop mut").summary)
    assert "`(mut self) -> usize`" not in summary, summary  # the line quoted whole may stay: it is what changed


def test_a_rust_borrow_of_self_changed_is_still_a_signature_change():
    found = facts_of({"src/buf.rs": (_RS.format(recv="self", borrow="mut "), _RS.format(recv="self", borrow=""))})
    assert [f for f in found if f["kind"] == "signature_changed" and f["symbol"].endswith("get")], found


# --- pallets/markupsafe 2024-02-02, "Bump the github-actions group with 3 updates": each action moved to another
# commit under the same `# v5.0.1` comment was said "`dessant/lock-threads` `v5.0.1` → `v5.0.1`" ------------------

_OLD, _NEW = "7de207be1d3ce97a9abe6ff1306222982d1ca9f9", "1bf7ec25051fe7c00bdd17e6a7cf3d7bfb7dc771"


def test_an_action_repinned_under_the_same_version_comment_is_said_by_its_commits():
    lines = [f"      - uses: dessant/lock-threads@{_OLD} # v5.0.1", f"      - uses: dessant/lock-threads@{_NEW} # v5.0.1"]
    assert pinned_versions([("dessant/lock-threads", _OLD, _NEW)], lines) == [("dessant/lock-threads", _OLD, _NEW)]


def test_an_action_repinned_to_a_new_version_is_still_said_by_its_versions():
    lines = [f"      - uses: dessant/lock-threads@{_OLD} # v5.0.1", f"      - uses: dessant/lock-threads@{_NEW} # v5.1.0"]
    assert pinned_versions([("dessant/lock-threads", _OLD, _NEW)], lines) == [("dessant/lock-threads", "v5.0.1",
                                                                               "v5.1.0")]


def test_a_repinned_workflow_summary_does_not_say_a_version_moved_to_itself():
    workflow = "on: push\njobs:\n  lock:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: dessant/lock-threads@{} # v5.0.1\n"
    summary = " ".join(analysed({".github/workflows/lock.yaml": (workflow.format(_OLD), workflow.format(_NEW))},
                                "Bump the github-actions group with 1 update").summary)
    assert "`dessant/lock-threads` `7de207be1d3c` → `1bf7ec25051f`" in summary, summary
    assert "`v5.0.1` → `v5.0.1`" not in summary, summary


# --- the zh "N more" phrase: "没有测试覆盖对 `a`、`b` 等 3 个的修改" and "修改 a、b 等 3 个中的 `X`" counted nothing ----

def test_a_chinese_list_cut_short_names_what_it_counts():
    assert PHRASES["zh"]["more"].format(items="`a`、`b`", total=3, n=1) == "`a`、`b` 等 3 项"
    assert PHRASES["zh"]["more_files"].format(items="`a.py`、`b.py`", total=3, n=1) == "`a.py`、`b.py` 等 3 个文件"
    assert PHRASES["en"]["more_files"].format(items="a, b", total=3, n=1) == "a, b (+1 more)"


def test_a_chinese_summary_of_symbols_in_many_files_says_files():
    body = "def {name}(x):\n    return x + {n}\n"
    files = {f"pkg/m{i}.py": (body.format(name=f"f{i}", n=1), body.format(name=f"f{i}", n=2)) for i in range(4)}
    text = " ".join(analysed(files, "tweak the offsets", "zh").summary)
    assert "个中的" not in text and "等 4 个文件中的" in text, text


# --- dtolnay/semver 2025-09-14 (fixture), `serde = { package = "serde_core", ... }`: said "New dependency
# `serde_core`" and "Drops dependency `serde`" apart (earlier quoted as a raw line); one package swapped for another
# in one manifest is one sentence -----------------------------------------------------------------------------------

_CARGO = """[package]
name = "semver"

[dependencies]
{line}

[package.metadata.docs.rs]
targets = ["x86_64-unknown-linux-gnu"]
"""


def _cargo(line: str) -> str:
    return _CARGO.format(line=line)


def test_a_package_swapped_in_one_manifest_is_said_as_one_swap():
    before = _cargo('serde = { version = "1.0.194", optional = true, default-features = false }')
    after = _cargo('serde = { package = "serde_core", version = "1.0.194", optional = true, default-features = false }')
    en = analysed({"Cargo.toml": (before, after)}, "Switch serde dependency to serde_core").summary
    assert "Replaces dependency `serde` with `serde_core` `1.0.194`" in en, en
    assert not any(line.startswith(("New dependency", "Drops dependency")) for line in en), en
    zh = analysed({"Cargo.toml": (before, after)}, "Switch serde dependency to serde_core", "zh").summary
    assert "依赖 `serde` 换为 `serde_core` `1.0.194`" in zh, zh


def test_two_packages_dropped_and_two_added_are_not_paired_by_guess():
    before = _cargo('serde = "1.0"\nlog = "0.4"')
    after = _cargo('serde_core = "1.0"\ntracing = "0.1"')
    summary = " ".join(analysed({"Cargo.toml": (before, after)}, "Rework dependencies").summary)
    assert "New dependencies `serde_core` `1.0`, `tracing` `0.1`" in summary and "Drops dependencies `serde`, `log`" in summary
    assert "Replaces dependency" not in summary, summary


# --- apache/commons-codec 2025-10-12 (fixture): a private `Base32(Builder)` added first and one overload dropped
# shifted every constructor pair one place, read "`Base32.Base32` renames `pad` to `builder`; ... loses
# `lineSeparator`" and a "Breaking signature changes" risk, though every public constructor stayed ------------------

_JAVA = """package p;

public class Codec {{
{extra}
    public Codec(final byte pad) {{
        this(0, pad);
    }}

    public Codec(final int lineLength) {{
        this(lineLength, (byte) 61);
    }}

    public Codec(final int lineLength, final byte pad) {{
        this.n = lineLength + pad;
    }}
{old}
    private int n;
}}
"""
_OLD_CTOR = """
    private Codec(final int lineLength, final byte[] table, final byte pad) {
        this.n = lineLength + table.length + pad;
    }
"""
_NEW_CTOR = """
    private Codec(final Builder builder) {
        this.n = builder.get();
    }
"""


def test_java_overloads_kept_alike_pair_with_themselves_not_one_place_off():
    before, after = _JAVA.format(extra="", old=_OLD_CTOR), _JAVA.format(extra=_NEW_CTOR, old="")
    found = facts_of({"src/main/java/p/Codec.java": (before, after)})
    assert [f["kind"] for f in found] == ["symbol_modified"], found
    assert "adds 1 overload signature, removes 1 overload signature" in found[0]["text"]
    analysis = analysed({"src/main/java/p/Codec.java": (before, after)}, "Route constructors through the builder")
    said = " ".join([*analysis.summary, *(r.risk for r in analysis.risks)])
    assert "renames" not in said and "loses" not in said and "Breaking" not in said, said


def test_a_java_overload_whose_type_changed_is_still_a_signature_change():
    before = _JAVA.format(extra="", old="")
    after = before.replace("public Codec(final int lineLength) {", "public Codec(final long lineLength) {")
    found = facts_of({"src/main/java/p/Codec.java": (before, after)})
    assert [f for f in found if f["kind"] == "signature_changed"], found
