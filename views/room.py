"""The room view: one step of the agenda at a time, big, with its timebox counting down,
the board column by column, cards opened large, and a parking lot for questions."""

from __future__ import annotations

import time

import streamlit as st

from impact import edits
from impact.formula_words import in_words
from impact.model import STAGES
from impact.owners import ownership_matrix
from ui import state
from ui.components import card_html, md_escape, render_board, require_strategy, stage_label
from ui.state import lang, tr

AGENDA = [("profile", 10), ("goals", 20), ("board", 45), ("owners", 15), ("strategy", 10)]

strategy = require_strategy()
cards = state.cards()
st.session_state.setdefault("room_step", 0)
st.session_state.setdefault("room_stage", 0)
index = min(st.session_state["room_step"], len(AGENDA) - 1)
step, minutes = AGENDA[index]


def _go(delta: int) -> None:
    st.session_state["room_step"] = max(0, min(len(AGENDA) - 1, st.session_state["room_step"] + delta))
    st.session_state.pop("room_deadline", None)


def _start_timer(minutes: int) -> None:
    st.session_state["room_deadline"] = time.time() + minutes * 60


def _stage(delta: int) -> None:
    st.session_state["room_stage"] = (st.session_state["room_stage"] + delta) % len(STAGES)


def _park() -> None:
    text = (st.session_state.get("room_question") or "").strip()
    if text and state.apply(edits.park_question, text, summary=tr("summary.parked")):
        st.session_state["room_question"] = ""


def _unpark(position: int) -> None:
    state.apply(edits.unpark_question, position, summary=tr("summary.unparked"))


head, timer_col = st.columns([3, 1], vertical_alignment="center")
head.markdown(f"## {tr('room.step', number=index + 1, total=len(AGENDA))}: {tr('nav.' + step)}")


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
        )
        return
    left = int(deadline - time.time())
    late = left < 0
    text = f"{'−' if late else ''}{abs(left) // 60:02d}:{abs(left) % 60:02d}"
    st.html(f'<div class="iw-timer{" late" if late else ""}">{text}</div>')


with timer_col:
    render_timer()

back, forward = st.columns(2)
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


@st.dialog(" ", width="large")
def show_card(card_id: str) -> None:
    card = cards[card_id]
    st.markdown(f"# {md_escape(card.title.get(lang()))}")
    st.markdown(f"### {md_escape(card.question.get(lang()))}")
    st.markdown(f"#### {md_escape(in_words(card.formula, lang()))}")
    if card.is_metric:
        st.warning(tr("card.metric_help"))
    if card.pitfall:
        st.markdown(f"**{tr('room.pitfall')}** {md_escape(card.pitfall.get(lang()))}")


if step == "profile":
    profile = state.deck().profile(strategy.industry_profile)
    if profile is None:
        st.info(tr("profile.pick_one"))
    else:
        st.markdown(f"### {md_escape(profile.title.get(lang()))}")
        st.markdown(md_escape(profile.description.get(lang())))
        st.markdown("\n".join(f"- {md_escape(g.title.get(lang()))}" for g in profile.goals))
elif step == "goals":
    if not strategy.goals:
        st.info(tr("goals.none_yet"))
    for goal in strategy.goals:
        kind = tr("goals.hard") if goal.hard else tr("goals.soft")
        st.markdown(f"### {md_escape(goal.title)} · {kind}")
elif step == "board":
    stage = STAGES[st.session_state["room_stage"] % len(STAGES)]
    left, middle, right = st.columns([1, 3, 1], vertical_alignment="center")
    left.button("◀", on_click=_stage, args=(-1,), key="room_stage_back", width="stretch")
    middle.markdown(f"## {stage_label(stage)}")
    right.button("▶", on_click=_stage, args=(1,), key="room_stage_next", width="stretch")
    kpis = strategy.kpis_in(stage)
    if not kpis:
        st.info(tr("board.stage_empty_hint"))
    columns = st.columns(3)
    for position, kpi in enumerate(k for k in kpis if k.card in cards):
        with columns[position % 3]:
            st.html(card_html(cards[kpi.card], kpi, strategy))
            st.button(
                tr("room.open_card"), key=f"room_open_{kpi.id}", on_click=show_card, args=(kpi.card,), width="stretch"
            )
    with st.expander(tr("room.whole_board")):
        render_board(strategy, cards, key_prefix="room")
elif step == "owners":
    matrix = ownership_matrix(strategy)
    for department, row in matrix.items():
        stages = [stage_label(s) for s in STAGES if row[s]]
        st.markdown(f"### {md_escape(department or tr('owners.none'))}: {', '.join(stages)}")
else:
    for item in state.health():
        mark = "✅" if item.ok else ("❌" if item.severity == "error" else "⚠️")
        st.markdown(f"### {mark} {tr(f'health.{item.rule}.title')}")

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
