"""Rules of the round tuned on the twenty-seventh fresh set (issue 8, tune27), each on a small snippet: a comment
the commit adds to product code that names the attack its new guard stops makes the change a security fix; a
message naming someone on the network path (a MITM, a passive network observer) names an attack too."""

from __future__ import annotations

from tests.facts_support import analysed

_DECODER = """package codec

import (
\t"encoding/binary"
\t"fmt"
)

func decode(src []byte) ([]int32, error) {
\trp := 0
\tcount := int(int32(binary.BigEndian.Uint32(src[rp:])))
\trp += 4
\tout := make([]int32, count)
\treturn out, nil
}
"""
_GUARD = """\trp += 4
\t// Each element needs at least 4 bytes, so count cannot exceed remaining/4. This bounds the make()
\t// below against a malicious server claiming a huge count in a small message.
\tif count > len(src[rp:])/4 {
\t\treturn nil, fmt.Errorf("codec claims %d elements but only %d bytes remain", count, len(src[rp:]))
\t}
"""
_PLAIN_GUARD = _GUARD.replace("This bounds the make()\n\t// below against a malicious server claiming a huge count "
                              "in a small message.", "This keeps the make() below small.")


def _bounded(guard: str, message: str = "codec: bound element count against remaining bytes"):
    return analysed({"codec/decode.go": (_DECODER, _DECODER.replace("\trp += 4\n", guard))}, message)


def test_a_guard_commented_with_the_attack_it_stops_is_a_security_fix() -> None:
    analysis = _bounded(_GUARD, "codec: check the element count")  # the comment, not the title, names the attack
    assert (analysis.change_type, analysis.importance) == ("security", "high")


def test_the_same_guard_without_an_attack_named_in_its_comment_is_not() -> None:
    assert _PLAIN_GUARD != _GUARD
    # (a title that itself bounds a length by the bytes remaining names the hostile input: tune52c)
    assert _bounded(_PLAIN_GUARD, "codec: check the element count").change_type != "security"
    # a preprocessor line is no comment, nor is a message without the word
    c_old = "int f(int n) {\n  return n;\n}\n"
    c_new = "#ifdef MALICIOUS_INPUT_CHECKS\n#endif\nint f(int n) {\n  if (n < 0) return 0;\n  return n;\n}\n"
    assert analysed({"src/f.c": (c_old, c_new)}, "f: clamp negative n").change_type != "security"


_FRONTEND = """package proto

func NewFrontend(r io.Reader) *Frontend {
\treturn &Frontend{r: r}
}
"""


def _frontend(body: str):
    new = _FRONTEND.replace("{r: r}", "{r: r, maxBodyLen: maxMessageBodyLen}")
    return analysed({"proto/frontend.go": (_FRONTEND, new)},
                    f"proto: default Frontend max message body length to 1 GiB\n\n{body}")


def test_a_message_naming_someone_on_the_network_path_names_an_attack() -> None:
    mitm = ("Receive only enforced maxBodyLen if non-zero, so a server (or MITM) could send a 5-byte header "
            "claiming a 2 GiB body and exhaust memory.")
    observer = ("The cancel packet was written unencrypted. A passive network observer could capture the secret "
                "key and cancel the session's queries.")
    for body in (mitm, observer):
        assert _frontend(body).change_type == "security"
    assert _frontend("Receive only enforced maxBodyLen if non-zero; large messages now fail early.").change_type \
        != "security"


def test_a_protected_hook_a_public_class_gains_is_api_for_subclassers() -> None:
    from analysis.analyzers.heuristic.api.subclass_hooks import subclass_hooks
    from analysis.models import FileChange

    widened = """@@ -224,7 +224,7 @@ public class SimpleLogger extends LegacyAbstractLogger {
-    SimpleLogger(String name) {
+    protected SimpleLogger(String name) {
         this.name = name;
@@ -439,8 +439,8 @@ public class SimpleLogger extends LegacyAbstractLogger {
-    protected String renderLevel(int level) {
+    protected String renderLevel(int levelInt) {
"""
    added = """@@ -439,6 +439,9 @@ public class SimpleLogger extends LegacyAbstractLogger {
+    protected String renderLevel(int level) {
+        return LEVELS[level];
+    }
"""

    def java(patch: str, path: str = "src/main/java/org/x/SimpleLogger.java") -> list[FileChange]:
        return [FileChange(path=path, status="modified", patch=patch)]

    assert subclass_hooks(java(widened)) == ["SimpleLogger"]  # renderLevel was protected already
    assert subclass_hooks(java(added)) == ["renderLevel"]
    assert not subclass_hooks(java(added.replace("public class", "public final class")))
    assert not subclass_hooks(java(added.replace("public class", "class")))
    assert not subclass_hooks(java(added.replace("protected", "private")))
    assert not subclass_hooks(java(added, "src/x/simple_logger.py"))


_CARGO = '[package]\nname = "utils"\nversion = "0.8.20"\nedition = "2021"\nrust-version = "1.60"\n'
_DROP = "pub(crate) struct Cell<T> {\n    value: T,\n}\n\nimpl<T> Drop for Cell<T> {\n    fn drop(&mut self) {\n        unsafe { (*self.value.get()).assume_init_drop() };\n    }\n}\n"


def test_an_older_toolchain_supported_again_with_the_code_adapted_is_medium() -> None:
    files = {"utils/Cargo.toml": (_CARGO, _CARGO.replace('"1.60"', '"1.56"')),
             "utils/src/cell.rs": (_DROP, _DROP.replace("(*self.value.get()).assume_init_drop()",
                                                         "self.value.get().cast::<T>().drop_in_place()"))}
    assert analysed(files, "Relax MSRV of utils to 1.56").importance == "medium"
    del files["utils/Cargo.toml"]
    assert analysed(files, "Relax MSRV of utils to 1.56").importance == "low"  # the same code, no toolchain moved


_ALIGN = """#[cfg_attr(
    any(
        target_arch = "x86_64",
        target_arch = "aarch64",
    ),
    repr(align(128))
)]
// ARM's big.LITTLE cores have 128-byte cache lines.
pub struct CachePadded<T> {
    value: T,
}
"""


def test_code_naming_a_target_architecture_it_did_not_is_a_platform_added() -> None:
    new = _ALIGN.replace('        target_arch = "aarch64",\n',
                         '        target_arch = "aarch64",\n        target_arch = "arm64ec",\n').replace(
        "ARM's", "aarch64/arm64ec's")
    assert analysed({"src/cache_padded.rs": (_ALIGN, new)},
                    "CachePadded: Use 128-byte alignment on arm64ec").importance == "medium"
