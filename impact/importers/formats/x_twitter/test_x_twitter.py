"""The x_twitter format: real exports of this format (``tests/real_exports``), each total
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
