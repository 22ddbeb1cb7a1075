"""Where each person stopped in a strategy: the page, guided mode, the name they
work under. Kept with the strategy, so that opening it again (from the list, a
bookmark, another day) continues there, not only while the URL survives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, insert, select

from storage.errors import database_errors
from storage.tables import resume_points


@dataclass(frozen=True)
class ResumePoint:
    page: str
    guided: bool
    author: str | None


@database_errors
def remember_place(engine: Engine, strategy_id: str, who: str, point: ResumePoint) -> None:
    with engine.begin() as conn:
        conn.execute(
            delete(resume_points).where(resume_points.c.strategy_id == strategy_id, resume_points.c.who == who)
        )
        conn.execute(
            insert(resume_points).values(
                strategy_id=strategy_id,
                who=who[:200],
                page=point.page[:40],
                guided=point.guided,
                author=(point.author or "")[:100] or None,
                updated_at=datetime.now(UTC),
            )
        )


@database_errors
def recall_place(engine: Engine, strategy_id: str, who: str) -> ResumePoint | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(resume_points.c.page, resume_points.c.guided, resume_points.c.author).where(
                resume_points.c.strategy_id == strategy_id, resume_points.c.who == who
            )
        ).one_or_none()
    return ResumePoint(row.page, bool(row.guided), row.author) if row is not None else None
