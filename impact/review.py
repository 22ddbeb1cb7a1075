"""The review: are we on track to reach the goals by their deadlines, and which KPI
needs action?

A KPI's **history** is every period any saved check of the strategy covers. Where two
checks cover the same period the newer one's value stands (a corrected October replaces
the first October; nothing is ever added twice), and each value says which check and
which files it comes from. A period the data does not reach to its end (an export on
20 November) is *partial*: shown, but not judged as if it were whole.

The **status**, with its reason:

- per-period target: the latest complete period against the target (``met``); else the
  trend of the last 3–6 periods by least squares, carried forward to the goal's
  deadline (or three periods): towards the target and reaching it ``on track``,
  towards it but short ``at risk``, flat or away ``behind``. With fewer than three
  periods there is no trend: a missed target is ``at risk``, "too early" said;
- a total to reach by the goal's deadline (200 pre-orders by December 2027): the sum
  of the complete periods plus the run rate (their mean, last 3–6) times the periods
  left: reaching the total ``on track``, within a tenth of it ``at risk``, else
  ``behind``; the extra per period that would close the gap is said. Fewer than three
  periods: ``early``, never a projection;
- both: the worse of the two. Neither: ``no target``. No value anywhere: ``no data``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Protocol

from impact.formulas import parse
from impact.model import Card, Goal, KpiChoice, Strategy
from impact.periods import Span, periods_between, shifted, span
from impact.results import Row

TREND_MIN, TREND_MAX = 3, 6  # periods a trend or a run rate is taken from
DEFAULT_HORIZON = 3  # periods ahead a trend is carried without a deadline
AT_RISK_SHARE = 0.9  # a projected total within a tenth of the goal is at risk, further behind
ORDER = ("behind", "at risk", "early", "on track", "met", "no target", "no data")  # worst first


class CheckRecord(Protocol):
    """A saved check as the review needs it (storage's StoredCheck is one)."""

    @property
    def id(self) -> int: ...

    @property
    def created_at(self) -> datetime: ...

    @property
    def files(self) -> list[dict[str, Any]]: ...

    @property
    def results(self) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Point:
    """A KPI's value in one period, and where it comes from."""

    period: str  # ISO: 2026-10, 2026-W45, 2026-Q4, 2026
    actual: float | None
    target: float | None
    check_id: int
    checked_at: datetime
    files: tuple[str, ...]
    partial_until: date | None = None  # the data ends on this day, before the period does
    replaced: tuple[int, ...] = ()  # earlier checks whose value for this period this one replaces
    reason: str | None = None  # why there is no value (a code with '|'-separated parameters)
    upper_bound: bool = False  # people added up over days or posts: at most this many
    currency: str | None = None  # the money the value is in, where it is money


@dataclass(frozen=True)
class Trend:
    """A straight line through the last periods (least squares)."""

    slope: float  # change per period
    intercept: float  # value at the last period used
    periods: int  # how many periods it was fitted to
    horizon: int  # periods ahead it is carried
    projected: float  # its value ``horizon`` periods after the last one


@dataclass(frozen=True)
class Projection:
    """A total to reach by a deadline, at the pace so far."""

    total: float
    so_far: float
    periods: int  # complete periods summed
    rate: float  # per period: the mean of the last few
    rate_periods: int
    remaining: int  # periods after the latest one, up to the deadline's
    projected: float
    deadline: date
    needed: float | None  # per period from now on to reach the total; None when no period is left

    @property
    def gap(self) -> float:
        return self.total - self.projected


@dataclass(frozen=True)
class KpiReview:
    kpi: KpiChoice
    card: Card | None
    goal: Goal | None
    history: tuple[Point, ...]
    status: str  # one of ORDER
    reasons: tuple[str, ...]  # why, as codes with '|'-separated parameters (the first is the main one)
    latest: Point | None = None  # the latest period judged (complete where there is one)
    previous: Point | None = None
    trend: Trend | None = None
    projection: Projection | None = None
    currency: str | None = None  # the strategy's: a money target is in it

    @property
    def target_unit(self) -> str:
        from impact.formatting import target_unit

        return target_unit(self.card.unit if self.card else "", self.currency)

    def unit_of(self, point: Point | None) -> str:
        """What a value is in: money in the currency its data was in."""
        return (point.currency if point is not None else None) or self.target_unit

    @property
    def valued(self) -> tuple[Point, ...]:
        return tuple(p for p in self.history if p.actual is not None)

    @property
    def change_previous(self) -> float | None:
        if self.latest is None or self.previous is None or self.latest.actual is None or self.previous.actual is None:
            return None
        return self.latest.actual - self.previous.actual

    @property
    def change_baseline(self) -> float | None:
        if self.latest is None or self.latest.actual is None or self.kpi.baseline is None:
            return None
        return self.latest.actual - self.kpi.baseline


@dataclass(frozen=True)
class Review:
    kpis: tuple[KpiReview, ...]  # the strategy's order
    checks: int  # how many saved checks it was made from

    @property
    def period(self) -> str | None:
        """The latest period any KPI was judged in: what the summary is about."""
        found = [k.latest.period for k in self.kpis if k.latest is not None]
        return max(found, key=_end) if found else None

    def count(self, status: str) -> int:
        return sum(1 for k in self.kpis if k.status == status)

    def counts(self) -> dict[str, int]:
        """Each status that occurs, worst first."""
        return {status: self.count(status) for status in ORDER if self.count(status)}

    def missing_inputs(self) -> list[tuple[str, int]]:
        """The inputs no file had, each with how many KPIs lack it (said once, not per KPI)."""
        counted: dict[str, int] = {}
        for kpi in self.kpis:
            if kpi.status != "no data":
                continue
            code, _, detail = kpi.reasons[0].partition("|")  # a KPI without data says why, first
            if code == "input_not_in_files":  # its first parameter: the inputs, comma-separated
                for metric in detail.split("|")[0].split(", "):
                    counted[metric] = counted.get(metric, 0) + 1
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))


def _end(label: str) -> date:
    where = span(label)
    assert where is not None  # a judged period is a period
    return where.end


def _is_kpi(row: Row, kpi: KpiChoice) -> bool:
    """A row belongs to the KPI by its id; in a check saved before KPIs had ids, by its card."""
    return row.kpi_id == kpi.id if row.kpi_id else row.kpi == kpi.card


def _file_ends(files: Iterable[Mapping[str, Any]]) -> dict[str, date]:
    ends = {}
    for summary in files:
        period = summary.get("period") or []
        try:
            ends[str(summary.get("name"))] = date.fromisoformat(str(period[1]))
        except (IndexError, ValueError):
            continue
    return ends


@dataclass(frozen=True)
class _Read:
    """A saved check with its rows read once (a review asks each KPI of every check)."""

    check: CheckRecord
    ends: dict[str, date]
    rows: tuple[tuple[Row, Span], ...]  # whole rows of a period: what a history is made of


def _read(checks: Sequence[CheckRecord]) -> list[_Read]:
    read = []
    for check in sorted(checks, key=lambda c: (c.created_at, c.id)):
        rows = []
        for data in check.results:
            if data.get("segment") is not None:  # a review follows the whole, not each segment
                continue
            row = Row.from_json(data)
            where = span(row.period)
            if row.segment is None and where is not None:
                rows.append((row, where))
        read.append(_Read(check, _file_ends(check.files), tuple(rows)))
    return read


def kpi_history(kpi: KpiChoice, checks: Sequence[CheckRecord]) -> tuple[Point, ...]:
    """Every period of the KPI's own kind any check covers, the newer check's value
    standing (a newer check without a value leaves an older value standing)."""
    return _history(kpi, _read(checks))


def _history(kpi: KpiChoice, read: list[_Read]) -> tuple[Point, ...]:
    kind = kpi.period or "month"
    by_period: dict[str, Point] = {}
    for item in read:
        check, ends = item.check, item.ends
        for row, where in item.rows:
            if where.kind != kind or not _is_kpi(row, kpi):
                continue
            assert row.period is not None  # a span was found for it
            earlier = by_period.get(row.period)
            if row.actual is None and earlier is not None and earlier.actual is not None:
                continue
            # a value names the files that held its inputs (checks saved before rows kept them: the check's)
            files = row.sources or (tuple(str(f.get("name")) for f in check.files) if row.actual is not None else ())
            known = [ends[name] for name in files if name in ends]
            data_end = max(known) if known else None
            replaced = (*earlier.replaced, earlier.check_id) if earlier and earlier.actual is not None else ()
            by_period[row.period] = Point(
                period=row.period,
                actual=row.actual,
                target=row.target,
                check_id=check.id,
                checked_at=check.created_at,
                files=files,
                partial_until=data_end if data_end is not None and data_end < where.end else None,
                replaced=replaced,
                reason=row.reason,
                upper_bound=row.upper_bound,
                currency=row.currency,
            )
    return tuple(sorted(by_period.values(), key=lambda p: p.period))


def fit(points: Sequence[Point], horizon: int) -> Trend:
    """Least squares through two or more periods with values (by their place in the
    sequence of periods, so a missing month counts as a month), carried ``horizon``
    periods past the last one."""
    pairs = [(span(p.period).index, p.actual or 0.0) for p in points]  # type: ignore[union-attr]
    mean_x = sum(x for x, _ in pairs) / len(pairs)
    mean_y = sum(y for _, y in pairs) / len(pairs)
    slope = sum((x - mean_x) * y for x, y in pairs) / sum((x - mean_x) ** 2 for x, _ in pairs)
    at_last = mean_y + slope * (pairs[-1][0] - mean_x)
    return Trend(slope, at_last, len(pairs), horizon, at_last + slope * horizon)


def _meets(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == "up" else value <= target


def _horizon(latest: str, goal: Goal | None) -> int:
    """Periods from the latest one to the goal's deadline; three without a (future) deadline."""
    if goal is None or goal.deadline is None:
        return DEFAULT_HORIZON
    return periods_between(latest, goal.deadline) or DEFAULT_HORIZON


def _per_period(
    kpi: KpiChoice, direction: str, basis: Sequence[Point], goal: Goal | None
) -> tuple[str, str, Trend | None]:
    assert kpi.target is not None
    latest = basis[-1]
    assert latest.actual is not None
    if _meets(latest.actual, kpi.target, direction):
        return "met", f"target_met|{latest.period}", None
    if len(basis) < TREND_MIN:
        return "at risk", f"missed_too_early|{len(basis)}", None
    trend = fit(basis[-TREND_MAX:], _horizon(latest.period, goal))
    towards = trend.slope > 0 if direction == "up" else trend.slope < 0
    ahead = shifted(latest.period, trend.horizon)
    if towards and _meets(trend.projected, kpi.target, direction):
        return "on track", f"trend_reaches|{trend.periods}|{ahead}", trend
    if towards:
        return "at risk", f"trend_short|{trend.periods}|{ahead}|{trend.projected}", trend
    return "behind", f"trend_away|{trend.periods}|{trend.slope}", trend


def _total(
    kpi: KpiChoice, card: Card, complete: Sequence[Point], goal: Goal | None
) -> tuple[str | None, str, Projection | None]:
    """The total by the deadline: (status or None when it cannot be judged, reason, projection)."""
    assert kpi.total is not None
    if card.direction != "up" or parse(card.formula).degree != 1:
        return None, "total_needs_count", None
    if goal is None or goal.deadline is None:
        return None, "total_no_deadline", None
    so_far = sum(p.actual or 0.0 for p in complete)
    if so_far >= kpi.total:
        return "met", f"total_met|{so_far}|{kpi.total}", None
    if len(complete) < TREND_MIN:
        return "early", f"total_too_early|{len(complete)}|{so_far}|{kpi.total}", None
    recent = complete[-TREND_MAX:]
    rate = sum(p.actual or 0.0 for p in recent) / len(recent)
    remaining = periods_between(complete[-1].period, goal.deadline)
    projected = so_far + rate * remaining
    needed = (kpi.total - so_far) / remaining if remaining else None
    projection = Projection(
        kpi.total, so_far, len(complete), rate, len(recent), remaining, projected, goal.deadline, needed
    )
    if projected >= kpi.total:
        return "on track", "total_on_track", projection
    return ("at risk" if projected >= AT_RISK_SHARE * kpi.total else "behind"), "total_behind", projection


def review_kpi(kpi: KpiChoice, card: Card | None, goal: Goal | None, history: tuple[Point, ...]) -> KpiReview:
    """One KPI's status from its history, with the reasons in codes."""
    valued = [p for p in history if p.actual is not None]
    if not valued:
        why = history[-1].reason if history and history[-1].reason else "never_checked" if not history else "no_value"
        return KpiReview(kpi, card, goal, history, "no data", (why,))
    complete = [p for p in valued if p.partial_until is None]
    basis = complete or valued
    latest, previous = basis[-1], (basis[-2] if len(basis) > 1 else None)
    direction = card.direction if card else "up"
    statuses: list[str] = []
    reasons: list[str] = []
    trend = projection = None
    if not complete:
        reasons.append(f"partial_only|{latest.partial_until}")
    if latest.upper_bound:
        reasons.append("upper_bound")
    if kpi.target is not None:
        status, reason, trend = _per_period(kpi, direction, basis, goal)
        statuses.append(status)
        reasons.append(reason)
    if kpi.total is not None and card is not None:
        total_status, reason, projection = _total(kpi, card, complete, goal)
        reasons.append(reason)
        if total_status is not None and not (total_status == "early" and statuses):
            statuses.append(total_status)
    status = min(statuses, key=ORDER.index) if statuses else "no target"
    return KpiReview(kpi, card, goal, history, status, tuple(reasons), latest, previous, trend, projection)


def review(strategy: Strategy, cards: Mapping[str, Card], checks: Sequence[CheckRecord]) -> Review:
    """Every KPI of the strategy across all its saved checks."""
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    read = _read(checks)  # each check's rows read once, for all KPIs
    kpis = tuple(
        replace(
            review_kpi(kpi, known.get(kpi.card), strategy.goal(kpi.goal), _history(kpi, read)),
            currency=strategy.currency,
        )
        for kpi in strategy.kpis
    )
    return Review(kpis, len(checks))
