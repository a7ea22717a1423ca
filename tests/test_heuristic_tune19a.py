"""Rules of the twentieth tuning round (issue 8, tune19a), each on a small snippet: a macro moved between headers, a
C++ parameter's name left out, a release's changelog quoting crash fixes, a rolling image tag bumped, a CRD copied
anew with only its version stamps moved: none is high; a title naming an attack class (ReDoS) is a security fix."""

from __future__ import annotations

from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.analyzers.heuristic.code.respelled.amalgamation import amalgamation_only
from analysis.analyzers.heuristic.config.charts.deploy import version_pin
from analysis.analyzers.heuristic.config.charts.version_stamps import version_stamps_only
from analysis.analyzers.heuristic.lifting import crash_fix
from analysis.analyzers.signatures import compare
from analysis.facts import derive_facts
from analysis.models import Fact
from tests.facts_support import analysed, commit_of, patch_of

_LITERAL = """#pragma once
#include "../types.hpp"
#include "../value.hpp"

namespace toml
{
inline namespace literals
{
::toml::value operator"" _toml(const char* str, std::size_t len);

#if defined(__cpp_char8_t)
#  if __cpp_char8_t >= 201811L
#    define TOML11_HAS_CHAR8_T 1
#  endif
#endif

#if defined(TOML11_HAS_CHAR8_T)
::toml::value operator"" _toml(const char8_t* str, std::size_t len);
#endif
} // literals
} // toml
"""

_VERSION = """#pragma once
#define TOML11_VERSION_MAJOR 4
#define TOML11_VERSION_MINOR 0

#ifndef TOML11_CXX20_VALUE
#define TOML11_CXX20_VALUE 202002L
#endif
"""


def _evidence(files: dict, message: str):
    commit, texts = commit_of(files, message)
    return evidence_of(commit, derive_facts(commit, texts))


def test_a_macro_moved_from_a_namespaced_header_to_another_is_no_removal():
    block = "#if defined(__cpp_char8_t)\n#  if __cpp_char8_t >= 201811L\n#    define TOML11_HAS_CHAR8_T 1\n#  endif\n#endif\n"
    literal = _LITERAL.replace(block + "\n", "").replace('#include "../value.hpp"', '#include "../version.hpp"')
    version = _VERSION + "\n" + block
    files = {"include/toml11/fwd/literal_fwd.hpp": (_LITERAL, literal), "include/toml11/version.hpp": (_VERSION, version)}
    e = _evidence(files, "refactor: move HAS_CHAR8_T to version.hpp")
    removed = [f for f in e.of("symbol_removed") if f.symbol and f.symbol.endswith("TOML11_HAS_CHAR8_T")]
    assert removed and "::" in removed[0].symbol  # read inside the namespace block: a qualified name
    assert e.moved(removed[0]) and not e.api_breaks
    assert analysed(files, "refactor: move HAS_CHAR8_T to version.hpp").importance != "high"
    # the macro removed and defined nowhere else: callers testing it lose it
    gone = {"include/toml11/fwd/literal_fwd.hpp": (_LITERAL, literal)}
    assert [f.symbol for f in _evidence(gone, "refactor: drop HAS_CHAR8_T").api_breaks] == [removed[0].symbol]


def test_a_cpp_parameter_written_without_its_name_is_the_same_call():
    before = "std::string to_string(const source_location& loc)"
    after = "std::string to_string(const source_location&)"
    delta = compare(before, after, "single_include/toml.hpp")
    assert not delta.breaking and not delta.removed
    assert not compare(after, before, "single_include/toml.hpp").breaking  # a name given back: the same call too
    # another type in its place is another signature
    assert compare(before, "std::string to_string(const region&)", "single_include/toml.hpp").breaking
    header = "#pragma once\n#include <string>\nnamespace toml {\n" + before + ";\n}\n"
    files = {"include/toml.hpp": (header, header.replace(before, after))}
    e = _evidence(files, "update single_include")
    assert [f.symbol for f in e.of("signature_changed")] == ["to_string"] and e.api_breaks == []
    assert analysed(files, "update single_include").importance != "high"


_C = """#include "zlib.h"

int gzsetparams(gzFile file, int level, int strategy) {
    if (file == NULL)
        return Z_STREAM_ERROR;
    return update(file, level, strategy);
}
"""

_CHANGES = "# Changelog\n\n## 1.2.13\n\n- Fix bug in deflateBound()\n"
_RELEASED = "# Changelog\n\n## 1.3\n\n- Fix crash when gzsetparams() attempted for transparent write\n\n" + _CHANGES[12:]


def test_a_releases_changelog_quoting_a_crash_fix_is_no_crash_fix():
    code = _C.replace("return update(file, level, strategy);", "return update(file, level, strategy, 0);")
    files = {"CHANGELOG.md": (_CHANGES, _RELEASED), "gzwrite.c": (_C, code)}
    released = _evidence(files, "zlib 1.3")
    assert any("Fix crash" in entry for entry in released.changelog)
    assert not crash_fix(released, "chore")
    assert analysed(files, "zlib 1.3").importance != "high"
    # the same changelog line beside the fix itself names what the commit fixes
    fixed = _evidence(files, "Avoid a crash in gzsetparams() for transparent write")
    assert crash_fix(fixed, "fix")


def _tag(before: str, after: str, key: str = "image.tag") -> Fact:
    return Fact(kind="config_value_changed", path="charts/vm/values.yaml", symbol=key, before=before, after=after)


def test_a_rolling_images_tag_bumped_is_a_version_pin():
    assert version_pin(_tag("12-debian-12-r44", "12-debian-12-r45"))
    assert version_pin(_tag("3-alpine", "4-alpine"))
    assert not version_pin(_tag("12", "13"))  # a bare number under a tag key is not read as a version
    assert not version_pin(_tag("12-debian-12-r44", "true"))
    values = "image:\n  registry: docker.io\n  repository: bitnami/os-shell\n  tag: 12-debian-12-r44\nreplicas: 1\n"
    files = {"charts/vm/values.yaml": (values, values.replace("r44", "r45"))}
    assert _evidence(files, "[charts/vm] Update dependency references").pinned == {"charts/vm/values.yaml"}
    assert analysed(files, "[charts/vm] Update dependency references").importance == "low"
    assert _evidence({"charts/vm/values.yaml": (values, values.replace("replicas: 1", "replicas: 2"))},
                     "[charts/vm] Update dependency references").config_breaks


_CRD = """# Source: https://example.org/v{version}/crd-manifest.yaml
# Version: 0.16.1
{{- if .Values.crd.create }}
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  annotations:
    controller-gen.kubebuilder.io/version: v0.15.0
  name: dnsendpoints.externaldns.k8s.io
spec:
  group: externaldns.k8s.io
  versions:
  - name: v1alpha1
    schema:
      openAPIV3Schema:
        properties:
          targets:
            type: array
{{- end }}
"""


def test_a_crd_copied_anew_with_only_its_version_stamps_moved_is_no_interface_change():
    stamped = (_CRD.replace("v{version}/crd-manifest.yaml", "refs/tags/v{version}/dnsendpoint.yaml")
               .replace("# Version: 0.16.1", "# Version: 0.17.0").replace("version: v0.15.0", "version: v0.17.2"))
    path = "charts/dns/templates/crds/crd.yaml"
    assert version_stamps_only(path, patch_of(_CRD, stamped))
    e = _evidence({path: (_CRD, stamped)}, "[charts/dns] Update dependency references")
    assert e.api_changes == []
    # a field's type changed beside the stamps is an interface change
    retyped = stamped.replace("type: array", "type: string")
    assert not version_stamps_only(path, patch_of(_CRD, retyped))
    assert _evidence({path: (_CRD, retyped)}, "[charts/dns] Update dependency references").api_changes == [path]


_JS = """var reHasUnicodeWord = /[a-z][A-Z]|[A-Z]{2,}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]/;

function hasUnicodeWord(string) {
  return reHasUnicodeWord.test(string);
}
"""


def test_a_title_naming_an_attack_class_is_a_security_fix():
    fixed = _JS.replace("[A-Z]{2,}[a-z]", "[A-Z]{2}[a-z]")
    files = {"lodash.js": (_JS, fixed)}
    analysis = analysed(files, "Prevent ReDoS")
    assert (analysis.change_type, analysis.importance) == ("security", "high")
    assert analysed(files, "Tighten the upper-case word pattern").importance != "high"


_SINGLE = """#pragma once
namespace toml {
template<typename T>
void cleanup(T& v) {
    switch (v.type) {
        case 0: return;
        default: destroy(v);
    }
}
}
"""


def test_a_single_header_build_regenerated_alone_is_a_low_chore():
    regenerated = _SINGLE.replace("case 0: return;", "case 0: break;")
    files = {"single_include/toml.hpp": (_SINGLE, regenerated)}
    analysis = analysed(files, "feat [skip ci]: update single_include")
    assert (analysis.change_type, analysis.importance) == ("chore", "low")
    assert amalgamation_only(_evidence(files, "update single_include"))
    # the same change made in the project's own header beside it is judged by its code: the author's fix
    beside = {"include/toml11/value.hpp": (_SINGLE, regenerated), **files}
    assert not amalgamation_only(_evidence(beside, "fix: break instead of return in cleanup"))
    assert analysed(beside, "fix: break instead of return in cleanup").change_type == "fix"
    # a new single header is one users could not include before
    assert not amalgamation_only(_evidence({"single_include/toml_fwd.hpp": (None, _SINGLE)}, "add toml_fwd.hpp"))


_CHART = """apiVersion: v2
name: milvus
version: 13.2.6
dependencies:
- name: etcd
  repository: oci://registry-1.docker.io/bitnamicharts
  version: 11.x.x
- name: common
  repository: oci://registry-1.docker.io/bitnamicharts
  version: 2.x.x
"""


def test_a_charts_own_major_raised_with_a_subcharts_major_is_high():
    from analysis.analyzers.heuristic.config.builds.dependency_changes import major_bump
    from analysis.analyzers.heuristic.config.builds.own_major import own_major_with_dependency
    assert major_bump("11.x.x", "12.x.x") and not major_bump("3206.vb_15dcf73f6a_9-3", "3300.v2a_1b")
    subchart = _CHART.replace("version: 11.x.x", "version: 12.x.x")
    path = "charts/milvus/Chart.yaml"
    major = {path: (_CHART, subchart.replace("version: 13.2.6", "version: 14.0.0"))}
    e = _evidence(major, "[charts/milvus] Update ETCD subchart")
    assert [f.symbol for f in e.major_bumps] == ["etcd"] and own_major_with_dependency(e)
    assert analysed(major, "[charts/milvus] Update ETCD subchart").importance == "high"
    # the subchart's major under a patch release of the chart: an upgrade users adopt, medium as before
    patch = {path: (_CHART, subchart.replace("version: 13.2.6", "version: 13.2.7"))}
    assert not own_major_with_dependency(_evidence(patch, "[charts/milvus] Update ETCD subchart"))
    assert analysed(patch, "[charts/milvus] Update ETCD subchart").importance == "medium"
    # a release commit publishes what was judged in its own commits
    assert not own_major_with_dependency(_evidence(major, "Release 14.0.0"))


_POM = """<project>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <java.version>1.7</java.version>
  </properties>
</project>
"""


def test_a_poms_java_level_raised_is_a_runtime_floor():
    from analysis.analyzers.heuristic.config.builds.toolchain import toolchain_minimums
    from analysis.analyzers.heuristic.lifting import runtime_floor_raised
    files = {"pom.xml": (_POM, _POM.replace("<java.version>1.7</java.version>", "<java.version>1.8</java.version>"))}
    e = _evidence(files, "Require Java 8")
    [minimum] = toolchain_minimums(e.facts, e.files)
    assert (minimum.key, minimum.before, minimum.after, minimum.raised, minimum.runtime) == ("java", "1.7", "1.8",
                                                                                               True, True)
    assert runtime_floor_raised(e)
    assert analysed(files, "Require Java 8").importance == "high"
    # another property of the pom moved is no floor
    other = {"pom.xml": (_POM, _POM.replace("UTF-8", "ISO-8859-1"))}
    assert toolchain_minimums(_evidence(other, "x").facts, _evidence(other, "x").files) == []


def test_a_macro_moved_into_another_header_is_no_new_public_symbol():
    block = "#if defined(__cpp_char8_t)\n#  if __cpp_char8_t >= 201811L\n#    define TOML11_HAS_CHAR8_T 1\n#  endif\n#endif\n"
    literal = _LITERAL.replace(block + "\n", "").replace('#include "../value.hpp"', '#include "../version.hpp"')
    files = {"include/toml11/fwd/literal_fwd.hpp": (_LITERAL, literal),
             "include/toml11/version.hpp": (_VERSION, _VERSION + "\n" + block)}
    e = _evidence(files, "refactor: move HAS_CHAR8_T to version.hpp")
    [added] = [f for f in e.of("symbol_added") if f.symbol == "TOML11_HAS_CHAR8_T"]
    assert e.is_public(added) and e.arrived(added)
    assert analysed(files, "refactor: move HAS_CHAR8_T to version.hpp").importance == "low"
    # a macro added to a header with none removed elsewhere is new public API
    new = {"include/toml11/version.hpp": (_VERSION, _VERSION + "\n" + block)}
    [fresh] = [f for f in _evidence(new, "add HAS_CHAR8_T").of("symbol_added") if f.symbol == "TOML11_HAS_CHAR8_T"]
    assert not _evidence(new, "add HAS_CHAR8_T").arrived(fresh)


_CTOR = """#include "syntax.hpp"
#include <cassert>

non_ascii_key_char::non_ascii_key_char(const spec& s) noexcept
{
    assert(s.v1_1_0_allow_non_english_in_bare_keys);
}
"""


def test_an_unused_parameter_cast_to_void_is_low():
    from analysis.analyzers.heuristic.code.respelled.void_casts import void_casts_only
    marked = _CTOR.replace("bare_keys);\n", "bare_keys);\n    (void)s; // for NDEBUG\n")
    files = {"include/toml11/impl/syntax_impl.hpp": (_CTOR, marked)}
    e = _evidence(files, "fix: ignore argument for NDEBUG build")
    assert void_casts_only(e.behaviour)
    assert analysed(files, "fix: ignore argument for NDEBUG build").importance == "low"
    # a call whose result is discarded runs code: not a mark
    called = _CTOR.replace("bare_keys);\n", "bare_keys);\n    (void)check(s);\n")
    assert not void_casts_only(_evidence({"include/toml11/impl/syntax_impl.hpp": (_CTOR, called)}, "fix").behaviour)


_MIXED = """import { AnyObject, Flags } from './util/types';

export function create<TType = any>(spec?: MixedOptions<TType>) {
  return new MixedSchema<TType | undefined>(spec);
}

export default class MixedSchema<
  TType = any,
  TContext = AnyObject,
> extends Schema<TType, TContext> {
  constructor(spec?: MixedOptions<TType>) {
    super(spec);
  }
}
"""


def test_a_public_generics_type_parameter_default_replaced_is_high():
    from analysis.analyzers.heuristic.api.type_defaults import type_defaults_replaced
    files = {"src/mixed.ts": (_MIXED, _MIXED.replace("TType = any", "TType = unknown"))}
    e = _evidence(files, "fix: change mixed generic to unknown from any")
    assert type_defaults_replaced(e) == [("TType", "any", "unknown")]
    assert analysed(files, "fix: change mixed generic to unknown from any").importance == "high"
    # a default added where there was none leaves every caller's type as it was
    added = {"src/mixed.ts": (_MIXED, _MIXED.replace("  TContext = AnyObject,\n", "  TContext = AnyObject,\n  TOut = TType,\n"))}
    assert type_defaults_replaced(_evidence(added, "feat: TOut")) == []


def test_a_title_describing_prototype_pollution_is_a_security_fix():
    fixed = _JS.replace("return reHasUnicodeWord.test(string);", "return string != null && reHasUnicodeWord.test(string);")
    files = {"lodash.js": (_JS, fixed)}
    analysis = analysed(files, "Ensure Object.prototype is not augmented by _.merge.")
    assert (analysis.change_type, analysis.importance) == ("security", "high")
    assert analysed(files, "Ensure Object.keys is not called on null").change_type != "security"


_CONFIGMAP = """apiVersion: v1
kind: ConfigMap
data:
  users.acl: |-
    {{- range .Values.auth.acl.users }}
    user {{ .username }} on >{{ include "redis.secretPassword" $ }}
    {{- end }}
"""

_GO_AUTH = """package auth

func Password(users map[string]string, name string) string {
\treturn users[name]
}
"""


def test_a_secret_named_in_a_manifest_fix_is_a_resource_not_a_security_fix():
    from analysis.analyzers.heuristic.lifting import strong_security
    inline = _CONFIGMAP.replace('{{ include "redis.secretPassword" $ }}', "{{ .password }}")
    files = {"charts/redis/templates/configmap.yaml": (_CONFIGMAP, inline)}
    title = "[charts/redis] bugfix: issue on ACL when no existing users secret is passed"
    e = _evidence(files, title)
    assert e.security_words == ["secret"] and not strong_security(e, "fix")
    # another security word in the same change still counts, and a secret in product code is security-related
    assert strong_security(_evidence(files, "[charts/redis] fix: ACL password leaked in the configmap"), "fix")
    code = {"auth/auth.go": (_GO_AUTH, _GO_AUTH.replace("return users[name]", "return users[name+\"-\"]"))}
    assert strong_security(_evidence(code, "fix: issue when no users secret is passed"), "fix")
