"""What the project's own words declare about a change of product code: support removed, a default changed, a
line marked breaking or a migration guide's, the change said to be incompatible, an attack its new tests or its new
comments in product code guard against, a crash its new tests say the case no longer meets, a merge bringing in a
new major line of its runtime dependencies."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.evidence import Evidence
from analysis.analyzers.heuristic.message import MERGE_TITLE
from analysis.facts.languages import is_changelog

#: "`res.redirect('back')` is no longer a supported magic string", "remove support for X", "support for Y dropped";
#: a usage accepted before now refused ("`useDefaults: false` with no directives is no longer valid", "... is now an
#: error")
_SUPPORT_REMOVED = re.compile(r"\bno longer (?:a )?supported\b|\bno longer supports?\b|"
                              r"\bno longer (?:valid|allowed|accepted|permitted)\b|\b(?:is|are) now (?:an )?error\b|"
                              r"\bsupport (?:for [^.]{1,40} )?(?:is |has been |was )?(?:removed|dropped)\b|"
                              r"\b(?:remove[sd]?|drop(?:s|ped)?) support\b", re.I)
#: the words go on to say whose support it was: another project's ("... by urllib3 2.x", "... in Node 18")
_SOMEONE_ELSE = re.compile(r"\s*(?:by|in|upstream|from)\b", re.I)
#: "The default `depth` level ... is now `32` (previously was `Infinity`)", "now defaults to", "default changed to"
_DEFAULT_CHANGED = re.compile(r"\bdefault\b[^.]{0,80}\b(?:is now|now is|changed? (?:from|to))\b|\bnow defaults? to\b",
                              re.I)
#: a changelog line opening on the project's mark for what breaks callers ("*Backwards-incompatible*: Rename ...",
#: "Breaking change: ..."): a heading alone ("Breaking changes") marks no line of its own
#: a news fragment (towncrier, scriv) named by its type: ``changelog/8593.breaking.rst``, ``CHANGES/12.removal.md``,
#: ``docs/_newsfragments/1358.breakingchange.rst``
_BREAKING_FRAGMENT = re.compile(r"/[^/]+\.(breaking(?:[_-]?changes?)?|removal|incompatible)(\.\d+)?\.(rst|md|txt|markdown)$",
                                re.I)
_KIND_FRAGMENT = re.compile(r"/[^/]+\.(bugfix|bugfixes|fix|fixed|feature|features)(\.\d+)?\.(rst|md|txt|markdown)$",
                            re.I)
_FRAGMENT_KINDS = {"bugfix": "fix", "bugfixes": "fix", "fix": "fix", "fixed": "fix", "feature": "feature",
                   "features": "feature"}
#: a news fragment of the type towncrier keeps for changes of no interest to users (its ``misc`` lists the issue
#: number only; pip's ``trivial`` is left out of the notes): ``docs/changelog/1124.misc.rst``, ``news/1.trivial.rst``
_ASIDE_FRAGMENT = re.compile(r"/[^/]+\.(misc|trivial)(\.\d+)?\.(rst|md|txt|markdown)$", re.I)
_ADVISORY_MERGE = re.compile(r"^Merge commit from fork\s*$", re.I)
_BREAKING_ENTRY = re.compile(r"^\W*(?:backwards?[- ]incompatible|breaking(?: changes?)?)\W*:\s*\w", re.I)
#: an attack named in a test's name ("should not render evil javascript links (prevent XSS)")
#: (bounded by anything but a letter, so ``test_prevents_xss`` and ``testXssEscaped`` count too)
_ATTACK = re.compile(r"(?<![a-z])(?:xss|csrf|ssrf|(?:sql|command|shell|header|code)[ _-]?injection|"
                     r"(?:path|directory)[ _-]?traversal|redos|prototype[ _-]?pollution|open[ _-]?redirect)(?![a-z])",
                     re.I)
#: runtime dependencies crossing a major version in one merge: the branch brings a new major line of the stack
_MERGED_MAJORS = 3


def support_removed(e: Evidence) -> bool:
    """The title or a changelog line the commit adds says a usage is no longer supported (the project speaking of
    its own API, not of a dependency's: "... no longer supported by urllib3 2" is left out), and product code
    changes with it."""
    return bool(e.behaviour) and any(_declares_own_support_removed(text) for text in (e.title, *e.changelog))


def _declares_own_support_removed(text: str) -> bool:
    match = _SUPPORT_REMOVED.search(text)
    return bool(match) and not _SOMEONE_ELSE.match(text[match.end():])


def default_changed_in_changelog(e: Evidence) -> bool:
    """A changelog line the commit adds says a default is now another value, and product code changes with it."""
    return bool(e.behaviour) and any(_DEFAULT_CHANGED.search(entry) for entry in e.changelog)


#: a changelog line saying what a call returns now against what it returned ("Change ``TimestampFromTicks`` to return
#: a datetime in UTC rather than in the local timezone"); a value where nothing came back ("now returns
#: ``ParseResult`` instead of null") is one callers may start to use, not one they had
_RETURNS_OTHER = re.compile(r"\breturns?\b[^.]{0,80}?\b(rather than|instead of)\b"
                            r"(?!\s+(`?(null|none|nil|undefined|nothing|void)\b`?))", re.I)


def returns_changed_in_changelog(e: Evidence) -> bool:
    """A changelog line the commit adds says a public function the commit changes returns another value than it did
    (the function named in the line): every caller gets a different result, whatever the title calls it."""
    names = {re.split(r"::|\.", f.symbol or "")[-1] for f in e.of("symbol_modified", "signature_changed")
             if e.is_public(f)}
    names.discard("")
    return any(_RETURNS_OTHER.search(entry) and any(re.search(rf"\b{re.escape(n)}\b", entry) for n in names)
               for entry in e.changelog)


def breaking_in_changelog(e: Evidence) -> bool:
    """A changelog line the commit adds is marked as breaking callers, or the news fragment it adds is filed as
    one (towncrier's ``changelog/8593.breaking.rst``), and product code changes with it."""
    return bool(e.behaviour) and (any(_BREAKING_ENTRY.search(entry) for entry in e.changelog)
                                  or bool(breaking_fragments(e)))


def filed_kind(e: Evidence) -> str | None:
    """The change type the news fragments the commit adds are filed under, when they agree on one
    (``changelog/11933.bugfix.rst``: a fix; ``newsfragments/12.feature.md``: a feature)."""
    kinds = {_FRAGMENT_KINDS[m.group(1).lower()] for f in e.files if f.status == "added" and is_changelog(f.path)
             and (m := _KIND_FRAGMENT.search(f.path))}
    return kinds.pop() if len(kinds) == 1 else None


def filed_aside(e: Evidence) -> bool:
    """The author's prefix says ``refactor:`` or ``chore:`` and every news fragment the commit adds is filed under
    ``misc`` or ``trivial``: both the author and the project's changelog say the change is nothing users meet (a
    ``misc`` fragment with no prefix, a speed-up filed there, keeps the other rules' reading)."""
    fragments = [f.path for f in e.files if f.status == "added" and is_changelog(f.path)
                 and (_ASIDE_FRAGMENT.search(f.path) or _KIND_FRAGMENT.search(f.path)
                      or _BREAKING_FRAGMENT.search(f.path))]
    return (e.prefix_type in ("refactor", "chore") and bool(fragments)
            and all(_ASIDE_FRAGMENT.search(path) for path in fragments))


def advisory_merge(e: Evidence) -> bool:
    """GitHub's title for a security advisory's fix merged from its temporary private fork ("Merge commit from
    fork"), with product code changed: a vulnerability reported privately, fixed, and published as an advisory."""
    return bool(e.behaviour) and bool(_ADVISORY_MERGE.match(e.commit.title))


def breaking_fragments(e: Evidence) -> list[str]:
    """The news fragments the commit adds, or adds lines to, whose type says they break users (``breaking``,
    ``removal``): an entry filed as breaking that the commit extends says this change is one of them."""
    return [f.path for f in e.files if (f.status == "added" or f.additions) and _BREAKING_FRAGMENT.search(f.path)
            and is_changelog(f.path)]


#: a migration or upgrade guide: ``docs/migration/v4-migration.md``, ``UPGRADING.md``, ``MIGRATION.md``
_MIGRATION_GUIDE = re.compile(r"(^|/)[^/]*(migrat|upgrad)[^/]*(/|\.(md|rst|txt|adoc|mdx)$)", re.I)


def migration_noted(e: Evidence) -> bool:
    """The commit adds lines to the project's migration or upgrade guide beside its product code: the project tells
    users what they must change when they move to this version."""
    return bool(e.behaviour) and any(f.additions and _MIGRATION_GUIDE.search(f.path) and "doc" in e.classes[f.path]
                                     for f in e.files)


def attack_tested(e: Evidence) -> bool:
    """Product code changes and a test the commit adds names the attack it guards against (XSS, injection...)."""
    return bool(e.behaviour) and any(_ATTACK.search(_words(f.symbol or "")) for f in e.of("test_added"))


#: a test's words that the case it pins used to crash: "should not crash", "doesn't panic", ``test_no_crash_on_empty``
_NO_CRASH = re.compile(r"\b(should|must|does|do|did|will|would|can)( ?not|n't|nt)[ _](crash|panic|segfault|abort)\w*|"
                       r"\bno[ _](crash|panic|segfault)(es)?\b|\bwithout[ _](crash|panic)(ing)?\b", re.I)


def crash_tested(e: Evidence) -> bool:
    """Product code changes and a test the commit adds says its case must not crash (its name, docstring or comment:
    "Relative extra files in the cwd should not crash the inotify reloader"): the author pins a crash the change
    mends, though the message names only the condition ("treat empty dirname as cwd")."""
    if not e.behaviour:
        return False
    names = [_words(f.symbol or "").replace("_", " ") for f in e.of("test_added")]
    lines = [line[1:] for f in e.files if "test" in e.classes[f.path]
             for line in (f.patch or "").splitlines() if line.startswith("+") and not line.startswith("+++")]
    return any(_NO_CRASH.search(text) for text in names + lines)


#: an added line of code that is a comment (``// ...``, ``# ...``, ``/* ...``, `` * ...``, ``-- ...``)
#: (a C preprocessor line is no comment, nor a dereference ``*security_level = 0;``)
_ADDED_COMMENT = re.compile(r"^\+\s*(?://+|#(?!\s*(?:include|define|if|ifn?def|elif|else|endif|pragma|undef|error)\b)|"
                            r"/\*+|\*(?=\s|$)|--)\s?(?P<text>.*)$")


def attack_commented(e: Evidence) -> bool:
    """A comment the commit adds to product code names the attack the new lines guard against ("This bounds the
    allocation against a malicious server claiming huge dimensions"): the author's own word, beside the guard, that
    the change hardens against hostile input, whatever the message says."""
    # a doc comment opening on the name it documents and saying what it is ("RepositoryVulnerabilityAlert represents
    # a repository security alert."): what a declared type or field holds, no guard's reason ("sanitizePath stops
    # path traversal" still says one)
    declared = {(f.symbol or "").rsplit(".", 1)[-1] for f in e.facts if f.kind.startswith(("symbol_", "signature_"))}
    for f in e.behaviour:
        comments = [m.group("text") for line in (f.patch or "").splitlines()
                    if not line.startswith("+++") and (m := _ADDED_COMMENT.match(line))
                    and not _describes_declared(m.group("text"), declared)]
        if comments and R.TITLE_SECURITY_WORDS.search(_SETTING_NAMES.sub(" ", " ".join(comments))):
            return True
    return False


def _describes_declared(comment: str, declared: set[str]) -> bool:
    """``comment`` opens on a declared name and says what it is or holds. A function's "X returns ..." does only
    when its security words are names (an accessor's "GetVulnerabilityAlerts returns the VulnerabilityAlerts
    field"): a guard's doc comment says what it returns and why ("safeJoin returns an error when name escapes dir
    ... (path traversal)")."""
    words = comment.split(maxsplit=2)
    if len(words) < 2 or words[0] not in declared or words[1] not in _DESCRIBING:
        return False
    return words[1] != "returns" or not R.TITLE_SECURITY_WORDS.search(_CAMEL_NAME.sub(" ", comment))


#: the verb of a doc comment saying what a declared name is or holds (Go's "X represents ...", "X contains ...")
_DESCRIBING = frozenset({"represents", "describes", "holds", "contains", "returns", "lists", "stores"})
#: a name written in camel case (``VulnerabilityAlerts``, ``getSecurityAdvisory``) or as code
_CAMEL_NAME = re.compile(r"\b[A-Za-z][a-z0-9]*[A-Z]\w*|`[^`]*`")
#: a setting's name that holds a security word (Kubernetes' ``securityContext``, ``security_opt``): a comment that
#: documents the setting names no attack
_SETTING_NAMES = re.compile(r"\b\w*security(?=\w)\w*", re.I)


def _words(name: str) -> str:
    """``testXssEscaped`` -> ``test xss escaped``: camelCase split, so an attack's name stands as a word."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def merged_major_line(e: Evidence) -> bool:
    """A merge of a branch whose runtime dependencies cross a major version in several packages at once."""
    return bool(MERGE_TITLE.match(e.commit.title)) and len(e.major_bumps) >= _MERGED_MAJORS


#: a title naming binary compatibility or ABI stability ("Restore ABI stability for ... builders", "Fix one more
#: missing API in binary compatibility override")
_BINARY_COMPAT = re.compile(r"\b(binary|abi)[- ](compat\w*|stabilit\w*|break\w*)|\bbinary[- ]incompat\w*", re.I)


def binary_compat_titled(e: Evidence) -> bool:
    """The title names binary compatibility (or ABI stability) and product code changes: the project says what
    binaries compiled against another release find at run time is at stake (entry points put back after a release
    dropped them, so code built against it stops failing with ``NoSuchMethodError``, or taken away): every consumer
    that upgrades without recompiling meets it."""
    return bool(e.behaviour) and bool(_BINARY_COMPAT.search(e.title))


#: a sentence calling this change incompatible or breaking, or saying it breaks compatibility
#: (an adverb between hedges, it does not deny: "This is technically a breaking change")
_SAID = re.compile(r"\b(this|it|which)\s+(is|was)\s+"
                   r"(technically\s+|strictly\s+(speaking\s+)?|potentially\s+|arguably\s+)?(an?\s+)?"
                   r"((binary|source|backwards?|api)[- ])?(incompatible|breaking)(\s+api)?\s+change\b"
                   r"|\bbreaks?\s+(binary|source|backwards?|api)\s+compat\w*", re.I)
#: a negation before it in the same sentence ("this is not a breaking change", "nothing here breaks source compat")
_NEGATED = re.compile(r"\b(not|no|never|nothing|isn't|wasn't|doesn't|without)\b|n't\b", re.I)


def said_incompatible(e: Evidence) -> bool:
    """A sentence of the message says this change is binary-, source- or backwards-incompatible (or breaks that
    compatibility), with no negation before it, and product code changes: the author's own word that callers
    built against the old API break, as a ``BREAKING CHANGE:`` footer is."""
    if not e.behaviour:
        return False
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", e.commit.message):
        match = _SAID.search(sentence)
        if match and not _NEGATED.search(sentence[:match.start()] + match.group(0)):
            return True
    return False


#: a line a ``go.mod`` gains in a ``retract`` directive: ``retract v1.2.0 // ...``, or a version (or a ``[v1, v2]``
#: range) inside a ``retract ( ... )`` block (no other go.mod line opens on a bare version)
_RETRACTED = re.compile(r"^\+\s*(retract\b|\[?v\d+\.\d+)")


def release_retracted(e: Evidence) -> bool:
    """A ``go.mod`` gains a ``retract`` line beside product code: the project declares a published release broken
    (``go get`` stops picking it) and this change is what its users must move to, the mend of a regression they met."""
    return bool(e.behaviour) and any(
        f.path.rsplit("/", 1)[-1] == "go.mod" and any(_RETRACTED.match(line) for line in (f.patch or "").splitlines())
        for f in e.files)
