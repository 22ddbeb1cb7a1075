"""Strategies of realistic size for tests and benchmarks."""

from __future__ import annotations

from impact import edits
from impact.deck import Deck
from impact.model import STAGES, Goal, Strategy


def big_strategy(deck: Deck, kpis: int = 30, name: str = "Big strategy") -> Strategy:
    """A strategy with ``kpis`` KPIs spread over all five stages, all fields filled."""
    strategy = Strategy(name=name, organisation="Beispiel GmbH", language="de", industry_profile="b2b")
    goals = [
        Goal(id="revenue", title="€500k Umsatz über Social Media", area="revenue", hard=True),
        Goal(id="leads", title="200 qualifizierte Leads", area="leads", hard=True),
        Goal(id="brand", title="Bekannter werden", area="awareness", hard=False),
    ]
    for goal in goals:
        strategy = edits.add_goal(strategy, goal)
    by_stage = {stage: deck.in_stage(stage) for stage in STAGES}
    for index in range(kpis):
        stage = STAGES[index % len(STAGES)]
        card = by_stage[stage][(index // len(STAGES)) % len(by_stage[stage])]
        strategy, kpi_id = edits.add_kpi(strategy, card, goal=goals[index % len(goals)].id)
        strategy = edits.update_kpi(
            strategy,
            kpi_id,
            target=10 + index,
            baseline=5 + index,
            period="month",
            person=f"Person {index}",
            source="CRM",
            channel="linkedin" if index % 2 else None,
        )
    return strategy


def example_with_lead_quality(lang: str = "de") -> Strategy:
    """The shipped example strategy plus a lead-quality KPI the CRM sample can fill."""
    from pathlib import Path

    from impact.model import KpiChoice, Owner
    from impact.strategy_file import parse_strategy

    root = Path(__file__).resolve().parent.parent
    strategy = parse_strategy((root / "examples" / "employer-branding.yaml").read_bytes())
    strategy.kpis.append(
        KpiChoice(
            card="lead-quality",
            stage="conversion",
            goal="hires",
            target=50,
            period="month",
            owner=Owner(department="sales"),
        )
    )
    return strategy.model_copy(update={"language": lang})
