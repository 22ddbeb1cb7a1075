"""The generic format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from datetime import date

import pytest

from tests.real_export_support import (
    REAL,
    column,
    number,
    read,
    table,
    total,
)


def test_shopify_sales_over_time_net_sales_and_orders_never_the_previous_year():
    relative = "shopify/OuCodes+HigherDOSE-Dashboards/Total sales over time - 2025-01-01 - 2025-08-04.csv"
    rows = [r for r in table((REAL / relative).read_text("utf-8-sig")) if r[0]]
    result = read(relative)
    assert total(result, "revenue") == pytest.approx(sum(number(v) for v in column(rows, "Net sales")))
    assert total(result, "orders") == sum(number(v) for v in column(rows, "Orders"))
    assert result.period == (date(2025, 1, 1), date(2025, 8, 4))
