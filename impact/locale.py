"""One object per language for how it writes numbers, dates, times, periods and quotes.

Formatting, reading typed numbers, charts, hyphenation and the data template ask the
locale instead of asking "is this German?": a third language is a section in
``locales/conventions.yaml`` and a catalogue beside it, not a branch in the code.
The words themselves (labels, messages) are the catalogue's (:mod:`impact.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from impact.yaml_safe import load_trusted_yaml

CONVENTIONS = Path(__file__).resolve().parent / "locales" / "conventions.yaml"
DEFAULT = "de"


@dataclass(frozen=True)
class Locale:
    code: str
    decimal: str  # the decimal sign: "," in 12,5
    group: str  # the thousands separator: "." in 1.000
    date: str  # strftime for a day: 31.12.2027
    date_input: str  # the same for Streamlit's date field: DD.MM.YYYY
    moment: str  # strftime for a saved time: 23.11.2026, 15:05
    day_of_moment: str  # the day part of a time span within one day
    time: str  # strftime for the time part
    quotes: tuple[str, str]
    week: str  # "KW {week}/{year}"
    months: tuple[str, ...]  # short month names, January first
    percent_gap: bool  # a space between a number and "%"
    csv_delimiter: str
    hyphenation: str  # Pyphen's dictionary name
    chart: dict[str, Any]  # Vega-Lite's config.locale

    @property
    def writes_point_decimals(self) -> bool:
        """The convention the deck's authors write in (12.5, 1,000)."""
        return self.decimal == "."


@lru_cache(maxsize=1)
def _conventions() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = load_trusted_yaml(CONVENTIONS.read_text(encoding="utf-8"))
    return data


def languages() -> tuple[str, ...]:
    """Every language the app writes in."""
    return tuple(_conventions())


@lru_cache(maxsize=8)
def locale_for(lang: str | None) -> Locale:
    """The reader's locale; 'de-AT' is German, a language the app does not write the default."""
    code = (lang or "").split("-")[0].split("_")[0].lower()
    conventions = _conventions()
    if code not in conventions:
        code = DEFAULT
    raw = conventions[code]
    return Locale(
        code=code,
        decimal=str(raw["decimal"]),
        group=str(raw["group"]),
        date=str(raw["date"]),
        date_input=str(raw["date_input"]),
        moment=str(raw["moment"]),
        day_of_moment=str(raw["day_of_moment"]),
        time=str(raw["time"]),
        quotes=(str(raw["quotes"][0]), str(raw["quotes"][1])),
        week=str(raw["week"]),
        months=tuple(str(m) for m in raw["months"]),
        percent_gap=bool(raw["percent_gap"]),
        csv_delimiter=str(raw["csv_delimiter"]),
        hyphenation=str(raw["hyphenation"]),
        chart=dict(raw["chart"]),
    )
