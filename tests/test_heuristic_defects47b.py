"""Maintainer-review mends (defects47b): what the heuristic says of a ``go mod tidy`` that records indirect
requirements, a JS option added to an object of defaults, an internal function's signature whose callers only
follow it, a body paragraph that carries the title's sentence on, and a requirement with no version pinned.

Each case is a synthetic commit (before/after texts), never one project's paths.
"""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, facts_of

GO_MOD = """module example.com/logs

go 1.13

require (
\tgithub.com/acme/style v0.6.0
\tgithub.com/acme/tty v0.0.16
)
"""
GO_TIDY = GO_MOD.replace("go 1.13", "go 1.18") + """
require (
\tgithub.com/acme/colors v1.2.0 // indirect
\tgithub.com/acme/width v0.0.13 // indirect
\tgolang.org/x/sys v0.0.0-20220811171246-fbc7d0a398ab // indirect
)
"""


def test_indirect_go_requirements_are_said_as_transitive_not_new_dependencies():
    files = {"go.mod": (GO_MOD, GO_TIDY)}
    deps = {f["symbol"]: f.get("text") for f in facts_of(files) if f["kind"] == "dependency_changed"}
    assert deps == {"github.com/acme/colors": "indirect", "github.com/acme/width": "indirect",
                    "golang.org/x/sys": "indirect"}, deps
    result = analysed(files, "chore: go mod tidy")
    text = analysis_text(result)
    assert "indirect (transitive) requirements `github.com/acme/colors`" in text, text
    assert "New dependenc" not in text and "New dependency" not in (result.insights.architecture or ""), text
    assert "`go` in `go.mod` `1.13` → `1.18`" in text, text  # the toolchain raised is still said
    zh = analysis_text(analysed(files, "chore: go mod tidy", lang="zh"))
    assert "间接（传递）依赖" in zh and "新增依赖" not in zh, zh
    # without the toolchain line, the indirect requirements alone raise nothing
    only = {"go.mod": (GO_MOD, GO_TIDY.replace("go 1.18", "go 1.13"))}
    assert analysed(only, "chore: go mod tidy").importance == "low"
    # a requirement the module names itself (no ``// indirect``) is still a new dependency
    direct = GO_MOD.replace("\tgithub.com/acme/tty v0.0.16\n", "\tgithub.com/acme/tty v0.0.16\n\tgithub.com/acme/kit v0.2.1\n")
    said = analysis_text(analysed({"go.mod": (GO_MOD, direct)}, "Add kit"))
    assert "New dependency `github.com/acme/kit`" in said, said


INDEX = """'use strict';
const hardExit = require('hard-exit');

module.exports = (helpText, options) => {
\thardExit();

\toptions = Object.assign({
\t\tpkg: {},
\t\targv: process.argv.slice(2),
\t\thelp: helpText,
\t\tautoHelp: true,
\t\tbooleanDefault: false
\t}, options);

\treturn {help: options.help, flags: options.argv};
};
"""
INDEX_OPTION = INDEX.replace("\thardExit();\n\n", "").replace(
    "\t\tbooleanDefault: false\n\t}, options);\n",
    "\t\tbooleanDefault: false,\n\t\thardExit: true\n\t}, options);\n\n\tif (options.hardExit) {\n\t\thardExit();\n\t}\n")


def test_an_option_added_to_a_js_defaults_object_is_said_with_its_default():
    text = analysis_text(analysed({"index.js": (INDEX, INDEX_OPTION)}, "Add `hardExit` option"))
    assert "New option `hardExit` (default `true`)" in text, text
    # the property only given a comma after it is not new
    assert "`booleanDefault`" not in text and "`module.exports`" in text, text
    # a named defaults object reads the same: ``const defaults = {``
    named = "const defaults = {\n\tretries: 2\n};\n\nmodule.exports = opts => ({...defaults, ...opts});\n"
    grown = named.replace("\tretries: 2\n", "\tretries: 2,\n\ttimeout: 1000\n")
    said = analysis_text(analysed({"index.js": (named, grown)}, "Add timeout option"))
    assert "New option `timeout` (default `1000`)" in said, said
    # a property of any other object literal (a return value) is no option
    plain = "module.exports = x => {\n\treturn {\n\t\tvalue: x\n\t};\n};\n"
    more = plain.replace("\t\tvalue: x\n", "\t\tvalue: x,\n\t\tsize: 1\n")
    other = analysis_text(analysed({"index.js": (plain, more)}, "Return size"))
    assert "New option" not in other and "`module.exports`" in other, other


LOG_GO = """package logs

type Logger struct{ n int }

func (l *Logger) log(level int, skip int, msg string) {
\tl.n += level + skip
\tprintln(msg)
}

// Debug prints a debug message.
func (l *Logger) Debug(msg string) {
\tl.log(1, 0, msg)
}

// Info prints an info message.
func (l *Logger) Info(msg string) {
\tl.log(2, 0, msg)
}

// Warn prints a warning message.
func (l *Logger) Warn(msg string) {
\tl.log(3, 0, msg)
}
"""
LOG_GO_AFTER = LOG_GO.replace("level int, skip int, msg", "level int, msg").replace("level + skip", "level") \
    .replace(", 0, msg)", ", msg)")


def test_an_internal_signature_is_the_change_and_its_callers_only_follow_it():
    result = analysed({"log.go": (LOG_GO, LOG_GO_AFTER)}, "ref(log): change log signature")
    assert result.summary[0] == ("Internal `Logger.log` loses `skip`; its callers `Logger.Debug`, `Info`, `Warn` "
                                 "only follow it in their calls"), result.summary
    zh = analysed({"log.go": (LOG_GO, LOG_GO_AFTER)}, "ref(log): change log signature", lang="zh")
    assert "内部函数 `Logger.log`" in zh.summary[0] and "调用方" in zh.summary[0], zh.summary
    # a caller that changes more than its call is changed in its own right: said as before
    busier = LOG_GO_AFTER.replace("\tl.log(2, msg)\n", "\tl.log(2, msg)\n\tl.n++\n")
    said = analysed({"log.go": (LOG_GO, busier)}, "ref(log): change log signature").summary
    assert said[0].startswith("Changes ") and "only follow" not in said[0], said


def _points(message: str) -> list[str]:
    before = "package logs\n\nfunc Format(v any) string {\n\treturn v.(string)\n}\n"
    after = 'package logs\n\nimport "fmt"\n\nfunc Format(v any) string {\n\treturn fmt.Sprint(v)\n}\n'
    return analysed({"format.go": (before, after)}, message).summary


def test_a_body_paragraph_going_on_with_the_title_is_read_with_it():
    summary = _points("fix: format keys & values using fmt.Sprint\n\nto encode any type")
    assert "format keys & values using fmt.Sprint to encode any type" in summary, summary
    assert "to encode any type" not in summary, summary
    # a paragraph of its own (capitalised, a sentence) stays a point of its own
    own = _points("fix: format keys & values using fmt.Sprint\n\nThe encoder now takes any type.")
    assert "The encoder now takes any type." in own, own


REQUIREMENTS = "pytest>=3.9\ntox\ntwine\nwheel\n"


def test_a_requirement_with_no_version_is_said_as_any_version():
    after = REQUIREMENTS.replace("twine\n", "") + "build\n"
    text = analysis_text(analysed({"requirements.txt": (REQUIREMENTS, after)}, "Use build"))
    assert "`build` (any version)" in text, text
    assert "`*`" not in text and " *," not in text, text
