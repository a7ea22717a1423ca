"""Rule tables of the heuristic analyzer: path and word patterns, scores, and its phrases in zh and en."""

from __future__ import annotations

import re

# --- change type ---------------------------------------------------------------------------

# Conventional-commit prefix -> change type ("feat(scope)!: ..." keeps only "feat").
PREFIX_TYPES: dict[str, str] = {
    "feat": "feature", "feature": "feature", "fix": "fix", "bugfix": "fix", "hotfix": "fix",
    "refactor": "refactor", "perf": "perf", "docs": "docs", "doc": "docs", "test": "test",
    "tests": "test", "ci": "ci", "build": "build", "deps": "build", "chore": "chore",
    "style": "chore", "security": "security", "sec": "security", "revert": "revert",
}
PREFIX_RE = re.compile(r"^\s*\[?(?P<type>[A-Za-z]+)\]?(?:\((?P<scope>[^)]{0,60})\))?(?P<bang>!)?\s*:\s*")
REVERT_TITLE_RE = re.compile(r'^\s*revert\b\s*["\'“]?', re.IGNORECASE)
BREAKING_BODY_RE = re.compile(r"^\s*BREAKING[ -]CHANGES?\s*:", re.MULTILINE)

# Words of a title without a conventional prefix: security words win, then the earliest word of the
# middle group, then feature words (the most generic: "add tests" is a test, not a feature).
TITLE_SECURITY_WORDS = re.compile(r"\b(security|vulnerabilit\w*|cve-\d+)", re.I)
TITLE_FEATURE_WORDS = re.compile(r"\b(add\w*|implement\w*|introduc\w*|support\w*|enabl\w*|new|allow\w*|"
                                 r"attach\w*|expos\w*|provid\w*|creat\w*)\b", re.I)
TITLE_TYPE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("revert", re.compile(r"^\s*(revert|back out|roll ?back)\b", re.I)),
    ("perf", re.compile(r"\b(perf|performance|speed ?up|faster|optimi[sz]\w*|latency)\b", re.I)),
    ("refactor", re.compile(r"\b(renam\w*|refactor\w*|restructur\w*|mov(e|es|ed|ing)|clean ?ups?|simplif\w*|"
                            r"reorgani[sz]\w*)\b", re.I)),
    ("fix", re.compile(r"\b(fix\w*|bug\w*|crash\w*|resolv\w*|correct\w*|repair\w*|hotfix)\b", re.I)),
    ("docs", re.compile(r"\b(docs?|documentation|readme|typos?)\b", re.I)),
    ("test", re.compile(r"\b(tests?|testing|flaky)\b", re.I)),
    ("build", re.compile(r"\b(bump|upgrade|dependenc\w*|deps)\b", re.I)),
)

# --- path classes (matched on the lower-cased path) ----------------------------------------

DOC_EXTS = (".md", ".rst", ".adoc", ".mdx")
DOC_DIRS = {"docs", "doc", "documentation"}
DOC_NAMES = re.compile(r"^(readme|changelog|changes|contributing|authors|notice)(\.|$)")
TEST_DIRS = {"tests", "test", "testing", "__tests__", "testdata", "e2e"}
TEST_NAMES = re.compile(r"(^test_.*|.*_test\.\w+|.*_tests\.\w+|.*\.(test|spec)\.\w+|^conftest\.py)$")
CI_PATH = re.compile(r"(^|/)(\.github|\.circleci|\.buildkite|\.gitlab)/|(^|/)(\.gitlab-ci\.yml|jenkinsfile|"
                     r"azure-pipelines\.ya?ml|\.travis\.yml|\.pre-commit-config\.yaml)$")
BUILD_NAMES = re.compile(
    r"^(makefile|cmakelists\.txt|.*\.cmake|setup\.py|setup\.cfg|pyproject\.toml|cargo\.toml|cargo\.lock|"
    r"go\.mod|go\.sum|package\.json|package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|uv\.lock|"
    r"requirements.*\.txt|build\.rs|build|build\.bazel|workspace|.*\.bzl|build\.gradle(\.kts)?|pom\.xml|"
    r"meson\.build|configure\.ac|manifest\.in)$")
LOCK_NAMES = re.compile(r"(\.lock|\.sum|-lock\.json|-lock\.yaml)$")
EXAMPLE_DIRS = {"examples", "example", "samples", "sample", "demo", "demos"}
DOCKER_NAME = re.compile(r"(dockerfile|containerfile|^docker-compose.*\.ya?ml$|^compose\.ya?ml$)")
DEPLOY_DIRS = {"helm", "charts", "chart", "k8s", "kubernetes", "kustomize", "manifests", "operator",
               "deploy", "deployment", "deployments", "terraform", "ansible", "crds"}
DEPLOY_NAMES = re.compile(r"^(chart\.yaml|values(-[\w.-]+)?\.yaml|kustomization\.ya?ml|.*\.tf)$")
API_EXTS = (".proto", ".thrift", ".graphql", ".gql", ".avsc", ".pyi", ".idl", ".fbs")
API_DIRS = {"api", "apis", "crds", "crd", "bindings", "schemas", "proto", "protos", "protocol", "protocols"}
API_NAMES = re.compile(r"(openapi|swagger|_types\.go$|^protocols?(\.|_|$)|\.schema\.json$)")
HEADER_EXTS = (".h", ".hpp", ".hh")

# Security words, matched as whole words (underscore, dot, dash and slash separate words).
_SEP_L, _SEP_R = r"(?<![a-z0-9])", r"(?![a-z0-9])"
SECURITY_WORDS = re.compile(
    _SEP_L + r"(auth|authn|authz|authenticat\w*|authori[sz]\w*|oauth\w*|jwt|secrets?|credentials?|"
    r"passwords?|passwd|crypto\w*|encrypt\w*|decrypt\w*|tls|ssl|ssh|sshd|certs?|certificates?|"
    r"permissions?|rbac|cve|cve-\d+-\d+|vulnerab\w*|saniti[sz]\w*|xss|csrf|ssrf|"
    r"(sql|command|shell|code|header|prompt)[_ -]injection|"
    r"security|privileges?|(access|api|auth|bearer|refresh|session|csrf)[_ -]?tokens?)" + _SEP_R,
    re.IGNORECASE,
)
PERF_WORDS = re.compile(r"\b(perf|performance|speed ?up|faster|optimi[sz]\w*|latency|throughput)\b", re.I)
API_TITLE_WORDS = re.compile(r"\b(api|apis|crd|crds|protocol|proto|schema)\b", re.I)
DEPLOY_TITLE_WORDS = re.compile(r"\b(helm|k8s|kubernetes|operator|dockerfile|deployment)\b", re.I)
TRAILER_RE = re.compile(r"^\s*(signed-off-by|co-authored-by|reviewed-by|change-id)\s*:", re.I)
BULLET_RE = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+(?P<text>\S.*)$")

# Segments that say little about where a change sits; area keys skip over them.
GENERIC_DIRS = {"src", "lib", "pkg", "internal", "source", "sources"}

# --- importance --------------------------------------------------------------------------

TYPE_BASE = {"feature": 2, "fix": 2, "perf": 2, "revert": 2, "security": 2, "refactor": 1, "build": 1,
             "docs": 0, "test": 0, "ci": 0, "chore": 0}
#: a commit of unknown kind (no prefix, no telling title word) that changes product code is
#: weighed like a refactor, not like a chore: the heuristic cannot tell, so it does not play it down
UNKNOWN_CODE_BASE = 1
SCORE_API = 2          # API / protocol / CRD / public binding definitions touched
SCORE_DEPLOY = 2       # deployment manifests, operator, container images
SCORE_SECURITY = 2     # security-sensitive paths or words
SCORE_TITLE_HINT = 1   # API or deployment named in the title when files are not loaded
LARGE_LINES, LARGE_FILES = 500, 20
HUGE_LINES, HUGE_FILES = 1500, 50
TEST_ONLY_MEDIUM_LINES, TEST_ONLY_MEDIUM_FILES = 400, 15
HIGH_AT, MEDIUM_AT = 4, 2

# --- bounds ------------------------------------------------------------------------------

MAX_TITLE, MAX_LINE, MAX_PATH = 160, 200, 120
MAX_BODY_BULLETS, MAX_AREAS, MAX_LISTED_PATHS, MAX_TOP_DIRS = 8, 8, 4, 3

# --- phrases -----------------------------------------------------------------------------

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "disclaimer": "Heuristic analysis from the commit message and paths; no model was used.",
        "title": "Title: {title}",
        "body_point": "From the message: {text}",
        "files_changed": "{n} {files} changed (+{a}/−{d})",
        "file": "file", "files": "files",
        "top_dirs": "Top directories touched: {dirs}",
        "dir_count": "{area} ({n})",
        "no_files": "File details were not loaded; only the commit message was used.",
        "no_files_changed": "The commit changes no files.",
        "impact_area": "{area}: {desc} (+{a}/−{d})",
        "impact_desc_one": "{n} {files} {status}",
        "impact_desc_mixed": "{n} {files} ({parts})",
        "status_part": "{n} {status}",
        "status_added": "added", "status_modified": "modified", "status_removed": "removed",
        "status_renamed": "renamed",
        "impact_more": "other areas: {n} more",
        "impact_scope": "{scope}: named as the scope in the title; file list not loaded",
        "impact_unknown": "file list not loaded: the affected paths are unknown",
        "impact_none": "no files changed",
        "tag_api": "API definitions", "tag_deploy": "deployment", "tag_security": "security-sensitive",
        "tag_sep": ", ", "tags": " [{tags}]",
        "list_more": "{items} (+{n} more)",
        "no_signal": "No signal from the heuristic.",
        "sentence_sep": " ",
        "arch_api": "Touches API/protocol definitions: {paths}.",
        "arch_deploy": "Changes deployment manifests, operator code or container images: {paths}.",
        "arch_breaking": "The message marks a breaking change.",
        "arch_title_hint": "The title mentions {words}; the files were not loaded to confirm it.",
        "perf_labelled": "Labelled or worded as a performance change; no measurements were derived.",
        "sec_paths": "Touches security-sensitive paths: {paths}.",
        "sec_words": "The message mentions security-related terms: {words}.",
        "maint_tests": "Test files changed: {n}.",
        "maint_no_tests": "No test files changed.",
        "maint_large": "Large change: {lines} lines across {n} files.",
        "maint_refactor": "Restructuring change (rename or refactor); behaviour is meant to stay the same.",
        "maint_examples_docs": "Only documentation or examples changed.",
        "risk_breaking": "Breaking change marked in the message",
        "risk_breaking_impact": "Dependents may fail after upgrading.",
        "risk_breaking_mitigation": "Document the migration and version the release accordingly.",
        "risk_api": "Change to API/protocol definitions",
        "risk_api_impact": "Clients or services built against the previous definitions may break.",
        "risk_api_mitigation": "Check compatibility of existing clients; keep old fields or version the API.",
        "risk_deploy": "Deployment configuration changed",
        "risk_deploy_impact": "Rollouts may fail or behave differently in running environments.",
        "risk_deploy_mitigation": "Roll out gradually (staging or canary first) and keep a rollback path.",
        "risk_security": "Security-sensitive area changed",
        "risk_security_impact": "A mistake can weaken authentication, secrets handling or access control.",
        "risk_security_mitigation": "Ask for a security-focused review of the touched code.",
        "risk_large": "Large change",
        "risk_large_impact": "Hard to review thoroughly; regressions can slip through.",
        "risk_large_mitigation": "Review in parts, area by area, and watch the first runs closely.",
        "risk_fix_no_test": "Fix without test changes",
        "risk_fix_no_test_impact": "The bug can come back unnoticed.",
        "risk_fix_no_test_mitigation": "Add a regression test for the fixed behaviour.",
        "risk_revert": "Reverts an earlier change",
        "risk_revert_impact": "Behaviour introduced by the reverted commit goes away.",
        "risk_revert_mitigation": "Check whether later work depends on the reverted change.",
        "risk_no_files": "File list not loaded",
        "risk_no_files_impact": "The analysis may miss what the commit actually changes.",
        "risk_no_files_mitigation": "Load the commit details and analyse it again.",
        "rec_breaking": "Announce the breaking change and publish migration notes.",
        "rec_api": "Check that existing clients still work with the changed definitions.",
        "rec_deploy": "Roll the change out gradually and watch the first deployments.",
        "rec_security": "Request a security review of the touched paths.",
        "rec_large": "Review the change in parts, one area at a time.",
        "rec_fix_no_test": "Add a regression test that fails without this fix.",
        "rec_revert": "Confirm why the change was reverted and whether a follow-up is planned.",
        "rec_no_files": "Load the commit details for a path-based analysis.",
        "rec_none": "No specific action derived; review as usual.",
    },
    "zh": {
        "disclaimer": "基于提交信息与文件路径的启发式分析，未使用模型。",
        "title": "标题：{title}",
        "body_point": "提交说明：{text}",
        "files_changed": "共 {n} 个文件变更（+{a}/−{d}）",
        "file": "", "files": "",
        "top_dirs": "主要涉及目录：{dirs}",
        "dir_count": "{area}（{n}）",
        "no_files": "未加载文件详情，仅依据提交信息分析。",
        "no_files_changed": "该提交未修改任何文件。",
        "impact_area": "{area}：{desc}（+{a}/−{d}）",
        "impact_desc_one": "{n} 个文件{status}",
        "impact_desc_mixed": "{n} 个文件（{parts}）",
        "status_part": "{status} {n}",
        "status_added": "新增", "status_modified": "修改", "status_removed": "删除",
        "status_renamed": "重命名",
        "impact_more": "其他目录：另有 {n} 个",
        "impact_scope": "{scope}：标题中标注的范围；未加载文件列表",
        "impact_unknown": "未加载文件列表：受影响路径未知",
        "impact_none": "未修改任何文件",
        "tag_api": "API 定义", "tag_deploy": "部署", "tag_security": "安全敏感",
        "tag_sep": "、", "tags": "［{tags}］",
        "list_more": "{items} 等（另有 {n} 个）",
        "no_signal": "启发式分析未发现相关信号。",
        "sentence_sep": "",
        "arch_api": "涉及 API/协议定义：{paths}。",
        "arch_deploy": "修改了部署清单、Operator 代码或容器镜像：{paths}。",
        "arch_breaking": "提交信息标注了破坏性变更。",
        "arch_title_hint": "标题提到 {words}；未加载文件，无法确认。",
        "perf_labelled": "标注或措辞为性能相关变更；未推导出任何性能数据。",
        "sec_paths": "涉及安全敏感路径：{paths}。",
        "sec_words": "提交信息提到安全相关词语：{words}。",
        "maint_tests": "修改了测试文件：{n} 个。",
        "maint_no_tests": "未修改测试文件。",
        "maint_large": "变更较大：{n} 个文件共 {lines} 行。",
        "maint_refactor": "结构调整（重命名或重构），预期行为不变。",
        "maint_examples_docs": "仅修改了文档或示例。",
        "risk_breaking": "提交信息标注了破坏性变更",
        "risk_breaking_impact": "依赖方升级后可能失败。",
        "risk_breaking_mitigation": "编写迁移说明，并相应提升版本号。",
        "risk_api": "API/协议定义发生变化",
        "risk_api_impact": "基于旧定义构建的客户端或服务可能不兼容。",
        "risk_api_mitigation": "检查现有客户端的兼容性；保留旧字段或为 API 加版本。",
        "risk_deploy": "部署配置发生变化",
        "risk_deploy_impact": "发布可能失败，或在运行环境中表现不同。",
        "risk_deploy_mitigation": "逐步发布（先预发或金丝雀），并保留回滚路径。",
        "risk_security": "修改了安全敏感区域",
        "risk_security_impact": "细小失误可能削弱认证、密钥处理或访问控制。",
        "risk_security_mitigation": "请做一次侧重安全的代码审查。",
        "risk_large": "变更规模较大",
        "risk_large_impact": "难以全面审查，回归问题可能被遗漏。",
        "risk_large_mitigation": "按目录分块审查，并密切关注上线初期的运行情况。",
        "risk_fix_no_test": "修复未附带测试改动",
        "risk_fix_no_test_impact": "问题可能在不知不觉中复现。",
        "risk_fix_no_test_mitigation": "为修复的行为补充回归测试。",
        "risk_revert": "回滚了之前的变更",
        "risk_revert_impact": "被回滚提交引入的行为将消失。",
        "risk_revert_mitigation": "确认后续工作是否依赖被回滚的变更。",
        "risk_no_files": "未加载文件列表",
        "risk_no_files_impact": "分析可能遗漏提交的实际改动。",
        "risk_no_files_mitigation": "加载提交详情后重新分析。",
        "rec_breaking": "公告该破坏性变更并发布迁移说明。",
        "rec_api": "确认现有客户端在新定义下仍能正常工作。",
        "rec_deploy": "逐步发布该变更，并观察最初几次部署。",
        "rec_security": "对涉及的路径进行安全审查。",
        "rec_large": "按目录分块审查该变更。",
        "rec_fix_no_test": "补充一个在未修复时会失败的回归测试。",
        "rec_revert": "确认回滚原因以及是否有后续修复计划。",
        "rec_no_files": "加载提交详情以便基于路径分析。",
        "rec_none": "未推导出具体建议；按常规审查即可。",
    },
}
