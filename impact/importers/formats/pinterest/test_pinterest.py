"""The pinterest format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

import re

from tests.real_export_support import (
    REAL,
    number,
    read,
    table,
    total,
)


def test_pinterest_daily_series_without_its_footnote():
    relative = "pinterest/vanessarubel14-cmd+vanessa-rubel-portfolio/Pinterest Analytics 11:24-9:25.csv"
    rows = table((REAL / relative).read_text("utf-8-sig"))
    start = next(i for i, r in enumerate(rows) if r[:2] == ["Date", "Impressions"])
    daily = [r for r in rows[start + 1 :] if len(r) == 2 and re.match(r"\d{4}-\d{2}-\d{2}$", r[0])]
    result = read(relative)
    assert total(result, "impressions") == sum(number(r[1]) for r in daily)
    assert not any(code == "some_bad_dates" for code, _d in result.warnings)  # the footnote is no row
