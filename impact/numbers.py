"""Numbers as people type them: "12,5" and "1.234,5" in German, "12.5" and "1,234.5" in
English. A German user who types 12,5 must never get 125. (Writing numbers for a reader
is :mod:`impact.formatting`.)

The reader's language decides between the two conventions: ``1.000`` is a thousand in
German and ``1,000`` a thousand in English, as each reader writes it. A text that the
reader's own convention reads as a decimal with exactly three places (``1,500`` in
German, ``1.500`` in English) is what the *other* convention writes for a thousand and
more; it is refused with both readings, never guessed. A text only the other convention
can read (``1.5`` in German) has one reading and is taken.
"""

from __future__ import annotations

import math
import re

from impact.locale import locale_for

_DE = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_EN = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_THREE_PLACES = re.compile(r"^[+-]?(?P<whole>\d{1,3})(?P<mark>[.,])\d{3}$")


class NumberError(ValueError):
    """Not a number (``readings`` empty), or one that reads two ways (both values)."""

    def __init__(self, text: str, readings: tuple[float, float] | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.readings = readings


def _german(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _english(text: str) -> float:
    return float(text.replace(",", ""))


def clean_number_text(text: str) -> str:
    """Spaces, a percent or euro sign and the typographic minus taken out."""
    return (
        text.strip()
        .replace("\u00a0", "")
        .replace("\u202f", "")
        .replace(" ", "")
        .replace("%", "")
        .replace("€", "")
        .replace("\u2212", "-")
    )


def read_number(text: str, lang: str) -> float:
    """The value of a number as the reader of ``lang`` writes it; NumberError otherwise."""
    cleaned = clean_number_text(text)
    decimal = locale_for(lang).decimal
    own, other = (_english, _german) if decimal == "." else (_german, _english)
    own_pattern, other_pattern = (_EN, _DE) if decimal == "." else (_DE, _EN)
    own_match, other_match = own_pattern.match(cleaned), other_pattern.match(cleaned)
    if own_match and other_match:
        mine, theirs = own(cleaned), other(cleaned)
        three = _THREE_PLACES.match(cleaned)
        if (
            mine != theirs
            and three is not None
            and three.group("mark") == decimal
            and three.group("whole") != "0"  # 0,500 is a decimal in any convention
        ):
            raise NumberError(text, (mine, theirs))
        value = mine
    elif own_match:
        value = own(cleaned)
    elif other_match:
        value = other(cleaned)
    else:
        raise NumberError(text)
    if not math.isfinite(value):
        raise NumberError(text)
    return value


def one_way_spellings(readings: tuple[float, float], lang: str) -> tuple[str, str]:
    """How to write each of two readings so that it reads one way only: the decimal one
    with a fourth place (1,1250), the large one grouped as the reader groups (1.125)."""
    from impact.formatting import format_number

    small, large = sorted(readings)
    # the reading has three places: any number of places from 3 on writes the same
    decimal = format_number(small, lang, decimals=3)  # pragma: no mutate
    if _THREE_PLACES.match(decimal):
        decimal += "0"
    return decimal, format_number(large, lang)  # a whole number: written without decimals


def parse_user_number(text: str | None, lang: str) -> float | None:
    """None for an empty field; NumberError for anything that is not clearly a number."""
    if text is None or not clean_number_text(text):
        return None
    return read_number(text, lang)
