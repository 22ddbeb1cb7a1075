"""Generic tables from CRMs, applicant systems and spreadsheets, German or English.

Columns are recognised by their names (Datum, Kanal, Kampagne, Leads, Umsatz …);
a ';' separator means German numbers (1.234,56) unless the values say otherwise.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

from impact.importers.base import Document, pick_separator, read_csv_rows
from impact.importers.columns import role_of
from impact.importers.table import TableRead, TableSpec, header_index, read_table
from impact.metrics import METRICS

FORMAT = "generic"


def _rows(doc: Document):
    if doc.sheets:
        for frame in doc.sheets.values():
            if len(frame) and header_index(frame) is not None:
                return frame, "."
        return next(iter(doc.sheets.values())), "."
    sep = pick_separator(doc.lines[:30])
    return read_csv_rows(doc.text or "", sep), ("," if sep == ";" else ".")


def detect(doc: Document) -> float:
    try:
        rows = doc.head_rows()
    except Exception:  # noqa: BLE001 - a file that cannot even be split is simply not this format
        return 0.0
    if rows.empty:
        return 0.0
    index = header_index(rows)
    roles = [role_of(v) for v in rows.iloc[index].tolist()]
    metrics = [r for r in roles if r and r not in ("date", "channel", "segment", "ratio")]
    return 0.3 if metrics else 0.05


FAST_FROM_BYTES = 1_000_000


def _read_fast(doc: Document, mapping: Mapping[str, str | None]) -> TableRead | None:
    """Large, plain, comma-separated UTF-8 files go through pyarrow's typed reader:
    a million rows in well under a second. Anything unusual takes the careful path."""
    if doc.text is None or doc.encoding != "utf-8" or len(doc.data) < FAST_FROM_BYTES:
        return None
    head = doc.head_lines(30)
    if pick_separator(head) != "," or header_index(doc.head_rows(30)) != 0:
        return None
    data = doc.data[3:] if doc.data.startswith(b"\xef\xbb\xbf") else doc.data
    try:
        frame = pd.read_csv(io.BytesIO(data), engine="pyarrow")
    except Exception:  # noqa: BLE001 - pyarrow refuses odd files; the careful path explains them
        return None
    for header in frame.columns:
        role = mapping[header] if header in mapping else role_of(header)
        if role in METRICS and frame[header].dtype.kind not in "iuf":
            return None  # numbers written as text ("1,234"): the careful path reads them
    return read_table(frame, TableSpec(decimal="."), mapping, typed=True)


def read(doc: Document, mapping: Mapping[str, str | None]) -> TableRead:
    fast = _read_fast(doc, mapping)
    if fast is not None:
        return fast
    rows, decimal = _rows(doc)
    return read_table(rows, TableSpec(header_row=header_index(rows), decimal=decimal), mapping)
