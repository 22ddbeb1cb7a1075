"""The amazon_business format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from datetime import date

import pytest

from impact.importers import Choices
from tests.real_export_support import (
    REAL,
    column,
    number,
    read,
    table,
    total,
)


def test_amazon_business_report_asks_for_its_period_then_reads_totals_only():
    relative = "amazon_seller/FridaySalami+pre-prod/BusinessReport-23-07-2025.csv"
    rows = table((REAL / relative).read_text("utf-8-sig"))
    result = read(relative, choices=Choices(period=(date(2025, 7, 1), date(2025, 7, 22))))
    assert total(result, "sessions") == sum(number(v) for v in column(rows, "Sessions – Total"))
    assert total(result, "revenue") == pytest.approx(sum(number(v) for v in column(rows, "Ordered Product Sales")))
    assert set(result.table["currency"].dropna()) == {"GBP"}
