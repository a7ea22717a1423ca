"""Rules of the round tuned on the twenty-eighth fresh set (issue 8, tune28), each on a small snippet: nested loops
swapped are no respelling; a ``for ... in`` loop rewritten over ``Object.keys`` guards against inherited keys; "SOE"
names a StackOverflowError; a ``refactor:``/``chore:`` filed as a ``misc`` news fragment is low; entry points moved
beside product code are at least medium; doc comments over re-wrapped code are comments; exports renamed in a
module the commit first publishes broke no user; a formatter configured anew with its output is upkeep."""

from __future__ import annotations

from analysis.facts.security import PROTOTYPE_GUARD
from tests.facts_support import analysed, facts_of

# --- Go: the same lines put back in another order are a reorder, not a respelling ---------------------------------

_SELECT = """package ws

func pick(server, client []string) string {
\tfor _, s := range server {
\t\tfor _, c := range client {
\t\t\tif c == s {
\t\t\t\treturn c
\t\t\t}
\t\t}
\t}
\treturn ""
}
"""
_SWAPPED = _SELECT.replace("\tfor _, s := range server {\n\t\tfor _, c := range client {",
                           "\tfor _, c := range client {\n\t\tfor _, s := range server {")


def test_nested_loops_swapped_are_no_respelling() -> None:
    from analysis.analyzers.heuristic.code.respelled.go_respellings import go_respelled_only
    from tests.facts_support import patch_of

    assert _SWAPPED != _SELECT
    assert not go_respelled_only(patch_of(_SELECT, _SWAPPED), "server.go")
    assert analysed({"server.go": (_SELECT, _SWAPPED)}, "Fixes subprotocol selection").importance == "medium"
    # a deprecated call spelt as current Go spells it still is one
    old = "package x\n\nfunc f(r io.Reader) ([]byte, error) {\n\treturn ioutil.ReadAll(r)\n}\n"
    assert go_respelled_only(patch_of(old, old.replace("ioutil.ReadAll", "io.ReadAll")), "x.go")


# --- JS/TS: a for...in loop over an object rewritten over its own keys ---------------------------------------------

_MERGE = """export function merge(base, defaults) {
  const object = { ...defaults };
  for (const key in base) {
    if (key === "__proto__") {
      continue;
    }
    const value = base[key];
    object[key] = value;
  }
  return object;
}
"""
_OWN_KEYS = _MERGE.replace("for (const key in base) {", "for (const key of Object.keys(base)) {")


def test_a_for_in_loop_rewritten_over_own_keys_is_a_prototype_guard() -> None:
    facts = facts_of({"src/merge.ts": (_MERGE, _OWN_KEYS)})
    assert any(f["kind"] == "security_signal" and f["text"].startswith(PROTOTYPE_GUARD) for f in facts)
    analysis = analysed({"src/merge.ts": (_MERGE, _OWN_KEYS)}, "fix: ignore inherited enumerable properties")
    assert analysis.importance == "high"
    # the loop's body rewritten, the for...in kept: no guard
    body = _MERGE.replace("object[key] = value;", "object[key] = value ?? null;")
    assert not any(f["kind"] == "security_signal" for f in facts_of({"src/merge.ts": (_MERGE, body)}))


# --- "SOE": a StackOverflowError by its initials -----------------------------------------------------------------

_PARSER = """public class Parser {
    public String getCurrentName() {
        return currentName();
    }
}
"""
_FIXED = _PARSER.replace("        return currentName();",
                         "        if (token == FIELD_NAME) {\n            return fieldName;\n        }\n"
                         "        return super.getCurrentName();")


def test_soe_in_a_fix_title_names_a_stack_overflow() -> None:
    from analysis.analyzers.heuristic import rules as R

    assert R.CRASH_WORDS.search("Fix getCurrentName vs currentName, SOE (due to refactoring)")
    assert not R.CRASH_WORDS.search("Fix the soe field")  # the capitals only
    files = {"src/main/java/Parser.java": (_PARSER, _FIXED)}
    assert analysed(files, "Fix an issue wrt getCurrentName, SOE (due to refactoring)").importance == "high"
    assert analysed(files, "Fix an issue wrt getCurrentName (due to refactoring)").importance == "medium"


# --- a misc news fragment beside refactor:/chore: ------------------------------------------------------------------

_ENV = """import os


def _bootstrap(runner=None):
    if runner is None:
        runner = default_runner
    return runner


def make_dir(path):
    if not os.path.isdir(path):
        os.makedirs(path)
"""
_ENV_NEW = _ENV.replace("""    if not os.path.isdir(path):
        os.makedirs(path)
""", """    try:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        pass
""")
_TEST = "from pkg import env\n\n\ndef test_bootstrap():\n    assert env._bootstrap(1) == 1\n"
_TEST_NEW = _TEST + "".join(f"\n\ndef test_make_dir_{i}(tmp_path):\n    env.make_dir(tmp_path / '{i}')\n"
                            f"    assert (tmp_path / '{i}').is_dir()\n" for i in range(4))


def _simplified(fragment: str, message: str = "refactor: simplify code paths found in review"):
    return analysed({"src/pkg/env.py": (_ENV, _ENV_NEW), "tests/test_env.py": (_TEST, _TEST_NEW),
                     f"docs/changelog/1124.{fragment}.rst": (None, "Simplify internal code paths.\n")}, message)


def test_a_refactor_filed_as_a_misc_news_fragment_is_low() -> None:
    assert _simplified("misc").importance == "low"
    # a fragment filed as a bug fix, or a misc one with no prefix of the author's, keeps the other rules' reading
    assert _simplified("bugfix").importance == "medium"
    assert _simplified("misc", "Simplify code paths found in review").importance == "medium"


# --- package.json entry points moved beside product code ----------------------------------------------------------

_PKG = """{
  "name": "merge-lib",
  "version": "1.0.0",
  "types": "./dist/index.d.ts",
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "import": "./dist/index.mjs",
      "require": "./lib/index.cjs"
    }
  }
}
"""
_PKG_NEW = _PKG.replace('''  "types": "./dist/index.d.ts",
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "import": "./dist/index.mjs",
      "require": "./lib/index.cjs"
    }''', '''  "types": "./lib/index.d.cts",
  "exports": {
    ".": {
      "import": {
        "types": "./dist/index.d.mts",
        "default": "./dist/index.mjs"
      },
      "require": {
        "types": "./lib/index.d.cts",
        "default": "./lib/index.cjs"
      }
    }''')
_INDEX = 'export const merge = createMerge();\n\nexport type { Merge } from "./types";\n'


def test_entry_points_moved_beside_product_code_are_not_housekeeping() -> None:
    files = {"package.json": (_PKG, _PKG_NEW),
             "src/index.ts": (_INDEX, _INDEX.replace("{ Merge }", "{ Merge, MergeFn }"))}
    assert analysed(files, "build: fix mixed types").importance == "medium"
    # the same line of code alone stays a few lines of housekeeping
    assert analysed({"src/index.ts": files["src/index.ts"]}, "build: fix mixed types").importance == "low"


# --- doc comments written over code re-wrapped ---------------------------------------------------------------------

_PROMPT = """export function confirm(opts) {
  const title = `${color(S_BAR)}\\n${symbol(state)} ${
    opts.message
  }\\n`;
  return title;
}
"""
_DOCUMENTED = """/**
 * Asks the user to confirm.
 * @param {object} opts - The prompt's options.
 * @returns {string} The rendered title.
 */
export function confirm(opts) {
  const title = `${color(S_BAR)}\\n${symbol(state)} ${opts.message
    }\\n`;
  return title;
}
"""


def test_doc_comments_over_rewrapped_code_are_comments_only() -> None:
    from analysis.analyzers.heuristic.code.respelled.comments_changed import comments_over_rewrapped_code
    from analysis.models import FileChange
    from tests.facts_support import patch_of

    analysis = analysed({"src/utils/prompt.ts": (_PROMPT, _DOCUMENTED)}, "docs: add jsdocs for utils functions")
    assert (analysis.change_type, analysis.importance) == ("docs", "low")
    # a token changed on the way is code
    changed = _DOCUMENTED.replace("opts.message", "opts.title")
    assert not comments_over_rewrapped_code(FileChange(path="src/utils/prompt.ts", status="modified",
                                                       patch=patch_of(_PROMPT, changed)))
    # Python's indentation is its syntax: never read as layout
    assert not comments_over_rewrapped_code(FileChange(path="m.py", status="modified",
                                                       patch=patch_of("x = f(\n  a)\n", "# doc\nx = f(a)\n")))


# --- exports renamed in a module the commit first publishes ---------------------------------------------------------

_OPTIONS = """export type TextOptions = {
  type: "text";
  initial?: string;
};

export type PromptOptions = TextOptions;

export async function prompt(message: string, opts: PromptOptions) {
  return message;
}
"""
_RENAMED = _OPTIONS.replace("TextOptions", "TextPromptOptions")
_SHARED = 'export { Consola } from "./consola";\nexport type * from "./types";\n'
_SHARED_NEW = _SHARED + 'export type {\n  PromptOptions,\n  TextPromptOptions,\n} from "./prompt";\n'


def test_exports_renamed_in_a_module_first_published_break_no_user() -> None:
    published = analysed({"src/prompt.ts": (_OPTIONS, _RENAMED), "src/shared.ts": (_SHARED, _SHARED_NEW)},
                         "feat: export prompt option types")
    assert (published.change_type, published.importance) == ("feature", "medium")
    # renamed in a module the package published before: users' imports break
    already = _SHARED + 'export type { PromptOptions } from "./prompt";\n'
    renamed = analysed({"src/prompt.ts": (_OPTIONS, _RENAMED),
                        "src/shared.ts": (already, already.replace("{ PromptOptions }",
                                                                   "{ PromptOptions, TextPromptOptions }"))},
                       "feat: export prompt option types")
    assert renamed.importance == "high"


# --- the project's formatter configured anew, with its output -----------------------------------------------------

_TYPES = """export type IgnoredInput =
  | boolean
  | number
  | null
  | undefined;

export function merge<T>(
  base: T,
  defaults: any,
  namespace = ".",
): T {
  return base;
}
"""
_FORMATTED = """export type IgnoredInput = boolean | number | null | undefined;

export function merge<T>(base: T, defaults: any, namespace = "."): T {
  return base;
}
"""


def test_a_formatter_configured_anew_with_its_output_is_upkeep() -> None:
    files = {"src/types.ts": (_TYPES, _FORMATTED), ".prettierrc": ("{}\n", None),
             ".oxfmtrc.json": (None, '{\n  "$schema": "https://unpkg.com/oxfmt/configuration_schema.json"\n}\n')}
    analysis = analysed(files, "chore: update repo")
    assert (analysis.change_type, analysis.importance) == ("chore", "low")
    # a token the formatter would not write changes the program
    changed = dict(files, **{"src/types.ts": (_TYPES, _FORMATTED.replace("return base;", "return defaults;"))})
    assert analysed(changed, "chore: update repo").importance != "low"
