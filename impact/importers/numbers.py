"""Cells → numbers, in whichever convention the file writes them: ``1.234,56``,
``1,234.56``, ``1'234.50``, ``12 %``, ``€ 5``, ``141 (8.1%)``, ``(120)`` for −120.

The decimal sign is decided per column from values that can be read only one way
(``1.234,5`` or ``0,75`` are German; ``1,234.5`` or ``0.75`` English), then from the
rest of the file, then from the file's separator (``;`` goes with decimal commas).
Placeholders ("--", "n/a", "undefined") are missing values; censored values
(``< 10``) are missing too and counted, so the reader can be told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from impact.importers.vocabulary import currency_code, is_missing

_COMMA_DECIMAL = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+,\d+$|^[-+]?\d+,\d{1,2}$|^[-+]?\d+,\d{4,}$|^[-+]?0,\d+$")
_POINT_DECIMAL = re.compile(r"^[-+]?\d{1,3}(,\d{3})+\.\d+$|^[-+]?\d+\.\d{1,2}$|^[-+]?\d+\.\d{4,}$|^[-+]?0\.\d+$")
_COMMA_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3}){2,}$")
_POINT_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(\.\d{3}){2,}$")
_CENSORED = re.compile(r"^[<>≤≥]\s*=?\s*[\d.,]+\s*%?$")
_LEADING_NUMBER = re.compile(r"^(?P<number>[-+]?[\d.,' \u00a0\u202f]*\d)\s*\(.*\)$")
_CURRENCY = re.compile(r"(?P<sign>(?:\b[A-Z]{1,3})?[€$£₹¥₺₽₩]|\b[A-Z]{3}\b|\bchf\b|\bfr\.)", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


@dataclass
class Numbers:
    values: pd.Series  # float, NaN where missing or unreadable
    present: pd.Series  # bool: the cell held something other than a placeholder
    censored: int = 0
    currency: str | None = None  # the one currency the cells name, if exactly one
    percent: bool = False
    cell_currency: pd.Series | None = None  # per row, where cells name currencies

    @property
    def readable_share(self) -> float:
        if not self.present.any():
            return 0.0
        return float(self.values[self.present].notna().mean())


def _clean(text: str) -> tuple[str, str | None, bool]:
    """The bare number text, a currency the cell named, whether it carried a percent sign."""
    value = text.strip()
    match = _LEADING_NUMBER.match(value)
    if match:
        value = match.group("number")
    currency = None
    found = _CURRENCY.search(value)
    if found:
        currency = currency_code(found.group("sign"))
        if currency is not None or not found.group("sign").isalpha():
            value = value[: found.start()] + value[found.end() :]
    percent = "%" in value
    value = _SPACES.sub("", value.replace("%", ""))
    if value.startswith("(") and value.endswith(")"):
        value = "-" + value[1:-1]
    if value.endswith("-") and value[:-1].replace(".", "").replace(",", "").isdigit():
        value = "-" + value[:-1]
    return value, currency, percent


def guess_decimal(texts: list[str]) -> str | None:
    """',' or '.', from values that can only be read one way; None when they do not say."""
    comma = point = 0
    for text in texts[:2000]:
        value = _clean(text)[0]
        if _COMMA_DECIMAL.match(value) or _POINT_THOUSANDS.match(value):
            comma += 1
        elif _POINT_DECIMAL.match(value) or _COMMA_THOUSANDS.match(value):
            point += 1
    if comma > point:
        return ","
    if point > comma:
        return "."
    return None


def _to_float(value: str, decimal: str) -> float:
    if decimal == ",":
        value = value.replace(".", "").replace(",", ".")
    else:
        value = value.replace(",", "")
    try:
        return float(value)
    except ValueError:
        return np.nan


def distinct_texts(values: pd.Series, limit: int = 2000) -> list[str]:
    """Up to ``limit`` distinct texts that are not placeholders: what the decimal sign
    is judged on (the first ones of a million distinct amounts say as much as all)."""
    found: list[str] = []
    if values.dtype.kind in "iufbM":  # typed by the reader already: no text to judge
        return found
    for value in pd.unique(values):
        if isinstance(value, str) and not is_missing(value):
            found.append(value)
            if len(found) >= limit:
                break
    return found


def placeholders(uniques: np.ndarray) -> np.ndarray:
    """Per distinct cell: is it empty or a placeholder ("--", "n/a", "k. A.")? Cells made
    of digits and marks are numbers and skip the vocabulary (no placeholder has a digit
    followed only by digits, dots and commas)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    flags = np.fromiter((is_missing(u) if type(u) is not str else False for u in uniques), bool, len(uniques))
    is_text = np.fromiter((type(u) is str for u in uniques), dtype=bool, count=len(uniques))
    if is_text.any():
        where = np.flatnonzero(is_text)
        texts = pa.array(uniques[where], type=pa.string())
        numeric = pc.match_substring_regex(texts, r"^[-+]?\d[\d.,]*$").to_numpy(zero_copy_only=False)
        for index in where[~numeric]:
            flags[index] = is_missing(uniques[index])
    return flags


# A bare number in one convention: 1.234,56 / 1234,5 / -12 (decimal ',') or 1,234.56 /
# 1234.5 (decimal '.'). Read in one vectorised step; anything else cell by cell.
_PLAIN = {
    ",": r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$",
    ".": r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$",
}


def _plain_numbers(uniques: np.ndarray, decimal: str) -> np.ndarray:
    """The value of each distinct cell that is a bare number in the column's convention,
    NaN for the rest. What ``_clean`` and ``_to_float`` would make of it, at the speed of
    pyarrow's string kernels: a German file's 300,000 distinct amounts take a blink."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = np.full(len(uniques), np.nan)
    is_text = np.fromiter((type(u) is str for u in uniques), dtype=bool, count=len(uniques))
    if not is_text.any():
        return out
    texts = pa.array(uniques[is_text], type=pa.string())
    plain = pc.match_substring_regex(texts, _PLAIN[decimal])
    grouping = "." if decimal == "," else ","
    bare = pc.replace_substring(texts, grouping, "")
    if decimal == ",":
        bare = pc.replace_substring(bare, ",", ".")
    bare = pc.if_else(plain, bare, pa.scalar(None, pa.string()))
    values = pc.cast(bare, pa.float64()).to_numpy(zero_copy_only=False)
    out[np.flatnonzero(is_text)] = values
    return out


def parse_numbers(values: pd.Series, decimal: str) -> Numbers:
    """Each distinct cell is read once: a million rows hold far fewer distinct values;
    bare numbers in one step, the rest (currencies, percent, placeholders) one by one."""
    if values.dtype.kind in "iuf":
        return Numbers(values.astype(float), values.notna())
    codes, found = pd.factorize(values, use_na_sentinel=True)
    uniques = np.asarray(found, dtype=object)
    plain = _plain_numbers(uniques, decimal)
    parsed = np.append(plain, np.nan)
    present = np.append(~np.isnan(plain), False)
    censored = np.zeros(len(uniques) + 1, dtype=bool)
    currencies: set[str] = set()
    per_value = np.full(len(uniques) + 1, None, dtype=object)
    percent = False
    for index in np.flatnonzero(np.isnan(plain)):
        value = uniques[index]
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float, np.integer, np.floating)):
            present[index] = value == value
            parsed[index] = float(value)
            continue
        if is_missing(value):
            continue
        present[index] = True
        text = str(value)
        if _CENSORED.match(text.strip()):
            censored[index] = True
            continue
        cleaned, currency, has_percent = _clean(text)
        if currency:
            currencies.add(currency)
            per_value[index] = currency
        percent = percent or has_percent
        parsed[index] = _to_float(cleaned, decimal)
    out = pd.Series(parsed[codes], index=values.index, dtype=float)
    shown = pd.Series(present[codes], index=values.index)
    return Numbers(
        values=out,
        present=shown,
        censored=int(censored[codes].sum()),
        currency=next(iter(currencies)) if len(currencies) == 1 else None,
        percent=percent,
        cell_currency=pd.Series(per_value[codes], index=values.index, dtype=object) if currencies else None,
    )


def looks_numeric(value: object) -> bool:
    """A cell that reads as a number in either convention (for telling headers from data)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value == value
    if not isinstance(value, str) or len(value) > 40 or is_missing(value):
        return False
    return _text_is_numeric(value)


@lru_cache(maxsize=65536)
def _text_is_numeric(value: str) -> bool:
    cleaned = _clean(value)[0]
    return bool(cleaned) and (not np.isnan(_to_float(cleaned, ".")) or not np.isnan(_to_float(cleaned, ",")))
