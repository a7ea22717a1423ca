"""Rules of the eleventh tuning round (issue 8, tune10), each on a small snippet in the language it reads: release
version moves, documentation templates, dead private code, private fields renamed, log text, a merged branch's
words."""

from __future__ import annotations

from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.analyzers.heuristic.code.log_calls import log_text_only
from analysis.analyzers.heuristic.paths import classify_path
from analysis.analyzers.heuristic.release import release_bookkeeping
from analysis.facts import derive_facts
from tests.facts_support import analysed, commit_of

_HEADER = """#pragma once

#define MYLIB_VERSION_MAJOR 2
#define MYLIB_VERSION_MINOR {minor}
#define MYLIB_VERSION_PATCH {patch}

// 0xD = dev
#define MYLIB_VERSION_HEX {hex}

#define MYLIB_EXPORT __attribute__((visibility("default")))
"""
_VERSION_PY = '''def _to_int(s: str) -> int | str:
    try:
        return int(s)
    except ValueError:
        return s


__version__ = "{version}"
version_info = tuple(_to_int(s) for s in __version__.split("."))
'''


def _release(minor: str, patch: str, hex_: str, version: str) -> tuple[str, str]:
    return _HEADER.format(minor=minor, patch=patch, hex=hex_), _VERSION_PY.format(version=version)


def test_the_version_moved_back_to_development_is_release_bookkeeping():
    header_before, py_before = _release("13", "0", "0x020D0000", "2.13.0")
    header_after, py_after = _release("14", "0.dev1", "0x020E00D1", "2.14.0.dev1")
    result = analysed({"include/mylib/common.h": (header_before, header_after),
                       "mylib/_version.py": (py_before, py_after)}, "chore: back to work")
    assert (result.change_type, result.importance) == ("chore", "low")


def test_a_release_with_its_test_runner_session_touched_is_low():
    header_before, py_before = _release("13", "0.dev1", "0x020D00D1", "2.13.0.dev1")
    header_after, py_after = _release("13", "0", "0x020D0000", "2.13.0")
    nox = 'import nox\n\n\n@nox.session\ndef tests_packaging(session):\n    session.install("-r", "{req}"{extra})\n'
    result = analysed({"include/mylib/common.h": (header_before, header_after),
                       "mylib/_version.py": (py_before, py_after),
                       "noxfile.py": (nox.format(req="tests/requirements.txt", extra=""),
                                      nox.format(req="tests/requirements.txt", extra=', "pip"'))},
                      "chore: prepare for 2.13.0")
    assert classify_path("noxfile.py") == {"tooling"}
    assert result.importance == "low"


def test_a_minimum_version_moved_is_not_a_release():
    before = 'MIN_SERVER_VERSION = "1.2"\n\n\ndef check(v):\n    return v >= MIN_SERVER_VERSION\n'
    commit, texts = commit_of({"client/compat.py": (before, before.replace('"1.2"', '"1.3"'))}, "require server 1.3")
    assert not release_bookkeeping(evidence_of(commit, derive_facts(commit, texts)))


def test_a_documentation_page_rendered_by_a_template_engine_is_documentation():
    assert "doc" in classify_path("templates/formatter-examples.md.ejs")
    assert "doc" not in classify_path("templates/page.html.ejs")
    before = "# Examples\n\n```js\nexport default [\n\tjs.configs.recommended,\n\t{ rules: {} },\n];\n```\n"
    after = before.replace("\tjs.configs.recommended,\n\t{ rules: {} },",
                           '\t{\n\t\tfiles: ["**/*.js"],\n\t\textends: ["js/recommended"],\n\t\trules: {},\n\t},')
    result = analysed({"templates/formatter-examples.md.ejs": (before, after)},
                      "docs: Always recommend to include a files property")
    assert (result.change_type, result.importance) == ("docs", "low")


_GO_UTILS = """package cors

type subdomain struct {
	prefix string
	suffix string
}
%s
func matchSubdomainOrigin(subdomains []subdomain, origin string) bool {
	for _, s := range subdomains {
		if s.matchNormalized(origin) {
			return true
		}
	}
	return false
}
"""
_GO_MATCH = """
func (s subdomain) match(o string) bool {
	isValid, normalizedOrigin := normalizeOrigin(o)
	if !isValid || normalizedOrigin != o {
		return false
	}

	return s.matchNormalized(o)
}
"""


def test_dead_private_code_removed_with_tests_retargeted_is_low():
    test_before = "package cors\n\nimport \"testing\"\n\nfunc Test_Match(t *testing.T) {\n\t_ = subdomain{}.match(\"a\")\n}\n"
    cases = "".join(f"\nfunc Test_Match{i}(t *testing.T) {{\n\tif matchSubdomainOrigin(nil, \"o{i}\") {{\n"
                    f"\t\tt.Fatal(\"matched\")\n\t}}\n}}\n" for i in range(6))
    test_after = "package cors\n\nimport \"testing\"\n" + cases
    result = analysed({"middleware/cors/utils.go": (_GO_UTILS % _GO_MATCH, _GO_UTILS % ""),
                       "middleware/cors/utils_test.go": (test_before, test_after)},
                      "test(cors): drop dead match wrapper")
    assert result.importance == "low"


_SESSION = """package session

type Session struct {
	id    string
	%(field)s  bool // if new session
}

func acquireSession() *Session {
	s := &Session{}
	s.%(field)s = true
	return s
}

// Fresh reports whether the session is new.
func (s *Session) Fresh() bool {
	return s.%(field)s
}

func (s *Session) refresh() {
	s.%(field)s = true
}

func (s *Session) reset() {
	s.%(field)s = false
}

func (s *Session) expire() {
	if s.%(field)s {
		s.%(field)s = false
	}
}
"""


def test_a_private_field_renamed_back_is_a_low_refactor_whatever_the_branch_says():
    result = analysed({"middleware/session/session.go": (_SESSION % {"field": "fresh"},
                                                         _SESSION % {"field": "isFresh"})},
                      "Merge pull request #4477 from acme/fix/session-isfresh\n\nbug: restore session isFresh field name")
    assert (result.change_type, result.importance) == ("refactor", "low")


def test_a_public_field_renamed_is_still_a_contract_change():
    public = _SESSION.replace("Session{}", "Session{ID: \"\"}")
    result = analysed({"middleware/session/session.go": (public % {"field": "Fresh2"}, public % {"field": "IsNew"})},
                      "Merge pull request #4478 from acme/fix/session-new\n\nbug: restore session IsNew field name")
    assert (result.change_type, result.importance) == ("fix", "high")


_WHEEL = '''class WheelCommand:
    def run(self, options, req):
        try:
            shutil.copy(req.local_file_path, options.wheel_dir)
        except OSError as e:
            logger.warning(
                %s
                req.name,
                e,
            )
            build_failures.append(req)
'''


def test_a_log_message_reworded_is_low():
    before = _WHEEL % '"Building wheel for %s failed: %s",'
    after = _WHEEL % '"Failed to copy built wheel %s to %s: %s",\n                options.wheel_dir,'
    test = ("def test_copy_failure_reported(script):\n    result = script.pip('wheel', expect_error=True)\n"
            + "".join(f"    assert 'line {i}' not in str(result)\n" for i in range(8)))
    result = analysed({"src/pkg/commands/wheel.py": (before, after), "tests/functional/test_wheel.py": ("", test)},
                      "Report `pip wheel` copy failures as copy failures")
    assert result.importance == "low"


def test_log_text_only_needs_every_changed_line_inside_a_log_call():
    logged = '@@ -1,4 +1,4 @@\n log.Printf(\n-\t"old %s",\n+\t"new %s",\n \tname)\n'
    assert log_text_only([logged])
    assert not log_text_only([logged + '@@ -9,2 +9,2 @@\n-x := 1\n+x := 2\n'])
    assert not log_text_only(['@@ -1,2 +1,2 @@\n-return "old"\n+return "new"\n'])


_STORE = """package session

func (s *Store) getSession(c Ctx) (*Session, error) {
	id := s.getSessionID(c)
	sess := acquireSession()
	sess.id = id
	%s
	return sess, nil
}
"""


def test_a_merged_branch_naming_a_vulnerability_is_a_high_security_fix():
    before, after = _STORE % "sess.extractor = s.Extractor", _STORE % "sess.extractor = s.sourceOf(c, id)"
    message = ("Merge pull request #4469 from acme/fix-session-id-persistence-vulnerability\n\n"
               "bug: preserve the successful extractor in chains")
    result = analysed({"middleware/session/store.go": (before, after)}, message)
    assert (result.change_type, result.importance) == ("security", "high")
    plain = analysed({"middleware/session/store.go": (before, after)},
                     message.replace("persistence-vulnerability", "persistence"))
    assert plain.importance != "high"
