"""Security signals in the lines a commit adds (and auth checks in the lines it removes), said as what was seen."""

from __future__ import annotations

import re

from analysis.facts.languages import FAMILY, grammar_for, is_test_path
from analysis.facts.patches import FilePatch
from analysis.models import Fact

_CODE_LIKE = (".sh", ".bash", ".yaml", ".yml", ".json", ".toml", ".ini", ".cfg", ".conf", ".env", ".properties",
              ".rb", ".php", ".cs", ".kt", ".swift", ".scala", ".tf")
_COMMENT_PREFIX = ("#", "//", "/*", "*", "--", ";", "<!--")

_CREDENTIAL = "hard-coded credential"
_EVAL = "eval/exec of dynamic code"
#: languages with no builtin that runs a string as code: a bare ``exec(`` there is a function of the project's own
_NO_EVAL_FAMILIES = frozenset({"go", "rust", "c", "java", "kotlin"})
_NO_EVAL_EXTS = (".cs", ".kt", ".kts", ".swift", ".scala", ".tf")
#: the line that defines a function or method named ``exec``/``eval`` (``def exec(``, ``func (c *Command) exec(``,
#: ``function eval(``, a class method ``exec(args) {``), not a call of one
_EVAL_DEFINED = re.compile(r"\b(?:def|func|function|fn)\b[^=]*?(?<![\w.])(?:eval|exec)\s*\(|"
                           r"^\s*(?:(?:async|static|public|private|protected)\s+)*(?:eval|exec)\s*\([^()]*\)\s*"
                           r"(?::\s*[\w<>\[\], |.]+)?\{\s*$")
#: signals that in a test are fixtures made up on purpose (fake tokens, credentials, a log of them)
_FIXTURE_KINDS = {_CREDENTIAL, "GitHub token in the code", "Slack token in the code",
                  "a credential may be written to logs or output"}
#: signals that in a test talk to the test's own harness: a self-signed local TLS server (httptest, trustme),
#: weak hashes and ciphers as test vectors
_TEST_HARNESS_PREFIXES = ("TLS certificate verification disabled", "MD5 ", "SHA-1 ", "a weak cipher",
                          "ECB block mode", "a short key size")
#: (pattern, what was seen); checked on added lines that are not comments
ADDED_SIGNALS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"), "private key material added"),
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "AWS access key id in the code"),
    (re.compile(r"\b(?:ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{20,}"), "GitHub token in the code"),
    (re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"), "Slack token in the code"),
    (re.compile(r"""(?i)\b[\w-]*(?:password|passwd|secret|api_?key|access_?key|auth_?token|private_?key)[\w-]*"""
                r"""["']?\s*[:=]\s*["'][^"'\s$%{}<>]{6,}["']"""), _CREDENTIAL),
    (re.compile(r"(?i)\b(?:log(?:ger)?|logging|console|print)\w*\.?\w*\(.*\b(?:password|secret|api_?key|token)\b"),
     "a credential may be written to logs or output"),
    (re.compile(r"\bshell\s*=\s*True\b"), "subprocess with shell=True"),
    (re.compile(r"(?<![\w.])(?:eval|exec)\s*\("), _EVAL),
    (re.compile(r"\bnew Function\s*\("), "new Function() builds code from a string"),
    (re.compile(r"\bverify\s*=\s*False\b"), "TLS certificate verification disabled (verify=False)"),
    (re.compile(r"\bInsecureSkipVerify\s*:\s*true\b"), "TLS certificate verification disabled (InsecureSkipVerify)"),
    (re.compile(r"\brejectUnauthorized\s*:\s*false\b"), "TLS certificate verification disabled (rejectUnauthorized)"),
    (re.compile(r"NODE_TLS_REJECT_UNAUTHORIZED\s*[=:]\s*['\"]?0"), "TLS certificate verification disabled "
                                                                   "(NODE_TLS_REJECT_UNAUTHORIZED=0)"),
    (re.compile(r"\b(?:CERT_NONE|SSL_VERIFY_NONE|check_hostname\s*=\s*False|_create_unverified_context)\b|"
                r"CURLOPT_SSL_VERIFY(?:PEER|HOST)\s*,\s*0"),
     "TLS certificate or hostname checks disabled"),
    (re.compile(r"\bdanger_accept_invalid_certs\s*\(\s*true"), "TLS certificate verification disabled "
                                                                "(danger_accept_invalid_certs)"),
    (re.compile(r"\b(?:pickle|cPickle|dill|marshal)\.loads?\s*\("), "unsafe deserialisation (pickle-style load)"),
    (re.compile(r"\byaml\.load\s*\((?![^)]*Loader\s*=\s*(?:yaml\.)?(?:C?SafeLoader|BaseLoader))"),
     "yaml.load without SafeLoader"),
    (re.compile(r"\byaml\.unsafe_load\s*\(|\bObjectInputStream\s*\(|\bBinaryFormatter\b|\bunserialize\s*\("),
     "unsafe deserialisation"),
    (re.compile(r"(?i)\b(?:hashlib\.)?md5\b\s*\(|\bMD5\.new\b|crypto/md5|\bMessageDigest\.getInstance\(\s*\"MD5\""),
     "MD5 (a broken hash) used"),
    (re.compile(r"(?i)\bhashlib\.sha1\s*\(|crypto/sha1|\bMessageDigest\.getInstance\(\s*\"SHA-?1\""),
     "SHA-1 (a weak hash) used"),
    (re.compile(r"\b(?:DES|DES3|TripleDES|RC4|ARC4|Blowfish)\b(?:\.new|\s*\(|Cipher)|\"DES(?:ede)?/|crypto/des\b"),
     "a weak cipher (DES/RC4/Blowfish) used"),
    (re.compile(r"\bMODE_ECB\b|/ECB/|\bmodes\.ECB\b|\bECB\s*\("), "ECB block mode used"),
    (re.compile(r"(?i)\b(?:key_size|keysize|bits|modulus)\s*[=:]\s*(?:512|768|1024)\b|"
                r"\bRSA\.generate\(\s*(?:512|768|1024)\b|GenerateKey\([^)]*\b(?:512|768|1024)\)"),
     "a short key size (1024 bits or less)"),
    (re.compile(r"(?i)\bchmod\b.*\b777\b|\bos\.chmod\([^)]*0o?777"), "world-writable permissions (777)"),
    (re.compile(r"(?i)\b(?:permitAll|AllowAnonymous|csrf_exempt|@csrf\.exempt|\.csrf\(\)\.disable)\b"),
     "authentication or CSRF protection relaxed"),
]
#: words one of ADDED_SIGNALS needs on a line: a cheap filter before the patterns themselves
_PREFILTER = re.compile(
    r"(?i)private key|akia|asia|gh[pousr]_|github_pat|xox|pass|secret|key|token|log|console|print|shell|eval|exec|"
    r"function|verify|reject|cert_none|hostname|unverified|invalid_certs|pickle|dill|marshal|yaml|objectinput|"
    r"binaryformatter|unserialize|md5|sha-?1|des|rc4|blowfish|ecb|bits|modulus|rsa|chmod|permitall|anonymous|csrf|"
    r"ssl_verify|curlopt")

_HASH_KINDS = frozenset({"MD5 (a broken hash) used", "SHA-1 (a weak hash) used"})
_NOT_FOR_SECURITY = re.compile(r"\busedforsecurity\s*=\s*False\b")

#: auth and permission checks whose removal is worth naming (checked on removed lines not re-added)
AUTH_CHECK = re.compile(
    r"(?i)(@login_required|@permission_required|@requires?_auth\w*|@authenticated|@PreAuthorize|@RolesAllowed|"
    r"@Secured|\bcheck_permissions?\s*\(|\bhas_perm(?:s)?\s*\(|\brequire_?(?:auth|login|admin|permission)\w*\s*\(|"
    r"\bis_authenticated\b|\bauthorize\w*\s*\(|\bverify_(?:token|signature|jwt|password)\s*\(|\bisAdmin\b|"
    r"\bis_admin\b|\bcheckAuth\w*\s*\(|\bauthenticate\s*\()")


#: an own-key guard (``obj.hasOwnProperty(key)``, ``Object.hasOwn``) or a check against the keys that reach an
#: object's prototype (``key === '__proto__'``): what closes a prototype-pollution hole
_PROTOTYPE_GUARD = re.compile(r"\.hasOwnProperty\s*\(|\bObject\.hasOwn\s*\(|"
                              r"""(===?|!==?|\bin\b|includes\s*\()\s*\[?\s*["']__proto__["']|["']__proto__["']\s*(===?|!==?)""")
#: code that copies keys it does not know in advance: a ``for ... in`` loop, or an assignment by computed key
_DYNAMIC_KEYS = re.compile(r"\bfor\s*\(\s*(const|let|var)\s+\w+\s+in\b|\w\[\s*\w+\s*\]\s*=[^=]")
#: a ``for ... in`` loop (it also visits the enumerable keys an object inherits from its prototype) ...
_FOR_IN = re.compile(r"\bfor\s*\(\s*(?:const|let|var)\s+\w+\s+in\b")
#: ... rewritten over the object's own keys only (``for (const key of Object.keys(obj))``, ``Object.entries``)
_OWN_KEYS_LOOP = re.compile(r"\bfor\s*\(\s*(?:const|let|var)\s+[\w\[\], ]+\s+of\s+"
                            r"(?:Object\.(?:keys|entries|getOwnPropertyNames)|Reflect\.ownKeys)\s*\(")
PROTOTYPE_GUARD = "prototype-pollution guard added (own keys only)"
#: signals that say a protection was added, not a risk: a fix that adds one closes a hole
PROTECTIONS = (PROTOTYPE_GUARD,)


def _prototype_guard(path: str, patch: FilePatch) -> str | None:
    """The added line guarding a merge of keys from input: in a hunk that copies keys it does not know in advance,
    an own-key check or a ``__proto__`` check added, or a ``for ... in`` loop rewritten over ``Object.keys`` (own keys
    only) (JavaScript and TypeScript)."""
    grammar = grammar_for(path)
    if grammar is None or FAMILY[grammar] != "js":
        return None
    for hunk in patch.hunks:
        guards = [line.text for line in hunk.added if _PROTOTYPE_GUARD.search(line.text) and not _is_comment(path, line.text)]
        if guards and any(_DYNAMIC_KEYS.search(line.text) for line in hunk.lines if line.kind != "-"):
            return guards[0]
        # a ``for ... in`` loop over an object rewritten over its own keys: inherited (prototype) keys no longer
        # copied, the loop's own guard written another way
        own = [line.text for line in hunk.added if _OWN_KEYS_LOOP.search(line.text)]
        if own and any(_FOR_IN.search(line.text) for line in hunk.removed if not _is_comment(path, line.text)):
            return own[0]
    return None


def scannable(path: str) -> bool:
    """Code or configuration, not prose: documentation never raises a signal."""
    name = path.lower()
    return grammar_for(path) is not None or name.endswith(_CODE_LIKE) or name.rsplit("/", 1)[-1] in (
        "dockerfile", "makefile", ".env")


def _is_comment(path: str, text: str) -> bool:
    stripped = text.strip()
    grammar = grammar_for(path)
    if grammar is not None and FAMILY[grammar] != "python" and stripped.startswith("#"):
        return stripped.startswith("#!")  # a C preprocessor line is code; a shebang is not
    return stripped.startswith(_COMMENT_PREFIX)


def line_key(text: str) -> str:
    """A line as a move compares it: spaces collapsed, and a statement's end mark (``;``, ``,``) left out: morgan's
    ``return new Function('tokens, req, res', js);`` carried to another function without its semicolon is the same
    statement, not a new one."""
    return " ".join(text.split()).rstrip(";,").rstrip()


def security_facts(path: str, patch: FilePatch, moved: frozenset[str] | set[str] = frozenset()) -> list[Fact]:
    """One fact per kind of signal per file (the first line it was seen on quoted in ``text``). ``moved``: the lines
    (as ``line_key`` reads them) the commit removes, here or in another file: one added back is moved, not new
    (jQuery's ``new Function( "return;" )`` test line carried from ``test/unit/core.js`` to
    ``test/unit/deprecated.js``)."""
    if not scannable(path):
        return []
    seen: dict[str, str] = {}
    fixtures = is_test_path(path)  # tests hold made-up credentials on purpose
    for line in patch.added:
        if not _PREFILTER.search(line.text) or _is_comment(path, line.text) or line_key(line.text) in moved:
            continue
        for pattern, what in ADDED_SIGNALS:
            if fixtures and (what in _FIXTURE_KINDS or what.startswith(_TEST_HARNESS_PREFIXES)):
                continue
            if what not in seen and pattern.search(line.text) and not _declared_harmless(what, line.text, path):
                seen[what] = line.text
    added = {line_key(line.text) for line in patch.added}
    for line in patch.removed:
        if _is_comment(path, line.text) or line_key(line.text) in added:
            continue
        match = AUTH_CHECK.search(line.text)
        what = "an authentication or permission check removed"
        if match and what not in seen:
            seen[what] = line.text
    guard = None if fixtures else _prototype_guard(path, patch)
    if guard is not None:
        seen[PROTOTYPE_GUARD] = guard
    return [Fact(kind="security_signal", path=path, text=f"{what}: {quote(line)}") for what, line in seen.items()]


#: package manifests, whose dependencies are named by their package: ``"@azure/keyvault-secrets": "^4.11.2"`` is a
#: dependency on a package about secrets, not a secret
_MANIFESTS = ("package.json", "cargo.toml", "pyproject.toml", "composer.json", "deno.json", "jsr.json")
#: the value of such a line is a version or a range of them (``^4.11.2``, ``>=1.2, <2``, ``~0.3``, ``1.x``)
_VERSION_RANGE = re.compile(r"""[:=]\s*["'][\^~<>=v\s]*\d+(?:\.(?:\d+|[x*]))+(?:-[\w.]+)?"""
                            r"""(?:\s*(?:\|\||,)?\s*[\^~<>=v]*\d[\w.*-]*)*["']\s*,?\s*$""")


#: the credential words of the logging signal, each where it is
_CREDENTIAL_WORD = re.compile(r"(?i)\b(?:password|secret|api_?key|token)\b")
#: what follows a credential word inside a string that labels a value printed beside it (``"token: %s"``,
#: ``"password={}"``, ``"token " + t``)
_LABELS_VALUE = re.compile(r"""\s*(?:[:=]|%|\{|["'`]\s*[+,])""")
_LOGGED = "a credential may be written to logs or output"


def _in_string(text: str, index: int) -> bool:
    """``text[index]`` lies inside a quoted string literal of the line."""
    quote_mark = ""
    escaped = False
    for char in text[:index]:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif quote_mark:
            quote_mark = "" if char == quote_mark else quote_mark
        elif char in "\"'`":
            quote_mark = char
    return bool(quote_mark)


def _credential_written(text: str) -> bool:
    """A credential word on a logging line stands for a value written out: a variable or field passed to it
    (``log.info(user.password)``, ``print(token)``), or a label in the message beside a value (``"token: %s"``);
    not a word of the message's prose (``"Expected \")\" to end URL token"``: a lexer's token) nor the owner of a
    member that is what gets written (``lexer.Token.Range``: where the token is)."""
    for match in _CREDENTIAL_WORD.finditer(text):
        if _in_string(text, match.start()):
            if _LABELS_VALUE.match(text, match.end()):
                return True
        elif not re.match(r"\.[A-Za-z_]", text[match.end():]):
            return True
    return False


def _declared_harmless(what: str, text: str, path: str = "") -> bool:
    """A weak hash the line itself says is not for security (``usedforsecurity=False``: ETags, cache keys); a bare
    ``exec(``/``eval(`` that is no evaluation of code: in a language without such a builtin (Go, Rust, C, Java,
    Kotlin: k9s' own ``func (c *Command) exec(...)`` method), or the line defining a function or method of that name;
    a package manifest's dependency on a package named for secrets or keys, at a version (``_MANIFESTS``)."""
    if what == _EVAL:
        grammar = grammar_for(path)
        family = FAMILY[grammar] if grammar is not None else None
        return family in _NO_EVAL_FAMILIES or path.lower().endswith(_NO_EVAL_EXTS) or bool(_EVAL_DEFINED.search(text))
    if what == _LOGGED:
        return not _credential_written(text)
    if what == _CREDENTIAL:
        return path.lower().rsplit("/", 1)[-1] in _MANIFESTS and bool(_VERSION_RANGE.search(text))
    return what in _HASH_KINDS and bool(_NOT_FOR_SECURITY.search(text))


def quote(text: str) -> str:
    """A line as a fact quotes it: one line, any secret the patterns know redacted, at most 100 characters."""
    text = " ".join(text.split())
    for pattern, _ in ADDED_SIGNALS[:5]:  # never repeat a secret we found
        text = pattern.sub("[redacted]", text)
    return text if len(text) <= 100 else text[:99] + "…"
