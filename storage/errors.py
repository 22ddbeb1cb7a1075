"""Typed storage errors, so pages can say what happened instead of showing a trace.

SQLAlchemy is imported where a database call is wrapped, not with the errors: code that
only names these errors (a check run without saving) does not wait for it."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import CursorResult


class StorageError(Exception):
    """Base of every error the storage layer raises on purpose."""


class StrategyNotFound(StorageError):
    def __init__(self, strategy_id: str, version: int | None = None) -> None:
        super().__init__(f"strategy {strategy_id!r}" + (f" version {version}" if version else "") + " not found")
        self.strategy_id = strategy_id
        self.version = version


class VersionConflict(StorageError):
    """Someone else saved a newer version since this one was loaded."""

    def __init__(self, strategy_id: str, expected: int, actual: int) -> None:
        super().__init__(f"strategy {strategy_id!r}: expected version {expected}, the database has {actual}")
        self.strategy_id = strategy_id
        self.expected = expected
        self.actual = actual


class CheckNotFound(StorageError):
    def __init__(self, check_id: int) -> None:
        super().__init__(f"check {check_id} not found")
        self.check_id = check_id


class DatabaseUnavailable(StorageError):
    """The database could not be reached or refused the operation."""


class CorruptVersion(StorageError):
    """A stored document no longer validates (hand-edited database, newer app)."""


P = ParamSpec("P")
R = TypeVar("R")


def database_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Callers get our typed errors; SQLAlchemy stays inside storage/."""
    from sqlalchemy.exc import SQLAlchemyError

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except SQLAlchemyError as exc:
            raise DatabaseUnavailable(str(exc).splitlines()[0][:200]) from exc

    return wrapper


def new_id(result: CursorResult[Any]) -> int:
    """The primary key an INSERT gave its row."""
    key = result.inserted_primary_key
    if key is None:
        raise StorageError("the database gave the new row no id")
    return int(key[0])
