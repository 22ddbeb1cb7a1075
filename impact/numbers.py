"""Numbers as people type and read them: "12,5" and "1.234,5" in German, "12.5" and
"1,234.5" in English. A German user who types 12,5 must never get 125."""

from __future__ import annotations

import math
import re
from datetime import date

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


def format_number(value: float | None, lang: str, *, decimals: int = 2) -> str:
    """Thousands grouped, trailing zeros dropped, in the reader's convention."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "de":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def format_date(value: date | None, lang: str) -> str:
    """31.12.2027 for German readers, 2027-12-31 otherwise (unambiguous in English)."""
    if value is None:
        return ""
    return f"{value:%d.%m.%Y}" if lang == "de" else value.isoformat()


def format_period(label: str | None, lang: str) -> str:
    """A check's period in the reader's words; a report's own range
    (``2025-02-01/2025-08-04``) as two dates."""
    if not label:
        return "—"
    if "/" in label:
        start, _, end = label.partition("/")
        try:
            return f"{format_date(date.fromisoformat(start), lang)} – {format_date(date.fromisoformat(end), lang)}"
        except ValueError:
            return label
    return label
