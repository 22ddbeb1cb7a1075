"""The ga4 format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from datetime import date, datetime

from tests.real_export_support import (
    REAL,
    column,
    number,
    read,
    rows,
    total,
)


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
