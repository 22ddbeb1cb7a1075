"""Quick start for someone alone: one click drafts a whole strategy from the profile.

Goals come from the profile's suggestions; each stage gets one or two of its priority
cards (real KPIs first), linked to a fitting goal; owners come from the cards. A
target is filled in only where the profile has a published reference value for that
card — never an invented number; the guided mode asks for the rest.
"""

from __future__ import annotations

import re
from datetime import date

from impact import edits
from impact.model import STAGES, Card, Goal, Profile, Strategy

_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
EARLY_STAGES = ("awareness", "consideration")
# which business area a card's inputs speak to
_AREAS = {
    "revenue": {"revenue", "orders", "repeat_orders", "bookings", "donations"},
    "leads": {"leads", "qualified_leads", "inquiries", "newsletter_signups", "calls", "direction_requests"},
    "recruiting": {"applications", "qualified_applications", "hires", "recruiting_costs", "volunteers"},
    "satisfaction": {
        "promoters",
        "satisfied_responses",
        "review_stars",
        "reviews",
        "response_minutes",
        "answered_inquiries",
        "positive_mentions",
    },
    "awareness": {"reach", "impressions", "aware_respondents", "mentions", "video_views", "followers"},
    "retention": {"customers_end", "customers_start", "repeat_donors", "repeat_orders"},
}


def _fitting_goal(card: Card, goals: list[Goal], used: dict[str, int]) -> Goal | None:
    """A goal whose area the card speaks to; else the goal with the fewest KPIs so far."""
    inputs = set(card.inputs)
    matching = [g for g in goals if inputs & _AREAS.get(g.area, set())]
    pool = matching or goals
    return min(pool, key=lambda g: used.get(g.id, 0)) if pool else None


def reference_target(profile: Profile, card_id: str) -> float | None:
    """The first number in the profile's reference value for this card ("1.6 %" → 1.6)."""
    for ref in profile.reference_values:
        if ref.card == card_id:
            match = _NUMBER.search(ref.value)
            if match:
                return float(match.group().replace(",", "."))
    return None


def draft_strategy(
    strategy: Strategy, profile: Profile, cards: dict[str, Card], lang: str, today: date, per_stage: int = 2
) -> Strategy:
    draft = edits.set_profile(strategy, profile.id)
    taken = {g.title for g in draft.goals}
    for suggestion in profile.goals:
        if suggestion.title.get(lang) not in taken:
            draft = edits.add_goal(draft, edits.goal_from_suggestion(suggestion, lang, today))
    hard = [g for g in draft.goals if g.hard]
    soft = [g for g in draft.goals if not g.hard]
    used: dict[str, int] = {}
    for stage in STAGES:
        on_board = {k.card for k in draft.kpis_in(stage)}
        candidates = [cards[c] for c in profile.priority_cards.get(stage, []) if c in cards and c not in on_board]
        candidates.sort(key=lambda c: c.is_metric)  # real KPIs first
        goal_pool = (soft + hard) if stage in EARLY_STAGES else (hard + soft)
        for card in candidates[: max(0, per_stage - len(on_board))]:
            goal = _fitting_goal(card, goal_pool, used)
            if goal is not None:
                used[goal.id] = used.get(goal.id, 0) + 1
            draft, kpi_id = edits.add_kpi(draft, card, goal=goal.id if goal else None, stage=stage)
            target = reference_target(profile, card.id)
            if target is not None:
                draft = edits.update_kpi(draft, kpi_id, target=target)
    return draft
