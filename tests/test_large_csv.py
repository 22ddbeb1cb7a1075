"""Large plain CSVs go through pyarrow's typed reader; everything else through the
careful reader. Both must read every cell alike, in English and in German shapes:
here each file is read both ways and compared, and the totals are sums made in the
test from the values it wrote."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from impact.importers import read_export
from impact.importers.formats import generic

TODAY = date(2026, 11, 23)
ROWS = 40_000  # a little over a megabyte in every shape below: the fast reader's size


def german(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}".translate(str.maketrans(",.", ".,"))


def english(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}"


def day(index: int) -> date:
    return date(2026, 1, 1) + timedelta(days=index % 300)


def read_both(text: str, monkeypatch: pytest.MonkeyPatch):
    """The file read by the fast reader (the careful one is made to fail if called)
    and by the careful reader alone."""
    data = text.encode("utf-8")
    assert len(data) > generic.FAST_FROM_BYTES
    with monkeypatch.context() as patch:

        def careful_called(*_args, **_kwargs):
            raise AssertionError("the fast reader handed this file to the careful one")

        patch.setattr(generic, "read_file", careful_called)
        fast = read_export(data, "export.csv", today=TODAY)
    with monkeypatch.context() as patch:
        patch.setattr(generic, "FAST_FROM_BYTES", len(data) + 1)
        careful = read_export(data, "export.csv", today=TODAY)
    return fast, careful


def same_table(fast, careful) -> None:
    columns = [c for c in careful.table.columns if c != "source_row"]
    left = fast.table[columns].reset_index(drop=True)
    right = careful.table[columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


def test_a_german_excel_csv_with_grouped_thousands(monkeypatch):
    """`;`, 1.234,56, 31.12.2026, German headers, '-' for a day without spend."""
    lines = ["Datum;Kanal;Impressionen;Klicks;Kosten"]
    impressions = clicks = spend = 0.0
    for i in range(ROWS):
        shown = 900 + (i * 37) % 9000
        cost = round(((i * 7919) % 250_000) / 100, 2)
        impressions += shown
        clicks += i % 40
        if i % 97 == 0:
            cost_text = "-"
        else:
            cost_text, spend = german(cost), spend + cost
        lines.append(f"{day(i):%d.%m.%Y};{'linkedin' if i % 2 else 'facebook'};{german(shown, 0)};{i % 40};{cost_text}")
    fast, careful = read_both("\n".join(lines) + "\n", monkeypatch)
    same_table(fast, careful)
    table = fast.table[~fast.table["whole"]]
    assert table["impressions"].sum() == impressions
    assert table["clicks"].sum() == clicks
    assert table["spend"].sum() == pytest.approx(spend)
    assert table["date"].min().date() == date(2026, 1, 1)


def test_a_german_csv_as_excel_writes_it_unformatted(monkeypatch):
    """`;` and a decimal comma without grouping (12,5): pyarrow types it directly."""
    lines = ["Datum;Leads;Umsatz"]
    revenue = 0.0
    for i in range(ROWS * 2):
        value = round(((i * 104729) % 100_000) / 10, 1)
        revenue += value
        lines.append(f"{day(i).isoformat()};{i % 5};{str(value).replace('.', ',')}")
    fast, careful = read_both("\n".join(lines) + "\n", monkeypatch)
    same_table(fast, careful)
    assert fast.table["revenue"].sum() == pytest.approx(revenue)
    assert fast.table["leads"].sum() == sum(i % 5 for i in range(ROWS * 2))


def test_an_english_csv_with_grouped_thousands_and_amounts_in_quotes(monkeypatch):
    lines = ["Date,Channel,Impressions,Spend"]
    impressions = spend = 0.0
    for i in range(ROWS):
        shown = 900 + (i * 37) % 9000
        cost = round(((i * 7919) % 250_000) / 100, 2)
        impressions, spend = impressions + shown, spend + cost
        lines.append(f'{day(i).isoformat()},tiktok,"{english(shown, 0)}","{english(cost)}"')
    fast, careful = read_both("\n".join(lines) + "\n", monkeypatch)
    same_table(fast, careful)
    assert fast.table["impressions"].sum() == impressions
    assert fast.table["spend"].sum() == pytest.approx(spend)


def test_a_count_written_like_1_234_in_a_comma_file_is_a_thousand_and_more(monkeypatch):
    """pyarrow reads 1.234 as one and a bit; a count cannot be that, and the careful
    reader's answer (thousands grouped) is the one both give."""
    lines = ["Date,Impressions"]
    impressions = 0
    for i in range(ROWS * 2):
        shown = 1000 + (i * 37) % 9000
        impressions += shown
        lines.append(f"{day(i).isoformat()},{german(shown, 0)}")
    fast, careful = read_both("\n".join(lines) + "\n", monkeypatch)
    same_table(fast, careful)
    assert fast.table["impressions"].sum() == impressions


def test_a_column_that_changes_its_look_after_the_first_block(monkeypatch):
    """pyarrow guesses a column's type from its first block; a grouped number further
    down must not refuse the file or lose the row."""
    lines = ["Datum;Impressionen;Kosten"]
    impressions, spend = 0, 0.0
    for i in range(ROWS * 2):
        shown = 100 + i % 800 if i < ROWS * 2 - 10 else 12_345
        cost = (i % 90) + 0.5
        impressions, spend = impressions + shown, spend + cost
        lines.append(f"{day(i):%d.%m.%Y};{german(shown, 0)};{german(cost, 1)}")
    fast, careful = read_both("\n".join(lines) + "\n", monkeypatch)
    same_table(fast, careful)
    assert fast.table["impressions"].sum() == impressions
    assert fast.table["spend"].sum() == pytest.approx(spend)


def test_amounts_with_a_currency_sign_in_a_large_german_file(monkeypatch):
    lines = ["Datum;Kosten"]
    spend = 0.0
    for i in range(ROWS * 2):
        cost = round((i % 5000) / 4, 2)
        spend += cost
        lines.append(f"{day(i):%d.%m.%Y};{german(cost)} €")
    fast, careful = read_both("\n".join(lines) + "\n", monkeypatch)
    same_table(fast, careful)
    assert fast.table["spend"].sum() == pytest.approx(spend)
    assert set(fast.table["currency"]) == {"EUR"}


def test_the_choices_panel_shows_a_large_csv_from_its_head_and_the_read_takes_every_row():
    """What a person is shown to choose from (tables, header rows, first rows) comes
    from the head the sniff looked at; splitting a million rows into Python lists for a
    panel held the server for seconds. The read itself still takes every row."""
    from impact.importers import preview
    from impact.importers.sniff import HEAD_CHARS, sniff

    rows = 3 * HEAD_CHARS // 20
    lines = ["Date,Channel,Leads"] + [f"{day(n % 300).isoformat()},linkedin,{n % 7}" for n in range(rows)]
    data = ("\n".join(lines) + "\n").encode()
    sniffed = sniff(data, "crm.csv")
    assert not sniffed.complete
    assert [o.label for o in preview.tables(sniffed)] == ["1. Date, Channel, Leads"]
    assert preview.detected_header(sniffed, None) == 0 and preview.header_rows(sniffed, None)[0][1].startswith("Date")
    shown = preview.as_read(sniffed, None, None)
    assert shown is not None and preview.first_rows(shown)[0][0] == day(0).isoformat()
    assert not sniffed.complete  # nothing above split the rest
    result = read_export(sniffed)
    assert result.rows_read == rows and result.table["leads"].sum() == sum(n % 7 for n in range(rows))
