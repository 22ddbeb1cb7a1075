"""Keep both: a three-way merge of two people's edits to the same strategy.

``base`` is the version both started from, ``mine`` what this person made of it,
``theirs`` what was saved in the meantime. Every change either side made is kept.
Goals, KPIs and custom cards are matched by id, departments and parked questions
are sets. Where both changed the same field differently, this person's value
wins (they are the one choosing "keep both") and the clash is reported, so the
screen can say which of their values is now only in the history.

A goal or a team's own card that one side removed while the other still uses it (a
KPI linked to the goal, a KPI on the card) is kept, as a removal loses to a change
everywhere else, and reported as a clash of kind ``kept``: a merge never saves a KPI
that points at nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from impact.diff import KEYED, SETS
from impact.model import Strategy
from impact.strategy_file import StrategyFileError, parse_strategy_data, strategy_to_data

MISSING: Any = object()  # a key one side's document does not have


@dataclass(frozen=True)
class Clash:
    """A field both sides changed: ``path`` such as ("kpis", "k1", "target"); or
    (``kind`` "kept") a goal or card one side removed, kept because a KPI uses it."""

    path: tuple[str, ...]
    theirs: Any
    mine: Any
    kind: str = "changed"


class MergeFailed(Exception):
    """The merged document is not a valid strategy (e.g. a KPI on a goal the other side removed)."""


def _merge(base: Any, mine: Any, theirs: Any, path: tuple[str, ...], clashes: list[Clash]) -> Any:
    if mine == base:
        return theirs
    if theirs == base or mine == theirs:
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict):
        base = base if isinstance(base, dict) else {}
        out: dict[str, Any] = {}
        for key in [*theirs, *(k for k in mine if k not in theirs)]:
            value = _merge(
                base.get(key, MISSING), mine.get(key, MISSING), theirs.get(key, MISSING), (*path, key), clashes
            )
            if value is not MISSING:
                out[key] = value
        return out
    if mine is MISSING:  # I removed it, they changed it: keep their work
        clashes.append(Clash(path, theirs, None))
        return theirs
    clashes.append(Clash(path, None if theirs is MISSING else theirs, mine))
    return mine


def _merge_keyed(
    base: list[dict[str, Any]],
    mine: list[dict[str, Any]],
    theirs: list[dict[str, Any]],
    section: str,
    clashes: list[Clash],
) -> list[Any]:
    by_id = [{item["id"]: item for item in side} for side in (base, mine, theirs)]
    order = [item["id"] for item in theirs] + [item["id"] for item in mine if item["id"] not in by_id[2]]
    out = []
    for item_id in order:
        b, m, th = (side.get(item_id, MISSING) for side in by_id)
        value = _merge(b, m, th, (section, item_id), clashes)
        if value is not MISSING:
            out.append(value)
    return out


def _merge_set(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
    removed = [v for v in base if v not in mine]
    added = [v for v in mine if v not in base and v not in theirs]
    return [v for v in theirs if v not in removed] + added


def _keep_what_is_used(
    merged: dict[str, Any],
    section: str,
    field: str,
    sides: tuple[dict[str, Any], ...],
    clashes: list[Clash],
) -> list[Any]:
    """The merged goals (or cards), with any that a merged KPI still names put back from
    the side that has it (theirs first)."""
    items: list[Any] = list(merged[section])
    present = {item["id"] for item in items}
    for kpi in merged["kpis"]:
        wanted = kpi.get(field)
        if wanted is None or wanted in present:
            continue
        for side in sides:
            found = next((item for item in side[section] if item["id"] == wanted), None)
            if found is not None:
                items.append(found)
                present.add(wanted)
                clashes.append(Clash((section, wanted), None, found, kind="kept"))
                break
    return items


def merge_strategies(base: Strategy, mine: Strategy, theirs: Strategy) -> tuple[Strategy, list[Clash]]:
    """Theirs plus every change of mine; raises MergeFailed if the result is not valid
    (schema or references: a KPI on a goal or card that is nowhere)."""
    b, m, th = (strategy_to_data(s) for s in (base, mine, theirs))  # lists are always there, unset values not
    clashes: list[Clash] = []
    merged: dict[str, Any] = {}
    for key in [*th, *(k for k in m if k not in th)]:
        if key in KEYED:
            merged[key] = _merge_keyed(b[key], m[key], th[key], key, clashes)
        elif key in SETS:
            merged[key] = _merge_set(b[key], m[key], th[key])
        else:
            value = _merge(b.get(key, MISSING), m.get(key, MISSING), th.get(key, MISSING), (key,), clashes)
            if value is not MISSING:
                merged[key] = value
    for section, field in (("goals", "goal"), ("custom_cards", "card")):
        merged[section] = _keep_what_is_used(merged, section, field, (th, m, b), clashes)
    try:
        result = parse_strategy_data(merged)
    except StrategyFileError as exc:
        raise MergeFailed("; ".join(f"{p.path}: {p.code}" for p in exc.problems)) from exc
    goal_ids = {g.id for g in result.goals}
    dangling = [k.id for k in result.kpis if k.goal is not None and k.goal not in goal_ids]
    if dangling:  # no side has the goal any more
        raise MergeFailed("; ".join(f"kpis.{kpi_id}.goal: unknown_goal" for kpi_id in dangling))
    return result.model_copy(update={"id": theirs.id}), clashes
