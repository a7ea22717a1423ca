"""Rules of the thirteenth tuning round (issue 8, tune12), each on a small snippet in the language it reads: a
header injection the message names is a security fix; a compose
file's default image moved from a build's own tag to a release is a version pin; one name put in another's place in
messages and comments is a low chore; a package.json's entry points changed are high, one added medium; a build
file change titled as a build failure fixed is medium."""

from __future__ import annotations

import difflib

from analysis.analyzers.heuristic.code.respelled.renamed_text import renamed_in_text_only
from analysis.analyzers.heuristic.config.charts.deploy import version_pin
from analysis.models import Fact
from tests.facts_support import analysed

_HEADER = """#include <string>

inline std::string part_header(const std::string &type) {
  std::string out = "Content-Type: ";
  out += type;
  return out + "\\r\\n";
}
"""
_ESCAPED = _HEADER.replace("  out += type;", """  for (auto c : type) {
    if (c == '\\r') { out += "%0D"; } else if (c == '\\n') { out += "%0A"; } else { out += c; }
  }""")


def test_escaping_cr_lf_in_a_written_header_named_as_header_injection_is_high():
    message = ("Escape CR and LF in multipart part content types\n\nThe content type was concatenated into the "
               "part's Content-Type header unescaped, so embedded CR/LF could inject arbitrary part headers.")
    result = analysed({"include/part.h": (_HEADER, _ESCAPED)}, message)
    assert result.importance == "high"
    named = analysed({"include/part.h": (_HEADER, _ESCAPED)},
                     "Escape CR and LF in part content types\n\nSame header-injection vector as before.")
    assert named.importance == "high"
    plain = analysed({"include/part.h": (_HEADER, _ESCAPED)},
                     "Escape CR and LF in part content types\n\nSo that values print on one line.")
    assert plain.importance == "medium"


_COMPOSE = """x-default-image: &image ${CLIENT_IMAGE:-example/client-test:custom-26172898734-debian}
services:
  redis:
    image: *image
    ports:
      - 6379:6379
"""


def test_a_compose_default_image_moved_from_a_build_tag_to_a_release_is_a_pin():
    pinned = Fact(kind="config_value_changed", path="docker-compose.yml", symbol="x-default-image",
                  before="${CLIENT_IMAGE:-example/client-test:custom-26172898734-debian}",
                  after="${CLIENT_IMAGE:-example/client-test:8.8.0}")
    assert version_pin(pinned)
    other = pinned.model_copy(update={"after": "${CLIENT_IMAGE:-example/other-image:8.8.0}"})
    assert not version_pin(other)
    result = analysed({"docker-compose.yml": (_COMPOSE, _COMPOSE.replace("custom-26172898734-debian", "8.8.0")),
                       "README.md": ("# Client\n\nSupports Redis 8.6.\n", "# Client\n\nSupports Redis 8.8.\n")},
                      "chore(doc): Update README and CI image.")
    assert result.importance == "low"


_SYSCHECK = """#include <stdio.h>

int check_memory(const char **error_msg) {
    /* ./redis-server --check-system runs this check */
    *error_msg = "This will create latency and memory usage issues with Redis. "
                 "Redis must be restarted after THP is disabled.";
    return -1;
}
"""


def test_a_product_name_replaced_in_messages_and_comments_only_is_a_low_chore():
    after = _SYSCHECK.replace("redis-server", "valkey-server").replace("Redis", "Valkey")
    result = analysed({"src/syscheck.c": (_SYSCHECK, after)}, "Update redis* to valkey* in syscheck.c")
    assert (result.change_type, result.importance) == ("chore", "low")
    reworded = after.replace("must be restarted", "needs a restart")
    assert renamed_in_text_only([_patch(_SYSCHECK, after)])
    assert not renamed_in_text_only([_patch(_SYSCHECK, reworded)])


def _patch(before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1)
    return "\n".join(lines)


_PACKAGE = """{
  "name": "dates",
  "version": "3.0.0",
  "exports": {
    ".": {
      "import": {"types": "./index.d.mts", "default": "./index.mjs"},
      "require": {"types": "./index.d.ts", "default": "./index.js"}
    }
  },
  "scripts": {"build": "node build.js"}
}
"""


def test_a_package_json_exports_map_changed_is_high_and_one_entry_added_is_medium():
    retargeted = _PACKAGE.replace("./index.d.mts", "./index.d.ts")
    result = analysed({"package.json": (_PACKAGE, retargeted)}, "Fix ESM types problem by removing d.mts")
    assert result.importance == "high"
    added = _PACKAGE.replace('    }\n  },', '    },\n    "./package.json": "./package.json"\n  },')
    result = analysed({"package.json": (_PACKAGE, added)}, "Add package.json to exports")
    assert result.importance == "medium"
    scripts = _PACKAGE.replace("node build.js", "node build.mjs")
    assert analysed({"package.json": (_PACKAGE, scripts)}, "Rename the build script").importance == "low"


_MESON = """project('netlib', 'cpp')
cxx = meson.get_compiler('cpp')
anl = cxx.find_library('anl')
deps = [anl]
"""
_MESON_FIXED = _MESON.replace("anl = cxx.find_library('anl')", """if cxx.has_function('getaddrinfo_a')
  anl = []
else
  anl = cxx.find_library('anl')
endif""")


def test_a_build_file_change_titled_as_a_build_failure_fixed_is_medium():
    fixed = analysed({"meson.build": (_MESON, _MESON_FIXED)},
                     "meson: fix build failure on glibc >= 2.34 without standalone libanl")
    assert (fixed.change_type, fixed.importance) == ("build", "medium")
    tidied = analysed({"meson.build": (_MESON, _MESON_FIXED)}, "meson: look up getaddrinfo_a in libc first")
    assert tidied.importance == "low"
