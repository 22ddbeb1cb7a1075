"""Every "no data" says why, in one sentence with the fix, in the reader's language,
naming cards by their titles and metrics by their labels (never ids or snake_case)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from impact import pipeline
from impact.channels import channels_label, channels_of
from impact.check import run_check
from impact.custom_cards import build_custom_card
from impact.model import Goal, KpiChoice, Strategy
from impact.wording import reason_text

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")

# The bakery's own spreadsheet: no channel column, and a column no card knows.
BAKERY_CSV = (
    "Datum;Filiale;Bestellungen;Umsatz €;Anrufe;Vorbestellungen;Tortenstücke\n"
    "01.10.2026;Altstadt;40;1.250,50;12;7;30\n"
    "02.10.2026;Bahnhof;35;980,00;9;5;22\n"
    "03.11.2026;Altstadt;38;1.100,00;0;6;25\n"
).encode()


def plan(*kpis: KpiChoice, language: str = "de") -> Strategy:
    return Strategy(name="Bäckerei", language=language, goals=[Goal(id="g", title="Mehr Umsatz")], kpis=list(kpis))


def kpi(card: str, **extra) -> KpiChoice:
    return KpiChoice(card=card, stage="conversion", goal="g", period="month", **extra)


def whole(run: pipeline.CheckRun, card: str) -> list:
    return [r for r in run.report.results if r.kpi == card and r.segment is None]


def bakery(strategy: Strategy, deck) -> pipeline.CheckRun:
    return pipeline.run(strategy, deck.with_custom(strategy.custom_cards), [("umsatz.csv", BAKERY_CSV)])


@pytest.mark.parametrize(
    ("typed", "channels"),
    [
        ("Instagram + Facebook", ("instagram", "facebook")),
        ("instagram, facebook", ("instagram", "facebook")),
        ("Instagram und Facebook", ("instagram", "facebook")),
        ("LinkedIn", ("linkedin",)),
        ("  ", ()),
        (None, ()),
    ],
)
def test_a_channel_field_names_one_or_several_channels(typed, channels):
    assert channels_of(typed) == channels


def test_a_kpi_for_instagram_and_facebook_counts_both(deck):
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-10-02", "2026-10-03"]),
            "span_end": pd.NaT,
            "channel": ["instagram", "facebook", "linkedin"],
            "segment": None,
            "reach": [100.0, 50.0, 1000.0],
        }
    )
    report = run_check(plan(kpi("reach", channel="Instagram + Facebook")), deck.cards, [rows])
    [result] = [r for r in report.results if r.segment is None]
    assert result.actual == 100 + 50  # linkedin's 1000 is not counted


def test_a_channel_the_file_does_not_name_says_so_with_the_fix(deck):
    run = bakery(plan(kpi("social-revenue", channel="Instagram + Facebook", target=5000)), deck)
    results = whole(run, "social-revenue")
    assert results and all(r.status == "no data" for r in results)
    assert results[0].reason == "channel_no_column|Instagram + Facebook|umsatz.csv"  # the file the test uploaded
    said = reason_text(results[0].reason, "de")
    assert "Instagram + Facebook" in said and "keinen Kanal" in said and "Feld „Kanal“" in said
    assert "no “channel” column" in reason_text(results[0].reason, "en")


def test_a_channel_other_than_the_files_names_the_channels_there_are(deck):
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-10-02"]),
            "span_end": pd.NaT,
            "channel": ["linkedin", "tiktok"],
            "segment": None,
            "reach": [10.0, 20.0],
        }
    )
    [result] = run_check(plan(kpi("reach", channel="Instagram")), deck.cards, [rows]).results
    assert result.reason == "channel_not_in_data|Instagram|LinkedIn + TikTok"
    assert reason_text(result.reason, "de") == (
        "Dieser KPI zählt nur Instagram, die Daten nennen aber nur LinkedIn + TikTok. Passen Sie den Kanal am KPI an."
    )


def test_a_channel_message_names_the_file_that_holds_the_input_not_another_files_channel(deck):
    """A shop's channel-less order book beside a Facebook export: the Facebook file has
    no revenue at all, so its channel says nothing about the revenue KPI."""
    book = pd.DataFrame(
        {"date": pd.to_datetime(["2026-10-01"]), "span_end": pd.NaT, "channel": None, "segment": None}
    ).assign(revenue=[250.0])
    facebook = pd.DataFrame(
        {"date": pd.to_datetime(["2026-10-01"]), "span_end": pd.NaT, "channel": "facebook", "segment": None}
    ).assign(reach=[900.0])
    tables = [("Bestellbuch.csv", book), ("facebook.csv", facebook)]
    report = run_check(plan(kpi("social-revenue", channel="Instagram")), deck.cards, tables)
    [result] = [r for r in report.results if r.segment is None]
    assert result.reason == "channel_no_column|Instagram|Bestellbuch.csv"
    said = reason_text(result.reason, "de")
    assert "Bestellbuch.csv" in said and "Facebook" not in said
    assert "every row" in reason_text(result.reason, "en")
    second = book.assign(revenue=[100.0])
    report = run_check(plan(kpi("social-revenue", channel="Instagram")), deck.cards, [*tables, ("Kasse.csv", second)])
    [result] = [r for r in report.results if r.segment is None]
    assert (
        result.reason == "channel_no_column|Instagram|Bestellbuch.csv, Kasse.csv"
    )  # every file with the input  # a whole-file channel: only if all of it is


def test_a_channel_with_rows_in_one_month_only_says_the_other_month_has_none_for_it(deck):
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-11-02"]),
            "span_end": pd.NaT,
            "channel": ["instagram", "linkedin"],
            "segment": None,
            "reach": [10.0, 20.0],
        }
    )
    results = run_check(plan(kpi("reach", channel="instagram")), deck.cards, [rows]).results
    november = next(r for r in results if r.period == "2026-11")
    assert november.reason == "no_rows_in_period|Instagram"
    assert reason_text(november.reason, "de") == "In diesem Zeitraum gibt es keine Zeilen für Instagram."


def test_an_input_no_file_holds_names_it_by_label_and_the_columns_left_unused(deck):
    run = bakery(plan(kpi("local-actions", target=30)), deck)
    [upload] = run.files
    assert upload.result is not None and upload.result.unused_columns == ["Tortenstücke"]
    october = next(r for r in whole(run, "local-actions") if r.period == "2026-10")
    # calls are in the file (Anrufe), direction requests are not
    assert october.reason == "input_not_in_files|direction_requests|Tortenstücke"
    said = reason_text(october.reason, "de")
    assert said.startswith("Keine hochgeladene Datei hat eine Spalte für Routenanfragen.")
    assert "Tortenstücke" in said and "„Spalten“" in said
    assert not SNAKE.search(said), said
    # the warning over all the results names the card by its title
    texts = [n.text("de", pipeline.card_titles(deck.cards, "de")) for n in run.notices]
    assert "Anrufe und Routenanfragen: keine hochgeladene Datei enthält Routenanfragen." in texts, texts


def test_an_input_without_a_value_in_one_period_and_a_zero_base_say_which(deck):
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-11-01"]),
            "span_end": pd.NaT,
            "channel": None,
            "segment": None,
            "spend": [100.0, 80.0],
            "leads": [0.0, None],
        }
    )
    results = run_check(plan(kpi("cost-per-lead", target=50)), deck.cards, [rows]).results
    october, november = sorted((r for r in results if r.segment is None), key=lambda r: r.period)
    assert october.reason == "division_by_zero|leads"
    assert reason_text(october.reason, "de") == "Teilung durch null: Leads ist in diesem Zeitraum 0."
    assert november.reason == "input_missing|leads"
    assert reason_text(november.reason, "en") == "No value for Leads in this period."


def test_a_custom_cards_warning_names_its_title_and_the_period_in_words(deck):
    card = build_custom_card(
        stage="conversion",
        kind="kpi",
        title="Tortenvorbestellungen pro 1.000",
        question="",
        formula="Buchungen ÷ Reichweite × 1.000",
        unit="",
        direction="up",
        lang="de",
    )
    assert card.id.startswith("custom-tortenvorbestellungen")
    strategy = plan(kpi(card.id)).model_copy(update={"custom_cards": [card]})
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-10-02"]),
            "span_end": pd.NaT,
            "channel": None,
            "segment": None,
            "bookings": [3.0, 4.0],
            "reach": [100.0, 200.0],
        }
    )
    report = run_check(strategy, deck.with_custom([card]), [rows])
    titles = pipeline.card_titles(deck.with_custom([card]), "de")
    texts = [pipeline.Notice(code, detail).text("de", titles) for code, detail in report.warnings]
    [upper] = [t for t in texts if "Obergrenze" in t]
    assert upper.startswith("Tortenvorbestellungen pro 1.000 in Okt. 2026:"), upper
    assert "custom-" not in upper and "2026-10" not in upper


def test_channels_are_shown_as_people_write_them():
    assert channels_label(channels_of("instagram+linkedin, tiktok")) == "Instagram + LinkedIn + TikTok"
    assert channels_label(channels_of("Laden")) == "laden"


def test_the_check_page_names_unused_columns_and_says_why_a_kpi_has_no_data(open_app):
    strategy = plan(
        kpi("social-revenue", channel="Instagram + Facebook", target=5000),
        kpi("local-actions", target=30),
    )
    at, _stored = open_app(strategy, "views/check.py")
    at.file_uploader(key="check_upload").set_value([("umsatz.csv", BAKERY_CSV, "text/csv")]).run()
    assert not at.exception
    # visible without opening anything: the column nothing read
    assert any("„Tortenstücke“" in i.value and "keine bekannte Kennzahl" in i.value for i in at.info)
    # pre-orders are read (a metric of their own) and said to be used by no KPI here
    assert any("verwendet: Bestellungen, Vorbestellungen." in c.value for c in at.caption)
    at.button(key="check_run").click().run()
    assert not at.exception
    captions = [c.value.replace("\\", "") for c in at.caption]  # as shown: without Markdown's escapes
    said = "Dieser KPI zählt nur Instagram + Facebook, aber die Daten mit seinen Eingangswerten (umsatz.csv) nennen"
    assert any(said in c for c in captions)
    assert any(c.startswith("Keine hochgeladene Datei hat eine Spalte für Routenanfragen.") for c in captions)
    shown = "\n".join([*captions, *(m.value for m in at.markdown)])
    assert "direction_requests" not in shown and "local-actions" not in shown and "social-revenue" not in shown


def _rows(**columns) -> pd.DataFrame:
    frame = pd.DataFrame({"date": pd.to_datetime(columns.pop("date")), **columns})
    frame["span_end"] = pd.NaT
    for key in ("channel", "segment"):
        frame[key] = frame.get(key)
    return frame


def test_each_reason_names_every_input_it_concerns(deck):
    """Two inputs, two columns: the reason lists each once, as the sentence expects."""
    quality = kpi("lead-quality")  # qualified_leads / leads
    nothing = _rows(date=["2026-10-01"], spend=[5.0])
    [missing] = [r for r in run_check(plan(quality), deck.cards, [nothing], unused=["Anrufe", "Filiale"]).results]
    assert missing.reason == "input_not_in_files|leads, qualified_leads|Anrufe, Filiale"
    gaps = _rows(date=["2026-10-01", "2026-11-01"], leads=[3.0, None], qualified_leads=[1.0, None])
    november = [r for r in run_check(plan(quality), deck.cards, [gaps]).results if r.period == "2026-11"]
    assert [r.reason for r in november] == ["input_missing|leads, qualified_leads"]
    cost = kpi("cost-per-lead")  # spend / leads
    zeros = _rows(date=["2026-10-01"], spend=[0.0], leads=[0.0])
    [both_zero] = run_check(plan(cost), deck.cards, [zeros]).results
    assert both_zero.reason == "division_by_zero|leads, spend"


def test_a_period_without_rows_for_the_kpis_channel_says_which_channel(deck):
    tagged = _rows(
        date=["2026-10-01", "2026-11-01", "2026-12-01"], leads=[3.0, 5.0, 4.0], channel=["instagram", "x", "facebook"]
    )
    results = run_check(plan(kpi("leads", channel="Instagram")), deck.cards, [tagged]).results
    assert [(r.period, r.reason) for r in results] == [
        ("2026-10", None),
        ("2026-11", "no_rows_in_period|Instagram"),
        ("2026-12", "no_rows_in_period|Instagram"),
    ]
    assert reason_text(results[1].reason, "en") == "This period has no rows for Instagram."


@pytest.mark.parametrize("cell", ["1e999", "9" * 400, "inf", "1e308"])  # 1e308 + 1e308 is past what a float holds
def test_a_value_too_large_to_count_is_no_data_with_the_reason_never_a_missed_target(deck, cell):
    book = f"Datum;Bestellungen;Umsatz €\n01.10.2026;40;{cell}\n02.10.2026;35;1e308\n".encode()
    run = pipeline.run(plan(kpi("social-revenue", target=5000)), deck.cards, [("buch.csv", book)])
    [result] = whole(run, "social-revenue")
    assert (result.actual, result.status) == (None, "no data")
    assert result.reason == "not_finite|revenue"
    said = reason_text(result.reason, "de")
    assert "Umsatz" in said and "zu groß" in said
    assert reason_text("not_finite|", "en").startswith("The result is too large")


def test_each_result_names_the_files_that_held_its_inputs_and_no_other(deck):
    crm = _rows(date=["2026-10-01", "2026-11-01"], leads=[4.0, 6.0])
    social = _rows(date=["2026-10-02"], reach=[900.0], segment=["Kampagne A"])
    crm_b = _rows(date=["2026-11-03"], leads=[1.0], segment=["Kampagne A"])
    tables = [("crm.csv", crm), ("social.csv", social), ("crm-b.csv", crm_b)]
    report = run_check(plan(kpi("leads", target=5)), deck.cards, tables)
    by_period = {(r.period, r.segment): r.sources for r in report.results}
    assert by_period[("2026-10", None)] == ("crm.csv",)  # social.csv holds no leads
    assert by_period[("2026-11", None)] == ("crm-b.csv", "crm.csv")
    assert by_period[("2026-11", "Kampagne A")] == ("crm-b.csv",)
