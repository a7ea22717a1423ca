"""The diff analyzer's symbols: added, removed, modified and signatures changed, per language, with public
by each language's convention; before/after texts written here, diffs made by difflib."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

PY_BEFORE = '''"""Choices."""


class Choice:
    def __init__(self, choices, case=True):
        self.choices = choices

    def _normalise(self, value):
        return value


def convert(value, default=1):
    return value


def _helper():
    pass


def gone(x):
    return x
'''

PY_AFTER = '''"""Choices."""


class Choice:
    def __init__(self, choices, case=True, case_sensitive: bool = False):
        self.choices = choices

    def _normalise(self, value):
        return value.lower()


def convert(value, default=2):
    return value


def _helper():
    return 1


def fresh(a, *args, **kwargs):
    return a
'''


def test_python_symbols_with_signatures_defaults_and_privacy():
    assert facts_of({"src/click/types.py": (PY_BEFORE, PY_AFTER)}) == [
        fact("signature_changed", "src/click/types.py", symbol="Choice.__init__", public=True,
             before="(self, choices, case=True)", after="(self, choices, case=True, case_sensitive: bool=False)",
             text="adds case_sensitive"),
        fact("symbol_modified", "src/click/types.py", symbol="Choice._normalise", public=False, text="method"),
        fact("signature_changed", "src/click/types.py", symbol="convert", public=True,
             before="(value, default=1)", after="(value, default=2)", text="default of default 1 -> 2"),
        fact("symbol_modified", "src/click/types.py", symbol="_helper", public=False, text="function"),
        fact("symbol_added", "src/click/types.py", symbol="fresh", public=True, after="(a, *args, **kwargs)",
             text="function"),
        fact("symbol_removed", "src/click/types.py", symbol="gone", public=True, before="(x)", text="function"),
    ]


def test_python_private_module_makes_every_symbol_private_and_renames_are_named():
    before = "def run(path):\n    return path\n"
    after = "def run(target):\n    return target\n"
    assert facts_of({"pkg/_impl.py": (before, after)}) == [
        fact("signature_changed", "pkg/_impl.py", symbol="run", public=False, before="(path)", after="(target)",
             text="renames path to target"),
    ]


RS_BEFORE = '''pub struct Config {
    pub port: u16,
}

impl Config {
    pub fn new(port: u16) -> Self {
        Config { port }
    }

    fn check(&self) -> bool {
        true
    }
}

pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
}

fn internal() {}
'''

RS_AFTER = '''pub struct Config {
    pub port: u16,
    pub host: String,
}

impl Config {
    pub fn new(port: u16, host: String) -> Self {
        Config { port, host }
    }

    fn check(&self) -> bool {
        self.port > 0
    }
}

pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
}

pub enum Mode {
    Fast,
}
'''


def test_rust_structs_impl_methods_traits_enums_and_pub():
    assert facts_of({"src/config.rs": (RS_BEFORE, RS_AFTER)}) == [
        fact("symbol_modified", "src/config.rs", symbol="Config", public=True, text="struct"),
        fact("signature_changed", "src/config.rs", symbol="Config::new", public=True,
             before="(port: u16) -> Self", after="(port: u16, host: String) -> Self", text="adds host"),
        fact("symbol_modified", "src/config.rs", symbol="Config::check", public=False, text="method"),
        fact("symbol_added", "src/config.rs", symbol="Mode", public=True, text="enum"),
        fact("symbol_removed", "src/config.rs", symbol="internal", public=False, before="()", text="function"),
    ]


GO_BEFORE = '''package server

type Server struct {
	Addr string
}

func (s *Server) Start(port int) error {
	return nil
}

func helper() {}
'''

GO_AFTER = '''package server

type Server struct {
	Addr string
}

func (s *Server) Start(port int, host string) error {
	return nil
}

func helper() {
	println("x")
}

type Handler interface {
	Serve()
}

func NewServer(addr string) *Server {
	return &Server{Addr: addr}
}
'''


def test_go_methods_types_and_capitalised_exports():
    assert facts_of({"pkg/server/server.go": (GO_BEFORE, GO_AFTER)}) == [
        fact("signature_changed", "pkg/server/server.go", symbol="Server.Start", public=True,
             before="(port: int) -> error", after="(port: int, host: string) -> error", text="adds host"),
        fact("symbol_modified", "pkg/server/server.go", symbol="helper", public=False, text="function"),
        fact("symbol_added", "pkg/server/server.go", symbol="Handler", public=True, text="interface"),
        fact("symbol_added", "pkg/server/server.go", symbol="NewServer", public=True, after="(addr: string) -> *Server",
             text="function"),
    ]


TS_BEFORE = '''export function render(node: Node, depth = 1): string {
  return "";
}

export class Widget {
  private cache() {}
  public draw(ctx) {}
}

const local = (x) => x;

interface Props {
  title: string;
}
'''

TS_AFTER = '''export function render(node: Node, depth = 2): string {
  return "";
}

export class Widget {
  private cache() {}
  public draw(ctx, scale: number) {}
}

const local = (x) => x + 1;
export { local };

export interface Props {
  title: string;
  size: number;
}
'''


def test_typescript_exports_methods_and_interfaces():
    path = "web/src/widget.ts"
    assert facts_of({path: (TS_BEFORE, TS_AFTER)}) == [
        fact("signature_changed", path, symbol="render", public=True, before="(node: Node, depth=1) -> string",
             after="(node: Node, depth=2) -> string", text="default of depth 1 -> 2"),
        fact("signature_changed", path, symbol="Widget.draw", public=True, before="(ctx)",
             after="(ctx, scale: number)", text="adds scale"),
        fact("symbol_modified", path, symbol="local", public=True, text="function, now public"),
        fact("symbol_modified", path, symbol="Props", public=True, text="interface, now public"),
        fact("symbol_added", path, symbol="Props.size", public=True, text="property"),
    ]


def test_tsx_and_javascript_components():
    tsx_before = "export function Button({ label }: Props) {\n  return <b>{label}</b>;\n}\n"
    tsx_after = "export function Button({ label }: Props) {\n  return <i>{label}</i>;\n}\n"
    js_after = "export default function start(port = 80) {}\nfunction hidden() {}\n"
    assert facts_of({"ui/Button.tsx": (tsx_before, tsx_after), "lib/start.js": (None, js_after)}) == [
        fact("symbol_modified", "ui/Button.tsx", symbol="Button", public=True, text="function"),
        fact("symbol_added", "lib/start.js", symbol="start", public=True, after="(port=80)", text="function"),
        fact("symbol_added", "lib/start.js", symbol="hidden", public=False, after="()", text="function"),
    ]


JAVA_BEFORE = '''package a;

public class Client {
    public Client(String url) {}

    public void send(String body) {}

    private void retry() {}
}
'''

JAVA_AFTER = '''package a;

public class Client {
    public Client(String url) {}

    public void send(String body, int timeout) {}

    private void retry() { send("", 1); }

    public interface Listener {
        void done();
    }
}
'''


def test_java_public_members_and_nested_interfaces():
    path = "src/main/java/a/Client.java"
    assert facts_of({path: (JAVA_BEFORE, JAVA_AFTER)}) == [
        fact("signature_changed", path, symbol="Client.send", public=True, before="(body: String) -> void",
             after="(body: String, timeout: int) -> void", text="adds timeout"),
        fact("symbol_modified", path, symbol="Client.retry", public=False, text="method"),
        fact("symbol_added", path, symbol="Client.Listener", public=True, text="interface"),
    ]


def test_c_header_prototypes_and_static_functions():
    header_before = "int add(int a, int b);\nstruct point { int x; };\n"
    header_after = "int add(int a, int b, int c);\nstruct point { int x; int y; };\n"
    source_before = "static int clamp(int v) { return v; }\nint add(int a, int b) { return a + b; }\n"
    source_after = ("static int clamp(int v) { return v < 0 ? 0 : v; }\n"
                    "int add(int a, int b, int c) { return a + b + c; }\n")
    assert facts_of({"include/calc.h": (header_before, header_after), "src/calc.c": (source_before, source_after)}) == [
        fact("signature_changed", "include/calc.h", symbol="add", public=True, before="(a: int, b: int) -> int",
             after="(a: int, b: int, c: int) -> int", text="adds c"),
        fact("symbol_modified", "include/calc.h", symbol="point", public=True, text="struct"),
        fact("symbol_modified", "src/calc.c", symbol="clamp", public=False, text="function"),
        fact("signature_changed", "src/calc.c", symbol="add", public=True, before="(a: int, b: int) -> int",
             after="(a: int, b: int, c: int) -> int", text="adds c"),
    ]


def test_cpp_classes_access_and_default_arguments():
    before = "namespace net {\nclass Socket {\n public:\n  void open(int port) {}\n private:\n  void reset() {}\n};\n}\n"
    after = ("namespace net {\nclass Socket {\n public:\n  void open(int port, int backlog = 16) {}\n private:\n"
             "  void reset() { open(0); }\n};\n}\n")
    assert facts_of({"src/net/socket.hpp": (before, after)}) == [
        fact("signature_changed", "src/net/socket.hpp", symbol="Socket::open", public=True,
             before="(port: int) -> void", after="(port: int, backlog: int=16) -> void", text="adds backlog"),
        fact("symbol_modified", "src/net/socket.hpp", symbol="Socket::reset", public=False, text="method"),
    ]


def test_without_file_texts_the_hunks_and_their_context_give_symbols():
    before = "def keep(a):\n    x = 1\n    y = 2\n    z = 3\n    return a\n\n\ndef old(b):\n    return b\n"
    after = "def keep(a):\n    x = 1\n    y = 2\n    z = 4\n    return a\n\n\ndef new(b, c=None):\n    return b\n"
    assert facts_of({"app/core.py": (before, after)}, read=False) == [
        fact("symbol_added", "app/core.py", symbol="new", public=True, after="(b, c=None)", text="function"),
        fact("symbol_removed", "app/core.py", symbol="old", public=True, before="(b)", text="function"),
        fact("symbol_modified", "app/core.py", symbol="keep", public=True, text="function"),
    ]


def test_commits_read_in_parallel_threads_give_the_same_facts():
    from concurrent.futures import ThreadPoolExecutor

    files = {"src/click/types.py": (PY_BEFORE, PY_AFTER), "src/config.rs": (RS_BEFORE, RS_AFTER),
             "pkg/server/server.go": (GO_BEFORE, GO_AFTER), "web/src/widget.ts": (TS_BEFORE, TS_AFTER)}
    alone = facts_of(files)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: facts_of(files), range(24)))
    assert all(result == alone for result in results)


def test_without_file_texts_a_changed_one_line_signature_is_described():
    before = "package x\n\nfunc Serve(addr string) error {\n\treturn nil\n}\n"
    after = "package x\n\nfunc Serve(addr string, port int) error {\n\treturn nil\n}\n"
    assert facts_of({"x/serve.go": (before, after)}, read=False) == [
        fact("signature_changed", "x/serve.go", symbol="Serve", public=True, before="(addr string)",
             after="(addr string, port int)", text="adds port"),
    ]


def test_typescript_arrow_function_class_fields_are_methods():
    before = "export class Form {\n  private submit = (e: Event): void => {};\n}\n"
    after = "export class Form {\n  private submit = (e: Event, force = false): void => {};\n  reset = () => {};\n}\n"
    assert facts_of({"ui/form.ts": (before, after)}) == [
        fact("signature_changed", "ui/form.ts", symbol="Form.submit", public=False, before="(e: Event) -> void",
             after="(e: Event, force=false) -> void", text="adds force"),
        fact("symbol_added", "ui/form.ts", symbol="Form.reset", public=True, after="()", text="method"),
    ]


def test_generated_and_vendored_code_gives_no_symbols():
    before, after = GO_BEFORE, GO_AFTER
    assert facts_of({"pkg/apis/v1/zz_generated.deepcopy.go": (before, after),
                     "vendor/github.com/x/y/server.go": (before, after), "api/v1/types.pb.go": (before, after)}) == []


def test_a_kind_over_its_cap_keeps_the_public_symbols_first_in_file_order():
    from analysis.facts import CAPS

    after = "".join(f"def _private_{i}():\n    pass\n\n\n" for i in range(60))
    after += "".join(f"def public_{i}():\n    pass\n\n\n" for i in range(5))
    found = facts_of({"pkg/many.py": ("", after)})
    assert len(found) == CAPS["symbol_added"]
    assert [f["symbol"] for f in found if f["public"]] == [f"public_{i}" for i in range(5)]
    assert [f["symbol"] for f in found][:2] == ["_private_0", "_private_1"]  # still in file order
