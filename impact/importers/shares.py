"""Tables that hold shares (by age, gender, country, city …), not counts over time:
recognised so the reader is told why such a file cannot feed a KPI, never "unknown"."""

from __future__ import annotations

import pandas as pd

from impact.importers.dates import read_cell
from impact.importers.numbers import distinct_texts, guess_decimal, parse_numbers
from impact.importers.vocabulary import is_missing


def shares_by(data: pd.DataFrame, headers: list[str], dated: bool, title: str | None) -> str | None:
    """The dimension of a table that only holds shares (by age, gender, country …): no
    date, groups named in its first column (or, one row wide, in its header), and
    numbers that are percentages or fractions — marked so, or all of them together a
    whole (100). Such a table cannot feed a KPI, and the reader is told why."""
    if dated or data.empty or len(headers) < 2:
        return None
    one_row = len(data) == 1
    first = 0 if one_row else 1
    marked, total, seen = True, 0.0, 0
    for position in range(first, len(headers)):
        if position >= data.shape[1]:
            continue
        numbers = parse_numbers(data[position], guess_decimal(distinct_texts(data[position])) or ".")
        if numbers.readable_share < 0.8:
            if one_row:
                return None
            continue
        values = numbers.values.dropna()
        if len(values) and values.min() < 0:
            return None
        seen += 1
        total += float(values.sum())
        marked &= bool(numbers.percent or "%" in headers[position] or (len(values) and values.abs().max() <= 1))
    whole = 99.0 <= total <= 100.5  # unmarked percentages add up to a whole; counts that happen to be small do not
    if not seen or not ((marked and (not one_row or total <= 100.5)) or whole):
        return None
    name = (title or "").strip() or headers[0] or ", ".join(h for h in headers[:3] if h)
    if one_row:
        return name
    labels = data[0].map(lambda v: not is_missing(v) and not read_cell(str(v)))
    return (headers[0] or name) if labels.mean() > 0.8 else None
