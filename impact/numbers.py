"""Numbers as people type them: "12,5" and "1.234,5" in German, "12.5" and "1,234.5" in
English. A German user who types 12,5 must never get 125. (Writing numbers for a reader
is :mod:`impact.formatting`.)"""

from __future__ import annotations

import math
import re

_DE = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_EN = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_user_number(text: str | None, lang: str) -> float | None:
    """None for an empty field; ValueError for anything that is not clearly a number."""
    if text is None:
        return None
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("%", "").replace("€", "")
    if not cleaned:
        return None
    german, english = _DE.match(cleaned), _EN.match(cleaned)
    if lang == "de" and german:
        value = float(cleaned.replace(".", "").replace(",", "."))
    elif lang != "de" and english:
        value = float(cleaned.replace(",", ""))
    elif german and not english:
        value = float(cleaned.replace(".", "").replace(",", "."))
    elif english and not german:
        value = float(cleaned.replace(",", ""))
    else:
        raise ValueError(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value
