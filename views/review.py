"""Step 8: the review — every KPI across all saved checks, on track or not, and why."""

from __future__ import annotations

import streamlit as st

from impact.custom_cards import slug
from ui import state
from ui.components import require_strategy
from ui.review_view import render_review
from ui.state import lang, tr
from workshop import WorkshopError

strategy = require_strategy()
projector = bool(st.session_state.get("projector"))
st.title(tr("review.title"))
if not projector:  # on the projector the room needs the figure, not the explanation
    st.caption(tr("review.intro"))
try:
    review = state.workshop().checks.review(strategy, state.cards())
except WorkshopError as error:
    st.error(error.text(lang()))
    st.stop()
if not review.checks:
    st.info(tr("review.none_yet"))
    st.page_link("views/check.py", label=tr("nav.check"), icon="📊")
    st.stop()
render_review(review, key="review", projector=projector)


def _pdf() -> bytes:
    try:
        return state.workshop().reports.review_pdf(strategy, state.deck())
    except WorkshopError as error:  # the download says why, instead of an empty file
        raise RuntimeError(error.text(lang())) from None


st.download_button(
    tr("review.pdf"),
    data=_pdf,
    file_name=f"{slug(strategy.name)}-review.pdf",
    mime="application/pdf",
    key="review_pdf",
    on_click="ignore",
    icon="📄",
)
