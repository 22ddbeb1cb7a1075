"""What every app process must agree on about access, kept in the database: failed
sign-ins and join attempts (so a lockout holds on every process and after a restart),
and the sign-ins browsers keep in a cookie (so signing out ends them everywhere)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Engine, delete, insert, select, update

from storage.errors import database_errors
from storage.tables import access_failures, sign_ins


def _aware(value: datetime) -> datetime:
    """SQLite hands back naive times; every time stored here is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Failures:
    """Recent failures of one source: against one target, and against any."""

    for_target: list[datetime]  # oldest first
    for_source: list[datetime]  # oldest first


@database_errors
def record_failure(engine: Engine, kind: str, source: str, target: str, at: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(insert(access_failures).values(kind=kind, source=source[:64], target=target[:64], at=at))


@database_errors
def recent_failures(engine: Engine, kind: str, source: str, target: str, since: datetime, limit: int = 200) -> Failures:
    """The newest ``limit`` failures after ``since`` (enough for any policy; a flood is not read whole)."""
    base = (access_failures.c.kind == kind, access_failures.c.source == source[:64], access_failures.c.at > since)
    with engine.connect() as conn:
        mine = conn.execute(
            select(access_failures.c.at)
            .where(*base, access_failures.c.target == target[:64])
            .order_by(access_failures.c.at.desc())
            .limit(limit)
        ).all()
        every = conn.execute(
            select(access_failures.c.at).where(*base).order_by(access_failures.c.at.desc()).limit(limit)
        ).all()
    return Failures(sorted(_aware(r.at) for r in mine), sorted(_aware(r.at) for r in every))


@database_errors
def clear_failures(engine: Engine, kind: str, source: str, target: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            delete(access_failures).where(
                access_failures.c.kind == kind,
                access_failures.c.source == source[:64],
                access_failures.c.target == target[:64],
            )
        )


@database_errors
def forget_before(engine: Engine, before: datetime) -> int:
    """Failures and sign-ins too old to matter; how many rows went."""
    with engine.begin() as conn:
        gone = conn.execute(delete(access_failures).where(access_failures.c.at < before)).rowcount
        gone += conn.execute(delete(sign_ins).where(sign_ins.c.expires_at < before)).rowcount
    return int(gone)


@dataclass(frozen=True)
class SignIn:
    id: str
    workspace: str
    credential: str
    expires_at: datetime


def _sign_in(row: object) -> SignIn:
    return SignIn(row.id, row.workspace, row.credential, _aware(row.expires_at))  # type: ignore[attr-defined]


_COLUMNS = (sign_ins.c.id, sign_ins.c.workspace, sign_ins.c.credential, sign_ins.c.expires_at)


@database_errors
def start_sign_in(engine: Engine, sign_in: SignIn, *, ticket_hash: str, created_at: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(sign_ins).values(
                id=sign_in.id,
                workspace=sign_in.workspace,
                credential=sign_in.credential,
                ticket_hash=ticket_hash,
                created_at=created_at,
                expires_at=sign_in.expires_at,
            )
        )


@database_errors
def redeem_ticket(
    engine: Engine, ticket_hash: str, token_hash: str, *, issued_after: datetime, now: datetime
) -> SignIn | None:
    """The sign-in a fresh, unused ticket belongs to, now bound to ``token_hash``; the
    ticket is spent in the same statement, so two requests with it cannot both win."""
    with engine.begin() as conn:
        spent = conn.execute(
            update(sign_ins)
            .where(
                sign_ins.c.ticket_hash == ticket_hash,
                sign_ins.c.token_hash.is_(None),
                sign_ins.c.created_at > issued_after,
                sign_ins.c.expires_at > now,
            )
            .values(token_hash=token_hash, ticket_hash=None)
        ).rowcount
        if spent != 1:
            return None
        row = conn.execute(select(*_COLUMNS).where(sign_ins.c.token_hash == token_hash)).one()
    return _sign_in(row)


def _unexpired(engine: Engine, found: ColumnElement[bool], now: datetime) -> SignIn | None:
    with engine.connect() as conn:
        row = conn.execute(select(*_COLUMNS).where(found, sign_ins.c.expires_at > now)).one_or_none()
    return _sign_in(row) if row is not None else None


@database_errors
def sign_in_by_token(engine: Engine, token_hash: str, now: datetime) -> SignIn | None:
    return _unexpired(engine, sign_ins.c.token_hash == token_hash, now)


@database_errors
def sign_in_by_id(engine: Engine, sign_in_id: str, now: datetime) -> SignIn | None:
    return _unexpired(engine, sign_ins.c.id == sign_in_id, now)


@database_errors
def ticket_redeemed(engine: Engine, sign_in_id: str) -> bool:
    with engine.connect() as conn:
        row = conn.execute(select(sign_ins.c.token_hash).where(sign_ins.c.id == sign_in_id)).one_or_none()
    return row is not None and row.token_hash is not None


@database_errors
def end_sign_in(engine: Engine, sign_in_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(sign_ins).where(sign_ins.c.id == sign_in_id))
