"""The review across all saved checks: a KPI's history (the newer check's value stands),
its status with the reason, the trend and the pace to the goal's deadline. Expected
figures are sums made here from the uploaded files; statuses are worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from impact import pipeline
from impact.model import Goal, KpiChoice
from impact.periods import label_for, periods_between, shifted, span
from impact.review import KpiReview, Point, Review, fit, kpi_history, review, review_kpi
from impact.review_words import reason, tile
from storage.store import Store
from tests.monthly import CORRECTED, NOVEMBER, OCTOBER, UPLOADS, bakery_plan, month_sums
from workshop import Workshop
from workshop.uploads import Uploads


@dataclass(frozen=True)
class Saved:
    id: int
    created_at: datetime
    files: list
    results: list


def _checks(strategy, deck, uploads=UPLOADS) -> list[Saved]:
    """Each upload checked and kept, a day apart, as the page would keep them."""
    start = datetime(2026, 11, 1, 9, tzinfo=UTC)
    saved = []
    for number, (name, data) in enumerate(uploads, start=1):
        run = pipeline.run(strategy, deck.cards, [(name, data)])
        results = [r.as_json() for r in run.report.results]
        saved.append(Saved(number, start + timedelta(days=number), run.file_summaries(), results))
    return saved


def test_the_corrected_october_replaces_the_first_and_each_value_names_its_check_and_file(deck):
    strategy = bakery_plan()
    [pre_orders, _route] = review(strategy, deck.cards, _checks(strategy, deck)).kpis
    first, november, corrected = (month_sums(data) for _name, data in UPLOADS)
    assert [(p.period, p.actual) for p in pre_orders.history] == [
        ("2026-09", first["2026-09"]),
        ("2026-10", corrected["2026-10"]),  # not first["2026-10"], and never the two added
        ("2026-11", november["2026-11"]),
    ]
    october = pre_orders.history[1]
    assert (october.check_id, october.files, october.replaced) == (3, (CORRECTED[0],), (1,))
    assert pre_orders.history[0].files == (OCTOBER[0],) and pre_orders.history[2].files == (NOVEMBER[0],)
    assert all(p.partial_until is None for p in pre_orders.history)  # each file reaches its months' ends


def test_status_and_pace_as_worked_out_by_hand(deck):
    strategy = bakery_plan(target=20, total=200)
    review_ = review(strategy, deck.cards, _checks(strategy, deck))
    pre_orders, route = review_.kpis
    first, november, corrected = (month_sums(data) for _name, data in UPLOADS)
    months = [first["2026-09"], corrected["2026-10"], november["2026-11"]]
    assert pre_orders.latest.period == "2026-11" and pre_orders.latest.actual == months[-1]
    assert pre_orders.change_previous == months[2] - months[1]
    assert pre_orders.change_baseline == months[2] - 5
    # November meets 20; the total: the three months so far, their mean for each of the
    # 13 months from December 2026 to December 2027
    assert months[-1] >= 20
    projection = pre_orders.projection
    assert projection.so_far == sum(months) and projection.rate == pytest.approx(sum(months) / 3)
    assert projection.remaining == 13
    assert projection.projected == pytest.approx(sum(months) + sum(months) / 3 * 13)
    assert projection.projected >= 200
    assert pre_orders.status == "on track"  # met this month, on track for the total
    assert route.status == "no data" and route.reasons[0].startswith("input_not_in_files|calls, direction_requests")
    assert review_.missing_inputs() == [("calls", 1), ("direction_requests", 1)]  # the card's two inputs
    assert review_.period == "2026-11" and review_.counts() == {"on track": 1, "no data": 1}


def test_a_total_out_of_reach_is_behind_with_what_would_close_it(deck):
    strategy = bakery_plan(target=20, total=400)
    [pre_orders, _route] = review(strategy, deck.cards, _checks(strategy, deck)).kpis
    months = sum(month_sums(OCTOBER[1])[m] for m in ["2026-09"]) + month_sums(CORRECTED[1])["2026-10"]
    months += month_sums(NOVEMBER[1])["2026-11"]
    projection = pre_orders.projection
    assert projection.projected < 0.9 * 400 and pre_orders.status == "behind"
    assert projection.needed == pytest.approx((400 - months) / 13)
    assert projection.gap == pytest.approx(400 - projection.projected)


def test_two_months_are_too_early_to_project(deck):
    strategy = bakery_plan(target=None, total=200)
    [pre_orders, _route] = review(strategy, deck.cards, _checks(strategy, deck, [NOVEMBER, CORRECTED])).kpis
    assert pre_orders.status == "early" and pre_orders.projection is None
    assert pre_orders.reasons[0].startswith("total_too_early|2|")


def _point(period: str, actual: float | None, check: int = 1, **extra) -> Point:
    return Point(period, actual, None, check, datetime(2026, 12, 1, tzinfo=UTC), ("f.csv",), **extra)


def _kpi(**fields) -> KpiChoice:
    return KpiChoice(**{"id": "k", "card": "leads", "stage": "conversion", "goal": "g", "period": "month", **fields})


GOAL = Goal(id="g", title="Leads", deadline=date(2027, 3, 31))


@pytest.mark.parametrize(
    ("values", "target", "status", "reason"),
    [
        ([10, 12, 25], 20, "met", "target_met"),
        ([10, 20], 25, "at risk", "missed_too_early"),  # two periods: no trend
        ([10, 12, 14], 20, "on track", "trend_reaches"),  # +2 a month: 20 by March 2027
        ([10, 11, 12], 20, "at risk", "trend_short"),  # +1 a month: 16 by March
        ([14, 12, 10], 20, "behind", "trend_away"),
        ([12, 12, 12], 20, "behind", "trend_away"),  # flat is not towards
    ],
)
def test_a_per_period_target_is_judged_by_the_latest_period_and_the_trend(deck, values, target, status, reason):
    months = ["2026-09", "2026-10", "2026-11"][-len(values) :]
    history = tuple(_point(m, v) for m, v in zip(months, values, strict=True))
    judged = review_kpi(_kpi(target=target), deck.cards["leads"], GOAL, history)
    assert (judged.status, judged.reasons[0].split("|")[0]) == (status, reason)


def test_the_trend_is_least_squares_over_the_last_six_periods_with_gaps_counted():
    points = [_point(p, v) for p, v in [("2026-01", 0), ("2026-02", 2), ("2026-04", 6)]]
    trend = fit(points, horizon=2)
    assert trend.slope == pytest.approx(2.0) and trend.intercept == pytest.approx(6.0)
    assert trend.projected == pytest.approx(10.0)


def test_a_partial_period_is_shown_but_the_latest_complete_one_is_judged(deck):
    history = (
        _point("2026-10", 25),
        _point("2026-11", 3, check=2, partial_until=date(2026, 11, 5)),
    )
    judged = review_kpi(_kpi(target=20), deck.cards["leads"], GOAL, history)
    assert judged.latest.period == "2026-10" and judged.status == "met"


def test_a_newer_check_without_a_value_leaves_an_older_value_standing(deck):
    strategy = bakery_plan()
    with_value = pipeline.run(strategy, deck.cards, [NOVEMBER])
    without = [r.as_json() for r in with_value.report.results]
    for row in without:
        row.update(actual=None, status="no data", reason="input_missing|pre_orders")
    checks = [
        Saved(1, datetime(2026, 12, 1, tzinfo=UTC), [], [r.as_json() for r in with_value.report.results]),
        Saved(2, datetime(2026, 12, 2, tzinfo=UTC), [], without),
    ]
    december = {**without[0], "period": "2026-12", "actual": 5.0, "reason": None}  # after the row without a value
    checks[1] = Saved(2, datetime(2026, 12, 2, tzinfo=UTC), [], [without[0], december])
    [november, later] = kpi_history(strategy.kpis[0], checks)
    assert november.check_id == 1 and november.actual == month_sums(NOVEMBER[1])["2026-11"]
    assert (later.period, later.actual, later.check_id) == ("2026-12", 5.0, 2)


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2026-10", "month", date(2026, 10, 1), date(2026, 10, 31)),
        ("2026-12", "month", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026-W53", "week", date(2026, 12, 28), date(2027, 1, 3)),
        ("2026-Q4", "quarter", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026", "year", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_a_period_label_names_its_days(label, kind, start, end):
    found = span(label)
    assert (found.kind, found.start, found.end) == (kind, start, end)
    assert label_for(start, kind) == label and label_for(end, kind) == label


def test_periods_follow_each_other_and_count_to_a_deadline():
    assert span("2027-01").index - span("2026-12").index == 1
    assert span("2027-W01").index - span("2026-W53").index == 1
    assert span("2027-Q1").index - span("2026-Q4").index == 1
    assert periods_between("2026-11", date(2027, 12, 31)) == 13
    assert periods_between("2026-11", date(2026, 10, 1)) == 0
    assert span("2026-13") is None and span("2025-02-01/2025-08-04") is None


def test_the_application_layer_reviews_the_saved_checks_of_its_own_strategy(engine, deck):
    ws = Workshop(Store(engine), lang="de")
    opened = ws.strategies.create(bakery_plan(), "created")
    for name, data in UPLOADS:
        uploads = Uploads()
        uploads.keep(name, data)
        ws.checks.run(opened.strategy, opened.version, deck.cards, uploads.read_all(None))
    [pre_orders, _route] = ws.checks.review(opened.strategy, deck.cards).kpis
    assert [p.period for p in pre_orders.history] == ["2026-09", "2026-10", "2026-11"]
    assert pre_orders.history[1].actual == month_sums(CORRECTED[1])["2026-10"]


@pytest.mark.parametrize(
    ("label", "by", "expected"),
    [
        ("2026-11", 13, "2027-12"),
        ("2026-12", 1, "2027-01"),
        ("2026-W52", 2, "2027-W01"),
        ("2026-Q4", 1, "2027-Q1"),
        ("2026", 2, "2028"),
        ("2026-W01", -1, "2025-W52"),
    ],
)
def test_a_period_shifted_by_some_periods(label, by, expected):
    assert shifted(label, by) == expected


REAL = Path(__file__).resolve().parent / "real_exports"  # the real downloads, byte for byte
META_POSTS = REAL / "meta_facebook" / "Feb-01-2025_Mar-15-2025_613168031534769.csv"


@pytest.mark.skipif(not META_POSTS.exists(), reason="tests/real_exports is missing")
def test_reach_added_over_posts_of_a_real_export_stays_an_upper_bound_in_the_review(deck):
    """Meta's post export: reach per post, added up per month, is at most that many
    people. The review says so (and the month the file ends inside is partial)."""
    import pandas as pd

    strategy = bakery_plan().model_copy(
        update={"kpis": [KpiChoice(id="r", card="reach", stage="awareness", target=50_000, period="month")]}
    )
    checks = _checks(strategy, deck, [(META_POSTS.name, META_POSTS.read_bytes())])
    [reach] = review(strategy, deck.cards, checks).kpis
    posts = pd.read_csv(META_POSTS)
    by_month = posts.groupby(pd.to_datetime(posts["Publish time"]).dt.strftime("%Y-%m"))["Reach"].sum()
    assert [(p.period, p.actual) for p in reach.history] == list(by_month.astype(float).items())
    assert all(p.upper_bound for p in reach.history)
    assert reach.history[-1].partial_until == date(2025, 3, 15)  # the file ends mid-March
    assert reach.latest.period == "2025-02" and "upper_bound" in reach.reasons
    said = tile(reach, "de")
    assert said.actual.endswith("*") and any(line.startswith("* Höchstens") for line in said.reasons)


@pytest.mark.parametrize(("lang", "total", "slope"), [("de", "2.400", "-1.250"), ("en", "2,400", "-1,250")])
def test_the_reasons_write_numbers_as_the_reader_does(deck, lang, total, slope):
    """A thousand is 1.000 in German and 1,000 in English, in every sentence of the review."""
    history = tuple(_point(m, v) for m, v in [("2026-09", 5000), ("2026-10", 3750), ("2026-11", 2500)])
    judged = review_kpi(_kpi(target=4000, total=2400), deck.cards["leads"], GOAL, history)
    [trend, total_said] = [reason(judged, code, lang) for code in judged.reasons]
    assert f"{slope}" in trend and judged.status == "behind"
    assert total_said.startswith(
        {"de": "Summe erreicht: 11.250 von 2.400", "en": "Total reached: 11,250 of 2,400"}[lang]
    )
    assert total in total_said


def test_the_trend_is_carried_to_the_goals_deadline_and_three_periods_without_one(deck):
    """+1 a month from 12 in November: 25 by December 2027, 15 three months on."""
    history = tuple(_point(m, v) for m, v in [("2026-09", 10), ("2026-10", 11), ("2026-11", 12)])
    card = deck.cards["leads"]
    far = Goal(id="g", title="Leads", deadline=date(2027, 12, 31))
    undated = Goal(id="g", title="Leads")
    past = Goal(id="g", title="Leads", deadline=date(2026, 1, 31))
    assert review_kpi(_kpi(target=20), card, far, history).trend.horizon == 13
    assert review_kpi(_kpi(target=20), card, far, history).status == "on track"
    for goal in (undated, past, None):
        judged = review_kpi(_kpi(target=20), card, goal, history)
        assert (judged.trend.horizon, judged.status) == (3, "at risk")
        assert judged.trend.projected == pytest.approx(15.0)


def test_a_kpi_that_should_fall_is_met_below_its_target_and_on_track_falling_towards_it(deck):
    card = deck.cards["cost-per-lead"]
    assert card.direction == "down"
    met = tuple(_point(m, v) for m, v in [("2026-09", 60), ("2026-10", 55), ("2026-11", 45)])
    assert review_kpi(_kpi(target=50), card, GOAL, met).status == "met"
    falling = tuple(_point(m, v) for m, v in [("2026-09", 70), ("2026-10", 65), ("2026-11", 60)])
    assert review_kpi(_kpi(target=50), card, GOAL, falling).status == "on track"  # 45 by March 2027
    rising = tuple(_point(m, v) for m, v in [("2026-09", 50), ("2026-10", 55), ("2026-11", 60)])
    assert review_kpi(_kpi(target=40), card, GOAL, rising).status == "behind"


def test_the_summary_is_about_the_latest_period_any_kpi_has(deck):
    later = tuple(_point(m, v) for m, v in [("2026-10", 1), ("2026-11", 2)])
    earlier = tuple(_point(m, v) for m, v in [("2026-09", 1), ("2026-10", 2)])
    first = review_kpi(_kpi(target=1), deck.cards["leads"], GOAL, earlier)
    second = review_kpi(_kpi(target=1), deck.cards["leads"], GOAL, later)
    assert Review((first, second), 2).period == "2026-11"
    assert Review((second, first), 2).period == "2026-11"


def _judged(deck, values, card="leads", goal=GOAL, **fields):
    months = ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"][-len(values) :]
    history = tuple(_point(m, v) for m, v in zip(months, values, strict=True))
    return review_kpi(_kpi(**fields), deck.cards[card] if card else None, goal, history)


def test_the_reasons_name_the_periods_the_trend_used_and_where_it_leads(deck):
    assert _judged(deck, [10, 12, 14], target=20).reasons == ("trend_reaches|3|2027-03",)  # March: the deadline
    assert _judged(deck, [10, 11, 12], target=20).reasons == ("trend_short|3|2027-03|16.0",)
    assert _judged(deck, [14, 12, 10], target=20).reasons == ("trend_away|3|-2.0",)
    assert _judged(deck, [20, 20], target=20).reasons == ("target_met|2026-11",)  # exactly the target is met
    assert _judged(deck, [5, 50, 40], card="cost-per-lead", target=40).status == "met"  # down: exactly is met too
    assert _judged(deck, [60, 60.5, 61], card="cost-per-lead", target=40).status == "behind"  # up a little: away
    assert _judged(deck, [60, 60, 60], card="cost-per-lead", target=40).status == "behind"  # flat is not towards


def test_a_kpi_whose_card_is_gone_is_judged_as_rising_and_says_which_it_is(deck):
    judged = _judged(deck, [1, 2, 3], card=None, target=10)
    assert judged.card is None and judged.goal is GOAL and judged.previous.actual == 2
    assert _judged(deck, [3], card=None, target=10).previous is None
    assert review_kpi(_kpi(target=1), None, GOAL, ()).reasons == ("never_checked",)
    empty = (_point("2026-11", None),)
    assert review_kpi(_kpi(target=1), deck.cards["leads"], GOAL, empty).reasons == ("no_value",)
    only_partial = (_point("2026-11", 4, partial_until=date(2026, 11, 20)),)
    assert review_kpi(_kpi(target=1), deck.cards["leads"], GOAL, only_partial).reasons[0] == "partial_only|2026-11-20"


@pytest.mark.parametrize(
    ("values", "total", "status", "reason"),
    [
        ([10, 0, 10], 20, "met", "total_met|20.0|20.0"),  # exactly the total, a month of none counted as none
        ([10, 0, 10], 60, "on track", "total_on_track"),  # 20 + 20/3 a month x 6 (Dec-May) = 60
        ([10, 0, 10], 61, "at risk", "total_behind"),
        ([10, 0, 10], 200, "behind", "total_behind"),
    ],
)
def test_a_total_by_the_deadline(deck, values, total, status, reason):
    goal = Goal(id="g", title="Leads", deadline=date(2027, 5, 31))
    judged = _judged(deck, values, goal=goal, total=total)
    assert (judged.status, judged.reasons[0]) == (status, reason)
    if judged.projection:
        assert (judged.projection.periods, judged.projection.rate_periods, judged.projection.remaining) == (3, 3, 6)


def test_a_total_the_review_cannot_judge_says_why(deck):
    assert _judged(deck, [1, 2, 3], card="lead-quality", total=10).reasons == ("total_needs_count",)  # a rate
    assert _judged(deck, [1, 2, 3], card="cost-per-lead", total=10).reasons == ("total_needs_count",)  # falls
    for goal in (None, Goal(id="g", title="Leads")):
        assert _judged(deck, [1, 2, 3], goal=goal, total=10).reasons == ("total_no_deadline",)
    due_now = Goal(id="g", title="Leads", deadline=date(2026, 11, 30))
    assert _judged(deck, [1, 2, 3], goal=due_now, total=10).projection.needed is None  # no month left


def test_what_no_file_had_is_counted_per_input_most_first_then_by_name(deck):
    def missing(*inputs: str) -> KpiReview:
        return KpiReview(_kpi(), None, GOAL, (), "no data", ("input_not_in_files|" + ", ".join(inputs) + "|",))

    met = _judged(deck, [5], target=1)
    untargeted = _judged(deck, [5])  # no target: no reason at all
    found = Review((missing("leads", "calls"), missing("leads", "budget"), met, untargeted), 1).missing_inputs()
    assert found == [("leads", 2), ("budget", 1), ("calls", 1)]  # most first, then by name
    assert periods_between("2025-02-01/2025-08-04", date(2027, 1, 1)) == 0  # a report's own range is no period
    assert periods_between("2026-Q4", date(2027, 12, 31)) == 4  # counted in the period's own kind
    assert periods_between("2026-W50", date(2027, 1, 1)) == 3


def test_a_total_projected_at_nine_tenths_is_at_risk_and_below_behind(deck):
    due_now = Goal(id="g", title="Leads", deadline=date(2026, 11, 30))  # nothing left to add: 90 stays 90
    assert _judged(deck, [30, 30, 30], goal=due_now, total=100).status == "at risk"
    assert _judged(deck, [30, 30, 29], goal=due_now, total=100).status == "behind"


def test_what_a_kpi_review_keeps_and_how_early_totals_and_missing_targets_read(deck):
    card = deck.cards["leads"]
    empty = review_kpi(_kpi(target=1), card, GOAL, ())
    assert (empty.card, empty.goal, empty.status) == (card, GOAL, "no data")
    assert _judged(deck, [3, 4], target=10).previous.actual == 3
    assert _judged(deck, [1, 2, 3], card=None, target=10).status == "at risk"  # judged as rising: 7 by March
    assert _judged(deck, [25, 30], target=20, total=500).status == "met"  # a total too early to say leaves it
    assert _judged(deck, [25, 30], total=500).status == "early"
    assert _judged(deck, [25, 30]).status == "no target"


def test_a_row_belongs_to_its_kpi_by_id_and_in_an_older_check_by_card():
    first, second = _kpi(), _kpi().model_copy(update={"id": "other"})
    rows = [
        {"kpi": "leads", "kpi_id": "k", "period": "2026-10", "actual": 1.0, "segment": None},
        {"kpi": "leads", "kpi_id": "other", "period": "2026-10", "actual": 2.0, "segment": None},
    ]
    older = [{"kpi": "leads", "period": "2026-09", "actual": 5.0, "segment": None}]  # before KPIs had ids
    checks = [
        Saved(1, datetime(2026, 10, 1, tzinfo=UTC), [], older),
        Saved(2, datetime(2026, 11, 1, tzinfo=UTC), [], rows),
    ]
    assert [p.actual for p in kpi_history(first, checks)] == [5.0, 1.0]
    assert [p.actual for p in kpi_history(second, checks)] == [5.0, 2.0]


def test_a_value_from_a_check_saved_before_rows_named_their_files_names_the_checks_files():
    files = [
        {"name": "ohne-zeitraum.csv", "period": None},  # a file whose period was not known
        {"name": "crm.csv", "period": ["2026-11-01", "2026-11-20"]},
    ]
    rows = [
        {"kpi": "leads", "kpi_id": "k", "period": "2026-11", "actual": 4.0, "segment": None},
        {"kpi": "leads", "kpi_id": "k", "period": "2026-10", "actual": None, "segment": None},
    ]
    when = datetime(2026, 11, 21, tzinfo=UTC)
    october, november = kpi_history(_kpi(period=None), [Saved(7, when, files, rows)])  # no period: months
    assert november.files == ("ohne-zeitraum.csv", "crm.csv") and november.checked_at == when
    assert november.partial_until == date(2026, 11, 20)  # the file with a period ends before November does
    assert october.files == ()  # no value: no file to name
