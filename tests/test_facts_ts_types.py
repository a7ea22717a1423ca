"""TypeScript interfaces and object type aliases: their fields and method signatures are symbols (an options
type is a library's API); a definition becoming exported is a change of its own."""

from __future__ import annotations

from tests.facts_support import fact, facts_of


def test_interface_and_type_alias_fields_renamed_added_and_retyped():
    before = ("export interface KyOptions {\n  /** The prefix. */\n  prefixUrl?: string;\n  retry?: number;\n}\n\n"
              "export type State = {\n  retryCount: number;\n} & Base;\n\ntype Local = {\n  x: number;\n};\n")
    after = ("export interface KyOptions {\n  /** The prefix. */\n  prefix?: string;\n  retry?: number | RetryOptions;\n"
             "  parse(text: string): unknown;\n}\n\nexport type State = {\n  retryCount: number;\n  request: Request;\n}"
             " & Base;\n\ntype Local = {\n  x: number;\n  y: number;\n};\n")
    assert facts_of({"source/types/options.ts": (before, after)}) == [
        fact("symbol_added", "source/types/options.ts", symbol="KyOptions.prefix", public=True, text="property"),
        fact("symbol_modified", "source/types/options.ts", symbol="KyOptions.retry", public=True, text="property"),
        fact("symbol_added", "source/types/options.ts", symbol="KyOptions.parse", public=True,
             after="(text: string) -> unknown", text="method"),
        fact("symbol_added", "source/types/options.ts", symbol="State.request", public=True, text="property"),
        fact("symbol_added", "source/types/options.ts", symbol="Local.y", public=False, text="property"),
        fact("symbol_removed", "source/types/options.ts", symbol="KyOptions.prefixUrl", public=True, text="property"),
    ]


def test_a_type_becoming_exported_is_reported_once_not_per_member():
    before = "interface Props {\n  title: string;\n}\n"
    after = "export interface Props {\n  title: string;\n}\n"
    assert facts_of({"src/props.ts": (before, after)}) == [
        fact("symbol_modified", "src/props.ts", symbol="Props", public=True, text="interface, now public")]
