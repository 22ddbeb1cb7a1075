"""The one narrow storage API that pages and the command line call.

Every save appends a version; nothing is overwritten. A save names the version it
was based on, and a conditional update makes sure that two writers cannot both
turn version N into N+1: the second gets a VersionConflict instead of silently
replacing the first one's work.

Every strategy belongs to a workspace ("" when the app runs without access
protection). Each call names the caller's workspace, and a strategy of another
workspace is simply not found: there is no call that crosses the boundary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select, update

from impact.model import Strategy, new_id
from impact.strategy_file import (
    StrategyFileError,
    parse_strategy_data,
    strategy_to_json,
)
from storage.errors import CorruptVersion, StrategyNotFound, VersionConflict, database_errors
from storage.tables import strategies, strategy_versions


@dataclass(frozen=True)
class StrategySummary:
    id: str
    name: str
    organisation: str
    latest_version: int
    updated_at: datetime
    workspace: str = ""


@dataclass(frozen=True)
class VersionInfo:
    version: int
    created_at: datetime
    author: str | None
    summary: str
    milestone: str | None = None  # the note of a named point ("" without a note); None for work in between


def _now() -> datetime:
    return datetime.now(UTC)


def _insert_version(
    conn: Connection, strategy: Strategy, version: int, now: datetime, author: str | None, summary: str
) -> None:
    conn.execute(
        insert(strategy_versions).values(
            strategy_id=strategy.id,
            version=version,
            created_at=now,
            author=author,
            summary=summary[:300],
            document=strategy_to_json(strategy),
        )
    )


@database_errors
def create_strategy(
    engine: Engine, strategy: Strategy, *, author: str | None = None, summary: str = "", workspace: str = ""
) -> Strategy:
    """Store a new strategy as version 1; returns it with its new id."""
    strategy = strategy.model_copy(update={"id": strategy.id or new_id() + new_id()})
    now = _now()
    with engine.begin() as conn:
        conn.execute(
            insert(strategies).values(
                id=strategy.id,
                name=strategy.name,
                organisation=strategy.organisation,
                latest_version=1,
                created_at=now,
                updated_at=now,
                workspace=workspace,
            )
        )
        _insert_version(conn, strategy, 1, now, author, summary)
    return strategy


@database_errors
def save_version(
    engine: Engine,
    strategy: Strategy,
    *,
    expected_version: int | None,
    author: str | None = None,
    summary: str = "",
    workspace: str = "",
) -> int:
    """Append a new version; returns its number.

    ``expected_version`` is the version the caller's copy was based on; None saves
    unconditionally (the command line importing a file on purpose).
    """
    if not strategy.id:
        raise StrategyNotFound("")
    now = _now()
    with engine.begin() as conn:
        found = conn.execute(
            select(strategies.c.latest_version).where(
                strategies.c.id == strategy.id, strategies.c.workspace == workspace
            )
        ).scalar_one_or_none()
        if found is None:
            raise StrategyNotFound(strategy.id)
        current = int(found)
        if expected_version is not None and current != expected_version:
            raise VersionConflict(strategy.id, expected_version, current)
        new_version = current + 1
        moved = conn.execute(
            update(strategies)
            .where(strategies.c.id == strategy.id, strategies.c.latest_version == current)
            .values(
                latest_version=new_version,
                name=strategy.name,
                organisation=strategy.organisation,
                updated_at=now,
            )
        )
        if moved.rowcount != 1:
            actual = int(
                conn.execute(select(strategies.c.latest_version).where(strategies.c.id == strategy.id)).scalar_one()
            )
            raise VersionConflict(strategy.id, current, actual)
        _insert_version(conn, strategy, new_version, now, author, summary)
    return new_version


@database_errors
def load_strategy(
    engine: Engine, strategy_id: str, version: int | None = None, *, workspace: str = ""
) -> tuple[Strategy, int]:
    """A strategy as stored (its latest version unless one is named) and that version's number."""
    with engine.connect() as conn:
        latest = conn.execute(
            select(strategies.c.latest_version).where(
                strategies.c.id == strategy_id, strategies.c.workspace == workspace
            )
        ).scalar_one_or_none()
        if latest is None:
            raise StrategyNotFound(strategy_id)
        version = latest if version is None else version
        document = conn.execute(
            select(strategy_versions.c.document).where(
                strategy_versions.c.strategy_id == strategy_id, strategy_versions.c.version == version
            )
        ).scalar_one_or_none()
    if document is None:
        raise StrategyNotFound(strategy_id, version)
    try:
        strategy = parse_strategy_data(json.loads(document))
    except (ValueError, StrategyFileError) as exc:
        raise CorruptVersion(f"strategy {strategy_id} version {version}: {exc}") from exc
    return strategy.model_copy(update={"id": strategy_id}), version


@database_errors
def list_strategies(engine: Engine, *, workspace: str = "") -> list[StrategySummary]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                strategies.c.id,
                strategies.c.name,
                strategies.c.organisation,
                strategies.c.latest_version,
                strategies.c.updated_at,
                strategies.c.workspace,
            )
            .where(strategies.c.workspace == workspace)
            .order_by(strategies.c.updated_at.desc())
        ).all()
    return [StrategySummary(*row) for row in rows]


@database_errors
def list_versions(engine: Engine, strategy_id: str, *, workspace: str = "") -> list[VersionInfo]:
    """Newest first."""
    with engine.connect() as conn:
        owned = conn.execute(
            select(strategies.c.id).where(strategies.c.id == strategy_id, strategies.c.workspace == workspace)
        ).first()
        if owned is None:
            raise StrategyNotFound(strategy_id)
        rows = conn.execute(
            select(
                strategy_versions.c.version,
                strategy_versions.c.created_at,
                strategy_versions.c.author,
                strategy_versions.c.summary,
                strategy_versions.c.milestone,
            )
            .where(strategy_versions.c.strategy_id == strategy_id)
            .order_by(strategy_versions.c.version.desc())
        ).all()
    if not rows:
        raise StrategyNotFound(strategy_id)
    return [VersionInfo(*row) for row in rows]


@database_errors
def mark_milestone(engine: Engine, strategy_id: str, version: int, note: str, *, workspace: str = "") -> None:
    """Name a saved version as a milestone. Every change is already a version, so a
    milestone marks one instead of copying it (a copy would be a second, identical
    version)."""
    with engine.begin() as conn:
        owned = conn.execute(
            select(strategies.c.id).where(strategies.c.id == strategy_id, strategies.c.workspace == workspace)
        ).first()
        if owned is None:
            raise StrategyNotFound(strategy_id)
        moved = conn.execute(
            update(strategy_versions)
            .where(strategy_versions.c.strategy_id == strategy_id, strategy_versions.c.version == version)
            .values(milestone=note.strip()[:200])
        )
        if moved.rowcount != 1:
            raise StrategyNotFound(strategy_id, version)


@database_errors
def strategy_exists(engine: Engine, strategy_id: str, *, workspace: str = "") -> bool:
    with engine.connect() as conn:
        return (
            conn.execute(
                select(strategies.c.id).where(strategies.c.id == strategy_id, strategies.c.workspace == workspace)
            ).first()
            is not None
        )


@database_errors
def strategy_id_taken(engine: Engine, strategy_id: str) -> bool:
    """Whether any workspace has this id (ids are global keys; creating a duplicate must fail politely)."""
    with engine.connect() as conn:
        return conn.execute(select(strategies.c.id).where(strategies.c.id == strategy_id)).first() is not None


@database_errors
def move_to_workspace(engine: Engine, strategy_ids: list[str] | None, *, source: str, target: str) -> list[str]:
    """Strategies of workspace ``source`` (all when ``strategy_ids`` is None) now belong
    to ``target``; the ids that moved (an id of another workspace is not touched)."""
    with engine.begin() as conn:
        chosen = select(strategies.c.id).where(strategies.c.workspace == source)
        if strategy_ids is not None:
            chosen = chosen.where(strategies.c.id.in_(strategy_ids))
        ids = sorted(r.id for r in conn.execute(chosen).all())
        if ids:
            conn.execute(
                update(strategies)
                .where(strategies.c.id.in_(ids), strategies.c.workspace == source)
                .values(workspace=target)
            )
    return ids
