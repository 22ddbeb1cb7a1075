"""The meta_ads format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from datetime import date

import pytest

from impact.importers import ExportError
from tests.real_export_support import (
    number,
    read,
    rows,
    total,
)


def test_meta_ads_summary_row_first_is_never_added_and_currency_comes_from_the_header():
    result = read("meta_ads/Untitled-report-Feb-1-2025-to-Aug-4-2025_Reach.csv")
    table = rows("meta_ads/Untitled-report-Feb-1-2025-to-Aug-4-2025_Reach.csv")
    summary = table[1]
    assert summary[0] == ""  # the file's own summary row: no campaign name, standing first
    header = table[0]
    assert result.format == "meta_ads"
    assert result.rows_read == len(table) - 2
    assert total(result, "impressions") == number(summary[header.index("Impressions")])
    assert total(result, "link_clicks") == number(summary[header.index("Link clicks")])
    assert total(result, "clicks") == number(summary[header.index("Clicks (all)")])
    assert total(result, "spend") == pytest.approx(number(summary[header.index("Amount spent (INR)")]))
    assert total(result, "orders") == number(summary[header.index("Purchases")])
    assert set(result.table.loc[result.table["spend"].notna(), "currency"]) == {"INR"}
    assert result.period == (date(2025, 2, 1), date(2025, 8, 4))  # Reporting starts / ends
    assert ("total_rows", "1") in result.warnings
    # reach is unique people: the summary row's own figure is kept for the whole
    [own] = result.table.loc[result.table["whole"], "reach"].tolist()
    assert own == number(summary[header.index("Reach")])


def test_meta_ads_month_without_delivery_says_what_the_file_says():
    with pytest.raises(ExportError) as info:
        read("meta_ads/Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv")
    assert (info.value.code, info.value.detail) == ("no_data_in_file", "No data available.")
