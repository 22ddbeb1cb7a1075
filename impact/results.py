"""One view of a check's results, for the page, the PDF and the command line alike.

A check keeps its results as rows (one per KPI, period and segment, as JSON). Every
reader wants the same things from them: per KPI in the strategy's order, the rows
for the whole (not a segment), which of them fit one period each (the chart), the
latest result (the one figure a reader is told first), and the segments of the latest
period best first. Choosing these once keeps the page and the PDF from ever telling
two different "latest" figures. ``words`` puts one row into a reader's language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from impact.channels import channels_label, channels_of
from impact.formatting import EMPTY, format_amount, format_period, target_unit
from impact.i18n import t
from impact.model import STAGES, Card, KpiChoice, Strategy
from impact.wording import reason_text

STATUS_ICONS = {"met": "✅", "missed": "❌", "no data": "⚪", "no target": "➖", "not comparable": "↔️"}


@dataclass(frozen=True)
class Row:
    """One result as saved: a KPI's value in one period (and segment), against its target."""

    kpi: str  # the card id
    kpi_id: str | None  # which KPI of the strategy (None in checks saved before KPIs had ids)
    stage: str
    segment: str | None
    period: str | None
    actual: float | None
    target: float | None
    status: str
    channel: str | None = None
    inputs: Mapping[str, float | None] = field(default_factory=dict)
    direction: str = "up"
    change_previous: float | None = None
    change_baseline: float | None = None
    upper_bound: bool = False
    reason: str | None = None
    currency: str | None = None
    spans_periods: bool = False
    sources: tuple[str, ...] = ()  # the files that held the inputs (empty in checks saved before they were kept)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Row:
        """A saved row; keys a check saved by an older version lacks take their defaults."""
        return cls(
            kpi=str(data["kpi"]),
            kpi_id=data.get("kpi_id"),
            stage=str(data.get("stage") or ""),
            segment=data.get("segment"),
            period=data.get("period"),
            actual=data.get("actual"),
            target=data.get("target"),
            status=str(data.get("status") or "no data"),
            channel=data.get("channel"),
            inputs=dict(data.get("inputs") or {}),
            direction=str(data.get("direction") or "up"),
            change_previous=data.get("change_previous"),
            change_baseline=data.get("change_baseline"),
            upper_bound=bool(data.get("upper_bound")),
            reason=data.get("reason"),
            currency=data.get("currency"),
            spans_periods=bool(data.get("spans_periods")),
            sources=tuple(str(name) for name in data.get("sources") or ()),
        )


@dataclass(frozen=True)
class Ranked:
    """A segment in the latest period, with what to do about it: more of the best, less
    of the weakest (only where there are two to compare)."""

    row: Row
    advice: str | None  # "more" | "less" | None


@dataclass(frozen=True)
class KpiView:
    kpi: KpiChoice
    card: Card | None
    whole: tuple[Row, ...]  # the KPI over all segments, one row per period or range
    segments: tuple[Row, ...]
    currency: str | None = None  # the strategy's currency: a money target is in it

    @property
    def unit(self) -> str:
        return self.card.unit if self.card else ""

    @property
    def target_unit(self) -> str:
        return target_unit(self.unit, self.currency)

    @property
    def in_periods(self) -> tuple[Row, ...]:
        """The rows that fit one period each: what a trend chart shows."""
        return tuple(r for r in self.whole if not r.spans_periods)

    @property
    def latest(self) -> Row | None:
        """The latest period with a value; a total over a longer range only where no
        single period has one; the latest row at all where nothing has a value."""
        with_value = [r for r in self.in_periods if r.actual is not None] or [
            r for r in self.whole if r.actual is not None
        ]
        candidates = with_value or list(self.in_periods) or list(self.whole)
        return candidates[-1] if candidates else None

    @property
    def status(self) -> str:
        latest = self.latest
        return latest.status if latest else "no data"

    @property
    def charted(self) -> bool:
        return any(r.actual is not None for r in self.in_periods)

    def actual_unit(self, row: Row | None) -> str:
        """Money is shown in the currency the data was in."""
        return (row.currency if row else None) or self.unit

    def ranking(self) -> tuple[str, list[Ranked]] | None:
        """The segments of the latest period that has any, best first (by the card's
        direction), or None without segments."""
        found = [r for r in self.segments if r.actual is not None]
        if not found:
            return None
        in_periods = [r for r in found if not r.spans_periods] or found
        period = max(r.period or "" for r in in_periods)
        latest = [r for r in in_periods if (r.period or "") == period]
        best_first = sorted(
            latest, key=lambda r: r.actual or 0.0, reverse=self.card is None or self.card.direction == "up"
        )
        ranked = []
        for index, row in enumerate(best_first):
            advice = None
            if len(best_first) >= 2 and index == 0:
                advice = "more"
            elif len(best_first) >= 2 and index == len(best_first) - 1:
                advice = "less"
            ranked.append(Ranked(row, advice))
        return period, ranked

    def title(self, lang: str) -> str:
        """The KPI as the reader knows it, with the channels it counts."""
        name = self.card.title.get(lang) if self.card else self.kpi.card
        channels = channels_label(channels_of(self.kpi.channel))
        return name + (f" · {channels}" if channels else "")


@dataclass(frozen=True)
class CheckView:
    kpis: tuple[KpiView, ...]  # the strategy's order (board order)

    def by_stage(self) -> list[tuple[str, list[KpiView]]]:
        """Stage by stage, the stages without results left out."""
        out: list[tuple[str, list[KpiView]]] = []
        for stage in STAGES:
            found = [view for view in self.kpis if view.kpi.stage == stage]
            if found:
                out.append((stage, found))
        return out

    def rows(self) -> list[tuple[KpiView, Row]]:
        """Every result, KPI by KPI: the whole first, then its segments."""
        return [(view, row) for view in self.kpis for row in (*view.whole, *view.segments)]


def check_view(results: Iterable[Mapping[str, Any]], strategy: Strategy, cards: Mapping[str, Card]) -> CheckView:
    """The saved results of a check, KPI by KPI. Rows are found by the KPI's id, or by
    its card in a check saved before KPIs had ids; KPIs without rows are left out."""
    by_kpi: dict[str, list[Row]] = defaultdict(list)
    for data in results:
        row = Row.from_json(data)
        by_kpi[row.kpi_id or row.kpi].append(row)
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    views = []
    for kpi in strategy.kpis:
        rows = by_kpi.get(kpi.id) or by_kpi.get(kpi.card) or []
        if not rows:
            continue
        views.append(
            KpiView(
                kpi=kpi,
                card=known.get(kpi.card),
                whole=tuple(r for r in rows if r.segment is None),
                segments=tuple(r for r in rows if r.segment is not None),
                currency=strategy.currency,
            )
        )
    return CheckView(tuple(views))


@dataclass(frozen=True)
class Words:
    """One row in the reader's language: what every reader of a check is shown."""

    period: str
    actual: str  # with its unit or currency; "*" marks an upper bound
    target: str
    status: str
    note: str  # why there is no value or no comparison, with the fix


def words(view: KpiView, row: Row | None, lang: str) -> Words:
    if row is None:
        target = format_amount(view.kpi.target, lang, view.target_unit, decimals=6)
        return Words(EMPTY, EMPTY, target, t("check.status.no data", lang), "")
    actual = format_amount(row.actual, lang, view.actual_unit(row)) + ("*" if row.upper_bound else "")
    return Words(
        period=format_period(row.period, lang),
        actual=actual,
        target=format_amount(row.target, lang, view.target_unit, decimals=6),  # what the status was judged against
        status=t(f"check.status.{row.status}", lang),
        note=reason_text(row.reason, lang),
    )
