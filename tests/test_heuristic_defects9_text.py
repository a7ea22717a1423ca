"""Maintainer-review mends (defects9) from reading the eighth set's days: what the heuristic says, en and zh.

Each case is built from before/after texts (real unified diffs, facts from both sides), never from one project's
paths: a pasted ``git log`` quoted with its authors' e-mails, a bare reference quoted as the summary, an
implementation file under an API-like directory called an API definition, a dependency group cut without a count,
a bumped package named as "the message mentions", Cargo features removed without a word, ASCII brackets in zh."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text

HANDLER = "class Handler:\n    def scope(self):\n        return {'version': '2.4', 'spec': 'x'}\n"


def test_a_pasted_git_log_and_bare_references_are_not_quoted_as_the_summary():
    log = ("bump the parser\n\ncommit 84c89f25b880cf648044e2d0eeb14f9a43e1f2c9\nAuthor: Ann Example <ann@example.org>\n"
           "Date:   Sat Aug 31 11:02:37 2024 -0700\n\n    lock++\n")
    files = {"pkg/handler.py": (HANDLER, HANDLER.replace("'x'", "'y'"))}
    follow_up = "fix handler\n\nFollow-up to 180501cb0220c8451a38dc8ae04b6c58743025a8 #3504"
    for message in (log, "fix handler\n\nRef: https://example.org/@ann/1140657", follow_up):
        summary = analysed(files, message).summary
        assert not any(word in line for line in summary for word in ("@", "Author", "Ref:", "Follow-up")), summary
    kept = analysed(files, "fix handler\n\nThe spec value was wrong.\nDate: not a header here")
    assert kept.summary[0].startswith("The spec value was wrong.")


def test_code_under_a_protocols_directory_whose_bodies_change_is_not_called_an_api_definition():
    files = {"server/protocols/http/impl.py": (HANDLER, HANDLER.replace("'2.4'", "'2.3'"))}
    for lang in ("en", "zh"):
        text = analysis_text(analysed(files, "Drop the spec version to 2.3", lang))
        assert "API" not in text and "Handler.scope" in text, text


def _requirements(n: int) -> tuple[str, str]:
    names = [f"pkg{i}" for i in range(n)]
    return ("".join(f"{p}==1.0.{i}\n" for i, p in enumerate(names)),
            "".join(f"{p}==1.0.{i + 1}\n" for i, p in enumerate(names)))


def test_a_group_of_bumps_says_how_many_it_does_not_list():
    summary = analysed({"requirements.txt": _requirements(8)}, "Bump the python-packages group with 8 updates").summary
    assert sum("→" in line for line in summary) == 5 and "3 more packages change in `requirements.txt`" in summary
    six = analysed({"requirements.txt": _requirements(6)}, "Bump the python-packages group with 6 updates").summary
    assert sum("→" in line for line in six) == 6 and not any("more" in line for line in six)


def test_a_security_word_that_names_a_bumped_package_is_said_as_its_version_change():
    before, after = "cryptography==43.0.1\nruff==0.6.8\n", "cryptography==43.0.3\nruff==0.6.9\n"
    for lang, said in (("en", "Security package `cryptography` moves `43.0.1` → `43.0.3`"),
                       ("zh", "安全相关的包 `cryptography` 从 `43.0.1` 升级到 `43.0.3`")):
        security = analysed({"requirements.txt": (before, after)}, "Bump cryptography and ruff",
                            lang).insights.security or ""
        assert said in security and "mentions" not in security and "提到" not in security, security


CARGO = """[package]
name = "client"
version = "0.1.0"

[features]
default = ["tls"]
tls = []
old-dns = ["dns"]
dns = []
__internal = []
"""


def test_cargo_features_no_longer_offered_are_a_compatibility_note():
    dropped = CARGO.replace('old-dns = ["dns"]\n', "").replace("__internal = []\n", "")
    for lang, said in (("en", "Cargo features `old-dns` are no longer offered"), ("zh", "不再提供 Cargo 特性 `old-dns`")):
        compat = analysed({"Cargo.toml": (CARGO, dropped)}, "remove deprecated features", lang).insights.compatibility
        assert said in (compat or "") and "__internal" not in compat, compat
    renamed = CARGO.replace("old-dns = ", "dns-legacy = ")
    compat = analysed({"Cargo.toml": (CARGO, renamed)}, "rename a feature").insights.compatibility or ""
    assert "`old-dns` are no longer offered (new: `dns-legacy`)" in compat


def test_zh_security_paths_use_full_width_brackets():
    before = "fn verify(cert: &[u8]) -> bool {\n    cert.len() > 0\n}\n"
    after = before.replace("> 0", "> 1")
    security = analysed({"src/tls.rs": (before, after)}, "tighten verify", "zh").insights.security or ""
    assert "`src/tls.rs`（+1/−1）" in security and "(+1" not in security, security


def test_a_value_set_anew_inside_modified_code_is_named_with_both_values():
    files = {"server/protocols/http/impl.py": (HANDLER, HANDLER.replace("'2.4'", "'2.3'"))}
    for lang, said in (("en", "Values set: `version` `'2.4'` → `'2.3'`"), ("zh", "取值变化：`version` `'2.4'` → `'2.3'`")):
        assert said in analysed(files, "Drop the spec version to 2.3", lang).summary
    documented = HANDLER.replace("    def scope(self):\n", "    def scope(self):\n        \"\"\"Scope.\n\n"
                                "        Returns an :class:`~enum.Enum` member.\n        \"\"\"\n")
    prose = {"pkg/handler.py": (documented, documented.replace("~enum.Enum", "~enum.IntEnum").replace("'x'", "x"))}
    assert not any("Values set" in line for line in analysed(prose, "Use IntEnum").summary)


def test_a_list_of_bare_names_reads_under_the_title_that_says_what_happens_to_them():
    files = {"pkg/handler.py": (HANDLER, HANDLER.replace("'x'", "'y'"))}
    message = "remove long-deprecated methods (#12)\n\n- `Client.trust()`\n- `Client.no_trust()`\n- `fetch()` on servers"
    for lang, said in (("en", "remove long-deprecated methods: `Client.trust()`, `Client.no_trust()`, `fetch()` on servers"),
                       ("zh", "remove long-deprecated methods：`Client.trust()`、`Client.no_trust()`、`fetch()` on servers")):
        assert analysed(files, message, lang).summary[0] == said
    worded = analysed(files, "tidy\n\n- `Client.trust()` now checks the chain\n- `fetch()` retries twice").summary
    assert worded[:2] == ["`Client.trust()` now checks the chain", "`fetch()` retries twice"]
