"""Step 6: the whole strategy on one screen, its health, save and download."""

import streamlit as st

from impact import edits
from impact.channels import channels_label, channels_of
from impact.custom_cards import slug
from impact.formatting import format_amount, format_date, target_unit
from impact.hyphenation import hyphenate
from impact.model import LANGUAGE_NAMES, LANGUAGES, STAGES
from impact.strategy_file import strategy_to_yaml
from ui import state
from ui.components import (
    card_title,
    department_label,
    md_escape,
    render_board,
    require_strategy,
    responsive_table,
    stage_label,
)
from ui.guide import render_guide
from ui.report_panel import render_report_panel
from ui.state import lang, tr
from ui.version_history import render_version_history

strategy = require_strategy()
cards = state.cards()
profiles = state.deck().profiles

STEP_PAGES = {
    "start": "views/start.py",
    "profile": "views/profile.py",
    "goals": "views/goals.py",
    "board": "views/board.py",
    "owners": "views/owners.py",
    "strategy": "views/strategy.py",
}


def _fix(step: str, stage: str | None) -> None:
    """Open the step that fixes a point, with the stage concerned already in focus."""
    if stage and step in ("board", "owners"):
        st.session_state[f"{step}_stage"] = stage
    st.session_state["strategy_goto"] = STEP_PAGES[step]


if goto := st.session_state.pop("strategy_goto", None):
    st.switch_page(goto)


def _save() -> None:
    if state.mark_milestone((st.session_state.get("strategy_note") or "").strip()):
        st.session_state["strategy_note"] = ""


def _details() -> None:
    name = (st.session_state.get("strategy_name") or "").strip()
    if not name:
        st.session_state["strategy_details_error"] = tr("start.name_missing")
        return
    st.session_state.pop("strategy_details_error", None)
    if state.apply(
        edits.set_details,
        name=name,
        organisation=st.session_state.get("strategy_org") or "",
        language=st.session_state.get("strategy_language") or strategy.language,
        summary=tr("summary.details"),
    ):
        state.set_lang(state.current().language)


st.title(md_escape(hyphenate(strategy.name, lang())))
profile = profiles.get(strategy.industry_profile or "")
facts = [
    strategy.organisation,
    profile.title.get(lang()) if profile else tr("strategy.no_profile"),
    LANGUAGE_NAMES[strategy.language],
]
st.caption(" · ".join(md_escape(f) for f in facts if f))

render_guide("strategy")
st.subheader(tr("strategy.health"))
for item in state.health():
    icon = "✅" if item.ok else ("❌" if item.severity == "error" else "⚠️")
    text, link = st.columns([5, 1], vertical_alignment="center")
    detail = ""
    if not item.ok and item.subjects:
        subjects = [
            card_title(cards, s) if s in cards else (stage_label(s) if s in STAGES else s) for s in item.subjects
        ]
        detail = " — " + md_escape(", ".join(subjects[:6]))
    text.markdown(f"{icon} **{tr(f'health.{item.rule}.title')}**{detail}  \n{tr(f'health.{item.rule}.why')}")
    if not item.ok:
        link.button(
            tr("strategy.fix"), icon="🔧", key=f"strategy_fix_{item.rule}", on_click=_fix, args=(item.step, item.stage)
        )

st.subheader(tr("strategy.goals"))
if not strategy.goals:
    st.caption(tr("goals.none_yet"))
for goal in strategy.goals:
    linked = [k for k in strategy.kpis if k.goal == goal.id]
    kpis = [card_title(cards, k.card) for k in linked if k.card in cards and not cards[k.card].is_metric]
    metrics = [card_title(cards, k.card) for k in linked if k.card in cards and cards[k.card].is_metric]
    kind = tr("goals.hard") if goal.hard else tr("goals.soft")
    deadline = f" · {tr('goals.deadline')}: {format_date(goal.deadline, lang())}" if goal.deadline else ""
    line = md_escape(", ".join(kpis)) if kpis else f"_{tr('strategy.no_kpi_for_goal')}_"
    if metrics:
        line += f" · {tr('strategy.supported_by')}: " + md_escape(", ".join(metrics))
    st.markdown(f"- **{md_escape(goal.title)}** · {kind}{deadline}  \n  {line}")

st.subheader(tr("strategy.board"))
render_board(strategy, cards, key_prefix="review")

if strategy.kpis:
    st.subheader(tr("strategy.kpi_table"))
    rows = []
    for kpi in sorted(strategy.kpis, key=lambda k: STAGES.index(k.stage)):  # in the board's order
        card = cards.get(kpi.card)
        unit = target_unit(card.unit if card else "", strategy.currency)
        goal = strategy.goal(kpi.goal)
        target = format_amount(kpi.target, lang(), unit, decimals=6) if kpi.target is not None else "—"
        per = f" / {tr(f'period.{kpi.period}')}" if kpi.period and kpi.target is not None else ""
        owner = [department_label(kpi.owner.department) if kpi.owner.department else "", kpi.owner.person or ""]
        title = card_title(cards, kpi.card) + (f" ({tr('card.metric_badge')})" if card and card.is_metric else "")
        rows.append(
            {
                tr("strategy.col_stage"): tr(f"stage.{kpi.stage}"),
                tr("strategy.col_kpi"): title,
                tr("strategy.col_target"): target + per,
                tr("strategy.col_baseline"): format_amount(kpi.baseline, lang(), unit, decimals=6)
                if kpi.baseline is not None
                else "",  # in the same unit as the target
                tr("strategy.col_goal"): goal.title if goal else "—",
                tr("strategy.col_responsible"): " · ".join(o for o in owner if o),
                tr("strategy.col_source"): kpi.owner.source or "",
                tr("strategy.col_channel"): channels_label(channels_of(kpi.channel)) if kpi.channel else "",
            }
        )
    responsive_table(rows, key="strategy_plan")

st.subheader(tr("strategy.save_export"))
save_col, download_col = st.columns(2, gap="large")
with save_col:
    st.caption(tr("strategy.autosave", version=st.session_state[state.KEY_VERSION]))
    st.text_input(tr("strategy.note"), key="strategy_note", max_chars=200, placeholder=tr("strategy.note_placeholder"))
    st.button(tr("strategy.save"), type="primary", on_click=_save, key="strategy_save", icon="🏁")
with download_col:
    st.download_button(
        tr("strategy.download_yaml"),
        data=lambda: strategy_to_yaml(strategy).encode("utf-8"),  # built only when clicked
        file_name=f"{slug(strategy.name)}.yaml",
        mime="application/x-yaml",
        key="strategy_download",
        icon="⬇️",
        on_click="ignore",
    )

render_report_panel(strategy, key_prefix="strategy_report")

with st.expander(tr("strategy.details")):
    with st.form("strategy_details_form", border=False):
        st.text_input(tr("start.name"), value=strategy.name, key="strategy_name", max_chars=200)
        st.text_input(tr("start.organisation"), value=strategy.organisation, key="strategy_org", max_chars=200)
        st.radio(
            tr("start.language"),
            LANGUAGES,
            index=LANGUAGES.index(strategy.language),
            horizontal=True,
            format_func=LANGUAGE_NAMES.get,
            key="strategy_language",
        )
        st.form_submit_button(tr("goals.save"), on_click=_details)
    if st.session_state.get("strategy_details_error"):
        st.error(st.session_state["strategy_details_error"])

with st.expander(tr("strategy.versions")):
    render_version_history(strategy)
