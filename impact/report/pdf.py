"""The strategy as a PDF a consultant hands to a client.

HTML from a Jinja2 template (autoescaped: user text is data, ``{{ 7*7 }}`` in a goal
stays those characters), laid out by WeasyPrint with CSS paged media (footer and page
numbers on every page), charts as vector SVG from the same Altair specs as on screen.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from impact.channels import channels_label, channels_of
from impact.formatting import department_label, format_amount, format_date, target_unit, unit_label
from impact.formula_words import in_words
from impact.health import check_health
from impact.i18n import t
from impact.metrics import metric_label
from impact.model import STAGES, Card, KpiChoice, Profile, Strategy
from impact.owners import ownership_matrix
from impact.report.branding import Branding, normalise_color
from impact.review import Review
from impact.review_words import Tile, missing_line, summary, tile

if TYPE_CHECKING:  # charts (Altair, pandas) are loaded for a report that has some
    import altair as alt

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_CHARTS = 12


class ReportUnavailable(RuntimeError):
    """WeasyPrint's system libraries (Pango) are missing: say how to install them."""


@dataclass
class ReportInput:
    strategy: Strategy
    cards: dict[str, Card]
    profile: Profile | None = None
    branding: Branding = field(default_factory=Branding)
    review: Review | None = None  # every KPI across the saved checks
    today: date | None = None
    review_only: bool = False  # the short document for the monthly meeting


def _weasyprint() -> ModuleType:
    try:
        import weasyprint
    except (OSError, ImportError) as exc:  # OSError: libpango/libgobject not found
        raise ReportUnavailable(str(exc).splitlines()[0][:200]) from None
    module: ModuleType = weasyprint
    return module


def _data_urls_only() -> Any:
    """The PDF fetches nothing from outside or from disk: only data: URIs (logo, charts).
    An SVG logo that points elsewhere renders without that part."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), timeout=5)


def _svg(chart: alt.TopLevelMixin) -> str:
    import vl_convert

    # our own charts, checked on screen and in tests: the schema walk is skipped here
    svg: str = vl_convert.vegalite_to_svg(chart.to_dict(validate=False))
    return svg


def _chart_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def report_context(data: ReportInput) -> dict[str, Any]:
    strategy, lang = data.strategy, data.strategy.language
    cards = {**data.cards, **{c.id: c for c in strategy.custom_cards}}

    def tr(key: str, **params: object) -> str:
        return t(key, lang, **params)

    def kpi_view(kpi: KpiChoice) -> dict[str, Any]:
        card = cards.get(kpi.card)
        goal = strategy.goal(kpi.goal)
        unit = target_unit(card.unit if card else "", strategy.currency)
        return {
            "id": kpi.id,
            "title": card.title.get(lang) if card else kpi.card,
            "question": card.question.get(lang) if card else "",
            "formula": in_words(card.formula, lang) if card else "",
            "inputs": ", ".join(metric_label(m, lang) for m in (card.inputs if card else [])),
            "metric": bool(card and card.is_metric),
            "unit": unit,
            "target": format_amount(kpi.target, lang, unit, decimals=6),
            "baseline": format_amount(kpi.baseline, lang, unit, decimals=6) if kpi.baseline is not None else "",
            "period": tr(f"period.{kpi.period}") if kpi.period else "—",
            "goal": goal.title if goal else "—",
            "department": department_label(kpi.owner.department, lang),
            "person": kpi.owner.person or "",
            "source": kpi.owner.source or "",
            "channel": channels_label(channels_of(kpi.channel)),
            "stage": kpi.stage,
        }

    kpis = [kpi_view(k) for k in strategy.kpis]
    goals = []
    for goal in strategy.goals:
        linked = [k for k, choice in zip(kpis, strategy.kpis, strict=True) if choice.goal == goal.id]
        goals.append(
            {
                "title": goal.title,
                "hard": goal.hard,
                "area": tr(f"area.{goal.area}"),
                "deadline": format_date(goal.deadline, lang) if goal.deadline else "",
                "kpis": [k for k in linked if not k["metric"]],
                "metrics": [k for k in linked if k["metric"]],
            }
        )
    matrix = ownership_matrix(strategy)
    owner_rows = [
        {
            "department": department_label(dep, lang) if dep else tr("owners.none"),
            "cells": [[cards[c].title.get(lang) if c in cards else c for c in row[s]] for s in STAGES],
        }
        for dep, row in matrix.items()
    ]
    health = [
        {"ok": i.ok, "severity": i.severity, "title": tr(f"health.{i.rule}.title"), "why": tr(f"health.{i.rule}.why")}
        for i in check_health(strategy, cards)
    ]
    review = _review_section(data) if data.review and data.review.checks else None
    return {
        "lang": lang,
        "tr": tr,
        "strategy": strategy,
        "profile": data.profile.title.get(lang) if data.profile else "",
        "today": format_date(data.today or date.today(), lang),
        "branding": data.branding,
        "brand_color": normalise_color(data.branding.color),
        "logo": (
            f"data:{data.branding.logo_type};base64,{base64.b64encode(data.branding.logo).decode('ascii')}"
            if data.branding.logo and data.branding.logo_type
            else None
        ),
        "stages": [{"id": s, "label": tr(f"stage.{s}"), "kpis": [k for k in kpis if k["stage"] == s]} for s in STAGES],
        "kpis": kpis,
        "plan": _plan_table(kpis, tr),
        "board_scale": _board_scale(kpis),
        "goals": goals,
        "owner_rows": owner_rows,
        "health": health,
        "review": review,
        "review_only": data.review_only,
    }


PLAN_COLUMNS = ("stage", "kpi", "formula", "target", "baseline", "period", "owner", "person", "source", "channel")


def _plan_table(kpis: list[dict[str, Any]], tr: Any) -> dict[str, Any]:
    """The KPI plan's columns, only those with something in them (an empty column would
    only squeeze the others), and its rows in the board's stage order."""
    keys = {"kpi": "title", "owner": "department"}
    ordered = sorted(kpis, key=lambda k: STAGES.index(k["stage"]))
    shown = [
        c
        for c in PLAN_COLUMNS
        if c in ("stage", "kpi") or any(str(k[keys.get(c, c)]).strip() not in ("", "—") for k in ordered)
    ]
    return {
        "columns": [{"id": c, "key": keys.get(c, c), "header": tr(f"strategy.col_{c}")} for c in shown],
        "rows": ordered,
    }


def _board_scale(kpis: list[dict[str, Any]]) -> str:
    """How large the board's cards are printed: the landscape page is filled by the fullest
    stage (few cards: large type a room reads; many: smaller, never below legible)."""
    fullest = max([sum(1 for k in kpis if k["stage"] == s) for s in STAGES] + [0])
    return "large" if fullest <= 3 else ("medium" if fullest <= 6 else "small")


def _review_section(data: ReportInput) -> dict[str, Any]:
    """The review as a reader of a document gets it: the summary, what no file had (once),
    one row per KPI with its status and reasons, and a chart per KPI with a history."""
    from impact.charts import review_chart, total_chart

    assert data.review is not None
    lang = data.strategy.language
    tiles: list[Tile] = []
    charts: list[dict[str, str]] = []
    for kpi in data.review.kpis:
        said = tile(kpi, lang)
        tiles.append(said)
        if len(kpi.valued) and len(charts) < MAX_CHARTS:
            unit = unit_label(kpi.unit_of(kpi.latest), lang)
            chart = review_chart(kpi, title=said.title, unit=unit, lang=lang, width=460, height=200)
            charts.append({"title": said.title, "uri": _chart_uri(_svg(chart))})
            if kpi.projection is not None:
                deadline = format_date(kpi.projection.deadline, lang)
                title = t("review.pace_title", lang, title=said.title, deadline=deadline)
                pace = total_chart(kpi, title=title, lang=lang, width=460, height=200)
                if pace is not None:
                    charts.append({"title": title, "uri": _chart_uri(_svg(pace))})
    return {
        "summary": summary(data.review, lang),
        "missing": missing_line(data.review, lang),
        "checks": data.review.checks,
        "tiles": tiles,
        "charts": charts,
    }


@functools.cache
def _environment() -> Environment:
    """The templates, compiled once per process (Jinja2 keeps what it compiled)."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(data: ReportInput) -> str:
    return _environment().get_template("report.html.j2").render(**report_context(data))


@functools.lru_cache(maxsize=4)
def _stylesheet(css: str) -> Any:
    """The report's stylesheet parsed once per text (WeasyPrint only reads it when it lays out)."""
    return _weasyprint().CSS(string=css)


def build_pdf(data: ReportInput) -> bytes:
    weasyprint = _weasyprint()
    html = render_html(data)
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    document = weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=_data_urls_only())
    pdf: bytes = document.write_pdf(stylesheets=[_stylesheet(css)])
    return pdf
