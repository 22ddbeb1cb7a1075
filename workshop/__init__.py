"""The application layer: every use case of the app written once, for the pages, the
command line and the tests alike.

A ``Workshop`` is who is asking (workspace, author, account, language) and the store
they work in; its parts are the use cases: ``strategies`` (open, create, save, apply a
change, restore, keep both, milestone, import and export), ``places`` (where a person
stopped), ``checks`` (uploads read once, mapping recalled, duplicates left out, run,
saved, listed, loaded), ``mappings`` (remembered choices per file shape), ``voting``
(rounds, ballots, tally, adoption) and ``reports`` (branding and the PDF). Nothing here
imports Streamlit; every failure is a :class:`WorkshopError` with a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from workshop.context import Context
from workshop.errors import Pending, WorkshopError

if TYPE_CHECKING:
    from storage.store import Store
    from workshop.checks import Checks
    from workshop.mappings import Mappings
    from workshop.places import Places
    from workshop.reports import Reports
    from workshop.strategies import Strategies
    from workshop.voting import Voting

__all__ = ["Pending", "Workshop", "WorkshopError", "connect", "database_url"]


def database_url() -> str:
    """DATABASE_URL, else the SQLite file under data/."""
    from storage.db import database_url as configured

    return configured()


def connect(url: str | None = None) -> Store:
    """The database at ``url`` (else DATABASE_URL, else SQLite under data/), with its
    schema brought up to date; WorkshopError('db_unavailable') with the reason (never
    the password) when it cannot be used. (Storage is imported here, not with the
    package: a command that needs no database never loads it.)"""
    from storage.errors import DatabaseUnavailable
    from storage.store import Store

    try:
        return Store.open(url)
    except DatabaseUnavailable as exc:
        raise WorkshopError("db_unavailable", detail=str(exc)) from exc  # names the database, never its password


@dataclass(frozen=True)
class Workshop(Context):
    """Who works, where, and in which language, with the use cases as its parts."""

    @cached_property
    def strategies(self) -> Strategies:
        """Open, create, save, apply, restore, keep both, milestone, import, compare."""
        from workshop.strategies import Strategies

        return Strategies(self)

    @cached_property
    def places(self) -> Places:
        """Where each person stopped."""
        from workshop.places import Places

        return Places(self)

    @cached_property
    def checks(self) -> Checks:
        """Data checks: run and keep, list, load."""
        from workshop.checks import Checks

        return Checks(self)

    @cached_property
    def mappings(self) -> Mappings:
        """Choices remembered per file shape."""
        from workshop.mappings import Mappings

        return Mappings(self)

    @cached_property
    def voting(self) -> Voting:
        """Voting rounds in the room."""
        from workshop.voting import Voting

        return Voting(self)

    @cached_property
    def reports(self) -> Reports:
        """Branding and the PDF."""
        from workshop.reports import Reports

        return Reports(self)
