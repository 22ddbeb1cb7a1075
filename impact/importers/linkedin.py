"""LinkedIn page analytics workbooks (.xls/.xlsx): row 1 a notice, row 2 the header.

Sheet "Metrics" has each figure as (organic), (sponsored) and (total). Organic and
sponsored become two segments and the total is never read, so nothing is counted
twice. "All posts" (one row per post) is read only when there is no Metrics sheet:
both describe the same activity. Headers may be German.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from impact.importers.base import Document, ExportError, Ignored, derive_engagements
from impact.importers.columns import role_of
from impact.importers.table import TableRead, TableSpec, header_index, read_table

FORMAT = "linkedin"

METRIC_SHEETS = ("Metrics", "Kennzahlen", "Metriken")
POST_SHEETS = ("All posts", "Alle Beiträge")
FOLLOWER_SHEETS = ("Followers", "Follower")
_PART = re.compile(r"^(?P<base>.+?)\s*\((?P<part>organic|organisch|sponsored|gesponsert|total|gesamt)\)\s*$", re.I)
_SEGMENTS = {"organic": "organic", "organisch": "organic", "sponsored": "sponsored", "gesponsert": "sponsored"}
_BASE_ALIASES = {"unique impressions": "reach", "eindeutige impressionen": "reach"}


def _sheet(doc: Document, names: tuple[str, ...]) -> pd.DataFrame | None:
    for name, frame in doc.sheets.items():
        if name.strip() in names:
            return frame
    return None


def _metrics_header_row(frame: pd.DataFrame) -> int | None:
    """The row whose cells carry the (organic)/(organisch) suffixes, in any language."""
    for index in range(min(6, len(frame))):
        if sum(1 for v in frame.iloc[index].tolist() if _PART.match(str(v).strip())) >= 2:
            return index
    return None


def detect(doc: Document) -> float:
    if not doc.sheets:
        return 0.0
    metrics = _sheet(doc, METRIC_SHEETS)
    if metrics is not None and _metrics_header_row(metrics) is not None:
        return 0.95
    return 0.8 if _sheet(doc, POST_SHEETS) is not None else 0.0


def _metric_for(base: str) -> str | None:
    key = base.strip().lower()
    if key in _BASE_ALIASES:
        return _BASE_ALIASES[key]
    role = role_of(base)
    return role if role not in (None, "ratio", "date", "channel", "segment") else None


def _read_metrics(frame: pd.DataFrame, mapping: Mapping[str, str | None]) -> TableRead:
    header_row = _metrics_header_row(frame) or header_index(frame)
    headers = [str(h).strip() for h in frame.iloc[header_row].tolist()]
    parts: list[TableRead] = []
    ignored: list[Ignored] = []
    for segment in ("organic", "sponsored"):
        roles: dict[str, str | None] = {}
        for header in headers:
            match = _PART.match(header)
            if not match:
                if role_of(header) == "date":
                    roles[header] = "date"
                elif header:
                    roles[header] = None
                continue
            part = _SEGMENTS.get(match.group("part").lower())
            metric = _metric_for(match.group("base"))
            roles[header] = metric if part == segment and metric else None
        read = read_table(frame, TableSpec(header_row=header_row, roles=roles, channel="linkedin"), mapping)
        read.table["segment"] = segment
        parts.append(read)
    for header in headers:
        match = _PART.match(header)
        if match and match.group("part").lower() in ("total", "gesamt"):
            ignored.append(Ignored(header, "total"))
        elif match and _metric_for(match.group("base")) is None:
            ignored.append(Ignored(header, "ratio" if role_of(header) == "ratio" else "unknown"))
        elif not match and header and role_of(header) != "date":
            ignored.append(Ignored(header, "ratio" if role_of(header) == "ratio" else "unknown"))
    mapping_used = {k: v for p in parts for k, v in p.mapping.items()}
    table = pd.concat([p.table for p in parts], ignore_index=True)
    return TableRead(table, mapping_used, ignored, parts[0].rows_read, parts[0].warnings, [h for h in headers if h])


def read(doc: Document, mapping: Mapping[str, str | None]) -> TableRead:
    metrics = _sheet(doc, METRIC_SHEETS)
    posts = _sheet(doc, POST_SHEETS)
    if metrics is not None and len(metrics) > 2:
        result = _read_metrics(metrics, mapping)
        if posts is not None:
            result.warnings.append(("linkedin_posts_skipped", ""))
    elif posts is not None:
        roles = {
            "Created date": "date",
            "Erstellungsdatum": "date",
            "Post type": "segment",
            "Beitragstyp": "segment",
            "Views": "video_views",
            "Follows": "followers_gained",
            "Campaign start date": None,
            "Campaign end date": None,
            "Campaign name": None,
            "Audience": None,
        }
        result = read_table(posts, TableSpec(header_row=header_index(posts), roles=roles, channel="linkedin"), mapping)
    else:
        raise ExportError("no_metric")
    result.table = derive_engagements(result.table, result.warnings)
    followers = _sheet(doc, FOLLOWER_SHEETS)
    if followers is not None and len(followers) > 2:
        try:
            extra = read_table(followers, TableSpec(header_row=header_index(followers), channel="linkedin"), mapping)
        except ExportError:
            extra = None
        if extra is not None:
            result.table = pd.concat([result.table, extra.table], ignore_index=True)
            result.mapping.update(extra.mapping)
    return result
