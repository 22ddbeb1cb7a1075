"""The workshop in the room: a voting round on the participants' phones, live tally."""

from __future__ import annotations

from urllib.parse import urlsplit

import segno
import streamlit as st

from impact.model import STAGES
from ui import state
from ui.components import labels, md_escape, require_strategy, stage_label
from ui.state import lang, tr
from workshop import WorkshopError

strategy = require_strategy()
cards = state.cards()
profile = state.deck().profile(strategy.industry_profile)

st.title(tr("workshop.title"))
st.caption(tr("workshop.intro"))


def join_link(code: str) -> str:
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}/?join={code}"


def _open() -> None:
    try:
        state.workshop().voting.open_round(
            state.current(),
            cards,
            profile,
            subject=st.session_state.get("workshop_subject", "cards"),
            stage=st.session_state.get("workshop_stage", "awareness"),
            dots=int(st.session_state.get("workshop_dots", 3)),
        )
    except WorkshopError as error:
        state.fail(error)


def _close(round_id: int) -> None:
    try:
        state.workshop().voting.close(round_id)
    except WorkshopError as error:
        state.fail(error)


def _adopt(round_id: int, count: int) -> None:
    """The winners on the board (or as goals), then the round closes."""
    try:
        adoption = state.workshop().voting.adoption(state.current().id, round_id, count, cards, profile)
    except WorkshopError as error:
        state.fail(error)
        return
    if state.apply(adoption.change, summary=adoption.summary):
        _close(round_id)
        state.notify(tr("workshop.adopted", count=len(adoption.chosen)))


try:
    voting = state.workshop().voting.current(strategy.id)
except WorkshopError as error:
    voting = None
    st.error(error.text(lang()))

if voting is None or not voting.is_open:
    st.subheader(tr("workshop.new_round"))
    a, b, c = st.columns([2, 2, 1])
    subjects = ["cards", "goals"]
    a.segmented_control(
        tr("workshop.subject"),
        subjects,
        key="workshop_subject",
        default="cards",
        format_func=labels(subjects, lambda s: tr(f"workshop.subject_{s}")),
    )
    b.selectbox(
        tr("board.focus"),
        STAGES,
        key="workshop_stage",
        format_func=labels(STAGES, stage_label),
        disabled=st.session_state.get("workshop_subject", "cards") != "cards",
    )
    c.number_input(tr("workshop.dots"), min_value=1, max_value=10, value=3, step=1, key="workshop_dots")
    st.button(tr("workshop.open"), type="primary", icon="🗳️", on_click=_open, key="workshop_open")

if voting is not None:
    link = join_link(voting.code)
    st.subheader(md_escape(voting.title) + ("" if voting.is_open else f" — {tr('workshop.closed')}"))
    if voting.is_open:
        code_col, qr_col = st.columns([3, 2], vertical_alignment="center")
        code_col.markdown(f"{tr('workshop.join_at')}  \n`{link}`")
        code_col.html(f'<div class="iw-join-code">{voting.code}</div>')
        qr = segno.make(link, error="m")
        qr_col.image(qr.png_data_uri(scale=8, border=2), width=260, caption=tr("workshop.scan"))

    @st.fragment(run_every=2 if voting.is_open else None)
    def render_tally() -> None:
        """Re-drawn every two seconds while the round is open: the room sees dots arrive."""
        try:
            counted = state.workshop().voting.tally(voting)
        except WorkshopError as error:
            st.error(error.text(lang()))
            return
        top = max([dots for _, dots, _ in counted.results] + [1])
        st.markdown(f"**{tr('workshop.tally', people=len(counted.people))}**")
        for option, dots, voters in counted.results:
            st.progress(dots / top, text=f"{option.label} — {dots} ({voters})")

    render_tally()
    if voting.is_open:
        left, right = st.columns(2)
        left.button(
            tr("workshop.adopt", count=min(3, len(voting.options))),
            type="primary",
            key="workshop_adopt",
            on_click=_adopt,
            args=(voting.id, 3),
            icon="✅",
        )
        right.button(tr("workshop.close"), key="workshop_close", on_click=_close, args=(voting.id,))
