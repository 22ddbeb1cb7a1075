"""Step 5: every KPI gets a department that owns its data; silos become visible."""

from html import escape

import streamlit as st

from impact import edits
from impact.formatting import either
from impact.model import STAGES
from impact.owners import others_to_ask, ownership_matrix, silo_report
from ui import state
from ui.components import (
    card_title,
    department_label,
    labels,
    md_escape,
    require_strategy,
    stage_label,
)
from ui.guide import render_guide
from ui.state import lang, tr

strategy = require_strategy()
cards = state.cards()

st.title(tr("owners.title"))
st.caption(tr("owners.intro"))
render_guide("owners")


def _set(kpi_id: str, field: str) -> None:
    value = st.session_state.get(f"owners_{kpi_id}_{field}")
    state.apply(
        edits.update_kpi, kpi_id, **{field: value}, summary=tr("summary.owner_changed", field=tr(f"owners.{field}"))
    )


def _add_department() -> None:
    name = (st.session_state.get("owners_new_department") or "").strip()
    if not name:
        return
    if state.apply(edits.add_department, name, summary=tr("summary.department_added", name=name)):
        st.session_state["owners_new_department"] = ""


departments = strategy.all_departments()

if not strategy.kpis:
    st.info(tr("owners.no_kpis"))
    st.page_link("views/board.py", label=tr("nav.board"), icon="🃏")
    st.stop()


def _first_open_stage() -> str:
    """Start where work is left: the first stage with a KPI that has no owner."""
    for stage in STAGES:
        if any(not k.owner.department for k in strategy.kpis_in(stage)):
            return stage
    return next((s for s in STAGES if strategy.kpis_in(s)), STAGES[0])


st.session_state.setdefault("owners_stage", _first_open_stage())
stage = (
    st.segmented_control(
        tr("board.focus"), STAGES, format_func=labels(STAGES, stage_label), key="owners_stage", required=True
    )
    or STAGES[0]
)
kpis = strategy.kpis_in(stage)
if not kpis:
    st.caption(tr("board.stage_empty_hint"))
options = [None, *departments]
department_names = labels(options, lambda d: department_label(d) if d else tr("owners.none"))
for kpi in kpis:
    prefix = f"owners_{kpi.id}"
    name, dep, person, source = st.columns([3, 2, 2, 2], vertical_alignment="bottom")
    name.markdown(f"**{md_escape(card_title(cards, kpi.card))}**")
    dep.selectbox(
        tr("owners.department"),
        options,
        index=options.index(kpi.owner.department) if kpi.owner.department in options else 0,
        format_func=department_names,
        key=f"{prefix}_department",
        on_change=_set,
        args=(kpi.id, "department"),
    )
    person.text_input(
        tr("owners.person"),
        value=kpi.owner.person or "",
        key=f"{prefix}_person",
        max_chars=100,
        on_change=_set,
        args=(kpi.id, "person"),
    )
    card = cards.get(kpi.card)
    hint = ", ".join(card.sources[:3]) if card and card.sources else ""
    source.text_input(
        tr("owners.source"),
        value=kpi.owner.source or "",
        key=f"{prefix}_source",
        max_chars=100,
        placeholder=hint,
        on_change=_set,
        args=(kpi.id, "source"),
    )

with st.form("owners_department_form", border=False):
    col, button = st.columns([3, 1], vertical_alignment="bottom")
    col.text_input(
        tr("owners.add_department"),
        key="owners_new_department",
        max_chars=60,
        placeholder=tr("owners.add_department_placeholder"),
    )
    button.form_submit_button(tr("owners.add"), on_click=_add_department)

st.subheader(tr("owners.matrix"))
st.caption(tr("owners.matrix_intro"))
matrix = ownership_matrix(strategy)
header = "".join(f"<th>{escape(stage_label(s))}</th>" for s in STAGES)
rows = []
for department, row in matrix.items():
    label = department_label(department) if department else tr("owners.none")
    cells = "".join(
        f'<td class="{"iw-filled" if row[s] else ""}">{"<br>".join(escape(card_title(cards, c)) for c in row[s])}</td>'
        for s in STAGES
    )
    rows.append(f"<tr><th>{escape(label)}</th>{cells}</tr>")
st.html(f'<table class="iw-matrix"><tr><th>{escape(tr("owners.department"))}</th>{header}</tr>{"".join(rows)}</table>')

marketing_only, unowned = silo_report(strategy)
profile = state.deck().profile(strategy.industry_profile)
others = others_to_ask(strategy, profile.departments if profile else [])
if marketing_only and others:  # named from this business's departments; a one-person business is not asked
    stages = ", ".join(stage_label(s) for s in marketing_only)
    departments = either(lang(), [department_label(d) for d in others])
    st.warning(tr("owners.silo", stages=stages, departments=departments))
if unowned:
    st.caption(tr("owners.unowned", stages=", ".join(stage_label(s) for s in unowned)))

st.page_link("views/strategy.py", label=tr("owners.next"), icon="➡️")
