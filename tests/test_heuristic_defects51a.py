"""Maintainer-review mends (defects51a) from reading adrienverge/yamllint, dtolnay/serde-yaml and sindresorhus/p-map
days: a TypeScript member moved into a base type the old type now intersects said to be removed (and the change
ranked high for it); one function name changed alike in many files said with a plural verb ("`check` gain
`context`"); a release titled "<project> version X.Y.Z" read as a refactor."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, facts_of

OPTIONS = """export type Options = {
\treadonly concurrency?: number;

\treadonly stopOnError?: boolean;
};

export default function pMap(input: Iterable<unknown>, options?: Options): Promise<unknown[]>;
"""
BASE_OPTIONS = """type BaseOptions = {
\treadonly concurrency?: number;
};

export type Options = BaseOptions & {
\treadonly stopOnError?: boolean;
};

export type IterableOptions = BaseOptions & {
\treadonly backpressure?: number;
};

export default function pMap(input: Iterable<unknown>, options?: Options): Promise<unknown[]>;
"""


def _removed(files: dict) -> list[str]:
    return [f["symbol"] for f in facts_of(files) if f["kind"] == "symbol_removed"]


def test_a_ts_member_moved_into_an_intersected_base_type_is_not_removed():
    files = {"index.d.ts": (OPTIONS, BASE_OPTIONS)}
    assert "Options.concurrency" not in _removed(files)
    text = analysis_text(analysed(files, "Add `IterableOptions`"))
    assert "`IterableOptions`" in text and "removed" not in text, text
    # an interface that extends the base keeps the member too
    extended = ("interface Base {\n\tconcurrency?: number;\n}\n\n"
                "export interface Options extends Base {\n\tsignal?: AbortSignal;\n}\n")
    interface = {"index.d.ts": ("export interface Options {\n\tconcurrency?: number;\n\tsignal?: AbortSignal;\n}\n",
                                extended)}
    assert "Options.concurrency" not in _removed(interface)


def test_a_ts_member_the_base_type_does_not_declare_is_still_removed():
    dropped = BASE_OPTIONS.replace("\treadonly concurrency?: number;\n", "\treadonly limit?: number;\n", 1)
    files = {"index.d.ts": (OPTIONS, dropped)}
    assert "Options.concurrency" in _removed(files)
    text = analysis_text(analysed(files, "Rework options"))
    assert "`Options.concurrency` removed" in text, text
    # a type that intersects nothing loses the member outright
    plain = {"index.d.ts": (OPTIONS, OPTIONS.replace("\treadonly concurrency?: number;\n", ""))}
    assert "Options.concurrency" in _removed(plain)


def _rule(name: str, params: str) -> str:
    return f"def check(conf, {params}):\n    if conf:\n        yield '{name}'\n"


def test_one_name_changed_alike_in_many_files_takes_a_singular_verb():
    files = {f"pkg/rules/{name}.py": (_rule(name, "token, prev"), _rule(name, "token, prev, context"))
             for name in ("braces", "brackets", "colons")}
    text = analysis_text(analysed(files, "Rules: Keep a persistent context"))
    assert "`check` gains `context`" in text, text
    # two names changed alike still share the plural
    two = {"pkg/a.py": ("def load(path):\n    return path\n", "def load(path, strict):\n    return path\n"),
           "pkg/b.py": ("def dump(path):\n    return path\n", "def dump(path, strict):\n    return path\n")}
    text = analysis_text(analysed(two, "Add strict mode"))
    assert "gain `strict`" in text and "gains `strict`" not in text, text


INIT = "APP_NAME = 'tool'\nAPP_VERSION = '{}'\nAPP_DESCRIPTION = 'A linter.'\n"


def test_a_release_titled_project_version_number_is_a_chore():
    files = {"tool/__init__.py": (INIT.format("0.2.0"), INIT.format("0.3.0"))}
    analysis = analysed(files, "tool version 0.3.0")
    assert analysis.change_type == "chore", analysis.change_type
    assert analysis.importance == "low", analysis.importance
    # a title naming a version the code does not move is read from the code as before
    logic = {"tool/core.py": ("def run(x):\n    return x\n", "def run(x):\n    return x + 1\n")}
    assert analysed(logic, "tool version 0.3.0").change_type != "chore"


RULE = "def check(conf, token):\n    if token.kind == 'B_SEQ':\n        yield conf\n"
RULE_FIXED = "def check(conf, token):\n    if token.kind == 'B_ENT':\n        yield conf\n"


def test_a_components_label_or_a_quoted_name_is_no_cosmetic_word():
    files = {"pkg/rules/indentation.py": (RULE, RULE_FIXED)}
    assert analysed(files, "Rules: indentation: Fix B_SEQ instead of B_ENT").change_type == "fix"
    option = {"pkg/rules/indentation.py": (RULE, RULE.replace("yield conf", "yield conf['indent-sequences']"))}
    assert analysed(option, "Add the 'indent-sequences' option").change_type == "feature"
    # the same word as the change itself still says a whitespace-only edit
    spaced = {"pkg/rules/indentation.py": (RULE, RULE.replace("\n        yield", "\n        yield "))}
    assert analysed(spaced, "Rules: Fix indentation").change_type == "chore"


TAG = """pub struct Tag {
    string: String,
}

impl Debug for Tag {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "!{}", self.string)
    }
}
"""
DISPLAY = """
impl Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "!{}", self.string)
    }
}
"""
DISPLAY_TOUCHED = DISPLAY.replace("f: &mut fmt::Formatter<'_>", "formatter: &mut fmt::Formatter").replace(
    "write!(f,", "write!(formatter,")


def _texts(files: dict) -> list[str]:
    return [f"{f['kind']} {f['symbol']} {f.get('text', '')}" for f in facts_of(files)
            if f["kind"].startswith(("symbol_", "signature_"))]


def test_rust_trait_methods_of_one_name_are_no_overloads():
    # a second trait's ``fmt`` for the type: the impl, not an overload added
    added = {"src/tagged.rs": (TAG, TAG + DISPLAY)}
    assert not any("overload" in t for t in _texts(added)), _texts(added)
    text = analysis_text(analysed(added, "Implement Display for Tag"))
    assert "Implements `Display` for `Tag`" in text and "overload" not in text, text
    # one of them with its parameter renamed and its elided lifetime dropped: no overload removed, no call broken
    touched = {"src/tagged.rs": (TAG + DISPLAY, TAG + DISPLAY_TOUCHED)}
    text = analysis_text(analysed(touched, "Touch up"))
    assert "`Tag::fmt`" in text and "overload" not in text and "renames" not in text, text
    # a parameter that changes its type stays a signature change
    retyped = {"src/tagged.rs": (TAG + DISPLAY, TAG + DISPLAY.replace("fmt::Formatter<'_>", "fmt::Writer"))}
    assert any(t.startswith("signature_changed Tag::fmt") for t in _texts(retyped)), _texts(retyped)


def test_generic_trait_impls_keep_each_method():
    one = "pub struct X(u32);\n\nimpl From<u8> for X {\n    fn from(v: u8) -> X {\n        X(v as u32)\n    }\n}\n"
    two = one + "\nimpl From<u16> for X {\n    fn from(v: u16) -> X {\n        X(v as u32)\n    }\n}\n"
    edited = two.replace("X(v as u32)\n    }\n}\n", "X(u32::from(v))\n    }\n}\n")
    assert any(t.startswith("symbol_modified X::from") for t in _texts({"src/x.rs": (two, edited)}))
    assert not any("overload" in t for t in _texts({"src/x.rs": (one, two)}))


WORKFLOW = """jobs:
  test:
    strategy:
      matrix:
        node-version:
          - 16
          - 14
          - 12
    steps:
      - run: npm test
"""


def test_a_ci_lists_items_name_their_list_once_in_the_impact():
    after = WORKFLOW.replace("          - 16\n          - 14\n          - 12\n", "          - 20\n          - 18\n          - 16\n")
    files = {".github/workflows/main.yml": (WORKFLOW, after), "index.js": ("module.exports = 1;\n", "module.exports = 2;\n")}
    impact = "\n".join(analysed(files, "Require Node.js 16").impact)
    assert "`jobs.test.strategy.matrix.node-version` +`20` +`18` −`14` −`12`" in impact, impact
    assert "node-version[" not in impact, impact
    # a key added beside them is still named as a key
    keyed = after.replace("    steps:\n", "      fail-fast: false\n    steps:\n")
    impact = "\n".join(analysed({**files, ".github/workflows/main.yml": (WORKFLOW, keyed)}, "Require Node.js 16").impact)
    assert "`jobs.test.strategy.fail-fast`" in impact, impact
