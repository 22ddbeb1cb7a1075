"""Dot voting in the room: what a round offers, how many dots each person has, the tally.

A join code names one round and grants nothing else: whoever holds it sees that
round's options and may place dots on them, nothing of the strategy beyond.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from impact.model import Card, Profile, Stage, Strategy

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud from a projector
CODE_LENGTH = 6


class VoteError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Option:
    """What a phone shows for one choice: its label, the card's question (or nothing),
    and its kind: "kpi" or "metric" for a card, "hard" or "soft" for a goal."""

    id: str
    label: str
    detail: str = ""
    kind: str = ""


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


@dataclass(frozen=True)
class Showing:
    """What the facilitator's screen shows, so that a projector window can follow:
    the room view's agenda step, the board's stage, the card opened large and the
    timer's end (seconds since the epoch), or the voting ("workshop")."""

    view: str = "workshop"  # "room" or "workshop"
    step: int = 0
    stage: str = "awareness"
    card: str | None = None
    deadline: float | None = None


@dataclass(frozen=True)
class Room:
    """A strategy's standing room: phones join it once with its code and see each round
    the facilitator opens, one after the other."""

    strategy_id: str
    code: str
    showing: Showing


@dataclass(frozen=True)
class Selection:
    """Who would be adopted as "the top N": the options surely in, and those tied for the
    last places (of which ``spots`` fit). A tie is the room's to decide, never the order's."""

    sure: list[Option]
    tied: list[Option]
    spots: int

    @property
    def has_tie(self) -> bool:
        return self.spots > 0 and len(self.tied) > self.spots


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


def selection(results: list[tuple[Option, int, int]], count: int) -> Selection:
    """The top ``count`` options with dots; where the cut falls inside a group with equal
    dots, the whole group is "tied" and ``spots`` says how many of it fit."""
    voted = [(option, dots) for option, dots, _ in results if dots > 0]
    if len(voted) <= count:
        return Selection([o for o, _ in voted], [], 0)
    cut = voted[count - 1][1]
    above = [o for o, dots in voted if dots > cut]
    at_cut = [o for o, dots in voted if dots == cut]
    if len(above) + len(at_cut) == count:
        return Selection(above + at_cut, [], 0)
    return Selection(above, at_cut, count - len(above))


def card_options(
    cards: dict[str, Card], profile: Profile | None, stage: Stage, on_board: set[str], lang: str, limit: int = 12
) -> list[Option]:
    """The stage's candidate cards the room votes on: the profile's first, none already on the board."""
    from impact.edits import relevant_cards

    pool = relevant_cards(cards, profile, stage) or [c for c in cards.values() if c.stage == stage]
    return [
        Option(c.id, c.title.get(lang), c.question.get(lang), "metric" if c.is_metric else "kpi")
        for c in pool
        if c.id not in on_board
    ][:limit]


def goal_options(profile: Profile | None, strategy: Strategy, lang: str) -> list[Option]:
    """The profile's suggested goals the strategy has not adopted (by origin: a goal
    adopted and renamed since is not offered again)."""
    from impact.edits import adopted_suggestions

    if profile is None:
        return []
    adopted = adopted_suggestions(strategy, profile)
    return [
        Option(f"goal-{index}", goal.title.get(lang), kind="hard" if goal.hard else "soft")
        for index, goal in enumerate(profile.goals)
        if adopted[index] is None
    ]
