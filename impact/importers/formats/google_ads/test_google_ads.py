"""The google_ads format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from impact.importers import read_export
from tests.real_export_support import (
    REAL,
    TODAY,
    number,
    read,
    rows,
    table,
    total,
)


@pytest.mark.parametrize("name", ["Search terms report.csv", "Search keyword report.csv"])
def test_google_ads_report_whose_account_total_exceeds_its_rows_counts_the_rows_and_says_the_account(name):
    relative = "google_ads/DevCadbury+towing-no-1/" + name
    rows = table((REAL / relative).read_bytes().decode("utf-16"), delimiter="\t")[2:]
    header = rows[0]
    listed = [r for r in rows[1:] if len(r) == len(header) and not any(c.startswith("Total") for c in r)]
    account = next(r for r in rows if "Total: Account" in r)
    result = read(relative)
    for column_name, metric in (("Clicks", "clicks"), ("Impr.", "impressions"), ("Cost", "spend")):
        position = header.index(column_name)
        assert total(result, metric) == pytest.approx(sum(number(r[position]) for r in listed)), column_name
    said = dict((d.split("|")[0], d) for c, d in result.warnings if c == "larger_total_said")
    assert said["Clicks"].split("|")[1] == f"{number(account[header.index('Clicks')]):.0f}"  # the account, named


def test_google_ads_report_of_campaigns_without_delivery_reads_zero_as_its_total_says():
    relative = "google_ads/1123alberto+Clinic_Marketing_Agency/Campaign report.csv"
    rows = table((REAL / relative).read_text("utf-8-sig"))[2:]
    account = next(r for r in rows if r[0] == "Total: Account")
    result = read(relative)
    for header, metric in (("Impr.", "impressions"), ("Clicks", "clicks"), ("Cost", "spend")):
        assert total(result, metric) == number(account[rows[0].index(header)])
    assert result.period == (date(2026, 3, 27), date(2026, 4, 23))


def test_google_ads_totals_match_the_files_own_total_row():
    relative = "google_ads/Campaign report (1).csv"
    result = read(relative)
    table = rows(relative, skip=2)
    header = table[0]
    [account] = [r for r in table if r[0] == "Total: Account"]
    assert result.format == "google_ads"
    assert result.rows_read == 2  # the campaigns; five "Total: …" rows are not data
    assert ("total_rows", "5") in result.warnings
    assert total(result, "clicks") == number(account[header.index("Clicks")])
    assert total(result, "impressions") == number(account[header.index("Impr.")])
    # Google rounds its own total separately: 798.88 + 365.22 = 1164.10 against 1164.09
    assert total(result, "spend") == pytest.approx(number(account[header.index("Cost")]), abs=0.011)
    assert total(result, "conversions") == number(account[header.index("Conversions")])
    assert total(result, "revenue") == pytest.approx(number(account[header.index("Conv. value")]))
    assert set(result.table["currency"]) == {"GBP"}
    assert result.period == (date(2026, 1, 27), date(2026, 2, 23))  # "27 January 2026 - 23 February 2026"


def test_google_ads_csv_for_excel_variant_utf16_tabs_reads_the_same():
    text = (REAL / "google_ads/Campaign report (1).csv").read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text)))
    as_excel = "\r\n".join("\t".join(r) for r in table).encode("utf-16")  # BOM + UTF-16 LE, tab-separated
    result = read_export(as_excel, "Campaign report.csv", today=TODAY)
    original = read("google_ads/Campaign report (1).csv")
    assert result.format == "google_ads"
    assert result.period == original.period
    for metric in ("clicks", "impressions", "spend", "conversions", "revenue"):
        assert total(result, metric) == pytest.approx(total(original, metric))
