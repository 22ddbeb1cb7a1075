"""Guided mode for someone alone: each step explained in plain words, with an example
from their own industry profile, and where they stand in the workshop."""

from __future__ import annotations

import streamlit as st

from impact.guide import STEPS, steps_done
from ui import state
from ui.components import card_title, department_label, md_escape, stage_label
from ui.state import lang, tr


def guided() -> bool:
    return bool(st.session_state.get("guided_mode"))


def _example(step: str) -> str:
    strategy = state.current()
    profile = state.deck().profile(strategy.industry_profile) if strategy else None
    if profile is None:
        return ""
    name = profile.title.get(lang())
    if step == "goals":
        hard = next((g for g in profile.goals if g.hard), profile.goals[0])
        return tr("guide.goals_example", profile=name, goal=hard.title.get(lang()))
    if step == "board":
        card_id = profile.priority_cards.get("conversion", [""])[0]
        return tr(
            "guide.board_example",
            profile=name,
            card=card_title(state.cards(), card_id),
            stage=stage_label("conversion"),
        )
    if step == "owners":
        card = state.cards().get(profile.priority_cards.get("conversion", [""])[0])
        if card:
            return tr(
                "guide.owners_example",
                profile=name,
                card=card.title.get(lang()),
                department=department_label(card.owner),
            )
    return ""


def render_guide(step: str) -> None:
    if not guided():
        return
    example = _example(step)
    st.info(tr(f"guide.{step}") + (f"\n\n💡 {md_escape(example)}" if example else ""), icon="🧭")


def render_progress() -> None:
    strategy = state.current()
    healthy = strategy is not None and all(i.ok or i.severity == "warning" for i in state.health())
    done = steps_done(strategy, healthy=healthy)
    count = sum(done.values())
    st.caption(tr("guide.progress", done=count, total=len(STEPS)))
    st.markdown("  \n".join(f"{'✅' if done[s] else '⬜'} {tr('nav.' + s)}" for s in STEPS))
