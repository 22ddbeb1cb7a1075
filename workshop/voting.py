"""Dot voting in the room: a round opens with the options the room votes on, phones
place their dots (every dot is saved at once), the projector shows the tally, and the
winners are adopted into the strategy.

A join code names one round and grants nothing else: a phone sees that round's
options and may place dots on them, nothing of the strategy beyond.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from impact import edits
from impact.i18n import t
from impact.model import Card, Profile, Stage, Strategy
from impact.voting import Option, Round, VoteError, card_options, goal_options, tally, winners
from workshop.errors import WorkshopError
from workshop.translate import use_case

if TYPE_CHECKING:
    from workshop.context import Context

__all__ = ["Adoption", "Round", "Tally", "Voting"]


@dataclass(frozen=True)
class Tally:
    """A round's dots per option and who voted."""

    results: list[tuple[Option, int, int]]  # (option, dots, people), most dots first
    people: list[str]  # the names of those who voted


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
            options = goal_options(profile, {g.title for g in strategy.goals}, lang)
            title, key = t("workshop.round_goals", lang), "goals"
        if not options:
            raise WorkshopError("no_options")
        try:
            return self.ws.store.open_round(strategy.id or "", subject=key, title=title, options=options, dots=dots)
        except VoteError as exc:  # no free join code after many draws
            raise WorkshopError(f"vote_{exc.code}", detail=exc.detail) from exc

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
    def change(self, code: str, participant: str, name: str, option_id: str, delta: int) -> dict[str, int]:
        """One dot more or less on an option; refused ('vote_…') when the round has ended,
        the dots are used up or the option is not the round's."""
        voting = self.ws.store.round_by_code(code)
        if voting is None:
            raise WorkshopError("vote_unknown_code", detail=code)
        ballot = dict(self.ws.store.ballots(voting.id).get(participant, {}))
        ballot[option_id] = max(0, ballot.get(option_id, 0) + delta)
        try:
            return self.ws.store.cast(code, participant, name, ballot)
        except VoteError as exc:
            raise WorkshopError(f"vote_{exc.code}", detail=exc.detail, count=exc.detail) from exc

    @use_case
    def tally(self, voting: Round) -> Tally:
        """The dots per option, most first, and the names of those who voted."""
        return Tally(tally(voting.options, self.ws.store.ballots(voting.id)), self.ws.store.participants(voting.id))

    @use_case
    def adoption(
        self, strategy_id: str, round_id: int, count: int, cards: Mapping[str, Card], profile: Profile | None
    ) -> Adoption:
        """The round's top ``count`` as a change of the strategy: the cards laid on the
        round's stage, or the goals added; 'no_votes' before the first dot."""
        voting = self.ws.store.current_round(strategy_id)
        if voting is None or voting.id != round_id:
            raise WorkshopError("round_gone")
        chosen = winners(tally(voting.options, self.ws.store.ballots(round_id)), count)
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
                    strategy = edits.add_goal(strategy, edits.goal_from_suggestion(suggestions[option.id], lang, today))
            return strategy

        return Adoption(chosen, add_goals, summary)
