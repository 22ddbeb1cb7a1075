"""What a person chose for files of one shape (which table, which row names the
columns, which column is which metric, the period, the channel), remembered per
strategy so that next month's export of the same report needs no clicks, and written
as a mapping file for ``impact check --mapping``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from impact.importers import Choices
from impact.importers.choices import write_mapping_file
from impact.pipeline import Recall
from storage.errors import StorageError
from workshop.translate import use_case

if TYPE_CHECKING:
    from workshop.context import Context


class Mappings:
    """Choices for files of a shape, per strategy."""

    def __init__(self, workshop: Context) -> None:
        self.ws = workshop

    @use_case
    def remember(self, strategy_id: str, signature: str, choices: Choices, *, example: str) -> None:
        """The choices for files of this shape (replacing earlier ones); ``example`` names
        a file they were made on."""
        self.ws.store.remember_mapping(strategy_id, signature, choices, example=example)

    @use_case
    def forget(self, strategy_id: str, signature: str) -> None:
        """The choices for this shape are gone: the readers decide again."""
        self.ws.store.forget_mapping(strategy_id, signature)

    def recall(self, strategy_id: str) -> Recall:
        """The remembered choices by file shape. A database that cannot answer means
        no choices: the file is read as the readers see it, not refused."""

        def remembered(signature: str) -> Choices | None:
            try:
                return self.ws.store.recall_mapping(strategy_id, signature)
            except StorageError:
                return None

        return remembered

    @use_case
    def mapping_file(self, strategy_id: str) -> str:
        """Every remembered choice of the strategy, as a mapping file for the command line."""
        remembered = self.ws.store.list_mappings(strategy_id)
        return write_mapping_file([(m.signature, m.example or "", m.choices) for m in remembered])
