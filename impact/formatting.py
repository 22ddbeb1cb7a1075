"""How values are written for a reader: numbers, amounts with their unit, dates, periods,
departments. The screen, the PDF, the XLSX, the charts and the command line all call
these, so a German reader sees ``1.234,5`` and ``31.12.2027`` wherever the app speaks.

Reading what people type is the other direction and lives in :mod:`impact.numbers`.
"""

from __future__ import annotations

import copy
import re
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from impact.i18n import t
from impact.locale import locale_for

EMPTY = "—"  # a value that is not there, in every table and card

_UNIT_WORDS = {"points": {"de": "Punkte", "en": "points"}, "stars": {"de": "Sterne", "en": "stars"}}
_COUNTS = ("count", "people")  # "12 / month", not "12 count / month"


def _decimals_for(value: float) -> int:
    """Two decimals for everyday figures, none from a million on (a reach of 1.234.567
    needs no cents), and enough for a small rate not to print as 0."""
    size = abs(value)
    if size >= 1_000_000:
        return 0
    if 0 < size < 0.01:
        return 4
    return 2


def format_number(value: float | None, lang: str, *, decimals: int | None = None) -> str:
    """Thousands grouped, trailing zeros dropped, in the reader's convention; "" for None.

    ``decimals=None`` picks the precision from the size (see ``_decimals_for``); a value
    the user typed (a target, a baseline) is shown with ``decimals=6`` so it reads back
    exactly as entered."""
    if value is None:
        return ""
    places = _decimals_for(value) if decimals is None else decimals
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    locale = locale_for(lang)
    if (locale.decimal, locale.group) != (".", ","):
        text = text.replace(",", "\x00").replace(".", locale.decimal).replace("\x00", locale.group)
    return text


_AUTHORED_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.,]*\d)")


def localise_numbers(text: str, lang: str) -> str:
    """Numbers in text the deck's authors wrote in English notation ("8.18 %",
    "$5.42", "2,000") in the reader's: 8,18 %, 2.000. Plain whole numbers (a year)
    stay as they are."""
    if locale_for(lang).writes_point_decimals:
        return text

    def german(match: re.Match[str]) -> str:
        written = match.group()
        places = len(written.partition(".")[2])
        return format_number(float(written.replace(",", "")), lang, decimals=places)

    return _AUTHORED_NUMBER.sub(german, text)


def unit_label(unit: str | None, lang: str) -> str:
    """The unit as a reader says it: counts need none, words are translated."""
    if not unit or unit in _COUNTS:
        return ""
    return _UNIT_WORDS.get(unit, {}).get(lang, unit)


def format_amount(value: float | None, lang: str, unit: str | None = "", *, decimals: int | None = None) -> str:
    """A number with its unit ("1.234,5 €", "12,5 %", "12.5%"), or the empty mark."""
    if value is None:
        return EMPTY
    number = format_number(value, lang, decimals=decimals)
    label = unit_label(unit, lang)
    if not label:
        return number
    if label == "%" and not locale_for(lang).percent_gap:
        return f"{number}%"
    return f"{number}\u00a0{label}"  # never broken across lines on a card


def target_unit(unit: str, currency: str | None) -> str:
    """The unit a KPI's target (and baseline, and total) is in: a money card's in the
    strategy's currency, where it names one (the check compares in it), never the sign
    the card happens to be written with; any other card's own unit."""
    from impact.importers.vocabulary import currency_code

    return currency if currency and currency_code(unit) is not None else unit


def quoted(text: str, lang: str) -> str:
    """A name quoted as the reader's language quotes: „Erster Abend“ or “First evening”."""
    opening, closing = locale_for(lang).quotes
    return f"{opening}{text}{closing}"


def format_date(value: date | None, lang: str) -> str:
    """31.12.2027 for German readers, 2027-12-31 in English (unambiguous there)."""
    if value is None:
        return ""
    return value.strftime(locale_for(lang).date)


def _in_zone(value: datetime, zone: str | None) -> tuple[datetime, str]:
    """A stored (UTC) time on the reader's clock, and " UTC" when their zone is unknown."""
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    if zone:
        try:
            return moment.astimezone(ZoneInfo(zone)), ""
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment.astimezone(UTC), " UTC"


def _day_and_time(moment: datetime, lang: str) -> tuple[str, str]:
    locale = locale_for(lang)
    return moment.strftime(locale.day_of_moment), moment.strftime(locale.time)


def format_moment(value: datetime, lang: str, zone: str | None = None, *, seconds: bool = False) -> str:
    """When something was saved, in the reader's time zone when it is known (the
    browser's): 23.11.2026, 15:05 or 2026-11-23 15:05 (with ``seconds`` 15:05:42, where
    two of one minute must be told apart). Stored times are UTC; without a zone the
    time says so (23.11.2026, 14:05 UTC). A naive time is taken as UTC."""
    moment, suffix = _in_zone(value, zone)
    pattern = locale_for(lang).moment + (":%S" if seconds else "")
    return moment.strftime(pattern) + suffix


def format_moment_span(start: datetime, end: datetime, lang: str, zone: str | None = None) -> str:
    """A sitting's time: 23.11.2026, 18:02–21:40 within one day, two full moments otherwise."""
    first, last = format_moment(start, lang, zone), format_moment(end, lang, zone)
    if first == last:
        return first
    (start_local, suffix), (end_local, _) = _in_zone(start, zone), _in_zone(end, zone)
    if start_local.date() == end_local.date():
        day, time = _day_and_time(start_local, lang)
        return f"{day}{time}–{_day_and_time(end_local, lang)[1]}{suffix}"
    return f"{first} – {last}"


_WEEK = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})$")
_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
_QUARTER = re.compile(r"^(?P<year>\d{4})-Q(?P<quarter>[1-4])$")


def format_period(label: str | None, lang: str) -> str:
    """A check's period in the reader's words: KW 47/2026, Okt. 2026, Q4 2026 (Week 47,
    2026 · Oct 2026 · Q4 2026); a report's own range (``2025-02-01/2025-08-04``) as two
    dates. The canonical label stays in files and JSON; this is for people."""
    if not label:
        return EMPTY
    if "/" in label:
        start, _, end = label.partition("/")
        try:
            return f"{format_date(date.fromisoformat(start), lang)} – {format_date(date.fromisoformat(end), lang)}"
        except ValueError:
            return label
    if week := _WEEK.match(label):
        number, year = int(week["week"]), week["year"]
        return locale_for(lang).week.format(week=number, year=year)
    if month := _MONTH.match(label):
        index = int(month["month"]) - 1
        if 0 <= index < 12:
            return f"{locale_for(lang).months[index]} {month['year']}"
    if quarter := _QUARTER.match(label):
        return f"Q{quarter['quarter']} {quarter['year']}"
    return label


def department_label(department: str | None, lang: str) -> str:
    """A known department in the reader's language; a team's own name as they wrote it."""
    if not department:
        return EMPTY
    label = t(f"department.{department}", lang)
    return department if label.startswith("department.") else label


def chart_locale(lang: str) -> dict[str, Any]:
    """Vega's number and time locale, so chart axes and tooltips read like the tables
    (Vega-Lite ``config.locale``; honoured in the browser and by vl-convert)."""
    return copy.deepcopy(locale_for(lang).chart)  # a chart may add to it; the locale stays as it is


def either(lang: str, items: list[str]) -> str:
    """ "A, B or C" as the language writes it (German: "A, B oder C")."""
    word = t("common.or", lang)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"
