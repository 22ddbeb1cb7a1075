"""Dot voting in the room: what a round offers, how many dots each person has, the tally.

A join code names one round and grants nothing else: whoever holds it sees that
round's options and may place dots on them, nothing of the strategy beyond.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from impact.model import Card, Profile, Stage

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud from a projector
CODE_LENGTH = 6


class VoteError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Round:
    id: int
    strategy_id: str
    code: str
    subject: str  # "cards" or "goals"
    title: str
    options: list[Option]
    dots: int
    is_open: bool


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str | None) -> str:
    """What people type from a projector: lower case and spaces are fine."""
    return (text or "").upper().replace(" ", "").replace("-", "")[:CODE_LENGTH]


def check_ballot(ballot: dict[str, int], options: list[Option], dots: int) -> dict[str, int]:
    """A participant's dots: only this round's options, no negatives, not more than allowed."""
    known = {o.id for o in options}
    cleaned = {}
    for option_id, count in ballot.items():
        if option_id not in known:
            raise VoteError("unknown_option", option_id[:40])
        if not isinstance(count, int) or count < 0:
            raise VoteError("bad_count", str(count))
        if count:
            cleaned[option_id] = count
    if sum(cleaned.values()) > dots:
        raise VoteError("too_many", str(dots))
    return cleaned


def tally(options: list[Option], ballots: dict[str, dict[str, int]]) -> list[tuple[Option, int, int]]:
    """(option, dots, voters) per option, most dots first; ties keep the round's order."""
    dots = {o.id: 0 for o in options}
    voters = {o.id: 0 for o in options}
    for ballot in ballots.values():
        for option_id, count in ballot.items():
            if option_id in dots and count > 0:
                dots[option_id] += count
                voters[option_id] += 1
    order = {o.id: i for i, o in enumerate(options)}
    return sorted(((o, dots[o.id], voters[o.id]) for o in options), key=lambda x: (-x[1], order[x[0].id]))


def winners(results: list[tuple[Option, int, int]], count: int) -> list[Option]:
    return [option for option, dots, _ in results[:count] if dots > 0]


def card_options(
    cards: dict[str, Card], profile: Profile | None, stage: Stage, on_board: set[str], lang: str, limit: int = 12
) -> list[Option]:
    """The stage's candidate cards the room votes on: the profile's first, none already on the board."""
    from impact.edits import relevant_cards

    pool = relevant_cards(cards, profile, stage) or [c for c in cards.values() if c.stage == stage]
    return [Option(c.id, c.title.get(lang)) for c in pool if c.id not in on_board][:limit]


def goal_options(profile: Profile | None, taken: set[str], lang: str) -> list[Option]:
    """The profile's suggested goals the strategy does not have yet."""
    if profile is None:
        return []
    return [
        Option(f"goal-{index}", goal.title.get(lang))
        for index, goal in enumerate(profile.goals)
        if goal.title.get(lang) not in taken
    ]
