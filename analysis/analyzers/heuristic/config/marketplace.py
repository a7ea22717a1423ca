"""An Azure Marketplace offer's packaging: its ARM template and the portal form that fills it in.

A marketplace app ships ``mainTemplate.json`` (the ARM template the portal deploys, ``azuredeploy.json`` as other
offers name it) and ``createUiDefinition.json`` (the portal's form). A key there removed or a value changed (a
form field's regex, a resource's ``configurationSettings``, a parameter made a ``secureString``) reshapes what the
next purchase deploys; nobody's existing settings file stops working, so none of it is a configuration break.
"""

from __future__ import annotations

import re

#: the ARM template and the portal form of an Azure offer, by the names the Marketplace asks for
_ARM_FILES = re.compile(r"(^|/)(maintemplate|azuredeploy|createuidefinition)\.json$", re.I)


def marketplace_packaging(path: str) -> bool:
    """``path`` is an Azure offer's ARM template or its portal form."""
    return bool(_ARM_FILES.search(path))
