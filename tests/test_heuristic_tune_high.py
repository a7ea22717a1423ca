"""Rules of the tuning round across tuned days on changes labelled high that read medium (issue 8, tunehigh), each on
a small synthetic commit: a chart's selector labels changed."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.config.charts.selectors import selector_labels_changed
from analysis.facts import derive_facts
from analysis.models import Analysis, Commit, FileChange

analyzer = HeuristicAnalyzer()


def judged(message: str, files: list[FileChange]) -> Analysis:
    """The analysis of a commit, facts derived from its hunks as the digest derives them."""
    commit = Commit(sha="f" * 40, author="Dev", committed_at=datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc),
                    message=message, files=files, details_loaded=True)
    return analyzer.analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit)))


def patched(path: str, patch: str) -> FileChange:
    lines = patch.splitlines()
    return FileChange(path=path, additions=sum(ln.startswith("+") and not ln.startswith("+++") for ln in lines),
                      deletions=sum(ln.startswith("-") and not ln.startswith("---") for ln in lines), patch=patch)


_SELECTOR_RELABELLED = """@@ -12,9 +12,9 @@ metadata:
   labels:
     app: {{ template "mychart.name" . }}
-    tier: "{{ .Chart.Name }}-{{ .Chart.Version }}"
+    tier: "{{ .Chart.Name }}"
 spec:
   replicas: {{ .Values.replicas }}
   selector:
     matchLabels:
       app: {{ template "mychart.name" . }}
-      tier: "{{ .Chart.Name }}-{{ .Chart.Version }}"
+      tier: "{{ .Chart.Name }}"
   template:
"""

_METADATA_RELABELLED = """@@ -12,7 +12,7 @@ metadata:
   labels:
     app: {{ template "mychart.name" . }}
-    tier: "{{ .Chart.Name }}-{{ .Chart.Version }}"
+    tier: "{{ .Chart.Name }}"
 spec:
   replicas: {{ .Values.replicas }}
   selector:
"""

_SELECTOR_REINDENTED = """@@ -20,5 +20,5 @@ spec:
   selector:
     matchLabels:
-      app:   {{ template "mychart.name" . }}
+      app: {{ template "mychart.name" . }}
   template:
"""


def test_a_workload_selector_relabelled_in_a_template_reads_high():
    files = [patched("mychart/templates/_statefulset.tpl", _SELECTOR_RELABELLED)]
    assert selector_labels_changed(files)
    analysis = judged("Drop the version from the tier label", files)
    assert analysis.importance == "high"


def test_labels_outside_a_selector_are_not_read_as_a_selector():
    files = [patched("mychart/templates/_statefulset.tpl", _METADATA_RELABELLED)]
    assert selector_labels_changed(files) == []
    assert judged("Drop the version from the tier label", files).importance != "high"


def test_a_selector_laid_out_anew_matches_the_same_pods():
    assert selector_labels_changed([patched("mychart/templates/_statefulset.tpl", _SELECTOR_REINDENTED)]) == []


_AFFINITY_RELABELLED = """@@ -40,7 +40,7 @@ spec:
       affinity:
         podAntiAffinity:
           requiredDuringSchedulingIgnoredDuringExecution:
             - labelSelector:
                 matchLabels:
-                  app: {{ template "mychart.name" . }}
+                  app.kubernetes.io/name: {{ template "mychart.name" . }}
               topologyKey: kubernetes.io/hostname
"""


def test_an_affinity_label_selector_is_placement_not_the_workload_selector():
    assert selector_labels_changed([patched("mychart/templates/_statefulset.tpl", _AFFINITY_RELABELLED)]) == []


_SCHEMA_DESCRIBED = """@@ -80,6 +80,6 @@ spec:
                 selector:
-                  description: Selects the pods.
+                  description: Selects the pods the scaler watches.
                   type: object
"""


def test_a_schema_describing_a_selector_property_is_no_selector():
    assert selector_labels_changed([patched("mychart/templates/scaler.yaml", _SCHEMA_DESCRIBED)]) == []
