"""Quick start for someone alone: one click drafts a whole strategy from the profile.

What is drafted is curated per profile (``quick_start`` in its YAML): cards a business
of that kind can measure, each linked to the suggested goal it serves, each owned by a
department such a business has. A target is filled in only from a published reference
value that measures exactly what the card measures (``same_measure``); a benchmark on
another basis is shown beside the KPI, never copied. :func:`describe_draft` says what
was drafted and what is left to decide, so the page can tell the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from impact import edits
from impact.model import Card, Profile, ReferenceValue, Strategy

_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def target_reference(profile: Profile, card_id: str) -> ReferenceValue | None:
    """The published value that may stand as a first target for this card: one that
    measures the same thing and holds a number."""
    for ref in profile.reference_values:
        if ref.card == card_id and ref.same_measure and _NUMBER.search(ref.value):
            return ref
    return None


def reference_target(profile: Profile, card_id: str) -> float | None:
    """The first number in that reference value ("1.6 %" → 1.6)."""
    ref = target_reference(profile, card_id)
    match = _NUMBER.search(ref.value) if ref else None
    return float(match.group().replace(",", ".")) if match else None


def draft_strategy(strategy: Strategy, profile: Profile, cards: dict[str, Card], lang: str, today: date) -> Strategy:
    """The profile's goals (those not there yet) and its quick-start cards (those not on
    the board yet), each linked to its goal and owned by a department the business has."""
    draft = edits.set_profile(strategy, profile.id)
    goal_ids: list[str] = []
    for suggestion, existing in zip(profile.goals, edits.adopted_suggestions(draft, profile), strict=True):
        if existing is None:
            origin = edits.suggestion_origin(profile.id, suggestion)
            existing = edits.goal_from_suggestion(suggestion, lang, today, origin=origin)
            draft = edits.add_goal(draft, existing)
        goal_ids.append(existing.id)
    on_board = {k.card for k in draft.kpis}
    for pick in profile.quick_start:
        card = cards.get(pick.card)
        if card is None or card.id in on_board:
            continue
        draft, kpi_id = edits.add_kpi(draft, card, goal=goal_ids[pick.goal - 1], stage=card.stage)
        changes: dict[str, object] = {"period": "month"}
        if pick.owner:
            changes["department"] = pick.owner
        target = None if card.is_metric else reference_target(profile, card.id)  # a metric supports, it has no target
        if target is not None:
            changes["target"] = target
        draft = edits.update_kpi(draft, kpi_id, **changes)
    return draft


@dataclass
class DraftReport:
    """What a quick start did and what it left to the person, as ids the page words."""

    goals: list[str] = field(default_factory=list)  # goal ids added
    kpis: list[str] = field(default_factory=list)  # KPI ids added (real KPIs)
    metrics: list[str] = field(default_factory=list)  # ids of metric cards added: beside a KPI of their goal
    targets_from: dict[str, ReferenceValue] = field(default_factory=dict)  # KPI id → where its target came from
    benchmarks_not_targets: dict[str, list[ReferenceValue]] = field(default_factory=dict)  # KPI id → other-basis values
    without_target: list[str] = field(default_factory=list)  # real KPI ids (all of the strategy's) without target
    without_person: list[str] = field(default_factory=list)  # KPI ids whose owner names no person yet


def describe_draft(before: Strategy, after: Strategy, profile: Profile, cards: dict[str, Card]) -> DraftReport:
    """Metric cards are said apart from the KPIs: they support a KPI of the same goal and
    need no target, so the person is never asked for one (nor told they are KPIs)."""
    old_goals = {g.id for g in before.goals}
    old_kpis = {k.id for k in before.kpis}

    def metric(card_id: str) -> bool:
        card = cards.get(card_id)
        return card is not None and card.is_metric

    real = [k for k in after.kpis if not metric(k.card)]
    report = DraftReport(
        goals=[g.id for g in after.goals if g.id not in old_goals],
        kpis=[k.id for k in real if k.id not in old_kpis],
        metrics=[k.id for k in after.kpis if metric(k.card) and k.id not in old_kpis],
        without_target=[k.id for k in real if k.target is None],
        without_person=[k.id for k in real if not k.owner.person],
    )
    for kpi in after.kpis:
        if kpi.id not in report.kpis:
            continue
        ref = target_reference(profile, kpi.card)
        if ref is not None and kpi.target is not None:
            report.targets_from[kpi.id] = ref
        others = [r for r in profile.reference_values if r.card == kpi.card and r is not ref]
        if others:
            report.benchmarks_not_targets[kpi.id] = others
    return report
