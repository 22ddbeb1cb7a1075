"""The linkedin_page format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.real_export_support import (
    REAL,
    read,
    total,
)

ORLA = REAL / "linkedin/joefaria+dashboard-orla"


def _sheet(path: Path, index: int = 0) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(index).to_python()


@pytest.mark.parametrize(
    ("relative", "header", "metric"),
    [
        (
            "linkedin/joefaria+dashboard-orla/orladigitaltech_followers_1772703807989.xls",
            "Total de seguidores",
            "followers_gained",
        ),
        (
            "linkedin/VarunRustagi+agentic-1/shorthills-ai_followers_1766385928211 1.xls",
            "Total followers",
            "followers_gained",
        ),
        (
            "linkedin/joefaria+dashboard-orla/orladigitaltech_visitors_1772703796664.xls",
            "Total de visualizações da página (total)",
            "profile_visits",
        ),
        (
            "linkedin/VarunRustagi+agentic-1/shorthills-ai_visitors_1766385917155 1.xls",
            "Total page views (total)",
            "profile_visits",
        ),
    ],
)
def test_linkedin_page_workbooks_in_portuguese_and_english(relative, header, metric):
    rows = _sheet(REAL / relative)
    start = next(i for i, r in enumerate(rows) if header in r)
    index = rows[start].index(header)
    expected = sum(float(r[index]) for r in rows[start + 1 :] if len(r) > index and r[index] != "")
    result = read(relative)
    assert total(result, metric) == expected
    assert len(result.table) == len(rows) - start - 1  # one row per day; the demographic sheets are not added
