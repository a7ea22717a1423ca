"""Security signals: each one in added code, auth checks removed, and no false positive on words in comments,
docs or removed lines."""

from __future__ import annotations

import pytest

from tests.facts_support import facts_of

SIGNALS = [
    ("app/run.py", "subprocess.run(cmd, shell=True)", "subprocess with shell=True"),
    ("app/run.py", "result = eval(expression)", "eval/exec of dynamic code"),
    ("app/run.py", "exec(code, {})", "eval/exec of dynamic code"),
    ("app/http.py", "requests.get(url, verify=False)", "TLS certificate verification disabled (verify=False)"),
    ("pkg/client.go", "cfg := &tls.Config{InsecureSkipVerify: true}",
     "TLS certificate verification disabled (InsecureSkipVerify)"),
    ("web/agent.ts", "const agent = new https.Agent({ rejectUnauthorized: false });",
     "TLS certificate verification disabled (rejectUnauthorized)"),
    ("app/cache.py", "obj = pickle.loads(blob)", "unsafe deserialisation (pickle-style load)"),
    ("app/conf.py", "data = yaml.load(stream)", "yaml.load without SafeLoader"),
    ("app/hash.py", "digest = hashlib.md5(data).hexdigest()", "MD5 (a broken hash) used"),
    ("app/hash.py", "digest = hashlib.sha1(data).hexdigest()", "SHA-1 (a weak hash) used"),
    ("app/crypt.py", "cipher = DES.new(key, DES.MODE_ECB)", "a weak cipher (DES/RC4/Blowfish) used"),
    ("app/keys.py", "key = rsa.generate_private_key(public_exponent=65537, key_size=1024)",
     "a short key size (1024 bits or less)"),
    ("app/settings.py", 'API_KEY = "sk_live_51Habcdefghij"', "hard-coded credential"),
    ("app/keys.py", 'KEY = """-----BEGIN RSA PRIVATE KEY-----', "private key material added"),
    ("app/aws.py", 'client = boto3.client("s3", aws_access_key_id="AKIAABCDEFGHIJKLMNOP")', "AWS access key id"),
    ("src/App.java", 'Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");', "ECB block mode used"),
    ("app/views.py", "@csrf_exempt", "authentication or CSRF protection relaxed"),
    ("deploy/id_rsa.pem", "-----BEGIN RSA PRIVATE KEY-----", None),  # .pem is not scanned: not code
    ("app/log.py", 'logger.info("login with password %s", password)',
     "a credential may be written to logs or output"),
]


@pytest.mark.parametrize(("path", "line", "what"), SIGNALS)
def test_each_signal_in_added_code_is_named(path, line, what):
    found = facts_of({path: ("x = 1\n", f"x = 1\n{line}\n")})
    signals = [f for f in found if f["kind"] == "security_signal"]
    if what is None:
        assert signals == []
        return
    assert len(signals) >= 1
    assert signals[0]["path"] == path
    assert signals[0]["text"].startswith(what)
    for secret in ("sk_live_51Habcdefghij", "AKIAABCDEFGHIJKLMNOP"):  # a secret is never repeated
        assert secret not in signals[0]["text"]


def test_an_auth_check_removed_is_named_and_one_moved_is_not():
    before = "@login_required\ndef view(request):\n    return render(request)\n"
    after = "def view(request):\n    return render(request)\n"
    found = [f for f in facts_of({"app/views.py": (before, after)}) if f["kind"] == "security_signal"]
    assert found == [{"kind": "security_signal", "path": "app/views.py",
                      "text": "an authentication or permission check removed: @login_required"}]
    moved = "def other():\n    pass\n\n\n@login_required\ndef view(request):\n    return render(request)\n"
    assert [f for f in facts_of({"app/views.py": (before, moved)}) if f["kind"] == "security_signal"] == []


@pytest.mark.parametrize(("path", "line"), [
    ("app/auth.py", "# the token is refreshed here; never log the password"),
    ("app/auth.py", "token = refresh(token)"),
    ("app/auth.py", 'password = os.environ["DB_PASSWORD"]'),
    ("app/run.py", "evaluate(x)  # not eval"),
    ("app/run.py", "model.eval()"),
    ("app/conf.py", "data = yaml.load(stream, Loader=yaml.SafeLoader)"),
    ("web/a.ts", "// rejectUnauthorized: false would be wrong here"),
    ("docs/security.md", "Never call eval(input) or use shell=True."),
    ("src/main.c", "#include <openssl/md5.h>"),
    # the line itself says the hash is not for security (an ETag, a cache key)
    ("app/responses.py", 'etag = hashlib.md5(base.encode(), usedforsecurity=False).hexdigest()'),
    ("app/cache.py", "key = hashlib.sha1(raw, usedforsecurity = False).hexdigest()"),
])
def test_no_false_positive(path, line):
    found = facts_of({path: ("x = 1\n", f"x = 1\n{line}\n")})
    assert [f for f in found if f["kind"] == "security_signal"] == []


def test_openssl_verify_none_is_named_and_made_up_credentials_in_tests_are_not():
    found = facts_of({"src/ssl.c": ("int x;\n", "int x;\nSSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);\n"),
                      "tests/test_login.py": ("x = 1\n", 'x = 1\npassword = "hunter2-for-tests"\n')})
    assert [(f["path"], f["text"].split(":")[0]) for f in found if f["kind"] == "security_signal"] == [
        ("src/ssl.c", "TLS certificate or hostname checks disabled"),
    ]
