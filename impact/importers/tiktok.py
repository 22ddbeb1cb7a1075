"""TikTok Studio ``Overview.csv``: ``Date,Video Views,Profile Views,Likes,Comments,Shares``
with dates like "December 30" — no year. The year is inferred: the last row is the
most recent day not after today, and going back, a later month means the year before."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from impact.importers.base import Document, derive_engagements, pick_separator, read_csv_rows
from impact.importers.table import TableRead, TableSpec, read_table

FORMAT = "tiktok"

ROLES: dict[str, str | None] = {
    "Date": "date",
    "Video Views": "video_views",
    "Profile Views": "profile_visits",
    "Likes": "reactions",
    "Comments": "comments",
    "Shares": "shares",
}


def detect(doc: Document) -> float:
    if doc.text is None or not doc.head_lines(1):
        return 0.0
    header = {h.strip() for h in doc.head_lines(1)[0].split(",")}
    return 0.9 if {"Date", "Video Views", "Profile Views"} <= header else 0.0


def infer_years(values: pd.Series, today: date) -> pd.Series:
    parsed = pd.to_datetime("2000 " + values.astype(str).str.strip(), format="%Y %B %d", errors="coerce")
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    year: int | None = None
    following: tuple[int, int] | None = None
    for index in reversed(values.index):
        stamp = parsed[index]
        if pd.isna(stamp):
            continue
        month_day = (stamp.month, stamp.day)
        if year is None:
            year = today.year if month_day <= (today.month, today.day) else today.year - 1
        elif following is not None and month_day > following:
            year -= 1
        following = month_day
        try:
            result[index] = pd.Timestamp(year=year, month=month_day[0], day=month_day[1])
        except ValueError:  # 29 February in a year without it
            continue
    return result


def read(doc: Document, mapping: Mapping[str, str | None], today: date | None = None) -> TableRead:
    rows = read_csv_rows(doc.text or "", pick_separator(doc.lines[:10]))
    first = rows.iloc[1:, 0] if len(rows) > 1 else pd.Series(dtype=str)
    needs_year = first.astype(str).str.match(r"^[A-Za-z]+ \d{1,2}$").mean() > 0.5 if len(first) else False
    parser = (lambda s: infer_years(s, today or date.today())) if needs_year else None
    spec = TableSpec(header_row=0, roles=ROLES, channel="tiktok", date_parser=parser)
    result = read_table(rows, spec, mapping)
    result.table = derive_engagements(result.table, result.warnings)
    return result
