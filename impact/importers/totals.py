"""Total and summary rows never add to their parts, wherever they stand.

A row is a total when one of its label cells says so (``Total``, ``Total: Account``,
``Grand total``, ``Gesamt``, ``Totale`` …, also in a cell beyond the header, as GA4
explorations write it), or when its labels are empty and each of its additive
numbers equals the sum of the other rows (Meta Ads Manager's summary row, which
stands first and has no campaign name).

Where a file states its total, that total wins for the whole-file figure: what the
rows do not hold is kept as a row of its own and said (``stated_beyond_rows``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.importers.canonical import wide_table
from impact.importers.vocabulary import is_missing, is_total_label
from impact.metrics import METRICS


def labelled_totals(index: pd.Index, labels: list[pd.Series], overflow: pd.Series | None) -> pd.Series:
    """Rows whose label cells (or a cell beyond the header) name a total."""
    mask = pd.Series(False, index=index)
    for column in [*labels, *([overflow] if overflow is not None else [])]:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        flags = np.append([is_total_label(u) for u in uniques], False)
        marked = pd.Series(flags[codes], index=index)
        if marked.all():
            continue  # every row says it ('Total' as Meta's Spanish "Fecha" reads): a label, not a total row
        mask |= marked
    return mask


def unlabelled_totals(labels: list[pd.Series], additive: dict[str, pd.Series], already: pd.Series) -> pd.Series:
    """Rows without any label whose additive numbers each equal the sum of the others."""
    index = already.index
    mask = pd.Series(False, index=index)
    if not labels or not additive:
        return mask
    empty = pd.Series(True, index=index)
    for column in labels:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        flags = np.append([is_missing(u) or (isinstance(u, str) and not u.strip()) for u in uniques], True)
        empty &= pd.Series(flags[codes], index=index)
    candidates = index[empty & ~already]
    if len(candidates) == 0 or len(candidates) * 2 >= len(index):
        return mask
    rest = ~empty & ~already
    if rest.sum() < 1:
        return mask
    for row in candidates:
        compared = matched = 0
        for values in additive.values():
            value = values.loc[row]
            if value != value:
                continue
            others = values[rest].sum(min_count=1)
            if others != others:
                continue
            compared += 1
            if abs(value - others) <= max(0.01, abs(others) * 0.005):
                matched += 1
        if compared >= 2 and matched == compared:  # one column may agree by chance; two and more do not
            mask.loc[row] = True
    return mask


def stated_beyond_rows(
    values: dict[tuple[str, str | None], pd.Series],
    totals: pd.Series,
    named: dict[tuple[str, str | None], tuple[str, float]],
    warnings: list[tuple[str, str]],
) -> dict[str, float]:
    """What a file's total row states beyond the sum of its rows, per additive metric.

    YouTube Studio lists at most 500 videos (or cities, or sources) but its total row is
    the whole channel: the total wins for the whole-file figure, the difference is kept
    as a row of its own (in no listed segment) and said. Its per-video subscribers add
    up to more than the channel's (subscribers lost elsewhere): the total wins there too,
    the correction said. A total within rounding of the rows adds nothing. Of several
    total rows (Google Ads' "Total: Search terms", "Total: Account") the largest is the
    whole, and only a larger one is taken."""
    if not totals.any():
        return {}
    # several total rows ('Total: Search terms', 'Total: Account'): which is the file's own
    # whole is not said (the account holds campaigns the report does not), so a larger one
    # is only said; a single one in the middle of the rows may be one group's sum
    flags = totals.to_numpy()
    several = int(flags.sum()) > 1
    single = not several and bool(flags[0] or flags[-1])
    beyond: dict[str, float] = {}
    for (metric, variant), series in values.items():
        if variant is not None or METRICS[metric].aggregation != "sum":
            continue
        stated = float(series[totals].max())
        listed = float(series[~totals].sum())
        if stated != stated:
            continue
        slack = max(0.011, abs(stated) * 0.0005)  # a total rounded apart from its rows
        header, factor = named.get((metric, variant), (metric, 1.0))
        said = "|".join(_plain(v / factor) for v in (stated, listed, abs(stated - listed)))  # in the file's unit
        if several and stated - listed > slack:
            warnings.append(("larger_total_said", f"{header}|{said}"))
        elif stated - listed > slack:
            beyond[metric] = stated - listed
            warnings.append(("total_above_rows", f"{header}|{said}"))
        elif single and listed - stated > slack:
            beyond[metric] = stated - listed
            warnings.append(("total_below_rows", f"{header}|{said}"))
    return beyond


def unplaced(beyond: dict[str, float], warnings: list[tuple[str, str]]) -> dict[str, float]:
    """The stated totals of a table dated row by row: said, never added as a row."""
    for index, (code, detail) in enumerate(warnings):
        if code in ("total_above_rows", "total_below_rows"):
            warnings[index] = ("total_not_placed", detail)
    return {}


def _plain(value: float) -> str:
    """A number as a warning parameter: no exponent, no float noise (formatted when shown)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def rest_row(rows: pd.DataFrame, beyond: dict[str, float], channel: str | None) -> pd.DataFrame:
    """The part of a stated total that no listed row holds, over the range the rows cover."""
    start = rows["date"].min()
    end = rows["span_end"].fillna(rows["date"]).max()
    currencies = rows["currency"].dropna().unique()
    return wide_table(
        pd.Series([start], dtype="datetime64[ns]"),
        {metric: pd.Series([value]) for metric, value in beyond.items()},
        channel=channel,
        span_end=pd.Series([end if end > start else pd.NaT], dtype="datetime64[ns]"),
        currency=str(currencies[0]) if len(currencies) == 1 else None,
    )


def whole_row(rows: pd.DataFrame, own: dict[str, float], channel: str | None) -> pd.DataFrame:
    """The total row's unique-people figures as one row over the range the parts cover."""
    start = rows["date"].min()
    end = rows["span_end"].fillna(rows["date"]).max()
    row = wide_table(
        pd.Series([start], dtype="datetime64[ns]"),
        {metric: pd.Series([value]) for metric, value in own.items()},
        channel=channel,
        span_end=pd.Series([end if end > start else pd.NaT], dtype="datetime64[ns]"),
    )
    row["whole"] = True
    return row
