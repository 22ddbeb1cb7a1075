"""The KPI plan as an Excel workbook a controller keeps using: the plan (one row per
KPI, in stage order), the goals, and the latest review's results, each a sheet with a
frozen header in the brand colour, an autofilter, columns sized to their content (long
texts wrapped), dates as dates and numbers as numbers (the unit in the number format).

User text is data: a cell that starts with ``=``, ``+``, ``-`` or ``@`` would be run
as a formula by a spreadsheet. Such a cell is written as a text cell with ``quotePrefix``
set, which is how Excel and LibreOffice themselves mark "text that looks like a formula":
the reader sees exactly what was typed, no apostrophe added, and nothing is evaluated.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from impact.colors import contrast
from impact.formatting import department_label, target_unit, unit_label
from impact.formula_words import in_words
from impact.i18n import t
from impact.model import STAGES, Card, KpiChoice, Strategy
from impact.report.branding import DEFAULT_COLOR

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from impact.review import Review

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Text a spreadsheet would evaluate if it were typed into a cell; numbers never are."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


WRAP_AT = 48  # a column of longer texts is this wide (characters) and wraps
DATE_FORMATS = {"de": "DD.MM.YYYY", "en": "YYYY-MM-DD"}  # as format_date writes them


def _number_format(value: float, unit_words: str) -> str:
    """Thousands grouped, decimals only where the value has them (no "30." for 30), and
    the unit beside the number; the value stays a number to sum and filter."""
    pattern = "#,##0" if float(value).is_integer() else "#,##0.0#########"
    label = unit_words.replace('"', "")
    return f'{pattern}" {label}"' if label else pattern


def _in_stage_order(kpis: Sequence[KpiChoice]) -> list[KpiChoice]:
    return sorted(kpis, key=lambda k: STAGES.index(k.stage))


def kpi_plan_rows(strategy: Strategy, cards: dict[str, Card]) -> tuple[list[str], list[list[object]]]:
    """The plan as headers and rows (numbers as numbers, the deadline as a date), in
    stage order."""
    lang = strategy.language
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    headers = [t(f"strategy.col_{c}", lang) for c in ("stage", "kpi", "kind", "formula")]
    headers += [t("report.unit", lang)]
    headers += [
        t(f"strategy.col_{c}", lang)
        for c in ("target", "baseline", "period", "goal", "owner", "person", "source", "channel")
    ]
    headers += [t("goals.deadline", lang)]
    rows: list[list[object]] = []
    for kpi in _in_stage_order(strategy.kpis):
        card = known.get(kpi.card)
        goal = strategy.goal(kpi.goal)
        rows.append(
            [
                t(f"stage.{kpi.stage}", lang),
                card.title.get(lang) if card else kpi.card,
                t(f"board.kind_{card.kind}", lang) if card else "",
                in_words(card.formula, lang) if card else "",
                unit_label(target_unit(card.unit, strategy.currency), lang) if card else "",
                kpi.target,
                kpi.baseline,
                t(f"period.{kpi.period}", lang) if kpi.period else "",
                goal.title if goal else "",
                department_label(kpi.owner.department, lang) if kpi.owner.department else "",
                kpi.owner.person or "",
                kpi.owner.source or "",
                kpi.channel or "",  # as typed: a file keeps what the person wrote
                goal.deadline if goal and goal.deadline else None,
            ]
        )
    return headers, rows


def _text_color(background: str) -> str:
    """White on a dark brand colour, near-black on a light one (WCAG contrast)."""
    return "FFFFFF" if contrast("#ffffff", background) >= contrast("#000000", background) else "0B1220"


def _shown(value: object, number_format: str) -> str:
    """Roughly what the cell shows, to size its column."""
    if value is None:
        return ""
    if isinstance(value, date):
        return "00.00.0000"
    if isinstance(value, int | float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") + (f" {number_format}" if number_format else "")
    return str(value)


def _sheet(
    sheet: Worksheet,
    headers: list[str],
    rows: list[list[object]],
    *,
    lang: str,
    color: str,
    formats: dict[tuple[int, int], str] | None = None,
) -> None:
    """A table: the header in the brand colour, frozen, with a filter; user text never a
    formula; dates and numbers formatted (``formats``: the unit of a number cell, by row
    and column); each column as wide as its content."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    formats = formats or {}
    fill = PatternFill("solid", fgColor=color.lstrip("#").upper())
    sheet.append(headers)
    for cell in sheet[1]:
        cell.fill = fill
        cell.font = Font(bold=True, color=_text_color(color))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows):
        sheet.append(row)
        for column, cell in enumerate(sheet[sheet.max_row]):
            value = row[column]
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text looks like
                cell.quotePrefix = looks_like_formula(value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(value, date):
                cell.number_format = DATE_FORMATS.get(lang, "YYYY-MM-DD")
            elif isinstance(value, int | float):
                cell.number_format = _number_format(value, formats.get((number, column), ""))
    for column, header in enumerate(headers):
        texts = [_shown(row[column], formats.get((n, column), "")) for n, row in enumerate(rows)]
        longest_word = max((len(w) for w in header.split()), default=0)
        content = max([len(line) for text in texts for line in text.splitlines()] + [longest_word, 6])
        sheet.column_dimensions[get_column_letter(column + 1)].width = min(WRAP_AT, content) + 2
    sheet.freeze_panes = "C2" if len(headers) > 4 else "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _goal_rows(strategy: Strategy, cards: dict[str, Card]) -> tuple[list[str], list[list[object]]]:
    lang = strategy.language
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    headers = [
        t("report.xlsx_goal", lang),
        t("report.xlsx_goal_kind", lang),
        t("report.xlsx_goal_area", lang),
        t("goals.deadline", lang),
        t("report.xlsx_goal_kpis", lang),
        t("report.xlsx_goal_metrics", lang),
    ]
    rows: list[list[object]] = []
    for goal in strategy.goals:
        linked = [known.get(k.card) for k in _in_stage_order(strategy.kpis) if k.goal == goal.id]
        rows.append(
            [
                goal.title,
                t("goals.hard" if goal.hard else "goals.soft", lang),
                t(f"area.{goal.area}", lang),
                goal.deadline,
                ", ".join(c.title.get(lang) for c in linked if c is not None and not c.is_metric),
                ", ".join(c.title.get(lang) for c in linked if c is not None and c.is_metric),
            ]
        )
    return headers, rows


def _review_rows(review: Review, lang: str) -> tuple[list[str], list[list[object]], dict[tuple[int, int], str]]:
    from impact.formatting import format_period
    from impact.review_words import reason, status_label

    headers = [
        t("strategy.col_kpi", lang),
        t("strategy.col_stage", lang),
        t("check.col_status", lang),
        t("check.col_period", lang),
        t("check.col_actual", lang),
        t("check.col_target", lang),
        t("report.xlsx_review_why", lang),
    ]
    rows: list[list[object]] = []
    formats: dict[tuple[int, int], str] = {}
    for kpi in review.kpis:
        latest = kpi.latest
        why = [reason(kpi, code, lang) for code in kpi.reasons]
        formats[(len(rows), 4)] = unit_label(kpi.unit_of(latest), lang)  # money in the data's currency
        formats[(len(rows), 5)] = unit_label(kpi.target_unit, lang)
        rows.append(
            [
                kpi.card.title.get(lang) if kpi.card else kpi.kpi.card,
                t(f"stage.{kpi.kpi.stage}", lang),
                status_label(kpi.status, lang),
                format_period(latest.period, lang) if latest else "",
                latest.actual if latest else None,
                kpi.kpi.target,
                " ".join(w for w in why if w),
            ]
        )
    return headers, rows, formats


def kpi_plan_xlsx(
    strategy: Strategy, cards: dict[str, Card], *, color: str = DEFAULT_COLOR, review: Review | None = None
) -> bytes:
    """The workbook: the plan, the goals and (when checks were saved) the latest review."""
    from openpyxl import Workbook

    lang = strategy.language
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    book = Workbook()
    plan = book.active
    plan.title = t("report.xlsx_sheet", lang)[:31]
    headers, rows = kpi_plan_rows(strategy, cards)
    formats: dict[tuple[int, int], str] = {}
    for number, kpi in enumerate(_in_stage_order(strategy.kpis)):
        card = known.get(kpi.card)
        for column in (5, 6):  # target and baseline, in the card's unit (money: the strategy's currency)
            formats[(number, column)] = unit_label(target_unit(card.unit, strategy.currency), lang) if card else ""
    _sheet(plan, headers, rows, lang=lang, color=color, formats=formats)
    goal_headers, goal_rows = _goal_rows(strategy, cards)
    _sheet(book.create_sheet(t("report.xlsx_goals_sheet", lang)[:31]), goal_headers, goal_rows, lang=lang, color=color)
    if review is not None and review.checks:
        review_headers, review_rows, review_formats = _review_rows(review, lang)
        sheet = book.create_sheet(t("report.xlsx_review_sheet", lang)[:31])
        _sheet(sheet, review_headers, review_rows, lang=lang, color=color, formats=review_formats)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
