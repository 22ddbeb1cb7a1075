"""Chart specs (Altair) shared by the screen and the PDF, so both show the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd

from impact.formatting import chart_locale, format_number, format_period
from impact.i18n import t
from impact.results import Row

if TYPE_CHECKING:
    from impact.review import KpiReview


def trend_chart(
    rows: Sequence[Row],
    *,
    title: str,
    target: float | None,
    unit: str,
    labels: dict[str, str],
    lang: str,
    width: int | str = "container",
) -> alt.LayerChart:
    """Actual per period as a line with points, the target as a dashed rule; axis and
    tooltip numbers in the reader's convention (1.000 in German)."""
    data = pd.DataFrame(
        [
            {
                "period": format_period(r.period, lang),
                "actual": r.actual,
                "status": t(f"check.status.{r.status}", lang),
            }
            for r in rows
            if r.period
        ]
    )
    if data.empty:
        data = pd.DataFrame({"period": [], "actual": [], "status": []})
    axis = alt.Axis(labelAngle=0, labelFontSize=12)  # periods read horizontally
    base = alt.Chart(data).encode(x=alt.X("period:O", title=labels.get("period", "period"), sort=None, axis=axis))
    line = base.mark_line(point=alt.OverlayMarkDef(size=80, filled=True), strokeWidth=3).encode(
        y=alt.Y("actual:Q", title=f"{labels.get('actual', 'actual')} {unit}".strip()),
        tooltip=[
            alt.Tooltip("period:O", title=labels.get("period", "period")),
            alt.Tooltip("actual:Q", format=",.2f", title=labels.get("actual", "actual")),
            alt.Tooltip("status:N", title=labels.get("status", "status")),
        ],
    )
    layers: list[alt.Chart] = [line]
    if target is not None:
        frame = pd.DataFrame(
            {"target": [target], "label": [f"{t('review.target', lang)} {format_number(target, lang)}"]}
        )
        rule = alt.Chart(frame).mark_rule(strokeDash=[6, 4], color="#b26a00", size=2)
        text = alt.Chart(frame).mark_text(align="left", dx=4, dy=-7, color="#b26a00", fontSize=12, fontWeight="bold")
        layers += [rule.encode(y="target:Q"), text.encode(y="target:Q", text="label:N", x=alt.value(0))]
    chart = alt.LayerChart(layer=layers).properties(title=title, height=220, width=width)
    configured: alt.LayerChart = chart.configure(locale=chart_locale(lang))
    return configured


def review_chart(
    kpi: KpiReview,
    *,
    title: str,
    unit: str,
    lang: str,
    width: int | str = "container",
    height: int = 240,
) -> alt.LayerChart:
    """A KPI's history across all checks: the values per period (horizontal labels), the
    target and the baseline as labelled lines, and the trend carried forward dashed."""
    from impact.periods import shifted

    points = [p for p in kpi.history if p.actual is not None]
    order = [p.period for p in points]
    trend_rows = []
    if kpi.trend is not None and points:
        last = points[-1].period
        end = shifted(last, kpi.trend.horizon)
        order.append(end)
        trend_rows = [
            {"period": format_period(last, lang), "value": kpi.trend.intercept},
            {"period": format_period(end, lang), "value": kpi.trend.projected},
        ]
    labels = [format_period(p, lang) for p in order]
    data = pd.DataFrame([{"period": format_period(p.period, lang), "value": p.actual} for p in points])
    if data.empty:
        data = pd.DataFrame({"period": [], "value": []})
    x = alt.X("period:O", title=None, sort=labels, axis=alt.Axis(labelAngle=0, labelFontSize=13))
    y_title = t("check.col_actual", lang) + (f" ({unit})" if unit else "")
    line = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=90, filled=True), strokeWidth=3, color="#1d4fb8")
        .encode(
            x=x,
            y=alt.Y("value:Q", title=y_title, axis=alt.Axis(labelFontSize=12)),
            tooltip=[alt.Tooltip("period:O"), alt.Tooltip("value:Q", format=",.2f")],
        )
    )
    layers: list[alt.Chart] = [line]
    if trend_rows:
        layers.append(
            alt.Chart(pd.DataFrame(trend_rows))
            .mark_line(strokeDash=[6, 4], strokeWidth=2, color="#1d4fb8")
            .encode(x=x, y="value:Q")
        )
    for value, key, color in (
        (kpi.kpi.target, "review.target", "#b26a00"),
        (kpi.kpi.baseline, "review.baseline", "#777777"),
    ):
        if value is None:
            continue
        frame = pd.DataFrame({"value": [value], "label": [f"{t(key, lang)} {format_number(value, lang)}"]})
        rule = alt.Chart(frame).mark_rule(
            strokeDash=[2, 3] if key == "review.baseline" else [8, 4], color=color, size=2
        )
        text = alt.Chart(frame).mark_text(align="left", dx=4, dy=-7, color=color, fontSize=12, fontWeight="bold")
        layers += [rule.encode(y="value:Q"), text.encode(y="value:Q", text="label:N", x=alt.value(0))]
    chart = alt.LayerChart(layer=layers).properties(title=title, height=height, width=width)
    configured: alt.LayerChart = chart.configure(locale=chart_locale(lang)).configure_title(fontSize=15)
    return configured


def total_chart(
    kpi: KpiReview,
    *,
    title: str,
    lang: str,
    width: int | str = "container",
    height: int = 240,
) -> alt.LayerChart | None:
    """A total to reach by the deadline: the sum so far period by period, the pace so far
    carried dashed to the deadline, and the total as a labelled line. None without a
    projection (no total, or too early to project)."""
    from impact.periods import span

    projection = kpi.projection
    if projection is None:
        return None
    complete = [p for p in kpi.valued if p.partial_until is None]
    running = 0.0
    rows: list[dict[str, Any]] = []
    for point in complete:  # the sum reached at the end of each period, on a time axis: the
        running += point.actual or 0.0  # months to the deadline are as wide as the months so far
        where = span(point.period)
        rows.append({"day": (where.end if where else projection.deadline).isoformat(), "value": running})
    pace = pd.DataFrame([rows[-1], {"day": projection.deadline.isoformat(), "value": projection.projected}])
    axis = alt.Axis(format="%b %Y", labelAngle=0, labelFontSize=13, labelOverlap="greedy", tickCount=6)
    x = alt.X("day:T", title=None, axis=axis)
    so_far = alt.Chart(pd.DataFrame(rows)).mark_line(
        point=alt.OverlayMarkDef(size=90, filled=True), strokeWidth=3, color="#1d4fb8"
    )
    ahead = alt.Chart(pace).mark_line(strokeDash=[6, 4], strokeWidth=2, color="#1d4fb8", point=True)
    goal = pd.DataFrame(
        {"value": [projection.total], "label": [f"{t('review.total', lang)} {format_number(projection.total, lang)}"]}
    )
    rule = alt.Chart(goal).mark_rule(strokeDash=[8, 4], color="#b26a00", size=2)
    text = alt.Chart(goal).mark_text(align="left", dx=4, dy=-7, color="#b26a00", fontSize=12, fontWeight="bold")
    layers = [
        so_far.encode(x=x, y=alt.Y("value:Q", title=t("review.sum", lang))),
        ahead.encode(x=x, y="value:Q"),
        rule.encode(y="value:Q"),
        text.encode(y="value:Q", text="label:N", x=alt.value(0)),
    ]
    chart = alt.LayerChart(layer=layers).properties(title=title, height=height, width=width)
    configured: alt.LayerChart = chart.configure(locale=chart_locale(lang)).configure_title(fontSize=15)
    return configured
