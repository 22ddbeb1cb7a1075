"""What changed between two versions of a strategy, in words a team can read.

Goals, KPIs and custom cards are matched by id, so a KPI that moved to another
stage is one change ("stage: Awareness → Consideration"), not a removal and an
addition. The same changes make the history's one-line summaries and the diff
view between any two versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from impact.formatting import department_label, format_date, format_number
from impact.i18n import t
from impact.model import Card, Strategy
from impact.strategy_file import strategy_to_data

KEYED = ("goals", "kpis", "custom_cards")
SETS = ("departments", "parking_lot")


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "changed"
    where: str  # "KPI “Lead quality” (Conversion)", "Goal “12 hires”", "Strategy"
    field: str  # "target", "" for a whole item
    before: str
    after: str


def _flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _value(value: Any, lang: str, field: str) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return t("diff.yes" if value else "diff.no", lang)
    if isinstance(value, float | int):
        return format_number(value, lang)
    if isinstance(value, list):
        return ", ".join(_value(v, lang, field) for v in value)
    if isinstance(value, dict):
        return str(value.get(lang) or next(iter(value.values()), ""))
    if field in ("stage",):
        return t(f"stage.{value}", lang)
    if field in ("period",):
        return t(f"period.{value}", lang)
    if field in ("owner.department",):
        return department_label(str(value), lang)
    if field == "deadline":
        return format_date(date.fromisoformat(str(value)), lang)
    if field == "language":
        return {"de": "Deutsch", "en": "English"}.get(str(value), str(value))
    return str(value)


def _field(field: str, lang: str) -> str:
    label = t(f"diff.field.{field}", lang)
    return field if label.startswith("diff.field.") else label


def _where(section: str, item: dict[str, Any], cards: dict[str, Card], lang: str) -> str:
    if section == "goals":
        return t("diff.goal", lang, title=item.get("title", ""))
    if section == "custom_cards":
        title = item.get("title") or {}
        return t("diff.custom_card", lang, title=title.get(lang) or next(iter(title.values()), item.get("id", "")))
    card = cards.get(item.get("card", ""))
    title = card.title.get(lang) if card else item.get("card", "")
    return t("diff.kpi", lang, title=title, stage=t(f"stage.{item.get('stage', '')}", lang))


def _changed_fields(where: str, was: dict[str, Any], now: dict[str, Any], lang: str) -> list[Change]:
    fields = [*now, *(f for f in was if f not in now)]
    return [
        Change("changed", where, _field(f, lang), _value(was.get(f), lang, f), _value(now.get(f), lang, f))
        for f in fields
        if f != "id" and was.get(f) != now.get(f)
    ]


def diff_strategies(old: Strategy, new: Strategy, cards: dict[str, Card], lang: str) -> list[Change]:
    """Every change from ``old`` to ``new``, in document order."""
    cards = {**cards, **{c.id: c for c in old.custom_cards}, **{c.id: c for c in new.custom_cards}}
    before, after = strategy_to_data(old), strategy_to_data(new)
    changes: list[Change] = []
    strategy_label = t("diff.strategy", lang)
    plain = {k: v for k, v in before.items() if k not in (*KEYED, *SETS, "id", "format")}
    plain_after = {k: v for k, v in after.items() if k not in (*KEYED, *SETS, "id", "format")}
    changes += sorted(_changed_fields(strategy_label, plain, plain_after, lang), key=lambda c: c.field)
    for section in KEYED:
        old_items = {i["id"]: i for i in before.get(section, [])}
        new_items = {i["id"]: i for i in after.get(section, [])}
        for item_id, item in new_items.items():
            where = _where(section, item, cards, lang)
            if item_id not in old_items:
                changes.append(Change("added", where, "", "", ""))
                continue
            was, now = _flat(old_items[item_id]), _flat(item)
            changes += _changed_fields(where, was, now, lang)
        for item_id, item in old_items.items():
            if item_id not in new_items:
                changes.append(Change("removed", _where(section, item, cards, lang), "", "", ""))
    for section in SETS:
        old_set, new_set = before.get(section, []), after.get(section, [])
        where = _field(section, lang)
        changes += [Change("added", where, "", "", _value(v, lang, section)) for v in new_set if v not in old_set]
        changes += [Change("removed", where, "", _value(v, lang, section), "") for v in old_set if v not in new_set]
    return changes


def change_text(change: Change, lang: str) -> str:
    """One change as a sentence fragment: 'KPI “Leads” (Conversion): target 40 → 50'."""
    if change.kind == "changed":
        return t("diff.changed", lang, where=change.where, field=change.field, before=change.before, after=change.after)
    detail = change.after or change.before
    where = f"{change.where}: {detail}" if detail else change.where
    return t(f"diff.{change.kind}", lang, where=where)


def summarise(changes: list[Change], lang: str, *, limit: int = 2, width: int = 280) -> str:
    """The history's one line: the first changes in words, then how many more."""
    if not changes:
        return ""
    line = "; ".join(change_text(c, lang) for c in changes[:limit])
    if len(changes) > limit:
        line += " " + t("diff.more", lang, count=len(changes) - limit)
    return line if len(line) <= width else line[: width - 1] + "…"
