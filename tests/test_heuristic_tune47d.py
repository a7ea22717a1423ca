"""Rules of the tuning round on the forty-seventh set (issue 8, tune47d), each on a small snippet: a public option's
documented default rewritten beside the code's value (a changed default), and case folding taken out of how input is
matched when the title says matching is case-sensitive (existing configuration stops matching)."""

from __future__ import annotations

from analysis.analyzers.heuristic.api.documented_defaults import documented_defaults_rewritten
from analysis.analyzers.heuristic.code.behaviour.case_folding import case_folding_removed
from analysis.models import FileChange
from tests.facts_support import analysed, patch_of


def _change(path: str, before: str | None, after: str | None) -> FileChange:
    patch = patch_of(before, after)
    return FileChange(path=path, status="modified", additions=patch.count("\n+"), deletions=patch.count("\n-"),
                      patch=patch)


# --- a public option's documented default rewritten with the value in code -------------------------------------------

_OPTIONS_GO = """package cors

import "net/http"

// Options is a configuration container to setup the CORS middleware.
type Options struct {
	// AllowedOrigins is a list of origins a cross-domain request can be executed from.
	AllowedOrigins []string
	// AllowedHeaders is list of non simple headers the client is allowed to use with
	// cross-domain requests.
	// Default value is [] but "Origin" is always appended to the list.
	AllowedHeaders []string
	// MaxAge indicates how long (in seconds) the results of a preflight request
	// can be cached
	MaxAge int
}

// New creates a new Cors handler with the provided options.
func New(options Options) *Cors {
	c := &Cors{maxAge: options.MaxAge}
	if len(options.AllowedHeaders) == 0 {
		// Use sensible defaults
		c.allowedHeaders = []string{"Origin", "Accept", "Content-Type", "X-Requested-With"}
	} else {
		// Origin is always appended as some browsers will always request for this header at preflight
		c.allowedHeaders = convert(append(options.AllowedHeaders, "Origin"), http.CanonicalHeaderKey)
	}
	return c
}
"""

_OPTIONS_GO_AFTER = (_OPTIONS_GO
                     .replace('	// Default value is [] but "Origin" is always appended to the list.\n',
                              "	// Default value is [].\n")
                     .replace('{"Origin", "Accept"', '{"Accept"')
                     .replace("		// Origin is always appended as some browsers will always request for this header"
                              " at preflight\n", "")
                     .replace('convert(append(options.AllowedHeaders, "Origin"), ', "convert(options.AllowedHeaders, "))


def test_documented_default_rewritten_with_the_code_is_a_changed_default() -> None:
    assert documented_defaults_rewritten([_change("cors.go", _OPTIONS_GO, _OPTIONS_GO_AFTER)]) == ["cors.go"]
    result = analysed({"cors.go": (_OPTIONS_GO, _OPTIONS_GO_AFTER)}, "Remove Origin always added to allowed header")
    assert result.importance == "high"


def test_default_sentence_reworded_or_private_is_no_changed_default() -> None:
    changed = _change("cors.go", _OPTIONS_GO, _OPTIONS_GO_AFTER)
    # the same value said another way, the code's literal changed beside it: no default the users see moves
    reworded = _OPTIONS_GO_AFTER.replace("	// Default value is [].\n",
                                         '	// Defaults to [] and "Origin" is always appended to the list.\n')
    # an unexported field's documented default: no option users set
    private = (_OPTIONS_GO.replace("AllowedHeaders []string\n	// MaxAge", "allowedHeaders []string\n	// MaxAge"),
               _OPTIONS_GO_AFTER.replace("AllowedHeaders []string\n	// MaxAge", "allowedHeaders []string\n	// MaxAge"))
    # the comment alone corrected, the code untouched: the documentation caught up with the value
    doc_only = _OPTIONS_GO.replace('	// Default value is [] but "Origin" is always appended to the list.\n',
                                   "	// Default value is [].\n")
    assert documented_defaults_rewritten([changed]) == ["cors.go"]
    assert documented_defaults_rewritten([_change("cors.go", _OPTIONS_GO, reworded)]) == []
    assert documented_defaults_rewritten([_change("cors.go", *private)]) == []
    assert documented_defaults_rewritten([_change("cors.go", _OPTIONS_GO, doc_only)]) == []


_OPTIONS_TS = """export interface ParseOptions {
  /**
   * Whether unknown keys are rejected.
   * Defaults to `false`.
   */
  strict?: boolean;
}

export function parse(input: string, options: ParseOptions = {}): Result {
  const strict = options.strict ?? false;
  return run(input, strict);
}
"""


def test_documented_default_rewritten_in_typescript() -> None:
    after = _OPTIONS_TS.replace("Defaults to `false`.", "Defaults to `true`.").replace("?? false", "?? true")
    reflowed = _OPTIONS_TS.replace("   * Whether unknown keys are rejected.\n   * Defaults to `false`.\n",
                                   "   * Whether unknown keys are rejected. Defaults to\n   * `false`.\n")
    assert documented_defaults_rewritten([_change("src/parse.ts", _OPTIONS_TS, after)]) == ["src/parse.ts"]
    # the paragraph re-flowed, the value the same: no default changes
    assert documented_defaults_rewritten([_change("src/parse.ts", _OPTIONS_TS,
                                                  reflowed.replace("?? false", "?? true"))]) == []


# --- case folding taken out of matching, the title saying it is case-sensitive now ---------------------------------

_METHODS_GO = """package cors

import "strings"

func New(options Options) *Cors {
	c := &Cors{}
	if len(options.AllowedMethods) == 0 {
		c.allowedMethods = []string{"GET", "POST", "HEAD"}
	} else {
		c.allowedMethods = convert(options.AllowedMethods, strings.ToUpper)
	}
	return c
}

func (c *Cors) isMethodAllowed(method string) bool {
	if len(c.allowedMethods) == 0 {
		return false
	}
	method = strings.ToUpper(method)
	if method == "OPTIONS" {
		return true
	}
	for _, m := range c.allowedMethods {
		if m == method {
			return true
		}
	}
	return false
}
"""

_METHODS_GO_AFTER = (_METHODS_GO.replace("convert(options.AllowedMethods, strings.ToUpper)", "options.AllowedMethods")
                     .replace("	method = strings.ToUpper(method)\n", ""))


def test_case_folding_removed_under_a_case_sensitive_title_is_high() -> None:
    change = _change("cors.go", _METHODS_GO, _METHODS_GO_AFTER)
    assert case_folding_removed("Keep method case-sensitive", [change]) == ["cors.go"]
    result = analysed({"cors.go": (_METHODS_GO, _METHODS_GO_AFTER)}, "Keep method case-sensitive")
    assert result.importance == "high"


def test_case_folding_moved_or_untitled_is_no_behaviour_change() -> None:
    removed = _change("cors.go", _METHODS_GO, _METHODS_GO_AFTER)
    # the folding moved from the match to where the options are read: the same matching
    moved = _METHODS_GO.replace("	method = strings.ToUpper(method)\n", "").replace(
        "	for _, m := range c.allowedMethods {", "	method = strings.ToUpper(method)\n"
        "	for _, m := range c.allowedMethods {")
    assert case_folding_removed("Keep method case-sensitive", [removed]) == ["cors.go"]
    assert case_folding_removed("Keep method case-sensitive", [_change("cors.go", _METHODS_GO, moved)]) == []
    # no word of case sensitivity in the title: the rule does not guess why a call went
    assert case_folding_removed("Simplify method matching", [removed]) == []


def test_case_folding_removed_in_javascript() -> None:
    before = "export function matches(name, allowed) {\n  return allowed.includes(name.toLowerCase());\n}\n"
    after = "export function matches(name, allowed) {\n  return allowed.includes(name);\n}\n"
    change = _change("lib/headers.js", before, after)
    assert case_folding_removed("Make header name matching case sensitive", [change]) == ["lib/headers.js"]
    # folding added makes matching case-insensitive: more inputs match, none that matched stops
    assert case_folding_removed("Make header name matching case insensitive",
                                [_change("lib/headers.js", after, before)]) == []
