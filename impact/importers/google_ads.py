"""Google Ads report CSVs: a title row and a date-range row before the header,
numbers with thousands separators, percentages as text, ``--`` for missing, and
``Total: …`` rows at the end (never counted). Without a day column each campaign
row is a total over the report's range."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from impact.importers.base import Document, ExportError, pick_separator, read_csv_rows
from impact.importers.columns import role_of
from impact.importers.table import TableRead, TableSpec, header_index, read_table

FORMAT = "google_ads"

_MONTHS_DE = {
    "januar": "January",
    "februar": "February",
    "märz": "March",
    "april": "April",
    "mai": "May",
    "juni": "June",
    "juli": "July",
    "august": "August",
    "september": "September",
    "oktober": "October",
    "november": "November",
    "dezember": "December",
}
_RANGE = re.compile(r"^\s*\"?(?P<start>[^\"]+?)\s+[-–]\s+(?P<end>[^\"]+?)\"?[\s,]*$")

ROLES: dict[str, str | None] = {
    "Campaign": "segment",
    "Kampagne": "segment",
    "Ad group": "segment",
    "Anzeigengruppe": "segment",
    "Day": "date",
    "Tag": "date",
    "Budget": None,
    "Budget type": None,
    "Budgettyp": None,
    "Campaign status": None,
    "Kampagnenstatus": None,
    "Conversions": "conversions",
    "Conv. value": "revenue",
}


def _parse_day(text: str) -> pd.Timestamp | None:
    text = text.strip().replace(".", "")
    for german, english in _MONTHS_DE.items():
        text = re.sub(german, english, text, flags=re.I)
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y-%m-%d", "%d%m%Y"):
        try:
            return pd.to_datetime(text, format=fmt)
        except ValueError:
            continue
    return None


def report_range(lines: list[str]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    for line in lines[:3]:
        match = _RANGE.match(line)
        if match:
            start, end = _parse_day(match.group("start")), _parse_day(match.group("end"))
            if start is not None and end is not None:
                return start, end
    return None


def detect(doc: Document) -> float:
    if doc.text is None or len(doc.head_lines(3)) < 3:
        return 0.0
    if report_range(doc.head_lines(3)) is None:
        return 0.0
    header = doc.head_lines(3)[2] if len(doc.head_lines(3)) > 2 else ""
    roles = {role_of(h.strip().strip('"')) for h in header.split(",")}
    return 0.9 if {"impressions", "spend"} & roles or "segment" in roles else 0.0


def read(doc: Document, mapping: Mapping[str, str | None]) -> TableRead:
    span = report_range(doc.lines)
    body = "\n".join(doc.lines)
    rows = read_csv_rows(body, pick_separator(doc.lines[2:8]))
    spec = TableSpec(header_row=header_index(rows), roles=ROLES, channel="google ads", span=span)
    if span is None:
        raise ExportError("no_date")
    return read_table(rows, spec, mapping)
