"""A security-sensitive file says what was touched in it: its size of change and the symbols changed there.

Found on reqwest's 0.13 day: four commits to ``src/tls.rs`` each read "Touches security-sensitive paths:
`src/tls.rs`." (the same sentence for four changes of a day). Each now names its own edit.
"""

from __future__ import annotations

from tests.facts_support import analysed

BEFORE = """pub struct Certificate {
    cert: Vec<u8>,
}

impl Certificate {
    pub fn from_pem(pem: &[u8]) -> crate::Result<Certificate> {
        let cert = parse(pem)?;
        Ok(Certificate { cert })
    }
}

pub enum TlsBackend {
    Native,
    Rustls,
}

impl TlsBackend {
    pub fn name(&self) -> &'static str {
        match self {
            TlsBackend::Native => "native-tls",
            _ => "other",
        }
    }
}
"""

CHECKED = BEFORE.replace("        let cert = parse(pem)?;\n",
                         "        let cert = parse(pem).map_err(crate::error::builder)?;\n        check(&cert)?;\n")
NAMED = BEFORE.replace('            _ => "other",\n', '            TlsBackend::Rustls => "rustls",\n')


def security_of(after: str, message: str) -> str:
    return analysed({"src/tls.rs": (BEFORE, after)}, message).insights.security


def test_each_commit_to_a_security_file_names_its_own_edit():
    checked = security_of(CHECKED, "Check certificates when parsed")
    named = security_of(NAMED, "Name the rustls backend")
    assert checked.startswith("Touches security-sensitive paths: `src/tls.rs` (+2/−1): `Certificate::from_pem` "
                              "changed."), checked
    assert named.startswith("Touches security-sensitive paths: `src/tls.rs` (+1/−1): `TlsBackend::name` changed."), named
