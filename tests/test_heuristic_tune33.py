"""Rules of the round tuned on the thirty-third fresh set (issue 8, tune33), each on a small snippet: a function "made
static" is a refactor; ``RELEASE-NOTES`` is a changelog, a document; "code smells" fixed are housekeeping; a JVM
import dropped and nothing else is low."""

from __future__ import annotations

from tests.facts_support import analysed

_PACKET = """#include "packet.h"

int lib_packet_ask(session *s, int type)
{
    return s->queue[type] != NULL;
}

int lib_packet_burn(session *s, int type)
{
    return lib_packet_ask(s, type) ? 0 : -1;
}
"""
_PACKET_H = """#ifndef LIB_PACKET_H
#define LIB_PACKET_H

int lib_packet_ask(session *s, int type);
int lib_packet_burn(session *s, int type);

#endif
"""


def test_a_function_made_static_is_a_refactor() -> None:
    made_static = _PACKET.replace("int lib_packet_ask(", "static int packet_ask(").replace(
        "lib_packet_ask(s, type)", "packet_ask(s, type)")
    files = {"src/packet.c": (_PACKET, made_static),
             "src/packet.h": (_PACKET_H, _PACKET_H.replace("int lib_packet_ask(session *s, int type);\n", ""))}
    analysis = analysed(files, "packet: make `lib_packet_ask()` static")
    assert analysis.change_type == "refactor"
    assert analysed(files, "packet: make static files served from a new root").change_type != "refactor"


_NOTES = """libfoo 1.2.0

This release includes the following bugfixes:

 o crypt: fix length underflow on short packets (15257c08 #2389 GHSA-x4g5-mgfc-cxvv)
"""


def test_release_notes_synced_are_docs() -> None:
    synced = _NOTES + " o kex: fix misleading error codes returned by kex_exchange() (b956943b #2399)\n"
    analysis = analysed({"RELEASE-NOTES": (_NOTES, synced)}, "RELEASE-NOTES: sync")
    assert (analysis.change_type, analysis.importance) == ("docs", "low")


_CONFIG = """public class LimiterConfig {
    private static Duration checkRange(Duration value) {
        long nanos = value.toNanos();
        value.toNanos();
        return value;
    }
}
"""


def test_code_smells_fixed_are_housekeeping() -> None:
    tidied = _CONFIG.replace("        value.toNanos();\n", "")
    analysis = analysed({"src/main/java/org/acme/LimiterConfig.java": (_CONFIG, tidied)}, "Fixed code smells")
    assert analysis.importance == "low"


_AUTOCONFIG = """package org.acme.boot.retry;

import org.acme.retry.Retry;
import org.acme.retry.configure.*;
import org.acme.boot.retry.configure.*;

public abstract class AbstractRetryConfiguration {
    public Retry retry(RetryRegistry registry) {
        return registry.retry("default");
    }
}
"""


def test_a_stale_jvm_import_dropped_is_low() -> None:
    dropped = _AUTOCONFIG.replace("import org.acme.retry.configure.*;\n", "")
    analysis = analysed({"src/main/java/org/acme/boot/retry/AbstractRetryConfiguration.java": (_AUTOCONFIG, dropped)},
                        "Fixed compile issues")
    assert analysis.importance == "low"
