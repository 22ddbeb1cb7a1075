"""Branding for the PDF, remembered per strategy so the next report needs no typing."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete, insert, select

from impact.report.branding import Branding
from storage.errors import database_errors
from storage.tables import report_settings


@database_errors
def remember_branding(engine: Engine, strategy_id: str, branding: Branding) -> None:
    with engine.begin() as conn:
        conn.execute(delete(report_settings).where(report_settings.c.strategy_id == strategy_id))
        conn.execute(
            insert(report_settings).values(
                strategy_id=strategy_id,
                author=branding.author[:200],
                color=branding.color,
                footer=branding.footer[:300],
                logo=branding.logo,
                updated_at=datetime.now(UTC),
            )
        )


@database_errors
def recall_branding(engine: Engine, strategy_id: str) -> Branding:
    with engine.connect() as conn:
        row = conn.execute(select(report_settings).where(report_settings.c.strategy_id == strategy_id)).one_or_none()
    if row is None:
        return Branding()
    return Branding(author=row.author, color=row.color, footer=row.footer, logo=row.logo)
