"""Total and summary rows never add to their parts, wherever they stand.

A row is a total when one of its label cells says so (``Total``, ``Total: Account``,
``Grand total``, ``Gesamt``, ``Totale`` …, also in a cell beyond the header, as GA4
explorations write it), or when its labels are empty and each of its additive
numbers equals the sum of the other rows (Meta Ads Manager's summary row, which
stands first and has no campaign name).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.importers.vocabulary import is_missing, is_total_label


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
