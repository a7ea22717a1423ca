"""Rules of the thirteenth tuning round (issue 8, tune12), each on a small snippet in the language it reads: a
header injection the message names is a security fix."""

from __future__ import annotations

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
