"""Rules of the round tuned on the twenty-fifth fresh set (issue 8, tune25), each on a small snippet: an example's
own Go module (``_examples/``) and Hermit's pinned tools install nothing; YAML settings added empty and empty
manifests deleted render nothing; a public field of a public Go struct renamed, and a Rust ``pub mod`` no longer
declared, break importers; Go files renamed in their directory change nothing; a trait's method no longer
overridden is no API removed; an unmeasured "Optimize X" rewriting bodies with private helpers is low."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.models import Commit, FileChange
from tests.facts_support import analysed, facts_of

_GO_MOD = """module example.com/{name}

go 1.18

require (
\tgithub.com/acme/readline {version}
\tgithub.com/acme/colour v0.1.0
)
"""


def test_a_major_bump_in_an_underscored_go_example_module_is_low() -> None:
    old, new = _GO_MOD.format(name="server", version="v0.0.0-20180603132655-2972be24d48e"), \
        _GO_MOD.format(name="server", version="v1.5.1")
    example = analysed({"_examples/server/go.mod": (old, new)},
                       "chore(deps): update module github.com/acme/readline to v1")
    assert example.importance == "low"
    root = analysed({"go.mod": (old, new)}, "chore(deps): update module github.com/acme/readline to v1")
    assert root.importance == "medium"


def test_hermit_tool_links_and_package_stubs_are_tooling() -> None:
    result = analysed({"bin/.go-1.21.5.pkg": (None, "hermit"), "bin/go": (None, ".go-1.21.5.pkg"),
                       "bin/gofmt": (None, ".go-1.21.5.pkg")}, "hermit: Add back Go package")
    assert (result.change_type, result.importance) == ("chore", "low")
    cli = analysed({"bin/go": (None, "#!/usr/bin/env node\nrequire('../lib/cli.js').run(process.argv)\n")},
                   "Add back the go command")
    assert cli.importance != "low" or cli.change_type != "chore"


_VALUES = """image:
  repository: acme/app
  tag: v1.0.6
{extra}
reloader:
  watchGlobally: true
"""


def test_chart_values_listed_with_empty_values_are_low() -> None:
    before = _VALUES.format(extra="")
    empty = _VALUES.format(extra='nameOverride: ""\nfullnameOverride: ""\npodAnnotations: {}\n')
    result = analysed({"chart/app/values.yaml": (before, empty)}, "Add nameOverride and fullnameOverride on values")
    assert result.importance == "low"
    valued = _VALUES.format(extra='nameOverride: "app"\n')
    assert analysed({"chart/app/values.yaml": (before, valued)}, "Add nameOverride on values").importance != "low"


_CHART = "apiVersion: v1\nname: app\nversion: {v}\nappVersion: {v}\n"
_DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels:
    chart: "app-{v}"
spec:
  template:
    spec:
      containers:
      - image: "acme/app:{v}"
        name: app
{extra}"""


def test_a_release_stamp_that_renders_an_empty_setting_is_still_a_release() -> None:
    files = {"chart/app/Chart.yaml": (_CHART.format(v="v1.0.6"), _CHART.format(v="v1.0.7")),
             "chart/app/values.yaml": (_VALUES.format(extra=""), _VALUES.format(extra="").replace("v1.0.6", "v1.0.7")),
             "deployments/manifests/deployment.yaml": (_DEPLOYMENT.format(v="v1.0.6", extra=""),
                                                       _DEPLOYMENT.format(v="v1.0.7",
                                                                          extra="        securityContext:\n"
                                                                                "          {}\n"))}
    assert analysed(files, "[skip-ci] Update artifacts").importance == "low"
    files["deployments/manifests/deployment.yaml"] = (
        _DEPLOYMENT.format(v="v1.0.6", extra=""),
        _DEPLOYMENT.format(v="v1.0.7", extra="        securityContext:\n          runAsNonRoot: true\n"))
    assert analysed(files, "[skip-ci] Update artifacts").importance != "low"


_KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n{entries}"


def test_an_empty_manifest_deleted_with_its_kustomization_entry_is_not_high() -> None:
    entries = "  - manifests/deployment.yaml\n  - manifests/role.yaml\n"
    kept = "  - manifests/deployment.yaml\n"
    empty = "---\n# Source: app/templates/role.yaml\n\n"
    result = analysed({"deploy/kustomization.yaml": (_KUSTOMIZATION.format(entries=entries),
                                                     _KUSTOMIZATION.format(entries=kept)),
                       "deploy/manifests/role.yaml": (empty, None)}, "Remove outdated manifests")
    assert result.importance == "low"
    role = ("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n"
            "  - apiGroups: [\"\"]\n    resources: [\"secrets\"]\n    verbs: [\"get\"]\n")
    real = analysed({"deploy/kustomization.yaml": (_KUSTOMIZATION.format(entries=entries),
                                                   _KUSTOMIZATION.format(entries=kept)),
                     "deploy/manifests/role.yaml": (role, None)}, "Remove outdated manifests")
    assert real.importance == "high"


_HTTP_FS = """package afero

type HttpFs struct {{
\t{field} Fs
}}

func (h HttpFs) Name() string {{ return "HttpFs" }}

func (h HttpFs) Create(name string) (File, error) {{
\treturn h.{field}.Create(name)
}}

func (h HttpFs) Remove(name string) error {{
\treturn h.{field}.Remove(name)
}}

func (h HttpFs) RemoveAll(path string) error {{
\treturn h.{field}.RemoveAll(path)
}}

func (h HttpFs) Mkdir(name string, perm os.FileMode) error {{
\treturn h.{field}.Mkdir(name, perm)
}}

func (h HttpFs) Stat(name string) (os.FileInfo, error) {{
\treturn h.{field}.Stat(name)
}}
"""


def test_a_public_go_structs_exported_field_renamed_is_high() -> None:
    result = analysed({"httpFs.go": (_HTTP_FS.format(field="SourceFs"), _HTTP_FS.format(field="source"))},
                      "rename HttpFs:SourceFs to 'source' to keep consistent")
    assert (result.change_type, result.importance) == ("refactor", "high")
    private = analysed({"httpFs.go": (_HTTP_FS.format(field="src"), _HTTP_FS.format(field="source"))},
                       "rename HttpFs:src to 'source' to keep consistent")
    assert (private.change_type, private.importance) == ("refactor", "low")


def _renamed(pairs: list[tuple[str, str]], message: str) -> str:
    files = [FileChange(path=new, previous_path=old, status="renamed") for old, new in pairs]
    commit = Commit(sha="b" * 40, author="Ann", committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc),
                    message=message, parents=["a" * 40], files=files, details_loaded=True)
    return HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=[])).importance


def test_go_files_renamed_in_their_directory_are_low() -> None:
    assert _renamed([("union_cow.go", "copyOnWriteFs.go"), ("union.go", "unionFile.go")],
                    "Update filenames to reflect new names") == "low"
    assert _renamed([("util/helpers.py", "util/strings.py")], "Update filenames to reflect new names") != "low"


_CORE_LIB = "#![no_std]\n\n{mods}mod hint;\npub mod util;\n"
_UNIT = "pub const NANOS_PER_SEC: u64 = 1_000_000_000;\n"


def test_a_rust_pub_mod_renamed_with_a_deprecated_alias_is_high() -> None:
    before_lib = _CORE_LIB.format(mods="pub mod convert;\n")
    after_lib = _CORE_LIB.format(mods="pub mod unit;\n")
    result = analysed({"core/src/lib.rs": (before_lib, after_lib), "core/src/convert.rs": (_UNIT, None),
                       "core/src/unit.rs": (None, _UNIT)}, "Rename `convert` module to `unit`")
    assert result.importance == "high"
    aliased = after_lib + '\n#[deprecated(note = "import from `unit` instead")]\npub mod convert {\n' \
                          "    pub use crate::unit::*;\n}\n"
    assert analysed({"core/src/lib.rs": (before_lib, aliased)}, "Rename `convert` to `unit`").importance == "high"
    private = analysed({"core/src/lib.rs": (_CORE_LIB.format(mods="mod convert;\n"),
                                            _CORE_LIB.format(mods="mod unit;\n"))}, "Rename private module")
    assert private.importance != "high"


_OFFSET = """pub struct UtcOffset {{
    seconds: i32,
}}

impl SmartDisplay for UtcOffset {{
    fn metadata(&self, _: FormatterOptions) -> Metadata<Self> {{
        Metadata::new({width}, self, ())
    }}
{extra}}}

impl fmt::Display for UtcOffset {{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{
        {body}
    }}
}}
{helper}"""
_OVERRIDE = """
    fn fmt_with_metadata(&self, f: &mut fmt::Formatter<'_>, metadata: Metadata<Self>) -> fmt::Result {
        f.pad_with_width(metadata.unpadded_width(), format_args!("{}", self.seconds))
    }
"""


def test_a_trait_method_no_longer_overridden_is_no_api_removed_and_an_unmeasured_optimization_is_low() -> None:
    before = _OFFSET.format(width="self.seconds.num_digits()", extra=_OVERRIDE, helper="",
                            body='write!(f, "{}", self.seconds)')
    after = _OFFSET.format(width="9", extra="", body="f.write_str(digits(self.seconds))",
                           helper="\nfn digits(n: i32) -> &'static str {\n    TABLE[n as usize]\n}\n")
    removed = [f for f in facts_of({"src/utc_offset.rs": (before, after)}) if f["kind"] == "symbol_removed"]
    assert [f["text"] for f in removed] == ["method, overrides"]
    result = analysed({"src/utc_offset.rs": (before, after)}, "Optimize `UtcOffset` display impl")
    assert (result.change_type, result.importance) == ("perf", "low")
    public = after.replace("\nfn digits(", "\npub fn digits(")
    assert analysed({"src/utc_offset.rs": (before, public)}, "Optimize `UtcOffset` display impl").importance != "low"


def test_the_evidence_helpers_behind_them() -> None:
    from analysis.analyzers.heuristic.config.empty_settings import adds_nothing
    assert adds_nothing("values.yaml", 'nameOverride: ""') and adds_nothing("values.yaml", "{}")
    assert not adds_nothing("values.yaml", "replicas: 2") and not adds_nothing("main.go", "x: {}")
