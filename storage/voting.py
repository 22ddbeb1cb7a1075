"""Voting rounds and ballots in the database, so that a reload on either side (the
projector or a phone) loses nothing and several app processes share one tally."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Row, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from impact.voting import Option, Round, VoteError, check_ballot, new_code
from storage.errors import database_errors, new_id
from storage.tables import votes, voting_rounds


def _round(row: Row[Any]) -> Round:
    return Round(
        id=row.id,
        strategy_id=row.strategy_id,
        code=row.code,
        subject=row.subject,
        title=row.title,
        options=[Option(**o) for o in json.loads(row.options)],
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
                        options=json.dumps([{"id": o.id, "label": o.label} for o in options], ensure_ascii=False),
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
def cast(engine: Engine, code: str, participant: str, name: str, ballot: dict[str, int]) -> dict[str, int]:
    """Replace one participant's dots in the round the code names; refused when closed."""
    with engine.begin() as conn:
        row = conn.execute(select(voting_rounds).where(voting_rounds.c.code == code)).one_or_none()
        if row is None:
            raise VoteError("unknown_code", code)
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
