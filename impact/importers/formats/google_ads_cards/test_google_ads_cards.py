"""The google_ads_cards format: real exports of this format (``tests/real_exports``), each total
compared with what the file itself states or a sum made here over its raw bytes."""

from __future__ import annotations

from datetime import date

import pytest

from impact.importers import Choices, ExportError
from tests.real_export_support import (
    REAL,
    column,
    number,
    read,
    table,
    total,
)

CARDS = "google_ads/GetupAgency+ingemedia-data-marketing/"


SERIES = CARDS + "Série_temporelle(2024.12.30-2025.10.09_par_rapport_à_2024.01.01-2024.10.09).csv"


WORDS = CARDS + "Recherches(Mot_2025.01.01-2025.10.09_par_rapport_à_2024.01.01-2024.10.09).csv"


KEYWORDS = (
    CARDS + "Mots_clés_pour_le_Réseau_de_Recherche(2025.01.01-2025.10.09_par_rapport_à_2024.01.01-2024.10.09).csv"
)


def test_google_ads_weekly_card_in_french_reads_its_weeks_and_never_the_comparison():
    rows = table((REAL / SERIES).read_text("utf-8-sig"))
    result = read(SERIES)
    assert total(result, "clicks") == sum(number(v, ",") for v in column(rows, "Clics"))
    assert total(result, "spend") == pytest.approx(sum(number(v, ",") for v in column(rows, "Coût")))
    assert set(result.table["currency"].dropna()) == {"EUR"}
    assert result.period[0] == date(2024, 12, 30)  # "Semaine du 30 déc. 2024"
    compared = {i.column for i in result.ignored if i.reason == "comparison"}
    assert {"Clics(Comparaison)", "Coût(Comparaison)", "Semaine(Comparaison)"} <= compared


def test_google_ads_card_without_a_date_takes_its_range_from_the_file_name_and_says_so():
    rows = table((REAL / KEYWORDS).read_text("utf-8-sig"))
    result = read(KEYWORDS)
    assert result.period == (date(2025, 1, 1), date(2025, 10, 9))
    assert ("range_from_file_name", "2025-01-01|2025-10-09") in result.warnings
    assert total(result, "clicks") == sum(number(v, ",") for v in column(rows, "Clics"))
    assert total(result, "spend") == pytest.approx(sum(number(v, ",") for v in column(rows, "Coût")))
    corrected = read(KEYWORDS, choices=Choices(period=(date(2025, 2, 1), date(2025, 2, 28))))
    assert corrected.period == (date(2025, 2, 1), date(2025, 2, 28))  # the person corrects it


def test_google_ads_card_of_single_words_is_refused_since_one_search_counts_under_each_word():
    rows = table((REAL / WORDS).read_text("utf-8-sig"))
    searches = column(rows, "Principales requêtes contenant ce mot")
    overlapping = {q.strip(" ()") for cell in searches for q in cell.strip("()").split(", ")}
    assert len(overlapping) < sum(len(cell.split(", ")) for cell in searches)  # the same search under two words
    with pytest.raises(ExportError) as info:
        read(WORDS)
    assert (info.value.code, info.value.detail) == ("nothing_to_check", "words_overlap")
