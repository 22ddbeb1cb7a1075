"""The one error the application layer raises: a code, its parameters, and where a save
failed, what was not saved. The front end that shows it puts it into words (the
catalogue's ``error.<code>``); the command line may add the technical ``detail``,
a page never shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impact.i18n import t

if TYPE_CHECKING:
    from impact.model import Strategy


@dataclass(frozen=True)
class Pending:
    """A change that is on the person's screen but not in the database."""

    strategy: Strategy
    summary: str


class WorkshopError(Exception):
    """A use case could not be done: ``code`` says what, ``params`` fill its sentence."""

    def __init__(self, code: str, *, detail: str = "", pending: Pending | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail  # technical, never translated: for a log or the command line
        self.pending = pending
        self.params = params

    def text(self, lang: str) -> str:
        """What happened, in the reader's language."""
        return t(f"error.{self.code}", lang, **self.params)
