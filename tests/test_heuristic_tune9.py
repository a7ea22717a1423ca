"""Rules of the tenth tuning round (issue 8, tune9), each on a small snippet in the language it reads: a crate's
Cargo features as public API (removed, renamed, the default set narrowed, public items gated behind a new feature)."""

from __future__ import annotations

from analysis.facts.config import DEFAULT_NARROWED, config_facts
from tests.facts_support import analysed

_FEATURES = """[package]
name = "webclient"
version = "0.13.0"

[features]
default = ["default-tls", "http2"]
http2 = ["dep:h2"]
{tls}
{extra}
[dependencies]
h2 = {{ version = "0.4", optional = true }}
native-tls = {{ version = "0.2", optional = true }}
rustls = {{ version = "0.23", optional = true }}
quinn = {{ version = "0.11", optional = true }}
"""
_NATIVE = 'default-tls = ["dep:native-tls"]\nrustls-tls = ["dep:rustls"]'


def manifest(tls: str = _NATIVE, extra: str = "") -> str:
    return _FEATURES.format(tls=tls, extra=extra)


def test_a_public_feature_removed_from_the_manifest_is_high():
    before = manifest(extra='# Deprecated, use hickory-dns.\ntrust-dns = []\nhickory-dns = ["dep:hickory"]\n')
    after = manifest(extra='hickory-dns = ["dep:hickory"]\n')
    result = analysed({"Cargo.toml": (before, after)}, "remove deprecated feature trust-dns")
    assert result.importance == "high"


def test_an_internal_feature_removed_is_not_a_break():
    before = manifest(extra='__internal-tls = ["dep:rustls"]\n')
    result = analysed({"Cargo.toml": (before, manifest())}, "drop an unused internal feature")
    assert result.importance == "low"


def test_a_public_feature_renamed_is_high():
    after = manifest(tls='default-tls = ["dep:native-tls"]\nrustls = ["dep:rustls"]')
    result = analysed({"Cargo.toml": (manifest(), after)}, "rename rustls-tls feature to just rustls")
    assert result.importance == "high"


def test_the_default_set_narrowed_is_marked_and_high():
    after = manifest(tls='default-tls = ["rustls-tls"]\nnative-tls = ["dep:native-tls"]\nrustls-tls = ["dep:rustls"]')
    facts = config_facts("Cargo.toml", manifest(), after)
    assert [f.symbol for f in facts if f.text == DEFAULT_NARROWED] == ["features.default-tls"]
    result = analysed({"Cargo.toml": (manifest(), after)}, "make rustls the default TLS provider")
    assert result.importance == "high"


def test_a_default_entry_replaced_by_a_feature_enabling_the_same_crates_narrows_nothing():
    after = manifest(tls='default-tls = ["tls-native"]\ntls-native = ["dep:native-tls"]\nrustls-tls = ["dep:rustls"]')
    facts = config_facts("Cargo.toml", manifest(), after)
    assert {(f.kind, f.symbol, f.text) for f in facts} == {
        ("config_value_changed", "features.default-tls", None), ("config_key_added", "features.tls-native", None)}
    after = manifest(extra='tracing = ["dep:tracing"]\n').replace('"http2"]', '"http2", "tracing"]')
    facts = config_facts("Cargo.toml", manifest(), after)
    assert {(f.symbol, f.text) for f in facts} == {("features.default[tracing]", None), ("features.tracing", None)}
    weak = manifest().replace('"dep:h2"]', '"dep:h2", "quinn?/aws-lc-rs"]')  # turns quinn's feature on only with quinn
    renamed = weak.replace("quinn?/aws-lc-rs", "quinn?/rustls-aws-lc-rs")
    facts = config_facts("Cargo.toml", weak, renamed)
    assert {(f.kind, f.text) for f in facts} == {("config_key_added", None), ("config_key_removed", None)}


_REQUEST = """use serde::Serialize;

impl RequestBuilder {
    /// Modify the query string of the URL.
    pub fn query<T: Serialize + ?Sized>(mut self, query: &T) -> RequestBuilder {
        self.url.set_query(Some(&serde_urlencoded::to_string(query).unwrap()));
        self
    }
}
"""


def test_an_existing_public_method_gated_behind_a_new_non_default_feature_is_high():
    gated = _REQUEST.replace("    pub fn query", '    #[cfg(feature = "query")]\n    pub fn query')
    after = manifest(extra='query = ["dep:serde_urlencoded"]\n')
    files = {"Cargo.toml": (manifest(), after), "src/request.rs": (_REQUEST, gated)}
    assert analysed(files, "add `query` crate feature").importance == "high"
    on_by_default = after.replace('"http2"]', '"http2", "query"]')
    files = {"Cargo.toml": (manifest(), on_by_default), "src/request.rs": (_REQUEST, gated)}
    assert analysed(files, "add `query` crate feature").importance != "high"


def test_the_compatibility_insight_names_the_features_removed():
    after = manifest(tls='default-tls = ["dep:native-tls"]\nrustls = ["dep:rustls"]')
    result = analysed({"Cargo.toml": (manifest(), after)}, "rename rustls-tls feature to just rustls")
    assert "`rustls-tls`" in result.insights.compatibility
    assert "`rustls-tls`" in analysed({"Cargo.toml": (manifest(), after)}, "rename", "zh").insights.compatibility


_PACKAGE = """{{
  "name": "web",
  "version": "2.15.3",
  "dependencies": {{
    "statuses": "{statuses}"
  }},
  "devDependencies": {{
    "jest": "{jest}",
    "supertest": "^6.2.4"
  }}
}}
"""


def test_a_dev_dependency_major_is_low_and_a_runtime_major_stays_medium():
    before = _PACKAGE.format(statuses="^1.5.0", jest="^28.1.2")
    dev = analysed({"package.json": (before, _PACKAGE.format(statuses="^1.5.0", jest="^29.7.0"))}, "upgrade jest@29")
    assert (dev.change_type, dev.importance) == ("build", "low")
    runtime = analysed({"package.json": (before, _PACKAGE.format(statuses="^2.0.1", jest="^28.1.2"))},
                       "upgrade statuses@2")
    assert runtime.importance == "medium"


_CERTSTACK = """static void infof_certstack(struct Curl_easy *data, const SSL *ssl)
{
    EVP_PKEY *current_pkey = X509_get0_pubkey(current_cert);
    const char *type_name;
    type_name = EVP_PKEY_get0_type_name(current_pkey);
    infof(data, " Certificate level %d: Public key type %s", cert_level, type_name);
}
"""


def test_a_return_value_now_checked_in_c_is_a_fix_of_at_least_medium():
    checked = _CERTSTACK.replace("type_name = EVP", "type_name = current_pkey ? EVP").replace(
        "(current_pkey);\n    infof", "(current_pkey) : NULL;\n    infof")
    result = analysed({"lib/vtls/openssl.c": (_CERTSTACK, checked)}, "openssl: check return value of X509_get0_pubkey")
    assert (result.change_type, result.importance) == ("fix", "medium")


_WIN32_CACHE = """if(MINGW)
  set(HAVE_UTIME_H 1)
  set(HAVE_DIRENT_H 1)
endif()
set(HAVE_SIZEOF_SUSECONDS_T 0)
"""
_PREFILLED = _WIN32_CACHE + """if(MSVC)
  set(HAVE_SIZEOF_SSIZE_T 0)
  set(HAVE_FILE_OFFSET_BITS 0)
  curl_prefill_type_size("OFF_T" 4)
endif()
"""


def test_configuration_results_set_anew_in_a_platforms_build_are_medium():
    result = analysed({"CMake/win32-cache.cmake": (_WIN32_CACHE, _PREFILLED)}, "cmake: pre-fill known type sizes")
    assert (result.change_type, result.importance) == ("build", "medium")
    warnings = ("if(CMAKE_C_COMPILER_ID MATCHES \"GNU\")\n  list(APPEND _picky \"-Wall\")\nendif()\n",
                "if(CMAKE_C_COMPILER_ID MATCHES \"GNU\")\n  list(APPEND _picky \"-Wall\" \"-Wextra\")\nendif()\n")
    assert analysed({"CMake/PickyWarnings.cmake": warnings}, "cmake: more picky warnings").importance == "low"
    added = analysed({"cmake/Platform.cmake": (None, _PREFILLED)}, "build: add a CMake build for Windows")
    assert added.importance == "low"
