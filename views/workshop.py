"""The workshop in the room: a voting round on the participants' phones, live tally."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import segno
import streamlit as st

from impact import edits
from impact.model import STAGES
from impact.voting import card_options, goal_options, tally, winners
from storage.errors import StorageError
from storage.voting import ballots, close_round, current_round, open_round, participants
from ui import state
from ui.components import labels, md_escape, require_strategy, stage_label
from ui.state import lang, tr

strategy = require_strategy()
cards = state.cards()
profile = state.deck().profiles.get(strategy.industry_profile or "")

st.title(tr("workshop.title"))
st.caption(tr("workshop.intro"))


def join_link(code: str) -> str:
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}/?join={code}"


def _open() -> None:
    subject = st.session_state.get("workshop_subject", "cards")
    stage = st.session_state.get("workshop_stage", "awareness")
    current = state.current()
    if subject == "cards":
        options = card_options(cards, profile, stage, {k.card for k in current.kpis_in(stage)}, lang())
        title = tr("workshop.round_cards", stage=tr(f"stage.{stage}"))
    else:
        options = goal_options(profile, {g.title for g in current.goals}, lang())
        title = tr("workshop.round_goals")
    if not options:
        state.notify(tr("workshop.no_options"), "⚠️")
        return
    try:
        open_round(
            state.engine(),
            current.id,
            subject=f"{subject}:{stage}" if subject == "cards" else "goals",
            title=title,
            options=options,
            dots=int(st.session_state.get("workshop_dots", 3)),
        )
    except StorageError:
        state.notify(tr("state.db_error"), "⚠️")


def _close(round_id: int) -> None:
    close_round(state.engine(), round_id)


def _adopt(round_id: int, count: int) -> None:
    voting = current_round(state.engine(), state.current().id)
    if voting is None or voting.id != round_id:
        return
    chosen = winners(tally(voting.options, ballots(state.engine(), round_id)), count)
    if not chosen:
        state.notify(tr("workshop.no_votes"), "⚠️")
        return
    if voting.subject.startswith("cards:"):
        stage = voting.subject.split(":", 1)[1]

        def lay(strategy):
            for option in chosen:
                strategy, _ = edits.add_kpi(strategy, cards[option.id], stage=stage)
            return strategy

        state.apply(lay, summary=tr("workshop.adopted_summary", items=", ".join(o.label for o in chosen)))
    else:
        suggestions = {f"goal-{i}": g for i, g in enumerate(profile.goals)} if profile else {}

        def add_goals(strategy):
            for option in chosen:
                if option.id in suggestions:
                    strategy = edits.add_goal(
                        strategy, edits.goal_from_suggestion(suggestions[option.id], lang(), date.today())
                    )
            return strategy

        state.apply(add_goals, summary=tr("workshop.adopted_summary", items=", ".join(o.label for o in chosen)))
    close_round(state.engine(), round_id)
    state.notify(tr("workshop.adopted", count=len(chosen)))


try:
    voting = current_round(state.engine(), strategy.id)
except StorageError:
    voting = None
    st.error(tr("state.db_error"))

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
            results = tally(voting.options, ballots(state.engine(), voting.id))
            names = participants(state.engine(), voting.id)
        except StorageError:
            st.error(tr("state.db_error"))
            return
        top = max([dots for _, dots, _ in results] + [1])
        st.markdown(f"**{tr('workshop.tally', people=len(names))}**")
        for option, dots, voters in results:
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
