"""A data check's results on the page: per stage, each KPI's latest figure against its
target, then (on demand) its periods, a trend chart with the target, and per segment a
ranking that says where to do more and where less. What is shown is chosen once, in
:mod:`impact.results`, for the page, the PDF and the command line alike."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from impact.charts import trend_chart
from impact.formatting import format_amount, format_period, unit_label
from impact.metrics import metric_label
from impact.model import Card, Strategy
from impact.results import STATUS_ICONS, KpiView, check_view, words
from ui.components import stage_label
from ui.markdown import md_escape, md_inline
from ui.state import lang, tr


def _change(value: float | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + format_amount(value, lang())


def render_check_results(
    results: list[dict[str, Any]], strategy: Strategy, cards: dict[str, Card], *, key_prefix: str
) -> None:
    for stage, views in check_view(results, strategy, cards).by_stage():
        st.subheader(stage_label(stage))
        for view in views:
            if view.card is not None:
                _render_kpi(view)


def _render_kpi(view: KpiView) -> None:
    title, latest = view.title(lang()), view.latest
    said = words(view, latest, lang())
    icon = STATUS_ICONS.get(latest.status, "") if latest else "⚪"
    period = f" ({said.period})" if latest and latest.period else ""
    status = f" · {said.status}" if latest else ""
    st.markdown(
        f"{icon} **{md_escape(title)}** — {tr('check.col_actual')}{period}: **{md_inline(said.actual)}**"
        f" · {tr('check.col_target')}: {md_inline(said.target)}{status}"
    )
    if said.note:
        st.caption(md_escape(said.note))
    table = []
    for row in view.whole:
        line = words(view, row, lang())
        table.append(
            {
                tr("check.col_period"): line.period,
                tr("check.col_actual"): line.actual,
                tr("check.col_target"): line.target,
                tr("check.col_status"): f"{STATUS_ICONS.get(row.status, '')} {line.status}",
                tr("check.col_change_previous"): _change(row.change_previous),
                tr("check.col_change_baseline"): _change(row.change_baseline),
                tr("check.col_note"): line.note,
            }
        )
    with st.expander(tr("check.details", kpi=title)):
        st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
        if view.charted:
            chart = trend_chart(
                view.in_periods,
                title=title,
                target=view.kpi.target,
                unit=unit_label(view.actual_unit(view.latest), lang()),
                labels={"period": tr("check.col_period"), "actual": tr("check.col_actual")},
                lang=lang(),
            )
            st.altair_chart(chart, width="stretch")
        _render_ranking(view)


def _render_ranking(view: KpiView) -> None:
    ranking = view.ranking()
    if ranking is None:
        return
    period, ranked = ranking
    st.markdown(f"**{tr('check.ranking', period=format_period(period, lang()))}**")
    advice = {"more": tr("check.do_more"), "less": tr("check.do_less"), None: ""}
    rows = [
        {
            tr("check.col_segment"): item.row.segment,
            tr("check.col_actual"): format_amount(item.row.actual, lang(), view.actual_unit(item.row)),
            tr("check.col_inputs"): ", ".join(
                f"{metric_label(k, lang())}: {format_amount(v, lang())}" for k, v in item.row.inputs.items()
            ),
            tr("check.col_advice"): advice[item.advice],
        }
        for item in ranked
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
