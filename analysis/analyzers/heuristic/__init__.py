"""The offline heuristic analyzer: evidence from the diff's facts and the message, judged, then written.

Its own modules: ``analyzer`` (the ``Analyzer``), ``evidence`` (what is known of a commit), ``judge``
(change type and importance), ``findings`` and ``writer`` (what it says), ``phrases`` (en/zh templates).
Readings of the patch: ``code/`` (source code edits) and ``config/`` (configuration, build, CI,
deployment and dependency files).
"""

from analysis.analyzers.heuristic.analyzer import HEURISTIC_VERSION, HeuristicAnalyzer

__all__ = ["HEURISTIC_VERSION", "HeuristicAnalyzer"]
