"""Step 3: business goals, each hard or soft, with a deadline."""

from datetime import date

import streamlit as st

from impact import edits
from impact.locale import locale_for
from impact.model import AREAS, HARD_AREAS, Goal
from ui import state
from ui.components import labels, md_escape, require_strategy
from ui.guide import render_guide
from ui.state import lang, tr

strategy = require_strategy()
profile = state.deck().profile(strategy.industry_profile)

st.title(tr("goals.title"))
st.caption(tr("goals.intro"))
render_guide("goals")


def _goal_fields(prefix: str) -> dict:
    return {
        "title": (st.session_state.get(f"{prefix}_title") or "").strip(),
        "area": st.session_state.get(f"{prefix}_area") or "other",
        "hard": bool(st.session_state.get(f"{prefix}_hard")),
        "deadline": st.session_state.get(f"{prefix}_deadline"),
    }


def _add() -> None:
    fields = _goal_fields("goals_new")
    if not fields["title"]:
        st.session_state["goals_new_error"] = tr("goals.title_missing")
        return
    if state.apply(edits.add_goal, Goal(**fields), summary=tr("summary.goal_added", title=fields["title"])):
        st.session_state.pop("goals_new_error", None)
        for suffix, empty in (("title", ""), ("hard", False), ("deadline", None)):
            st.session_state[f"goals_new_{suffix}"] = empty


def _update(goal_id: str) -> None:
    fields = _goal_fields(f"goals_{goal_id}")
    if not fields["title"]:
        st.session_state[f"goals_{goal_id}_error"] = tr("goals.title_missing")
        return
    st.session_state.pop(f"goals_{goal_id}_error", None)
    state.apply(edits.update_goal, goal_id, **fields, summary=tr("summary.goal_changed", title=fields["title"]))


def _remove(goal_id: str, title: str) -> None:
    state.apply(edits.remove_goal, goal_id, summary=tr("summary.goal_removed", title=title))


def _adopt(index: int) -> None:
    suggestion = profile.goals[index]
    origin = edits.suggestion_origin(profile.id, suggestion)
    goal = edits.goal_from_suggestion(suggestion, lang(), date.today(), origin=origin)
    state.apply(edits.add_goal, goal, summary=tr("summary.goal_added", title=goal.title))


def _area_label(area: str) -> str:
    return tr(f"area.{area}")


def render_goal_form(prefix: str, goal: Goal | None) -> None:
    st.text_input(
        tr("goals.field_title"),
        value=goal.title if goal else "",
        key=f"{prefix}_title",
        max_chars=300,
        placeholder=tr("goals.title_placeholder"),
    )
    a, b, c = st.columns([2, 1, 2], vertical_alignment="bottom")
    a.selectbox(
        tr("goals.area"),
        AREAS,
        index=AREAS.index(goal.area if goal else "other"),
        format_func=labels(AREAS, _area_label),
        key=f"{prefix}_area",
    )
    b.toggle(tr("goals.hard"), value=goal.hard if goal else False, key=f"{prefix}_hard", help=tr("goals.hard_help"))
    c.date_input(
        tr("goals.deadline"),
        value=goal.deadline if goal else None,
        key=f"{prefix}_deadline",
        format=locale_for(lang()).date_input,
    )


if not strategy.goals:
    st.info(tr("goals.none_yet"))
for goal in strategy.goals:
    badge = "🟢 " + tr("goals.hard") if goal.hard else "⚪ " + tr("goals.soft")
    kpi_count = sum(1 for k in strategy.kpis if k.goal == goal.id)
    label = f"{goal.title} · {badge} · {tr('goals.kpi_count', count=kpi_count)}"
    with st.expander(md_escape(label), expanded=False):
        with st.form(f"goals_{goal.id}_form", border=False):
            render_goal_form(f"goals_{goal.id}", goal)
            save, remove = st.columns(2)
            save.form_submit_button(tr("goals.save"), on_click=_update, args=(goal.id,), type="primary")
            remove.form_submit_button(tr("goals.remove"), on_click=_remove, args=(goal.id, goal.title))
        if st.session_state.get(f"goals_{goal.id}_error"):
            st.error(st.session_state[f"goals_{goal.id}_error"])
        if goal.area in HARD_AREAS and not goal.hard:
            st.caption(tr("goals.maybe_hard"))

st.subheader(tr("goals.add"))
with st.form("goals_new_form", border=True):
    render_goal_form("goals_new", None)
    st.form_submit_button(tr("goals.add_button"), type="primary", on_click=_add)
if st.session_state.get("goals_new_error"):
    st.error(st.session_state["goals_new_error"])

if profile is not None:
    st.subheader(tr("goals.suggested", profile=profile.title.get(lang())))
    adopted = edits.adopted_suggestions(strategy, profile)  # by origin: a rewritten title stays adopted
    for index, suggestion in enumerate(profile.goals):
        title = suggestion.title.get(lang())
        text, button = st.columns([5, 1], vertical_alignment="center")
        kind = tr("goals.hard") if suggestion.hard else tr("goals.soft")
        text.markdown(f"**{md_escape(title)}** · {kind} · {_area_label(suggestion.area)}")
        button.button(
            tr("goals.adopt") if adopted[index] is None else tr("goals.adopted"),
            key=f"goals_adopt_{index}",
            on_click=_adopt,
            args=(index,),
            disabled=adopted[index] is not None,
        )
else:
    st.page_link("views/profile.py", label=tr("goals.pick_profile"), icon="🏭")

st.page_link("views/board.py", label=tr("goals.next"), icon="➡️")
