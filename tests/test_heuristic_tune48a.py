"""Rules of the tuning round on the forty-eighth set (issue 8, tune48a), each on a small snippet: a root ``t/`` test
folder (Perl's ``prove``, celery's suites), Rust's ``let _ = name;`` marking names used, Java lines moved rather than
given a ``final``, private definitions only added (groundwork nothing that was there calls), stored items said lost
(data loss), a Makefile of package-manager shortcuts (no build), a statement moved out of its block, and a C/C++
read's count checked where it was dropped (a short read no longer decoded)."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.behaviour.rescoped import statements_rescoped
from analysis.analyzers.heuristic.code.behaviour.short_reads import short_reads_checked
from analysis.analyzers.heuristic.code.respelled.java_modifiers import java_modifiers_only
from analysis.analyzers.heuristic.code.respelled.void_casts import rust_unused_bound_only
from analysis.analyzers.heuristic.config.builds.task_makefile import task_makefile
from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import FileChange
from tests.facts_support import analysed, patch_of


def _change(path: str, before: str | None, after: str | None) -> FileChange:
    patch = patch_of(before, after)
    return FileChange(path=path, status="modified" if before is not None else "added",
                      additions=patch.count("\n+") + patch.startswith("+"),
                      deletions=patch.count("\n-") + patch.startswith("-"), patch=patch)


# --- a root ``t/`` folder and ``.t`` scripts are the test suite ---------------------------------------------------

_ISSUE_T = """#!/usr/bin/env perl

use strict;
use Test::More;

sub when {
    my ($name, $params, $expected_tcp, $expected_udp) = @_;
    my $server = run_server($params);
    my %ports = read_ports();

    validate_port($name, $ports{'TCP INET'}, $expected_tcp);
    validate_port($name, $ports{'UDP INET'}, $expected_udp);
}

done_testing();
"""

_ISSUE_T_AFTER = (_ISSUE_T.replace("$ports{'TCP INET'},", "$ports{'TCP INET'} || $ports{'TCP INET6'},")
                  .replace("$ports{'UDP INET'},", "$ports{'UDP INET'} || $ports{'UDP INET6'},"))


def test_root_t_folder_and_tap_scripts_are_tests() -> None:
    assert "test" in classify_path("t/issue_67.t")
    assert "test" in classify_path("t/lib/MemcachedTest.pm")
    assert "test" in classify_path("t/integration/common.py")
    assert "test" in classify_path("perl/t/basic.t")
    # a ``t`` folder deeper in the tree holding other files, and a ``.t`` file elsewhere, are not the suite
    assert "test" not in classify_path("src/t/table.c")
    assert "test" not in classify_path("templates/page.t")
    result = analysed({"t/issue_67.t": (_ISSUE_T, _ISSUE_T_AFTER)},
                      "Fix test compatibility on IPv6-only systems.\n\nCheck IPv6-bound port when IPv4 is not in use.")
    assert result.importance == "low"


# --- Rust's ``let _ = name;``: a name marked used, nothing evaluated ---------------------------------------------

_TLS_RS = """use std::sync::Arc;

impl TlsParametersBuilder {
    pub fn build_rustls(self) -> Result<TlsParameters, Error> {
        let (added, ignored) = root_cert_store.add_parsable_certificates(certs);
        #[cfg(feature = "tracing")]
        tracing::debug!("loaded platform certs, {added} valid and {ignored} ignored (invalid) certs");
        Ok(TlsParameters::new(self.domain, root_cert_store))
    }
}
"""

_UNUSED = """        #[cfg(not(feature = "tracing"))]
        let _ = (added, ignored);
"""
_TLS_RS_AFTER = _TLS_RS.replace("        Ok(TlsParameters", _UNUSED + "        Ok(TlsParameters")
#: a call bound to the wildcard runs it: ``let _ = f();`` is code, not a name marked used
_TLS_RS_CALL = _TLS_RS.replace("        Ok(TlsParameters", "        let _ = root_cert_store.verify();\n"
                                                           "        Ok(TlsParameters")


def test_rust_names_bound_to_the_wildcard_are_marked_used() -> None:
    assert rust_unused_bound_only([_change("src/tls.rs", _TLS_RS, _TLS_RS_AFTER)])
    assert not rust_unused_bound_only([_change("src/tls.rs", _TLS_RS, _TLS_RS_CALL)])
    title = "style: fix `rustls-native-tls` warnings when `tracing` is disabled"
    assert analysed({"src/tls.rs": (_TLS_RS, _TLS_RS_AFTER)}, title).importance == "low"
    assert analysed({"src/tls.rs": (_TLS_RS, _TLS_RS_CALL)}, title).importance == "medium"


# --- Java: lines moved in a ``switch`` are no modifier --------------------------------------------------------------

_DETECTOR = """package timber.lint;

final class Detector {
  private static boolean checkArgument(char conversion, Class<?> type) {
    boolean valid;
    switch (conversion) {
      case 'h':
      case 'H':
      case 's':
      case 'S':
        valid = type != Boolean.TYPE && !Number.class.isAssignableFrom(type);
        break;
      default:
        valid = true;
    }
    return valid;
  }
}
"""

_DETECTOR_MOVED = _DETECTOR.replace("""      case 's':
      case 'S':
        valid = type != Boolean.TYPE && !Number.class.isAssignableFrom(type);
        break;
      default:""", """        valid = type != Boolean.TYPE && !Number.class.isAssignableFrom(type);
        break;
      case 's':
      case 'S':
      default:""")
_DETECTOR_FINAL = _DETECTOR.replace("(char conversion, Class<?> type)", "(final char conversion, final Class<?> type)")


def test_java_lines_moved_are_no_modifier_change() -> None:
    path = "lint/src/main/java/timber/lint/Detector.java"
    assert java_modifiers_only([_change(path, _DETECTOR, _DETECTOR_FINAL)])
    assert not java_modifiers_only([_change(path, _DETECTOR, _DETECTOR_MOVED)])
    moved = analysed({path: (_DETECTOR, _DETECTOR_MOVED)}, "Allow any type into a '%s' format marker.")
    assert moved.importance == "medium"
    assert analysed({path: (_DETECTOR, _DETECTOR_FINAL)}, "Declare parameters final").importance == "low"


# --- private definitions only added: nothing that was there calls them ----------------------------------------------

_BUILDER_GO = """package cmds

import (
	"strings"
	"sync"
)

type CommandSlice struct {
	s []string
	l int32
}

func (cs *CommandSlice) Build() {
	cs.l = int32(len(cs.s))
}

func newCommandSlice(s []string) *CommandSlice {
	return &CommandSlice{s: strings.Fields(strings.Join(s, " ")), l: int32(len(s))}
}
"""

_BUILDER_GO_PINNED = (_BUILDER_GO.replace('	"sync"\n', '	"sync"\n	"sync/atomic"\n')
                      .replace("	l int32\n}", "	l int32\n	r int32\n}")
                      .replace("func newCommandSlice", """func (cs *CommandSlice) Pin() int32 {
	return atomic.AddInt32(&cs.r, 1)
}

func (cs *CommandSlice) Unpin() int32 {
	return atomic.AddInt32(&cs.r, -1)
}

func newCommandSlice"""))
#: an existing function now calls the new method: the new code runs
_BUILDER_GO_CALLED = _BUILDER_GO_PINNED.replace("	cs.l = int32(len(cs.s))\n", "	cs.l = int32(len(cs.s))\n	cs.Pin()\n")
#: a ``String`` method: ``fmt`` calls it by its name, no caller in the source needed
_BUILDER_GO_STRING = _BUILDER_GO_PINNED.replace("func (cs *CommandSlice) Unpin() int32 {\n	return atomic.AddInt32(&cs.r, -1)",
                                                "func (cs *CommandSlice) String() string {\n	return strings.Join(cs.s, \" \")")

_BUILDER_TEST_GO = """package cmds

import "testing"

func TestBuild(t *testing.T) {
	newCommandSlice([]string{"GET", "a"}).Build()
}
"""

_BUILDER_TEST_GO_AFTER = _BUILDER_TEST_GO + """
func TestPin(t *testing.T) {
	cs := newCommandSlice([]string{"GET", "a"})
	if cs.Pin() != 1 {
		t.Fail()
	}
}
"""


def _pinned(after: str) -> str:
    return analysed({"internal/cmds/builder.go": (_BUILDER_GO, after),
                     "internal/cmds/builder_test.go": (_BUILDER_TEST_GO, _BUILDER_TEST_GO_AFTER)},
                    "feat: store ref count in a command").importance


def test_private_definitions_only_added_are_groundwork() -> None:
    assert _pinned(_BUILDER_GO_PINNED) == "low"
    assert _pinned(_BUILDER_GO_CALLED) == "medium"
    assert _pinned(_BUILDER_GO_STRING) == "medium"


# --- stored items lost, said in the message: data loss -------------------------------------------------------------

_STORAGE_C = """static void storage_compact_readback(item *it, item *hdr_it, obj_io io) {
    if (do_update) {
        if (it->refcount == 2) {
            hdr->page_version = io.page_version;
            hdr->offset = io.offset;
        }
    }
}
"""

_STORAGE_C_AFTER = _STORAGE_C.replace("if (it->refcount == 2)", "if (hdr_it->refcount == 2)")

_REFCOUNT_TITLE = "extstore: fix compaction checks wrong refcount\n\n"


def test_stored_items_lost_is_data_loss() -> None:
    assert R.CRASH_WORDS.search("which would later lead to a miss and loss of the item.")
    assert R.CRASH_WORDS.search("queued messages are silently lost on reconnect")
    assert not R.CRASH_WORDS.search("a loss of precision in the float parser")
    lost = analysed({"storage.c": (_STORAGE_C, _STORAGE_C_AFTER)}, _REFCOUNT_TITLE + (
        "When compaction's readback checks whether an item header is safe to modify in place, we checked the wrong "
        "item. This lead to a busy item having its page data updated in place, which would later lead to a miss "
        "and loss of the item."))
    assert lost.importance == "high"
    unsaid = analysed({"storage.c": (_STORAGE_C, _STORAGE_C_AFTER)}, _REFCOUNT_TITLE + (
        "When compaction's readback checks whether an item header is safe to modify in place, we checked the wrong "
        "item."))
    assert unsaid.importance == "medium"


# --- a Makefile of package-manager shortcuts is no build ----------------------------------------------------------

_SHORTCUTS = """all: test

check:
\t@cargo check --all-features

test:
\t@echo "CARGO TESTS"
\t@cargo test --all-features

lint:
\t@rustup component add clippy 2> /dev/null
\t@cargo clippy --examples --tests

.PHONY: all check test lint
"""
#: a Makefile that compiles: the build itself
_COMPILES = """all: libdemo.a

libdemo.a: demo.o
\t$(AR) rcs $@ $^

demo.o: demo.c
\t$(CC) $(CFLAGS) -c demo.c

.PHONY: all
"""

_CI = """jobs:
  test:
    strategy:
      matrix:
        include:
          - os: macos-latest
            rust: 1.51.0
"""


def test_makefile_of_package_manager_shortcuts_is_no_build() -> None:
    assert task_makefile(_change("Makefile", None, _SHORTCUTS))
    assert not task_makefile(_change("Makefile", None, _COMPILES))
    title = "Fixed CI workflow for macos and added makefile"
    ci = (_CI, _CI.replace("rust: 1.51.0", "rust: 1.56.0"))
    assert analysed({".github/workflows/ci.yml": ci, "Makefile": (None, _SHORTCUTS)}, title).importance == "low"
    assert analysed({".github/workflows/ci.yml": ci, "Makefile": (None, _COMPILES)}, title).importance == "medium"


# --- a statement moved out of its block runs on another path -----------------------------------------------------

_FUZZY_RS = """impl FuzzySelect<'_> {
    fn interact_on(&self, term: &Term) -> io::Result<usize> {
        loop {
            if changed {
                render.fuzzy_select_prompt(self.prompt.as_str(), &search_term)?;
                term.flush()?;
            }

            match term.read_key()? {
                Key::Enter => return Ok(sel),
                _ => {}
            }
        }
    }
}
"""

_FUZZY_RS_MOVED = _FUZZY_RS.replace("""                term.flush()?;
            }
""", """            }
            term.flush()?;
""")
#: the same statement moved while the block around it is rewritten: the nesting reduced, not the path changed
_FUZZY_RS_REWRITTEN = _FUZZY_RS_MOVED.replace("            if changed {\n", "            if changed && !quiet {\n")


def test_statement_moved_out_of_its_block_is_a_behaviour_change() -> None:
    path = "src/prompts/fuzzy_select.rs"
    assert statements_rescoped([_change(path, _FUZZY_RS, _FUZZY_RS_MOVED)]) == ["term.flush()?;"]
    assert statements_rescoped([_change(path, _FUZZY_RS, _FUZZY_RS_REWRITTEN)]) == []
    title = "Always display current char when terminal is buffered"
    assert analysed({path: (_FUZZY_RS, _FUZZY_RS_MOVED)}, title).importance == "medium"


# --- a read's count checked where it was dropped: a short read no longer decoded ------------------------------------

_READER_CPP = """uint64_t read_uint64(std::error_code& ec)
{
    uint64_t val = 0;
    switch (info)
    {
        case 0x1a:
        {
            uint8_t buf[sizeof(uint32_t)];
            source_.read(buf, sizeof(uint32_t));
            val = binary::big_to_native<uint32_t>(buf, sizeof(buf));
            break;
        }
    }
    return val;
}
"""

_READER_CPP_CHECKED = _READER_CPP.replace("""            source_.read(buf, sizeof(uint32_t));
""", """            if (source_.read(buf, sizeof(uint32_t)) != sizeof(uint32_t))
            {
                ec = cbor_errc::unexpected_eof;
                return val;
            }
""")
#: the count was kept already; the fix only changes which error a short read gets
_READER_CPP_KEPT = _READER_CPP.replace("            source_.read(buf, sizeof(uint32_t));\n",
                                       "            std::size_t n = source_.read(buf, sizeof(uint32_t));\n"
                                       "            if (n != sizeof(uint32_t)) { ec = cbor_errc::source_error; }\n")
_READER_CPP_KEPT_AFTER = _READER_CPP_KEPT.replace("cbor_errc::source_error", "cbor_errc::unexpected_eof")


def test_read_count_checked_where_it_was_dropped_is_high() -> None:
    path = "include/cbor/cbor_parser.hpp"
    assert short_reads_checked([_change(path, _READER_CPP, _READER_CPP_CHECKED)]) == [
        "source_.read(buf, sizeof(uint32_t))"]
    assert short_reads_checked([_change(path, _READER_CPP_KEPT, _READER_CPP_KEPT_AFTER)]) == []
    title = "Fix CBOR parser well-formedness defects"
    assert analysed({path: (_READER_CPP, _READER_CPP_CHECKED)}, title).importance == "high"
    assert analysed({path: (_READER_CPP_KEPT, _READER_CPP_KEPT_AFTER)}, title).importance == "medium"
