"""The room view's steps as the room sees them: the profile, the goals, the board one
stage at a time (a card opened large), the owners, the checklist, and the timer.

The facilitator's room page and the screen window draw the same step with these
functions; only the facilitator's page passes ``on_open`` and gets clickable cards.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from impact.formula_words import in_words
from impact.model import STAGES, Card, Stage, Strategy
from impact.owners import ownership_matrix
from ui import state
from ui.components import card_html, md_escape, stage_label
from ui.state import lang, tr

AGENDA = [("profile", 10), ("goals", 20), ("board", 45), ("owners", 15), ("strategy", 10)]


def step_title(index: int) -> str:
    step, _ = AGENDA[index]
    return f"{tr('room.step', number=index + 1, total=len(AGENDA))}: {tr('nav.' + step)}"


def timer_html(deadline: float) -> str:
    left = int(deadline - time.time())
    late = left < 0
    text = f"{'−' if late else ''}{abs(left) // 60:02d}:{abs(left) % 60:02d}"
    return f'<div class="iw-timer{" late" if late else ""}">{text}</div>'


def stage_of(index: int) -> Stage:
    return STAGES[index % len(STAGES)]


def stage_named(name: str) -> Stage:
    """A stage name read back from the database; anything else is the first stage."""
    return next((stage for stage in STAGES if stage == name), STAGES[0])


def is_board(index: int) -> bool:
    return AGENDA[index][0] == "board"


def step_index(index: int) -> int:
    return max(0, min(len(AGENDA) - 1, index))


def render_card_large(card: Card) -> None:
    st.markdown(f"# {md_escape(card.title.get(lang()))}")
    st.markdown(f"### {md_escape(card.question.get(lang()))}")
    st.markdown(f"#### {md_escape(in_words(card.formula, lang()))}")
    if card.is_metric:
        st.warning(tr("card.metric_help"))
    if card.pitfall:
        st.markdown(f"**{tr('room.pitfall')}** {md_escape(card.pitfall.get(lang()))}")


def render_stage_cards(
    strategy: Strategy, cards: dict[str, Card], stage: Stage, on_open: Callable[[str], None] | None = None
) -> None:
    """Every card of one stage, in as many columns as keep two rows at most up to eight
    cards (all of a stage within a 1080 px screen); with ``on_open`` a click on a card
    opens it large."""
    kpis = [k for k in strategy.kpis_in(stage) if k.card in cards]
    if not kpis:
        st.info(tr("board.stage_empty_hint"))
        return
    width = 3 if len(kpis) <= 6 else 4
    columns = st.columns(width)
    for position, kpi in enumerate(kpis):
        card = cards[kpi.card]
        with columns[position % width]:
            if on_open is None:
                st.html(card_html(card, kpi, strategy))
                continue
            with st.container(key=f"room_card_{kpi.id}"):
                st.html(card_html(card, kpi, strategy))
                st.button(
                    tr("room.open_card", title=md_escape(card.title.get(lang()))),
                    key=f"room_open_{kpi.id}",
                    on_click=on_open,
                    args=(kpi.card,),
                    width="stretch",
                )


def render_step(strategy: Strategy, cards: dict[str, Card], index: int) -> None:
    """The steps other than the board: what the room talks about, large."""
    step, _ = AGENDA[index]
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
    elif step == "owners":
        matrix = ownership_matrix(strategy)
        for department, row in matrix.items():
            stages = [stage_label(s) for s in STAGES if row[s]]
            st.markdown(f"### {md_escape(department or tr('owners.none'))}: {', '.join(stages)}")
    elif step == "strategy":
        for item in state.health():
            mark = "✅" if item.ok else ("❌" if item.severity == "error" else "⚠️")
            st.markdown(f"### {mark} {tr(f'health.{item.rule}.title')}")
