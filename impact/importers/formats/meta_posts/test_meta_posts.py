"""The meta_posts format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from datetime import datetime

from tests.real_export_support import (
    column,
    number,
    read,
    rows,
    total,
)


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
