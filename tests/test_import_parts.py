"""The pieces every importer shares, one at a time: cells to days, cells to numbers,
headers to roles, bytes to text, text to tables."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from impact.importers.dates import parse_dates, range_in, range_in_name, read_cell
from impact.importers.encoding import decode
from impact.importers.numbers import guess_decimal, parse_numbers
from impact.importers.sniff import pick_delimiter, sniff_text
from impact.importers.vocabulary import is_total_label, role_of, split_currency


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2017-01-30 19:05 +0000", (2017, 1, 30), None),
        ("2020-09-22T07:07:36.000", (2020, 9, 22), None),
        ("20231010", (2023, 10, 10), None),
        ("Sep 27, 2024", (2024, 9, 27), None),
        ("Sat, Nov 30, 2024", (2024, 11, 30), None),
        ("Jun 09, 2018 09:30 pm", (2018, 6, 9), None),
        ("23 september 2026 00:00", (2026, 9, 23), None),
        ("28 sept. 2026", (2026, 9, 28), None),
        ("5 de maio de 2026", (2026, 5, 5), None),
        ("8 de marzo", (None, 3, 8), None),
        ("3. März", (None, 3, 3), None),
        ("Okt. 2026", (2026, 10, 1), (2026, 10, 31)),
        ("2026-10", (2026, 10, 1), (2026, 10, 31)),
        ("2024-02-01 - 2024-02-29", (2024, 2, 1), (2024, 2, 29)),
        ("27 January 2026 - 23 February 2026", (2026, 1, 27), (2026, 2, 23)),
        ("1. Januar 2024 - 31. Januar 2024", (2024, 1, 1), (2024, 1, 31)),
        ("Mar 1, 2026-Mar 31, 2026", (2026, 3, 1), (2026, 3, 31)),
        ("20230515-20230521", (2023, 5, 15), (2023, 5, 21)),
    ],
)
def test_one_cell_as_written(text, start, end):
    reading = read_cell(text)
    assert reading is not None and reading.start == start and reading.end == end


@pytest.mark.parametrize("text", ["Lifetime", "Total", "Vitalício", "Facebook", "12", "hello 3"])
def test_words_that_are_not_dates(text):
    assert read_cell(text) is None


def test_numeric_dates_are_decided_for_the_whole_column():
    german = parse_dates(pd.Series(["03.04.2026", "04.04.2026"]))
    assert german.start.dt.date.tolist() == [date(2026, 4, 3), date(2026, 4, 4)]
    us = parse_dates(pd.Series(["04/13/2026", "04/03/2026"]))  # 13 cannot be a month: month first throughout
    assert us.start.dt.date.tolist() == [date(2026, 4, 13), date(2026, 4, 3)]
    hinted = parse_dates(pd.Series(["04/03/2026"]), order="mdy")
    assert hinted.start.dt.date.tolist() == [date(2026, 4, 3)] and hinted.ambiguous is None


def test_years_are_inferred_backwards_from_the_reference_in_either_order():
    ascending = parse_dates(pd.Series(["December 30", "December 31", "January 1"]), reference=date(2027, 1, 10))
    assert ascending.start.dt.date.tolist() == [date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1)]
    descending = parse_dates(pd.Series(["January 2", "January 1", "December 31"]), reference=date(2027, 1, 10))
    assert descending.start.dt.date.tolist() == [date(2027, 1, 2), date(2027, 1, 1), date(2026, 12, 31)]
    unsorted = parse_dates(pd.Series(["July 16", "February 1", "December 2"]), reference=date(2026, 2, 28))
    assert unsorted.start.dt.date.tolist() == [date(2025, 7, 16), date(2026, 2, 1), date(2025, 12, 2)]


def test_a_date_without_a_year_on_the_reference_day_is_that_day():
    """The export's own day counts as 'on or before' it: 10 January read on 10 January
    2027 is that day, not a year earlier."""
    [today] = parse_dates(pd.Series(["January 10"]), reference=date(2027, 1, 10)).start.dt.date.tolist()
    assert today == date(2027, 1, 10)
    [tomorrow] = parse_dates(pd.Series(["January 11"]), reference=date(2027, 1, 10)).start.dt.date.tolist()
    assert tomorrow == date(2026, 1, 11)
    walked = parse_dates(pd.Series(["January 8", "January 9", "January 10"]), reference=date(2027, 1, 10))
    assert walked.start.dt.date.tolist() == [date(2027, 1, 8), date(2027, 1, 9), date(2027, 1, 10)]


def test_ranges_in_banners_and_file_names():
    assert range_in("Date: Mar 1, 2026-Mar 31, 2026") == (date(2026, 3, 1), date(2026, 3, 31))
    assert range_in_name("Untitled-report-Feb-1-2025-to-Aug-4-2025_Reach.csv") == (date(2025, 2, 1), date(2025, 8, 4))
    assert range_in_name("Campaigns-1-Sep-202430-Sep-2024.csv") == (date(2024, 9, 1), date(2024, 9, 30))
    assert range_in_name("tweet_activity_metrics_x_20170101_20170201_en.csv") == (date(2017, 1, 1), date(2017, 2, 1))
    assert range_in_name("Overview.csv") is None


@pytest.mark.parametrize(
    ("values", "decimal", "expected"),
    [
        (["1.234,56", "12,5"], ",", [1234.56, 12.5]),
        (["1,234.56", "12.5"], ".", [1234.56, 12.5]),
        (["1'234.50"], ".", [1234.5]),
        (["€ 5", "5 €"], ".", [5.0, 5.0]),
        (["R$ 236,86"], ",", [236.86]),
        (["141 (8.1%)"], ".", [141.0]),
        (["(120)"], ".", [-120.0]),
        (["4715.0", "-3"], ".", [4715.0, -3.0]),
        (["12 %"], ".", [12.0]),
        (["1\u202f234,5"], ",", [1234.5]),
    ],
)
def test_numbers_in_either_convention(values, decimal, expected):
    assert parse_numbers(pd.Series(values, dtype=object), decimal).values.tolist() == expected


def test_placeholders_and_censored_values():
    numbers = parse_numbers(pd.Series(["--", "undefined", "n/a", "< 10", "7"], dtype=object), ".")
    assert numbers.values.isna().tolist() == [True, True, True, True, False]
    assert numbers.present.tolist() == [False, False, False, True, True] and numbers.censored == 1


def test_the_decimal_sign_comes_from_values_that_read_one_way():
    assert guess_decimal(["1.234,5", "3"]) == ","
    assert guess_decimal(["0.75", "3"]) == "."
    assert guess_decimal(["1.000", "2.500"]) is None  # either reading fits: the file's separator decides


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Reichweite", "reach"),
        ("Copertura", "reach"),
        ("Visualizações", "ambiguous"),
        ("Auf\u00adrufe", "ambiguous"),
        ("Ge\u00adwonnene Fol\u00adlower", "followers_gained"),
        ("Sub\u200bscribers", "ambiguous"),
        ("Impressões", "impressions"),
        ('"Amount spent (INR)"', "spend"),
        ("Umsatz €", "revenue"),
        ("\ufeffDate", "date"),
        ("Beginn des Berichtszeitraums", "range_start"),
        ("Währungscode", "currency"),
        ("Watch time (hours)", "watch_time_seconds"),
        ("CTR (all)", "ratio"),
        ("Costo por resultado", "ratio"),
        ("Engagement rate (organic)", "ratio"),
        ("Profile views", "profile_visits"),
        ("Post message", None),
    ],
)
def test_headers_in_seven_languages(header, role):
    found = role_of(header)
    assert (found.name if found else None) == role


def test_hours_become_seconds_and_currencies_leave_the_header():
    assert role_of("Wiedergabezeit (Stunden)").factor == 3600
    assert split_currency("Amount spent (INR)") == ("Amount spent", "INR")
    assert split_currency("Kosten (EUR)") == ("Kosten", "EUR")
    assert split_currency("Impressions (organic)") == ("Impressions (organic)", None)
    assert split_currency("CTR") == ("CTR", None)


@pytest.mark.parametrize(
    "label", ["Total", "Total: Account", "Grand total", "Gesamt", "Totale", "Summe", "Gesamt: Konto"]
)
def test_total_labels(label):
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["Totally local", "Total Relaunch 2026", "Sommeraktion", "", None])
def test_not_total_labels(label):
    assert not is_total_label(label)


def test_encodings_are_told_apart():
    text = "Datum;Umsatz\n01.10.2026;5\n"
    assert decode(text.encode("utf-16-le"))[1] == "utf-16-le"  # without a BOM
    assert decode(text.encode("utf-16"))[1] == "utf-16-le"
    assert decode(("\ufeff" + text).encode("utf-8"))[1] == "utf-8-sig"
    assert decode("Größe;Umsatz\n".encode("cp1252"))[1] == "cp1252"


def test_delimiters_and_tables():
    assert pick_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert pick_delimiter("a\tb\n1\t2\n") == "\t"
    tables, delimiter, _sources = sniff_text(
        "sep=;\nTitle\nDate;Views\n2026-10-01;5\n\n# Start date: 20261001\nCountry;Users\nDE;3\n"
    )
    assert delimiter == ";"
    assert [t.header for t in tables] == [["Date", "Views"], ["Country", "Users"]]
    assert tables[0].notes == ["Title"] and tables[1].notes == ["Start date: 20261001"]
