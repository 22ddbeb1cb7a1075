"""The "likes are not a strategy" rules, checked live on every change.

Each rule yields one item: passed or not, a severity, the things it concerns and the
workshop step that fixes it. The wording lives in the locale files
(``health.<rule>.title`` / ``.why`` / ``.fail``) so both languages say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from impact.model import STAGES, Card, Strategy

Step = Literal["start", "profile", "goals", "board", "owners", "strategy"]


@dataclass(frozen=True)
class HealthItem:
    rule: str
    ok: bool
    severity: Literal["error", "warning"]
    step: Step
    subjects: list[str] = field(default_factory=list)
    stage: str | None = None  # where the fix starts: the first stage concerned


def check_health(strategy: Strategy, cards: dict[str, Card]) -> list[HealthItem]:
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}

    def kind(card_id: str) -> str:
        card = known.get(card_id)
        return card.kind if card else "kpi"

    real_kpis = [k for k in strategy.kpis if kind(k.card) == "kpi"]
    items: list[HealthItem] = []

    unknown = [k for k in strategy.kpis if k.card not in known]
    if unknown:  # only shown when it happens: a card renamed or removed from the deck
        items.append(HealthItem("cards_known", False, "error", "board", [k.card for k in unknown], unknown[0].stage))
    items.append(HealthItem("has_goal", bool(strategy.goals), "error", "goals"))

    goals_without = [g.title for g in strategy.goals if not any(k.goal == g.id for k in real_kpis)]
    items.append(
        HealthItem("goal_has_kpi", bool(strategy.goals) and not goals_without, "error", "board", goals_without)
    )

    hard_ids = {g.id for g in strategy.goals if g.hard}
    items.append(HealthItem("hard_goal_kpi", any(k.goal in hard_ids for k in real_kpis), "error", "board"))

    bare = [
        k
        for k in strategy.kpis
        if kind(k.card) == "metric" and not (k.goal is not None and any(r.goal == k.goal for r in real_kpis))
    ]
    first_bare = bare[0].stage if bare else None
    items.append(HealthItem("no_bare_metric", not bare, "error", "board", [k.card for k in bare], first_bare))

    # Metric cards are feedback, not KPIs: only real KPIs need a target and an owner.
    no_target = [k for k in real_kpis if k.target is None or k.period is None]
    no_owner = [k for k in real_kpis if not k.owner.department and k not in no_target]
    incomplete = no_target + no_owner
    items.append(
        HealthItem(
            "kpi_complete",
            bool(real_kpis) and not incomplete,
            "error",
            "board" if no_target else "owners",
            [k.card for k in incomplete],
            incomplete[0].stage if incomplete else None,
        )
    )

    departments = {k.owner.department for k in strategy.kpis if k.owner.department}
    items.append(HealthItem("beyond_marketing", bool(departments - {"marketing"}), "warning", "owners"))

    empty: list[str] = [s for s in STAGES if not strategy.kpis_in(s)]
    items.append(HealthItem("all_stages", not empty, "warning", "board", empty, empty[0] if empty else None))
    return items


def health_score(items: list[HealthItem]) -> tuple[int, int]:
    return sum(1 for i in items if i.ok), len(items)
