"""Periods as a check labels them (ISO: ``2026-W45``, ``2026-10``, ``2026-Q4``, ``2026``):
the label a day falls in, and back from a label to its first and last day and its place
in a sequence (so that a trend can count periods, gaps included)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

_PATTERNS = {
    "week": re.compile(r"^(?P<year>\d{4})-W(?P<n>\d{2})$"),
    "month": re.compile(r"^(?P<year>\d{4})-(?P<n>\d{2})$"),
    "quarter": re.compile(r"^(?P<year>\d{4})-Q(?P<n>[1-4])$"),
    "year": re.compile(r"^(?P<year>\d{4})$"),
}


class _Day(Protocol):
    """A date or a pandas Timestamp."""

    @property
    def year(self) -> int: ...

    @property
    def month(self) -> int: ...

    def isocalendar(self) -> tuple[int, int, int]: ...


def label_for(day: _Day, period: str | None) -> str:
    """The period a day falls in: 2026-W43, 2026-Q4, 2026, else (a month) 2026-10."""
    if period == "week":
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if period == "year":
        return f"{day.year}"
    return f"{day.year}-{day.month:02d}"


@dataclass(frozen=True)
class Span:
    """One labelled period: its kind, first and last day, and its number in a sequence
    of periods of that kind (consecutive periods differ by one)."""

    kind: str
    start: date
    end: date
    index: int


def span(label: str | None) -> Span | None:
    """The period a label names; None for a range of a report's own or anything else."""
    if not label:
        return None
    for kind, pattern in _PATTERNS.items():
        found = pattern.match(label)
        if found:
            try:
                return _span(kind, found)
            except ValueError:  # week 60, month 13: not a period
                return None
    return None


def _span(kind: str, found: re.Match[str]) -> Span:
    year = int(found["year"])
    if kind == "year":
        return Span(kind, date(year, 1, 1), date(year, 12, 31), year)
    n = int(found["n"])
    if kind == "week":
        start = date.fromisocalendar(year, n, 1)
        return Span(kind, start, start + timedelta(days=6), start.toordinal() // 7)
    if kind == "month":
        start = date(year, n, 1)
        return Span(kind, start, _month_after(year, n) - timedelta(days=1), year * 12 + n - 1)
    start = date(year, 3 * n - 2, 1)  # a quarter
    return Span(kind, start, _month_after(year, 3 * n) - timedelta(days=1), year * 4 + n - 1)


def _month_after(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1)


def periods_between(after: str, until: date) -> int:
    """How many whole periods of ``after``'s kind follow it up to and including the one
    ``until`` falls in (0 when that one is not later)."""
    first = span(after)
    if first is None:
        return 0
    last = span(label_for(until, first.kind))
    assert last is not None  # label_for writes a period span reads
    return max(0, last.index - first.index)


def shifted(label: str, by: int) -> str:
    """The period ``by`` periods after ``label`` (of its kind); the label itself for
    anything that is not a period."""
    here = span(label)
    if here is None:
        return label
    index = here.index + by
    if here.kind == "week":
        # ordinal 1 is a Monday; any day of that week names it
        return label_for(date.fromordinal(index * 7 + 1), "week")  # pragma: no mutate
    if here.kind == "month":
        year, month = divmod(index, 12)
        return f"{year}-{month + 1:02d}"
    if here.kind == "quarter":
        year, quarter = divmod(index, 4)
        return f"{year}-Q{quarter + 1}"
    return str(index)
