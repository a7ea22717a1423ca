"""How far a change reaches, by convention: a major dependency upgrade with the code adapted to it, an error
rethrown with a clearer message, a header's macro redefined, a test framework's own ``Test*`` types, and what
titles say ("Add an option to fix ...", "Document that ...", "Small refactoring")."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.behaviour.macros import macros_redefined
from analysis.analyzers.heuristic.code.behaviour.rethrows import rethrows_only
from analysis.models import Fact, FileChange
from tests.test_heuristic_judge_rules import analyse, change


def test_a_major_upgrade_with_product_code_adapted_is_at_least_medium():
    manifest = change("package.json", ['    "cacheable-request": "^12.0.1",'], ['    "cacheable-request": "^13.0.12",'])
    code = change("source/core/options.ts", ["import type {StorageAdapter} from 'cacheable-request';"],
                  ["import type {KeyvStoreAdapter} from 'keyv';", "type StorageAdapter = KeyvStoreAdapter;"])
    bump = [Fact(kind="dependency_changed", path="package.json", symbol="cacheable-request", before="^12.0.1",
                 after="^13.0.12")]
    assert analyse("Upgrade `cacheable-request` dependency", [manifest, code], bump).importance == "medium"
    minor = [Fact(kind="dependency_changed", path="package.json", symbol="cacheable-request", before="^12.0.1",
                  after="^12.1.0")]
    assert analyse("Upgrade `cacheable-request` dependency", [manifest, code], minor).importance == "low"


def _wrapped(throw: str = "\t\t\tthrow new Error('Cannot determine the length: ' + error.message);") -> FileChange:
    return change("source/core/body-size.ts", ["\t\treturn getLength(body);"],
                  ["\t\ttry {", "\t\t\treturn await getLength(body);", "\t\t} catch (error) {", throw, "\t\t}"])


def test_an_error_caught_and_thrown_again_is_not_a_new_failure():
    assert rethrows_only(_wrapped().patch)
    assert not rethrows_only(change("src/a.ts", ["\treturn x;"], ["\tif (!x) throw new Error('no x');"]).patch)
    facts = [Fact(kind="symbol_modified", path="source/core/body-size.ts", symbol="getBodySize", public=True,
                  text="function, throw statements 0 -> 1")]
    analysis = analyse("Fix handling of FormData getLength errors", [_wrapped()], facts)
    assert analysis.importance == "medium" and "may now throw" not in analysis.insights.compatibility
    thrown = change("source/core/body-size.ts", ["\t\treturn getLength(body);"],
                    ["\t\tif (body.unknown) {", "\t\t\tthrow new Error('Cannot determine the length');", "\t\t}",
                     "\t\treturn getLength(body);"])
    # a fix's new throw alone is no longer high (tune39: commons-collections, chi, tomlkit, zod labelled medium,
    # ccache low): the call failed then and fails now, with an error of its own
    assert analyse("Fix handling of FormData bodies", [thrown], facts).importance == "medium"


def test_a_macro_redefined_in_a_header_is_medium_and_named():
    header = change("src/lib/internal/macros.hpp", ["  #define LIB_STRINGIFY(...) #__VA_ARGS__"],
                    ["  #define LIB_STRINGIFY(...) #__VA_ARGS__##_lib_sr"])
    assert macros_redefined([header]) == ["LIB_STRINGIFY"]
    analysis = analyse("Use string-ref literals when expanding macros", [header])
    assert analysis.importance == "medium" and "`LIB_STRINGIFY`" in analysis.insights.compatibility
    rewrapped = change("src/lib/log.hpp", ["#define LOG_CALL(logger, level, ...) (logger)->log(level, __VA_ARGS__)"],
                       ["#define LOG_CALL(logger, level, ...) \\", "    (logger)->log(level, __VA_ARGS__)"])
    guard = change("src/lib/log.hpp", ["#define LIB_LOG_HPP_"], ["#define LIB_LOG_HPP_INCLUDED"])
    assert macros_redefined([rewrapped]) == [] and macros_redefined([guard]) == []


def test_a_test_frameworks_own_test_types_are_product_code():
    header = change("src/lib/interfaces/reporter.hpp", ["    Stats(std::string const& out, std::string const& err);"],
                    ["    Stats(std::string&& out, std::string&& err);"])
    facts = [Fact(kind="signature_changed", path=header.path, symbol="lib::TestCaseStats::TestCaseStats",
                  public=True, before="(out: std::string, err: std::string)", after="(out: std::string, err: std::string)",
                  text="retypes")]
    assert analyse("Hand the captured output to TestCaseStats", [header], facts).importance == "medium"
    helper = change("tests/helpers/TestClient.py", ["    pass"], ["    return None"])
    assert analyse("Refactor TestClient usage", [helper, change("pkg/client.py", ["a = 1"], ["a = 2"])]).importance \
        == "low"  # a project's test helper named in the title, no product symbol of that name


def test_titles_by_convention():
    code = change("source/core/options.ts", ["\tlimit: number;"], ["\tlimit: number;", "\tenforceRetryRules: boolean;"])
    facts = [Fact(kind="symbol_added", path=code.path, symbol="RetryOptions.enforceRetryRules", public=True,
                  text="property")]
    assert analyse("Add `retry.enforceRetryRules` option to fix statusCodes bypassing", [code], facts).change_type \
        == "feature"
    assert analyse("Fix statusCodes bypassing", [code], facts).change_type == "fix"
    assert analyse("Document that HideHelpCommand is inherited", [change("docs/help.md", ["a"], ["b"])]
                   ).change_type == "docs"
    assert analyse("Support multi-document YAML streams", [code], facts).change_type == "feature"
    body = change("src/assertion_result.cpp", ["    std::string expr;", "    if (empty) expr = captured;"] * 4,
                  ["    if (empty) { return captured; }", "    std::string expr;"] * 4)
    public = [Fact(kind="symbol_modified", path=body.path, symbol="lib::AssertionResult::expression", public=True)]
    assert analyse("Small refactoring in AssertionResult", [body], public).importance == "low"
    assert analyse("Rework AssertionResult", [body], public).importance == "medium"
