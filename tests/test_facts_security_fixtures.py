"""Tests hold made-up tokens and credentials on purpose: no security signal from them; product code still signals."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.facts import derive_facts
from analysis.models import Commit, FileChange

TOKEN = "ghp_" + "a1B2" * 8
SLACK = "xoxb-" + "1234567890-abcdef"


def _commit(path: str, line: str) -> Commit:
    patch = f"@@ -1,1 +1,2 @@\n context = 1\n+{line}\n"
    return Commit(sha="a" * 40, author="A", committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc),
                  message="t", files=[FileChange(path=path, additions=1, patch=patch)], details_loaded=True)


def _signals(path: str, line: str) -> list[str]:
    return [f.text or "" for f in derive_facts(_commit(path, line)) if f.kind == "security_signal"]


def test_fake_tokens_in_tests_are_fixtures_not_signals():
    assert _signals("tests/test_logs.py", f'SAMPLES = {{"github": "{TOKEN}", "slack": "{SLACK}"}}') == []
    assert _signals("tests/test_logs.py", 'logger.warning(f"token in the message {token}")') == []


def test_the_same_lines_in_product_code_are_signals():
    assert any("GitHub token" in s for s in _signals("app/settings.py", f'TOKEN = "{TOKEN}"'))
    assert any("Slack token" in s for s in _signals("app/notify.py", f'CLIENT = "{SLACK}"'))


def test_other_signals_still_count_in_tests():
    assert any("shell=True" in s for s in _signals("tests/helpers.py", "subprocess.run(cmd, shell=True)"))


def test_a_test_against_its_own_local_tls_server_or_with_hash_vectors_is_no_signal():
    assert _signals("middleware/middleware_test.go", "client := &http.Client{Transport: &http.Transport{"
                    "TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}") == []
    assert _signals("tests/test_etag.py", "assert etag == hashlib.md5(b'abc').hexdigest()") == []
    # the same lines in product code are signals
    assert _signals("middleware/client.go", "cfg := &tls.Config{InsecureSkipVerify: true}")
    assert _signals("app/etag.py", "etag = hashlib.md5(b'abc').hexdigest()")
