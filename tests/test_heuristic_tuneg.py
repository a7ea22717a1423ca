"""Rules of the round that looked for causes recurring across repositories (issue 8, tuneG), each on a small
snippet: an error or help message whose words change, each line's code the same, is low."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.respelled.texts_reworded import texts_reworded_only
from analysis.models import FileChange
from tests.facts_support import analysed, patch_of

_MODE = '''def supports_feature(target_versions, feature):
    if not target_versions:
        raise ValueError("target_versions must not be empty")
    return all(feature in FEATURES[v] for v in target_versions)
'''
_REWORDED = _MODE.replace('"target_versions must not be empty"', '"At least one target Python version must be given."')


def test_an_error_message_reworded_alone_is_low() -> None:
    files = {"src/black/mode.py": (_MODE, _REWORDED)}
    analysis = analysed(files, "Clarify error message when no target Python version is specified")
    assert analysis.importance == "low"
    assert analysis.change_type in ("refactor", "fix", "docs", "chore")


def test_a_reworded_message_beside_changed_code_is_not_low() -> None:
    changed = _REWORDED.replace("if not target_versions:", "if not target_versions or feature is None:")
    files = {"src/black/mode.py": (_MODE, changed)}
    assert analysed(files, "Clarify error message when no target Python version is specified").importance != "low"


def _go(patch: str) -> list[FileChange]:
    return [FileChange(path="resources/client.go", status="modified", patch=patch)]


_GO = """@@ -52,7 +52,7 @@ func New(fs *SourceFilesystem) (*Client, error)
 \tif !hugo.IsDartSassGeV2() {
-\t\treturn nil, fmt.Errorf("unsupported Dart Sass version, please upgrade to Dart Sass 2.0 or later")
+\t\treturn nil, fmt.Errorf("unsupported Dart Sass version, please upgrade to Dart Sass 1.63.0 or later")
 \t}
"""


def test_texts_reworded_only_reads_the_words_of_string_literals() -> None:
    assert texts_reworded_only(_go(_GO))
    # another call, another argument, a line added, or a key's value in a template: not only words
    assert not texts_reworded_only(_go(_GO.replace('+\t\treturn nil, fmt.Errorf(', '+\t\treturn nil, errors.New(')))
    assert not texts_reworded_only(_go(_GO.replace('or later")\n \t}', 'or later", v)\n \t}')))
    assert not texts_reworded_only(_go(_GO.replace(" \t}\n", "+\t\tlog.Print(v)\n \t}\n")))
    assert not texts_reworded_only(_go('@@ -6,3 +6,3 @@\n-    chart: "{{ .Chart.Name }}-{{ .Chart.Version }}"\n'
                                       '+    chart: "{{ .Chart.Name }}"\n'))
    # a version or a path is no prose a person reads
    assert not texts_reworded_only(_go('@@ -1,1 +1,1 @@\n-const Path = "/etc/app.conf"\n+const Path = "/etc/app.toml"\n'))
    assert not texts_reworded_only([])
    # a message that now shows another value says more than before
    shows = '@@ -1,1 +1,1 @@\n-        return f"Request to {self.url}"\n+        return f"{self.method} request to {self.url}"\n'
    assert not texts_reworded_only([FileChange(path="pkg/models.py", status="modified", patch=shows)])
    same = shows.replace("{self.method} request to", "A request to")
    assert texts_reworded_only([FileChange(path="pkg/models.py", status="modified", patch=same)])


_UTILS = '''import os
import platform


def _environ_cols_wrapper():
    current_os = platform.system()
    if current_os in ['Linux', 'Darwin'] or current_os.startswith('CYGWIN'):
        return _environ_cols_tput
    return None
'''


def test_an_operating_system_let_into_a_condition_is_medium() -> None:
    from analysis.analyzers.heuristic.code.behaviour.platforms import platforms_added
    widened = _UTILS.replace("['Linux', 'Darwin']", "['Linux', 'Darwin', 'SunOS', 'FreeBSD']")
    files = {"tqdm/_utils.py": (_UTILS, widened)}
    assert analysed(files, "Solaris, FreeBSD ncols compatibility").importance == "medium"
    patch = ("@@ -1,3 +1,3 @@\n-#[cfg(not(any(unix, windows)))]\n+#[cfg(not(any(unix, windows, target_os = \"motor\")))]\n"
             " fn make() {}\n")
    assert platforms_added([FileChange(path="src/tempfile.rs", status="modified", patch=patch)]) == ["motor"]
    c = ("@@ -96,3 +96,4 @@\n-#if defined(__linux__) || (__FreeBSD__ >= 10)\n"
         "+#if defined(__linux__) || defined(__FreeBSD__) || \\\n+    defined(__DragonFly__)\n #define HAVE_ACCEPT4 1\n")
    assert platforms_added([FileChange(path="src/config.h", status="modified", patch=c)]) == ["dragonfly"]


def test_the_same_platforms_or_a_comment_naming_one_add_none() -> None:
    from analysis.analyzers.heuristic.code.behaviour.platforms import platforms_added
    reordered = _UTILS.replace("['Linux', 'Darwin']", "['Darwin', 'Linux']")
    commented = _UTILS.replace("    current_os = platform.system()\n",
                               "    # FreeBSD and SunOS left out: their tput differs\n    current_os = platform.system()\n")
    for after in (reordered, commented):
        patch = patch_of(_UTILS, after)
        assert platforms_added([FileChange(path="tqdm/_utils.py", status="modified", patch=patch)]) == []
    assert analysed({"tqdm/_utils.py": (_UTILS, reordered)}, "Reorder the systems").importance == "low"
