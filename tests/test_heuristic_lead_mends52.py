"""Lead mends of this stop, each from a real day read through ``digestbot report`` as its maintainer would."""

from tests.facts_support import analysed, analysis_text, facts_of

# --- mdBook's folder is the manual, not the product (helix 2026-06-07, 7e518ce) -----------------------------------

_BOOK_TOML = '[book]\ntitle = "Editor"\n\n[output.html]\nadditional-js = ["{}"]\n'


def test_an_mdbook_folder_is_documentation():
    """``book/book.toml``'s ``output.html.additional-js`` and the book's stylesheet and scripts build the manual's
    pages: no deployment reads them (it read high: "deployments relying on the old value behave differently")."""
    analysis = analysed({"book/book.toml": (_BOOK_TOML.replace("{}", "scheme.min.js"),
                                            _BOOK_TOML.replace("{}", "ts-query.js")),
                         "book/custom.css": ("code { color: red; }\n", "code { color: blue; }\n"),
                         "book/ts-query.js": (None, "hljs.registerLanguage('tsq', () => ({}));\n")},
                        "book: Improve highlighting")
    assert (analysis.importance, analysis.change_type) == ("low", "docs")
    assert "deployments relying on the old value" not in analysis_text(analysis)


def test_a_product_config_beside_it_still_counts():
    """The same key changed in the product's own configuration (not a book's) is still read as a changed value."""
    analysis = analysed({"config/site.toml": (_BOOK_TOML.replace("{}", "scheme.min.js"),
                                              _BOOK_TOML.replace("{}", "ts-query.js"))},
                        "Improve highlighting")
    assert analysis.importance != "low"
    assert "`output.html.additional-js`" in analysis_text(analysis)


# --- a dependency on a package named for secrets is no credential (unstorage 2026-08-14, 3f30232) -----------------

_PACKAGE = '{{\n  "name": "store",\n  "dependencies": {{\n    "@azure/keyvault-secrets": "{}",\n    "ofetch": "^1.4.1"\n  }}\n}}\n'


def test_a_manifest_dependency_named_for_secrets_is_no_credential():
    """``"@azure/keyvault-secrets": "^4.11.2"`` in ``package.json`` read as a "hard-coded credential", the day's
    security signal and a high chore; the value is a version range."""
    analysis = analysed({"package.json": (_PACKAGE.format("^4.11.1"), _PACKAGE.format("^4.11.2"))},
                        "chore: update deps")
    assert analysis.importance == "low"
    assert "@azure/keyvault-secrets" in analysis_text(analysis)
    assert "credential" not in analysis_text(analysis)


def test_a_secret_value_in_a_manifest_is_still_one():
    commit_files = {"package.json": (_PACKAGE.format("^4.11.1"),
                                     _PACKAGE.format("^4.11.1").replace('"name": "store"',
                                                                        '"name": "store",\n  "api_key": "sk9f8e7d6c5b"'))}
    facts = facts_of(commit_files)
    assert [f["text"] for f in facts if f["kind"] == "security_signal"] == ['hard-coded credential: "[redacted],']


# --- a method of the object a factory returns throws for its own callers (unstorage 2026-08-14, 21229b0) ----------

_FACTORY = """export const driver = (opts) => {
  const client = connect(opts);
  return {
    async getItem(key) {
      return client.get(key);
    },
NEW  };
};
"""
_SET_ITEMS = """    async setItems(items) {
      const results = await client.pipeline(items);
      if (results.error) {
        throw results.error;
      }
    },
"""


def _throws_of(before: str, after: str) -> list[str]:
    facts = facts_of({"src/driver.ts": (before, after)})
    return [f["text"] for f in facts if f["kind"] == "symbol_modified" and "throw statements" in f.get("text", "")]


def test_a_new_method_of_a_returned_object_is_no_new_throw_of_the_factory():
    """The new ``setItems`` throws when its pipeline fails: the digest said "Calls to `driver` that succeeded
    before may now throw" and read the feature high."""
    assert _throws_of(_FACTORY.replace("NEW", ""), _FACTORY.replace("NEW", _SET_ITEMS)) == []
    analysis = analysed({"src/driver.ts": (_FACTORY.replace("NEW", ""), _FACTORY.replace("NEW", _SET_ITEMS))},
                        "feat(redis): support setItems")
    assert "may now throw" not in analysis_text(analysis)


def test_a_throw_in_the_factorys_own_body_still_counts():
    guarded = _FACTORY.replace("NEW", "").replace("  const client", "  if (!opts) {\n    throw new Error('no');\n"
                                                                    "  }\n  const client")
    assert _throws_of(_FACTORY.replace("NEW", ""), guarded) == ["function, throw statements 0 -> 1"]
    # the sentence the test above finds absent is said here: its absence there is the rule's, not the writer's
    analysis = analysed({"src/driver.ts": (_FACTORY.replace("NEW", ""), guarded)}, "feat(redis): support setItems")
    assert "may now throw" in analysis_text(analysis)


# --- a Rust module made private is named, not only judged (pest 2018-01-18, 1b0c253) ------------------------------

_LIB = "mod parser;\n{vis}mod position;\npub mod prec_climber;\n{vis}mod span;\n\npub use parser::Parser;\n{uses}"


def test_modules_no_longer_public_are_named_with_what_breaks():
    """``pub mod position;`` → ``mod position;`` with ``pub use position::Position;`` at the root read high with no
    word why: the summary named only a generator's functions."""
    before = _LIB.format(vis="pub ", uses="")
    after = _LIB.format(vis="", uses="pub use position::Position;\npub use span::Span;\n")
    analysis = analysed({"pest/src/lib.rs": (before, after)}, "Reexported Position and Span.")
    text = analysis_text(analysis)
    assert analysis.importance == "high"
    assert "Modules `position`, `span` no longer public in `pest/src/lib.rs`" in text
    assert "Dependants' `use` paths through `position`, `span` no longer resolve" in text
    zh = analysis_text(analysed({"pest/src/lib.rs": (before, after)}, "Reexported Position and Span.", "zh"))
    assert "`pest/src/lib.rs` 中的模块 `position`、`span` 不再公开" in zh


def test_a_module_still_public_is_not_named():
    before = _LIB.format(vis="pub ", uses="")
    analysis = analysed({"pest/src/lib.rs": (before, before + "pub use span::Span;\n")}, "Reexport Span")
    assert "no longer public" not in analysis_text(analysis)
    assert "`Span`" in analysis_text(analysis) or "lib.rs" in analysis_text(analysis)


# --- Go's workspace is the maintainers' build, not the users' (koanf 2026-05-28, ee0c3ab, 7a28d59) -----------------

_WORK = "go {go}\n\nuse (\n\t.\n\t./maps\n{extra})\n"
_MOD = "module example.com/koanf/providers/k8smount\n\ngo {go}\n"


def test_a_go_workspace_fix_is_upkeep():
    """"Remove k8smount from workspace to avoid enforcing go 1.25": ``go.work`` loses a ``use`` entry and lowers its
    ``go`` line, and read medium as a fixed build; no user of the modules reads the workspace."""
    analysis = analysed({"go.work": (_WORK.format(go="1.25", extra="\t./providers/k8smount\n"),
                                     _WORK.format(go="1.24.4", extra=""))},
                        "Fix: remove k8smount from workspace to avoid enforcing go 1.25 (just yet) globally.")
    assert analysis.importance == "low"
    assert "removes `./providers/k8smount`" in analysis_text(analysis)


def test_a_modules_own_build_fixed_is_still_medium():
    analysis = analysed({"providers/k8smount/go.mod": (_MOD.format(go="1.25"), _MOD.format(go="1.24.4"))},
                        "Fix: lower the go directive of k8smount to avoid enforcing go 1.25")
    assert analysis.importance == "medium"


# --- a mock folder's data files are test fixtures (koanf 2026-05-28, 1641671) ----------------------------------------

_PROVIDER_TEST = "package k8smount\n\nimport \"testing\"\n\nfunc TestRead(t *testing.T) {{\n\t_ = {dir}\n}}\n"


def test_mock_data_moved_beside_its_test_is_upkeep():
    """"Move k8smount provider mock files out of the global mock dir": the mounted files a test reads, and the test
    pointed at them, read medium as product code with new tests."""
    analysis = analysed({"mock/mount/database_host": ("localhost\n", None),
                         "providers/k8smount/mock/mount/database_host": (None, "localhost\n"),
                         "providers/k8smount/provider_test.go": (None, _PROVIDER_TEST.format(dir='"mock/mount"'))},
                        "Move k8smount provider mock files out of the global mock dir.")
    assert analysis.importance == "low"


def test_a_mocks_package_of_code_stays_product():
    """mockery's ``mocks/`` package is code other modules' tests import: not a fixture by its folder alone."""
    code = "package mocks\n\ntype Client struct{}\n\nfunc (c *Client) Get(key string) string { return key }\n"
    analysis = analysed({"mocks/client.go": (None, code)}, "Add a client mock")
    assert "`Client`" in analysis_text(analysis)
    assert analysis.summary[0] != "Tests only: `mocks/client.go` (+5/−0)"


# --- packages moved to one new major together are one sentence (moshi 2024-06-03, ef4ba0d) -------------------------

_CATALOG = """[versions]
kotlin = "{kotlin}"
okio = "3.9.0"

[libraries]
kotlin-compiler = {{ module = "org.jetbrains.kotlin:kotlin-compiler-embeddable", version.ref = "kotlin" }}
kotlin-reflect = {{ module = "org.jetbrains.kotlin:kotlin-reflect", version.ref = "kotlin" }}
okio = {{ module = "com.squareup.okio:okio", version.ref = "okio" }}
"""


def test_a_toolchains_packages_moved_together_are_one_sentence():
    """"Update to K2": each Kotlin package had its own "moves to a new major version" sentence and risk, each named
    with "(`gradle`)", the folder Gradle's version catalog always sits in."""
    analysis = analysed({"gradle/libs.versions.toml": (_CATALOG.format(kotlin="1.9.21"),
                                                       _CATALOG.format(kotlin="2.0.0"))}, "Update to K2")
    assert analysis.insights.compatibility == (
        "`org.jetbrains.kotlin:kotlin-compiler-embeddable`, `org.jetbrains.kotlin:kotlin-reflect` move to a new major "
        "version (`1.9.21` → `2.0.0`).")
    assert [r.risk for r in analysis.risks] == [
        "`org.jetbrains.kotlin:kotlin-compiler-embeddable`, `org.jetbrains.kotlin:kotlin-reflect` major upgrade "
        "`1.9.21` → `2.0.0`"]


def test_one_package_in_a_sub_project_keeps_its_folder():
    catalog = _CATALOG.replace("kotlin-reflect = ", "# kotlin-reflect = ")
    analysis = analysed({"tools/gradle/libs.versions.toml": (catalog.format(kotlin="1.9.21"),
                                                             catalog.format(kotlin="2.0.0"))}, "Update Kotlin")
    assert analysis.insights.compatibility == ("`org.jetbrains.kotlin:kotlin-compiler-embeddable` (`tools/gradle`) "
                                               "moves to a new major version (`1.9.21` → `2.0.0`).")
