"""Every real download in ``tests/real_exports`` (copied byte for byte from what the
platforms produced) read right: the format it is recognised as, its date range, and
the totals of its main metrics.

Expected values come from the file itself, never from the code under test: the
file's own total row where it has one, else a sum made here with the ``csv`` module
(or ``xml.etree`` for the SpreadsheetML workbook) over the raw file.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from impact.importers import ExportError, read_export

REAL = Path(__file__).resolve().parent / "real_exports"
TODAY = date(2026, 11, 23)  # the day the files are checked on: TikTok's dates carry no year


def read(relative: str):
    path = REAL / relative
    return read_export(path.read_bytes(), path.name, today=TODAY)


def rows(relative: str, *, skip: int = 0, encoding: str = "utf-8-sig") -> list[list[str]]:
    text = (REAL / relative).read_text(encoding=encoding)
    return list(csv.reader(io.StringIO(text)))[skip:]


def column(table: list[list[str]], name: str, *, occurrence: int = 0) -> list[str]:
    header = table[0]
    index = [i for i, h in enumerate(header) if h == name][occurrence]
    return [r[index] for r in table[1:] if len(r) > index]


def number(text: str) -> float:
    return float(text.replace(",", "").strip())


def total(result, metric: str) -> float:
    return float(result.table.loc[~result.table["whole"], metric].sum())


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


def test_meta_business_suite_posts_count_on_their_publish_day():
    relative = "meta_facebook/Feb-01-2025_Mar-15-2025_613168031534769.csv"
    result = read(relative)
    table = rows(relative)
    assert result.format == "meta_posts" and set(result.table["channel"]) == {"facebook"}
    assert result.rows_read == len(table) - 1
    assert set(column(table, "Date")) == {"Lifetime"}
    published = [datetime.strptime(v, "%m/%d/%Y %H:%M").date() for v in column(table, "Publish time")]
    assert result.period == (min(published), max(published))
    assert total(result, "reach") == sum(number(v or "0") for v in column(table, "Reach"))
    assert total(result, "impressions") == sum(number(v or "0") for v in column(table, "Views"))
    assert total(result, "clicks") == sum(number(v or "0") for v in column(table, "Total clicks"))
    assert total(result, "reactions") == sum(number(v or "0") for v in column(table, "Reactions"))
    assert len([h for h in table[0] if h == "Views"]) == 2  # the header appears twice; the first is read


def _tiktok_days(values: list[str]) -> list[date]:
    """The year a TikTok export leaves out, worked out here by hand: the series ends on
    the most recent such day not after TODAY, and runs backwards one day at a time."""
    days: list[date] = []
    cursor = None
    for value in reversed(values):
        month_day = datetime.strptime(value, "%B %d")
        year = cursor.year if cursor else TODAY.year
        candidate = date(year, month_day.month, month_day.day)
        if candidate > (cursor or TODAY):
            candidate = date(year - 1, month_day.month, month_day.day)
        days.append(candidate)
        cursor = candidate
    return list(reversed(days))


def test_tiktok_overview_quoted_header_dates_without_a_year():
    result = read("tiktok/Overview.csv")
    table = rows("tiktok/Overview.csv")
    assert table[0][0] == "Date"  # every cell quoted in the file, header too
    assert result.format == "tiktok" and result.rows_read == len(table) - 1
    days = _tiktok_days(column(table, "Date"))
    assert result.period == (days[0], days[-1])
    assert (days[0], days[-1]) == (date(2025, 2, 28), date(2026, 2, 27))
    assert total(result, "video_views") == sum(number(v) for v in column(table, "Video Views"))
    assert total(result, "profile_visits") == sum(number(v) for v in column(table, "Profile Views"))
    assert total(result, "reactions") == sum(number(v) for v in column(table, "Likes"))
    assert total(result, "shares") == sum(number(v) for v in column(table, "Shares") if v)


def test_tiktok_content_posts_take_their_year_from_the_export_day():
    result = read("tiktok/Content.csv")
    table = rows("tiktok/Content.csv")
    assert result.format == "tiktok_content"
    assert set(column(table, "Time")) == {"February 28"}  # the export day: 2026-02-28 before TODAY
    published = [datetime.strptime(v, "%B %d") for v in column(table, "Post time")]
    years = [date(2026 if (d.month, d.day) <= (2, 28) else 2025, d.month, d.day) for d in published]
    assert result.period == (min(years), max(years))
    assert total(result, "video_views") == sum(number(v) for v in column(table, "Total views"))
    assert total(result, "reactions") == sum(number(v) for v in column(table, "Total likes"))
    assert total(result, "comments") == sum(number(v) for v in column(table, "Total comments"))


def test_tiktok_viewers_undefined_is_no_value():
    result = read("tiktok/Viewers.csv")
    table = rows("tiktok/Viewers.csv")
    viewers = column(table, "Total Viewers")
    assert result.format == "tiktok_viewers"
    assert "undefined" in viewers
    assert total(result, "reach") == sum(number(v) for v in viewers if v != "undefined")
    days = _tiktok_days(column(table, "Date"))
    with_value = [d for d, v in zip(days, viewers, strict=True) if v != "undefined"]
    assert result.period == (min(with_value), max(with_value))


def test_x_tweet_activity_organic_and_promoted():
    relative = "x_twitter/tweet_activity_metrics_rOpenSci_20170101_20170201_en.csv"
    result = read(relative)
    table = rows(relative)
    assert result.format == "x_twitter" and set(result.table["channel"]) == {"x"}
    times = [datetime.strptime(v, "%Y-%m-%d %H:%M %z").date() for v in column(table, "time")]
    assert result.period == (min(times), max(times))
    for metric, name in (
        ("impressions", "impressions"),
        ("engagements", "engagements"),
        ("link_clicks", "url clicks"),
        ("reactions", "likes"),
        ("shares", "retweets"),
        ("comments", "replies"),
    ):
        assert total(result, metric) == sum(number(v) for v in column(table, name)), metric
    assert set(column(table, "promoted impressions")) == {"-"}  # nothing promoted: no promoted rows
    assert set(result.table["segment"]) == {"organic"}


def test_ga4_report_is_a_total_over_its_banner_range():
    relative = "ga4/Landing_page_Landing_page.csv"
    result = read(relative)
    table = [r for r in rows(relative) if r and not r[0].startswith("#")]
    assert result.format == "ga4"
    assert result.period == (date(2025, 2, 1), date(2025, 8, 4))  # "# Start date: 20250201" … "# End date: 20250804"
    assert set(result.table["span_end"]) == {datetime(2025, 8, 4)}
    assert total(result, "sessions") == sum(number(v) for v in column(table, "Sessions"))
    assert total(result, "conversions") == sum(number(v) for v in column(table, "Key events"))
    assert total(result, "new_users") == sum(number(v) for v in column(table, "New users"))
    assert result.rows_read == len(table) - 1  # the row with an empty landing page is data, not a total


def test_ga4_events_report():
    relative = "ga4/Events_Event_name.csv"
    result = read(relative)
    table = [r for r in rows(relative) if r and not r[0].startswith("#")]
    assert result.format == "ga4" and result.rows_read == len(table) - 1
    assert result.period == (date(2025, 10, 15), date(2026, 1, 12))
    assert set(result.table["segment"]) == set(column(table, "Event name"))
    assert total(result, "users") == sum(number(v) for v in column(table, "Total users"))  # an upper bound


def _ga4_block(relative: str, header: str) -> list[list[str]]:
    """The rows under one header line of a multi-table GA4 file, by hand."""
    lines = (REAL / relative).read_text(encoding="utf-8").splitlines()
    start = lines.index(header)
    block = []
    for line in lines[start + 1 :]:
        if not line.strip() or line.startswith("#"):
            break
        block.append(line.split(","))
    return block


def test_ga4_snapshot_with_eighteen_tables_reads_each_metric_once():
    relative = "ga4/data-export.csv"
    result = read(relative)
    assert result.format == "ga4"
    users = _ga4_block(relative, "Nth day,Users")
    new_users = _ga4_block(relative, "Nth day,New users")
    assert total(result, "users") == sum(number(v) for _n, v in users)  # the country tables are not added
    assert total(result, "new_users") == sum(number(v) for _n, v in new_users)
    # 'Nth day' 0000 is the block's start date, 20220601; the last offset ends on its end date
    assert result.period == (date(2022, 6, 1), date(2022, 6, 1) + (date(2023, 11, 26) - date(2022, 6, 1)))
    assert int(users[-1][0]) == (date(2023, 11, 26) - date(2022, 6, 1)).days
    assert ("table_repeats", "Country ID, Users|Nth day, Users") in result.warnings  # same users, same days


def _spreadsheetml(relative: str) -> dict[str, list[list[str]]]:
    ns = "{urn:schemas-microsoft-com:office:spreadsheet}"
    sheets = {}
    for sheet in ET.parse(REAL / relative).getroot().iter(f"{ns}Worksheet"):
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


REAL_FILES = sorted(
    p.relative_to(REAL).as_posix()
    for p in REAL.rglob("*")
    if p.is_file() and p.suffix != ".md" and p.name not in ("PROVENANCE.tsv", "expected.yaml")
)
TESTED = {
    "meta_ads/Untitled-report-Feb-1-2025-to-Aug-4-2025_Reach.csv",
    "meta_ads/Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv",
    "google_ads/Campaign report (1).csv",
    "meta_facebook/Feb-01-2025_Mar-15-2025_613168031534769.csv",
    "tiktok/Overview.csv",
    "tiktok/Content.csv",
    "tiktok/Viewers.csv",
    "x_twitter/tweet_activity_metrics_rOpenSci_20170101_20170201_en.csv",
    "ga4/Landing_page_Landing_page.csv",
    "ga4/Events_Event_name.csv",
    "ga4/data-export.csv",
    "facebook_insights_legacy/Facebook Posts Q2.xls",
}


def test_every_real_export_has_a_test_of_its_own():
    expected = set(yaml.safe_load((REAL / "expected.yaml").read_text(encoding="utf-8")))
    assert not TESTED & expected
    assert set(REAL_FILES) == TESTED | expected, "a new real export needs a test with totals from the file itself"
