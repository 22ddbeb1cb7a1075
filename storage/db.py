"""The engine: SQLite under data/ by default, any SQLAlchemy URL from DATABASE_URL.

Opening an engine also brings its schema up to date with the Alembic migrations,
so a fresh machine needs no set-up step and an old database is upgraded in place.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from storage.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

# Engine is re-exported: callers type with it and never import SQLAlchemy themselves
__all__ = ["Engine", "alembic_config", "database_url", "make_engine", "make_url_safe", "upgrade"]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "data" / "impact.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_PATH}"


def make_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """Raises DatabaseUnavailable (with the reason, never the password) if it cannot."""
    url = url or database_url()
    try:
        if url.startswith("sqlite"):
            engine = _sqlite_engine(url)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        if migrate:
            upgrade(engine)
    except (SQLAlchemyError, OSError, ImportError) as exc:  # ImportError: the driver is not installed
        raise DatabaseUnavailable(f"{make_url_safe(url)}: {str(exc).splitlines()[0][:200]}") from exc
    return engine


def make_url_safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return "(invalid DATABASE_URL)"


def _sqlite_engine(url: str) -> Engine:
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    if in_memory:
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        path = url.split("sqlite:///", 1)[-1].split("?")[0]
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


# The newest migration: a database already there is opened without loading Alembic (a
# command line call should not wait for it). A test holds it to Alembic's own head.
HEAD = "0010"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


# Any fixed number: the PostgreSQL advisory lock every process takes before migrating.
MIGRATION_LOCK = 0x1D_1A_C7_0008


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Several app processes may start at once: one migrates, the others wait for it
    and then find nothing left to do (an advisory lock held for the migration's
    transaction on PostgreSQL, a lock file beside the database on SQLite)."""
    if revision == "head" and _at_head(engine):
        return
    from alembic import command

    config = alembic_config()
    with _migration_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _at_head(engine: Engine) -> bool:
    """The database says it has every migration (no table yet, or an older one: it has not)."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    except SQLAlchemyError:
        return False


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
