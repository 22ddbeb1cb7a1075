"""Rendering a data check's results: per stage, a trend chart per KPI with its target,
and per segment a ranking that says where to do more and where less."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import streamlit as st

from impact.channels import channels_label, channels_of
from impact.charts import trend_chart
from impact.formatting import format_amount, format_period, unit_label
from impact.i18n import reason_text
from impact.metrics import metric_label
from impact.model import STAGES, Card, Strategy
from ui.components import stage_label
from ui.markdown import md_escape
from ui.state import lang, tr

STATUS_ICONS = {"met": "✅", "missed": "❌", "no data": "⚪", "no target": "➖", "not comparable": "↔️"}


def _number(value: float | None, unit: str = "") -> str:
    return format_amount(value, lang(), unit)


def _change(value: float | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + _number(value)


def render_check_results(results: list[dict], strategy: Strategy, cards: dict[str, Card], *, key_prefix: str) -> None:
    by_kpi: dict[str, list[dict]] = defaultdict(list)
    for row in results:
        by_kpi[row.get("kpi_id") or row["kpi"]].append(row)
    for stage in STAGES:
        kpis = [k for k in strategy.kpis_in(stage) if k.id in by_kpi or k.card in by_kpi]
        if not kpis:
            continue
        st.subheader(stage_label(stage))
        for kpi in kpis:
            rows = by_kpi.get(kpi.id) or by_kpi.get(kpi.card, [])
            card = cards.get(kpi.card)
            if card is None:
                continue
            unit = card.unit
            whole = [r for r in rows if r["segment"] is None]
            in_periods = [r for r in whole if not r.get("spans_periods")]
            with_data = [r for r in in_periods if r["actual"] is not None] or [
                r for r in whole if r["actual"] is not None
            ]
            latest = with_data[-1] if with_data else (in_periods or whole or [None])[-1]
            channels = channels_label(channels_of(kpi.channel))
            title = card.title.get(lang()) + (f" · {channels}" if channels else "")
            icon = STATUS_ICONS.get(latest["status"], "") if latest else "⚪"
            actual_unit = (latest.get("currency") if latest else None) or unit
            st.markdown(
                f"{icon} **{md_escape(title)}** — {tr('check.col_actual')}"
                + (f" ({format_period(latest['period'], lang())})" if latest and latest["period"] else "")
                + ": "
                f"**{_number(latest['actual'] if latest else None, actual_unit)}**"
                + ("\\*" if latest and latest.get("upper_bound") else "")
                + f" · {tr('check.col_target')}: {_number(kpi.target, unit)}"
                + (" · " + tr("check.status." + latest["status"]) if latest else "")
            )
            if latest and latest.get("reason"):
                st.caption(md_escape(reason_text(latest["reason"], lang())))
            table = pd.DataFrame(
                [
                    {
                        tr("check.col_period"): format_period(r["period"], lang()),
                        tr("check.col_actual"): _number(r["actual"], unit),
                        tr("check.col_target"): _number(r["target"], unit),
                        tr(
                            "check.col_status"
                        ): f"{STATUS_ICONS.get(r['status'], '')} {tr('check.status.' + r['status'])}",
                        tr("check.col_change_previous"): _change(r.get("change_previous")),
                        tr("check.col_change_baseline"): _change(r.get("change_baseline")),
                        tr("check.col_note"): reason_text(r.get("reason"), lang()),
                    }
                    for r in whole
                ]
            )
            with st.expander(tr("check.details", kpi=title)):
                st.dataframe(table, hide_index=True, width="stretch")
                if sum(1 for r in in_periods if r["actual"] is not None) >= 1:
                    chart = trend_chart(
                        in_periods,
                        title=title,
                        target=kpi.target,
                        unit=unit_label(unit, lang()),
                        labels={"period": tr("check.col_period"), "actual": tr("check.col_actual")},
                        lang=lang(),
                    )
                    st.altair_chart(chart, width="stretch")
                render_segment_ranking(rows, card, unit)


def render_segment_ranking(rows: list[dict], card: Card, unit: str) -> None:
    segments = [r for r in rows if r["segment"] is not None and r["actual"] is not None]
    if not segments:
        return
    in_periods = [r for r in segments if not r.get("spans_periods")] or segments
    period = max(r["period"] for r in in_periods)
    latest = [r for r in in_periods if r["period"] == period]
    best_first = sorted(latest, key=lambda r: r["actual"], reverse=card.direction == "up")
    st.markdown(f"**{tr('check.ranking', period=format_period(period, lang()))}**")
    ranking = []
    for index, row in enumerate(best_first):
        advice = ""
        if len(best_first) >= 2 and index == 0:
            advice = tr("check.do_more")
        elif len(best_first) >= 2 and index == len(best_first) - 1:
            advice = tr("check.do_less")
        ranking.append(
            {
                tr("check.col_segment"): row["segment"],
                tr("check.col_actual"): _number(row["actual"], unit),
                tr("check.col_inputs"): ", ".join(
                    f"{metric_label(k, lang())}: {_number(v)}" for k, v in row["inputs"].items()
                ),
                tr("check.col_advice"): advice,
            }
        )
    st.dataframe(pd.DataFrame(ranking), hide_index=True, width="stretch")
