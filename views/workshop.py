"""The workshop in the room: the standing room code on one side, the round on the other
(its actions first, then the live tally), so that a projector shows all of it at once."""

from __future__ import annotations

import streamlit as st

from impact.model import STAGES
from ui import presenter, state
from ui.components import labels, md_escape, require_strategy, stage_label
from ui.round_stage import count, join_html, render_tally, tally_html
from ui.state import lang, tr, trn
from workshop import WorkshopError
from workshop.voting import TOP, Round, Showing

strategy = require_strategy()
cards = state.cards()
profile = state.deck().profile(strategy.industry_profile)
projector = bool(st.session_state.get("projector"))

try:
    room = state.workshop().voting.room(strategy.id or "")
    voting = state.workshop().voting.current(strategy.id or "")
except WorkshopError as error:
    st.error(error.text(lang()))
    st.stop()
presenter.present(Showing(view="workshop"))

if not projector:
    st.title(tr("workshop.title"))
    st.caption(tr("workshop.intro"))
    presenter.render_screen_link()


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
    st.session_state["workshop_changed"] = True  # the round's fragment redraws the whole page
    try:
        state.workshop().voting.close(round_id)
    except WorkshopError as error:
        state.fail(error)


def _adopt(round_id: int, option_ids: list[str]) -> None:
    """The chosen winners on the board (or as goals), then the round closes."""
    st.session_state["workshop_changed"] = True
    try:
        adoption = state.workshop().voting.adoption(state.current().id, round_id, option_ids, cards, profile)
    except WorkshopError as error:
        state.fail(error)
        return
    if state.apply(adoption.change, summary=adoption.summary):
        _close(round_id)
        state.notify(trn("workshop.adopted", len(adoption.chosen)))


def render_new_round() -> None:
    st.markdown(f"### {tr('workshop.new_round')}")
    subjects = ["cards", "goals"]
    st.segmented_control(
        tr("workshop.subject"),
        subjects,
        key="workshop_subject",
        default="cards",
        format_func=labels(subjects, lambda s: tr(f"workshop.subject_{s}")),
        required=True,
    )
    on_cards = st.session_state.get("workshop_subject", "cards") == "cards"
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    if on_cards:  # a goals round has no stage: the choice is not shown
        a.selectbox(tr("board.focus"), STAGES, key="workshop_stage", format_func=labels(STAGES, stage_label))
    b.number_input(tr("workshop.dots"), min_value=1, max_value=10, value=3, step=1, key="workshop_dots")
    st.button(tr("workshop.open"), type="primary", icon="🗳️", on_click=_open, key="workshop_open")


@st.fragment(run_every=2)
def render_round(voting: Round) -> None:
    """Re-drawn every two seconds while the round is open: the room sees dots arrive, and
    the actions always match the tally (a tie that appears is offered as a tie)."""
    if st.session_state.pop("workshop_changed", False):  # adopted or closed: the page changes, not just this part
        st.rerun()
    counted = count(voting)
    if counted is None:
        return
    top = counted.top(TOP)
    st.markdown(f"**{trn('workshop.tally', len(counted.people))}**")
    with st.container(horizontal=True, key="workshop_actions"):
        if top.has_tie:
            chosen = st.session_state.get("workshop_tie_choice") or []
            picked = [o.id for o in top.sure] + [o.id for o in top.tied if o.id in chosen]
            st.button(
                trn("workshop.adopt_chosen", len(picked)),
                type="primary",
                key="workshop_adopt_chosen",
                on_click=_adopt,
                args=(voting.id, picked),
                disabled=len(chosen) == 0,
                icon="✅",
            )
            everyone = [o.id for o in top.sure + top.tied]
            st.button(
                tr("workshop.adopt_all", count=len(everyone)),
                key="workshop_adopt_all",
                on_click=_adopt,
                args=(voting.id, everyone),
            )
        else:
            winners = [o.id for o in top.sure + top.tied]
            st.button(
                trn("workshop.adopt", max(len(winners), 1)),
                type="primary",
                key="workshop_adopt",
                on_click=_adopt,
                args=(voting.id, winners),
                icon="✅",
            )
        st.button(tr("workshop.close"), key="workshop_close", on_click=_close, args=(voting.id,))
    if top.has_tie:
        dots = next(d for o, d, _ in counted.results if o.id == top.tied[0].id)
        st.markdown(f"⚖️ **{trn('workshop.tie', top.spots, dots=trn('workshop.dots_n', dots))}**")
        st.pills(
            tr("workshop.tie_choice"),
            [o.id for o in top.tied],
            selection_mode="multi",
            key="workshop_tie_choice",
            format_func=labels([o.id for o in top.tied], {o.id: md_escape(o.label) for o in top.tied}.__getitem__),
        )
    st.html(tally_html(counted, top))


left, right = st.columns([2, 3], gap="large")
with left:
    st.html(join_html(room.code))
with right:
    if voting is not None and voting.is_open:
        st.markdown(f"### {md_escape(voting.title)}")
        render_round(voting)
    else:
        if voting is None:
            st.info(tr("workshop.room_ready"))
        render_new_round()
        if voting is not None:
            st.markdown(f"**{tr('workshop.last_round')}** {md_escape(voting.title)} — {tr('workshop.closed')}")
            render_tally(voting)
