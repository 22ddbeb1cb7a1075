"""Dot voting in the room: phones join the strategy's standing room once, each round the
facilitator opens appears on them by itself, every dot is saved at once, the projector
shows the tally, and the winners (ties decided by the facilitator) are adopted.

A room's code grants nothing but its rounds: a phone sees the options of the round
being voted on and may place dots on them, nothing of the strategy beyond.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from impact import edits
from impact.i18n import t
from impact.model import Card, Profile, Stage, Strategy
from impact.voting import (
    Option,
    Room,
    Round,
    Selection,
    Showing,
    VoteError,
    card_options,
    goal_options,
    selection,
    tally,
)
from workshop.errors import WorkshopError
from workshop.translate import use_case

if TYPE_CHECKING:
    from workshop.context import Context

__all__ = ["Adoption", "Joined", "Room", "Round", "Selection", "Showing", "Tally", "Voting"]

TOP = 3  # how many winners "adopt the best" takes


@dataclass(frozen=True)
class Tally:
    """A round's dots per option and who voted."""

    results: list[tuple[Option, int, int]]  # (option, dots, people), most dots first
    people: list[str]  # the names of those who voted

    def top(self, count: int = TOP) -> Selection:
        """The best ``count``, with a tie at the cut shown as a tie."""
        return selection(self.results, count)


@dataclass(frozen=True)
class Joined:
    """What a phone's code opens: a standing room (which follows the strategy's rounds)
    or, for a link of an older round, just that round."""

    code: str
    strategy_id: str
    round: Round | None  # the round to show: the latest, open or closed; None before the first
    follows: bool  # a room's code: the next round appears by itself


@dataclass(frozen=True)
class Adoption:
    """The winners, and the change that adds them to a strategy."""

    chosen: list[Option]
    change: Callable[[Strategy], Strategy]
    summary: str


class Voting:
    """The voting rounds of the workspace's strategies."""

    def __init__(self, workshop: Context) -> None:
        self.ws = workshop

    @use_case
    def open_round(
        self,
        strategy: Strategy,
        cards: Mapping[str, Card],
        profile: Profile | None,
        *,
        subject: str,
        stage: Stage,
        dots: int,
    ) -> Round:
        """A new round on a stage's candidate cards (those not on the board yet) or on the
        profile's suggested goals the strategy does not have; 'no_options' when there is
        nothing left to vote on. An open round of the strategy closes."""
        lang = self.ws.lang
        if subject == "cards":
            options = card_options(dict(cards), profile, stage, {k.card for k in strategy.kpis_in(stage)}, lang)
            title = t("workshop.round_cards", lang, stage=t(f"stage.{stage}", lang))
            key = f"cards:{stage}"
        else:
            options = goal_options(profile, strategy, lang)
            title, key = t("workshop.round_goals", lang), "goals"
        if not options:
            raise WorkshopError("no_options")
        try:
            return self.ws.store.open_round(strategy.id or "", subject=key, title=title, options=options, dots=dots)
        except VoteError as exc:  # no free join code after many draws
            raise WorkshopError(f"vote_{exc.code}", detail=exc.detail) from exc

    @use_case
    def room(self, strategy_id: str) -> Room:
        """The strategy's standing room (made on first use): its code stays for every round."""
        return self.ws.store.room_for(strategy_id)

    @use_case
    def present(self, strategy_id: str, showing: Showing) -> None:
        """The facilitator's screen shows this now; a projector window follows."""
        self.ws.store.room_for(strategy_id)
        self.ws.store.show(strategy_id, showing)

    @use_case
    def joined(self, code: str) -> Joined | None:
        """What a join code opens now (None for a code nothing has)."""
        room = self.ws.store.room_by_code(code)
        if room is not None:
            return Joined(code, room.strategy_id, self.ws.store.current_round(room.strategy_id), True)
        voting = self.ws.store.round_by_code(code)
        return Joined(code, voting.strategy_id, voting, False) if voting else None

    @use_case
    def state_by_code(self, code: str) -> tuple[bool, tuple[int, bool] | None]:
        """What a phone with this code should show now, in two small queries: whether the
        code names anything, and the (id, open) of its round (None before the first)."""
        room = self.ws.store.room_by_code(code)
        if room is not None:
            return True, self.ws.store.latest_round_state(room.strategy_id)
        voting = self.ws.store.round_by_code(code)
        return (False, None) if voting is None else (True, (voting.id, voting.is_open))

    @use_case
    def current(self, strategy_id: str) -> Round | None:
        """The strategy's latest round, open or closed."""
        return self.ws.store.current_round(strategy_id)

    @use_case
    def by_code(self, code: str) -> Round | None:
        """The round a join code names (None for a code no round has)."""
        return self.ws.store.round_by_code(code)

    @use_case
    def close(self, round_id: int) -> None:
        """No more dots; the tally stays."""
        self.ws.store.close_round(round_id)

    @use_case
    def ballot(self, round_id: int, participant: str) -> dict[str, int]:
        """One participant's dots: option → dots."""
        return self.ws.store.ballots(round_id).get(participant, {})

    @use_case
    def change(self, round_id: int, participant: str, name: str, option_id: str, delta: int) -> dict[str, int]:
        """One dot more or less on an option; refused ('vote_…') when the round has ended,
        the dots are used up or the option is not the round's."""
        ballot = dict(self.ws.store.ballots(round_id).get(participant, {}))
        ballot[option_id] = max(0, ballot.get(option_id, 0) + delta)
        try:
            return self.ws.store.cast(round_id, participant, name, ballot)
        except VoteError as exc:
            raise WorkshopError(f"vote_{exc.code}", detail=exc.detail, count=exc.detail) from exc

    @use_case
    def tally(self, voting: Round) -> Tally:
        """The dots per option, most first, and the names of those who voted."""
        return Tally(tally(voting.options, self.ws.store.ballots(voting.id)), self.ws.store.participants(voting.id))

    @use_case
    def adoption(
        self,
        strategy_id: str,
        round_id: int,
        option_ids: list[str],
        cards: Mapping[str, Card],
        profile: Profile | None,
    ) -> Adoption:
        """The options the facilitator adopts (the top ones, and whichever of a tie the
        room chose) as a change of the strategy: the cards laid on the round's stage, or
        the goals added. Only options of the round with dots; 'no_votes' when none is left."""
        voting = self.ws.store.current_round(strategy_id)
        if voting is None or voting.id != round_id:
            raise WorkshopError("round_gone")
        wanted = set(option_ids)
        results = tally(voting.options, self.ws.store.ballots(round_id))
        chosen = [option for option, dots, _ in results if option.id in wanted and dots > 0]
        if not chosen:
            raise WorkshopError("no_votes")
        summary = t("workshop.adopted_summary", self.ws.lang, items=", ".join(o.label for o in chosen))
        if voting.subject.startswith("cards:"):
            stage = voting.subject.split(":", 1)[1]

            def lay(strategy: Strategy) -> Strategy:
                for option in chosen:
                    strategy, _ = edits.add_kpi(strategy, cards[option.id], stage=stage)
                return strategy

            return Adoption(chosen, lay, summary)
        suggestions = {f"goal-{i}": g for i, g in enumerate(profile.goals)} if profile else {}
        lang, today = self.ws.lang, date.today()

        def add_goals(strategy: Strategy) -> Strategy:
            for option in chosen:
                if option.id in suggestions:
                    suggestion = suggestions[option.id]
                    origin = edits.suggestion_origin(profile.id, suggestion) if profile else None
                    goal = edits.goal_from_suggestion(suggestion, lang, today, origin=origin)
                    strategy = edits.add_goal(strategy, goal)
            return strategy

        return Adoption(chosen, add_goals, summary)
