"""A member's own reach: a Java method given ``public`` inside a public class is "now public" (new API); members of
a class that itself became public follow their class and say nothing of their own."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

BEFORE = """package a;

public abstract class Element {
  /** A deep copy. */
  abstract Element deepCopy();

  public int size() { return 0; }
}
"""
AFTER = BEFORE.replace("  abstract Element deepCopy();", "  public abstract Element deepCopy();")


def test_a_method_made_public_in_a_public_class_is_now_public():
    assert facts_of({"src/a/Element.java": (BEFORE, AFTER)}) == [
        fact("symbol_modified", "src/a/Element.java", symbol="Element.deepCopy", public=True,
             text="method, now public")]


def test_a_method_made_package_private_is_no_longer_public():
    assert facts_of({"src/a/Element.java": (AFTER, BEFORE)}) == [
        fact("symbol_modified", "src/a/Element.java", symbol="Element.deepCopy", public=True,
             text="method, no longer public")]


def test_members_of_a_class_made_public_follow_their_class():
    hidden = BEFORE.replace("public abstract class", "abstract class").replace("  abstract Element", "  public abstract Element")
    shown = hidden.replace("abstract class Element", "public abstract class Element")
    facts = facts_of({"src/a/Element.java": (hidden, shown)})
    assert fact("symbol_modified", "src/a/Element.java", symbol="Element", public=True, text="class, now public") in facts
    assert not [f for f in facts if f.get("symbol", "").startswith("Element.")]
