"""Generic tables from CRMs, applicant systems and spreadsheets, German or English.

Columns are recognised by their names (Datum, Kanal, Kampagne, Leads, Umsatz …);
a ';' separator means German numbers (1.234,56) unless the values say otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

from impact.importers.base import Document, pick_separator, read_csv_rows
from impact.importers.columns import role_of
from impact.importers.table import TableRead, TableSpec, header_index, read_table

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
        rows, _ = _rows(doc)
    except Exception:  # noqa: BLE001 - a file that cannot even be split is simply not this format
        return 0.0
    if rows.empty:
        return 0.0
    index = header_index(rows)
    roles = [role_of(v) for v in rows.iloc[index].tolist()]
    metrics = [r for r in roles if r and r not in ("date", "channel", "segment", "ratio")]
    return 0.3 if metrics else 0.05


def read(doc: Document, mapping: Mapping[str, str | None]) -> TableRead:
    rows, decimal = _rows(doc)
    return read_table(rows, TableSpec(header_row=header_index(rows), decimal=decimal), mapping)
