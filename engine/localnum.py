"""Numbers typed the local way: decimal commas, as a Ukrainian class writes them.

The engine reads ``"0.5, 0.3, 0.2"``: a point before the decimals, commas, semicolons or
spaces between the values.  Where a decimal comma is the custom (``decimal_comma=True``)
people type ``"0,5; 0,3; 0,2"`` or ``"0,5 0,3 0,2"``; :func:`to_engine_text` turns that
into the engine's form before it is validated, so every check and message stays the same.

The rule: with decimal commas, a comma between two digits is a decimal mark, and values are
separated by semicolons or spaces.  Text that already has a decimal point is read the
engine's way unchanged, so "0.5, 0.5" still works; a comma after a space or at the end of a
value ("0,5, 0,5") still separates.
"""

from __future__ import annotations

import re

_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


def to_engine_text(text: str, decimal_comma: bool = False) -> str:
    """``text`` with its decimal commas made decimal points (only when ``decimal_comma``)."""
    if not decimal_comma or not isinstance(text, str) or "." in text:
        return text
    return _DECIMAL_COMMA.sub(".", text)
