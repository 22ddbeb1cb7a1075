"""Every change a workshop makes to a strategy, as a pure function.

Each takes a strategy and returns a new one (the old one is left untouched), so a
page can hand the result to storage as the next version, and a failed save leaves
the screen's copy as it was. Pages, tests and the command line share these.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from typing import Any

from impact.model import Card, Goal, KpiChoice, Owner, Profile, Stage, Strategy, SuggestedGoal

KPI_FIELDS = ("goal", "target", "baseline", "total", "period", "channel", "stage")
OWNER_FIELDS = ("department", "person", "source")


def _copy(strategy: Strategy) -> Strategy:
    return strategy.model_copy(deep=True)


def _clean(value: Any) -> Any:
    """Empty text means 'not set'; surrounding blanks are never meant."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def set_details(strategy: Strategy, *, name: str, organisation: str, language: str) -> Strategy:
    data = strategy.model_dump()
    data.update(name=name.strip(), organisation=organisation.strip(), language=language)
    return Strategy.model_validate(data)


def set_profile(strategy: Strategy, profile_id: str | None) -> Strategy:
    new = _copy(strategy)
    new.industry_profile = profile_id
    return new


def add_goal(strategy: Strategy, goal: Goal) -> Strategy:
    new = _copy(strategy)
    new.goals.append(Goal.model_validate(goal.model_dump()))
    return new


def suggestion_origin(profile_id: str, suggestion: SuggestedGoal) -> str:
    """A suggested goal's lasting name: its profile and its English title as a slug (the
    title a strategy shows may be German, or rewritten since)."""
    ascii_title = unicodedata.normalize("NFKD", suggestion.title.en).encode("ascii", "ignore").decode()
    return f"{profile_id}/{re.sub(r'[^a-z0-9]+', '-', ascii_title.lower()).strip('-')[:120] or 'goal'}"


def goal_from_suggestion(suggestion: SuggestedGoal, lang: str, today: date, origin: str | None = None) -> Goal:
    year, month = divmod(today.month - 1 + suggestion.months, 12)
    deadline = _month_end(today.year + year, month + 1)
    return Goal(
        title=suggestion.title.get(lang), area=suggestion.area, hard=suggestion.hard, deadline=deadline, origin=origin
    )


def adopted_suggestions(strategy: Strategy, profile: Profile) -> list[Goal | None]:
    """Per suggestion of the profile, the strategy's goal adopted from it (None: not yet),
    by origin, whatever the goal is called now; a goal from before origins were kept (none
    stored) counts by its title in either language."""
    found: list[Goal | None] = []
    for suggestion in profile.goals:
        origin = suggestion_origin(profile.id, suggestion)
        titles = {suggestion.title.de, suggestion.title.en}
        found.append(
            next((g for g in strategy.goals if g.origin == origin), None)
            or next((g for g in strategy.goals if g.origin is None and g.title in titles), None)
        )
    return found


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def update_goal(strategy: Strategy, goal_id: str, **changes: Any) -> Strategy:
    new = _copy(strategy)
    for index, goal in enumerate(new.goals):
        if goal.id == goal_id:
            data = goal.model_dump()
            data.update({k: _clean(v) if k != "title" else v for k, v in changes.items()})
            new.goals[index] = Goal.model_validate(data)
            return new
    raise KeyError(goal_id)


def remove_goal(strategy: Strategy, goal_id: str) -> Strategy:
    """Removing a goal unlinks its KPIs rather than deleting the team's cards."""
    new = _copy(strategy)
    new.goals = [g for g in new.goals if g.id != goal_id]
    for kpi in new.kpis:
        if kpi.goal == goal_id:
            kpi.goal = None
    return new


def add_kpi(
    strategy: Strategy, card: Card, *, goal: str | None = None, stage: str | None = None
) -> tuple[Strategy, str]:
    """Lay a card on the board; returns the strategy and the new KPI's id."""
    new = _copy(strategy)
    if goal is None and len(new.goals) == 1:
        goal = new.goals[0].id
    kpi = KpiChoice(card=card.id, stage=stage or card.stage, goal=goal, owner=Owner(department=card.owner))
    new.kpis.append(kpi)
    return new, kpi.id


def update_kpi(strategy: Strategy, kpi_id: str, **changes: Any) -> Strategy:
    new = _copy(strategy)
    for index, kpi in enumerate(new.kpis):
        if kpi.id == kpi_id:
            data = kpi.model_dump()
            for key, value in changes.items():
                if key in OWNER_FIELDS:
                    data["owner"][key] = _clean(value)
                elif key in KPI_FIELDS:
                    data[key] = _clean(value)
                else:
                    raise KeyError(key)
            new.kpis[index] = KpiChoice.model_validate(data)
            return new
    raise KeyError(kpi_id)


def remove_kpi(strategy: Strategy, kpi_id: str) -> Strategy:
    new = _copy(strategy)
    new.kpis = [k for k in new.kpis if k.id != kpi_id]
    return new


def add_custom_card(strategy: Strategy, card: Card) -> Strategy:
    new = _copy(strategy)
    new.custom_cards = [c for c in new.custom_cards if c.id != card.id] + [card]
    return new


def add_department(strategy: Strategy, name: str) -> Strategy:
    new = _copy(strategy)
    name = name.strip()
    if name and name not in new.all_departments():
        new.departments.append(name)
    return new


def relevant_cards(cards: dict[str, Card], profile: Profile | None, stage: Stage) -> list[Card]:
    """The profile's priority cards first (in its order), then the rest of the stage
    that carries the profile's industry tag."""
    in_stage = [c for c in cards.values() if c.stage == stage]
    if profile is None:
        return in_stage
    priority = [cards[i] for i in profile.priority_cards.get(stage, []) if i in cards]
    tagged = [c for c in in_stage if profile.id in c.industries and c not in priority]
    return priority + tagged


def park_question(strategy: Strategy, text: str) -> Strategy:
    new = _copy(strategy)
    text = text.strip()
    if text:
        new.parking_lot.append(text[:300])
    return new


def unpark_question(strategy: Strategy, index: int) -> Strategy:
    new = _copy(strategy)
    if 0 <= index < len(new.parking_lot):
        del new.parking_lot[index]
    return new
