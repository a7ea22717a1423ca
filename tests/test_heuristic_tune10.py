"""Rules of the eleventh tuning round (issue 8, tune10), each on a small snippet in the language it reads: release
version moves, documentation templates, dead private code, private fields renamed, log text, a merged branch's
words."""

from __future__ import annotations

from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.analyzers.heuristic.code.respelled.log_calls import log_text_only
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
    result = analysed({"client/compat.py": (before, before.replace('"1.2"', '"1.3"'))}, "require server 1.3")
    assert result.summary == ['`MIN_SERVER_VERSION` `"1.2"` → `"1.3"`'] and result.change_type != "chore"


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


_TYPING_H = """namespace typing {
class Optional : public object {
    using object::object;
};
%s
} // namespace typing
"""
_NEVER = """
class Never : public none {
    using none::none;
};

template <>
struct handle_type_name<typing::Never> {
    static constexpr auto name = const_name("Never");
};
"""


def test_support_for_python_typing_names_is_no_typing_cleanup():
    test = "".join(f"def test_never_{i}(doc):\n    assert doc(m.annotate_never_{i}) == 'f() -> Never'\n\n\n"
                   for i in range(4))
    files = {"include/mylib/typing.h": (_TYPING_H % "", _TYPING_H % _NEVER), "tests/test_types.py": ("", test)}
    assert analysed(files, "feat(types): adds support for Never from python Typing").importance == "medium"
    assert analysed(files, "feat(types): add support for Typing.Never").importance == "medium"
    # the header is C++ (a namespace, a class): read as such, its new public class ``Never`` is an addition
    # whatever the title says; the words alone no longer decide it
    assert analysed(files, "fix typing").importance == "medium"


_GO_MOD = "module example.com/web\n\ngo 1.22\n\nrequire (\n\tgithub.com/valyala/fasthttp %s\n)\n"
_COOKIE_TEST = """package cache

import "testing"

func Test_Cookies(t *testing.T) {
	cases := []struct {
		cookie   string
		%s
	}{
		{"normal"%s},
		{"value\\\\injected"%s},
	}
	for _, c := range cases {
		check(t, c)
	}
}
"""


def test_a_dependency_bump_that_rewrites_existing_tests_is_medium():
    mod = ("go.mod", (_GO_MOD % "v1.71.0", _GO_MOD % "v1.72.0"))
    test_before = _COOKIE_TEST % ("", "", "")
    test_after = _COOKIE_TEST % ("expected string", ', "c=normal"', ', "c="')
    title = "build(deps): bump github.com/valyala/fasthttp from 1.71.0 to 1.72.0"
    assert analysed(dict([mod, ("middleware/cache/cookie_test.go", (test_before, test_after))]),
                    title).importance == "medium"
    assert analysed(dict([mod]), title).importance == "low"


_CONFIGURE = """case "$enable_delayacct" in
   yes)
%s
      ;;
esac
"""
_LINKED = """      PKG_CHECK_MODULES(LIBNL3, libnl-3.0, [], [AC_MSG_ERROR([can not find libnl3])])
      LIBS="$LIBS $LIBNL3_LIBS"
"""
_HEADERS_ONLY = """      AC_CHECK_HEADERS([netlink/msg.h], [], [AC_MSG_ERROR([can not find netlink/msg.h])])
"""
_LIBNL = """#include <dlfcn.h>

static void* libnlHandle;

static int load_libnl(void) {
   if (libnlHandle)
      return 0;
%s
   return libnlHandle ? 0 : -1;
}
"""


def test_a_library_moved_from_linking_to_dlopen_is_high():
    files = {"configure.ac": (_CONFIGURE % _LINKED, _CONFIGURE % _HEADERS_ONLY),
             "linux/LibNl.c": (_LIBNL % "", _LIBNL % '   libnlHandle = dlopen("libnl-3.so", RTLD_LAZY);')}
    result = analysed(files, "linux: use dlopen for libnl3 instead of dynamic linking")
    assert result.importance == "high"
    linked = {"configure.ac": (_CONFIGURE % _LINKED, _CONFIGURE % (_LINKED + '      LIBS="$LIBS -ldl"\n')),
              "linux/LibNl.c": files["linux/LibNl.c"]}
    assert analysed(linked, "linux: load libnl3 plugins with dlopen").importance != "high"


_SETTINGS_C = """Settings* Settings_new(void) {
   Settings* this = xCalloc(1, sizeof(Settings));
%s
   if (!ok) {
      this->changed = true;
   }
   return this;
}
"""
_LEGACY_FIRST = """   bool ok = false;
   if (legacyDotfile) {
      ok = Settings_read(this, legacyDotfile);
   }
   if (!ok) {
      ok = Settings_read(this, this->filename);
   }"""
_MODERN_FIRST = """   bool ok = Settings_read(this, this->filename);
   if (!ok && legacyDotfile) {
      ok = Settings_read(this, legacyDotfile);
   }"""


def test_newer_settings_replaced_by_older_ones_is_a_data_loss_fix():
    files = {"Settings.c": (_SETTINGS_C % _LEGACY_FIRST, _SETTINGS_C % _MODERN_FIRST)}
    body = ("Read htoprc in modern location first before old one\n\nThis would prevent a case where configuration files"
            " exist in both locations and the new configuration gets replaced by the old one.")
    assert analysed(files, body).importance == "high"
    assert analysed(files, body.split("\n\n")[0]).importance != "high"


_SENSORS = """void LibSensors_getCPUTemperatures(CPUData* cpus, unsigned int existingCPUs, unsigned int activeCPUs) {
   double data[existingCPUs + 1];
   for (%(t)s i = 0; i <= existingCPUs; i++)
      data[i] = NAN;
   const %(t)s delta = activeCPUs / 2;
   for (%(t)s i = 1; i <= existingCPUs; i++)
      cpus[i].temperature = data[i + delta];
}
"""


def test_integer_indices_declared_with_another_integer_type_are_low():
    before, after = _SENSORS % {"t": "unsigned int"}, _SENSORS % {"t": "size_t"}
    files = {"linux/LibSensors.c": (before, after)}
    assert analysed(files, "Use size_t for array indices consistently").importance == "low"
    wider = before.replace("data[i + delta]", "data[i + delta + 1]")
    assert analysed({"linux/LibSensors.c": (before, wider.replace("unsigned int i", "size_t i"))},
                    "Use size_t for array indices consistently").importance != "low"


_SETTINGS_ALLOC = """Settings* Settings_new(void) {
   Settings* this = xCalloc(1, sizeof(Settings));
   this->screens = %s;
   return this;
}
"""


def test_calloc_count_and_size_passed_apart_is_low():
    before = _SETTINGS_ALLOC % "xCalloc(Platform_numberOfDefaultScreens * sizeof(ScreenSettings*), 1)"
    after = _SETTINGS_ALLOC % "xCalloc(Platform_numberOfDefaultScreens, sizeof(ScreenSettings*))"
    assert analysed({"Settings.c": (before, after)}, "Avoid multiplication in calloc argument").importance == "low"
    doubled = _SETTINGS_ALLOC % "xCalloc(Platform_numberOfDefaultScreens * sizeof(ScreenSettings*), 2)"
    assert analysed({"Settings.c": (before, doubled)}, "Allocate room for more screens").importance != "low"


def test_a_line_moved_is_not_a_respelling():
    from analysis.analyzers.heuristic.code.respelled.c_respellings import c_respelled_only
    moved = "@@ -1,6 +1,6 @@\n     break;\n   }\n-    ber_free(ber, 0);\n   }\n+  ber_free(ber, 0);\n   return result;\n"
    assert not c_respelled_only(moved, "lib/openldap.c", True)
    assert c_respelled_only("@@ -1 +1 @@\n-  for (int i = 0; i < n; i++)\n+  for (size_t i = 0; i < n; i++)\n",
                            "lib/x.c", True)


_VPA = """apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: {{ template "operator.name" . }}
spec:
%s  resourcePolicy:
    containerPolicies:
    - containerName: manager
"""
_GATED = """  {{- with .Values.manager.verticalPodAutoscaler.recommenders }}
  recommenders:
    {{- toYaml . | nindent 4 }}
  {{- end }}
"""
_SCHEMA = """{
  "type": "object",
  "properties": {
    "manager": {
      "type": "object",
      "properties": {
        "image": {"type": "string"}%s
      }
    }
  }
}
"""
_RECOMMENDERS = """,
        "recommenders": {"type": "array", "default": [], "maxItems": 1, "items": {"type": "object"}}"""


def test_an_opt_in_chart_value_gated_in_its_template_with_its_schema_property_is_medium():
    files = {"charts/operator/templates/verticalpodautoscaler.yaml": (_VPA % "", _VPA % _GATED),
             "charts/operator/values.schema.json": (_SCHEMA % "", _SCHEMA % _RECOMMENDERS)}
    assert analysed(files, "feat(operator): support custom recommender name for vpa").importance == "medium"
    always = {"charts/operator/templates/verticalpodautoscaler.yaml": (_VPA % "", _VPA % "  recommenders: []\n"),
              "charts/operator/values.schema.json": files["charts/operator/values.schema.json"]}
    assert analysed(always, "feat(operator): support custom recommender name for vpa").importance == "high"
