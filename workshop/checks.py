"""Data checks: the uploaded files checked against the strategy's KPIs, the result kept
with the data it was computed from, listed and loaded again.

A check run twice on the same files with the same outcome is kept once (the answer
names the earlier one). A saved check is only ever shown with the strategy it belongs
to: its id alone opens nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from impact.model import Card, Strategy
from impact.review import Review, review
from workshop.errors import WorkshopError
from workshop.translate import use_case

# The check (pandas) is loaded to run one, not to review kept ones; the database by the
# store that is handed in, not by a check run alone.
if TYPE_CHECKING:
    from impact.pipeline import CheckRun, FileRead
    from storage.checks import CheckSummary, StoredCheck
    from workshop.context import Context

__all__ = ["Checks", "Kept", "Review", "evaluate"]


def evaluate(strategy: Strategy, cards: Mapping[str, Card], reads: list[FileRead], *, shared: bool = False) -> CheckRun:
    """Every KPI against the usable files; files that could not be read or repeat
    another are left out and said, the others still count. ``shared``: on a server, a
    check over many rows runs in the helper process, where it holds no other session."""
    from impact import pipeline
    from workshop import offload

    rows = sum(read.result.rows_read for read in reads if read.result is not None and read.usable)
    if not shared or rows < offload.OFFLOAD_FROM_ROWS:
        return pipeline.check(strategy, cards, reads)
    try:  # a large check in the helper process: the other sessions of this server go on
        report, notices = offload.check(strategy, cards, reads)
    except offload.HelperFailed:
        raise WorkshopError("check_failed") from None
    return pipeline.CheckRun(files=reads, report=report, notices=notices)


@dataclass(frozen=True)
class Kept:
    """A check run and kept (or found kept before)."""

    check_id: int
    run: CheckRun
    repeated_at: datetime | None = None  # the same check was kept then: nothing new was stored


class Checks:
    """The data checks of the workspace's strategies."""

    def __init__(self, workshop: Context) -> None:
        self.ws = workshop

    @use_case
    def run(self, strategy: Strategy, version: int, cards: Mapping[str, Card], reads: list[FileRead]) -> Kept:
        """Check and keep the result, its warnings (as codes) and the data behind it."""
        if not strategy.id:
            raise WorkshopError("not_found", id="")
        run = evaluate(strategy, cards, reads, shared=self.ws.shared)
        saved = self.ws.store.save_check(
            strategy.id,
            version,
            files=run.file_summaries(),
            data=run.data,
            results=[r.as_json() for r in run.report.results],
            warnings=run.notices_json(),
        )
        return Kept(saved.id, run, saved.repeated.created_at if saved.repeated else None)

    @use_case
    def list(self, strategy_id: str) -> list[CheckSummary]:
        """The strategy's checks, newest first, each once."""
        self._owned(strategy_id)
        return self.ws.store.list_checks(strategy_id)

    @use_case
    def load(self, strategy_id: str, check_id: int, *, with_data: bool = False) -> StoredCheck:
        """A saved check of this strategy ('check_not_found' for any other); the data
        behind it only when asked for (it may be large)."""
        self._owned(strategy_id)
        stored = self.ws.store.load_check(check_id, with_data=with_data)
        if stored.strategy_id != strategy_id:
            raise WorkshopError("check_not_found", id=check_id)
        return stored

    @use_case
    def latest(self, strategy_id: str) -> StoredCheck | None:
        """The newest check of the strategy, without its data; None before the first."""
        found = self.list(strategy_id)
        return self.load(strategy_id, found[0].id) if found else None

    @use_case
    def review(self, strategy: Strategy, cards: Mapping[str, Card]) -> Review:
        """Every KPI across all the strategy's saved checks: its history, status and pace."""
        if not strategy.id:
            return review(strategy, cards, [])
        self._owned(strategy.id)
        return review(strategy, cards, self.ws.store.load_checks(strategy.id))

    @use_case
    def each(self, strategy: Strategy, cards: Mapping[str, Card]) -> dict[int, Review]:
        """Each saved check read on its own (what it said when it was made), by its id."""
        if not strategy.id:
            return {}
        self._owned(strategy.id)
        return {stored.id: review(strategy, cards, [stored]) for stored in self.ws.store.load_checks(strategy.id)}

    def _owned(self, strategy_id: str) -> None:
        """Checks belong to a strategy, and a strategy to a workspace."""
        if not self.ws.store.strategy_exists(strategy_id, workspace=self.ws.workspace):
            raise WorkshopError("not_found", id=strategy_id)
