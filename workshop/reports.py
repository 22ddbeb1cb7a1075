"""The hand-over documents: the PDF (with the latest data check) and the Excel KPI plan,
and the branding a consultant sets once per strategy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from impact.deck import Deck
from impact.model import Card, Strategy
from impact.report.branding import DEFAULT_COLOR, Branding
from impact.report.pdf import ReportInput, ReportUnavailable, build_pdf
from impact.report.xlsx import kpi_plan_xlsx
from impact.review import Review
from storage.errors import StorageError
from workshop.checks import Checks
from workshop.errors import WorkshopError
from workshop.translate import use_case

if TYPE_CHECKING:
    from workshop.context import Context


def pdf(
    strategy: Strategy, deck: Deck, branding: Branding, review: Review | None = None, *, review_only: bool = False
) -> bytes:
    """The strategy as a PDF (with the review of its saved checks), or the review alone;
    'pdf_unavailable' (with what is missing) where WeasyPrint's system libraries are
    not installed."""
    data = ReportInput(
        strategy=strategy,
        cards=deck.cards,
        profile=deck.profile(strategy.industry_profile),
        branding=branding,
        review=review,
        review_only=review_only,
    )
    try:
        return build_pdf(data)
    except ReportUnavailable as exc:
        raise WorkshopError("pdf_unavailable", detail=str(exc), reason=str(exc)) from exc


def kpi_plan(
    strategy: Strategy, cards: Mapping[str, Card], *, color: str = DEFAULT_COLOR, review: Review | None = None
) -> bytes:
    """The KPI plan as an Excel workbook (with the review's sheet when there is one)."""
    return kpi_plan_xlsx(strategy, dict(cards), color=color, review=review)


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
        """The strategy's PDF with its branding and the review of its saved checks."""
        review = Checks(self.ws).review(strategy, deck.cards)
        return pdf(strategy, deck, self.branding(strategy.id or ""), review)

    @use_case
    def workbook(self, strategy: Strategy, deck: Deck) -> bytes:
        """The KPI plan as Excel in the strategy's brand colour, with the latest review of
        its saved checks as a sheet of its own."""
        review = Checks(self.ws).review(strategy, deck.cards)
        color = self.branding(strategy.id or "").color
        return kpi_plan(strategy, deck.with_custom(strategy.custom_cards), color=color, review=review)

    @use_case
    def review_pdf(self, strategy: Strategy, deck: Deck) -> bytes:
        """The review alone, for the monthly meeting with the client."""
        review = Checks(self.ws).review(strategy, deck.cards)
        return pdf(strategy, deck, self.branding(strategy.id or ""), review, review_only=True)
