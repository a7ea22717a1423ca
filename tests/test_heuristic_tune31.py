"""Rules of the round tuned on the thirty-first fresh set (issue 8, tune31), each on a small snippet: an example's own
manifest raising its Python floor; a workaround put in for a platform is a fix; a title that opens with the exception
users met is a bug fix; a ``debug_assert!`` mended; an API dump whose lines only lose ``final``."""

from __future__ import annotations

from tests.facts_support import analysed

_CFG = """[metadata]
name = flaskr

[options]
packages = find:
python_requires = >= 3.6
install_requires =
    Flask
"""
_APP = '''def create_app():
    app = Flask(__name__)
    return app
'''


def test_an_examples_own_python_floor_raised_is_no_product_change() -> None:
    app = _APP.replace("return app", "app.config.update()\n    return app")
    files = {"examples/flaskr/setup.cfg": (_CFG, _CFG.replace(">= 3.6", ">= 3.7")),
             "examples/flaskr/flaskr/__init__.py": (_APP, app)}
    analysis = analysed(files, "update flaskr tutorial example")
    assert (analysis.change_type, analysis.importance) == ("docs", "low")
    # the package's own setup.cfg raising it cuts users on the older Python off
    assert analysed({"setup.cfg": (_CFG, _CFG.replace(">= 3.6", ">= 3.7"))}, "Require Python 3.7").importance == "high"


_LISTENER = """pub(crate) fn accept(listener: &net::UnixListener) -> io::Result<(UnixStream, SocketAddr)> {
    let (socket, addr) = listener.accept()?;
    #[cfg(target_os = "macos")]
    let addr = if addr.is_unnamed() { SocketAddr::unnamed() } else { addr };
    Ok((socket, addr))
}
"""


def test_a_workaround_put_in_is_a_fix() -> None:
    fixed = _LISTENER.replace('    #[cfg(target_os = "macos")]\n', "")
    analysis = analysed({"src/sys/unix/uds/listener.rs": (_LISTENER, fixed)}, "Work around FreeBSD oddness")
    assert (analysis.change_type, analysis.importance) == ("fix", "medium")
    # a workaround removed is a cleanup
    assert analysed({"src/sys/unix/uds/listener.rs": (_LISTENER, fixed)},
                    "Remove old workaround").change_type == "refactor"


_POOL = """package org.acme.pool;

public class KeyedPool {
    private final Map<String, Integer> counts = new HashMap<>();

    public void deregister(String key) {
        Integer count = counts.get(key);
        counts.put(key, count - 1);
    }
}
"""
_POOL_FIXED = _POOL.replace("""        counts.put(key, count - 1);""", """        if (count != null) {
            counts.put(key, count - 1);
        }""")


def test_a_title_opening_with_the_exception_met_is_a_fix() -> None:
    analysis = analysed({"src/main/java/org/acme/pool/KeyedPool.java": (_POOL, _POOL_FIXED)},
                        "[POOL-411] NPE when deregistering key at end of borrow")
    assert analysis.change_type == "fix"
    assert analysed({"src/main/java/org/acme/pool/KeyedPool.java": (_POOL, _POOL_FIXED)},
                    "[POOL-411] deregistering key at end of borrow").change_type == "refactor"


_ADDR = """fn unix_addr(address: &SocketAddr) -> (libc::sockaddr_un, libc::socklen_t) {
    let offset = 1;
    debug_assert!(addr.len() <= sockaddr.sun_path.len());
    copy(addr, &mut sockaddr.sun_path[offset..]);
    (sockaddr, offset as libc::socklen_t)
}
"""


def test_a_debug_assertion_mended_is_low() -> None:
    fixed = _ADDR.replace("debug_assert!(addr.len()", "debug_assert!(offset + addr.len()")
    analysis = analysed({"src/sys/unix/uds/mod.rs": (_ADDR, fixed)}, "Fix debug assertion for abstract namespaces")
    assert (analysis.change_type, analysis.importance) == ("fix", "low")
    # a release build's assertion (``assert!``) is checked in users' builds too
    checked = _ADDR.replace("debug_assert!(addr.len()", "assert!(addr.len()")
    assert analysed({"src/sys/unix/uds/mod.rs": (checked, checked.replace("assert!(addr", "assert!(offset + addr"))},
                    "Fix assertion for abstract namespaces").importance != "low"


_DUMP = """public final class org/acme/sql/vendors/MariaDBDialect : org/acme/sql/vendors/MysqlDialect {
	public fun <init> ()V
	public fun getName ()Ljava/lang/String;
}

public class org/acme/sql/vendors/MysqlDialect {
	public final fun isFractionDateTimeSupported ()Z
	public final fun isTimeZoneOffsetSupported ()Z
}
"""
_DIALECT = """package org.acme.sql.vendors

class MariaDBDialect : MysqlDialect() {
    override val name: String = "MariaDB"
}
"""


def test_an_api_dump_whose_lines_only_lose_final_is_no_break() -> None:
    opened = _DUMP.replace("public final class", "public class").replace(
        "public final fun isFractionDateTimeSupported", "public fun isFractionDateTimeSupported").replace(
        "\tpublic fun getName ()Ljava/lang/String;\n",
        "\tpublic fun getName ()Ljava/lang/String;\n\tpublic fun isFractionDateTimeSupported ()Z\n")
    code = _DIALECT.replace('"MariaDB"\n', '"MariaDB"\n    override fun isFractionDateTimeSupported() = true\n')
    files = {"core/api/core.api": (_DUMP, opened),
             "core/src/main/kotlin/org/acme/sql/vendors/MariaDBDialect.kt": (_DIALECT, code)}
    analysis = analysed(files, "fix: Handle MariaDB fractional seconds support")
    assert analysis.importance == "medium"
    # a member's line removed from the dump is a break
    closed = _DUMP.replace("\tpublic final fun isTimeZoneOffsetSupported ()Z\n", "")
    files["core/api/core.api"] = (_DUMP, closed)
    assert analysed(files, "fix: Handle MariaDB fractional seconds support").importance == "high"


def _go_backend(locked: bool, exported: bool = False) -> str:
    """A Go backend of forty unexported methods (exported ones on an exported type if ``exported``); ``locked``: each
    takes the watcher's lock itself."""
    name, step = ("Watches", "Step") if exported else ("watches", "step")
    body = ["package fsnotify", "", "import \"sync\"", "", f"type {name} struct {{", "\tmu   sync.Mutex",
            "\tpath map[string]uint32", "}", ""]
    for i in range(40):
        body += [f"func (w *{name}) {step}{i}(p string) uint32 {{"]
        body += ["\tw.mu.Lock()", "\tdefer w.mu.Unlock()"] if locked else []
        body += [f"\treturn w.path[p] + {i}", "}", ""]
    return "\n".join(body)


def test_a_go_refactor_of_unexported_declarations_only_is_low() -> None:
    files = {"backend_inotify.go": (_go_backend(True), _go_backend(False))}
    analysis = analysed(files, "Simplify inotify backend locking")
    assert (analysis.change_type, analysis.importance) == ("refactor", "low")
    # an exported type's methods are what importers call
    exported = {"backend_inotify.go": (_go_backend(True, True), _go_backend(False, True))}
    assert analysed(exported, "Simplify inotify backend locking").importance == "medium"
