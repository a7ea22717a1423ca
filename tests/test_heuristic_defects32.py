"""Maintainer-review mends (defects32) from reading days of C++ libraries whose headers are ``.h`` files, now parsed
with the C++ grammar: what the facts and the digest say.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths: an
attribute macro before a constructor taken for its return type and, two of them, breaking the class so that member
initialisers read as public methods (a private ``desc_`` "removed"); a macro after a parameter's name read as the
name; ``FMT_CONSTEXPR auto f() -> T`` said to return ``FMT_CONSTEXPR auto``; an export macro between ``class`` and
the name losing the class; ``extern EXPORT bool f(ns::T*)`` in a header without other C++ marks read as C
(``ns *``, returns ``EXPORT``); a declaration after a parse
break read outside its namespace; a default moved from a
definition to the header's declaration said as a default removed."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, facts_of

ARGS = """#pragma once
namespace lib {
template <typename Context> class basic_args {
 private:
  unsigned long long desc_;
  const int* values_;

 public:
  constexpr basic_args() : desc_(0), values_(nullptr) {}

  template <int N>
  constexpr LIB_ALWAYS_INLINE basic_args(const int (&s)[N])
      : desc_(N), values_(s) {}

  LIB_CONSTEXPR auto size(int index) const -> int { return index; }
};

class context {
 public:
  LIB_CONSTEXPR context(int out, int args) : out_(out), args_(args) {}

 private:
  int out_;
  int args_;
};
}  // namespace lib
"""


def test_constructor_macros_do_not_break_the_class():
    # (a type changed, not a name: a parameter renamed is no signature change in C++, renames32)
    after = ARGS.replace("values_(s) {}", "values_(s + 1) {}").replace("int out, int args", "int out, long args")
    facts = facts_of({"include/lib/base.h": (ARGS, after)})
    names = [f.get("symbol", "") for f in facts]
    assert not any("desc_" in n or "values_" in n for n in names), facts
    changed = [f for f in facts if f["kind"] == "signature_changed"]
    assert changed and all("LIB_CONSTEXPR" not in f["before"] + f["after"] for f in changed), changed
    removed = ARGS.replace("  unsigned long long desc_;\n", "").replace("desc_(0), ", "").replace("desc_(N), ", "")
    facts = facts_of({"include/lib/base.h": (ARGS, removed)})
    assert not [f for f in facts if f["kind"] == "symbol_removed"], facts
    for lang in ("en", "zh"):
        text = analysis_text(analysed({"include/lib/base.h": (ARGS, removed)}, "Simplify args", lang))
        assert "desc_" not in text, text


def test_trailing_return_type_is_the_return_type():
    after = ARGS.replace("-> int { return index; }", "-> long { return index; }")
    facts = facts_of({"include/lib/base.h": (ARGS, after)})
    changed = [f for f in facts if f["kind"] == "signature_changed"]
    assert changed and changed[0]["before"].endswith("-> int") and changed[0]["after"].endswith("-> long"), facts


VALUE = """#pragma once
namespace lib {
class value {
 public:
  constexpr value(unsigned val LIB_EXTRA) : uint_value(val) {}
  constexpr value(long long val LIB_EXTRA) : long_value(val) {}

 private:
  unsigned uint_value;
  long long long_value;
};
}  // namespace lib
"""


def test_macro_after_a_parameter_name_is_not_the_name():
    after = VALUE.replace("unsigned val LIB_EXTRA) : uint_value(val)", "unsigned long val LIB_EXTRA) : uint_value(val)")
    facts = facts_of({"include/lib/value.h": (VALUE, after)})
    texts = " ".join(f.get("text", "") + f.get("before", "") + f.get("after", "") for f in facts)
    assert "LIB_EXTRA" not in texts, facts
    assert any(f["kind"] == "signature_changed" and f["text"] == "type of val unsigned -> unsigned long"
               for f in facts), facts


UTIL = """#ifndef LIB_H
#define LIB_H
namespace lib {
class LIB_API Util
{
public:
    static const char* Skip( const char* p ) { return p; }
    static bool IsSpace( char p ) { return p == ' '; }
};
}
#endif
"""


def test_export_macro_between_class_and_name_keeps_the_class():
    after = UTIL.replace("IsSpace( char p )", "IsSpace( const char p )")
    facts = facts_of({"lib.h": (UTIL, after)})
    assert [f["symbol"] for f in facts if f["kind"] == "signature_changed"] == ["Util::IsSpace"], facts


VLOG = """#ifndef VLOG_H
#define VLOG_H
#include "lib/export.h"
struct SiteFlag {
  int* level;
};
extern LIB_EXPORT bool InitVLOG(lib::SiteFlag* site_flag,
                                lib::int32* site_default,
                                const char* fname);
#endif
"""


def test_qualified_names_make_a_header_cpp():
    after = VLOG.replace("const char* fname);", "const char* fname, int level);")
    facts = facts_of({"src/lib/vlog.h": (VLOG, after)})
    changed = [f for f in facts if f["kind"] == "signature_changed"]
    assert changed, facts
    assert "lib::SiteFlag *" in changed[0]["before"] and "lib *" not in changed[0]["before"], changed
    assert changed[0]["before"].endswith("-> bool"), changed


INLINE = """#pragma once
#include <limits>
#include <string>
namespace lib {
inline std::string ToText(double v, size_t precision = 0) { return std::to_string(v); }
}
"""
DECLARED = """#pragma once
#include <string>
namespace lib {
std::string ToText(double v, size_t precision = 0);
}
"""
DEFINED = """#include "lib/totext.h"
#include <string>
namespace lib {
std::string ToText(double v, size_t precision) { return std::to_string(v); }
}
"""


def test_default_moved_to_the_declaration_is_no_change():
    facts = facts_of({"include/lib/to_text.h": (INLINE, None), "include/lib/totext.h": (None, DECLARED),
                      "src/totext.cpp": (INLINE, DEFINED)})
    assert not [f for f in facts if f["kind"] == "signature_changed"], facts
    for lang in ("en", "zh"):
        text = analysis_text(analysed({"include/lib/totext.h": (None, DECLARED), "src/totext.cpp": (INLINE, DEFINED)},
                              "Split ToText into a header and a source", lang))
        assert "(none)" not in text and "—" not in text, text
        assert "`ToText`" in text, text  # said as the function the header now declares


POLICY = """#pragma once
namespace lib {
class growth_policy {
 public:
  explicit growth_policy(std::size_t& min_bucket_count_in_out) : m_mask(0) { if (min_bucket_count_in_out > max_bucket_count()) { throw_length_error(); } }
  std::size_t bucket_for_hash(std::size_t hash) const noexcept { return hash & m_mask; }
  std::size_t max_bucket_count() const { return (std::numeric_limits<std::size_t>::max() / 2) + 1; }

 private:
  std::size_t m_mask;
};
}  // namespace lib
"""
POLICY_FORMATTED = """#pragma once
namespace lib {
class growth_policy {
 public:
  explicit growth_policy(std::size_t& min_bucket_count_in_out) : m_mask(0) {
    if (min_bucket_count_in_out > max_bucket_count()) {
      throw_length_error();
    }
  }
  std::size_t bucket_for_hash(std::size_t hash) const noexcept {
    return hash & m_mask;
  }
  std::size_t max_bucket_count() const {
    return (std::numeric_limits<std::size_t>::max() / 2) + 1;
  }

 private:
  std::size_t m_mask;
};
}  // namespace lib
"""


def test_a_formatter_run_over_one_file_is_said_of_one_file():
    for lang, plural in (("en", "1 files"), ("zh", "1 个文件")):
        summary = " ".join(analysed({"include/lib/growth_policy.h": (POLICY, POLICY_FORMATTED)},
                                    "Apply clang-format", lang).summary)
        assert "growth_policy.h" in summary and plural not in summary, summary


GROWTH = """#pragma once
#include <cstddef>

namespace lib {
inline std::size_t grow(std::size_t n) { return n * 2; }
}  // namespace lib
"""


def test_version_macros_stated_ask_no_test():
    after = GROWTH.replace("#include <cstddef>\n", "#include <cstddef>\n\n// A change of the major version breaks"
                           " the ABI\n#define LIB_VERSION_MAJOR 1\n#define LIB_VERSION_MINOR 2\n"
                           "#define LIB_VERSION_PATCH 1\n")
    for lang in ("en", "zh"):
        analysis = analysed({"include/lib/growth.h": (GROWTH, after)}, "Specify library version in headers", lang)
        assert not any("LIB_VERSION" in r.risk for r in analysis.risks), analysis.risks
        assert any("`LIB_VERSION_MAJOR`" in point for point in analysis.summary), analysis.summary


#: a class whose nested stream class (a warning macro around it, a bare attribute macro over its constructor) the
#: parser gives up on: its error ends the namespace's node early
BROKEN = """#ifndef LOG_H
#define LOG_H
namespace lib {
class LIB_EXPORT Message {
 public:
  enum {
    kNoLogPrefix = -1
  };

  LIB_MSVC_PUSH_DISABLE_WARNING(4275)
  class LIB_EXPORT Stream : public std::ostream {
    LIB_MSVC_POP_WARNING()
   public:
    LIB_USED
    Stream(char* buf, int len, int64 ctr)
        : std::ostream(nullptr), streambuf_(buf, len), ctr_(ctr), self_(this) {
      rdbuf(&streambuf_);
    }

    Stream(Stream&& other) noexcept
        : std::ostream(nullptr),
          streambuf_(std::move(other.streambuf_)),
          ctr_(std::exchange(other.ctr_, 0)),
          self_(this) {
      rdbuf(&streambuf_);
    }

    Stream& operator=(Stream&& other) noexcept {
      streambuf_ = std::move(other.streambuf_);
      ctr_ = std::exchange(other.ctr_, 0);
      rdbuf(&streambuf_);
      return *this;
    }

    int64 ctr() const { return ctr_; }
    void set_ctr(int64 ctr) { ctr_ = ctr; }
    Stream* self() const { return self_; }

    size_t pcount() const { return streambuf_.pcount(); }
    char* pbase() const { return streambuf_.pbase(); }
    char* str() const { return pbase(); }

    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

   private:
    lib_base::StreamBuf streambuf_;
    int64 ctr_;        // Counter hack (for the LOG_EVERY_X() macro)
    Stream* self_;  // Consistency check hack
  };


 public:
  Message(const char* file, int line);
};

std::string StrError(int err);
}  // namespace lib
#endif
"""


def test_a_parse_break_keeps_the_namespace_its_braces_open():
    after = BROKEN.replace("std::string StrError(int err);", "std::string StrError(int err, int flags);")
    facts = facts_of({"src/lib/log.h": (BROKEN, after)})
    assert [f["symbol"] for f in facts if f["kind"] == "signature_changed"] == ["StrError"], facts


DOC_H = """#pragma once
namespace lib {
class Doc {
 public:
  void MarkInUse(Node*);
};
}
"""
DOC_CPP = """#include "doc.h"
namespace lib {
void Doc::MarkInUse(Node* node) { node->used = true; }
}
"""


def test_a_declaration_and_its_definition_changed_alike_are_said_once():
    files = {"doc.h": (DOC_H, DOC_H.replace("MarkInUse(Node*)", "MarkInUse(const Node* const)")),
             "doc.cpp": (DOC_CPP, DOC_CPP.replace("MarkInUse(Node* node)", "MarkInUse(const Node* const node)"))}
    for lang in ("en", "zh"):
        summary = " ".join(analysed(files, "Add const", lang).summary)
        assert summary.count("MarkInUse") == 1, summary


NAMESPACED = """#pragma once
namespace lib {
struct SiteFlag { int* level; };
extern LIB_EXPORT bool InitVLOG(lib::SiteFlag* site_flag, lib::int32* site_default);
}  // namespace lib
"""


def test_a_type_named_from_inside_its_own_namespace_is_the_same_type():
    after = NAMESPACED.replace("lib::SiteFlag* site_flag, lib::int32*", "SiteFlag* site_flag, int32*")
    assert not [f for f in facts_of({"src/lib/vlog.h": (NAMESPACED, after)}) if f["kind"] == "signature_changed"]
    other = NAMESPACED.replace("lib::int32* site_default", "lib::int64* site_default")
    assert [f["symbol"] for f in facts_of({"src/lib/vlog.h": (NAMESPACED, other)})
            if f["kind"] == "signature_changed"] == ["InitVLOG"]
