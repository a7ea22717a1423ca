"""Rules of the round tuned on the thirty-second fresh set (issue 8, tune32), each on a small snippet: TypeScript type
assertions added (``(e as Error).message``) change no emitted code; a C size guarded against ``SIZE_MAX`` under a
message naming its overflow closes a hole."""

from __future__ import annotations

from tests.facts_support import analysed

_PARSE = """export function parseJson(s: string, pos: number): unknown {
  let matches: RegExpExecArray | null
  try {
    return JSON.parse(s)
  } catch (e) {
    matches = rxParseJson.exec(e.message)
    if (!matches) {
      return undefined
    }
    return Number(matches[1])
  }
}
"""


def test_type_assertions_added_change_no_emitted_code() -> None:
    cast = _PARSE.replace("exec(e.message)", "exec((e as Error).message)")
    analysis = analysed({"lib/runtime/parseJson.ts": (_PARSE, cast)},
                        "update code for breaking typescript change (caught error is unknown)")
    assert analysis.importance == "low"
    # a value read another way is not an assertion: the code changes
    read = _PARSE.replace("exec(e.message)", "exec(String(e))")
    assert analysed({"lib/runtime/parseJson.ts": (_PARSE, read)},
                    "update code for breaking typescript change (caught error is unknown)").importance != "low"


_RECORD = """ares_status_t ares_dns_rr_set_bin(ares_dns_rr_t *rr, ares_dns_rr_key_t key,
                                  const unsigned char *val, size_t len)
{
  unsigned char *temp = NULL;
  size_t         alloclen = len + 1;

  temp = ares_malloc(alloclen);
  if (temp == NULL) {
    return ARES_ENOMEM;
  }
  memcpy(temp, val, len);
  temp[len] = 0;
  return ares_dns_rr_set_bin_own(rr, key, temp, len);
}
"""


def test_a_size_guarded_against_its_overflow_is_a_security_fix() -> None:
    guarded = _RECORD.replace("  unsigned char *temp = NULL;\n",
                              "  unsigned char *temp = NULL;\n\n  if (len == SIZE_MAX) {\n    return ARES_ENOMEM;\n  }\n")
    guarded = guarded.replace("  size_t         alloclen = len + 1;\n", "  size_t         alloclen;\n") .replace(
        "  temp = ares_malloc", "  alloclen = len + 1;\n  temp = ares_malloc")
    analysis = analysed({"src/lib/record/ares_dns_record.c": (_RECORD, guarded)},
                        "Guard DNS record binary length overflow")
    assert (analysis.change_type, analysis.importance) == ("security", "high")
    # the same guard under a message that names no overflow is read as the fix it says
    plain = analysed({"src/lib/record/ares_dns_record.c": (_RECORD, guarded)}, "Reject empty records")
    assert plain.change_type != "security"


_MATH = """size_t ares_round_up_pow2(size_t n)
{
  n--;
  n |= n >> 1;
  return n + 1;
}
"""


def test_an_overflow_checked_helper_adopted_inside_is_hardening() -> None:
    helper = _MATH + """
ares_bool_t ares_size_t_mul_overflow(size_t a, size_t b, size_t *res)
{
  if (a > 0 && b > SIZE_MAX / a) {
    return ARES_TRUE;
  }
  *res = a * b;
  return ARES_FALSE;
}
"""
    analysis = analysed({"src/lib/util/ares_math.c": (_MATH, helper)},
                        "Prevent integer overflow in allocation size calculations")
    assert analysis.change_type == "security" and analysis.importance != "high"
