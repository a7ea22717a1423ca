"""Facts that must not cry wolf: a type spelled another way is no signature change, a product module named
``testclient.py`` is not a test, and a list that gains or loses an item says which item."""

from __future__ import annotations

from analysis.facts.code.symbols import type_spelling
from analysis.facts.languages import is_test_path
from tests.facts_support import fact, facts_of


def test_an_annotation_spelled_without_its_typing_qualifier_is_no_signature_change():
    before = ("import typing\n\n\nclass HTTPException(Exception):\n"
              "    def __init__(self, status: int, headers: typing.Mapping[str, str] | None = None,\n"
              "                 extra: typing.List[int] = ()) -> typing.Optional[str]:\n"
              "        self.status = status\n")
    after = before.replace("typing.Mapping", "Mapping").replace("typing.List", "List") \
        .replace("typing.Optional", "Optional")
    after = "from typing import List, Mapping, Optional\n" + after
    found = facts_of({"pkg/exceptions.py": (before, after)})
    assert [f for f in found if f["kind"] == "signature_changed"] == []


def test_a_real_type_change_is_still_named():
    before = "def load(path: typing.List[str]) -> None:\n    pass\n"
    after = "def load(path: list[bytes]) -> None:\n    pass\n"
    [changed] = [f for f in facts_of({"pkg/io.py": (before, after)}) if f["kind"] == "signature_changed"]
    assert changed["text"] == "type of path typing.List[str] -> list[bytes]"


def test_type_spelling_keeps_what_differs():
    assert type_spelling("typing.Dict[str,  t.Any]") == "dict[str,Any]"
    assert type_spelling("collections.abc.Mapping[str, int]") == "Mapping[str,int]"
    assert type_spelling("Mapping[str, int]") != type_spelling("MutableMapping[str, int]")
    assert type_spelling("MyList[int]") == "MyList[int]"  # only the typing aliases, not names ending in them
    assert type_spelling(None) is None


def test_product_modules_named_like_tests_are_not_tests():
    for product in ("starlette/testclient.py", "flask/testing.py", "src/pkg/testutils_api.py"):
        assert not is_test_path(product), product
    for test in ("tests/test_app.py", "pkg/test_app.py", "pkg/app_test.py", "pkg/testApp.py", "pkg/tests.py",
                 "conftest.py", "web/app.test.ts"):
        assert is_test_path(test), test


def test_a_public_parameter_added_in_a_module_named_testclient_is_a_public_api_change():
    before = "class TestClient:\n    def __init__(self, app, base_url: str = 'http://x'):\n        self.app = app\n"
    after = before.replace("'http://x'):", "'http://x', client: tuple[str, int] = ('tc', 1)):")
    [changed] = [f for f in facts_of({"starlette/testclient.py": (before, after)})
                 if f["kind"] == "signature_changed"]
    assert changed["symbol"] == "TestClient.__init__" and changed["public"] is True
    assert changed["text"] == "adds client"


def test_a_list_that_loses_an_item_names_the_item():
    before = ('[project]\nname = "x"\nrequires-python = ">=3.8"\nclassifiers = [\n'
              '  "Framework :: AnyIO",\n  "Programming Language :: Python :: 3.8",\n'
              '  "Programming Language :: Python :: 3.9",\n]\n')
    after = before.replace('  "Programming Language :: Python :: 3.8",\n', "").replace(">=3.8", ">=3.9")
    assert facts_of({"pyproject.toml": (before, after)}) == [
        fact("config_value_changed", "pyproject.toml", symbol="project.requires-python", before=">=3.8",
             after=">=3.9"),
        fact("config_key_removed", "pyproject.toml", symbol="project.classifiers[Programming Language :: Python :: 3.8]",
             before="Programming Language :: Python :: 3.8"),
    ]


def test_a_reordered_list_is_one_value_change_and_a_replaced_one_too():
    before, after = '{"files": ["a", "b"]}\n', '{"files": ["b", "a"]}\n'
    [reordered] = facts_of({"package.json": (before, after)})
    assert reordered["kind"] == "config_value_changed"
    [replaced] = facts_of({"tsconfig.json": ('{"include": ["src"]}\n', '{"include": ["lib"]}\n')})
    assert replaced["kind"] == "config_value_changed" and replaced["after"] == '["lib"]'


def test_a_test_moved_to_another_file_is_neither_added_nor_removed():
    """Neither new nor lost: one ``test_added`` whose ``before`` names where it was (defects9: say it moved)."""
    old_file = ("package middleware\n\nimport \"testing\"\n\nfunc TestWrapWriterHTTP2(t *testing.T) {\n"
                "\tcheck(t)\n}\n\nfunc TestOther(t *testing.T) {\n\tcheck(t)\n}\n")
    kept = "package middleware\n\nimport \"testing\"\n\nfunc TestOther(t *testing.T) {\n\tcheck(t)\n}\n"
    new_file = "package middleware\n\nimport \"testing\"\n\nfunc TestWrapWriterHTTP2(t *testing.T) {\n\tcheck(t)\n}\n"
    found = facts_of({"middleware/wrap_writer17_test.go": (old_file, kept),
                      "middleware/wrap_writer_test.go": (None, new_file)})
    assert [f for f in found if f["kind"] in ("test_added", "test_removed")] == [
        {"kind": "test_added", "path": "middleware/wrap_writer_test.go", "symbol": "TestWrapWriterHTTP2",
         "before": "middleware/wrap_writer17_test.go::TestWrapWriterHTTP2"}]
    dropped = facts_of({"middleware/wrap_writer17_test.go": (old_file, kept)})
    assert [(f["kind"], f["symbol"]) for f in dropped] == [("test_removed", "TestWrapWriterHTTP2")]


CPP_BEFORE = """#pragma once
#include <functional>

namespace spdlog {

// Initialize the thread pool used by the async loggers; the queue holds q_size messages and the pool
// runs thread_count threads.
inline void init_thread_pool(size_t q_size, size_t thread_count, std::function<void()> on_thread_start) {
    auto tp = std::make_shared<details::thread_pool>(q_size, thread_count, on_thread_start);
    const char *banner = "the pool runs " "with threads";
    details::registry::instance().set_tp(std::move(tp));
}

inline void flush_every(std::chrono::seconds interval) { details::registry::instance().flush_every(interval); }

}  // namespace spdlog
"""
CPP_AFTER = """#pragma once
#include <functional>

namespace spdlog {

// Initialize the thread pool used by the async loggers; the queue holds q_size messages
// and the pool runs thread_count threads.
inline void init_thread_pool(size_t q_size,
                             size_t thread_count,
                             std::function<void()> on_thread_start) {
    auto tp = std::make_shared<details::thread_pool>(q_size, thread_count,
                                                     on_thread_start);
    const char *banner = "the pool runs with threads";
    details::registry::instance().set_tp(std::move(tp));
}

inline void flush_every(std::chrono::seconds interval) {
    details::registry::instance().flush_every(interval);
}

}  // namespace spdlog
"""


def test_a_formatter_rewrap_read_from_the_hunks_names_no_symbol():
    """clang-format at a new column limit: lines rewrapped, comments reflowed, a string literal joined. Read
    from the hunks alone (a commit of 100 files has no file texts for most of them), no symbol is added,
    removed or modified."""
    assert facts_of({"include/spdlog/async.h": (CPP_BEFORE, CPP_AFTER)}, read=False) == []
    changed = CPP_AFTER.replace("thread_count,\n", "thread_count + 1,\n", 1)  # a real change is still seen
    assert facts_of({"include/spdlog/async.h": (CPP_BEFORE, changed)}, read=False)


def test_an_elided_lifetime_spelled_out_is_the_same_rust_type():
    assert type_spelling("Key<'_>") == type_spelling("Key") == "Key"
    assert type_spelling("&'_ str") == type_spelling("&str")
    assert type_spelling("Ref<'_, T>") == type_spelling("Ref<T>")
    assert type_spelling("HashMap<K, V, '_>") == type_spelling("HashMap<K, V>")
    assert type_spelling("Key<'a>") != type_spelling("Key")  # a named lifetime ties the result to an argument


def test_tsd_type_tests_are_tests():
    from analysis.analyzers.heuristic.evidence import classify_path

    assert is_test_path("index.test-d.ts") and "test" in classify_path("index.test-d.ts")
    assert not is_test_path("index.d.ts") and "test" not in classify_path("index.d.ts")


def test_a_comments_only_change_names_what_it_documents():
    from analysis.facts.code.hunk_symbols import documented_names
    from analysis.facts.patches import parse_patch
    from tests.facts_support import patch_of

    rust_before = ("impl Value {\n    /// If the `Value` is an Number, returns it.\n    /// None otherwise.\n"
                   "    pub fn as_number(&self) -> Option<&Number> {\n        None\n    }\n}\n")
    rust_after = rust_before.replace("is an Number", "is a Number")
    assert documented_names("src/value/mod.rs", parse_patch("src/value/mod.rs", patch_of(rust_before, rust_after))) \
        == ["as_number"]
    py_before = 'def lookup_default(name):\n    """Return the default."""\n    return None\n'
    py_after = py_before.replace("Return the default.", "Return the default for ``name``, or None.")
    assert documented_names("src/click/core.py", parse_patch("src/click/core.py", patch_of(py_before, py_after))) \
        == ["lookup_default"]
    docs = "# Title\n\nSome words.\n"
    assert documented_names("README.md", parse_patch("README.md", patch_of(docs, docs.replace("Some", "More")))) == []
