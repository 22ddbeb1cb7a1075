"""No dead end in the data check: a table no reader knows, or one without a date, is
read by hand on the page, the choices are remembered for the next file of the same
shape, and the same choices drive the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from impact.importers import Choices, ChoicesError, ExportError, read_export
from impact.importers.choices import read_mapping_file, write_mapping_file
from impact.strategy_file import parse_strategy
from storage.checks import list_checks, list_mappings, load_check
from storage.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
REAL = Path(__file__).resolve().parent / "real_exports"

BAKERY_PLAN = """format: impact-strategy/1
name: Bäckerei Sonnenschein
language: de
goals:
  - {id: umsatz, title: Mehr Vorbestellungen, area: revenue, hard: true}
kpis:
  - {card: vorbestellungen, stage: conversion, goal: umsatz, target: 15, period: month,
     owner: {department: sales}}
  - {card: social-revenue, stage: conversion, goal: umsatz, target: 2000, period: month,
     owner: {department: sales}}
custom_cards:
  - id: vorbestellungen
    stage: conversion
    kind: kpi
    title: {de: Vorbestellungen, en: Pre-orders}
    question: {de: "Wie viele Torten werden vorbestellt?", en: "How many cakes are pre-ordered?"}
    formula: orders
    unit: count
    direction: up
    inputs: [orders]
    owner: sales
"""
# the kind of spreadsheet a bakery keeps: German, cp1252, ';', 03.11.2026, 1.234,50
BAKERY = "Datum;Tortenbestellungen;Umsatz\n03.11.2026;12;1.234,50\n04.11.2026;8;980,00\n05.11.2026;11;1.101,25\n"
BAKERY_DECEMBER = "Datum;Tortenbestellungen;Umsatz\n01.12.2026;20;2.000,00\n"
# one total per shop and no date at all
SHOPS = "Filiale;Tortenbestellungen;Umsatz\nMitte;40;2.000,00\nNord;25;1.500,50\n"


def plan():
    return parse_strategy(BAKERY_PLAN.encode("utf-8"))


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def _upload(at, *files: tuple[str, bytes]):
    at.file_uploader(key="check_upload").set_value([(n, d, "text/csv") for n, d in files]).run()
    assert not at.exception


def _select(at, starts: str):
    [found] = [s for s in at.selectbox if s.label.startswith(starts)]
    return found


def _button(at, label: str, occurrence: int = 0):
    return [b for b in at.button if b.label == label][occurrence]


# --- the domain ---------------------------------------------------------------------------


def test_a_column_no_reader_knows_is_named_by_hand():
    data = BAKERY.encode("cp1252")
    plain = read_export(data, "baeckerei.csv")
    assert "orders" not in plain.table  # 'Tortenbestellungen' is nobody's word for a canonical metric
    assert ("Tortenbestellungen", "unknown") in {(i.column, i.reason) for i in plain.ignored}
    chosen = read_export(data, "baeckerei.csv", choices=Choices(columns={"Tortenbestellungen": "orders"}))
    assert chosen.table["orders"].sum() == 12 + 8 + 11 and chosen.table["revenue"].sum() == pytest.approx(3315.75)


def test_a_table_without_dates_gets_its_period_by_hand():
    with pytest.raises(ExportError) as info:
        read_export(SHOPS.encode(), "filialen.csv")
    assert info.value.code == "no_date"
    choices = Choices(
        columns={"Filiale": "segment", "Tortenbestellungen": "orders"},
        period=(date(2026, 10, 1), date(2026, 10, 31)),
        channel="laden",
    )
    result = read_export(SHOPS.encode(), "filialen.csv", choices=choices)
    assert set(result.table["segment"]) == {"Mitte", "Nord"} and set(result.table["channel"]) == {"laden"}
    assert result.period == (date(2026, 10, 1), date(2026, 10, 31)) and result.table["orders"].sum() == 65


def test_the_header_row_and_the_table_are_chosen_by_hand():
    text = "Bäckerei Sonnenschein\nStand 30.11.2026\n1;2;3\nTag;Stück;Erlös\n03.11.2026;12;1.234,50\n"
    choices = Choices(header_row=3, columns={"Tag": "date", "Stück": "orders"})
    result = read_export(text.encode("utf-8"), "liste.csv", choices=choices)
    assert result.table["orders"].sum() == 12 and result.table["revenue"].sum() == pytest.approx(1234.5)
    several = "Tag;Leads\n01.10.2026;3\n\n# Start date: 20261001\nTag;Anfragen\n02.10.2026;5\n"
    second = read_export(several.encode(), "zwei.csv", choices=Choices(table=1, columns={"Tag": "date"}))
    assert "leads" not in second.table and second.table["inquiries"].sum() == 5


def test_dates_that_read_two_ways_are_settled_by_hand():
    with pytest.raises(ExportError) as info:
        read_export(b"Date,Leads\n03/04/2026,3\n", "a.csv")
    assert info.value.code == "ambiguous_dates"
    result = read_export(b"Date,Leads\n03/04/2026,3\n", "a.csv", choices=Choices(date_order="mdy"))
    assert result.period == (date(2026, 3, 4), date(2026, 3, 4))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('"Gender","Distribution"\n"Female","0.55"\n"Male","0.45"\n', "breakdown_only"),  # TikTok FollowerGender
        (
            'sep=,\n"Seguidores do Instagram por gênero e idade"\n"Idade","Mulheres","Homens"\n'
            '"18-24","23,9%","12,5%"\n"25-34","19,5%","15,8%"\n',
            "breakdown_only",
        ),  # Meta demographic chart export
        ("Date,Impressions,Clicks\n", "no_rows"),  # header only
    ],
)
def test_a_file_with_nothing_usable_says_what_it_holds(text, code):
    with pytest.raises(ExportError) as info:
        read_export(text.encode("utf-8"), "x.csv")
    assert info.value.code == code


def test_a_mapping_file_round_trips_and_refuses_mistakes_with_their_path():
    choices = Choices(
        format="generic",
        header_row=2,
        columns={"A": "orders", "B": None},
        channel="laden",
        period=(date(2026, 10, 1), date(2026, 10, 31)),
        date_order="dmy",
    )
    text = write_mapping_file([("abc", "a.csv", choices)])
    assert read_mapping_file(text) == {"abc": choices}
    for broken, path in (
        ("format: impact-mapping/1\nfiles:\n  - {signature: x, columns: {A: ordres}}\n", "files[0].columns.A"),
        ("format: impact-mapping/1\nfiles:\n  - {signature: x, header_row: -1}\n", "files[0].header_row"),
        ("format: impact-mapping/1\nfiles:\n  - {signature: x, period: [2026-10-31, 2026-10-01]}\n", "files[0].period"),
        ("format: impact-mapping/1\nfiles:\n  - {signature: x, colums: {}}\n", "files[0].colums"),
        ("format: something-else\n", "format"),
        ("a: &x [1]\nb: *x\n", "(file)"),
    ):
        with pytest.raises(ChoicesError) as info:
            read_mapping_file(broken)
        assert info.value.path == path


# --- the page --------------------------------------------------------------------------------


def test_the_bakery_reads_its_own_spreadsheets_by_hand_and_next_month_without_questions(open_app, app, db_url):
    at, stored = open_app(plan(), "views/check.py")
    _upload(at, ("baeckerei.csv", BAKERY.encode("cp1252")), ("filialen.csv", SHOPS.encode("utf-8")))
    errors = [e.value for e in at.error]
    assert "Keine Datumsspalte gefunden, und die Datei nennt keinen Zeitraum." in errors
    # the dateless table opens its editor by itself and says which choice is missing
    assert any("Wählen Sie die Datumsspalte oder den Zeitraum" in w.value for w in at.warning)

    # the spreadsheet: 'Tortenbestellungen' is a column nobody knows; name it
    _select(at, "Tortenbestellungen — nicht erkannt").set_value("orders")
    at.run()
    assert any(
        "3 Zeilen gelesen · 03.11.2026 – 05.11.2026 · Bestellungen: 31 · Umsatz: 3.315,75" in s.value
        for s in at.success
    )
    _button(at, "Übernehmen und merken", 0).click().run()
    assert not at.exception

    # the table without dates: say which period it covers and what the shop column is
    from impact.pipeline import read_file

    shops = read_file("filialen.csv", SHOPS.encode()).signature
    at.date_input(key=f"fix_{shops}_period").set_value((date(2026, 10, 1), date(2026, 10, 31))).run()
    [shop_column] = [s for s in at.selectbox if s.label.startswith("Filiale")]
    shop_column.set_value("segment").run()
    [shops_orders] = [s for s in at.selectbox if s.label.startswith("Tortenbestellungen") and s.value == "__auto__"]
    shops_orders.set_value("orders").run()
    assert any("2 Zeilen gelesen · 01.10.2026 – 31.10.2026 · Bestellungen: 65" in s.value for s in at.success)
    _button(at, "Übernehmen und merken", 1).click().run()
    assert not at.exception
    assert not at.error  # both files read now

    at.button(key="check_run").click().run()
    assert not at.exception
    [saved] = list_checks(make_engine(db_url), stored.id)
    check = load_check(make_engine(db_url), saved.id)
    whole = {(r["kpi"], r["period"]): r for r in check.results if r["segment"] is None}
    assert whole[("vorbestellungen", "2026-11")]["actual"] == 31
    assert whole[("vorbestellungen", "2026-10")]["actual"] == 65
    assert whole[("social-revenue", "2026-11")]["actual"] == pytest.approx(3315.75)
    assert len(list_mappings(make_engine(db_url), stored.id)) == 2

    # next month, a fresh session (a reload): the same shapes read with no questions
    december = app("de")
    december.query_params["strategy"] = stored.id
    december.run()
    december.switch_page("views/check.py").run()
    _upload(december, ("baeckerei-dezember.csv", BAKERY_DECEMBER.encode("cp1252")), ("filialen.csv", SHOPS.encode()))
    assert not december.error
    lines = [_plain(m.value) for m in december.markdown]
    assert any("baeckerei-dezember.csv** · Tabelle (CRM, Shop, Tabellenkalkulation) · 01.12.2026" in v for v in lines)
    assert any("filialen.csv** · Tabelle" in v and "2 Zeilen gelesen" in v for v in lines)

    # the page offers the choices as a mapping file for the command line
    [download] = [d for d in december.get("download_button") if d.proto.label == "Zuordnung für die Kommandozeile"]
    assert download is not None


def test_forgetting_the_choices_reads_the_file_as_recognised_again(open_app, db_url):
    at, stored = open_app(plan(), "views/check.py")
    _upload(at, ("baeckerei.csv", BAKERY.encode("cp1252")))
    _select(at, "Tortenbestellungen — nicht erkannt").set_value("orders")
    at.run()
    _button(at, "Übernehmen und merken").click().run()
    assert any("Spalten: 3 verwendet" in e.label for e in at.expander)
    _button(at, "Meine Auswahl vergessen").click().run()
    assert not at.exception
    assert list_mappings(make_engine(db_url), stored.id) == []
    assert any("Spalten: 2 verwendet" in e.label for e in at.expander)


def test_a_file_with_nothing_usable_is_said_and_the_others_are_still_checked(open_app, db_url):
    at, stored = open_app(plan(), "views/check.py")
    gender = b'"Gender","Distribution"\n"Female","0.55"\n"Male","0.45"\n'
    _upload(
        at,
        ("baeckerei.csv", BAKERY.encode("cp1252")),
        ("FollowerGender.csv", gender),
        ("leer.csv", b"Datum;Umsatz\n"),
        (
            (REAL / "meta_ads" / "Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv").name,
            (REAL / "meta_ads" / "Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv").read_bytes(),
        ),
    )
    said = [i.value for i in at.info]
    assert any(s.startswith("Diese Datei enthält Anteile nach Gender (Prozente)") for s in said)
    assert any(s.startswith("Die Datei nennt ihre Spalten (Datum, Umsatz), enthält aber keine Zeilen") for s in said)
    assert any("sie sagt „No data available.“" in s for s in said)
    at.button(key="check_run").click().run()
    assert not at.exception
    [saved] = list_checks(make_engine(db_url), stored.id)
    assert [f["name"] for f in load_check(make_engine(db_url), saved.id).files] == ["baeckerei.csv"]


# --- the command line ------------------------------------------------------------------------


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "impact", "--lang", "de", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


@pytest.mark.process
def test_the_command_line_reads_the_same_files_with_the_mapping(tmp_path):
    (tmp_path / "plan.yaml").write_text(BAKERY_PLAN, encoding="utf-8")
    (tmp_path / "baeckerei.csv").write_bytes(BAKERY.encode("cp1252"))
    (tmp_path / "filialen.csv").write_bytes(SHOPS.encode("utf-8"))
    files = [str(tmp_path / "plan.yaml"), str(tmp_path / "baeckerei.csv"), str(tmp_path / "filialen.csv")]

    refused = _cli("check", *files, "--json")
    assert refused.returncode == 1 and refused.stdout == ""
    assert "filialen.csv: Keine Datumsspalte gefunden" in refused.stderr
    assert "Wählen Sie die Datumsspalte oder den Zeitraum, für den die ganze Datei gilt." in refused.stderr
    signature = re.search(r"signature: ([0-9a-f]{32})", refused.stderr).group(1)

    from impact.pipeline import read_file

    bakery_signature = read_file("baeckerei.csv", BAKERY.encode("cp1252")).signature
    mapping = write_mapping_file(
        [
            (bakery_signature, "baeckerei.csv", Choices(columns={"Tortenbestellungen": "orders"})),
            (
                signature,
                "filialen.csv",
                Choices(
                    columns={"Filiale": "segment", "Tortenbestellungen": "orders"},
                    period=(date(2026, 10, 1), date(2026, 10, 31)),
                ),
            ),
        ]
    )
    (tmp_path / "mapping.yaml").write_text(mapping, encoding="utf-8")
    ran = _cli("check", *files, "--json", "--mapping", str(tmp_path / "mapping.yaml"))
    assert ran.returncode == 0, ran.stderr
    whole = {(r["kpi"], r["period"]): r["actual"] for r in json.loads(ran.stdout)["results"] if r["segment"] is None}
    assert whole[("vorbestellungen", "2026-11")] == 31 and whole[("vorbestellungen", "2026-10")] == 65

    (tmp_path / "broken.yaml").write_text("format: impact-mapping/1\nfiles:\n  - {signature: x, period: [morgen, 1]}\n")
    broken = _cli("check", *files, "--mapping", str(tmp_path / "broken.yaml"))
    assert broken.returncode == 1
    assert "broken.yaml: files[0].period[0]: erwartet wird ein Datum wie 2026-10-31, nicht „morgen“" in broken.stderr


def test_a_wide_table_gets_a_choice_for_its_first_columns_and_any_other_by_name(open_app):
    at, _stored = open_app(plan(), "views/check.py")
    width = 1_500  # wider than any export, within the limit on columns
    header = ";".join(["Datum", *(f"Spalte {i}" for i in range(1, width - 1)), "Tortenbestellungen"])
    body = ";".join(["03.11.2026", *("x" for _ in range(1, width - 1)), "12"])
    _upload(at, ("breit.csv", f"{header}\n{body}\n".encode()))
    column_choices = [s for s in at.selectbox if " — " in s.label]
    assert 40 <= len(column_choices) <= 42  # not one per column of the file
    assert any("1.500 Spalten" in c.value for c in at.caption)
    other = _select(at, "Weitere Spalte")
    other.set_value(width - 1).run()
    _select(at, "Tortenbestellungen — ").set_value("orders").run()
    assert any("12" in s.value and "Bestellungen" in s.value for s in at.success)


def test_a_file_far_too_wide_is_refused_at_once_with_its_width(open_app):
    at, _stored = open_app(plan(), "views/check.py")
    header = ",".join(f"c{i}" for i in range(50_000))
    _upload(at, ("riesig.csv", f"{header}\n{header}\n".encode()))
    assert any("50.000 Spalten" in e.value for e in at.error)


def test_a_column_with_two_meanings_is_chosen_on_the_page(open_app):
    at, _stored = open_app(plan(), "views/check.py")
    _upload(at, ("gesamtwerte.csv", "Da\u00adtum,Auf\u00adru\u00adfe\n2026-11-03,12\n2026-11-04,8\n".encode()))
    assert any("Aufrufe" in e.value and "Videoaufrufe" in e.value for e in at.error)
    _select(at, "Aufrufe — mehrdeutig").set_value("orders").run()
    assert any("20" in s.value for s in at.success)
