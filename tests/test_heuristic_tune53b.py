"""Rules of the tuning round on the fall-through of ``judge._importance_of`` ("product code changed -> medium",
issue 8, tune53b), each on a small snippet: a refactor whose added lines bring no identifier and no literal that the
code did not already hold (designated initializers for field-by-field ones, ``final`` put on locals, imports
regrouped) rearranges what was there: low. A rewrite that brings a name or a value of its own, or a line or two
re-ordered with the same words, stays medium."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.same_vocabulary import same_vocabulary
from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import FileChange
from tests.facts_support import analysed

# --- a refactor in the words the code already had -------------------------------------------------------------------

_FIELDS = """#include "Vector.h"

Vector* Vector_new(const ObjectClass* type, bool owner, int size) {
   Vector* this = xMalloc(sizeof(Vector));
   this->growthRate = size;
   this->array = (Object**) xCalloc(size, sizeof(Object*));
   this->arraySize = size;
   this->items = 0;
   this->type = type;
   this->owner = owner;
   this->dirty_index = -1;
   this->dirty_count = 0;
   return this;
}

Hashtable* Hashtable_new(size_t size, bool owner) {
   Hashtable* this = xMalloc(sizeof(Hashtable));
   this->items = 0;
   this->size = size;
   this->buckets = (HashtableItem*) xCalloc(size, sizeof(HashtableItem));
   this->owner = owner;
   return this;
}
"""
_DESIGNATED = """#include "Vector.h"

Vector* Vector_new(const ObjectClass* type, bool owner, int size) {
   Vector* this = xMalloc(sizeof(Vector));
   *this = (Vector) {
      .growthRate = size,
      .array = (Object**) xCalloc(size, sizeof(Object*)),
      .arraySize = size,
      .items = 0,
      .type = type,
      .owner = owner,
      .dirty_index = -1,
      .dirty_count = 0,
   };
   return this;
}

Hashtable* Hashtable_new(size_t size, bool owner) {
   Hashtable* this = xMalloc(sizeof(Hashtable));
   *this = (Hashtable) {
      .items = 0,
      .size = size,
      .buckets = (HashtableItem*) xCalloc(size, sizeof(HashtableItem)),
      .owner = owner,
   };
   return this;
}
"""


def test_refactor_in_the_same_words_is_low_a_new_value_or_name_keeps_it_medium() -> None:
    result = analysed({"Vector.c": (_FIELDS, _DESIGNATED)}, "Use designated initializer more")
    assert (result.change_type, result.importance) == ("refactor", "low")
    # a value of its own: the dirty index now starts at 0
    valued = _DESIGNATED.replace(".dirty_index = -1,", ".dirty_index = 0,")
    result = analysed({"Vector.c": (_FIELDS, valued)}, "Use designated initializer more")
    assert (result.change_type, result.importance) == ("refactor", "medium")
    # a name of its own: the buckets come from another allocator
    named = _DESIGNATED.replace("(HashtableItem*) xCalloc(size", "(HashtableItem*) xReallocArrayZero(NULL, 0, size")
    result = analysed({"Vector.c": (_FIELDS, named)}, "Use designated initializer more")
    assert (result.change_type, result.importance) == ("refactor", "medium")


def _change(path: str, patch: str) -> FileChange:
    lines = patch.splitlines()
    return FileChange(path=path, status="modified", additions=sum(ln.startswith("+") for ln in lines),
                      deletions=sum(ln.startswith("-") for ln in lines), patch=patch)


def test_same_vocabulary_needs_a_rewrite_of_some_size_and_every_patch() -> None:
    regrouped = ("@@ -1,12 +1,12 @@\n"
                 + "".join(f"-use crate::{m}::{{Reader, Writer}};\n" for m in ("byte", "cookie", "deserializer"))
                 + "-use std::io;\n-use std::fmt;\n-use std::error::Error;\n"
                 + "+use std::{error::Error, fmt, io};\n"
                 + "".join(f"+use crate::{m}::{{Reader, Writer}};\n" for m in ("byte", "cookie", "deserializer"))
                 + " pub fn read() {}\n")
    assert same_vocabulary([_change("src/lib.rs", regrouped)])
    # an event fired after the mounting instead of before it: the same words, the smallest behaviour change
    swapped = "@@ -1,3 +1,3 @@\n-fire(SERVER_STARTED);\n mount(staticFiles);\n+fire(SERVER_STARTED);\n"
    assert not same_vocabulary([_change("src/Server.java", swapped)])
    # code taken out brings no word of its own either, yet what it did is gone: a removal is no rewrite
    unlocked = "@@ -1,12 +1,4 @@\n" + "".join(f" func (w *Watches) Step{i}() {{\n-\tw.mu.Lock()\n-\tdefer w.mu.Unlock()\n"
                                               for i in range(4)) + "-\tw.mu.Lock()\n-\tdefer w.mu.Unlock()\n"
    assert not same_vocabulary([_change("backend_inotify.go", unlocked)])
    # a file with no patch (too large to show) says nothing
    assert not same_vocabulary([_change("src/lib.rs", regrouped), FileChange(path="src/big.rs", status="modified",
                                                                                additions=900, deletions=900)])


# --- test suites and fuzz targets by their conventional folders ------------------------------------------------------

_PROBE = """#include "ffitest.h"

static int esp_delta(void) {
  int before = 0;
  int after = 0;
  asm volatile ("movl %%esp, %0" : "=r" (before));
  return after - before;
}
"""


def test_testsuite_and_fuzz_folders_are_tests_not_product() -> None:
    for path in ("testsuite/libffi.call/closure_fn0.c", "testsuite/src/main/java/io/netty/SocketTest.java",
                 "fuzz/fuzz_targets/fuzz_target_1.rs"):
        assert "test" in classify_path(path), path
    for path in ("src/fuzz.rs", "src/testsuite.c", "packages/testsuite/src/index.ts"):
        assert "test" not in classify_path(path), path
    aligned = _PROBE.replace('asm volatile ("movl %%esp, %0" : "=r" (before));',
                             'asm volatile ("andl $-16, %%esp\\n\\tmovl %%esp, %0" : "=r" (before));')
    result = analysed({"testsuite/libffi.call/closure_pop.c": (_PROBE, aligned)},
                      "testsuite: Make closure_pop portable across compilers")
    assert (result.change_type, result.importance) == ("test", "low")
    result = analysed({"src/x86/closure_pop.c": (_PROBE, aligned)}, "x86: Make closure_pop portable across compilers")
    assert result.importance == "medium"
