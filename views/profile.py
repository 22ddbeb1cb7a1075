"""Step 2: the industry profile suggests goals, cards, departments and reference values."""

from datetime import date

import streamlit as st

from impact import edits
from impact.formatting import localise_numbers
from impact.model import STAGES
from impact.quickstart import DraftReport, describe_draft, draft_strategy
from ui import state
from ui.components import (
    card_title,
    department_label,
    labels,
    md_escape,
    require_strategy,
    stage_label,
    text_table,
)
from ui.draft_report import render_draft_report
from ui.guide import render_guide
from ui.state import lang, tr

DRAFT_REPORT = "profile_draft_report"
strategy = require_strategy()
profiles = state.deck().profiles
cards = state.cards()

st.title(tr("profile.title"))
st.caption(tr("profile.intro"))
render_guide("profile")

ids = list(profiles)
current = strategy.industry_profile if strategy.industry_profile in profiles else None


def _choose() -> None:
    chosen = st.session_state.get("profile_choice")
    if chosen != state.current().industry_profile:
        state.apply(
            edits.set_profile,
            chosen,
            summary=tr("summary.profile", profile=profiles[chosen].title.get(lang()) if chosen else "—"),
        )


st.radio(
    tr("profile.choose"),
    options=ids,
    index=ids.index(current) if current else None,
    format_func=labels(ids, lambda pid: profiles[pid].title.get(lang())),
    key="profile_choice",
    horizontal=True,
    on_change=_choose,
)

shown = st.session_state.get("profile_choice") or current
if shown is None:
    st.info(tr("profile.pick_one"))
    st.stop()

profile = profiles[shown]
st.header(profile.title.get(lang()))
st.markdown(md_escape(profile.description.get(lang())))
st.caption("💡 " + md_escape(profile.example.get(lang())))

left, right = st.columns(2, gap="large")
with left:
    st.subheader(tr("profile.goals"))
    for goal in profile.goals:
        kind = tr("goals.hard") if goal.hard else tr("goals.soft")
        st.markdown(f"- **{md_escape(goal.title.get(lang()))}** · {kind} · {tr('area.' + goal.area)}")
    st.page_link("views/goals.py", label=tr("profile.to_goals"), icon="⛳")
with right:
    st.subheader(tr("profile.departments"))
    st.markdown(" · ".join(department_label(d) for d in profile.departments))

st.subheader(tr("profile.priority_cards"))
columns = st.columns(5)
for column, stage in zip(columns, STAGES, strict=True):
    column.markdown(f"**{stage_label(stage)}**")
    for card_id in profile.priority_cards.get(stage, []):
        card = cards.get(card_id)
        badge = f" `{tr('card.metric_badge')}`" if card and card.is_metric else ""
        column.markdown(f"- {md_escape(card_title(cards, card_id))}{badge}")


def _quick_start(profile_id: str) -> None:
    chosen = state.deck().profiles[profile_id]
    before = state.current()
    drafted = draft_strategy(before, chosen, state.cards(), lang(), date.today())
    if drafted == before:
        st.session_state[DRAFT_REPORT] = (before.id, DraftReport())
        return
    if state.apply(lambda _s: drafted, summary=tr("summary.quick_start", profile=chosen.title.get(lang()))):
        st.session_state[DRAFT_REPORT] = (before.id, describe_draft(before, state.current(), chosen, state.cards()))
        state.notify(tr("profile.quick_started"))


with st.container(border=True):
    st.markdown(f"**{tr('profile.quick_start')}**")
    st.caption(tr("profile.quick_start_help"))
    st.button(
        tr("profile.quick_start_button"),
        on_click=_quick_start,
        args=(profile.id,),
        key="profile_quick_start",
        icon="⚡",
        type="primary" if not strategy.kpis else "secondary",
    )

render_draft_report(strategy, profile, cards, st.session_state.get(DRAFT_REPORT))

st.subheader(tr("profile.reference_values"))
if profile.reference_values:
    text_table(
        [
            {
                tr("profile.ref_label"): ref.label.get(lang()),
                tr("profile.ref_value"): localise_numbers(ref.value, lang()),
                tr("profile.ref_source"): ref.source,
                tr("profile.ref_year"): str(ref.year),
            }
            for ref in profile.reference_values
        ]
    )
    st.caption(tr("profile.ref_note"))
else:
    st.caption(tr("profile.no_references"))
