"""The room view: one step of the agenda at a time, big, with its timebox counting down,
the board one stage at a time (a click on a card opens it large), and a parking lot for
questions. A screen window (the projector) follows what this page shows."""

from __future__ import annotations

import time

import streamlit as st

from impact import edits
from impact.model import STAGES
from ui import presenter, state
from ui.components import md_escape, render_board, require_strategy, stage_label
from ui.room_stage import AGENDA, render_card_large, render_stage_cards, render_step, stage_of, step_title, timer_html
from ui.state import tr
from workshop.voting import Showing

strategy = require_strategy()
cards = state.cards()
st.session_state.setdefault("room_step", 0)
st.session_state.setdefault("room_stage", 0)
index = min(st.session_state["room_step"], len(AGENDA) - 1)
step, minutes = AGENDA[index]
stage = stage_of(st.session_state["room_stage"])
opened = st.session_state.get("room_card") if step == "board" else None
if opened not in cards:
    opened = None


def _go(delta: int) -> None:
    st.session_state["room_step"] = max(0, min(len(AGENDA) - 1, st.session_state["room_step"] + delta))
    st.session_state.pop("room_deadline", None)
    st.session_state.pop("room_card", None)


def _start_timer(minutes: int) -> None:
    st.session_state["room_deadline"] = time.time() + minutes * 60


def _stage(delta: int) -> None:
    st.session_state["room_stage"] = (st.session_state["room_stage"] + delta) % len(STAGES)


def _open_card(card_id: str | None) -> None:
    st.session_state["room_card"] = card_id


def _park() -> None:
    text = (st.session_state.get("room_question") or "").strip()
    if text and state.apply(edits.park_question, text, summary=tr("summary.parked")):
        st.session_state["room_question"] = ""


def _unpark(position: int) -> None:
    state.apply(edits.unpark_question, position, summary=tr("summary.unparked"))


presenter.present(
    Showing(view="room", step=index, stage=stage, card=opened, deadline=st.session_state.get("room_deadline"))
)
if not st.session_state.get("projector"):
    presenter.render_screen_link()

head, timer_col, back, forward = st.columns([5, 2, 1.4, 1.8], vertical_alignment="center")
head.markdown(f"## {step_title(index)}")


@st.fragment(run_every=1)
def render_timer() -> None:
    deadline = st.session_state.get("room_deadline")
    if deadline is None:
        st.button(
            tr("room.start_timer", minutes=minutes),
            on_click=_start_timer,
            args=(minutes,),
            key="room_timer_start",
            icon="⏱️",
            width="stretch",
        )
        return
    st.html(timer_html(deadline))


with timer_col:
    render_timer()
back.button(tr("room.back"), on_click=_go, args=(-1,), disabled=index == 0, width="stretch", key="room_back", icon="◀️")
forward.button(
    tr("room.next"),
    on_click=_go,
    args=(1,),
    disabled=index == len(AGENDA) - 1,
    width="stretch",
    type="primary",
    key="room_next",
    icon="▶️",
)

if step == "board" and opened is not None:
    st.button(
        tr("room.back_to_stage", stage=stage_label(stage)),
        on_click=_open_card,
        args=(None,),
        key="room_card_close",
        icon="◀️",
    )
    render_card_large(cards[opened])
elif step == "board":
    before, after = stage_of(st.session_state["room_stage"] - 1), stage_of(st.session_state["room_stage"] + 1)
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")
    left.button(
        stage_label(before),
        on_click=_stage,
        args=(-1,),
        key="room_stage_back",
        width="stretch",
        icon=":material/arrow_back:",
        help=tr("room.previous_stage"),
    )
    middle.markdown(f"## {stage_label(stage)}", text_alignment="center")
    right.button(
        stage_label(after),
        on_click=_stage,
        args=(1,),
        key="room_stage_next",
        width="stretch",
        icon=":material/arrow_forward:",
        icon_position="right",
        help=tr("room.next_stage"),
    )
    render_stage_cards(strategy, cards, stage, on_open=_open_card)
    with st.expander(tr("room.whole_board")):
        render_board(strategy, cards, key_prefix="room")
else:
    render_step(strategy, cards, index)

st.divider()
st.markdown(f"### 🅿️ {tr('room.parking_lot')}")
with st.form("room_park_form", border=False, clear_on_submit=False):
    field, add = st.columns([4, 1], vertical_alignment="bottom")
    field.text_input(tr("room.question"), key="room_question", max_chars=300)
    add.form_submit_button(tr("room.park"), on_click=_park)
for position, question in enumerate(strategy.parking_lot):
    text, done = st.columns([5, 1], vertical_alignment="center")
    text.markdown(f"- {md_escape(question)}")
    done.button(tr("room.done"), key=f"room_unpark_{position}", on_click=_unpark, args=(position,))
