"""The heuristic's sentences on workflow credentials, new options and what callers must now expect, in en and zh
(merged into ``PHRASES``)."""

from __future__ import annotations

MORE_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        # risks of a CI workflow's security signals: what is at stake, and the fix for each kind of signal
        "r_ci_signal": "{text} in {path}",
        "r_ci_signal_impact": "{harm}",
        "ci_harm_prt_secret": "{path} runs for forks' pull requests with the repository's secrets: code or input "
                              "from a pull request can reach them.",
        "ci_harm_prt_head": "Code from any fork's pull request runs with the repository's secrets and a write token.",
        "ci_harm_printed": "The secret lands in the run's log; masking misses it once a step transforms it.",
        "ci_harm_piped": "Whoever controls that download runs code in the pipeline, with its secrets and token.",
        "ci_harm_other": "The steps of {path} run with the repository's secrets and token.",
        "r_ci_signal_mitigation": "{fix}",
        "ci_fix_prt_secret": "Build pull requests under `pull_request` (no secrets) and keep secrets to a job that "
                             "never checks out the pull request's code.",
        "ci_fix_prt_head": "Do not check out the pull request's head under `pull_request_target`: build it under "
                           "`pull_request`, and hand only its results to a privileged `workflow_run`.",
        "ci_fix_printed": "Do not print the secret: pass it to the step as an environment variable (`env:`) "
                          "for the tool to read.",
        "ci_fix_piped": "Download the script pinned to a release and check its checksum before running it, "
                        "or use a pinned action.",
        "ci_fix_other": "Have a second reviewer check {path} for {text}.",
        "r_ci_widened": "{path} grants the workflow token write permissions: {keys}",
        "r_ci_widened_impact": "Any step or third-party action of {path} can push commits, publish releases or "
                               "edit issues with the token.",
        "r_ci_widened_mitigation": "Grant write only to the jobs that need it (`permissions:` per job) and read "
                                   "everywhere else.",
        # scopes that reach neither the code, the releases nor the issues (``code-quality``, ``statuses``):
        # what the token may write is the scope named, no more
        "r_ci_scoped": "{path} grants the workflow token write permissions: {keys}",
        "r_ci_scoped_impact": "Any step or third-party action of {path} can write {keys} with the token.",
        "r_ci_scoped_mitigation": "Grant write only to the jobs that need it (`permissions:` per job) and read "
                                  "everywhere else.",
        # a file renamed with its content unchanged: where it came from, not "(+0/−0)"
        "file_renamed": "{path} (renamed from {old})", "impact_renamed": "renamed from {old}",
        # the one code line a modified symbol rewrites, before and after
        "line_swapped": "Line {old} → {new}", "line_swapped_n": "Line {old} → {new} in {n} places",
        "line_added": "Adds the line {line}", "line_added_n": "Adds the line {line} in {n} places",
        # every file of a folder deleted (a chart or a package moved out of the repository)
        "folder_removed": "Removes {path}: {n} files, {lines} lines", "folder_note": "; what stays says: {note}",
        "r_folder_removed": "{path} removed ({n} files)",
        "r_folder_removed_impact": "Whatever installs, imports or builds {path} from this repository no longer finds it.",
        "r_folder_removed_mitigation": "Say where {path} went (in the message or the changelog) so its users can follow.",
        # entries added to a table in code (a registry of tags, commands, handlers)
        "table_entry": "Adds the entry {entries} to the table in {path}",
        "table_entries": "Adds the entries {entries} to the table in {path}",
        # a default list in code whose members change: what users who set nothing get
        "default_members": "The default {name} {changes}: users who do not set their own get the new list",
        "members_gained": "gains {names}", "members_lost": "loses {names}", "members_and": " and ",
        "line_removed": "Removes the line {line}", "line_removed_n": "Removes the line {line} in {n} places",
        "line_commented_out": "Comments out the line {line}",
        "line_commented_out_n": "Comments out the line {line} in {n} places",
        # summary: a setting users can set, then the code that reads it
        "option_line": "New option {names}",
        "option_default": "{name} (default {value})",
        "option_read_by": "; read by {names}",
        # compatibility: inputs now turned away, a usage dropped, panics handed on, a dependency's pre-release left
        "compat_stricter": "Inputs that passed {names} before are now turned away (a new condition rejects them): "
                           "callers passing such values get an error or nothing where they got a result.",
        "compat_cases_dropped": "The title drops {values} and the code's `case` arms for them go: input given as "
                                "{values} is no longer recognised.",
        "compat_support_removed": "The project's own words say a usage is no longer supported; code relying on it "
                                  "must change.",
        "compat_panics": "A call that could panic is replaced by its fallible form: callers get an error where the "
                         "program aborted.",
        "compat_prerelease": "{name} leaves its pre-release {old} for the release {new}: the code it runs changes.",
        # compatibility: a crate's default features narrowed, public items gated behind a new feature
        "compat_default_narrowed": "The default features no longer enable all they did ({names}): builds that keep "
                                   "the defaults lose what was dropped.",
        "compat_api_gated": "{names} now compile only with a feature that is off by default: default builds lose "
                            "them.",
        # one key or test: the sentence in the singular
        "compat_config_removed_one": "{keys} removed from {path}: configurations that still set it lose the setting.",
        "r_tests_removed_one": "Test removed: {names}",
        "r_tests_removed_one_impact": "What {names} checked is no longer checked.",
        "r_tests_removed_one_mitigation": "Confirm {names} was replaced or is obsolete.",
        "rec_tests_removed_one": "Confirm why {names} was removed.",
        "values_read": ", now reading the chart values {keys}",
        # an ``if`` whose whole block is new and ends the call: the guard a reviewer names first
        "guards_line": "New early exits: {items}",
        # a ``switch``'s string arms deleted, no line of the commit naming their values again
        "cases_dropped": "`case` arms for {values} removed from {path}: those values no longer match there",
        "guard_return": "{cond} returns {value}",
        "guard_return_bare": "{cond} returns (no value)",
        "guard_throw": "{cond} throws {value}",
        "locks_line": "Now locks with {names}",
        # packages of one manifest moved to the same new major version together (``major_groups``)
        "compat_major_pl": "{name} move to a new major version ({old} → {new}).",
        "r_major_pl": "{name} major upgrade {old} → {new}",
        "r_major_pl_impact": "Incompatible changes in {name} {new} surface where they are called.",
        "r_major_pl_mitigation": "Read the release notes of {name} {new} and run the full test suite.",
        "rec_major_pl": "Check the {new} migration guides of {name}.",
        # a Rust ``pub mod`` no longer declared (``api/rust_modules.py``'s ``public_modules_gone``, per file by the
        # writer's ``modules_gone``)
        "modules_gone": "Module {names} no longer public in {path}",
        "modules_gone_pl": "Modules {names} no longer public in {path}",
        "compat_modules_gone": "Dependants' `use` paths through {names} no longer resolve, even where the items "
                               "are re-exported elsewhere.",
        "r_modules_gone": "Public modules gone: {names}",
        "r_modules_gone_impact": "Code importing through {names} (`use crate::module::Item`) fails to compile on "
                                 "upgrade.",
        "r_modules_gone_mitigation": "Keep {names} public, marked `#[deprecated]`, for a release, or name the new "
                                     "paths in the changelog.",
    },
    "zh": {
        "r_ci_signal": "{path} 中出现 {text}",
        "r_ci_signal_impact": "{harm}",
        "ci_harm_prt_secret": "{path} 会为来自 fork 的拉取请求带着仓库密钥运行：拉取请求中的代码或输入可能接触到这些密钥。",
        "ci_harm_prt_head": "任何 fork 的拉取请求中的代码都会带着仓库密钥和可写令牌运行。",
        "ci_harm_printed": "密钥会写入运行日志；一旦步骤对其做了变换，日志遮蔽就失效了。",
        "ci_harm_piped": "控制该下载地址的人就能在流水线中运行代码，并拿到其中的密钥和令牌。",
        "ci_harm_other": "{path} 的步骤带着仓库的密钥和令牌运行。",
        "r_ci_signal_mitigation": "{fix}",
        "ci_fix_prt_secret": "在 `pull_request`（不带密钥）下构建拉取请求，只在从不检出拉取请求代码的作业中使用密钥。",
        "ci_fix_prt_head": "不要在 `pull_request_target` 下检出拉取请求的 head：在 `pull_request` 下构建，"
                           "只把结果交给有权限的 `workflow_run`。",
        "ci_fix_printed": "不要打印密钥：通过环境变量（`env:`）传给步骤，由工具自行读取。",
        "ci_fix_piped": "下载固定到某个发布版本的脚本并校验其校验和后再运行，或改用固定版本的 action。",
        "ci_fix_other": "请另一位审查者针对 {text} 检查 {path}。",
        "r_ci_widened": "{path} 授予工作流令牌写权限：{keys}",
        "r_ci_widened_impact": "{path} 中任何步骤或第三方 action 都能用该令牌推送提交、发布版本或修改 issue。",
        "r_ci_widened_mitigation": "只给需要的作业授予写权限（按作业设置 `permissions:`），其余一律只读。",
        "r_ci_scoped": "{path} 授予工作流令牌写权限：{keys}",
        "r_ci_scoped_impact": "{path} 中任何步骤或第三方 action 都能用该令牌写入 {keys}。",
        "r_ci_scoped_mitigation": "只给需要的作业授予写权限（按作业设置 `permissions:`），其余一律只读。",
        "file_renamed": "{path}（由 {old} 重命名）", "impact_renamed": "由 {old} 重命名",
        "line_swapped": "代码行 {old} → {new}", "line_swapped_n": "在 {n} 处代码行 {old} → {new}",
        "line_added": "新增代码行 {line}", "line_added_n": "在 {n} 处新增代码行 {line}",
        "folder_removed": "删除 {path}：{n} 个文件，{lines} 行", "folder_note": "；保留的说明写道：{note}",
        "r_folder_removed": "删除了 {path}（{n} 个文件）",
        "r_folder_removed_impact": "从本仓库安装、导入或构建 {path} 的地方将找不到它。",
        "r_folder_removed_mitigation": "在提交说明或变更日志中写明 {path} 的去向，方便使用者跟进。",
        "table_entry": "在 {path} 的表中新增条目 {entries}",
        "table_entries": "在 {path} 的表中新增条目 {entries}",
        "default_members": "默认列表 {name} {changes}：未自行设置的用户会得到新的列表",
        "members_gained": "新增 {names}", "members_lost": "移除 {names}", "members_and": "，",
        "line_removed": "删除代码行 {line}", "line_removed_n": "在 {n} 处删除代码行 {line}",
        "line_commented_out": "将代码行 {line} 注释掉",
        "line_commented_out_n": "在 {n} 处将代码行 {line} 注释掉",
        "option_line": "新增选项 {names}",
        "option_default": "{name}（默认 {value}）",
        "option_read_by": "；由 {names} 读取",
        "compat_stricter": "{names} 现在拒绝以前能通过的输入（新增的条件会拒绝它们）：传入这类值的调用方原来得到结果，"
                           "现在得到错误或空值。",
        "compat_cases_dropped": "标题说明移除 {values}，代码中对应的 `case` 分支也已删除：以 {values} 给出的输入不再被识别。",
        "compat_support_removed": "项目自己的说明写明某种用法不再受支持；依赖它的代码需要修改。",
        "compat_panics": "可能 panic 的调用换成了可失败的版本：原来程序会中止的地方，调用方现在得到错误。",
        "compat_prerelease": "{name} 从预发布版本 {old} 换到正式版本 {new}：它运行的代码随之改变。",
        "compat_default_narrowed": "默认特性不再启用原先的全部内容（{names}）：沿用默认特性的构建会失去被去掉的部分。",
        "compat_api_gated": "{names} 现在只在启用某个默认关闭的特性时才编译：默认构建将失去它们。",
        "compat_config_removed_one": "{path} 删除了 {keys}：仍设置该项的配置将失去该设置。",
        "r_tests_removed_one": "删除了测试：{names}",
        "r_tests_removed_one_impact": "{names} 原先检查的内容不再被检查。",
        "r_tests_removed_one_mitigation": "确认 {names} 已被替代或确已过时。",
        "rec_tests_removed_one": "确认删除 {names} 的原因。",
        "values_read": "，新读取 chart 取值 {keys}",
        "guards_line": "新增提前退出：{items}",
        "cases_dropped": "{path} 删除了 {values} 的 `case` 分支：这些值在此不再匹配",
        "guard_return": "{cond} 时返回 {value}",
        "guard_return_bare": "{cond} 时直接返回",
        "guard_throw": "{cond} 时抛出 {value}",
        "locks_line": "新增加锁：{names}",
        "compat_major_pl": "{name} 升级到新的主版本（{old} → {new}）。",
        "r_major_pl": "{name} 主版本升级 {old} → {new}",
        "r_major_pl_impact": "{name} {new} 的不兼容变更会在调用处暴露。",
        "r_major_pl_mitigation": "阅读 {name} {new} 的发布说明并运行完整测试。",
        "rec_major_pl": "查看 {name} {new} 的迁移指南。",
        "modules_gone": "{path} 中的模块 {names} 不再公开",
        "modules_gone_pl": "{path} 中的模块 {names} 不再公开",
        "compat_modules_gone": "依赖方经由 {names} 的 `use` 路径将无法解析，即使其中的条目已在别处重新导出。",
        "r_modules_gone": "公开模块不再可用：{names}",
        "r_modules_gone_impact": "通过 {names} 导入的代码（`use crate::module::Item`）升级后无法编译。",
        "r_modules_gone_mitigation": "将 {names} 保持公开并标记 `#[deprecated]` 一个版本，或在变更日志中给出新路径。",
    },
}
