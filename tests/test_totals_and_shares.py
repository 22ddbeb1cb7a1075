"""Stated totals and share tables, each rule on its own: a file's total row wins over
its rows where they share one span (the difference said, in the file's unit), is only
said where the rows are dated day by day or several totals compete, and never counts
where it stands in the middle (one group's sum); a table of shares is refused by its
dimension, a table of small counts is not one."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from impact.importers import Choices, ExportError, read_export
from impact.importers.shares import shares_by

PERIOD = Choices(period=(date(2026, 10, 1), date(2026, 10, 31)))


def read(text: str, **options):
    return read_export(text.encode("utf-8"), "export.csv", today=date(2026, 11, 23), **options)


def codes(result) -> list[str]:
    return [code for code, _detail in result.warnings]


def total(result, metric: str) -> float:
    return float(result.table.loc[~result.table["whole"], metric].sum())


def test_a_total_above_its_rows_wins_and_the_rest_row_spans_their_range():
    result = read("Campaign,Clicks\nTotal,120\na,50\nb,40\n", choices=PERIOD)
    assert total(result, "clicks") == 120
    assert ("total_above_rows", "Clicks|120|90|30") in result.warnings
    [rest] = result.table[result.table["segment"].isna()].itertuples()
    assert (rest.clicks, rest.date.date(), rest.span_end.date()) == (30, date(2026, 10, 1), date(2026, 10, 31))


def test_a_total_below_its_rows_wins_too_where_it_stands_first_or_last():
    for text in ("Video,Clicks\nTotal,80\na,50\nb,40\n", "Video,Clicks\na,50\nb,40\nTotal,80\n"):
        result = read(text, choices=PERIOD)
        assert total(result, "clicks") == 80
        assert ("total_below_rows", "Clicks|80|90|10") in result.warnings


def test_a_total_in_the_middle_is_one_groups_sum_and_only_skipped():
    result = read("Campaign,Clicks\na,50\nTotal,50\nb,40\n", choices=PERIOD)
    assert total(result, "clicks") == 90
    assert not {c for c in codes(result) if c.startswith("total_") and c != "total_rows"}


def test_a_total_within_rounding_of_its_rows_adds_nothing_and_says_nothing():
    result = read("Campaign,Cost\nTotal,100.00\na,60.005\nb,40.004\n", choices=PERIOD)
    assert total(result, "spend") == pytest.approx(100.009)
    assert codes(result) == ["total_rows"]


def test_rows_dated_day_by_day_keep_their_sum_and_the_difference_is_only_said():
    above = read("Day,Clicks\n2026-10-01,50\n2026-10-02,40\nTotal,120\n")
    below = read("Day,Clicks\n2026-10-01,50\n2026-10-02,40\nTotal,80\n")
    assert total(above, "clicks") == total(below, "clicks") == 90
    assert ("total_not_placed", "Clicks|120|90|30") in above.warnings
    assert ("total_not_placed", "Clicks|80|90|10") in below.warnings
    assert not {"total_above_rows", "total_below_rows"} & set(codes(above) + codes(below))


def test_a_difference_is_said_in_the_files_own_unit():
    result = read("Video,Watch time (hours)\nTotal,10.5\na,6\nb,4\n", choices=PERIOD)
    assert total(result, "watch_time_seconds") == pytest.approx(10.5 * 3600)
    assert ("total_above_rows", "Watch time (hours)|10.5|10|0.5") in result.warnings


def test_a_unique_people_total_is_the_files_own_figure_over_the_rows_range():
    result = read("Campaign,Reach,Clicks\nTotal,100,9\na,70,5\nb,60,4\n", choices=PERIOD)
    [whole] = result.table[result.table["whole"]].itertuples()
    assert (whole.reach, whole.date.date(), whole.span_end.date()) == (100, date(2026, 10, 1), date(2026, 10, 31))


# --- shares -----------------------------------------------------------------------------------


def frame(rows: list[list[object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, dtype=object)


@pytest.mark.parametrize(
    ("headers", "rows", "dimension"),
    [
        (["Age", "Women", "Men"], [["18-24", "10.6%", "6.5%"], ["25-34", "30%", "52.9%"]], "Age"),  # marked
        (["Gender", "Share"], [["Female", "0.59"], ["Male", "0.41"]], "Gender"),  # fractions
        (["", "Women", "Men"], [["18-24", "40.6"], ["25-34", "59.4"]], "Age & gender"),  # adds up to 100
        (["DE", "FR", "AT"], [["50%", "30%", "20%"]], "Top countries"),  # one row, groups in the header
    ],
)
def test_a_table_of_shares_is_named_by_its_dimension(headers, rows, dimension):
    title = "Age & gender" if not headers[0] else "Top countries" if len(rows) == 1 else None
    assert shares_by(frame(rows), headers, False, title) == dimension


@pytest.mark.parametrize(
    ("headers", "rows"),
    [
        (["Country", "Signups"], [["DE", "30"], ["FR", "20"]]),  # small counts, not a whole
        (["Signups", "Demos"], [["40", "12"]]),
        (["Age", "Change"], [["18-24", "-5%"], ["25-34", "5%"]]),  # a share is never negative
        (["Week", "Share"], [["2026-10-05", "0.5"], ["2026-10-12", "0.5"]]),  # days are no groups
        (["Country", "Visits"], [["DE", "1200"], ["FR", "800"]]),
    ],
)
def test_a_table_of_counts_is_not_taken_for_shares(headers, rows):
    assert shares_by(frame(rows), headers, False, None) is None


def test_a_dated_table_is_never_shares():
    assert shares_by(frame([["18-24", "50%"], ["25-34", "50%"]]), ["Age", "Share"], True, None) is None


def test_a_file_of_shares_is_refused_by_its_dimension_with_a_period_or_without():
    text = "Age,Women,Men\n18-24,10.6%,6.5%\n25-34,30%,52.9%\n"
    for options in ({}, {"choices": PERIOD}):
        with pytest.raises(ExportError) as info:
            read(text, **options)
        assert (info.value.code, info.value.detail) == ("breakdown_only", "Age")


def test_the_rest_of_a_money_total_keeps_the_rows_currency():
    result = read("Campaign,Cost (EUR)\nTotal,120\na,50\nb,40\n", choices=PERIOD)
    rest = result.table[result.table["segment"].isna()]
    assert list(rest["spend"]) == [30] and list(rest["currency"]) == ["EUR"]


def test_a_share_table_without_a_title_or_a_first_header_is_named_by_its_headers():
    rows = frame([["18-24", "40.6", "20"], ["25-34", "29.4", "10"]])
    assert shares_by(rows, ["", "Women", "Men"], False, None) == "Women, Men"
    assert shares_by(rows, ["", "Women", "Men"], False, "  ") == "Women, Men"
