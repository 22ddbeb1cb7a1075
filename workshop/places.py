"""Where each person stopped in a strategy: the page, guided mode, the name they work
under; kept with the strategy, so that opening it again (from the list, a bookmark,
another day) continues there. A convenience: when the database cannot say, nothing
is lost but the place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.errors import StorageError
from storage.resume import ResumePoint

if TYPE_CHECKING:
    from workshop.context import Context

__all__ = ["Places", "ResumePoint"]


class Places:
    """Where each person stopped, per strategy and account."""

    def __init__(self, workshop: Context) -> None:
        self.ws = workshop

    def recall(self, strategy_id: str) -> ResumePoint | None:
        """Where this account (or, without sign-in, anyone) stopped last; None when unknown."""
        try:
            return self.ws.store.recall_place(strategy_id, self.ws.account)
        except StorageError:
            return None

    def remember(self, strategy_id: str, point: ResumePoint) -> bool:
        """False when it could not be kept (the next page tries again)."""
        try:
            self.ws.store.remember_place(strategy_id, self.ws.account, point)
        except StorageError:
            return False
        return True
