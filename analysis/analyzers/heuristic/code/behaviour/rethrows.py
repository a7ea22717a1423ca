"""Errors caught and thrown again (wrapped, or with a clearer message): not a new way for a call to fail."""

from __future__ import annotations

import re

#: a statement that raises (JS/TS/Java/C++/C#/PHP ``throw``, Python ``raise``)
_THROW = re.compile(r"^\s*(throw|raise)\b")
#: a handler opening: ``catch (e)``, ``} catch {``, ``except X as e:``, ``rescue``, ``.catch(``
_HANDLER = re.compile(r"^\s*(\}\s*)?(catch\b|except\b|rescue\b)|\.catch\(")


def rethrows_only(patch: str | None) -> bool:
    """Every ``throw``/``raise`` the hunks add sits in an error handler the same hunks add: an error the call
    already raised is caught and raised again, wrapped or explained; callers saw it fail there before."""
    if not patch:
        return False
    throws = 0
    in_handler = False
    for line in patch.splitlines():
        if line.startswith(("@@", "+++", "---")):
            in_handler = False
            continue
        text = line[1:]
        if line[:1] == "+" and _HANDLER.search(text):
            in_handler = True
        elif line[:1] != "+":
            in_handler = False  # a kept or removed line ends the block of added lines
        if line[:1] == "+" and _THROW.match(text):
            if not in_handler:
                return False
            throws += 1
    return throws > 0
