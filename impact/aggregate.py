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


def aggregate_by(rows: pd.DataFrame, keys: list[str], metrics: list[str]) -> pd.DataFrame:
    """One row per key combination, each input aggregated by its own rule; ``_upper``
    marks unique people (reach, users) added up over several rows (an upper bound)."""
    present = [m for m in metrics if m in rows.columns]
    grouped = rows.groupby(keys, sort=True)
    sums = [m for m in present if METRICS[m].aggregation in ("sum", "unique")]
    out = grouped[sums].sum(min_count=1) if sums else pd.DataFrame(index=grouped.size().index)
    out["_upper"] = False
    for metric in present:
        rule = METRICS[metric].aggregation
        if rule in ("last", "first"):
            columns = list(dict.fromkeys([*keys, "date", "channel", "segment", metric]))
            known = rows.loc[rows[metric].notna(), columns].sort_values("date", kind="stable")
            known = known.assign(_c=known["channel"].fillna(""), _s=known["segment"].fillna(""))
            per_series = known.groupby([*keys, "_c", "_s"], sort=False)[metric]
            picked = per_series.last() if rule == "last" else per_series.first()
            out[metric] = picked.groupby(level=list(range(len(keys)))).sum(min_count=1)
        elif rule == "unique":
            figure, upper = _unique_people(rows, keys, metric)
            out[metric] = figure.reindex(out.index)
            out["_upper"] = out["_upper"] | upper.reindex(out.index, fill_value=False)
        elif rule == "weighted":
            weight = METRICS[metric].weight
            if weight in rows.columns:
                both = rows[rows[metric].notna() & rows[weight].notna()]
                weighted = (both[metric] * both[weight]).groupby([both[k] for k in keys]).sum()
                weights = both[weight].groupby([both[k] for k in keys]).sum()
                out[metric] = (weighted / weights.where(weights > 0)).reindex(out.index)
            else:
                out[metric] = grouped[metric].mean()
    for metric in metrics:
        if metric not in out:
            out[metric] = np.nan
    return out


def _unique_people(rows: pd.DataFrame, keys: list[str], metric: str) -> tuple[pd.Series, pd.Series]:
    """Reach or users per key combination: within each file, the file's own figure for
    the whole where it has one (its total row), else the sum of its parts; then the
    files added. More than one part or file added makes the figure an upper bound."""
    known = rows[rows[metric].notna()]
    source = known["source"].fillna("") if "source" in known else pd.Series("", index=known.index)
    own = known["whole"].fillna(False).astype(bool) if "whole" in known else pd.Series(False, index=known.index)
    frame = known[[*keys, metric]].assign(_source=source, _own=own)
    by = [*keys, "_source"]
    own_sum = frame[frame["_own"]].groupby(by, sort=True)[metric].agg(["sum", "count"])
    part_sum = frame[~frame["_own"]].groupby(by, sort=True)[metric].agg(["sum", "count"])
    per_file = part_sum.reindex(part_sum.index.union(own_sum.index))
    if not own_sum.empty:
        per_file.loc[own_sum.index] = own_sum
    level = list(range(len(keys)))
    figure = per_file["sum"].groupby(level=level).sum(min_count=1)
    upper = per_file["count"].groupby(level=level).sum() > 1
    if len(keys) == 1:
        figure.index, upper.index = figure.index.get_level_values(0), upper.index.get_level_values(0)
    return figure, upper


def aggregate_whole(table: pd.DataFrame, metrics: list[str]) -> tuple[dict[str, float], frozenset[str]]:
    """Each metric over all of a table's rows by its own rule, and which are upper bounds."""
    present = [m for m in metrics if m in METRICS and m in table]
    if table.empty or not present:
        return {}, frozenset()
    rows = table.assign(_period="all")
    aggregated = aggregate_by(rows, ["_period"], present).iloc[0]
    figures = {m: float(aggregated[m]) for m in present if aggregated[m] == aggregated[m]}
    upper = frozenset(m for m in present if METRICS[m].aggregation == "unique" and bool(aggregated["_upper"]))
    return figures, upper
