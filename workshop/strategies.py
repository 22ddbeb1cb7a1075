"""Strategies and their versions: open, create, save, apply a change, restore, keep both,
mark a milestone, import a file, compare two versions.

Every save appends a version and names the version the change was based on: a save
by someone else in between is a conflict ("conflict", with what was not saved), never
a silent overwrite. Nothing is ever deleted; restoring makes an old version the newest.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from impact.diff import Change, diff_strategies, summarise
from impact.i18n import t
from impact.merge import Clash, MergeFailed, merge_strategies
from impact.model import Card, Strategy
from impact.sittings import last_milestone
from storage.repository import StrategySummary, VersionInfo
from workshop.errors import Pending, WorkshopError
from workshop.translate import storage_errors, use_case

if TYPE_CHECKING:
    from workshop.context import Context

STRATEGY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


@dataclass(frozen=True)
class Opened:
    """A strategy as stored, and the version it is: what a later save names as its base."""

    strategy: Strategy
    version: int


@dataclass(frozen=True)
class Applied:
    """A change saved as the next version."""

    opened: Opened
    extra: Any = None  # what the change returned besides the strategy (a new KPI's id)


@dataclass(frozen=True)
class Merged:
    """Both kept: their saved changes and mine, as a new version."""

    opened: Opened
    their_version: int
    clashes: list[Clash]


@dataclass(frozen=True)
class Milestone:
    """Whether a version was marked, or which milestone named it already."""

    marked: bool
    version: int
    note: str | None = None  # when not marked: the note of the milestone that already names this version


@dataclass(frozen=True)
class Imported:
    """A strategy file in the database."""

    opened: Opened
    created: bool  # a new strategy; False: a new version of one stored before
    namesakes: tuple[str, ...] = ()  # created: the ids of strategies stored before under the same name


class Strategies:
    """The workspace's strategies and their versions."""

    def __init__(self, workshop: Context) -> None:
        self.ws = workshop

    @use_case
    def list(self) -> list[StrategySummary]:
        """The workspace's strategies, the most recently saved first."""
        return self.ws.store.list_strategies(workspace=self.ws.workspace)

    @use_case
    def open(self, strategy_id: str, version: int | None = None) -> Opened:
        """The latest version (or the one named); 'not_found' also for an id that cannot be one."""
        if not STRATEGY_ID.match(strategy_id or ""):
            raise WorkshopError("not_found", id=(strategy_id or "")[:40])
        strategy, number = self.ws.store.load_strategy(strategy_id, version, workspace=self.ws.workspace)
        return Opened(strategy, number)

    @use_case
    def create(self, strategy: Strategy, summary: str) -> Opened:
        """A new strategy as version 1, with a new id."""
        stored = self.ws.store.create_strategy(
            strategy, author=self.ws.author, summary=summary, workspace=self.ws.workspace
        )
        return Opened(stored, 1)

    def save(self, strategy: Strategy, summary: str, *, expected: int | None) -> Opened:
        """``strategy`` as the next version after ``expected`` (None: after whatever is
        stored, the command line saving a file on purpose). A failure carries the
        strategy as pending: nothing the person did is lost."""
        with storage_errors(Pending(strategy, summary)):
            version = self.ws.store.save_version(
                strategy,
                expected_version=expected,
                author=self.ws.author,
                summary=summary,
                workspace=self.ws.workspace,
            )
        return Opened(strategy, version)

    def apply(
        self,
        opened: Opened,
        change: Callable[..., Any],
        *args: Any,
        cards: Mapping[str, Card],
        summary: str,
        **kwargs: Any,
    ) -> Applied:
        """A domain edit of the strategy on screen, saved as the next version; the history
        says what changed ('Target of Leads: 40 → 50'), else ``summary``. An edit that
        makes the strategy invalid is refused ('invalid') and nothing is saved."""
        try:
            result = change(opened.strategy, *args, **kwargs)
        except ValidationError as exc:
            raise WorkshopError("invalid", detail=_first_error(exc)) from exc
        extra = None
        if isinstance(result, tuple):
            result, extra = result
        described = summarise(diff_strategies(opened.strategy, result, dict(cards), self.ws.lang), self.ws.lang)
        return Applied(self.save(result, described or summary, expected=opened.version), extra)

    @use_case
    def restore(self, strategy_id: str, version: int, *, expected: int | None) -> Opened:
        """An earlier version becomes the newest, as a new version (nothing is deleted)."""
        old = self.open(strategy_id, version).strategy
        return self.save(old, t("state.restored", self.ws.lang, version=version), expected=expected)

    @use_case
    def keep_both(self, base: Strategy, mine: Strategy, cards: Mapping[str, Card]) -> Merged:
        """My change and what was saved meanwhile, merged as the next version; where both
        changed a field, mine wins and the clash is listed (theirs stays in the history)."""
        if not mine.id:
            raise WorkshopError("not_found", id="")
        theirs = self.open(mine.id)
        try:
            merged, clashes = merge_strategies(base, mine, theirs.strategy)
        except MergeFailed as exc:
            raise WorkshopError("merge_failed", detail=str(exc)) from exc
        summary = t("state.kept_both", self.ws.lang, version=theirs.version)
        if described := summarise(diff_strategies(theirs.strategy, merged, dict(cards), self.ws.lang), self.ws.lang):
            summary += f": {described}"
        return Merged(self.save(merged, summary, expected=theirs.version), theirs.version, clashes)

    @use_case
    def milestone(self, strategy_id: str, version: int, note: str) -> Milestone:
        """Name a saved version as a milestone; a version that a milestone names already
        is not marked twice (the answer says which note names it)."""
        marked = last_milestone(self.versions(strategy_id))
        if marked is not None and marked.version == version:
            return Milestone(False, version, marked.milestone)
        self.ws.store.mark_milestone(strategy_id, version, note, workspace=self.ws.workspace)
        return Milestone(True, version)

    @use_case
    def versions(self, strategy_id: str) -> builtins.list[VersionInfo]:
        """Newest first."""
        return self.ws.store.list_versions(strategy_id, workspace=self.ws.workspace)

    @use_case
    def compare(self, strategy_id: str, old: int, new: int, cards: Mapping[str, Card]) -> builtins.list[Change]:
        """What changed from one version to another, field by field."""
        before, after = self.open(strategy_id, old).strategy, self.open(strategy_id, new).strategy
        return diff_strategies(before, after, dict(cards), self.ws.lang)

    @use_case
    def import_file(self, strategy: Strategy, *, file_name: str, expected: int | None = None) -> Imported:
        """A strategy file into the database: a new version of the strategy its id names
        in this workspace, else a new strategy. An id another workspace holds is refused
        ('id_taken'): a file must never reach into someone else's strategies."""
        summary = t("cli.saved_from", self.ws.lang, file=file_name)[:300]
        if strategy.id and self.ws.store.strategy_exists(strategy.id, workspace=self.ws.workspace):
            return Imported(self.save(strategy, summary, expected=expected), created=False)
        if strategy.id and self.ws.store.strategy_id_taken(strategy.id):
            raise WorkshopError("id_taken", id=strategy.id)
        earlier = tuple(s.id for s in self.list() if s.name == strategy.name)  # a file saved twice, said
        return Imported(self.create(strategy, summary), created=True, namesakes=earlier)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else str(err["msg"])
