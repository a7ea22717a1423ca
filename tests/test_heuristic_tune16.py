"""Rules of the seventeenth tuning round (issue 8, tune16), each on a small snippet: a bot's bump of a chart's
default image tag or of a pinned plugin version (with the chart's recorded test render following it) is a routine
dependency bump, low; a default that is not a version stays a default changed."""

from __future__ import annotations

from analysis.analyzers.heuristic import judge
from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.config.builds.dependency_changes import major_bump
from analysis.analyzers.heuristic.paths import classify_path
from analysis.analyzers.signatures import compare
from tests.facts_support import analysed

_VALUES = """controller:
  installPlugins:
    - kubernetes:4174.v4230d0ccd951
    - git:5.1.0
  resources:
    limits:
      cpu: 2000m
agent:
  image:
    repository: jenkins/inbound-agent
    tag: 3192.v713e3b_039fb_e-5
"""
_SNAP = """default config:
  1: |
    image: "jenkins/inbound-agent:3192.v713e3b_039fb_e-5"
    checksum/config: 24ff77cc6a3b
"""


def test_a_charts_unit_tests_and_their_recorded_renders_are_tests():
    assert classify_path("charts/jenkins/unittests/__snapshot__/config-test.yaml.snap") == {"test"}
    assert classify_path("charts/jenkins/unittests/secret-test.yaml") == {"test"}
    assert classify_path("src/__snapshots__/render.test.ts.snap") == {"test"}
    assert "deploy" in classify_path("charts/jenkins/values.yaml")


def test_a_build_numbered_version_has_no_major_series():
    assert not major_bump("3192.v713e3b_039fb_e-5", "3206.vb_15dcf73f6a_9-3")
    assert major_bump("1.24.4", "2.0.0")


def test_a_bots_bump_of_a_default_image_tag_with_its_recorded_render_is_low():
    bumped = _VALUES.replace("3192.v713e3b_039fb_e-5", "3206.vb_15dcf73f6a_9-3")
    snap = _SNAP.replace("3192.v713e3b_039fb_e-5", "3206.vb_15dcf73f6a_9-3").replace("24ff77cc6a3b", "e4f7e3f7d5ac")
    files = {"charts/jenkins/values.yaml": (_VALUES, bumped),
             "charts/jenkins/unittests/__snapshot__/config-test.yaml.snap": (_SNAP, snap)}
    analysis = analysed(files, "chore(deps): update jenkins/inbound-agent docker tag to v3206 (#996)")
    assert analysis.importance == "low"
    assert analysis.change_type == "build"
    # a default that is not a version stays an operator-facing change
    limits = _VALUES.replace("cpu: 2000m", "cpu: 500m")
    assert analysed({"charts/jenkins/values.yaml": (_VALUES, limits)},
                    "chore: lower the default cpu limit").importance in ("medium", "high")


def test_a_pinned_plugin_moved_to_another_version_is_a_dependency_bump():
    bumped = _VALUES.replace("git:5.1.0", "git:5.2.1")
    analysis = analysed({"charts/jenkins/values.yaml": (_VALUES, bumped)},
                        "chore(deps): update dependency git to v5.2.1 (#989)")
    assert analysis.importance == "low"
    # another plugin installed in its place is not a version moved
    swapped = _VALUES.replace("git:5.1.0", "github:1.38.0")
    assert analysed({"charts/jenkins/values.yaml": (_VALUES, swapped)},
                    "chore: install github in place of git").importance in ("medium", "high")


_CHARSET = """static size_t
recode(u_char *dst, u_char *src, size_t len, size_t saved)
{
    size_t  n;

    n = saved;
    ngx_memcpy(dst, src, n);
    return n;
}
"""
_BOUNDED = _CHARSET.replace("    ngx_memcpy(dst, src, n);\n",
                            "    if (n > len) {\n        n = len;\n    }\n\n    ngx_memcpy(dst, src, n);\n")


def test_memory_read_past_its_bounds_named_in_the_title_is_a_security_fix():
    analysis = analysed({"src/charset.c": (_CHARSET, _BOUNDED)}, "Charset: fix buffer over-read in recode().")
    assert (analysis.change_type, analysis.importance) == ("security", "high")
    plain = analysed({"src/charset.c": (_CHARSET, _BOUNDED)}, "Charset: fix length of saved bytes in recode().")
    assert plain.change_type == "fix"


def test_an_attacker_named_in_the_body_makes_a_plain_fix_title_a_security_fix():
    body = ("QUIC: avoid assigning unvalidated address to new streams\n\nPreviously, when a client migrated to a new "
            "address, new streams received it before validation.  This allowed an attacker to create streams with a "
            "spoofed address.\n")
    analysis = analysed({"src/charset.c": (_CHARSET, _BOUNDED)}, body)
    assert (analysis.change_type, analysis.importance) == ("security", "high")
    injected = ("Proxy: fix large body with HTTP/2\n\nPreviously, a body over 16M overflowed the frame size, which "
                "resulted in sending unframed bytes, potentially allowing for an injection.\n")
    assert analysed({"src/charset.c": (_CHARSET, _BOUNDED)}, injected).change_type == "security"
    wired = "Use dependency injection for the recoder\n\nThe recoder is passed in rather than built here.\n"
    assert analysed({"src/charset.c": (_CHARSET, _BOUNDED)}, wired).change_type != "security"


_SCHEMA = '{\n  "$defs": {\n    "Nix": {\n      "properties": {\n        "name": {"type": "string"}\n      }\n    }\n  }\n}\n'


def test_a_repositorys_website_at_its_root_is_documentation():
    assert "doc" in classify_path("www/static/schema-pro.json")
    assert "doc" in classify_path("website/src/pages/index.js")
    assert "doc" not in classify_path("src/www/server.go")
    grown = _SCHEMA.replace('"name": {"type": "string"}', '"name": {"type": "string"},\n        "main": {"type": "string"}')
    analysis = analysed({"www/static/schema.json": (_SCHEMA, grown)}, "docs: update")
    assert (analysis.change_type, analysis.importance) == ("docs", "low")


def test_gofumpt_and_other_formatters_named_in_a_title_are_formatter_runs():
    for title in ("chore: gofumpt", "Run ktlint over the sources", "style: swiftformat", "apply dprint"):
        assert R.FORMATTER_RUN.search(title), title
    assert not R.FORMATTER_RUN.search("Add a formatter for durations")


_LIB_RS = "pub mod consts;\npub mod data;\n\nuse common_path::common_path;\n\npub fn root() -> u8 {\n    1\n}\n"
_VENDORED_LIB = "pub mod consts;\npub mod data;\nmod common_path;\n\nuse crate::common_path::common_path;\n\npub fn root() -> u8 {\n    1\n}\n"
_COMMON_PATH = "".join(f"pub fn common_path_{i}(a: &str, b: &str) -> Option<String> {{\n    let n = a.len().min(b.len());\n"
                       f"    if n == {i} {{\n        return None;\n    }}\n    Some(a[..n].to_string())\n}}\n\n"
                       for i in range(8))
_CARGO = '[package]\nname = "utils"\nversion = "0.1.0"\n\n[dependencies]\ncommon-path = "1.0.0"\nserde = "1"\n'


def test_a_dependency_copied_into_the_tree_as_a_file_of_its_name_is_low():
    files = {"utils/Cargo.toml": (_CARGO, _CARGO.replace('common-path = "1.0.0"\n', "")),
             "utils/src/lib.rs": (_LIB_RS, _VENDORED_LIB),
             "utils/src/common_path.rs": (None, _COMMON_PATH)}
    assert analysed(files, "chore(package): vendor common_path (#3780)").importance == "low"
    # the same file added while the dependency stays is new code of the project's own
    kept = {"utils/src/lib.rs": (_LIB_RS, _VENDORED_LIB), "utils/src/common_path.rs": (None, _COMMON_PATH)}
    assert analysed(kept, "chore(package): add common_path (#3780)").importance == "medium"


_GRAPH = """		buildChunkGraph(this, chunkGraphInit);
		this.hooks.afterChunks.call(this.chunks);
		this.logger.timeEnd("create chunks");

		while (this.hooks.optimizeModules.call(this.modules)) {
			/* empty */
		}
		this.hooks.afterOptimizeModules.call(this.modules);
"""
_GROUPS = """		for (const [name, { dependOn }] of this.entries) {
			if (!dependOn) {
				continue;
			}
			const runtime = this.runtimeOf(name);
			if (runtime) {
				this.addRuntimeGroup(name, dependOn, runtime);
			}
		}
"""
_SEAL = ("class Compilation {\n\tseal() {\n\t\tconst chunkGraphInit = new Map();\n" + _GROUPS + _GRAPH
         + "\t\tthis.createHash();\n\t}\n}\nmodule.exports = Compilation;\n")
_RESEALED = _SEAL.replace(_GROUPS + _GRAPH, _GRAPH + _GROUPS)


def test_a_fix_that_only_reorders_statements_is_not_a_mere_move():
    fixed = analysed({"lib/Compilation.js": (_SEAL, _RESEALED)},
                     "fix: adjust the timing for adding Group when depending on runtimeChunk")
    assert (fixed.change_type, fixed.importance) == ("fix", "medium")
    moved = analysed({"lib/Compilation.js": (_SEAL, _RESEALED)}, "refactor: group the runtime setup with the hooks")
    assert moved.importance == "low"


def test_a_title_saying_what_should_not_happen_names_a_fix():
    assert judge._title_words("Options in ArgGroup from a Mixin should not be added twice") == "fix"
    assert judge._title_words("Add options from a Mixin to the ArgGroup") == "feature"


def test_a_parameter_renamed_in_place_breaks_no_positional_call():
    before = "(arg: QueryArg, api: QueryLifecycleApi<QueryArg, BaseQuery>) -> Promise<void> | void"
    after = "(queryArgument: QueryArg, queryLifeCycleApi: QueryLifecycleApi< QueryArg, BaseQuery >) -> Promise<void> | void"
    renamed = compare(before, after, "src/query/queryLifecycle.ts")
    assert not renamed.breaking and not renamed.removed and not renamed.added
    assert not compare("(a int, b string) error", "(count int, b string) error", "pkg/x.go").breaking
    # a keyword caller breaks in Python; another type in the same place is no mere rename
    assert compare("(self, arg, api)", "(self, argument, api)", "pkg/x.py").breaking
    retyped = compare("(arg: QueryArg, api: Api)", "(arg: QueryArg, client: Client)", "src/query/queryLifecycle.ts")
    # (said as the slot retyped, ``api: Api`` -> ``client: Client``, not ``api`` lost: defects51b)
    assert retyped.breaking and retyped.retypes == [("api: Api", "client: Client")] and not retyped.removed
