"""Rules of the round that looked for causes recurring across repositories (issue 8, tuneG), each on a small
snippet: an error or help message whose words change, each line's code the same, is low."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.texts_reworded import texts_reworded_only
from analysis.models import FileChange
from tests.facts_support import analysed

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
