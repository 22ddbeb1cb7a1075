"""The shared header vocabulary: every canonical metric named in each of the seven
languages the platforms translate their exports into, no word under two meanings,
words that mean different things on different platforms never read without asking,
and invisible characters never standing between a header and its meaning."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from impact.importers import ExportError, read_export
from impact.importers.encoding import INVISIBLE
from impact.importers.vocabulary import LANGUAGES, ROLES, _headers, fold, role_of
from impact.metrics import METRICS

RAW = yaml.safe_load((Path(__file__).resolve().parent.parent / "impact/importers/vocabulary.yaml").read_text("utf-8"))


@pytest.mark.parametrize("role", [*ROLES, *METRICS])
def test_every_metric_and_key_role_has_its_words_in_each_language(role):
    languages = RAW["headers"].get(role)
    assert isinstance(languages, dict), f"{role} has no words"
    missing = [lang for lang in LANGUAGES if not languages.get(lang)]
    assert missing == [], f"{role} has no words in {missing}"


def _spelling(entry: object) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


@pytest.mark.parametrize("role", [*ROLES, *METRICS])
def test_each_word_reads_as_its_role(role):
    for lang, words in RAW["headers"][role].items():
        for entry in words:
            found = role_of(_spelling(entry))
            target = entry[_spelling(entry)][0] if isinstance(entry, dict) else role
            assert found is not None and found.name == target, f"{lang}: {_spelling(entry)!r} reads as {found}"


def test_a_word_under_two_meanings_is_refused_when_the_vocabulary_loads():
    clash = {"headers": {"impressions": {"en": ["views"]}, "video_views": {"en": ["views"]}}}
    with pytest.raises(ValueError, match="both"):
        _headers(clash)
    certain_and_ambiguous = {
        "headers": {"impressions": {"en": ["views"]}},
        "ambiguous": [{"readings": ["impressions", "video_views"], "words": {"en": ["views"]}}],
    }
    with pytest.raises(ValueError, match="ambiguous"):
        _headers(certain_and_ambiguous)
    with pytest.raises(ValueError, match="per language"):
        _headers({"headers": {"impressions": ["impressions"]}})


AMBIGUOUS_WORDS = [
    (lang, word, tuple(entry["readings"]))
    for entry in RAW["ambiguous"]
    for lang, words in entry["words"].items()
    for word in words
]


@pytest.mark.parametrize(("lang", "word", "readings"), AMBIGUOUS_WORDS)
def test_a_word_with_several_meanings_is_never_read_alone_and_names_them_all(lang, word, readings):
    data = f"Date,{word.title()}\n2026-10-01,5\n2026-10-02,7\n".encode()
    with pytest.raises(ExportError) as info:
        read_export(data, "export.csv", today=date(2026, 11, 1))
    assert info.value.code == "ambiguous_column"
    header, named = info.value.detail.split("|")
    assert fold(header) == fold(word) and tuple(named.split(",")) == readings


def test_beside_other_metrics_the_word_with_several_meanings_is_left_out_with_a_warning():
    result = read_export(b"Datum,Aufrufe,Klicks\n2026-10-01,50,5\n", "x.csv", today=date(2026, 11, 1))
    assert list(result.table.columns[result.table.columns.isin(list(METRICS))]) == ["clicks"]
    assert ("ambiguous_column", "Aufrufe|impressions,video_views,page_views") in result.warnings
    [ignored] = [i for i in result.ignored if i.column == "Aufrufe"]
    assert (ignored.reason, ignored.readings) == ("ambiguous", ("impressions", "video_views", "page_views"))


def test_the_person_says_what_the_word_means_and_it_is_read():
    result = read_export(
        b"Datum,Aufrufe\n2026-10-01,50\n2026-10-02,70\n",
        "x.csv",
        mapping={"Aufrufe": "video_views"},
        today=date(2026, 11, 1),
    )
    assert result.table["video_views"].sum() == 120


@pytest.mark.parametrize("mark", sorted(chr(c) for c in INVISIBLE))
def test_invisible_characters_never_stand_between_a_header_and_its_meaning(mark):
    assert role_of(f"Ge{mark}wonnene Fol{mark}lower").name == "followers_gained"
    data = f"Da{mark}tum,Klicks\n2026-10-01,5\nGe{mark}samt,5\n".encode()
    result = read_export(data, "x.csv", today=date(2026, 11, 1))
    assert result.table["clicks"].sum() == 5 and ("total_rows", "1") in result.warnings


def test_a_bom_in_the_middle_of_glued_files_and_narrow_spaces_in_numbers():
    data = "\ufeffDate,Clicks\n2026-10-01,1\u202f000\n\ufeffDate,Clicks\n2026-10-02,2\u00a0000\n".encode()
    result = read_export(data, "x.csv", today=date(2026, 11, 1))
    assert result.table["clicks"].sum() == 3000 and result.rows_read == 2
