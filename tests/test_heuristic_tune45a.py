"""Rules of the tuning round on the forty-fifth set (issue 8, tune45a), each on a small snippet: a breaking change
"technically" said, a default the title names set through a setter call, a trait bound a public Rust function
gains, a UI's key bindings removed, Rust's ``.cloned()`` written ``.copied()``."""

from __future__ import annotations

from analysis.analyzers.heuristic.api.comma_appended import comma_appended_only
from analysis.analyzers.heuristic.api.title_defaults import title_defaults_changed
from analysis.analyzers.heuristic.code.behaviour.key_bindings import bindings_removed
from analysis.analyzers.heuristic.code.respelled.rust_respellings import rust_respelled_only
from analysis.analyzers.heuristic.declared import _SAID
from analysis.models import FileChange
from tests.facts_support import analysed, patch_of

# --- "This is technically a breaking change" -----------------------------------------------------------------------

_JS = "function load(url) {\n  return readFile(url).then((buf) => buf);\n}\nmodule.exports = { load };\n"
_JS_AFTER = _JS.replace("(buf) => buf", "(buf) => new Uint8Array(buf)")


def test_technically_breaking_is_said_incompatible() -> None:
    assert _SAID.search("This is technically a breaking change as load() now fulfils with a Uint8Array.")
    assert _SAID.search("This is potentially a breaking change for custom loaders")
    analysis = analysed({"lib/loader.js": (_JS, _JS_AFTER)},
                        "Remove Buffer usage\n\nThis is technically a breaking change as load() now fulfils with "
                        "a Uint8Array instead of a Buffer.")
    assert analysis.importance == "high"


def test_technically_not_breaking_is_not_said() -> None:
    analysis = analysed({"lib/loader.js": (_JS, _JS_AFTER)},
                        "Remove Buffer usage\n\nThis is technically not a breaking change as callers get bytes.")
    assert analysis.importance != "high"


# --- a default header the title names, set through a setter ------------------------------------------------------

_REQ = ("export function options(request) {\n  const headers = request.headers;\n"
        "  if (!headers.has('User-Agent')) {\n    headers.set('User-Agent', 'lib/1.0 (+https://example.org)');\n"
        "  }\n  return headers;\n}\n")
_REQ_AFTER = _REQ.replace("'lib/1.0 (+https://example.org)'", "'lib'")


def test_default_named_in_title_set_through_setter_is_high() -> None:
    files = [FileChange(path="src/request.js", patch=patch_of(_REQ, _REQ_AFTER))]
    assert title_defaults_changed("Fix default user agent string", files)
    assert analysed({"src/request.js": (_REQ, _REQ_AFTER)}, "Fix default user agent string").importance == "high"


def test_default_of_another_key_is_not_named() -> None:
    files = [FileChange(path="src/request.js", patch=patch_of(_REQ, _REQ_AFTER))]
    assert not title_defaults_changed("Fix default timeout handling", files)
    assert not title_defaults_changed("Fix user agent string", files)
    assert title_defaults_changed("Fix the default User-Agent", files)  # the key the setter sets, named as a default


# --- a trait bound a public Rust function gains --------------------------------------------------------------------

_MAP = ("pub struct Map<K> {{ inner: Vec<K> }}\n\nimpl<K: Eq> Map<K> {{\n"
        "    pub fn get<Q>(&self, key: &Q) -> Option<&K>\n    where\n        {bounds}\n    {{\n"
        "        self.inner.iter().find(|k| key.matches(k))\n    }}\n}}\n")


def test_bound_replaced_on_public_method_is_high() -> None:
    before = _MAP.format(bounds="K: Borrow<Q>,\n        Q: Eq + ?Sized,")
    after = _MAP.format(bounds="Q: Equivalent<K> + ?Sized,")
    assert analysed({"src/lib.rs": (before, after)}, "Use Equivalent for key lookups").importance == "high"


def test_same_trait_by_another_path_is_not_a_new_bound() -> None:
    before = _MAP.format(bounds="Q: serde::Serialize,")
    after = _MAP.format(bounds="Q: serde_core::Serialize,")
    assert analysed({"src/lib.rs": (before, after)}, "Use serde_core for key lookups").importance != "high"


# --- a terminal UI's key bindings removed --------------------------------------------------------------------------

_VIEW = ("func (p *Pod) bindKeys(aa *ui.KeyActions) {{\n\taa.Bulk(ui.KeyMap{{\n"
         "\t\tui.KeyL: ui.NewKeyAction(\"Logs\", p.logsCmd, true),\n{sorts}\t}})\n}}\n")
_SORTS = ("\t\tui.KeyShiftC: ui.NewKeyAction(\"Sort CPU\", p.sortCmd(\"CPU\"), false),\n"
          "\t\tui.KeyShiftM: ui.NewKeyAction(\"Sort MEM\", p.sortCmd(\"MEM\"), false),\n"
          "\t\tui.KeyShiftR: ui.NewKeyAction(\"Sort Ready\", p.sortCmd(\"READY\"), false),\n")


def test_key_bindings_removed_is_high() -> None:
    before, after = _VIEW.format(sorts=_SORTS), _VIEW.format(sorts="")
    assert bindings_removed([FileChange(path="internal/view/pod.go", patch=patch_of(before, after))])
    analysis = analysed({"internal/view/pod.go": (before, after)}, "refactor: remove sorting key bindings")
    assert analysis.importance == "high"


def test_key_bindings_realigned_are_kept() -> None:
    before = _VIEW.format(sorts=_SORTS)
    after = before.replace("ui.KeyL: ", "ui.KeyL:      ").replace("false),", "true),")
    assert not bindings_removed([FileChange(path="internal/view/pod.go", patch=patch_of(before, after))])
    gone = after.replace("\t\tui.KeyShiftC: ui.NewKeyAction(\"Sort CPU\", p.sortCmd(\"CPU\"), true),\n", "") \
        .replace("\t\tui.KeyShiftM: ui.NewKeyAction(\"Sort MEM\", p.sortCmd(\"MEM\"), true),\n", "") \
        .replace("\t\tui.KeyShiftR: ui.NewKeyAction(\"Sort Ready\", p.sortCmd(\"READY\"), true),\n", "")
    assert bindings_removed([FileChange(path="internal/view/pod.go", patch=patch_of(before, gone))])  # removed too


# --- Rust's .cloned() written .copied() ----------------------------------------------------------------------------

_NODES = ("use std::iter::{Cloned, DoubleEndedIterator};\n\npub struct Nodes<'a, N> {\n"
          "    iter: Cloned<std::slice::Iter<'a, N>>,\n}\n\nimpl<N: Copy> Graph<N> {\n"
          "    pub fn nodes(&self) -> Nodes<'_, N> {\n        Nodes { iter: self.nodes.iter().cloned() }\n    }\n\n"
          "    pub fn drive<C>(self, c: C) -> C::Result {\n        self.iter.cloned().drive(c)\n    }\n}\n")
_NODES_AFTER = (_NODES.replace("Cloned", "Copied").replace(".cloned()", ".copied()")
                .replace("self, c: C", "self, consumer: C").replace(".drive(c)", ".drive(consumer)"))


def test_cloned_as_copied_is_low() -> None:
    assert rust_respelled_only(patch_of(_NODES, _NODES_AFTER), "src/graph.rs")
    assert analysed({"src/graph.rs": (_NODES, _NODES_AFTER)}, "Use N: Copy in Nodes").importance == "low"


def test_cloned_as_copied_with_another_call_is_not_respelled() -> None:
    after = _NODES_AFTER.replace(".drive(consumer)", ".drive(consumer.split())")
    assert not rust_respelled_only(patch_of(_NODES, after), "src/graph.rs")
    assert rust_respelled_only(patch_of(_NODES, _NODES_AFTER), "src/graph.rs")  # without the extra call: respelled


# --- a JSON schema's property appended after the last one ---------------------------------------------------------

_SCHEMA = ('{\n  "type": "object",\n  "properties": {\n    "skin": {"type": "string"},\n'
           '    "fullScreen": {"type": "boolean"}\n  }\n}\n')
_SCHEMA_AFTER = _SCHEMA.replace('"boolean"}\n', '"boolean"},\n    "invert": {"type": "boolean"}\n')
_UI = "package config\n\ntype UI struct {\n\tSkin string `json:\"skin\"`\n}\n"
_UI_AFTER = _UI.replace("}\n", "\tInvert bool `json:\"invert\"`\n}\n")


def test_schema_property_appended_after_a_comma_is_not_high() -> None:
    assert comma_appended_only(patch_of(_SCHEMA, _SCHEMA_AFTER))
    files = {"internal/config/schemas/app.json": (_SCHEMA, _SCHEMA_AFTER), "internal/config/ui.go": (_UI, _UI_AFTER)}
    assert analysed(files, "feat: add color inversion setting").importance == "medium"


def test_schema_entry_replaced_is_not_appended() -> None:
    after = _SCHEMA.replace('"fullScreen": {"type": "boolean"}', '"fullScreen": {"type": "string"},')
    assert not comma_appended_only(patch_of(_SCHEMA, after))
    assert comma_appended_only(patch_of(_SCHEMA, _SCHEMA_AFTER))  # the same place, only a comma and an entry: appended
