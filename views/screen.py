"""The screen window: what the projector shows, following the facilitator's laptop.

It has no buttons. It draws what the facilitator's room or workshop page shows (the
step, the board's stage, the card opened large, the timer, the voting round with its
tally) and asks once a second whether that changed; when it did, it redraws.
"""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.components import md_escape, require_strategy, stage_label
from ui.room_stage import (
    is_board,
    render_card_large,
    render_stage_cards,
    render_step,
    stage_named,
    step_index,
    step_title,
    timer_html,
)
from ui.round_stage import join_html, render_tally
from ui.state import lang, tr
from workshop import WorkshopError
from workshop.voting import Showing

strategy = require_strategy()
cards = state.cards()
voting = state.workshop().voting


def _now() -> tuple[Showing, tuple[int, bool] | None]:
    room = voting.room(strategy.id or "")
    return room.showing, voting.state_by_code(room.code)[1]


try:
    room = voting.room(strategy.id or "")
    shown = (room.showing, voting.state_by_code(room.code)[1])  # what _now() will compare against
except WorkshopError as error:
    st.error(error.text(lang()))
    st.stop()
showing, _ = shown


@st.fragment(run_every=1)
def follow() -> None:
    """Once a second: the facilitator moved on (or a round opened or closed): redraw all;
    otherwise only the timer ticks."""
    try:
        now = _now()
    except WorkshopError:  # a moment without the database: keep showing what is there
        return
    if now != shown:
        st.rerun()
    if showing.view == "room" and showing.deadline is not None:
        st.html(timer_html(showing.deadline))


if showing.view == "workshop":
    current = voting.current(strategy.id or "")
    left, right = st.columns([2, 3], gap="large")
    left.html(join_html(room.code))
    with right:
        follow()
        if current is not None:
            suffix = "" if current.is_open else f" — {tr('workshop.closed')}"
            st.markdown(f"### {md_escape(current.title)}{suffix}")

            @st.fragment(run_every=2 if current.is_open else None)
            def live_tally() -> None:
                render_tally(current)

            live_tally()
        else:
            st.info(tr("workshop.room_ready"))
else:
    index, stage = step_index(showing.step), stage_named(showing.stage)
    head, timer_col = st.columns([5, 2], vertical_alignment="center")
    head.markdown(f"## {step_title(index)}")
    with timer_col:
        follow()
    if is_board(index) and showing.card in cards:
        render_card_large(cards[showing.card])
    elif is_board(index):
        st.markdown(f"## {stage_label(stage)}", text_alignment="center")
        render_stage_cards(strategy, cards, stage)
    else:
        render_step(strategy, cards, index)
