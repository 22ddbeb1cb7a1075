"""The data check's arithmetic, with numbers worked out by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from impact.check import combine, period_label, period_labels, run_check
from impact.model import Goal, KpiChoice, Strategy

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"


def table(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["span_end"] = pd.to_datetime(frame["span_end"]) if "span_end" in frame else pd.NaT
    for column in ("channel", "segment"):
        if column not in frame:
            frame[column] = None
    return frame


def strategy(*kpis: KpiChoice) -> Strategy:
    return Strategy(name="t", goals=[Goal(id="g", title="G", hard=True)], kpis=list(kpis))


def kpi(card: str, stage: str = "conversion", **extra) -> KpiChoice:
    return KpiChoice(card=card, stage=stage, goal="g", **{"period": "month", **extra})


def whole(report, card: str) -> list:
    return [r for r in report.results if r.kpi == card and r.segment is None]


def test_a_kpi_is_the_ratio_of_sums_never_the_mean_of_daily_ratios(deck):
    data = table(
        [
            {"date": "2026-10-01", "clicks": 1, "impressions": 100},  # 1 %
            {"date": "2026-10-02", "clicks": 99, "impressions": 900},  # 11 %; mean of ratios would say 6 %
        ]
    )
    [result] = whole(run_check(strategy(kpi("ctr", "consideration", target=8)), deck.cards, [data]), "ctr")
    assert result.actual == pytest.approx(10.0)
    assert result.inputs == {"clicks": 100, "impressions": 1000}
    assert (result.period, result.status) == ("2026-10", "met")


def test_followers_take_the_last_value_per_channel_then_add_up(deck):
    data = table(
        [
            {"date": "2026-10-01", "channel": "linkedin", "followers": 100},
            {"date": "2026-10-31", "channel": "linkedin", "followers": 130},
            {"date": "2026-10-05", "channel": "instagram", "followers": 50},
            {"date": "2026-10-20", "channel": "instagram", "followers": 60},
        ]
    )
    [result] = whole(run_check(strategy(kpi("followers", "awareness")), deck.cards, [data]), "followers")
    assert result.actual == 190  # 130 + 60, not 340 (summed) and not 130 (one channel)


def test_customers_start_first_end_last_new_customers_summed(deck):
    data = table(
        [
            {"date": "2026-10-01", "customers_start": 200},
            {"date": "2026-10-15", "customers_start": 210},
            {"date": "2026-10-10", "new_customers": 30},
            {"date": "2026-10-20", "new_customers": 10},
            {"date": "2026-10-30", "customers_end": 220},
        ]
    )
    [result] = whole(
        run_check(strategy(kpi("retention-rate", "retention", target=85)), deck.cards, [data]), "retention-rate"
    )
    assert result.actual == pytest.approx(90.0)  # (220 - 40) / 200 * 100


def test_reach_over_several_days_is_flagged_as_an_upper_bound(deck):
    data = table([{"date": "2026-10-01", "reach": 500}, {"date": "2026-10-02", "reach": 400}])
    report = run_check(strategy(kpi("reach", "awareness")), deck.cards, [data])
    [result] = whole(report, "reach")
    assert result.actual == 900 and result.upper_bound
    assert ("reach_upper_bound", "reach|2026-10") in report.warnings
    single = run_check(strategy(kpi("reach", "awareness")), deck.cards, [data.iloc[:1]])
    assert not whole(single, "reach")[0].upper_bound


def test_a_period_without_rows_is_not_an_upper_bound(deck):
    data = table(
        [
            {"date": "2026-10-01", "spend": 100, "conversions": 5, "channel": "google ads"},
            {"date": "2026-11-01", "reach": 10, "channel": "linkedin"},
            {"date": "2026-11-02", "reach": 10, "channel": "linkedin"},
        ]
    )
    report = run_check(strategy(kpi("cost-per-conversion", channel="google ads")), deck.cards, [data])
    assert [r.upper_bound for r in whole(report, "cost-per-conversion")] == [False, False]
    assert not [w for w in report.warnings if w[0] == "reach_upper_bound"]


def test_a_monthly_total_counts_for_the_month_and_stands_apart_from_weeks(deck):
    data = table([{"date": "2026-10-01", "span_end": "2026-10-31", "sessions": 1000, "conversions": 20}])
    monthly = run_check(strategy(kpi("conversion-rate")), deck.cards, [data])
    assert whole(monthly, "conversion-rate")[0].actual == pytest.approx(2.0)
    assert not whole(monthly, "conversion-rate")[0].spans_periods
    # a weekly KPI cannot place a month's total in any week: it gets a result for the
    # month's range, compared with the target because a rate does not grow with time
    weekly = run_check(strategy(kpi("conversion-rate", period="week", target=1.5)), deck.cards, [data])
    [result] = whole(weekly, "conversion-rate")
    assert (result.period, result.spans_periods, result.status) == ("2026-10-01/2026-10-31", True, "met")
    assert result.actual == pytest.approx(2.0) and result.change_previous is None
    assert ("span_straddles", "1|week") in weekly.warnings


def test_a_count_over_a_longer_range_is_shown_but_not_compared(deck):
    data = table([{"date": "2026-10-01", "span_end": "2026-12-31", "sessions": 3000}])
    [result] = whole(run_check(strategy(kpi("website-traffic", target=1500)), deck.cards, [data]), "website-traffic")
    assert (result.actual, result.status) == (3000, "not comparable")
    assert result.reason == "range_longer_than_period|month"


def test_division_by_zero_is_no_data_not_zero(deck):
    data = table([{"date": "2026-10-01", "spend": 100, "leads": 0}])
    [result] = whole(run_check(strategy(kpi("cost-per-lead", target=50)), deck.cards, [data]), "cost-per-lead")
    assert result.actual is None and result.status == "no data"


def test_direction_down_means_lower_is_better(deck):
    cheap = table([{"date": "2026-10-01", "spend": 400, "leads": 10}])
    dear = table([{"date": "2026-10-01", "spend": 600, "leads": 10}])
    plan = strategy(kpi("cost-per-lead", target=50))
    assert whole(run_check(plan, deck.cards, [cheap]), "cost-per-lead")[0].status == "met"
    assert whole(run_check(plan, deck.cards, [dear]), "cost-per-lead")[0].status == "missed"


def test_a_kpi_that_reaches_its_target_exactly_has_met_it(deck):
    """On the target is met, whichever way is better: 500 / 10 leads = 50 € per lead
    against a target of 50 €; 40 leads against a target of 40."""
    exact_cost = table([{"date": "2026-10-01", "spend": 500, "leads": 10}])
    [cost] = whole(run_check(strategy(kpi("cost-per-lead", target=50)), deck.cards, [exact_cost]), "cost-per-lead")
    assert (cost.actual, cost.status) == (500 / 10, "met")
    exact_count = table([{"date": "2026-10-01", "leads": 40}])
    [count] = whole(run_check(strategy(kpi("leads", target=40)), deck.cards, [exact_count]), "leads")
    assert (count.actual, count.status) == (40, "met")
    [short] = whole(run_check(strategy(kpi("leads", target=40.5)), deck.cards, [exact_count]), "leads")
    assert short.status == "missed"


def test_each_kpi_counts_in_its_own_period(deck):
    data = table(
        [
            {"date": "2026-10-05", "leads": 1},
            {"date": "2026-10-06", "leads": 2},
            {"date": "2026-12-30", "leads": 4},
            {"date": "2026-10-01", "span_end": "2026-11-30", "leads": 8},  # two months' total
        ]
    )
    quarterly = whole(run_check(strategy(kpi("leads", period="quarter")), deck.cards, [data]), "leads")
    assert [(r.period, r.actual, r.spans_periods) for r in quarterly] == [("2026-Q4", 1 + 2 + 4 + 8, False)]
    weekly = whole(run_check(strategy(kpi("leads", period="week")), deck.cards, [data]), "leads")
    assert [(r.period, r.actual) for r in weekly] == [
        ("2026-W41", 1 + 2),
        ("2026-W53", 4),
        ("2026-10-01/2026-11-30", 8),  # no week holds it: a result of its own
    ]


def test_money_in_another_currency_than_the_targets_is_shown_not_compared(deck):
    data = table(
        [
            {"date": "2026-10-01", "spend": 400.0, "leads": 10, "currency": "USD"},
            {"date": "2026-10-02", "spend": 100.0, "leads": 0, "currency": "USD"},
        ]
    )
    [cost] = whole(run_check(strategy(kpi("cost-per-lead", target=50)), deck.cards, [data]), "cost-per-lead")
    assert (cost.actual, cost.currency) == ((400 + 100) / 10, "USD")
    assert (cost.status, cost.reason) == ("not comparable", "other_currency|USD|EUR")
    [leads] = whole(run_check(strategy(kpi("leads", target=5)), deck.cards, [data]), "leads")
    assert (leads.currency, leads.status) == (None, "met")  # a count has no currency


def test_amounts_in_several_currencies_are_never_added(deck):
    """A row that names no currency is in the strategy's (EUR): with a USD row beside
    it, October mixes two; November has no money at all; December is USD only."""
    data = table(
        [
            {"date": "2026-10-01", "spend": 400.0, "leads": 10, "currency": "USD"},
            {"date": "2026-10-02", "spend": 100.0, "leads": 10, "currency": None},
            {"date": "2026-11-02", "leads": 10, "currency": None},
            {"date": "2026-12-02", "spend": 90.0, "leads": 3, "currency": "USD"},
        ]
    )
    results = whole(run_check(strategy(kpi("cost-per-lead", target=50)), deck.cards, [data]), "cost-per-lead")
    assert [(r.period, r.actual, r.currency, r.reason) for r in results] == [
        ("2026-10", None, None, "mixed_currencies|EUR, USD"),
        ("2026-11", None, None, "input_missing|spend"),
        ("2026-12", 90 / 3, "USD", "other_currency|USD|EUR"),
    ]


def test_each_segment_with_its_own_inputs_changes_and_currency(deck):
    data = table(
        [
            {"date": "2026-10-01", "segment": "Webinar", "spend": 100.0, "leads": 4, "currency": "USD"},
            {"date": "2026-10-01", "segment": "Fair", "spend": 300.0, "leads": 5, "currency": "USD"},
            {"date": "2026-11-01", "segment": "Webinar", "spend": 120.0, "leads": 4, "currency": "USD"},
            {"date": "2026-11-01", "segment": "Fair", "spend": 150.0, "leads": 5, "currency": "USD"},
            {"date": "2026-11-01", "segment": "Print", "currency": "USD"},  # nothing for this KPI
        ]
    )
    report = run_check(strategy(kpi("cost-per-lead", target=50)), deck.cards, [data])
    parts = [r for r in report.results if r.segment is not None]
    assert [(r.segment, r.period, r.actual, r.change_previous, r.currency) for r in parts] == [
        ("Fair", "2026-10", 300 / 5, None, "USD"),
        ("Fair", "2026-11", 150 / 5, 150 / 5 - 300 / 5, "USD"),
        ("Webinar", "2026-10", 100 / 4, None, "USD"),
        ("Webinar", "2026-11", 120 / 4, 120 / 4 - 100 / 4, "USD"),
    ]
    assert parts[0].inputs == {"leads": 5.0, "spend": 300.0}
    assert all(r.status == "not comparable" and not r.spans_periods for r in parts)


def test_segments_of_a_total_over_a_longer_range_stand_apart_too(deck):
    data = table(
        [
            {"date": "2025-02-01", "span_end": "2025-08-04", "segment": "A", "leads": 7},
            {"date": "2025-02-01", "span_end": "2025-08-04", "segment": "B", "leads": 3},
        ]
    )
    report = run_check(strategy(kpi("leads", target=5)), deck.cards, [data])
    assert [(r.segment, r.period, r.actual, r.spans_periods) for r in report.results] == [
        (None, "2025-02-01/2025-08-04", 10, True),
        ("A", "2025-02-01/2025-08-04", 7, True),
        ("B", "2025-02-01/2025-08-04", 3, True),
    ]


def test_channel_filter_segments_changes_and_baseline(deck):
    data = table(
        [
            {"date": "2026-10-03", "channel": "linkedin", "segment": "A", "leads": 10, "qualified_leads": 5},
            {"date": "2026-10-04", "channel": "linkedin", "segment": "B", "leads": 10, "qualified_leads": 1},
            {"date": "2026-10-04", "channel": "facebook", "segment": "C", "leads": 100, "qualified_leads": 100},
            {"date": "2026-11-02", "channel": "linkedin", "segment": "A", "leads": 10, "qualified_leads": 4},
        ]
    )
    report = run_check(strategy(kpi("lead-quality", channel="LinkedIn", target=35, baseline=20)), deck.cards, [data])
    october, november = whole(report, "lead-quality")
    assert (october.period, october.actual, october.status) == ("2026-10", pytest.approx(30.0), "missed")
    assert (november.period, november.actual, november.status) == ("2026-11", pytest.approx(40.0), "met")
    assert november.change_previous == pytest.approx(10.0) and november.change_baseline == pytest.approx(20.0)
    segments = {(r.segment, r.period): r.actual for r in report.results if r.segment}
    assert segments == {("A", "2026-10"): 50.0, ("A", "2026-11"): 40.0, ("B", "2026-10"): 10.0}  # no "C"


def test_no_data_at_all_still_gives_each_kpi_a_row(deck):
    report = run_check(strategy(kpi("leads", target=5)), deck.cards, [])
    [result] = report.results
    assert (result.period, result.status) == (None, "no data")


def test_the_same_metric_from_several_files_is_warned_about(deck):
    a = table([{"date": "2026-10-01", "conversions": 5, "spend": 10}])
    b = table([{"date": "2026-10-01", "conversions": 7}])
    report = run_check(strategy(kpi("cost-per-conversion")), deck.cards, [("ads.csv", a), ("ga4.csv", b)])
    assert ("several_sources", "cost-per-conversion|conversions|ads.csv, ga4.csv") in report.warnings


@pytest.mark.parametrize(
    ("day", "period", "label"),
    [
        ("2026-10-19", "week", "2026-W43"),
        ("2026-10-19", "month", "2026-10"),
        ("2026-10-19", "quarter", "2026-Q4"),
        ("2026-10-19", "year", "2026"),
        ("2027-01-01", "week", "2026-W53"),
    ],
)
def test_period_labels(day, period, label):
    assert period_label(pd.Timestamp(day), period) == label


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "impact", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/samples is not beside the repo")
@pytest.mark.process
def test_cli_json_is_one_object_and_a_file_given_twice_counts_once(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: impact-strategy/1\nname: B2B\ngoals:\n  - {id: leads, title: Leads, area: leads, hard: true}\n"
        "kpis:\n  - {card: lead-quality, stage: conversion, goal: leads, target: 50, period: month, "
        "owner: {department: sales}}\n",
        encoding="utf-8",
    )
    crm = str(SAMPLES / "crm_leads.csv")
    once = _cli("check", str(plan), crm, "--json")
    twice = _cli("check", str(plan), crm, crm, "--json")
    assert once.returncode == twice.returncode == 0, once.stderr + twice.stderr
    first, second = json.loads(once.stdout), json.loads(twice.stdout)
    whole_rows = [r for r in second["results"] if r["segment"] is None]
    assert whole_rows == [r for r in first["results"] if r["segment"] is None]
    [october] = whole_rows
    assert october == {
        "kpi": "lead-quality",
        "stage": "conversion",
        "channel": None,
        "segment": None,
        "period": "2026-10",
        "actual": pytest.approx(57.309942),
        "target": 50.0,
        "status": "met",
        "inputs": {"leads": 171.0, "qualified_leads": 98.0},
        "reason": None,
        "why": None,
        "currency": None,
    }
    assert any("is the same file" in w for w in second["warnings"])


@pytest.mark.process
def test_cli_bad_input_exits_1_with_a_message(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("format: impact-strategy/1\nname: x\n", encoding="utf-8")
    broken = tmp_path / "broken.csv"
    broken.write_bytes(bytes(range(256)) * 10)
    result = _cli("check", str(plan), str(broken))
    assert result.returncode == 1 and "binary" in result.stderr and "Traceback" not in result.stderr
    result = _cli("check", str(tmp_path / "missing.yaml"), str(broken))
    assert result.returncode == 1 and "cannot be read" in result.stderr


def test_period_labels_once_per_day_and_none_for_a_missing_day():
    days = pd.Series(pd.to_datetime(["2026-10-19", None, "2026-10-19", "2026-12-31"]), index=[7, 8, 9, 10])
    labels = period_labels(days, "quarter")
    assert labels.isna().tolist() == [False, True, False, False] and labels.index.tolist() == [7, 8, 9, 10]
    assert labels.dropna().tolist() == ["2026-Q4", "2026-Q4", "2026-Q4"]
    assert period_labels(days, "week").dropna().tolist() == ["2026-W43", "2026-W43", "2026-W53"]


def test_files_are_combined_whatever_order_and_numbering_they_come_in(deck):
    first = table([{"date": "2026-10-01", "leads": 2}, {"date": "2026-10-02", "leads": 3}])
    second = table([{"date": "2026-10-01", "span_end": "2026-12-31", "leads": 40}, {"date": "2026-11-02", "leads": 5}])
    empty = first.iloc[0:0]
    combined = combine([("none.csv", empty), ("a.csv", first), ("b.csv", second)])
    assert combined["leads"].tolist() == [2, 3, 40, 5] and combined.index.tolist() == [0, 1, 2, 3]
    assert combined["source"].tolist() == ["a.csv", "a.csv", "b.csv", "b.csv"]
    assert combined["currency"].isna().all()
    report = run_check(strategy(kpi("leads")), deck.cards, [("a.csv", first), ("b.csv", second)])
    assert [(r.period, r.actual, r.spans_periods) for r in whole(report, "leads")] == [
        ("2026-10", 2 + 3, False),
        ("2026-11", 5, False),
        ("2026-10-01/2026-12-31", 40, True),
    ]
    assert combine([empty]).empty and combine([]).empty


def test_a_result_names_its_kpi_and_says_when_there_is_nothing_to_compare_with(deck):
    plan = strategy(kpi("leads"), kpi("reach", stage="awareness", target=100))
    data = table([{"date": "2026-10-01", "leads": 2}])
    leads, reach = run_check(plan, deck.cards, [data]).results
    assert (leads.kpi_id, leads.status, leads.target) == (plan.kpis[0].id, "no target", None)
    assert (reach.kpi_id, reach.status, reach.reason) == (plan.kpis[1].id, "no data", "input_not_in_files|reach|")
    [nothing] = run_check(strategy(kpi("leads", target=3)), deck.cards, []).results
    assert (nothing.period, nothing.status, nothing.spans_periods, nothing.upper_bound) == (
        None,
        "no data",
        False,
        False,
    )


@pytest.mark.parametrize(("period", "said"), [("quarter", "quarter"), (None, "month")])
def test_a_count_over_a_longer_range_says_which_period_it_exceeds(deck, period, said):
    data = table([{"date": "2025-01-01", "span_end": "2025-12-31", "leads": 40}])
    [result] = whole(run_check(strategy(kpi("leads", target=10, period=period)), deck.cards, [data]), "leads")
    assert (result.status, result.reason) == ("not comparable", f"range_longer_than_period|{said}")


def test_what_the_check_warns_about_by_code(deck):
    plan = strategy(kpi("no-such-card"), kpi("lead-quality"), kpi("leads", period=None))
    nothing = run_check(plan, deck.cards, [])
    assert ("no_rows", "") in nothing.warnings and ("unknown_card", "no-such-card") in nothing.warnings
    assert [r.kpi for r in nothing.results] == ["lead-quality", "leads"]  # the KPIs after the unknown card
    spend = table([{"date": "2026-10-01", "spend": 5.0}, {"date": "2026-10-01", "span_end": "2026-12-31", "leads": 4}])
    checked = run_check(plan, deck.cards, [("a.csv", spend)])
    assert ("missing_inputs", "lead-quality|leads, qualified_leads") not in checked.warnings  # leads is there
    assert ("missing_inputs", "lead-quality|qualified_leads") in checked.warnings
    assert ("span_straddles", "1|month") in checked.warnings  # a KPI without a period counts months
    assert not any(code == "several_sources" for code, _ in checked.warnings)  # one file: nothing to say
    no_quality = run_check(strategy(kpi("lead-quality")), deck.cards, [table([{"date": "2026-10-01", "spend": 1}])])
    assert ("missing_inputs", "lead-quality|leads, qualified_leads") in no_quality.warnings


def test_a_channel_kpi_without_any_data_says_there_are_no_rows(deck):
    [result] = run_check(strategy(kpi("leads", channel="Instagram")), deck.cards, []).results
    assert (result.status, result.reason) == ("no data", "no_rows_in_period|Instagram")


def test_ranges_are_counted_for_the_kpis_channel_only(deck):
    data = table(
        [
            {"date": "2026-01-01", "span_end": "2026-06-30", "leads": 40, "channel": "instagram"},
            {"date": "2026-01-01", "span_end": "2026-06-30", "leads": 10, "channel": "x"},
        ]
    )
    [result] = whole(run_check(strategy(kpi("leads", channel="Instagram")), deck.cards, [data]), "leads")
    assert (result.period, result.actual) == ("2026-01-01/2026-06-30", 40)


def test_the_currency_a_money_target_is_in(deck):
    from impact.check import target_currency
    from impact.custom_cards import build_custom_card

    card = deck.cards["cost-per-lead"]
    assert target_currency(Strategy(name="t", currency="CHF"), card) == "CHF"
    assert target_currency(Strategy(name="t"), card) == "EUR"  # the card's unit names it
    made = {"stage": "conversion", "kind": "kpi", "question": "", "formula": "spend / leads", "direction": "down"}
    dollars = build_custom_card(**made, title="Dollars per lead", unit="$", lang="en")
    assert target_currency(Strategy(name="t"), dollars) == "USD"
    amount = build_custom_card(**made, title="Pro Lead", unit="Betrag", lang="de")
    assert target_currency(Strategy(name="t"), amount) == "EUR"  # a unit that is no currency: the default


def test_a_result_carries_what_the_kpi_is(deck):
    plan = strategy(kpi("cost-per-lead", target=50, channel="instagram"), kpi("leads", stage="consideration"))
    data = table([{"date": "2026-10-01", "spend": 100.0, "leads": 4, "channel": "instagram"}])
    cost, leads = run_check(plan, deck.cards, [data]).results
    assert (cost.stage, cost.channel, cost.target, cost.direction) == ("conversion", "instagram", 50, "down")
    assert (leads.stage, leads.channel, leads.target, leads.direction) == ("consideration", None, None, "up")


def test_the_change_to_the_previous_period_skips_a_period_without_a_value(deck):
    data = table(
        [
            {"date": "2026-10-01", "leads": 10, "spend": 1.0},
            {"date": "2026-11-01", "spend": 1.0},  # November: no leads
            {"date": "2026-12-01", "leads": 15, "spend": 1.0},
        ]
    )
    results = whole(run_check(strategy(kpi("leads", baseline=8)), deck.cards, [data]), "leads")
    assert [(r.period, r.actual, r.change_previous, r.change_baseline) for r in results] == [
        ("2026-10", 10, None, 10 - 8),
        ("2026-11", None, None, None),
        ("2026-12", 15, 15 - 10, 15 - 8),
    ]


def test_each_segment_in_its_own_currency(deck):
    data = table(
        [
            {"date": "2026-10-01", "segment": "UK", "spend": 80.0, "leads": 4, "currency": "GBP"},
            {"date": "2026-10-01", "segment": "US", "spend": 90.0, "leads": 3, "currency": "USD"},
            {"date": "2026-10-01", "segment": "Mixed", "spend": 50.0, "leads": 1, "currency": "USD"},
            {"date": "2026-10-01", "segment": "Mixed", "spend": 50.0, "leads": 1, "currency": None},
        ]
    )
    report = run_check(strategy(kpi("cost-per-lead", target=30)), deck.cards, [data])
    parts = {r.segment: (r.actual, r.currency, r.reason) for r in report.results if r.segment}
    assert parts == {
        "Mixed": (None, None, "mixed_currencies|EUR, USD"),
        "UK": (80 / 4, "GBP", "other_currency|GBP|EUR"),
        "US": (90 / 3, "USD", "other_currency|USD|EUR"),
    }


def test_the_same_metric_from_one_file_is_no_warning_and_from_two_it_is(deck):
    one = table([{"date": "2026-10-01", "leads": 3}])
    plan = strategy(kpi("leads"))
    assert not [w for w in run_check(plan, deck.cards, [("a.csv", one)]).warnings if w[0] == "several_sources"]
    two = run_check(plan, deck.cards, [("a.csv", one), ("b.csv", one)]).warnings
    assert ("several_sources", "leads|leads|a.csv, b.csv") in two


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_compacted_rows_give_the_figures_of_the_rows_themselves(seed):
    """The check reduces rows to one per day and kind before it aggregates: for every
    rule (sum, last, first, unique people with a file's own total, weighted, a mean
    without its weight) the figures must be those of the raw rows, gaps and all."""
    import numpy as np

    from impact.aggregate import aggregate_by, compact

    rng = np.random.default_rng(seed)
    n = 400

    def gappy(values):
        return np.where(rng.random(n) < 0.2, np.nan, values)

    frame = pd.DataFrame(
        {
            "date": pd.to_datetime("2026-01-01") + pd.to_timedelta(rng.integers(0, 90, n), unit="D"),
            "span_end": pd.NaT,
            "channel": rng.choice(["linkedin", "facebook", None], n),
            "segment": rng.choice(["a", "b", None], n),
            "currency": rng.choice(["EUR", None], n),
            "whole": rng.random(n) < 0.05,
            "impressions": gappy(rng.integers(1, 1000, n).astype(float)),
            "followers": gappy(rng.integers(100, 200, n).astype(float)),
            "customers_start": gappy(rng.integers(1, 50, n).astype(float)),
            "reach": gappy(rng.integers(1, 500, n).astype(float)),
            "search_position": gappy(rng.uniform(1, 20, n)),
            "search_impressions": gappy(rng.integers(1, 100, n).astype(float)),
        }
    )
    data = combine([("one.csv", frame.iloc[: n // 2]), ("two.csv", frame.iloc[n // 2 :])])
    data["_period"] = data["date"].dt.strftime("%Y-%m")
    metrics = ["impressions", "followers", "customers_start", "reach", "search_position"]
    for keys in (["_period"], ["segment", "_period"]):
        rows = data[data["segment"].notna()] if "segment" in keys else data
        raw = aggregate_by(rows, keys, metrics)
        days = compact(rows.drop(columns="_period"), ["date", "span_end"])
        days["_period"] = days["date"].dt.strftime("%Y-%m")
        assert len(days) < len(rows)
        packed = aggregate_by(compact(days, keys), keys, metrics)
        pd.testing.assert_frame_equal(packed, raw, check_dtype=False, check_index_type=False)
    no_weight = data.drop(columns="search_impressions")
    raw = aggregate_by(no_weight, ["_period"], ["search_position"])
    packed = aggregate_by(compact(no_weight, ["_period"]), ["_period"], ["search_position"])
    pd.testing.assert_frame_equal(packed, raw, check_dtype=False, check_index_type=False)


def test_kpis_read_together_each_keep_their_own_segments_files_and_bounds(deck):
    """KPIs of one period and channel are aggregated together; each still speaks of the
    segments, files and upper bounds of its own inputs only."""
    crm = table(
        [
            {"date": "2026-10-01", "segment": "Fair", "leads": 4},
            {"date": "2026-10-02", "segment": "Fair", "leads": 2},
        ]
    )
    ads = table(
        [
            {"date": "2026-10-01", "segment": "Search", "reach": 100, "clicks": 5, "impressions": 200},
            {"date": "2026-10-02", "segment": "Search", "reach": 50, "clicks": 1, "impressions": 100},
        ]
    )
    report = run_check(
        strategy(kpi("leads"), kpi("reach", "awareness"), kpi("ctr")), deck.cards, [("crm.csv", crm), ("ads.csv", ads)]
    )
    by = {card: [r for r in report.results if r.kpi == card] for card in ("leads", "reach", "ctr")}
    assert [(r.segment, r.actual, r.sources) for r in by["leads"]] == [
        (None, 6.0, ("crm.csv",)),
        ("Fair", 6.0, ("crm.csv",)),
    ]
    assert [(r.segment, r.actual, r.sources, r.upper_bound) for r in by["reach"]] == [
        (None, 150.0, ("ads.csv",), True),  # two days of reach added up: at most 150 people
        ("Search", 150.0, ("ads.csv",), True),
    ]
    assert [(r.segment, r.upper_bound) for r in by["ctr"]] == [(None, False), ("Search", False)]
    assert by["ctr"][0].actual == pytest.approx(6 / 300 * 100)
