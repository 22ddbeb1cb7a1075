"""Voting rounds and ballots in the database, so that a reload on either side (the
projector or a phone) loses nothing and several app processes share one tally."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Row, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from impact.voting import Option, Room, Round, Showing, VoteError, check_ballot, new_code
from storage.errors import database_errors, new_id
from storage.tables import rooms, votes, voting_rounds

_OPTION_FIELDS = ("id", "label", "detail", "kind")


def _round(row: Row[Any]) -> Round:
    return Round(
        id=row.id,
        strategy_id=row.strategy_id,
        code=row.code,
        subject=row.subject,
        title=row.title,
        options=[Option(**{k: v for k, v in o.items() if k in _OPTION_FIELDS}) for o in json.loads(row.options)],
        dots=row.dots,
        is_open=row.is_open,
    )


@database_errors
def open_round(
    engine: Engine, strategy_id: str, *, subject: str, title: str, options: list[Option], dots: int
) -> Round:
    """A new round with a fresh join code (earlier open rounds of the strategy close)."""
    for _ in range(20):
        code = new_code()
        try:
            with engine.begin() as conn:
                conn.execute(
                    update(voting_rounds)
                    .where(voting_rounds.c.strategy_id == strategy_id, voting_rounds.c.is_open.is_(True))
                    .values(is_open=False)
                )
                result = conn.execute(
                    insert(voting_rounds).values(
                        strategy_id=strategy_id,
                        code=code,
                        subject=subject,
                        title=title[:200],
                        options=json.dumps(
                            [{"id": o.id, "label": o.label, "detail": o.detail, "kind": o.kind} for o in options],
                            ensure_ascii=False,
                        ),
                        dots=dots,
                        is_open=True,
                        created_at=datetime.now(UTC),
                    )
                )
                round_id = new_id(result)
            return Round(round_id, strategy_id, code, subject, title, options, dots, True)
        except IntegrityError:  # the code was taken: draw another
            continue
    raise VoteError("no_code")


@database_errors
def round_by_code(engine: Engine, code: str) -> Round | None:
    with engine.connect() as conn:
        row = conn.execute(select(voting_rounds).where(voting_rounds.c.code == code)).one_or_none()
    return _round(row) if row else None


@database_errors
def current_round(engine: Engine, strategy_id: str) -> Round | None:
    """The strategy's latest round (open or closed), for the facilitator."""
    with engine.connect() as conn:
        row = conn.execute(
            select(voting_rounds)
            .where(voting_rounds.c.strategy_id == strategy_id)
            .order_by(voting_rounds.c.id.desc())
            .limit(1)
        ).one_or_none()
    return _round(row) if row else None


@database_errors
def close_round(engine: Engine, round_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(update(voting_rounds).where(voting_rounds.c.id == round_id).values(is_open=False))


@database_errors
def cast(engine: Engine, round_id: int, participant: str, name: str, ballot: dict[str, int]) -> dict[str, int]:
    """Replace one participant's dots in a round; refused when it has closed."""
    with engine.begin() as conn:
        row = conn.execute(select(voting_rounds).where(voting_rounds.c.id == round_id)).one_or_none()
        if row is None:
            raise VoteError("unknown_code", str(round_id))
        voting = _round(row)
        if not voting.is_open:
            raise VoteError("closed")
        cleaned = check_ballot(ballot, voting.options, voting.dots)
        conn.execute(delete(votes).where(votes.c.round_id == voting.id, votes.c.participant == participant))
        now = datetime.now(UTC)
        for option_id, count in cleaned.items():
            conn.execute(
                insert(votes).values(
                    round_id=voting.id,
                    participant=participant,
                    option_id=option_id,
                    name=name[:60],
                    dots=count,
                    updated_at=now,
                )
            )
    return cleaned


@database_errors
def ballots(engine: Engine, round_id: int) -> dict[str, dict[str, int]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(votes.c.participant, votes.c.option_id, votes.c.dots).where(votes.c.round_id == round_id)
        ).all()
    result: dict[str, dict[str, int]] = {}
    for participant, option_id, dots in rows:
        result.setdefault(participant, {})[option_id] = dots
    return result


@database_errors
def participants(engine: Engine, round_id: int) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(select(votes.c.name).where(votes.c.round_id == round_id).distinct()).all()
    return sorted(r.name for r in rows)


def _room(row: Row[Any]) -> Room:
    return Room(row.strategy_id, row.code, Showing(row.view, row.step, row.stage, row.card, row.deadline))


@database_errors
def room_for(engine: Engine, strategy_id: str) -> Room:
    """The strategy's standing room, made on first use with a code no round or room has."""
    for _ in range(20):
        with engine.begin() as conn:
            row = conn.execute(select(rooms).where(rooms.c.strategy_id == strategy_id)).one_or_none()
            if row is not None:
                return _room(row)
            code = new_code()
            if conn.execute(select(voting_rounds.c.id).where(voting_rounds.c.code == code)).first():
                continue
            try:
                with conn.begin_nested():
                    conn.execute(
                        insert(rooms).values(
                            strategy_id=strategy_id,
                            code=code,
                            view="workshop",
                            step=0,
                            stage="awareness",
                            updated_at=datetime.now(UTC),
                        )
                    )
            except IntegrityError:  # the code was taken, or another process made the room: look again
                continue
            return Room(strategy_id, code, Showing())
    raise VoteError("no_code")


@database_errors
def room_by_code(engine: Engine, code: str) -> Room | None:
    with engine.connect() as conn:
        row = conn.execute(select(rooms).where(rooms.c.code == code)).one_or_none()
    return _room(row) if row else None


@database_errors
def show(engine: Engine, strategy_id: str, showing: Showing) -> None:
    """What the facilitator shows now (the room exists: :func:`room_for` made it)."""
    with engine.begin() as conn:
        conn.execute(
            update(rooms)
            .where(rooms.c.strategy_id == strategy_id)
            .values(
                view=showing.view,
                step=showing.step,
                stage=showing.stage,
                card=showing.card,
                deadline=showing.deadline,
                updated_at=datetime.now(UTC),
            )
        )


@database_errors
def latest_round_state(engine: Engine, strategy_id: str) -> tuple[int, bool] | None:
    """The id and openness of the strategy's latest round: what a waiting phone polls."""
    with engine.connect() as conn:
        row = conn.execute(
            select(voting_rounds.c.id, voting_rounds.c.is_open)
            .where(voting_rounds.c.strategy_id == strategy_id)
            .order_by(voting_rounds.c.id.desc())
            .limit(1)
        ).one_or_none()
    return (row.id, bool(row.is_open)) if row else None
