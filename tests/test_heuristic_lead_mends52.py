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
