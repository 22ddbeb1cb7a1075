"""The linkedin_demographics format: LinkedIn's real demographics report is refused by
name, since its splits never add up to the campaigns (small groups left out, some
people counted under several values)."""

from __future__ import annotations

import pytest

from impact.importers import ExportError
from tests.real_export_support import REAL, number, read, table

ORLA = "linkedin_ads/joefaria+dashboard-orla/"


def _sections(name: str) -> list[list[list[str]]]:
    rows = table((REAL / ORLA / name).read_bytes().decode("utf-16"), delimiter="\t")
    blocks: list[list[list[str]]] = []
    for row in rows:
        if row and row[0].endswith("Segment"):  # each dimension's header starts a block
            blocks.append([row])
        elif blocks and len(row) > 1:
            blocks[-1].append(row)
    return blocks


def test_no_split_adds_up_to_the_campaigns_so_the_report_is_refused_by_name():
    campaigns = (REAL / ORLA / "campaign_group_808102433_campaign_performance_report.csv").read_bytes()
    lines = campaigns.decode("utf-16").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Start Date"))
    rows = table("\n".join(lines[start:]), delimiter="\t")
    whole = sum(number(r[rows[0].index("Impressions")]) for r in rows[1:] if len(r) > 1)
    sections = _sections("account_517883322_demographics_report.csv")
    splits = [sum(number(r[1]) for r in section[1:]) for section in sections]
    assert len(sections) >= 5 and whole not in splits  # no split is the whole
    assert min(splits) < whole < max(splits)  # some leave groups out, some count people twice
    with pytest.raises(ExportError) as info:
        read(ORLA + "account_517883322_demographics_report.csv")
    assert (info.value.code, info.value.detail) == ("nothing_to_check", "linkedin_demographics")
