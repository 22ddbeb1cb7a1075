"""The mailchimp format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from tests.real_export_support import (
    REAL,
    column,
    number,
    read,
    table,
    total,
)


def test_mailchimp_ab_test_counts_its_variants_once():
    rows = table((REAL / "mailchimp/ilanaseidl/campaigns.csv").read_text("utf-8-sig"))
    titles = column(rows, "Title")
    delivered = [number(v) for v in column(rows, "Successful Deliveries")]
    parents = {t.split(" | ")[0] for t in titles if " | " in t}
    expected = sum(d for t, d in zip(titles, delivered, strict=True) if t not in parents)
    assert sum(d for t, d in zip(titles, delivered, strict=True) if t in parents) == sum(
        d for t, d in zip(titles, delivered, strict=True) if " | " in t
    )  # the campaign row is the sum of its variants
    result = read("mailchimp/ilanaseidl/campaigns.csv")
    assert total(result, "emails_sent") == expected
    assert ("ab_test_totals", str(len(parents))) in result.warnings
