"""Rules of the round tuned on the twenty-sixth fresh set (issue 8, tune26), each on a small snippet: a CMake option's
default turned over is high; "over-read" in Python is no memory bug; a crash comment moved is not written; a refactor
for speed with no figure is low; a title naming binary compatibility is high; docs rewritten to say a case now raises
an error, with a ``raise`` added, is high; a secrets manager's secret is no security matter unless it leaks."""

from __future__ import annotations

from tests.facts_support import analysed

_CMAKE = """cmake_minimum_required(VERSION 3.16)
project(acme)
option (WITH_GFLAGS "Use gflags" ON)
option (WITH_GTEST "Use Google Test" ON)
option (WITH_PKGCONFIG "Enable pkg-config support" {default})
option (WITH_SYMBOLIZE "Enable symbolize module" ON)
option (WITH_THREADS "Enable multithreading support" ON)
add_library(acme src/acme.cc)
"""


def test_a_cmake_option_default_turned_over_is_high() -> None:
    flipped = analysed({"CMakeLists.txt": (_CMAKE.format(default="ON"), _CMAKE.format(default="OFF"))},
                       "cmake: opt-in pkg-config support")
    assert flipped.importance == "high"
    same = analysed({"CMakeLists.txt": (_CMAKE.format(default="ON"),
                                        _CMAKE.format(default="ON").replace("pkg-config support", "pkg-config"))},
                    "cmake: reword an option's help")
    assert same.importance == "low"


_SENDFILE = """def _sendfile_fallback(fobj, offset, count):
    fobj.seek(offset)
    chunk_size = 65536
    chunk = fobj.read(chunk_size)
    while chunk:
        write(chunk)
        count = count - chunk_size
        if count <= 0:
            break
        chunk = fobj.read(min(chunk_size, count))
    return count
"""


def test_over_reading_in_python_is_no_memory_bug() -> None:
    fixed = _SENDFILE.replace("chunk = fobj.read(chunk_size)", "chunk = fobj.read(min(chunk_size, count))") \
        .replace("count = count - chunk_size", "count = count - len(chunk)")
    title = "Fix _sendfile_fallback over-reading beyond requested count"
    python = analysed({"web/fileresponse.py": (_SENDFILE, fixed)}, title)
    assert python.importance == "medium"
    c_code = _SENDFILE.replace("def ", "/* c */ def ")
    c_fixed = fixed.replace("def ", "/* c */ def ")
    assert analysed({"src/fileresponse.c": (c_code, c_fixed)}, title).importance == "high"


_MACRO = """    /// Assert that two numbers are almost equal to each other.
    ///
    /// On panic, this macro will print the values of the expressions with their
    /// debug representations.
    macro_rules! assert_almost_eq {
        ($a:expr, $b:expr, $prec:expr) => {
            let diff = ($a - $b).abs();
            if diff > $prec {
                panic!("assertion failed: {} {}", $a, $b);
            }
        };
    }
"""
_LIB = """pub mod normal;
pub mod unit;

pub fn seed() -> u64 {
    11634580027462260723
}

pub fn version() -> u32 {
    1
}
{macro}"""
_UNIT = """pub fn norm(x: f64) -> f64 {
    x.abs()
}

pub fn scale(x: f64) -> f64 {
    x * 2.0
}
{macro}"""


def test_a_crash_comment_moved_is_not_written() -> None:
    moved = analysed({"src/lib.rs": (_LIB.replace("{macro}", ""), _LIB.replace("{macro}", _MACRO)),
                      "src/unit.rs": (_UNIT.replace("{macro}", _MACRO), _UNIT.replace("{macro}", ""))},
                     "Don't duplicate `assert_almost_eq` macro")
    assert moved.importance != "high"
    written = analysed({"src/lib.rs": (_LIB.replace("{macro}", ""), _LIB.replace("{macro}", _MACRO))},
                       "Don't duplicate `assert_almost_eq` macro")
    assert written.importance == "high"


_FLUSH = """export function flushCallbacks(store) {
  const errors = []
  const call = (fn) => {
    try {
      fn()
    } catch (e) {
      errors.push(e)
    }
  }
  do {
    const callbacks = new Set(store.changed)
    store.changed.clear()
    callbacks.forEach(call)
  } while (store.changed.size)
  if (errors.length) {
    throw errors[0]
  }
}
"""


def test_a_refactor_for_speed_with_no_figure_is_low() -> None:
    faster = _FLUSH.replace("  do {\n", "  if (!store.changed.size) {\n    return\n  }\n  do {\n") \
        .replace("    callbacks.forEach(call)\n", "    for (const fn of callbacks) {\n      call(fn)\n    }\n")
    refactor = analysed({"src/internals.ts": (_FLUSH, faster)}, "refactor: flushPending improve performance")
    assert refactor.importance == "low"
    said = analysed({"src/internals.ts": (_FLUSH, faster)}, "refactor: flushPending handles empty stores")
    assert said.importance == "medium"


_BUILDER = """package com.acme

public class FunSpec private constructor(builder: Builder) {
  public class Builder(public val name: String) {
    public val annotations: MutableList<String> = mutableListOf()

    public fun addAnnotations(specs: Iterable<String>): Builder = apply {
      annotations += specs
    }
{extra}
    public fun build(): FunSpec = FunSpec(this)
  }
}
"""


def test_a_title_naming_binary_compatibility_is_high() -> None:
    extra = """
    // binary-compatibility override
    public fun addAnnotation(spec: String): Builder = apply {
      annotations += spec
    }
"""
    before, after = _BUILDER.replace("{extra}", ""), _BUILDER.replace("{extra}", extra)
    compat = analysed({"src/main/kotlin/com/acme/FunSpec.kt": (before, after)},
                      "Fix one more missing API in binary compatibility override in Annotatable.Builder")
    assert compat.importance == "high"
    plain = analysed({"src/main/kotlin/com/acme/FunSpec.kt": (before, after)}, "Add addAnnotation to builders")
    assert plain.importance == "medium"


_WHEEL = """import zipfile


class WheelArchive:
    def __init__(self, fd):
        self.fd = fd
        self.zf = zipfile.ZipFile(self.fd, "w", compression=zipfile.ZIP_DEFLATED)

    def add_file(self, name, data):
        self.zf.writestr(name, data)
"""
_WHEEL_FIXED = _WHEEL.replace("\n\nclass WheelArchive:", """

class _WheelZipFile(zipfile.ZipFile):
    def open(self, name, mode="r", pwd=None):
        if mode == "w" and name in self.NameToInfo:
            raise ValueError(f"A second file is being added to the wheel archive at the same path: {name}")
        return super().open(name, mode, pwd)


class WheelArchive:""").replace("self.zf = zipfile.ZipFile(", "self.zf = _WheelZipFile(")
_DOCS = """## Forced inclusion

!!! warning
    {text}

## Default file selection
"""


def test_docs_now_saying_a_case_raises_with_a_raise_added_is_high() -> None:
    before = _DOCS.format(text="Files included using this option will overwrite any file path already included.")
    after = _DOCS.format(text="Attempting to overwrite any file path already included will raise an error.")
    files = {"src/builders/wheel.py": (_WHEEL, _WHEEL_FIXED)}
    documented = analysed({**files, "docs/config/build.md": (before, after)},
                          "Handle duplicate files in wheel archives")
    assert documented.importance == "high"
    assert analysed(files, "Handle duplicate files in wheel archives").importance == "medium"


_DELETE = """package secretsmanager

func (sm *SecretsManager) DeleteSecret(ctx context.Context, name string) error {
\tsecret, err := sm.client.DescribeSecret(ctx, name)
\tif err != nil {
\t\treturn err
\t}
\t_, err = sm.client.DeleteSecret(ctx, secret.ARN)
\treturn err
}
"""


def test_a_stored_secret_is_no_security_matter_unless_it_leaks() -> None:
    fixed = _DELETE.replace("\t_, err = sm.client.DeleteSecret", """\tfor _, region := range secret.Regions {
\t\tif _, err := sm.client.RemoveRegions(ctx, secret.ARN, region); err != nil {
\t\t\treturn err
\t\t}
\t}
\t_, err = sm.client.DeleteSecret""")
    files = {"pkg/provider/aws/secretsmanager/secretsmanager.go": (_DELETE, fixed)}
    resource = analysed(files, "fix(aws): detach replicated regions before deleting AWS SecretsManager secret")
    assert resource.importance == "medium"
    leaked = analysed(files, "fix(aws): secret value logged when deleting a replicated secret")
    assert leaked.importance == "high"
