"""Every importer against a file of its shape; expected values worked out by hand
(awk and a calculator over the raw files), never by the code under test."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from impact.importers import ExportError, read_export

SAMPLES = Path(__file__).resolve().parent / "samples"
needs_samples = pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/samples is not beside the repo")


def sample(name: str):
    return read_export((SAMPLES / name).read_bytes(), name, today=date(2026, 11, 21))


def total(result, metric: str, **where) -> float:
    table = result.table
    for column, value in where.items():
        table = table[table[column] == value]
    return float(table[metric].sum())


def october(result) -> pd.DataFrame:
    return result.table[result.table["date"].dt.month == 10]


@needs_samples
def test_german_crm_export(tmp_path):
    result = sample("crm_leads.csv")
    assert result.format == "generic" and result.rows_read == 38
    assert result.mapping == {
        "Datum": "date",
        "Quelle": "channel",
        "Kampagne": "segment",
        "Leads": "leads",
        "Qualifizierte Leads": "qualified_leads",
        "Abschlüsse": "conversions",
        "Umsatz (€)": "revenue",
    }
    assert total(result, "leads") == 171 and total(result, "qualified_leads") == 98
    assert total(result, "conversions") == 36
    assert total(result, "revenue") == pytest.approx(75057.02)  # "9.921,36" is 9921.36
    assert total(result, "leads", channel="linkedin") == 91
    assert result.period == (date(2026, 10, 1), date(2026, 10, 31))


@needs_samples
def test_meta_posts_export():
    result = sample("meta_facebook_posts.csv")
    assert result.format == "meta_posts" and result.rows_read == 19
    assert set(result.table["channel"]) == {"facebook"}
    assert set(result.table["segment"]) == {"Photos", "Videos", "Links", "Reels"}
    oct_rows = october(result)
    assert len(oct_rows) == 12
    assert oct_rows["impressions"].sum() == 42148  # "Views"
    assert oct_rows["reach"].sum() == 32917
    assert oct_rows["link_clicks"].sum() == 559
    assert result.mapping["Publish time"] == "date" and "Date" not in result.mapping  # "Lifetime"


@needs_samples
def test_linkedin_organic_and_sponsored_are_not_added_twice():
    result = sample("linkedin_page_metrics.xls")
    assert result.format == "linkedin" and result.rows_read == 51 + 8  # the Metrics days, then the posts
    oct_rows = october(result)
    assert oct_rows["impressions"].sum() == 33877  # = the file's (total) column, read from organic + sponsored
    assert oct_rows.loc[oct_rows["segment"] == "organic", "impressions"].sum() == 28530
    assert oct_rows.loc[oct_rows["segment"] == "sponsored", "impressions"].sum() == 5347
    assert oct_rows["clicks"].sum() == 1184
    assert oct_rows.loc[oct_rows["segment"] == "organic", "reach"].sum() == 19955
    assert {"Impressions (total)", "Clicks (total)"} <= {i.column for i in result.ignored if i.reason == "total"}
    # the posts sheet repeats impressions and clicks per post: only what Metrics lacks is read from it
    assert {("Impressions", "repeated"), ("Clicks", "repeated")} <= {(i.column, i.reason) for i in result.ignored}
    assert result.mapping["Follows"] == "followers_gained"
    assert ("engagements_derived", "reactions + comments + shares") in result.warnings
    row = result.table.iloc[0]  # 10/01 organic: 22 reactions, 2 comments, 1 repost
    assert row["engagements"] == 25


@needs_samples
def test_ga4_report_is_a_total_over_its_range_and_grand_total_is_skipped():
    result = sample("ga4_traffic_acquisition.csv")
    assert result.format == "ga4" and result.rows_read == 6
    assert total(result, "sessions") == 22407  # equals the file's own Grand total row, which is not counted
    assert total(result, "conversions") == 285  # "Key events"
    assert total(result, "revenue") == pytest.approx(11434.41)
    assert set(result.table["span_end"]) == {pd.Timestamp("2026-10-31")}
    assert total(result, "sessions", segment="Organic Social") == 1581  # a channel group is a segment of the website
    assert set(result.table["channel"]) == {"website"}
    assert {i.column for i in result.ignored if i.reason == "ratio"} >= {
        "Engagement rate",
        "Average engagement time per session",
    }


@needs_samples
def test_google_ads_report_with_banner_rows_total_row_and_dashes():
    result = sample("google_ads_campaigns.csv")
    assert result.format == "google_ads" and result.rows_read == 3
    assert total(result, "impressions") == 116472  # "45,434" + … = the skipped "Total: Account" row
    assert total(result, "clicks") == 5557
    assert total(result, "spend") == pytest.approx(7448.04)
    assert total(result, "conversions") == pytest.approx(139.9)
    assert result.period == (date(2026, 10, 1), date(2026, 10, 31))
    assert ("total_rows", "1") in result.warnings
    assert set(result.table["segment"]) == {"Brand – Suche", "Recruiting Pflege", "Sommeraktion 2026"}


def test_meta_chart_export_utf16_with_sep_line():
    text = 'sep=,\n"Facebook Page reach"\n"Date","Primary"\n"2026-10-01T07:00:00","120"\n"2026-10-02T07:00:00","80"\n'
    result = read_export(text.encode("utf-16"), "Reach.csv")
    assert result.format == "meta_chart"
    assert list(result.table["reach"]) == [120, 80]
    assert list(result.table["date"]) == [pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-02")]


def _xlsx(rows: list[list[object]], sheet: str = "Sheet1") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_meta_ads_manager_csv_english():
    text = (
        "Reporting starts,Reporting ends,Campaign name,Ad set name,Amount spent (EUR),Results,Cost per result,"
        "Impressions,Reach,Clicks (all),Link clicks\n"
        "2026-10-01,2026-10-31,Recruiting,Pflege 25-40,300.50,12,25.04,10000,4000,210,150\n"
        "2026-10-01,2026-10-31,Recruiting,Pflege 40+,199.50,3,66.50,8000,3000,90,60\n"
    )
    result = read_export(text.encode(), "ads.csv")
    assert result.format == "meta_ads"
    assert total(result, "spend") == 500 and total(result, "conversions") == 15
    assert set(result.table["segment"]) == {"Recruiting / Pflege 25-40", "Recruiting / Pflege 40+"}
    assert set(result.table["span_end"]) == {pd.Timestamp("2026-10-31")}
    assert "Cost per result" in {i.column for i in result.ignored}


def test_meta_ads_manager_xlsx_german():
    data = _xlsx(
        [
            [
                "Beginn des Berichtszeitraums",
                "Ende des Berichtszeitraums",
                "Kampagnenname",
                "Ausgegebener Betrag (EUR)",
                "Ergebnisse",
                "Impressionen",
                "Link-Klicks",
            ],
            ["2026-11-02", "2026-11-02", "Herbst", 12.5, 2, 1000, 30],
            ["2026-11-03", "2026-11-03", "Herbst", 7.5, 1, 800, 20],
        ]
    )
    result = read_export(data, "Bericht.xlsx")
    assert result.format == "meta_ads"
    assert total(result, "spend") == 20 and total(result, "link_clicks") == 50
    assert result.table["span_end"].isna().all()  # one-day ranges are plain days


def test_tiktok_dates_without_a_year_cross_new_year():
    text = (
        "Date,Video Views,Profile Views,Likes,Comments,Shares\nDecember 30,100,5,10,1,0\n"
        "December 31,200,6,20,2,1\nJanuary 1,300,7,30,3,2\n"
    )
    result = read_export(text.encode(), "Overview.csv", today=date(2027, 1, 10))
    assert result.format == "tiktok"
    assert list(result.table["date"]) == [
        pd.Timestamp("2026-12-30"),
        pd.Timestamp("2026-12-31"),
        pd.Timestamp("2027-01-01"),
    ]
    assert total(result, "video_views") == 600 and total(result, "reactions") == 60


def test_generic_english_table_with_thousands():
    text = 'Date,Channel,Campaign,Impressions,Clicks,Spend\n2026-10-01,LinkedIn,A,"1,200",30,"1,000.50"\n'
    result = read_export(text.encode(), "export.csv")
    assert result.format == "generic"
    assert total(result, "impressions") == 1200 and total(result, "spend") == 1000.5


def test_generic_german_table_cp1252_and_utf8_bom():
    text = "Datum;Kanal;Bewerbungen;Einstellungen;Kosten\n31.12.2026;LinkedIn;15;2;1.234,56\n"
    for data in (text.encode("cp1252"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        result = read_export(data, "bewerbungen.csv")
        assert total(result, "applications") == 15 and total(result, "hires") == 2
        assert total(result, "spend") == pytest.approx(1234.56)
        assert result.period == (date(2026, 12, 31), date(2026, 12, 31))


def test_a_mapping_by_hand_overrides_and_ignores():
    text = "Datum;Kanal;Anmeldungen;Notiz\n01.10.2026;Web;5;x\n"
    with pytest.raises(ExportError) as info:
        read_export(text.encode(), "a.csv")
    assert info.value.code in ("no_metric", "unknown_format")
    result = read_export(text.encode(), "a.csv", format="generic", mapping={"Anmeldungen": "newsletter_signups"})
    assert total(result, "newsletter_signups") == 5
    result = read_export(b"Datum;Leads;Kosten\n01.10.2026;3;10\n", "b.csv", mapping={"Kosten": None})
    assert "spend" not in result.table and ("Kosten", "by_user") in {(i.column, i.reason) for i in result.ignored}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"PK\x03\x04broken zip", "broken_workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "broken_workbook"),
        (b"just one column\nvalue\n", "unknown_format"),
        (b"Datum;Leads\nmorgen;3\nirgendwann;4\n", "bad_dates"),
        (b"Datum;Leads\n", "no_rows"),
    ],
)
def test_bad_files_get_a_reason(data, code):
    with pytest.raises(ExportError) as info:
        read_export(data, "bad.csv")
    assert info.value.code == code


def test_some_unreadable_dates_are_skipped_with_the_row_named():
    result = read_export(b"Datum;Leads\n01.10.2026;3\nkaputt;4\n03.10.2026;5\n", "c.csv")
    assert total(result, "leads") == 8
    [(_code, detail)] = [w for w in result.warnings if w[0] == "some_bad_dates"]
    assert detail.split("|")[:2] == ["1", "3"]  # one bad date, on line 3 of the file


def test_an_xlsx_zip_bomb_is_refused_before_it_unpacks():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    with pytest.raises(ExportError) as info:
        read_export(buffer.getvalue(), "bomb.xlsx")
    assert info.value.code == "too_large"


def test_a_file_over_the_upload_limit_is_refused():
    from impact.importers import MAX_UPLOAD_BYTES

    with pytest.raises(ExportError) as info:
        read_export(b"Datum;Leads\n" + b"01.10.2026;3\n" * (MAX_UPLOAD_BYTES // 13 + 10), "big.csv")
    assert info.value.code == "too_large"


def test_linkedin_xlsx_with_german_headers():
    data = _xlsx(
        [
            ["Zusammengefasste Kennzahlen für den ausgewählten Zeitraum.", "", "", "", "", ""],
            [
                "Datum",
                "Impressionen (organisch)",
                "Impressionen (gesponsert)",
                "Impressionen (gesamt)",
                "Klicks (organisch)",
                "Klicks (gesponsert)",
            ],
            ["11/01/2026", 100, 40, 140, 5, 2],
            ["11/02/2026", 200, 60, 260, 7, 3],
        ],
        sheet="Metrics",
    )
    result = read_export(data, "linkedin.xlsx")
    assert result.format == "linkedin"
    assert total(result, "impressions") == 400  # 300 organic + 100 sponsored; the (gesamt) column is not added
    assert total(result, "clicks", segment="sponsored") == 5
    assert "Impressionen (gesamt)" in {i.column for i in result.ignored if i.reason == "total"}


def test_instagram_posts_export():
    text = (
        "Post ID,Account ID,Account username,Description,Publish time,Permalink,Post type,Date,Views,Reach,"
        "Likes,Shares,Follows,Comments,Saves\n"
        "1,9,beispiel,Herbst,10/05/2026 09:00,https://x,IG reel,Lifetime,1000,800,50,5,3,4,7\n"
        "2,9,beispiel,Team,10/06/2026 18:30,https://x,IG image,Lifetime,500,400,20,1,0,2,3\n"
    )
    result = read_export(("\ufeff" + text).encode("utf-8"), "instagram.csv")
    assert result.format == "meta_posts"
    assert set(result.table["channel"]) == {"instagram"}
    assert total(result, "reactions") == 70 and total(result, "saves") == 10
    assert total(result, "followers_gained") == 3 and total(result, "impressions") == 1500
