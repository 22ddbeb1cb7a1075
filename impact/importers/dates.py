"""Cells → calendar days, in the spellings exports use.

Understood: ISO (``2026-10-03``, with time and offset), ``20261003``, ``03.10.2026``,
``10/03/2026`` and ``3/10/26``, ``3-10-2026``, month names in seven languages with or
without a year (``8 de marzo``, ``3. März``, ``Sep 27, 2024``, ``Sat, Nov 30, 2024``,
``February 28``), month values (``Okt. 2026``, ``2026-10``) and ranges in one cell
(``2024-02-01 - 2024-02-29``, ``27 January 2026 - 23 February 2026``).

The day is taken as written: a time of day and a UTC offset are dropped, never
converted (an export's day is the day its platform showed).

A column is read with one rule for all its values: ``03/04`` is never March in one
row and April in the next. When every value fits both day-first and month-first and
nothing in the file tells them apart, the column is refused with both readings.
Dates without a year are placed in the most recent year that puts them on or before
a reference day (the export's own date, else today), walking a sorted series
backwards across New Year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from impact.importers.vocabulary import fold, is_missing, vocabulary

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_ISO_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:$|\s)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\d{2})?$")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})\.?(?:$|[T\s,])")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_TIME = re.compile(
    r"(?:\b|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?\s?m\.?\b)?(?:\s*(?:z|utc|gmt)?\s*[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_ZONE = re.compile(r"\b(?:utc|gmt|pst|pdt|cet|cest|est|edt)\b|\([a-z ]+time\)|[+-]\d{2}:?\d{2}$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+\.?|[0-9]+", re.UNICODE)
_FILLERS = frozenset(
    {"de", "del", "of", "the", "le", "el", "di", "da", "do", "van", "den", "der", "am", "um", "y", "at"}
)
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|e|º|ª)$")


@dataclass(frozen=True)
class Reading:
    """One cell: a day (end None), a range (both), or a bare month-day awaiting a year.
    ``numeric`` keeps day/month-order-ambiguous numbers (a, b) until the column decides."""

    start: tuple[int | None, int, int] | None = None
    end: tuple[int | None, int, int] | None = None
    numeric: tuple[int, int, int, str] | None = None  # (first, second, year, separator)


def _year(value: int) -> int:
    return value + 2000 if value < 100 else value


def _textual(text: str) -> tuple[tuple[int | None, int, int] | None, bool]:
    """(y, m, d) from words like 'Sep 27, 2024', '8 de marzo', '3. März'; the flag says
    the value names a month without a day ('Okt. 2026')."""
    words = vocabulary()
    tokens = [t.rstrip(".").lower() for t in _WORD.findall(text)]
    month = None
    numbers: list[int] = []
    for token in tokens:
        if not token:
            continue
        if token.isascii() and token.isdigit():
            numbers.append(int(token))
            continue
        ordinal = _ORDINAL.match(token)
        if ordinal:
            numbers.append(int(ordinal.group(1)))
            continue
        if token in words.months and month is None:
            month = words.months[token]
            continue
        if token in words.weekdays or token in _FILLERS:
            continue
        return None, False  # an unknown word: not a date
    if month is None or len(numbers) > 2:
        return None, False
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(numbers) == 2 and not years:  # 'Jan 5, 23'
        return (_year(numbers[1]), month, numbers[0]), False
    if len(numbers) == 2:
        return (years[0], month, days[0]) if days else (None, 0, 0), False
    if len(numbers) == 1 and years:
        return (years[0], month, 1), True
    if len(numbers) == 1 and days:
        return (None, month, days[0]), False
    return None, False


def _only_time_after(value: str, end: int) -> bool:
    """After a date, nothing but a time of day and a zone may follow."""
    rest = _ZONE.sub(" ", _TIME.sub(" ", value[end:]))
    return not rest.strip(" ,T.")


_WEEK_OF = re.compile(
    r"^(?:week of|week beginning|semaine du|woche vom|woche ab|semana del|semana de|settimana del|week van)\s+",
    re.IGNORECASE,
)


def _week_of(value: str) -> Reading | None:
    """'Semaine du 30 déc. 2024', 'Week of Jan 6, 2025' (Google Ads' weekly rows): seven days."""
    found = _WEEK_OF.match(value)
    if found is None:
        return None
    first = _single(value[found.end() :])
    if first is None or first.end is not None or first.start is None or first.start[0] is None:
        return None
    start = _stamp(first.start)
    if start is None:
        return None
    end = start + pd.Timedelta(days=6)
    return Reading(start=first.start, end=(end.year, end.month, end.day))


def _single(text: str) -> Reading | None:
    value = text.strip().strip('"').strip()
    if not value:
        return None
    if _WEEK_OF.match(value):
        return _week_of(value)
    for pattern in (_ISO, _ISO_SLASH):
        if (match := pattern.match(value)) and _only_time_after(value, match.end(3)):
            return Reading(start=(int(match[1]), int(match[2]), int(match[3])))
    if match := _COMPACT.match(value):
        return Reading(start=(int(match[1]), int(match[2]), int(match[3])))
    if match := _ISO_MONTH.match(value):
        return _month_range(int(match[1]), int(match[2]))
    if (match := _NUMERIC.match(value)) and _only_time_after(value, match.end(4)):
        return Reading(numeric=(int(match[1]), int(match[3]), _year(int(match[4])), match[2]))
    bare = _ZONE.sub(" ", _TIME.sub(" ", value))
    if not any(ch.isalpha() for ch in bare):
        return None
    parsed, month_only = _textual(bare)
    if parsed is None or parsed[1] == 0:
        return None
    if month_only and parsed[0] is not None:
        return _month_range(parsed[0], parsed[1])
    return Reading(start=parsed)


def _month_range(year: int, month: int) -> Reading | None:
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    last = (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).day
    return Reading(start=(year, month, 1), end=(year, month, last))


@lru_cache(maxsize=1)
def _joiners() -> re.Pattern[str]:
    """What joins the two ends of a range: the vocabulary's words between spaces (``bis``,
    ``até``, ``to``), a dash, or a hyphen between a number and a word."""
    words = "|".join(re.escape(w) for w in sorted(vocabulary().range_joiners, key=len, reverse=True))
    return re.compile(rf"\s+(?:{words})\s+|\s*[–—]\s*|(?<=\d)-(?=[^\W\d_])|(?<=[^\W\d_])-(?=\d)|(?<=\d{{4}})-(?=\d)")


def read_cell(text: str) -> Reading | None:
    """A single cell: a day, a month, or a range of two such."""
    single = _single(text)
    if single is not None:
        return single
    for match in _joiners().finditer(text):
        left, right = _single(text[: match.start()]), _single(text[match.end() :])
        if left is None or right is None or left.end is not None or right.end is not None:
            continue
        if left.numeric or right.numeric:
            continue  # a range of two numeric dates is resolved like any other column (rare)
        start, end = left.start, right.start
        if start is not None and end is not None:
            if start[0] is None and end[0] is not None:  # 'Mar 1 - Mar 31, 2026'; 'Dec 15 - Jan 14 2027'
                year = end[0] if (start[1], start[2]) <= (end[1], end[2]) else end[0] - 1
                start = (year, start[1], start[2])
            if start[0] is not None and end[0] is not None and start > end:
                continue  # a range that ends before it starts is no range
            return Reading(start=start, end=end)
    return None


@dataclass
class DateColumn:
    start: pd.Series  # datetime64[ns], NaT where missing or unreadable
    end: pd.Series  # datetime64[ns], NaT unless the cell is a range
    unreadable: pd.Series  # bool: a value that is not a placeholder and not a date
    ambiguous: str | None = None  # 'a|b|c': the value and its two readings, when the column cannot be decided
    without_year: bool = False

    @property
    def share(self) -> float:
        present = self.start.notna() | self.unreadable
        return float(self.start.notna().sum() / present.sum()) if present.any() else 0.0


FIRST_YEAR, LAST_YEAR = 1900, 2200  # a year outside is a number, not a date of any export


def _stamp(parts: tuple[int | None, int, int] | None) -> pd.Timestamp | None:
    if parts is None or parts[0] is None or not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        return None
    try:
        return pd.Timestamp(year=parts[0], month=parts[1], day=parts[2])
    except (ValueError, OverflowError):
        return None


def _numeric_order(
    readings: list[Reading | None], hint: str | None, present: list[str], force: str | None = None
) -> tuple[str | None, str | None]:
    """('dmy' | 'mdy' | None, ambiguity detail) for the numeric cells of one column; a
    person's ``force`` wins over everything the values suggest."""
    cells = [(r.numeric, text) for r, text in zip(readings, present, strict=True) if r is not None and r.numeric]
    if not cells:
        return None, None
    if force in ("dmy", "mdy"):
        return force, None
    fits = {
        "dmy": all(1 <= a <= 31 and 1 <= b <= 12 for (a, b, _y, _s), _t in cells),
        "mdy": all(1 <= b <= 31 and 1 <= a <= 12 for (a, b, _y, _s), _t in cells),
    }
    if fits["dmy"] != fits["mdy"]:
        return ("dmy" if fits["dmy"] else "mdy"), None
    if not fits["dmy"]:
        return None, None
    separators = {s for (_a, _b, _y, s), _t in cells}
    if separators <= {".", "-"}:
        return "dmy", None  # German 03.10.2026, Dutch 3-10-2026: never month first
    if hint in ("dmy", "mdy"):
        return hint, None
    steady = {order: _steadiness(cells, order) for order in ("dmy", "mdy")}
    if steady["dmy"] != steady["mdy"]:
        return max(steady, key=lambda order: steady[order]), None
    (a, b, year, _s), text = next(((n, t) for n, t in cells if n[0] != n[1]), cells[0])
    return None, f"{text}|{date(year, b, a).isoformat()}|{date(year, a, b).isoformat()}"


def _steadiness(cells: list[Any], order: str) -> float:
    """Share of neighbouring values one day apart: a daily series is steady in its true reading."""
    days = []
    for (a, b, year, _s), _t in cells:
        day, month = (a, b) if order == "dmy" else (b, a)
        try:
            days.append(date(year, month, day).toordinal())
        except ValueError:
            return 0.0
    if len(days) < 3:
        return 0.0
    gaps = np.abs(np.diff(days))
    return float((gaps == 1).mean())


def _latest(month_day: tuple[int, int], before: date) -> date | None:
    """The most recent date with this month and day on or before ``before``."""
    for year in range(before.year, before.year - 5, -1):
        try:
            day = date(year, month_day[0], month_day[1])
        except ValueError:  # 29 February
            continue
        if day <= before:
            return day
    return None


def _walk(month_days: list[tuple[int, int]], order: list[int], reference: date) -> list[date | None]:
    """Years along ``order`` (newest first): each day the latest on or before the one after it."""
    out: list[date | None] = [None] * len(month_days)
    bound = reference
    for index in order:
        day = _latest(month_days[index], bound)
        out[index] = day
        if day is not None:
            bound = day
    return out


def _infer_years(month_days: list[tuple[int, int]], reference: date) -> list[date | None]:
    """Years for values written without one, in file order (see the module docstring).
    A file sorted oldest or newest first is walked from its newest end; each value may
    also stand on its own (most recent before the reference). Of the readings that fit,
    the one spanning the least time wins, a walk before the values on their own."""
    pairs = list(pairwise(month_days))
    ups = sum(1 for a, b in pairs if b > a)
    downs = sum(1 for a, b in pairs if b < a)
    readings: list[list[date | None]] = []
    if len(month_days) >= 3 and downs <= 1:
        readings.append(_walk(month_days, list(range(len(month_days) - 1, -1, -1)), reference))
    if len(month_days) >= 3 and ups <= 1:
        readings.append(_walk(month_days, list(range(len(month_days))), reference))
    readings.append([_latest(md, reference) for md in month_days])  # each on its own

    def spread(days: list[date | None]) -> int:
        known = [d for d in days if d is not None]
        return (max(known) - min(known)).days if known else 0

    return min(readings, key=spread)


def parse_dates(
    values: pd.Series, *, order: str | None = None, reference: date | None = None, force: str | None = None
) -> DateColumn:
    """Read one column (see the module docstring). ``order`` is a format's own rule for
    ambiguous numeric dates ('mdy' for exports that always write month first); ``force``
    is a person's word on it, which no value overrules."""
    index = values.index
    if values.dtype.kind == "M":
        days = values.dt.tz_localize(None) if getattr(values.dt, "tz", None) is not None else values
        days = days.dt.normalize().astype("datetime64[ns]")
        nat = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
        return DateColumn(days, nat, pd.Series(False, index=index))
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    texts = [None if is_missing(u) else str(u) for u in uniques]
    readings = [read_cell(t) if t is not None else None for t in texts]
    present = [t for t in texts if t is not None]
    present_readings = [r for r, t in zip(readings, texts, strict=True) if t is not None]
    chosen, ambiguous = _numeric_order(present_readings, order, present, force)
    starts: list[pd.Timestamp | None] = []
    ends: list[pd.Timestamp | None] = []
    pending: list[tuple[int, tuple[int, int]]] = []
    for position, reading in enumerate(readings):
        start = end = None
        if reading is not None and reading.numeric is not None and chosen is not None:
            a, b, year, _sep = reading.numeric
            day, month = (a, b) if chosen == "dmy" else (b, a)
            start = _stamp((year, month, day))
        elif reading is not None and reading.start is not None:
            if reading.start[0] is None:
                pending.append((position, (reading.start[1], reading.start[2])))
            start = _stamp(reading.start)
            end = _stamp(reading.end)
            if end is not None and start is not None and end <= start:
                end = None if end == start else end
        starts.append(start)
        ends.append(end)
    if pending:
        # factorize keeps the order of first appearance, which is the file's order
        inferred = _infer_years([md for _p, md in pending], reference or date.today())
        for (position, _md), found in zip(pending, inferred, strict=True):
            starts[position] = pd.Timestamp(found) if found is not None else None
    no_day = np.datetime64("NaT", "ns")
    start_table = np.array(
        [*(s.to_datetime64() if s is not None else no_day for s in starts), no_day], dtype="datetime64[ns]"
    )
    end_table = np.array(
        [*(e.to_datetime64() if e is not None else no_day for e in ends), no_day], dtype="datetime64[ns]"
    )
    bad_table = np.array([*((t is not None and s is None) for t, s in zip(texts, starts, strict=True)), False])
    return DateColumn(
        start=pd.Series(start_table[codes], index=index, dtype="datetime64[ns]"),
        end=pd.Series(end_table[codes], index=index, dtype="datetime64[ns]"),
        unreadable=pd.Series(bad_table[codes], index=index),
        ambiguous=ambiguous if chosen is None else None,
        without_year=bool(pending),
    )


def offset_dates(values: pd.Series, start: date, unit: str) -> pd.Series:
    """GA4's 'Nth day' / 'Nth week' / 'Nth month': 0000 is the report's start date."""
    numbers = pd.to_numeric(values, errors="coerce")
    base = pd.Timestamp(start)
    if unit == "month":
        stamps = [base + pd.DateOffset(months=int(n)) if n == n else pd.NaT for n in numbers]
        return pd.Series(stamps, index=values.index, dtype="datetime64[ns]")
    step = 7 if unit == "week" else 1
    return (base + pd.to_timedelta(numbers * step, unit="D")).astype("datetime64[ns]")


def range_in(text: str) -> tuple[date, date] | None:
    """A date range written in a banner line or note ('27 January 2026 - 23 February 2026',
    'Date: Mar 1, 2026-Mar 31, 2026'), if there is one."""
    for candidate in (text, text.split(":", 1)[-1]):
        reading = read_cell(candidate.strip().strip(","))
        if reading is not None and reading.end is not None:
            start, end = _stamp(reading.start), _stamp(reading.end)
            if start is not None and end is not None and start <= end:
                return start.date(), end.date()
    return None


def labelled_day(text: str) -> tuple[str, date] | None:
    """'Start date: 20261001', 'Report Start: September 21, 2026, 12:00 AM' → (label, day)."""
    if ":" not in text:
        return None
    label, _, value = text.partition(":")
    day = one_day(value.strip().strip(","))
    return (fold(label), day) if day is not None else None


_NAME_DATES = re.compile(
    r"(?P<iso>(?<!\d)\d{4}[-.]\d{2}[-.]\d{2})|(?P<compact>(?<!\d)(?:19|20)\d{6}(?!\d))"
    r"|(?P<dmy>\d{1,2}[-_ ](?P<m1>[^\W\d_]{3,9})[-_ ]\d{4})|(?P<mdy>(?P<m2>[^\W\d_]{3,9})[-_ ]\d{1,2}[-_ ]\d{4})",
    re.UNICODE,
)


def range_in_name(name: str) -> tuple[date, date] | None:
    """The range a platform wrote into a file name ('…-Feb-1-2025-to-Aug-4-2025_Reach.csv',
    '…_20170101_20170201_en.csv', '…-1-Sep-202430-Sep-2024.csv'): the first two dates found."""
    found: list[date] = []
    for match in _NAME_DATES.finditer(name):
        text = match.group(0).replace("_", " ").replace("-", " ")
        if match.group("iso"):
            day = one_day(match.group(0).replace(".", "-"))
        elif match.group("compact"):
            day = one_day(match.group(0))
        else:
            month_word = (match.group("m1") or match.group("m2") or "").lower()
            if month_word not in vocabulary().months:
                continue
            day = one_day(text)
        if day is not None:
            found.append(day)
        if len(found) == 2:
            break
    if len(found) == 2 and found[0] <= found[1]:
        return found[0], found[1]
    return None


def one_day(text: str) -> date | None:
    reading = read_cell(text)
    if reading is None or reading.end is not None:
        return None
    if reading.numeric is not None:
        a, b, year, sep = reading.numeric
        if sep in ".-" or a > 12:
            day, month = a, b
        elif b > 12:
            day, month = b, a
        else:
            return None
        return _safe_date(year, month, day)
    stamp = _stamp(reading.start)
    return stamp.date() if stamp is not None else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def span_days(start: pd.Series, end: pd.Series) -> float:
    """How specific a date column is: the median number of days one row covers."""
    lengths = (end.fillna(start) - start).dt.days.dropna()
    return float(lengths.median()) + 1 if len(lengths) else float("inf")
