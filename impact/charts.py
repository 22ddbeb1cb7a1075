"""Chart specs (Altair) shared by the screen and the PDF, so both show the same thing."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from impact.formatting import chart_locale, format_period
from impact.i18n import t
from impact.results import Row


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
    base = alt.Chart(data).encode(x=alt.X("period:O", title=labels.get("period", "period"), sort=None))
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
        rule = alt.Chart(pd.DataFrame({"target": [target]})).mark_rule(strokeDash=[6, 4], color="#b26a00", size=2)
        layers.append(rule.encode(y="target:Q"))
    chart = alt.LayerChart(layer=layers).properties(title=title, height=220, width=width)
    configured: alt.LayerChart = chart.configure(locale=chart_locale(lang))
    return configured
