"""The offline heuristic analyzer: evidence from the diff's facts and the message, judged, then written.

Its own modules: ``analyzer`` (the ``Analyzer``), ``evidence`` (what is known of a commit), ``judge`` (change
type and importance), ``message``, ``paths``, ``release``, ``declared`` (the commit's and project's own words),
``rules`` (the tables). Readings of the patch: ``code/`` (kinds of source edits), ``api/`` (the public API
touched) and ``config/`` (configuration, build, CI, deployment and dependency files). What it says: ``text/``
(findings, the writer, en/zh phrases).
"""

from analysis.analyzers.heuristic.analyzer import HEURISTIC_VERSION, HeuristicAnalyzer

__all__ = ["HEURISTIC_VERSION", "HeuristicAnalyzer"]
