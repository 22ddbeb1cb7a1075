"""Storage's typed errors as the application's: what was asked for is not there,
someone else saved in between, or the database cannot be used."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from storage.errors import CheckNotFound, CorruptVersion, StorageError, StrategyNotFound, VersionConflict
from workshop.errors import Pending, WorkshopError


@contextmanager
def storage_errors(pending: Pending | None = None) -> Iterator[None]:
    """Storage's typed errors as the application's: what was asked for is not there,
    someone else saved in between, or the database cannot be used."""
    try:
        yield
    except StrategyNotFound as exc:
        if exc.version:
            raise WorkshopError("version_not_found", id=exc.strategy_id, version=exc.version) from exc
        raise WorkshopError("not_found", id=exc.strategy_id) from exc
    except VersionConflict as exc:
        raise WorkshopError("conflict", expected=exc.expected, actual=exc.actual, pending=pending) from exc
    except CheckNotFound as exc:
        raise WorkshopError("check_not_found", id=exc.check_id) from exc
    except CorruptVersion as exc:
        raise WorkshopError("corrupt", detail=str(exc)) from exc
    except StorageError as exc:
        raise WorkshopError("db_unavailable", detail=str(exc), pending=pending) from exc


P = ParamSpec("P")
R = TypeVar("R")


def use_case(function: Callable[P, R]) -> Callable[P, R]:
    """A use case raises WorkshopError only: storage's errors are translated."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with storage_errors():
            return function(*args, **kwargs)

    return wrapper
