"""The review in a reader's words, for the page, the PDF and the terminal alike: the
summary line, each KPI's status and reasons, and what no file had, said once. Worded
for any reader (no "above", no "click"): the same sentences stand in a document."""

from __future__ import annotations

from dataclasses import dataclass

from impact.formatting import format_amount, format_date, format_period
from impact.i18n import t
from impact.metrics import metric_label
from impact.review import ORDER, KpiReview, Review
from impact.wording import reason_text

STATUS_ICONS = {
    "met": "✅",
    "on track": "🟢",
    "at risk": "🟠",
    "behind": "🔴",
    "early": "⏳",
    "no target": "➖",
    "no data": "⚪",
}


def status_label(status: str, lang: str) -> str:
    return t(f"review.status.{status}", lang)


def summary(review: Review, lang: str) -> str:
    """ "November 2026: 2 of 9 KPIs met, 1 at risk, 6 without data"."""
    counts = review.counts()
    total = len(review.kpis)
    if not total:
        return t("review.no_kpis", lang)
    if review.period is None:
        return t("review.summary_nothing", lang, total=total)
    head = t("review.summary_met", lang, met=counts.get("met", 0), total=total)
    others = [status for status in ORDER if status != "met" and status in counts]
    rest = [t(f"review.count.{status}", lang, n=counts[status]) for status in others]
    return f"{format_period(review.period, lang)}: " + ", ".join([head, *rest])


def result_line(review: Review, lang: str) -> str:
    """A check in a few words for a list of checks: "1 of 2 met · 1 without data"."""
    counts = review.counts()
    parts = [t("review.summary_met", lang, met=counts.get("met", 0), total=len(review.kpis))]
    parts += [t(f"review.count.{status}", lang, n=n) for status, n in counts.items() if status != "met"]
    return ", ".join(parts)


def _number(text: str, lang: str, unit: str = "") -> str:
    try:
        return format_amount(float(text), lang, unit)
    except ValueError:
        return text


def reason(kpi: KpiReview, code_and_detail: str, lang: str) -> str:
    """One reason of a KPI's status as a sentence."""
    code, _, detail = code_and_detail.partition("|")
    parts = detail.split("|") if detail else []
    unit = kpi.target_unit  # the amounts a reason names are measured against the target
    period = t(f"period.{kpi.kpi.period or 'month'}", lang)
    if code in {"target_met", "partial_only"}:
        when = format_period(parts[0], lang) if code == "target_met" else format_date_text(parts[0], lang)
        return t(f"review.why.{code}", lang, when=when)
    if code == "missed_too_early":
        return t("review.why.missed_too_early", lang, n=parts[0])
    if code == "trend_reaches":
        return t("review.why.trend_reaches", lang, n=parts[0], when=format_period(parts[1], lang))
    if code == "trend_short":
        value = _number(parts[2], lang, unit)
        return t("review.why.trend_short", lang, n=parts[0], when=format_period(parts[1], lang), value=value)
    if code == "trend_away":
        return t("review.why.trend_away", lang, n=parts[0], slope=_number(parts[1], lang, unit), period=period)
    if code in {"total_met", "total_too_early"}:
        numbers = [_number(p, lang) for p in parts]
        return t(f"review.why.{code}", lang, n=parts[0], so_far=numbers[-2], total=numbers[-1])
    if code in {"total_on_track", "total_behind"} and kpi.projection is not None:
        p = kpi.projection
        params = {
            "projected": format_amount(round(p.projected), lang),
            "total": format_amount(p.total, lang),
            "deadline": format_date(p.deadline, lang),
            "gap": format_amount(round(p.gap), lang),
            "extra": format_amount(round((p.needed or 0) - p.rate, 1), lang),
            "rate": format_amount(round(p.rate, 1), lang),
            "n": p.rate_periods,
            "period": period,
        }
        return t(f"review.why.{code}", lang, **params)
    if code in {"total_needs_count", "total_no_deadline", "never_checked", "no_value", "upper_bound"}:
        return t(f"review.why.{code}", lang)
    return reason_text(code_and_detail, lang)  # a check's own reason: why there is no number


def format_date_text(text: str, lang: str) -> str:
    from datetime import date

    try:
        return format_date(date.fromisoformat(text), lang)
    except ValueError:
        return text


def missing_line(review: Review, lang: str) -> str | None:
    """What no file had, once for all KPIs: "No file had these inputs: Calls (1 KPI) …"."""
    found = review.missing_inputs()
    if not found:
        return None
    items = [t("review.missing_item", lang, input=metric_label(m, lang), n=n) for m, n in found]
    return t("review.missing", lang, inputs=", ".join(items))


@dataclass(frozen=True)
class Tile:
    """One KPI at a glance, in words."""

    title: str
    status: str
    icon: str
    label: str
    actual: str
    target: str
    period: str
    change_previous: str
    change_baseline: str
    reasons: tuple[str, ...]


def _signed(value: float | None, lang: str, unit: str) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "") + format_amount(value, lang, unit)


def tile(kpi: KpiReview, lang: str) -> Tile:
    title = kpi.card.title.get(lang) if kpi.card else kpi.kpi.card
    latest = kpi.latest
    unit = kpi.unit_of(latest)
    reasons = tuple(reason(kpi, code, lang) for code in kpi.reasons if not code.startswith("input_not_in_files"))
    return Tile(
        title=title,
        status=kpi.status,
        icon=STATUS_ICONS[kpi.status],
        label=status_label(kpi.status, lang),
        actual=format_amount(latest.actual if latest else None, lang, unit)
        + ("*" if latest and latest.upper_bound else ""),
        target=format_amount(kpi.kpi.target, lang, kpi.target_unit, decimals=6),
        period=format_period(latest.period, lang) if latest else "",
        change_previous=_signed(kpi.change_previous, lang, unit),
        change_baseline=_signed(kpi.change_baseline, lang, unit),
        reasons=reasons,
    )
