"""The youtube format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from impact.importers import Choices, ExportError
from impact.wording import warning_text
from tests.real_export_support import (
    REAL,
    column,
    number,
    read,
    read_bytes,
    table,
    total,
    zipped,
)

DE = "youtube/raphaeloe+Youtube/"


def _gesamt() -> dict[str, float]:
    rows = table((REAL / DE / "Tabellendaten.csv").read_text("utf-8"))
    header = [h.replace("\u00ad", "") for h in rows[0]]
    [stated] = [r for r in rows[1:] if r and r[0].replace("\u00ad", "") == "Gesamt"]
    return {h: number(v) for h, v in zip(header, stated, strict=False) if v}


def test_youtube_german_download_soft_hyphens_and_the_channel_total():
    data = zipped(
        {
            name: (REAL / DE / name).read_bytes()
            for name in ("Tabellendaten.csv", "Diagrammdaten.csv", "Gesamtwerte.csv")
        }
    )
    result = read_bytes(data, "Kanal-Analytics.zip")
    gesamt = _gesamt()
    daily = sum(number(v) for v in column(table((REAL / DE / "Gesamtwerte.csv").read_text("utf-8")), "Aufrufe"))
    assert result.format == "youtube"
    assert total(result, "video_views") == gesamt["Aufrufe"] == daily
    assert total(result, "watch_time_seconds") == pytest.approx(gesamt["Wiedergabezeit (Stunden)"] * 3600)
    assert total(result, "followers_gained") == gesamt["Abonnenten"]
    assert total(result, "impressions") == gesamt["Impressionen"]
    assert result.period == (date(2020, 1, 1), date(2020, 12, 31))  # the days of Gesamtwerte


def test_youtube_table_alone_its_total_wins_over_its_500_rows_and_the_difference_is_said():
    rows = table((REAL / DE / "Tabellendaten.csv").read_text("utf-8"))
    listed = sum(number(r[3]) for r in rows[2:] if len(r) > 3)  # the videos, without the Gesamt row
    with pytest.raises(ExportError) as info:
        read(DE + "Tabellendaten.csv")
    assert info.value.code == "no_date"  # the file names no period anywhere: asked
    result = read(DE + "Tabellendaten.csv", choices=Choices(period=(date(2020, 1, 1), date(2020, 12, 31))))
    gesamt = _gesamt()
    assert listed < gesamt["Aufrufe"]
    assert total(result, "video_views") == gesamt["Aufrufe"]
    [said] = [d for c, d in result.warnings if c == "total_above_rows" and d.startswith("Aufrufe|")]
    assert said == f"Aufrufe|{gesamt['Aufrufe']:.0f}|{listed:.0f}|{gesamt['Aufrufe'] - listed:.0f}"
    sentence = warning_text("total_above_rows", said, "de")
    assert "405.712" in sentence and "401.812" in sentence and "3.900" in sentence  # as a German reader writes them
    rest = result.table[result.table["segment"].isna()]
    assert rest["video_views"].sum() == gesamt["Aufrufe"] - listed  # in no listed segment


def test_youtube_totals_file_alone_asks_what_its_views_are_and_reads_what_the_person_says():
    with pytest.raises(ExportError) as info:
        read(DE + "Gesamtwerte.csv")
    assert info.value.code == "ambiguous_column"
    assert info.value.detail == "Aufrufe|impressions,video_views,page_views"
    result = read(DE + "Gesamtwerte.csv", mapping={"Aufrufe": "video_views"})
    assert total(result, "video_views") == _gesamt()["Aufrufe"]


PT = "youtube/mauriciodxavier+dados-minerados/"


PT_ZIPS = {
    "Conteúdo 2020-04-23_2025-04-16 UFSCar - Universidade Federal de São Carlos.zip": (
        ("Visualizações", "video_views", 1),
        ("Tempo de exibição (horas)", "watch_time_seconds", 3600),
        ("Inscritos", "followers_gained", 1),
        ("Impressões", "impressions", 1),
    ),
    "Conteúdo 2024-06-02_2025-06-02 UFSCar - Universidade Federal de São Carlos.zip": (
        ("Visualizações", "video_views", 1),
        ("Tempo de exibição (horas)", "watch_time_seconds", 3600),
        ("Inscritos", "followers_gained", 1),
        ("Impressões", "impressions", 1),
    ),
    "Cidades 2024-06-02_2025-06-02 UFSCar - Universidade Federal de São Carlos.zip": (
        ("Visualizações", "video_views", 1),
        ("Tempo de exibição (horas)", "watch_time_seconds", 3600),
    ),
    "Origem do tráfego 2024-06-02_2025-06-02 UFSCar - Universidade Federal de São Carlos.zip": (
        ("Visualizações", "video_views", 1),
        ("Tempo de exibição (horas)", "watch_time_seconds", 3600),
        ("Impressões", "impressions", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(PT_ZIPS))
def test_youtube_portuguese_zips_by_content_city_and_source_give_the_channel_total(name):
    with zipfile.ZipFile(REAL / PT / name) as archive:
        rows = table(archive.read("Dados da tabela.csv").decode("utf-8-sig"))
    [stated] = [r for r in rows[1:] if r and r[0] == "Total"]
    header = rows[0]
    result = read(PT + name)
    assert result.format == "youtube" and set(result.table["channel"]) == {"youtube"}
    for column_name, metric, factor in PT_ZIPS[name]:
        expected = number(stated[header.index(column_name)]) * factor
        assert total(result, metric) == pytest.approx(expected, abs=0.011 * factor), column_name


def _total_row(path: Path) -> dict[str, float]:
    rows = table(path.read_text("utf-8-sig"))
    [stated] = [r for r in rows[1:] if r and r[0] == "Total"]
    return {h: number(v) for h, v in zip(rows[0], stated, strict=False) if v}


def test_youtube_portuguese_download_revenue_by_day_and_the_channel_total_by_video():
    folder = REAL / "youtube/GianMartins+Youtube"
    data = zipped({p.name: p.read_bytes() for p in folder.iterdir()})
    stated = _total_row(folder / "Dados da tabela.csv")
    daily = sum(
        number(v) for v in column(table((folder / "Total.csv").read_text("utf-8-sig")), "Receita estimada (USD)")
    )
    result = read_bytes(data, "Conteúdo 2023-01-01_2023-06-29 canal.zip")
    assert total(result, "revenue") == pytest.approx(daily)  # the day table counts first
    assert total(result, "revenue") == pytest.approx(stated["Receita estimada (USD)"], abs=0.01)  # the total agrees
    assert set(result.table["currency"].dropna()) == {"USD"}
    assert total(result, "video_views") == stated["Visualizações"]
    assert total(result, "watch_time_seconds") == pytest.approx(stated["Tempo de exibição (horas)"] * 3600)
    assert total(result, "followers_gained") == stated["Inscritos"]
    assert total(result, "impressions") == stated["Impressões"]


def test_youtube_table_in_brazilian_reais_with_its_period_chosen():
    relative = "youtube/KNZLink+KNZLink/Dados da tabela.csv"
    stated = _total_row(REAL / relative)
    result = read(relative, choices=Choices(period=(date(2024, 1, 1), date(2024, 12, 31))))
    assert total(result, "video_views") == stated["Visualizações"]
    assert total(result, "revenue") == pytest.approx(stated["Sua receita estimada (BRL)"])
    assert set(result.table["currency"].dropna()) == {"BRL"}
