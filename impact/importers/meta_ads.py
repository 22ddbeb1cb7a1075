"""Meta Ads Manager reports (CSV or XLSX, English or German headers).

Each row is a campaign or ad set over the row's own reporting range; a one-day
range counts as that day. "Results" are counted as conversions (the objective
decides what a result is: map the column by hand when it means leads).
"""

from __future__ import annotations

from collections.abc import Mapping

from impact.importers.base import Document, pick_separator, read_csv_rows
from impact.importers.table import TableRead, TableSpec, read_table

FORMAT = "meta_ads"

STARTS = ("Reporting starts", "Beginn des Berichtszeitraums", "Berichtsbeginn")
ENDS = ("Reporting ends", "Ende des Berichtszeitraums", "Berichtsende")

ROLES: dict[str, str | None] = {
    **dict.fromkeys(STARTS, "date"),
    "Campaign name": "segment",
    "Kampagnenname": "segment",
    "Ad set name": "segment",
    "Name der Anzeigengruppe": "segment",
    "Results": "conversions",
    "Ergebnisse": "conversions",
    "Result indicator": None,
    "Ergebnisindikator": None,
    "Clicks (all)": "clicks",
    "Klicks (alle)": "clicks",
}


def _rows(doc: Document):
    if doc.sheets:
        return next(iter(doc.sheets.values()))
    return read_csv_rows(doc.text or "", pick_separator(doc.lines[:10]))


def detect(doc: Document) -> float:
    try:
        rows = doc.head_rows(2)
    except Exception:  # noqa: BLE001 - not readable as a table: not this format
        return 0.0
    if rows.empty:
        return 0.0
    header = {str(h).strip() for h in rows.iloc[0].tolist()}
    return 0.95 if header & set(STARTS) and header & set(ENDS) else 0.0


def read(doc: Document, mapping: Mapping[str, str | None]) -> TableRead:
    rows = _rows(doc)
    header = [str(h).strip() for h in rows.iloc[0].tolist()]
    end = next((h for h in header if h in ENDS), None)
    decimal = "," if doc.text is not None and pick_separator(doc.lines[:10]) == ";" else "."
    spec = TableSpec(header_row=0, roles=ROLES, channel="meta", decimal=decimal, end_column=end)
    return read_table(rows, spec, mapping)
