"""The tiktok format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from datetime import date, datetime

from tests.real_export_support import (
    TODAY,
    column,
    number,
    read,
    rows,
    total,
)


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
