"""tune47c: a Rust ``pub`` item that loses its ``pub`` inside a module the crate kept private before the commit takes
nothing from callers; a Python 2 protocol alias (``next`` beside ``__next__``) removed while its Python 3
counterpart stays is no API removal."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, fact, facts_of

LIB = """//! A hash.
#![no_std]

{vis}mod compress;

pub use digest::Digest;
"""
COMPRESS = """pub const COLS: usize = 16;

{vis}fn t_plus_l(state: &mut [u64; COLS]) {{
    state[0] = state[0].wrapping_add(1);
}}
"""
NEWER_LIB = LIB.replace("//! A hash.", "//! A hash, reorganised.")


def _rust(before_vis: str, after_vis: str = "") -> dict:
    return {"src/lib.rs": (LIB.format(vis=before_vis), NEWER_LIB.format(vis=after_vis)),
            "src/compress.rs": (COMPRESS.format(vis="pub "), COMPRESS.format(vis="pub(crate) "))}


def test_an_item_of_a_private_module_losing_pub_is_no_reach_change():
    facts = facts_of(_rust(""))
    assert fact("symbol_modified", "src/compress.rs", symbol="t_plus_l", public=False, text="function") in facts
    assert not [f for f in facts if "no longer public" in f.get("text", "")]
    # a module public before the commit (made private by it, or public still): its callers lose the item
    for before, after in (("pub ", ""), ("pub ", "pub ")):
        facts = facts_of(_rust(before, after))
        assert [f for f in facts if f.get("symbol") == "t_plus_l" and f.get("text") == "function, no longer public"]


def test_a_private_module_item_losing_pub_is_not_high():
    private = analysed(_rust(""), "compress: narrow helpers to the crate")
    public = analysed(_rust("pub ", "pub "), "compress: narrow helpers to the crate")
    assert private.importance != "high"
    assert public.importance == "high"


MANIFEST = '''class Manifest:
    """Sessions to run."""

    def __init__(self, sessions):
        self._queue = list(sessions)

    def __iter__(self):
        return self

    def __next__(self):
        if not self._queue:
            raise StopIteration
        return self._queue.pop(0)
{alias}
    def __len__(self):
        return len(self._queue)
'''
ALIAS = '''
    def next(self):
        return self.__next__()
'''


def test_a_python2_next_alias_removed_beside_next_is_no_api_removal():
    result = analysed({"pkg/manifest.py": (MANIFEST.format(alias=ALIAS), MANIFEST.format(alias=""))},
                      "refactor: drop Python 2 leftovers")
    assert result.importance == "low"
    assert "Removes public `Manifest.next`" not in analysis_text(result)
    assert "breaks" not in analysis_text(result)
    # removed together with its counterpart, iteration itself is gone
    without = MANIFEST.replace('''    def __next__(self):
        if not self._queue:
            raise StopIteration
        return self._queue.pop(0)
''', "")
    gone = analysed({"pkg/manifest.py": (MANIFEST.format(alias=ALIAS), without.format(alias=""))},
                    "refactor: drop iteration")
    assert gone.importance == "high"
    assert "Removes public `Manifest.__next__`, `next`" in analysis_text(gone)
