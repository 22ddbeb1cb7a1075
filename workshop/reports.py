"""The hand-over documents: the PDF (with the latest data check) and the Excel KPI plan,
and the branding a consultant sets once per strategy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from impact.deck import Deck
from impact.model import Card, Strategy
from impact.report.branding import Branding
from impact.report.pdf import ReportInput, ReportUnavailable, build_pdf
from impact.report.xlsx import kpi_plan_xlsx
from storage.checks import StoredCheck
from storage.errors import StorageError
from workshop.checks import Checks
from workshop.errors import WorkshopError
from workshop.translate import use_case

if TYPE_CHECKING:
    from workshop.context import Context


def pdf(strategy: Strategy, deck: Deck, branding: Branding, check: StoredCheck | None = None) -> bytes:
    """The strategy as a PDF; 'pdf_unavailable' (with what is missing) where WeasyPrint's
    system libraries are not installed."""
    data = ReportInput(
        strategy=strategy,
        cards=deck.cards,
        profile=deck.profile(strategy.industry_profile),
        branding=branding,
        check_results=check.results if check else None,
        check_date=check.created_at.date() if check else None,
    )
    try:
        return build_pdf(data)
    except ReportUnavailable as exc:
        raise WorkshopError("pdf_unavailable", detail=str(exc), reason=str(exc)) from exc


def kpi_plan(strategy: Strategy, cards: Mapping[str, Card]) -> bytes:
    """The KPI plan as an Excel workbook."""
    return kpi_plan_xlsx(strategy, dict(cards))


class Reports:
    """The documents of a stored strategy."""

    def __init__(self, workshop: Context) -> None:
        self.ws = workshop

    def branding(self, strategy_id: str) -> Branding:
        """The strategy's branding; the plain one where none is kept or the database
        cannot say (a report is never refused for its looks)."""
        try:
            return self.ws.store.recall_branding(strategy_id)
        except StorageError:
            return Branding()

    @use_case
    def remember_branding(self, strategy_id: str, branding: Branding) -> None:
        """Keep the branding for the next report of this strategy."""
        self.ws.store.remember_branding(strategy_id, branding)

    @use_case
    def pdf(self, strategy: Strategy, deck: Deck) -> bytes:
        """The strategy's PDF with its branding and its latest data check."""
        check = Checks(self.ws).latest(strategy.id) if strategy.id else None
        return pdf(strategy, deck, self.branding(strategy.id or ""), check)
