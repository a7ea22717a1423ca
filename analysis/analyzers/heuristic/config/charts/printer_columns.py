"""A Kubernetes CRD's printer columns changed, nothing else: what ``kubectl get`` shows, not what the API accepts."""

from __future__ import annotations

import re

from analysis.facts.patches import parse_patch

#: a line of one ``additionalPrinterColumns`` item: its keys are these and no others
_COLUMN_LINE = re.compile(r"^\s*(-\s+)?(jsonPath|JSONPath|name|type|description|priority|format)\s*:")
_JSON_PATH = re.compile(r"^\s*(-\s+)?(jsonPath|JSONPath)\s*:")


def printer_columns_only(path: str, patch: str | None) -> bool:
    """Every line the patch adds or removes is a key of a printer column (``jsonPath``, ``name``, ``type`` ...) and a
    ``jsonPath`` is among them: the CRD's schema, what manifests may hold, is as it was."""
    if not path.endswith((".yaml", ".yml")):
        return False
    changed = [ln.text for hunk in parse_patch(path, patch).hunks for ln in hunk.lines if ln.kind in "+-"
               and ln.text.strip()]
    return (bool(changed) and all(_COLUMN_LINE.match(text) for text in changed)
            and any(_JSON_PATH.match(text) for text in changed))
