"""One view of a check's results (impact/results.py): what the page, the PDF and the
terminal all show first, chosen once; and one locale object per language."""

from __future__ import annotations

import pytest

from impact.model import Goal, KpiChoice, Strategy
from impact.results import Row, check_view, words


def row(kpi_id: str, period: str | None, actual: float | None, **extra) -> dict:
    return {
        "kpi": "leads",
        "kpi_id": kpi_id,
        "stage": "conversion",
        "segment": None,
        "period": period,
        "actual": actual,
        "target": 40.0,
        "status": "no data" if actual is None else ("met" if actual >= 40 else "missed"),
        **extra,
    }


@pytest.fixture
def plan() -> Strategy:
    return Strategy(
        name="Plan",
        goals=[Goal(id="g", title="Leads")],
        kpis=[
            KpiChoice(id="k1", card="leads", stage="conversion", goal="g", target=40, channel="instagram, facebook"),
            KpiChoice(id="k2", card="reach", stage="awareness", goal="g"),
            KpiChoice(id="k3", card="cost-per-lead", stage="conversion", goal="g", target=50),
        ],
    )


def test_the_latest_figure_is_the_latest_period_with_a_value(plan, deck):
    results = [row("k1", "2026-09", 38), row("k1", "2026-10", 44), row("k1", "2026-11", None)]
    [view] = check_view(results, plan, deck.cards).kpis
    assert view.latest.period == "2026-10" and view.status == "met"
    assert [r.period for r in view.in_periods] == ["2026-09", "2026-10", "2026-11"] and view.charted


def test_a_range_longer_than_a_period_stands_only_where_no_period_has_a_value(plan, deck):
    spans = row("k1", "2025-02-01/2025-08-04", 300, spans_periods=True)
    [only_range] = check_view([row("k1", "2026-10", None), spans], plan, deck.cards).kpis
    assert only_range.latest.period == "2025-02-01/2025-08-04" and not only_range.charted
    [both] = check_view([spans, row("k1", "2026-10", 41)], plan, deck.cards).kpis
    assert both.latest.period == "2026-10"
    [nothing] = check_view([row("k1", "2026-09", None), row("k1", "2026-10", None)], plan, deck.cards).kpis
    assert nothing.latest.period == "2026-10" and nothing.status == "no data"  # the latest row at all


def test_kpis_come_in_board_order_by_id_or_by_card_in_older_checks(plan, deck):
    older = {**row("", "2026-10", 12), "kpi": "cost-per-lead", "kpi_id": None}
    view = check_view([row("k1", "2026-10", 44), older], plan, deck.cards)
    assert [v.kpi.id for v in view.kpis] == ["k1", "k3"]  # k2 has no results: left out
    assert [stage for stage, _ in view.by_stage()] == ["conversion"]
    assert [(v.kpi.id, r.period) for v, r in view.rows()] == [("k1", "2026-10"), ("k3", "2026-10")]


def test_segments_of_the_latest_period_best_first_with_what_to_do(plan, deck):
    results = [row("k1", "2026-10", 44)]
    results += [row("k1", "2026-09", 90, segment="Old")]
    results += [row("k1", "2026-10", v, segment=s) for s, v in (("Webinar", 20), ("Ads", 30), ("Fair", 10))]
    [view] = check_view(results, plan, deck.cards).kpis
    period, ranked = view.ranking()
    assert period == "2026-10"
    assert [(r.row.segment, r.advice) for r in ranked] == [("Ads", "more"), ("Webinar", None), ("Fair", "less")]
    cheap_first = [row("k3", "2026-10", v, kpi="cost-per-lead", segment=s) for s, v in (("A", 70), ("B", 40))]
    [cost] = check_view(cheap_first, plan, deck.cards).kpis
    assert [r.row.segment for r in cost.ranking()[1]] == ["B", "A"]  # lower is better for a cost
    [alone] = check_view([row("k1", "2026-10", 5, segment="Only")], plan, deck.cards).kpis
    assert [(r.row.segment, r.advice) for r in alone.ranking()[1]] == [("Only", None)]  # nothing to compare


def test_a_row_in_the_readers_words(plan, deck):
    [view] = check_view([row("k1", "2026-10", 1234.5, upper_bound=True, reason=None)], plan, deck.cards).kpis
    assert view.title("de") == f"{deck.cards['leads'].title.de} · Instagram + Facebook"
    german = words(view, view.latest, "de")
    assert (german.period, german.actual, german.target, german.status) == ("Okt. 2026", "1.234,5*", "40", "erreicht")
    english = words(view, view.latest, "en")
    assert (english.period, english.actual, english.status) == ("Oct 2026", "1,234.5*", "met")
    money = Row.from_json({**row("k3", "2026-10", 12.5), "kpi": "cost-per-lead", "currency": "USD"})
    [cost] = check_view([money.__dict__], plan, deck.cards).kpis
    assert words(cost, cost.latest, "en").actual == "12.5\u00a0USD"  # money in the currency of the data


def test_a_third_language_is_data_not_code(monkeypatch):
    from impact import formatting, locale

    conventions = dict(locale._conventions())
    conventions["fr"] = {
        **conventions["de"],
        "decimal": ",",
        "group": "\u202f",
        "quotes": ["«\u00a0", "\u00a0»"],
        "week": "S{week} {year}",
        "months": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    }
    monkeypatch.setattr(locale, "_conventions", lambda: conventions)
    locale.locale_for.cache_clear()
    try:
        assert locale.languages() == ("de", "en", "fr")
        assert formatting.format_number(1234567.5, "fr") == "1\u202f234\u202f568"
        assert formatting.format_number(1234.5, "fr") == "1\u202f234,5"
        assert formatting.quoted("Premier soir", "fr") == "«\u00a0Premier soir\u00a0»"
        assert formatting.format_period("2026-W47", "fr") == "S47 2026"
        assert formatting.format_period("2026-10", "fr") == "oct. 2026"
    finally:
        locale.locale_for.cache_clear()
    assert locale.locale_for("pt-BR").code == "de"  # a language without conventions: the default


def test_a_saved_result_reads_back_field_for_field():
    """KpiResult.as_json is what a check keeps; Row.from_json what every reader reads."""
    import dataclasses

    from impact.check import KpiResult

    result = KpiResult(
        kpi="cost-per-lead",
        kpi_id="k9",
        stage="conversion",
        channel="instagram",
        segment="Webinar",
        period="2026-10",
        actual=12.3456789,
        target=15.5,
        status="met",
        inputs={"spend": 123.456789, "leads": 10.0},
        direction="down",
        change_previous=-1.25,
        change_baseline=-2.5,
        upper_bound=True,
        reason="other_currency|USD|EUR",
        currency="USD",
        spans_periods=True,
    )
    saved = result.as_json()
    row = Row.from_json(saved)
    for field in dataclasses.fields(KpiResult):
        expected = getattr(result, field.name)
        if isinstance(expected, float):
            expected = round(expected, 6)
        if field.name == "inputs":
            expected = {k: round(v, 6) for k, v in expected.items()}
        assert getattr(row, field.name) == expected, field.name
    assert len(saved) == len(dataclasses.fields(KpiResult))
    nothing = dataclasses.replace(result, actual=float("nan"), change_previous=float("inf"), inputs={"leads": None})
    assert (nothing.as_json()["actual"], nothing.as_json()["change_previous"]) == (None, None)
    assert nothing.as_json()["inputs"] == {"leads": None}


@pytest.mark.parametrize(("currency", "shown"), [("INR", "100\u00a0INR"), (None, "100\u00a0€")])
def test_a_money_target_is_shown_in_the_currency_it_is_compared_in(deck, currency, shown):
    """The check compares a money KPI in the strategy's currency: its target is shown in
    it, not in the sign the card is written with (a found real Meta export in INR read
    "41,29 INR" against "100 €")."""
    kpi = KpiChoice(id="k", card="cpm", stage="awareness", goal="g", target=100, period="week")
    strategy = Strategy(name="t", currency=currency, goals=[Goal(id="g", title="G")], kpis=[kpi])
    data = row("k", "2026-W06", 41.29, currency="INR", target=100.0)
    [view] = check_view([{**data, "kpi": "cpm"}], strategy, deck.cards).kpis
    for lang in ("de", "en"):
        assert words(view, view.latest, lang).target == shown
        assert words(view, None, lang).target == shown


def test_a_target_unit_is_the_strategys_currency_for_money_and_the_cards_own_otherwise():
    from impact.formatting import target_unit

    assert target_unit("€", "INR") == "INR"
    assert target_unit("€", None) == "€"
    assert target_unit("%", "INR") == "%"
    assert target_unit("", "INR") == ""


def test_the_plan_and_the_board_show_a_money_target_in_the_strategys_currency(open_app):
    """A strategy kept in rupees shows its CPM target as 100 INR on the board and in the
    plan: the € on the card is how the card is written, not what the team compares in."""
    kpi = KpiChoice(id="k", card="cpm", stage="awareness", goal="g", target=100, period="week")
    strategy = Strategy(name="Rupees", language="en", currency="INR", goals=[Goal(id="g", title="G")], kpis=[kpi])
    at, _stored = open_app(strategy, "views/strategy.py")
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "🎯 100\u00a0INR" in html and "100\u00a0INR" in html.split('class="iw-plan"')[1]
    assert "100\u00a0€" not in html
