"""Meta Business Suite post exports (Facebook and Instagram): one row per post.

``Date`` reads "Lifetime" (the figures are the post's lifetime totals), so the post
counts on its publish day. Publish times are Pacific time; the calendar day is kept
as written. Columns come and go between months: unknown ones are listed, not fatal.
"""

from __future__ import annotations

from collections.abc import Mapping

from impact.importers.base import Document, pick_separator, read_csv_rows
from impact.importers.table import TableRead, TableSpec, read_table

FORMAT = "meta_posts"

ROLES: dict[str, str | None] = {
    "Publish time": "date",
    "Veröffentlichungszeitpunkt": "date",
    "Date": None,
    "Datum": None,
    "Post type": "segment",
    "Beitragstyp": "segment",
    "Views": "impressions",
    "Aufrufe": "impressions",
    "Reach": "reach",
    "Reichweite": "reach",
    "Reactions, Comments and Shares": "engagements",
    "Reaktionen, Kommentare und geteilte Inhalte": "engagements",
    "Total clicks": "clicks",
    "Klicks insgesamt": "clicks",
    "Other clicks": None,
    "Seconds viewed": "watch_time_seconds",
    "Average Seconds viewed": None,
    "Duration (sec)": None,
    "Follows": "followers_gained",
    "Likes": "reactions",
    "Post ID": None,
    "Page ID": None,
    "Account ID": None,
}


def _header(doc: Document) -> list[str]:
    head = doc.head_lines(5)
    if not head:
        return []
    return [h.strip() for h in read_csv_rows(head[0], pick_separator(head)).iloc[0].tolist()]


def detect(doc: Document) -> float:
    if doc.text is None:
        return 0.0
    header = set(_header(doc))
    has_id = bool(header & {"Post ID", "Beitrags-ID"})
    has_time = bool(header & {"Publish time", "Veröffentlichungszeitpunkt"})
    return 0.95 if has_id and has_time else 0.0


def channel_of(header: list[str]) -> str:
    names = set(header)
    if names & {"Account username", "Kontoname", "Saves"} or ("Likes" in names and "Reactions" not in names):
        return "instagram"
    return "facebook"


def read(doc: Document, mapping: Mapping[str, str | None]) -> TableRead:
    sep = pick_separator(doc.lines[:10])
    rows = read_csv_rows(doc.text or "", sep)
    header = [str(h).strip() for h in rows.iloc[0].tolist()]
    spec = TableSpec(header_row=0, roles=ROLES, channel=channel_of(header), decimal=".")
    return read_table(rows, spec, mapping)
