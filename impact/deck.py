"""Loading the card deck and the industry profiles from their YAML folders.

Both are checked as a whole at start-up: a broken card must stop the app with a
message that names the file, the card and the field, not surface later as a
half-drawn board.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from impact.formulas import FormulaError, parse
from impact.model import STAGES, Card, Profile
from impact.yaml_safe import load_trusted_yaml

ROOT = Path(__file__).resolve().parent.parent
CARDS_DIR = ROOT / "cards"
PROFILES_DIR = ROOT / "industry_profiles"


class DeckError(ValueError):
    """Every problem found in the deck and profiles, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Deck:
    cards: dict[str, Card]
    profiles: dict[str, Profile] = field(default_factory=dict)

    def in_stage(self, stage: str) -> list[Card]:
        return [c for c in self.cards.values() if c.stage == stage]

    def with_custom(self, custom: list[Card]) -> dict[str, Card]:
        return {**self.cards, **{c.id: c for c in custom}}

    def profile(self, profile_id: str | None) -> Profile | None:
        """The industry profile a strategy names; None without one (or one no longer here)."""
        return self.profiles.get(profile_id) if profile_id else None


def _format_error(err: Mapping[str, Any]) -> str:
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


def check_card(card: Card) -> list[str]:
    """Problems beyond the schema: the formula must parse and match the inputs."""
    try:
        formula = parse(card.formula)
    except FormulaError as exc:
        return [f"formula: {exc}"]
    problems = []
    if sorted(card.inputs) != list(formula.inputs):
        problems.append(f"inputs: {sorted(card.inputs)} do not match the formula's metrics {list(formula.inputs)}")
    return problems


def _read_list(path: Path, key: str) -> tuple[list[Any], list[str]]:
    try:
        data = load_trusted_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        return [], [f"{path.name}: cannot be read: {exc}"]
    if isinstance(data, dict) and key in data:
        data = data[key]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        return [], [f"{path.name}: expected a list of {key}"]
    return data, []


def load_cards(folder: Path = CARDS_DIR) -> dict[str, Card]:
    cards: dict[str, Card] = {}
    problems: list[str] = []
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise DeckError([f"{folder}: no card files (*.yaml)"])
    for path in files:
        items, errors = _read_list(path, "cards")
        problems += errors
        for index, item in enumerate(items):
            label = item.get("id", f"#{index + 1}") if isinstance(item, dict) else f"#{index + 1}"
            try:
                card = Card.model_validate(item)
            except ValidationError as exc:
                problems += [f"{path.name}: card {label}: {_format_error(e)}" for e in exc.errors()]
                continue
            problems += [f"{path.name}: card {card.id}: {p}" for p in check_card(card)]
            for lang in ("de", "en"):
                for name in ("title", "question", "pitfall"):
                    text = getattr(card, name)
                    if text is None or not getattr(text, lang).strip():
                        problems.append(f"{path.name}: card {card.id}: {name}.{lang}: missing")
            if card.id in cards:
                problems.append(f"{path.name}: card {card.id}: id: used twice")
            cards[card.id] = card
    if problems:
        raise DeckError(problems)
    return cards


def load_profiles(cards: dict[str, Card], folder: Path = PROFILES_DIR) -> dict[str, Profile]:
    profiles: dict[str, Profile] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        items, errors = _read_list(path, "profiles")
        problems += errors
        for item in items:
            try:
                profile = Profile.model_validate(item)
            except ValidationError as exc:
                problems += [f"{path.name}: {_format_error(e)}" for e in exc.errors()]
                continue
            where = f"{path.name}: profile {profile.id}"
            for stage in STAGES:
                if not profile.priority_cards.get(stage):
                    problems.append(f"{where}: priority_cards.{stage}: no card")
            for stage, ids in profile.priority_cards.items():
                for card_id in ids:
                    if card_id not in cards:
                        problems.append(f"{where}: priority_cards.{stage}: unknown card {card_id}")
            for index, ref in enumerate(profile.reference_values):
                if ref.card and ref.card not in cards:
                    problems.append(f"{where}: reference_values.{index}.card: unknown card {ref.card}")
            for index, pick in enumerate(profile.quick_start):
                place = f"{where}: quick_start.{index}"
                if pick.card not in cards:
                    problems.append(f"{place}.card: unknown card {pick.card}")
                    continue
                if pick.goal > len(profile.goals):
                    problems.append(f"{place}.goal: the profile has {len(profile.goals)} goals")
                owner = pick.owner or cards[pick.card].owner
                if owner not in profile.departments:
                    problems.append(f"{place}: department {owner} is not among the profile's departments")
            if profile.id in profiles:
                problems.append(f"{where}: id: used twice")
            profiles[profile.id] = profile
    if problems:
        raise DeckError(problems)
    return profiles


def load_deck(cards_dir: Path = CARDS_DIR, profiles_dir: Path = PROFILES_DIR) -> Deck:
    cards = load_cards(cards_dir)
    return Deck(cards=cards, profiles=load_profiles(cards, profiles_dir))
