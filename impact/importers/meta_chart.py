"""Meta's per-metric chart exports: UTF-16, a ``sep=,`` line, a title line naming the
metric, then ``"Date","Primary"`` rows. The metric comes from the title."""

from __future__ import annotations

import re
from collections.abc import Mapping

from impact.importers.base import Document, ExportError, read_csv_rows
from impact.importers.table import TableRead, TableSpec, read_table

FORMAT = "meta_chart"

_TITLE_METRICS = (
    (re.compile(r"reach|reichweite", re.I), "reach"),
    (re.compile(r"link clicks|link-klicks", re.I), "link_clicks"),
    (re.compile(r"views|impressions|aufrufe|impressionen", re.I), "impressions"),
    (re.compile(r"follows|follower", re.I), "followers_gained"),
    (re.compile(r"interactions|interaktionen|engagement", re.I), "engagements"),
    (re.compile(r"visits|besuche", re.I), "profile_visits"),
    (re.compile(r"clicks|klicks", re.I), "clicks"),
)


def detect(doc: Document) -> float:
    lines = [line for line in doc.head_lines(3)]
    return 0.95 if lines and lines[0].strip().lower().startswith("sep=") else 0.0


def _metric_of(title: str) -> str | None:
    for pattern, metric in _TITLE_METRICS:
        if pattern.search(title):
            return metric
    return None


def read(doc: Document, mapping: Mapping[str, str | None]) -> TableRead:
    lines = doc.lines
    sep = lines[0].strip()[4:5] or ","
    title = lines[1].strip().strip('"') if len(lines) > 1 else ""
    metric = _metric_of(title)
    if metric is None and not mapping:
        raise ExportError("chart_title", title[:80])
    rows = read_csv_rows("\n".join(lines[2:]), sep)
    header = [str(h).strip() for h in rows.iloc[0].tolist()]
    roles: dict[str, str | None] = {header[0]: "date"}
    for name in header[1:]:
        roles[name] = metric
    channel = "instagram" if "instagram" in title.lower() else "facebook"
    return read_table(rows, TableSpec(header_row=0, roles=roles, channel=channel), mapping)
