"""The linkedin_campaigns format: LinkedIn Campaign Manager's real campaign and creative
reports (UTF-16, tabs, a banner with the range), totals as sums made over the raw bytes."""

from __future__ import annotations

from datetime import date

import pytest

from tests.real_export_support import REAL, column, number, read, table, total

ORLA = "linkedin_ads/joefaria+dashboard-orla/"


@pytest.mark.parametrize(
    "name",
    ["campaign_group_808102433_campaign_performance_report.csv", "account_517883322_creative_performance_report.csv"],
)
def test_campaign_manager_reports_in_brazilian_reais(name):
    lines = (REAL / ORLA / name).read_bytes().decode("utf-16").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Start Date"))
    rows = table("\n".join(lines[start:]), delimiter="\t")
    result = read(ORLA + name)
    assert result.period == (date(2025, 12, 6), date(2026, 3, 5))  # "Report Start" / "Report End"
    assert total(result, "spend") == pytest.approx(sum(number(v) for v in column(rows, "Total Spent")))
    assert total(result, "impressions") == sum(number(v) for v in column(rows, "Impressions"))
    assert total(result, "clicks") == sum(number(v) for v in column(rows, "Clicks"))
    assert set(result.table["currency"].dropna()) == set(column(rows, "Currency")) == {"BRL"}
