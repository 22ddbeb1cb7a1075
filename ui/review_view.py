"""The review on the page: the summary first, what no file had said once, one tile per
KPI (status, latest value against target, change, sparkline), then the details (the
history across all checks with where each value comes from, and a readable chart).
In projector mode one KPI at a time, large, for the monthly meeting. The words are
:mod:`impact.review_words`', the same the PDF and the terminal use."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.charts import review_chart, total_chart
from impact.formatting import format_amount, format_date, format_moment, format_period, unit_label
from impact.review import KpiReview, Review
from impact.review_words import missing_line, summary, tile
from ui.markdown import md_escape
from ui.state import lang, tr

KEY_SHOWN = "review_one"


def render_review(review: Review, *, key: str, projector: bool = False, details: bool = True) -> None:
    """The summary, what no file had, a tile per KPI; with ``details`` the history of
    each KPI (the review page; the check page has its own details)."""
    st.subheader(summary(review, lang()))
    missing = missing_line(review, lang())
    if missing:
        st.info(md_escape(missing), icon="📭")
    if projector and review.kpis:
        _one_at_a_time(review, key)
        return
    for start in range(0, len(review.kpis), 3):
        columns = st.columns(3)
        for column, kpi in zip(columns, review.kpis[start : start + 3], strict=False):
            with column:
                _tile(kpi)
    if not details:
        return
    st.caption(tr("review.checks", n=review.checks))
    for kpi in review.kpis:
        if kpi.valued:
            with st.expander(tr("review.history") + " · " + tile(kpi, lang()).title):
                _details(kpi, key)


def _tile(kpi: KpiReview, *, large: bool = False) -> None:
    said = tile(kpi, lang())
    with st.container(border=True):
        st.markdown(f"{said.icon} **{md_escape(said.label)}**")
        values = [p.actual for p in kpi.valued]
        st.metric(
            md_escape(said.title) + (f" · {said.period}" if said.period else ""),
            said.actual,
            delta=said.change_previous or None,
            delta_color="normal" if not kpi.card or kpi.card.direction == "up" else "inverse",
            chart_data=values if len(values) > 1 else None,
            delta_description=tr("review.vs_previous") if said.change_previous else None,
        )
        facts = [f"{tr('review.target')}: {said.target}"]
        if said.change_baseline:
            facts.append(f"{said.change_baseline} {tr('review.vs_baseline')}")
        st.caption(" · ".join(md_escape(f) for f in facts))
        for line in said.reasons:
            (st.markdown if large else st.caption)(md_escape(line))


def _charts(kpi: KpiReview, key: str, *, height: int) -> None:
    """The history against target and baseline, and a total's pace to its deadline."""
    title = tile(kpi, lang()).title
    unit = unit_label(kpi.unit_of(kpi.latest), lang())
    chart = review_chart(kpi, title=title, unit=unit, lang=lang(), height=height)
    st.altair_chart(chart, width="stretch", key=f"{key}_chart_{kpi.kpi.id}")
    if kpi.projection is not None:
        pace_title = tr("review.pace_title", title=title, deadline=format_date(kpi.projection.deadline, lang()))
        pace = total_chart(kpi, title=pace_title, lang=lang(), height=height)
        if pace is not None:
            st.altair_chart(pace, width="stretch", key=f"{key}_pace_{kpi.kpi.id}")


def _details(kpi: KpiReview, key: str, *, height: int = 260) -> None:
    _charts(kpi, key, height=height)
    rows = []
    for point in kpi.history:
        notes = []
        if point.replaced:
            notes.append(tr("review.replaced"))
        if point.partial_until:
            notes.append(tr("review.partial", when=format_date(point.partial_until, lang())))
        rows.append(
            {
                tr("check.col_period"): format_period(point.period, lang()),
                tr("check.col_actual"): format_amount(point.actual, lang(), kpi.unit_of(point))
                + ("*" if point.upper_bound else ""),
                tr("check.col_target"): format_amount(point.target, lang(), kpi.target_unit),
                tr("review.col_check"): format_moment(point.checked_at, lang()),
                tr("review.col_files"): ", ".join(point.files),
                tr("check.col_note"): "; ".join(notes),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _one_at_a_time(review: Review, key: str) -> None:
    count = len(review.kpis)
    shown = st.session_state.get(KEY_SHOWN, 0) % count
    back, where, forward = st.columns([1, 3, 1], vertical_alignment="center")
    back.button(tr("review.previous"), icon="⬅️", key=f"{key}_prev", on_click=_step, args=(-1, count))
    where.markdown(f"**{shown + 1} / {count}**")
    forward.button(tr("review.next"), icon="➡️", key=f"{key}_next", on_click=_step, args=(1, count))
    kpi = review.kpis[shown]
    left, right = st.columns([2, 3], gap="large")  # the figure and its chart on one screen
    with left:
        _tile(kpi, large=True)
    with right:
        if kpi.valued:
            _charts(kpi, key, height=380)


def _step(by: int, count: int) -> None:
    st.session_state[KEY_SHOWN] = (st.session_state.get(KEY_SHOWN, 0) + by) % count
