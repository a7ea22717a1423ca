"""Rules of the tuning round on the fiftieth and fifty-first sets (issue 8, tune52a), each on a small snippet: Go's
``modernize`` rewrites (a counting loop as a range over an int, ``wg.Add``/``go``/``Done`` as ``wg.Go``) are the same
code, a C macro re-wrapped by a formatter with its line splices is layout, a release restamps its copyright years,
``opt:`` is the author's optimisation, and a process terminated is a crash."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import layout_only
from analysis.analyzers.heuristic.code.respelled.go_respellings import go_respelled_only
from tests.facts_support import analysed, patch_of

# --- Go's modernize: a counting loop written as a range over an int, a WaitGroup's goroutine as wg.Go ---------------

_LOOPS = """package proto

func decode(n int, tags uint64, xs []int) int {
\ttotal := 0
\tfor i := 0; i < n; i++ {
\t\ttotal += i
\t}
\tfor i := uint64(0); i < tags; i++ {
\t\ttotal++
\t}
\tfor i := 0; i < len(xs); i++ {
\t\ttotal += xs[i]
\t}
\treturn total
}

func Decode(n int, tags uint64, xs []int) int {
\treturn decode(n, tags, xs)
}
"""
_RANGED = (_LOOPS.replace("for i := 0; i < n; i++ {", "for i := range n {")
           .replace("for i := uint64(0); i < tags; i++ {", "for range tags {")
           .replace("for i := 0; i < len(xs); i++ {", "for i := range xs {"))


def test_counting_loops_written_as_ranges_are_the_same_iterations() -> None:
    assert go_respelled_only(patch_of(_LOOPS, _RANGED), "decode.go")
    result = analysed({"decode.go": (_LOOPS, _RANGED)}, "chore: apply -rangeint from modernize")
    assert result.importance == "low"


def test_loop_with_another_bound_is_no_respelling() -> None:
    # from one, or up to another bound than the loop compares: other iterations
    other = _LOOPS.replace("for i := 0; i < n; i++ {", "for i := range n - 1 {")
    assert not go_respelled_only(patch_of(_LOOPS, other), "decode.go")
    started = _LOOPS.replace("for i := 0; i < n; i++ {", "for i := 1; i < n; i++ {")
    assert not go_respelled_only(patch_of(_LOOPS, started), "decode.go")
    assert go_respelled_only(patch_of(_LOOPS, _RANGED), "decode.go")


_GROUP = """package admin

import "sync"

func (a *Admin) List(brokers []string) {
\tvar wg sync.WaitGroup
\tfor _, b := range brokers {
\t\twg.Add(1)
\t\tgo func() {
\t\t\tdefer wg.Done()

\t\t\ta.ask(b)
\t\t}()
\t}
\twg.Add(1)
\tgo func() {
\t\ta.log()
\t\twg.Done()
\t}()
\twg.Wait()
}
"""
_GROUP_GO = """package admin

import "sync"

func (a *Admin) List(brokers []string) {
\tvar wg sync.WaitGroup
\tfor _, b := range brokers {
\t\twg.Go(func() {
\t\t\ta.ask(b)
\t\t})
\t}
\twg.Go(func() {
\t\ta.log()
\t})
\twg.Wait()
}
"""


def test_waitgroup_goroutines_written_with_go_are_the_same_calls() -> None:
    assert go_respelled_only(patch_of(_GROUP, _GROUP_GO), "admin.go")
    result = analysed({"admin.go": (_GROUP, _GROUP_GO)}, "chore: apply -waitgroupgo from modernize")
    assert result.importance == "low"


def test_goroutine_no_longer_counted_is_no_respelling() -> None:
    # the group no longer waits for the logging goroutine: ``Wait`` returns before it ends
    uncounted = _GROUP_GO.replace("\twg.Go(func() {\n\t\ta.log()\n\t})\n", "\tgo func() {\n\t\ta.log()\n\t}()\n")
    assert not go_respelled_only(patch_of(_GROUP, uncounted), "admin.go")
    assert go_respelled_only(patch_of(_GROUP, _GROUP_GO), "admin.go")
    result = analysed({"admin.go": (_GROUP, uncounted)}, "chore: apply -waitgroupgo from modernize")
    assert result.importance == "medium"


# --- a formatter re-wraps a C macro: its line splices come and go with the lines --------------------------------

_MACROS = """#include <stdlib.h>

#define SSL_set_host(ctx,arg) \\
        SSL_ctrl(ctx,SSL_HOSTNAME, 0, (void *)arg)
#define SSL_set_cb (*(void (*)(SSL_CTX *, void (*cb)(const SSL *, int))) ssl_sw[32].ptr)

int ssl_init(void) { return 0; }
"""
_WRAPPED = """#include <stdlib.h>

#define SSL_set_host(ctx, arg)                                                  \\
\tSSL_ctrl(ctx, SSL_HOSTNAME, 0, (void *)arg)
#define SSL_set_cb                                                              \\
\t(*(void (*)(SSL_CTX *, void (*cb)(const SSL *, int)))ssl_sw[32]             \\
\t      .ptr)

int ssl_init(void) { return 0; }
"""


def test_macro_rewrapped_with_its_line_splices_is_layout() -> None:
    assert layout_only(patch_of(_MACROS, _WRAPPED), "src/ssl.c")
    result = analysed({"src/ssl.c": (_MACROS, _WRAPPED)}, "Apply auto-format for all code files")
    assert result.importance == "low"
    assert result.change_type == "chore"


def test_macro_whose_expansion_changes_is_no_layout() -> None:
    changed = _WRAPPED.replace("ssl_sw[32]", "ssl_sw[33]")
    assert not layout_only(patch_of(_MACROS, changed), "src/ssl.c")
    assert layout_only(patch_of(_MACROS, _WRAPPED), "src/ssl.c")
    # a backslash inside a line of JavaScript is no splice: the splice is read in C, Python and shell only
    js_before, js_after = "const a = 'x';\n", "const a = 'x' \\\n;\n"
    assert not layout_only(patch_of(js_before, js_after), "src/a.js")
    result = analysed({"src/ssl.c": (_MACROS, changed)}, "Apply auto-format for all code files")
    assert result.importance == "medium"


# --- a release restamps its header: the version macros and the copyright years -----------------------------------

_HEADER = """/* Copyright (c) 2013-2017 the Lib developers
 * Copyright (c) 2004-2013 Ann
 */
#ifndef LIB_H
#define LIB_H

#define LIB_VERSION "1.11"
#define LIB_VERSION_MAJOR (1)
#define LIB_VERSION_MINOR (11)

int lib_start(void);
#endif
"""
_HEADER_112 = (_HEADER.replace("2013-2017", "2013-2018").replace('"1.11"', '"1.12"')
               .replace("MINOR (11)", "MINOR (12)"))
_NOTES = "Release Notes v1.11\n===\n\n- Fix the parser\n"
_NOTES_112 = "Release Notes v1.12\n===\n\n- Update version number\n\n" + _NOTES


def test_version_and_copyright_years_restamped_are_a_release() -> None:
    result = analysed({"include/lib.h": (_HEADER, _HEADER_112), "RELEASE_NOTES.md": (_NOTES, _NOTES_112)},
                      "Update version number to V1.12")
    assert result.importance == "low"


def test_year_moved_in_another_line_is_no_release_stamp() -> None:
    # a number moved in a line that is no copyright notice nor a version: a setting, medium
    moved = _HEADER_112.replace("int lib_start(void);", "#define LIB_EPOCH 2018\nint lib_start(void);")
    before = _HEADER.replace("int lib_start(void);", "#define LIB_EPOCH 2017\nint lib_start(void);")
    result = analysed({"include/lib.h": (before, moved), "RELEASE_NOTES.md": (_NOTES, _NOTES_112)},
                      "Update version number to V1.12")
    assert result.importance == "medium"
    kept = before.replace("2013-2017", "2013-2018")  # the notice's years alone restamped with the version
    assert analysed({"include/lib.h": (before, kept.replace('"1.11"', '"1.12"').replace("MINOR (11)", "MINOR (12)")),
                     "RELEASE_NOTES.md": (_NOTES, _NOTES_112)}, "Update version number to V1.12").importance == "low"


# --- ``opt:`` files an optimisation; a process terminated is a crash --------------------------------------------

_POOL = """package pool

import "time"

const interval = 10 * time.Millisecond

func (p *Pool) ReleaseTimeout(timeout time.Duration) error {
\tend := time.Now().Add(timeout)
\tfor time.Now().Before(end) {
\t\tif p.Running() == 0 {
\t\t\treturn nil
\t\t}
\t\ttime.Sleep(interval)
\t}
\treturn ErrTimeout
}
"""


def test_opt_prefix_is_an_optimisation() -> None:
    after = _POOL.replace("10 * time.Millisecond", "100 * time.Millisecond")
    result = analysed({"pool.go": (_POOL, after)}, "opt: increase the interval of waiting in ReleaseTimeout()")
    assert result.change_type == "perf"
    assert result.importance == "low"
    unprefixed = analysed({"pool.go": (_POOL, after)}, "increase the interval of waiting in ReleaseTimeout()")
    assert unprefixed.change_type != "perf"


_ENGINE = """#include "udp_engine.hpp"

void zmq::udp_engine_t::in_event ()
{
    const char *group_buffer = _in_buffer + 1;
    const int group_size = _in_buffer[0];
    rc = msg.init_size (group_size);
    errno_assert (rc == 0);
}
"""


def test_process_terminated_is_a_crash() -> None:
    after = _ENGINE.replace("_in_buffer[0];", "static_cast<unsigned char> (_in_buffer[0]);")
    body = ("Fix signed char sign extension in UDP engine in_event()\n\nA byte >= 0x80 becomes negative, the "
            "allocation fails and errno_assert terminates the process.")
    assert analysed({"src/udp_engine.cpp": (_ENGINE, after)}, body).importance == "high"
    calm = body.replace("terminates the process", "reports it")
    assert analysed({"src/udp_engine.cpp": (_ENGINE, after)}, calm).importance == "medium"


# --- a title that is an analyser's heading: what the tool asked of the code it names ------------------------------

_LOCALTIME = """package toml

import (
\t"fmt"
\t"time"
)

func parseDate(s string) (time.Time, error) {
\tt, err := time.Parse("2006-01-02", s)
\tif err != nil {
\t\treturn time.Time{}, err
\t}
\treturn t, nil
}

func daysSince(d1, d2 time.Time) int {
\tdelta := d1.Unix() - d2.Unix()
\treturn int(delta / 86400)
}

func show(t time.Time) string {
\treturn fmt.Sprint(t)
}
"""
_LINTED = (_LOCALTIME.replace("\t\treturn time.Time{}, err\n\t}\n", "\t\treturn time.Time{}, err\n\t}\n\n")
           .replace("func daysSince(d1, d2 time.Time) int {\n\tdelta := d1.Unix() - d2.Unix()\n\treturn int(delta / 86400)",
                    "func daysSince(later, earlier time.Time) int {\n\tdelta := later.Unix() - earlier.Unix()\n\n"
                    "\tconst secondsInADay = 86400\n\n\treturn int(delta / secondsInADay)"))
_TESTS = """package toml

import "testing"

func TestDays(t *testing.T) {
\tif daysSince(time.Unix(86400, 0), time.Unix(0, 0)) != 1 {
\t\tt.Fail()
\t}
}
"""
_TESTS_LINTED = _TESTS.replace("func TestDays(t *testing.T) {\n", "func TestDays(t *testing.T) {\n\tt.Parallel()\n\n"
                               "\tif daysSince(time.Unix(0, 0), time.Unix(0, 0)) != 0 {\n\t\tt.Fail()\n\t}\n\n")


def test_analyser_heading_over_its_sweep_is_low() -> None:
    files = {"localtime.go": (_LOCALTIME, _LINTED), "localtime_test.go": (_TESTS, _TESTS_LINTED)}
    assert analysed(files, "golangci-lint: localtime (#509)").importance == "low"
    assert analysed(files, "Golangci-lint v2 part two (#498)").importance == "low"
    # the same change under a title of its own: tests grew beside the code, a behaviour pinned
    assert analysed(files, "Rework localtime arithmetic").importance == "medium"


def test_analyser_heading_over_a_public_change_is_no_sweep() -> None:
    files = {"localtime.go": (_LOCALTIME, _LINTED), "localtime_test.go": (_TESTS, _TESTS_LINTED)}
    assert analysed(files, "golangci-lint: localtime").importance == "low"
    exported = _LINTED.replace("func show(t time.Time) string {", "func Show(t time.Time) string {")
    files = {"localtime.go": (_LOCALTIME, exported), "localtime_test.go": (_TESTS, _TESTS_LINTED)}
    assert analysed(files, "golangci-lint: localtime").importance != "low"
