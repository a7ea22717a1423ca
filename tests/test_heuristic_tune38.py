"""Rules of the thirty-eighth tuning round (issue 8, tune38), each on a small snippet in the language it reads:
plain code under an interface-like directory (``src/proto/``) changing only private declarations or attributes,
and a hand-written trait impl replaced by a derive said once."""

from __future__ import annotations

from analysis.analyzers.heuristic.paths import classify_path
from tests.facts_support import analysed

_CONN = """use std::fmt;

{derive}
enum Ka {{
    Idle,
{default}    Busy,
    Disabled,
}}
{impl}
impl Ka {{
    fn idle(&mut self) {{
        *self = Ka::Idle;
    }}
}}

pub struct Conn {{
    state: Ka,
}}
"""
_IMPL = """
impl Default for Ka {
    fn default() -> Ka {
        Ka::Busy
    }
}
"""


def _derived() -> dict[str, tuple[str, str]]:
    before = _CONN.format(derive="#[derive(Clone, Copy, Debug)]", default="", impl=_IMPL)
    after = _CONN.format(derive="#[derive(Clone, Copy, Debug, Default)]", default="    #[default]\n", impl="")
    return {"src/proto/h1/conn.rs": (before, after)}


def test_a_private_type_in_a_proto_directory_is_no_interface_change():
    result = analysed(_derived(), "refactor(proto): use derive macro to implement Default for Ka")
    assert result.importance == "low"
    assert not any("API or schema" in r.risk for r in result.risks)


def test_a_derive_replacing_a_hand_written_impl_is_said_once():
    result = analysed(_derived(), "refactor(proto): use derive macro to implement Default for Ka")
    assert "`Ka` derives `Default` instead of implementing it by hand" in result.summary
    assert not any("no longer implements" in line or line.startswith("Implements") for line in result.summary)
    zh = analysed(_derived(), "refactor(proto): use derive macro to implement Default for Ka", "zh")
    assert "`Ka` 改为派生 `Default`，不再手写实现" in zh.summary


_MOD = """mod h1;

/// An incoming message head.
#[cfg({cond})]
#[derive(Debug, Default)]
{vis}struct MessageHead<S> {{
    pub version: u8,
    pub subject: S,
}}
"""


def _cfg(vis: str) -> dict[str, tuple[str, str]]:
    return {"src/proto/mod.rs": (_MOD.format(cond='any(feature = "http1")', vis=vis),
                                 _MOD.format(cond='feature = "http1"', vis=vis))}


def test_an_attribute_on_a_crate_private_item_in_a_proto_directory_is_low():
    result = analysed(_cfg("pub(crate) "), "refactor(lib): remove unused cfg condition")
    assert result.importance == "low"
    assert not any("API or schema" in r.risk for r in result.risks)


def test_an_attribute_on_an_exported_item_in_a_proto_directory_stays_an_interface_change():
    result = analysed(_cfg("pub "), "refactor(lib): remove unused cfg condition")
    assert any("API or schema" in r.risk for r in result.risks)


def test_a_jdk_early_access_build_moved_in_a_compose_file_is_a_version_pin():
    compose = "services:\n  runtime-setup:\n    build:\n      args:\n        java_version: \"{v}\"\n"
    script = "#!/bin/bash\nexport EXPECTED_VERSION='{v}'\n"
    result = analysed({"docker/docker-compose.centos-7.25.yaml": (compose.format(v="25.ea.28-open"),
                                                                  compose.format(v="25.ea.29-open")),
                       ".github/scripts/check_java_ea_version.sh": (script.format(v="25.ea.28"),
                                                                    script.format(v="25.ea.29"))},
                      "Fix jdk 25 early access build")
    assert result.importance == "low"


_ENGINE = """package io.acme.ssl;

public final class Engine {{
    private int min;
    private int max;

    private void setEnabled0(String[] protocols) {{
        for (String p : protocols) {{
{body}
        }}
    }}
}}
"""
_IFS = "\n".join(f"""            if (p.equals("P{i}")) {{
                if (min > {i}) {{
                    min = {i};
                }}
                if (max < {i}) {{
                    max = {i};
                }}
            }}""" for i in range(6))
_SWITCH = """            int index;
            switch (p) {
""" + "\n".join(f"""                case "P{i}":
                    index = {i};
                    break;""" for i in range(6)) + """
                default:
                    continue;
            }
            min = Math.min(min, index);
            max = Math.max(max, index);"""


def test_a_refactor_for_readability_is_low_whatever_its_size_or_folder():
    files = {"handler/src/main/java/io/acme/ssl/Engine.java": (_ENGINE.format(body=_IFS),
                                                                 _ENGINE.format(body=_SWITCH))}
    assert analysed(files, "improve readability of Engine.setEnabled0 method").importance == "low"
    # the same diff with no word of its purpose is read as before
    assert analysed(files, "rework Engine.setEnabled0 method").importance == "medium"


_CONFIG = """package io.acme.ring;

public final class RingConfig {{
    private final int size;
    private final int maxUnreleased;

{ctors}
    /**
     * Returns the max unreleased buffers.{getter_doc}
     */
{getter_ann}    public int maxUnreleased() {{
        return maxUnreleased;
    }}
}}
"""
_OLD_CTOR = """    /**
     * @param size           the size of the ring
     * @param maxUnreleased  the buffers allowed out before the ring is disabled.
     */
    public RingConfig(int size, int maxUnreleased) {
        this.size = size;
        this.maxUnreleased = maxUnreleased;
    }
"""
_NEW_CTORS = """    /**
     * @param size           the size of the ring
     */
    public RingConfig(int size) {
        this(size, Integer.MAX_VALUE);
    }

    /**
     * @param size           the size of the ring
     * @param maxUnreleased  this parameter is ignored by the ring.
     */
    @Deprecated
    public RingConfig(int size, int maxUnreleased) {
        this.size = size;
        this.maxUnreleased = maxUnreleased;
    }
"""


def test_an_option_deprecated_and_ignored_at_once_is_high():
    before = _CONFIG.format(ctors=_OLD_CTOR, getter_doc="", getter_ann="")
    after = _CONFIG.format(ctors=_NEW_CTORS, getter_doc="\n     * @deprecated will be removed as it has no effect.",
                           getter_ann="    @Deprecated\n")
    path = "transport/src/main/java/io/acme/ring/RingConfig.java"
    assert analysed({path: (before, after)}, "Remove unreleased guard in the ring").importance == "high"


def test_a_jmh_module_is_not_product_code():
    assert classify_path("microbench/src/main/java/io/acme/microbench/SizeBenchmark.java") == {"test"}


_CACHE = """export function initCache(provider) {{
  const mutate = makeMutate(provider)
{outside}
  // This is a new provider: set up DOM listeners for focus and reconnect.
  if (!IS_SERVER) {{
{inside}
    opts.initFocus(revalidateAll)
  }}
  return [provider, mutate]
}}
"""
_SET = """  // Keep the provider's state, on the server too.
  GlobalState.set(provider, [REVALIDATORS, {}, {}, mutate])
"""


def test_a_statement_moved_out_of_an_if_with_its_comment_is_no_comment_change():
    before = _CACHE.format(outside="", inside=_SET.replace("\n  ", "\n    ").replace("  //", "    //", 1))
    after = _CACHE.format(outside=_SET, inside="")
    result = analysed({"src/utils/cache.ts": (before, after)}, "fix: cache is missing on server side")
    assert result.importance != "low"


_PROXY = """package main

import "os"

func runProxy(temp string) error {{
{body}	return run(temp)
}}
"""
_PRECREATE = """	f, err := os.OpenFile(temp+".become", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	f.Close()
"""


def test_a_file_pre_created_against_a_planted_link_is_a_security_change():
    files = {"src/proxy.go": (_PROXY.format(body=""), _PROXY.format(body=_PRECREATE))}
    message = ("Pre-create become file with O_EXCL\n\nPrevents another user on a shared TMPDIR from planting a file or a"
               "\nsymbolic link at the predictable path while the program is running.")
    assert analysed(files, message).importance == "high"


_TICKS = '''import datetime as dt
import time

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def TimestampFromTicks(ticks: float) -> dt.datetime:
{body}
'''
_LOCAL = """    t = time.localtime(ticks)
    tzinfo = dt.timezone(dt.timedelta(seconds=t.tm_gmtoff))
    return dt.datetime(*t[:6], tzinfo=tzinfo)"""
_UTC = "    return EPOCH + dt.timedelta(seconds=ticks)"
_NEWS = "Changes\n=======\n\n{entry}\nRelease 3.2.7\n-------------\n\n- Older entry.\n"


def _ticks(entry: str):
    return analysed({"docs/news.rst": (_NEWS.format(entry=""), _NEWS.format(entry=entry)),
                     "mylib/dbapi20.py": (_TICKS.format(body=_LOCAL), _TICKS.format(body=_UTC))},
                    "Merge branch 'fix-from-ticks-functions'")


def test_a_changelog_saying_a_public_function_returns_another_value_is_high():
    entry = ("- Change `TimestampFromTicks` to return a datetime in UTC rather than in the local\n"
             "  timezone (#1058).\n")
    assert _ticks(entry).importance == "high"


def test_a_value_returned_where_none_came_back_is_no_changed_result():
    entry = "- `TimestampFromTicks` now returns a datetime instead of null.\n"
    assert _ticks(entry).importance != "high"
