"""The facebook_legacy format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from tests.real_export_support import (
    REAL,
    number,
    read,
    total,
)


def _spreadsheetml(relative: str) -> dict[str, list[list[str]]]:
    ns = "{urn:schemas-microsoft-com:office:spreadsheet}"
    sheets = {}
    for sheet in ET.parse(REAL / relative).getroot().iter(f"{ns}Worksheet"):  # noqa: S314 - our own committed file
        sheets[sheet.get(f"{ns}Name")] = [
            ["".join(c.find(f"{ns}Data").itertext()) if c.find(f"{ns}Data") is not None else "" for c in row]
            for row in sheet.iter(f"{ns}Row")
        ]
    return sheets


def test_facebook_insights_legacy_spreadsheetml_with_a_description_row():
    relative = "facebook_insights_legacy/Facebook Posts Q2.xls"
    result = read(relative)
    sheets = _spreadsheetml(relative)
    key = sheets["Key Metrics"]
    assert key[1][8].startswith("Lifetime:")  # the description row under the header is not data
    body = key[2:]
    header = key[0]
    assert result.format == "facebook_legacy_posts"
    posted = [date.fromisoformat(r[header.index("Posted")][:10]) for r in body]
    assert result.period == (min(posted), max(posted))
    for metric, name in (("reach", "Lifetime Post Total Reach"), ("impressions", "Lifetime Post Total Impressions")):
        assert total(result, metric) == sum(number(r[header.index(name)] or "0") for r in body), metric
    stories = next(rows for name, rows in sheets.items() if name.startswith("Lifetime Post Stories"))
    for metric, name in (("reactions", "like"), ("comments", "comment"), ("shares", "share")):
        index = stories[0].index(name)
        assert total(result, metric) == sum(number(r[index] or "0") for r in stories[1:]), metric
    # "Talking about this" counts people, not actions: its likes are not added
    talking = next(rows for name, rows in sheets.items() if name.startswith("Lifetime Talking"))
    assert sum(number(r[talking[0].index("like")] or "0") for r in talking[1:]) != total(result, "reactions")
