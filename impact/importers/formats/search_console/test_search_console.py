"""The search_console format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from impact.importers import ExportError
from tests.real_export_support import (
    REAL,
    column,
    number,
    read_bytes,
    table,
    total,
    zipped,
)

MICHELIN = REAL / "search_console/GAP028+michelin-seo-dashboard"


def _download(folder: Path, *, without: tuple[str, ...] = ()) -> bytes:
    return zipped({p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name not in without})


def test_search_console_french_download_as_one_zip_counts_its_days_once():
    days = table((MICHELIN / "Dates.csv").read_text("utf-8-sig"))
    devices = table((MICHELIN / "Appareils.csv").read_text("utf-8-sig"))
    result = read_bytes(_download(MICHELIN), "https___www.michelin.fr-Performance-on-Search-2025-02-07.zip")
    assert result.format == "search_console"
    assert total(result, "search_clicks") == sum(number(v) for v in column(days, "Clics"))
    assert total(result, "search_clicks") == sum(number(v) for v in column(devices, "Clics"))  # the file agrees
    assert total(result, "search_impressions") == sum(number(v) for v in column(days, "Impressions"))


def test_search_console_relative_range_is_said_with_its_words_and_an_absolute_one_dates_the_tables():
    with pytest.raises(ExportError) as info:
        read_bytes(_download(MICHELIN, without=("Dates.csv",)), "performance.zip")
    assert info.value.code == "relative_range" and info.value.detail == "Les 3 derniers mois"
    queries = table((MICHELIN / "Requêtes.csv").read_text("utf-8-sig"))
    filters = (
        (MICHELIN / "Filtres.csv")
        .read_text("utf-8-sig")
        .replace("Les 3\u00a0derniers mois", '"1 nov. 2024 - 5 févr. 2025"')
    )
    data = zipped({"Requêtes.csv": (MICHELIN / "Requêtes.csv").read_bytes(), "Filtres.csv": filters.encode()})
    result = read_bytes(data, "performance.zip")
    assert result.period == (date(2024, 11, 1), date(2025, 2, 5))
    assert ("range_from_companion", "2024-11-01|2025-02-05") in result.warnings
    assert total(result, "search_clicks") == sum(number(v) for v in column(queries, "Clics"))
