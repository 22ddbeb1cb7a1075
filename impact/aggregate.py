"""Each metric over a group of rows by its own rule: sums add up, followers take the last
value (per channel and segment, then added), customers_start the first, an average
position is weighted by its impressions, and unique people (reach, users) take the
export's own figure for the whole where it has one, else the parts add up to an upper
bound. The check aggregates per period and segment; a file's preview over all its rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.metrics import METRICS

UPPER = "_upper:"  # aggregated: this metric (unique people) is an upper bound in the group


def aggregate_by(rows: pd.DataFrame, keys: list[str], metrics: list[str]) -> pd.DataFrame:
    """One row per key combination, each input aggregated by its own rule; ``_upper``
    marks unique people (reach, users) added up over several rows (an upper bound)."""
    present = [m for m in metrics if m in rows.columns]
    grouped = rows.groupby(keys, sort=True, dropna=True)
    sums = [m for m in present if METRICS[m].aggregation in ("sum", "unique")]
    out = grouped[sums].sum(min_count=1) if sums else pd.DataFrame(index=grouped.size().index)
    out["_upper"] = False
    for metric in present:
        rule = METRICS[metric].aggregation
        if rule in ("last", "first"):
            columns = list(dict.fromkeys([*keys, "date", "channel", "segment", metric]))
            known = rows.loc[rows[metric].notna(), columns].sort_values("date", kind="stable")
            known = known.assign(_c=filled(known["channel"], ""), _s=filled(known["segment"], ""))
            per_series = known.groupby([*keys, "_c", "_s"], sort=False)[metric]
            picked = per_series.last() if rule == "last" else per_series.first()
            out[metric] = picked.groupby(level=list(range(len(keys)))).sum(min_count=1)
        elif rule == "unique":
            figure, upper = _unique_people(rows, keys, metric)
            out[metric] = figure.reindex(out.index)
            out[UPPER + metric] = upper.reindex(out.index, fill_value=False).astype(bool)
            out["_upper"] = out["_upper"] | out[UPPER + metric]
        elif rule == "weighted":
            weight = METRICS[metric].weight
            if WEIGHTED + metric in rows.columns:  # compacted rows carry value × weight summed
                weighted, weights = grouped[WEIGHTED + metric].sum(), grouped[WEIGHTS + metric].sum()
                out[metric] = (weighted / weights.where(weights > 0)).reindex(out.index)
            elif weight in rows.columns:
                both = rows[rows[metric].notna() & rows[weight].notna()]
                weighted = (both[metric] * both[weight]).groupby([both[k] for k in keys]).sum()
                weights = both[weight].groupby([both[k] for k in keys]).sum()
                out[metric] = (weighted / weights.where(weights > 0)).reindex(out.index)
            elif COUNT + metric in rows.columns:
                out[metric] = grouped[metric].sum() / grouped[COUNT + metric].sum().replace(0, np.nan)
            else:
                out[metric] = grouped[metric].mean()
    for metric in metrics:
        if metric not in out:
            out[metric] = np.nan
    return out


def filled(values: pd.Series, value: str) -> pd.Series:
    """Missing texts filled in, for texts held as categories too (whose fill must be one)."""
    if isinstance(values.dtype, pd.CategoricalDtype) and value not in values.cat.categories:
        values = values.cat.add_categories([value])
    return values.fillna(value)


def _unique_people(rows: pd.DataFrame, keys: list[str], metric: str) -> tuple[pd.Series, pd.Series]:
    """Reach or users per key combination: within each file, the file's own figure for
    the whole where it has one (its total row), else the sum of its parts; then the
    files added. More than one part or file added makes the figure an upper bound."""
    known = rows[rows[metric].notna()]
    source = filled(known["source"], "") if "source" in known else pd.Series("", index=known.index)
    own = known["whole"].fillna(False).astype(bool) if "whole" in known else pd.Series(False, index=known.index)
    counted = known[COUNT + metric] if COUNT + metric in known else 1  # compacted rows say how many they stand for
    frame = known[[*keys, metric]].assign(_source=source, _own=own, _n=counted)
    by = [*keys, "_source"]
    own_sum = _sum_and_count(frame[frame["_own"]], by, metric)
    part_sum = _sum_and_count(frame[~frame["_own"]], by, metric)
    per_file = part_sum.reindex(part_sum.index.union(own_sum.index))
    if not own_sum.empty:
        per_file.loc[own_sum.index] = own_sum
    level = list(range(len(keys)))
    figure = per_file["sum"].groupby(level=level).sum(min_count=1)
    upper = per_file["count"].groupby(level=level).sum() > 1
    if len(keys) == 1:
        figure.index, upper.index = figure.index.get_level_values(0), upper.index.get_level_values(0)
    return figure, upper


def _sum_and_count(frame: pd.DataFrame, by: list[str], metric: str) -> pd.DataFrame:
    summed = frame.groupby(by, sort=True)[[metric, "_n"]].sum()
    return summed.set_axis(["sum", "count"], axis=1)


COUNT = "_n:"  # compacted: how many rows held the metric
WEIGHTED = "_w:"  # compacted: the sum of value × weight over rows that hold both
WEIGHTS = "_ww:"  # compacted: the sum of the weight over those rows
TEXTS = ("channel", "segment", "source", "currency", "whole")  # what rules and reasons look at


def compact(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The rows reduced to one per key combination and per text the rules look at
    (channel, segment, file, currency, a file's own figure for the whole), and per day
    where a metric takes its last or first value: each metric's sum (its last or first
    value by such a rule), how many rows held it, and for a weighted metric the sums of
    value × weight and of weight. ``aggregate_by`` gives the same figures from these as
    from the rows, and every further question a KPI asks (which files, which currencies,
    which periods) reads thousands of rows instead of millions. Rows stay in file order."""
    present = [m for m in rows.columns if m in METRICS]
    if rows.empty or not present:
        return rows
    dated = any(METRICS[m].aggregation in ("last", "first") for m in present)
    by = list(dict.fromkeys([*keys, *[t for t in TEXTS if t in rows.columns], *(["date"] if dated else [])]))
    again = [c for c in rows.columns if c.startswith((COUNT, WEIGHTED, WEIGHTS))]  # compacted before: add up
    frame = rows[[*by, *present, *again]].assign(_row=np.arange(len(rows)))
    if "whole" in frame:
        frame["whole"] = frame["whole"].fillna(False).astype(bool)
    summed = [m for m in present if METRICS[m].aggregation not in ("last", "first")] + again
    for metric in present:
        weight = METRICS[metric].weight
        if METRICS[metric].aggregation == "weighted" and weight in frame and WEIGHTED + metric not in frame:
            both = frame[metric].notna() & frame[weight].notna()
            frame[WEIGHTED + metric] = (frame[metric] * frame[weight]).where(both)
            frame[WEIGHTS + metric] = frame[weight].where(both)
            summed += [WEIGHTED + metric, WEIGHTS + metric]
    grouped = frame.groupby(by, sort=False, dropna=False, observed=True)
    parts = [grouped[summed].sum(min_count=1)] if summed else []
    lasts = [m for m in present if METRICS[m].aggregation == "last"]
    firsts = [m for m in present if METRICS[m].aggregation == "first"]
    parts += [grouped[lasts].last()] if lasts else []
    parts += [grouped[firsts].first()] if firsts else []
    uncounted = [m for m in present if COUNT + m not in frame]
    parts += [grouped[uncounted].count().add_prefix(COUNT)] if uncounted else []
    parts.append(grouped["_row"].max().to_frame())
    out = pd.concat(parts, axis=1).sort_values("_row", kind="stable")
    return out.reset_index().drop(columns="_row")


def aggregate_whole(table: pd.DataFrame, metrics: list[str]) -> tuple[dict[str, float], frozenset[str]]:
    """Each metric over all of a table's rows by its own rule, and which are upper bounds."""
    present = [m for m in metrics if m in METRICS and m in table]
    if table.empty or not present:
        return {}, frozenset()
    rows = table.assign(_period="all")
    aggregated = aggregate_by(rows, ["_period"], present).iloc[0]
    figures = {m: float(aggregated[m]) for m in present if aggregated[m] == aggregated[m]}
    upper = frozenset(m for m in present if METRICS[m].aggregation == "unique" and bool(aggregated[UPPER + m]))
    return figures, upper
