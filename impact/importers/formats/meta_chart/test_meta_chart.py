"""The meta_chart format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

import re

import pytest

from impact.importers import ExportError
from tests.real_export_support import (
    REAL,
    number,
    read,
    read_bytes,
    table,
    total,
)


def _sections(relative: str) -> list[tuple[str, list[list[str]]]]:
    """(title, rows) of each block of a Meta chart export, split here by blank lines."""
    text = (REAL / relative).read_bytes().decode("utf-16")
    blocks = []
    for block in re.split(r"\r?\n\s*\r?\n", text.split("\n", 1)[1].strip()):
        lines = table(block)
        blocks.append((lines[0][0], lines[1:]))
    return blocks


NATALIA = "meta_business_suite/nataliaartilha+Social_Media_Analytics/"


def test_meta_sections_new_likes_and_new_followers_are_gains_per_platform():
    result = read(NATALIA + "New likes and follows (1).csv")
    (fb_title, fb), (ig_title, ig) = _sections(NATALIA + "New likes and follows (1).csv")
    assert "Facebook" in fb_title and "Instagram" in ig_title
    by_channel = result.table.groupby("channel")["followers_gained"].sum()
    assert by_channel["facebook"] == sum(number(r[1]) for r in fb[1:])
    assert by_channel["instagram"] == sum(number(r[1]) for r in ig[1:])
    assert "followers" not in result.table  # a day's new followers are never the follower count


def test_meta_section_title_wins_over_a_mislabelled_column():
    relative = NATALIA + "Page and profile visits (1).csv"
    (fb_title, fb), (ig_title, ig) = _sections(relative)
    assert (fb_title, ig_title) == ("Facebook Page visits", "Instagram profile visits")
    assert fb[0][1] == "Facebook Page likes" and ig[0][1] == "Instagram followers"  # Meta's own mislabel
    result = read(relative)
    assert [c for c in result.table.columns if c in ("followers", "followers_gained")] == []
    by_channel = result.table.groupby("channel")["profile_visits"].sum()
    assert by_channel["facebook"] == sum(number(r[1]) for r in fb[1:])
    assert by_channel["instagram"] == sum(number(r[1]) for r in ig[1:])


SEGUIDORES = "meta_business_suite/arthurto+dados_alcance_pop_science/data_14_09_24_a_14_09_25/Seguidores.csv"


def test_meta_portuguese_followers_chart_is_new_follows_and_a_count_like_series_is_asked_about():
    (title, rows) = _sections(SEGUIDORES)[0]
    result = read(SEGUIDORES)
    assert title == "Seguidores no Instagram"
    assert total(result, "followers_gained") == sum(number(r[1]) for r in rows[1:])
    assert len(rows) - 1 < (result.period[1] - result.period[0]).days + 1  # days without a follow are left out
    text = (REAL / SEGUIDORES).read_bytes().decode("utf-16")
    running, count = [], 1200
    for line in text.splitlines():
        if line.startswith('"20'):
            count += 3
            line = re.sub(r',"\d+"$', f',"{count}"', line)
        running.append(line)
    as_a_count = "\n".join(running).encode("utf-16")
    with pytest.raises(ExportError) as info:
        read_bytes(as_a_count, "Seguidores.csv")
    assert info.value.code == "ambiguous_column" and info.value.detail.endswith("|followers_gained,followers")
