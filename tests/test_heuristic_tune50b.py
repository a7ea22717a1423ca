"""Rules of the tuning round on the forty-ninth set (issue 8, tune50b), each on a small snippet: a public Rust trait
gaining a required member breaks its implementors, a Rust method's receiver asking for ``&mut self`` breaks callers
holding ``&T``, the root ``go.mod``'s module path moved renames the package, ``#[doc(hidden)]`` keeps an item public,
and a guard that ends an existing call with an error is no housekeeping."""

from __future__ import annotations

from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.analyzers.heuristic.api.required_members import required_members_added
from analysis.analyzers.heuristic.code.behaviour.guards import refusal_bounds_moved, refusals_added
from analysis.analyzers.heuristic.code.perf import without_inline_hints
from analysis.analyzers.heuristic.config.builds.module_path import module_path_moved
from analysis.analyzers.signatures import compare
from analysis.facts import derive_facts
from analysis.models import FileChange
from tests.facts_support import analysed, commit_of, patch_of


def _change(path: str, before: str, after: str) -> FileChange:
    patch = patch_of(before, after)
    return FileChange(path=path, status="modified", additions=patch.count("\n+"), deletions=patch.count("\n-"),
                      patch=patch)


# --- a public Rust trait gains a member with no default: every implementor must write it ---------------------------

_TRAIT = """pub enum Kind {
    Plain,
    Eponymous,
}

/// A table users implement.
pub trait Table<'a>: Sized {
    /// Create the table.
    fn create(db: &'a str) -> Self;
    /// Its rows.
    fn rows(&self) -> usize;
}

pub fn register<'a, T: Table<'a>>(db: &'a str) -> T {
    T::create(db)
}
"""


def test_trait_gaining_a_required_const_is_high() -> None:
    after = _TRAIT.replace("pub trait Table<'a>: Sized {\n", "pub trait Table<'a>: Sized {\n    const KIND: Kind;\n")
    assert required_members_added([_change("src/table.rs", _TRAIT, after)]) == ["Table.KIND"]
    result = analysed({"src/table.rs": (_TRAIT, after)}, "Let tables choose their kind")
    assert result.importance == "high"


def test_trait_gaining_a_required_method_on_several_lines_is_read() -> None:
    after = _TRAIT.replace("    fn create(db: &'a str) -> Self;\n", "    fn create(db: &'a str) -> Self;\n    fn delete(\n"
                           "        &mut self,\n        row: usize,\n    ) -> bool;\n")
    assert required_members_added([_change("src/table.rs", _TRAIT, after)]) == ["Table.delete"]


def test_trait_member_with_a_default_asks_nothing_of_implementors() -> None:
    required = _TRAIT.replace("pub trait Table<'a>: Sized {\n", "pub trait Table<'a>: Sized {\n    fn close(&self);\n")
    assert required_members_added([_change("src/table.rs", _TRAIT, required)]) == ["Table.close"]
    after = _TRAIT.replace("    fn create(db: &'a str) -> Self;\n",
                           "    fn create(db: &'a str) -> Self;\n    fn name(&self) -> &str {\n        \"table\"\n    }\n"
                           "    const LIMIT: usize = 10;\n")
    assert required_members_added([_change("src/table.rs", _TRAIT, after)]) == []
    result = analysed({"src/table.rs": (_TRAIT, after)}, "Let tables tell their name")
    assert result.importance == "medium"


def test_hidden_member_seals_the_trait() -> None:
    shown = _TRAIT.replace("    fn create(db: &'a str) -> Self;\n", "    fn create(db: &'a str) -> Self;\n    fn seal(&self) -> Kind;\n")
    assert required_members_added([_change("src/table.rs", _TRAIT, shown)]) == ["Table.seal"]
    after = _TRAIT.replace("    fn create(db: &'a str) -> Self;\n",
                           "    fn create(db: &'a str) -> Self;\n    #[doc(hidden)]\n    fn __seal(&self) -> Kind;\n")
    assert required_members_added([_change("src/table.rs", _TRAIT, after)]) == []


def test_new_trait_is_not_one_that_gained_a_member() -> None:
    after = _TRAIT + "\npub trait Writable<'a>: Table<'a> {\n    fn insert(&mut self) -> usize;\n}\n"
    assert required_members_added([_change("src/table.rs", _TRAIT, after)]) == []
    grown = after.replace("pub trait Table<'a>: Sized {\n", "pub trait Table<'a>: Sized {\n    type Row;\n")
    assert required_members_added([_change("src/table.rs", after, grown)]) == ["Table.Row"]


# --- a Rust receiver asking more of its callers ----------------------------------------------------------------------

def test_receiver_from_shared_to_exclusive_borrow_breaks_callers() -> None:
    delta = compare("(&'vtab self) -> Result<Self::Cursor>", "(&'vtab mut self) -> Result<Self::Cursor>", "src/mod.rs")
    assert delta.receiver_narrowed == ("&self", "&mutself") and delta.breaking
    assert not compare("(&mut self) -> usize", "(&self) -> usize", "src/mod.rs").breaking
    assert not compare("(self) -> usize", "(mut self) -> usize", "src/mod.rs").breaking


_TABLE = """pub struct Table {
    rows: usize,
}

impl Table {
    /// Opens a cursor over the rows.
    pub fn open(&self) -> usize {
        self.rows
    }
}
"""


def test_public_method_taking_mut_self_is_high() -> None:
    after = _TABLE.replace("pub fn open(&self)", "pub fn open(&mut self)")
    assert analysed({"src/table.rs": (_TABLE, after)}, "Let cursors write").importance == "high"


# --- the root go.mod's module path moved: every import of the package changes ----------------------------------------

_GO_MOD = "module github.com/square/go-jose/v3\n\ngo 1.12\n\nrequire golang.org/x/crypto v0.0.0\n"
_GO_SOURCE = """package jose

import (
\t"github.com/square/go-jose/v3/json"
)

func Marshal(v interface{}) ([]byte, error) {
\treturn json.Marshal(v)
}
"""


def _moved(path: str) -> dict[str, tuple[str, str]]:
    return {path: (_GO_MOD, _GO_MOD.replace("square/go-jose", "go-jose/go-jose")),
            "shared.go": (_GO_SOURCE, _GO_SOURCE.replace("square/go-jose", "go-jose/go-jose"))}


def test_root_module_path_moved_is_high() -> None:
    files = _moved("go.mod")
    assert module_path_moved([_change("go.mod", *files["go.mod"])]) == (
        "github.com/square/go-jose/v3", "github.com/go-jose/go-jose/v3")
    assert analysed(files, "Update module path").importance == "high"


def test_nested_module_path_moved_is_not_the_package_renamed() -> None:
    assert module_path_moved([_change("go.mod", *_moved("go.mod")["go.mod"])]) is not None
    files = _moved("jose-util/go.mod")
    assert module_path_moved([_change("jose-util/go.mod", *files["jose-util/go.mod"])]) is None
    assert analysed(files, "Update module path").importance == "low"


# --- #[doc(hidden)] keeps the item public: callers lose nothing ------------------------------------------------------

_STATEMENT = """pub struct Statement;

impl Statement {
    /// Runs the statement.
    pub fn execute(&mut self) -> usize {
        1
    }

    /// Runs the statement with named parameters.
    #[deprecated = "use execute"]
    pub fn execute_named(&mut self) -> usize {
        self.execute()
    }
}
"""


def _breaks(after: str) -> list:
    commit, texts = commit_of({"src/statement.rs": (_STATEMENT, after)}, "Hide deprecated methods from the docs")
    return evidence_of(commit, derive_facts(commit, texts)).api_breaks


def test_doc_hidden_item_is_no_removal() -> None:
    hidden = _STATEMENT.replace("    #[deprecated", "    #[doc(hidden)]\n    #[deprecated")
    assert _breaks(hidden) == []
    narrowed = _STATEMENT.replace("pub fn execute_named", "pub(crate) fn execute_named")
    assert [f.symbol for f in _breaks(narrowed)] == ["Statement::execute_named"]


# --- a guard that ends an existing call with an error: callers meet a new failure -----------------------------------

_REGISTER = """use crate::version;

impl InnerConnection {
    fn create_module(&self, name: &str, module: &Module) -> Result<()> {
        let c_name = to_cstring(name)?;
        self.register(c_name, module)
    }
}
"""


def test_guard_returning_an_error_is_no_housekeeping() -> None:
    after = _REGISTER.replace("        let c_name", "        if version::number() < 3_009_000 && module.create.is_none() {\n"
                              "            return Err(Error::ModuleError(format!(\n"
                              "                \"Eponymous-only table not supported by SQLite {}\",\n"
                              "                version::version()\n            )));\n        }\n        let c_name")
    guards = refusals_added([_change("src/vtab.rs", _REGISTER, after)])
    assert [g[1] for g in guards] == ["return"] and guards[0][2].startswith("Err(")
    result = analysed({"src/vtab.rs": (_REGISTER, after)}, "Check the SQLite version while registering a module")
    assert result.importance == "medium"


def test_guard_returning_early_with_success_stays_housekeeping() -> None:
    raised = _REGISTER.replace("        let c_name", "        if name.is_empty() {\n            return Err(Error::Empty);\n"
                               "        }\n        let c_name")
    assert len(refusals_added([_change("src/vtab.rs", _REGISTER, raised)])) == 1
    after = _REGISTER.replace("        let c_name", "        if name.is_empty() {\n            return Ok(());\n"
                              "        }\n        let c_name")
    assert refusals_added([_change("src/vtab.rs", _REGISTER, after)]) == []
    result = analysed({"src/vtab.rs": (_REGISTER, after)}, "Check the module name while registering a module")
    assert result.importance == "low"


_CONNECT = """static int connect_init(struct client *c, const char *host, int port, int keepalive)
{
	if(!host || port < 0 || port > UINT16_MAX){
		return CLIENT_ERR_INVAL;
	}
	if(keepalive != 0 && (keepalive < 5 || keepalive > UINT16_MAX)){
		return CLIENT_ERR_INVAL;
	}

	c->keepalive = keepalive;
	return CLIENT_ERR_SUCCESS;
}
"""


def test_refusal_bound_moved_is_no_housekeeping() -> None:
    after = _CONNECT.replace("keepalive < 5", "keepalive < 2")
    assert refusal_bounds_moved([_change("lib/connect.c", _CONNECT, after)]) == [
        ("if(keepalive != 0 && (keepalive < 5 || keepalive > UINT16_MAX)){",
         "if(keepalive != 0 && (keepalive < 2 || keepalive > UINT16_MAX)){")]
    assert analysed({"lib/connect.c": (_CONNECT, after)}, "lib: Reduce min keepalive to 2").importance == "medium"


def test_bound_of_a_guard_that_succeeds_is_housekeeping() -> None:
    passing = _CONNECT.replace("keepalive < 5 || keepalive > UINT16_MAX)){\n\t\treturn CLIENT_ERR_INVAL;",
                               "keepalive < 5 || keepalive > UINT16_MAX)){\n\t\treturn CLIENT_ERR_SUCCESS;")
    after = passing.replace("keepalive < 5", "keepalive < 2")
    assert refusal_bounds_moved([_change("lib/connect.c", passing, after)]) == []
    refused = _CONNECT.replace("keepalive < 5", "keepalive < 2")
    assert len(refusal_bounds_moved([_change("lib/connect.c", _CONNECT, refused)])) == 1
    assert analysed({"lib/connect.c": (passing, after)}, "lib: Reduce min keepalive to 2").importance == "low"


# --- a Rust ``#[inline]`` hint added beside documentation: the code laid out the same -------------------------------

_FLAGS = """bitflags::bitflags! {
    pub struct OpenFlags: i32 {
        const READ_ONLY     = 0x01;
        const READ_WRITE    = 0x02;
    }
}

impl Default for OpenFlags {
    fn default() -> OpenFlags {
        OpenFlags::READ_WRITE
    }
}
"""


def test_inline_hint_beside_docs_is_layout() -> None:
    after = _FLAGS.replace("READ_ONLY     =", "READ_ONLY =").replace("READ_WRITE    =", "READ_WRITE =").replace(
        "    pub struct OpenFlags", "    /// Flags for opening a database.\n    ///\n    /// The default is read and write.\n"
        "    /// See `Connection::open` for the flags it\n    /// passes and why.\n    pub struct OpenFlags").replace(
        "    fn default()", "    #[inline]\n    fn default()")
    assert without_inline_hints("+    #[inline]\n     fn default() {\n") == "     fn default() {\n"
    result = analysed({"src/lib.rs": (_FLAGS, after)}, "Improve the docs for opening flags a bit")
    assert (result.importance, result.change_type) == ("low", "docs")


# --- a signature changed on a definition made public in the same change: no caller had it ---------------------------

_CONNECTION = """pub struct Connection {
    db: Db,
}

impl Connection {
    /// The number of rows the last statement changed.
    #[inline]
    fn changes(&self) -> usize {
        self.db.changes() as usize
    }
}
"""


def test_signature_of_a_definition_made_public_is_no_break() -> None:
    exposed = _CONNECTION.replace("    fn changes(&self) -> usize {\n        self.db.changes() as usize",
                                  "    pub fn changes(&self) -> u64 {\n        self.db.changes() as u64")
    assert analysed({"src/lib.rs": (_CONNECTION, exposed)}, "Expose the number of changed rows").importance == "medium"
    public = _CONNECTION.replace("    fn changes(&self) -> usize", "    pub fn changes(&self) -> usize")
    widened = public.replace("pub fn changes(&self) -> usize {\n        self.db.changes() as usize",
                             "pub fn changes(&self) -> u64 {\n        self.db.changes() as u64")
    assert analysed({"src/lib.rs": (public, widened)}, "Expose the number of changed rows as u64").importance == "high"
