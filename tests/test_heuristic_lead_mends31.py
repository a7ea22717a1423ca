"""Lead mends of this round (issue 8): what a maintainer reading real days objected to, each in a general rule."""

from __future__ import annotations

from tests.facts_support import analysed, facts_of

_TABLE = '''#pragma once
#include <string_view>

namespace toml
{
	/// A TOML table.
	class table : public node
	{
	  public:
		/// Returns true if the table is empty.
		bool empty() const noexcept;
	};
}
'''
_TABLE_SIZED = _TABLE.replace("bool empty() const noexcept;", "bool empty() const noexcept;\n\n"
                              "\t\t/// Returns the number of key-value pairs.\n\t\tsize_t size() const noexcept;")


def test_a_cpp_library_header_named_dot_h_is_read_as_cpp():
    """C++ libraries (toml++, many others) name their headers ``.h``: a namespace and a class with access labels
    are C++, and the C grammar found no symbol in them ("Changes `table.h`")."""
    files = {"include/toml/table.h": (_TABLE, _TABLE_SIZED)}
    assert {"kind": "symbol_added", "path": "include/toml/table.h", "symbol": "table::size", "public": True,
            "after": "() -> size_t", "text": "method"} in facts_of(files)
    assert analysed(files, "Add table::size()").summary[0] == "Adds `table::size`"


def test_a_c_header_stays_c():
    before = "#ifndef LIB_H\n#define LIB_H\n\nint lib_open(const char *path);\n\n#endif\n"
    after = before.replace("int lib_open(const char *path);", "int lib_open(const char *path);\nint lib_close(int fd);")
    assert {"kind": "symbol_added", "path": "include/lib.h", "symbol": "lib_close", "public": True,
            "after": "(fd: int) -> int", "text": "function"} in facts_of({"include/lib.h": (before, after)})


_BASE = '''#pragma once
namespace lib {
namespace detail {
template <typename T> class iterator_buffer {
 public:
  ~iterator_buffer() {
    // Don't crash if flush fails during unwinding.
    LIB_TRY { flush(); }
    LIB_CATCH(...) {}
  }
  void flush();
};

struct custom_tag {};

template <typename Char> struct string_value {
  const Char* data;
};
}  // namespace detail

struct format_options { int width; };
}  // namespace lib
'''



def test_a_declaration_in_a_detail_namespace_stays_internal_when_the_parse_breaks():
    """fmt's ``base.h``: past a macro the parser cannot expand, its scopes were lost and ``custom_tag`` (inside
    ``namespace detail``) read as a public struct removed ("every import or call breaks")."""
    after = _BASE.replace("struct custom_tag {};\n\n", "")
    removed = [f for f in facts_of({"include/lib/base.h": (_BASE, after)}) if f["kind"] == "symbol_removed"]
    assert removed == [{"kind": "symbol_removed", "path": "include/lib/base.h", "symbol": removed[0]["symbol"],
                        "public": False, "text": "struct"}] and removed[0]["symbol"].endswith("custom_tag")


def test_a_namespace_named_internal_among_its_words_is_internal():
    """glog's ``glog_internal_namespace_``: a helper removed from it read as a public function removed."""
    before = ("#pragma once\nnamespace google {\nnamespace glog_internal_namespace_ {\n"
              "template <typename T> T sync_val_compare_and_swap(T* ptr, T oldval, T newval);\n"
              "bool IsGoogleLoggingInitialized();\n}\n}\n")
    after = before.replace("template <typename T> T sync_val_compare_and_swap(T* ptr, T oldval, T newval);\n", "")
    removed = [f for f in facts_of({"src/utilities.h": (before, after)}) if f["kind"] == "symbol_removed"]
    assert [(f["symbol"], f["public"]) for f in removed] == [
        ("sync_val_compare_and_swap", False)]


def test_a_function_pointer_variable_is_no_function():
    """glog's ``extern void (*g_logging_fail_func)();`` read as a function named ``(*g_logging_fail_func)``."""
    before = "#pragma once\nnamespace google {\nvoid plain(int a);\n}\n"
    after = before.replace("void plain(int a);\n", "void plain(int a);\nextern void (*g_logging_fail_func)();\n"
                           "int (*pick(int n))(int);\n")
    added = [(f["symbol"], f["text"]) for f in facts_of({"src/g.h": (before, after)}) if f["kind"] == "symbol_added"]
    assert added == [("pick", "function")]


def test_a_code_file_named_as_an_example_is_an_example():
    """leveldb's ``port/port_example.h``, the uncompiled template porters copy: a method renamed there is no API
    change (it read high, "public `SignallAll` removed")."""
    before = "#pragma once\nnamespace port {\nclass CondVar {\n public:\n  void Signal();\n  void SignallAll();\n};\n}\n"
    after = before.replace("SignallAll", "SignalAll")
    analysis = analysed({"port/port_example.h": (before, after)}, "Fix typo in port_example.h")
    assert (analysis.importance, analysis.change_type) == ("low", "docs")
