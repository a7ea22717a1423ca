"""Kotlin's symbols: public by default (``private``/``internal``/``protected`` hide), primary constructors as a class's
parameters, extension functions by receiver, companion members through their class, ``@Deprecated``; both from
whole files (tree-sitter) and from hunks alone."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

PATH = "okio/src/commonMain/kotlin/okio/Buffer.kt"

BEFORE = '''package okio

data class Segment(val size: Int)

class Buffer {
  fun read(sink: ByteArray): Int = 0
  internal fun compact() {}
  private fun grow() {}
  companion object {
    fun of(vararg bytes: Byte): Buffer = Buffer()
  }
}

fun String.encodeUtf8(): ByteString = TODO()

internal class Pool {
  fun take(): Segment = Segment(0)
}
'''

AFTER = '''package okio

data class Segment(val size: Int, val shared: Boolean = false)

class Buffer {
  fun read(sink: ByteArray, offset: Int = 0): Int = 0
  internal fun compact() { grow() }
  private fun grow() {}
  companion object {
    @Deprecated("use bufferOf") fun of(vararg bytes: Byte): Buffer = Buffer()
  }
}

fun ByteArray.encodeUtf8(): ByteString = TODO()

internal class Pool {
  fun take(): Segment = Segment(1)
}
'''


def test_kotlin_symbols_public_by_default_with_constructors_and_extensions():
    found = facts_of({PATH: (BEFORE, AFTER)})
    assert fact("signature_changed", PATH, symbol="Segment", public=True, before="(size: Int)",
                after="(size: Int, shared: Boolean=false)", text="adds shared") in found
    assert fact("signature_changed", PATH, symbol="Buffer.read", public=True, before="(sink: ByteArray) -> Int",
                after="(sink: ByteArray, offset: Int=0) -> Int", text="adds offset") in found
    assert fact("symbol_modified", PATH, symbol="Buffer.compact", public=False, text="method") in found
    # an extension is named by its receiver: moving it to another receiver is said so
    assert fact("symbol_modified", PATH, symbol="ByteArray.encodeUtf8", public=True,
                text="function, moved from String.encodeUtf8") in found
    # a member of an internal class is not API, whatever it says
    assert fact("symbol_modified", PATH, symbol="Pool.take", public=False, text="method") in found
    assert fact("symbol_modified", PATH, symbol="Buffer.of", public=True, text="method, deprecated") in found


def test_kotlin_test_files_give_test_functions():
    path = "okio/src/jvmTest/kotlin/okio/BufferTest.kt"
    before = "class BufferTest {\n  @Test fun reads() {}\n}\n"
    after = "class BufferTest {\n  @Test fun reads() {}\n  @Test fun writes() {}\n}\n"
    found = facts_of({path: (before, after)})
    assert found == [fact("test_added", path, symbol="BufferTest.writes")]


def test_kotlin_from_hunks_alone_names_the_function_and_its_visibility():
    before = "class Client {\n  fun send(body: String) {\n    val a = 1\n    val b = 2\n    post(body)\n  }\n}\n"
    after = "class Client {\n  fun send(body: String) {\n    val a = 1\n    val b = 2\n    post(body, a)\n  }\n}\n"
    found = facts_of({"src/main/kotlin/Client.kt": (before, after)}, read=False)
    assert found == [fact("symbol_modified", "src/main/kotlin/Client.kt", symbol="send", public=True, text="function")]


def test_an_internal_primary_constructor_is_not_api():
    """coil "Fix Uri.separator not being passed through the builder": ``class Builder internal constructor(...)``
    gains a parameter; only the library builds a Builder, so no caller's signature changes."""
    path = "coil-core/src/commonMain/kotlin/coil3/Uri.kt"
    before = "class Uri {\n  class Builder internal constructor(private var path: String?) {\n    fun build() = 1\n  }\n}\n"
    after = before.replace("(private var path: String?)", "(private var path: String?, private var separator: String)")
    found = facts_of({path: (before, after)})
    assert found == [fact("symbol_modified", path, symbol="Uri.Builder", public=True, text="class")]
