"""The KPI plan as an Excel workbook: one row per KPI.

User text is data: a cell that starts with ``=``, ``+``, ``-`` or ``@`` would be run
as a formula by a spreadsheet. Such a cell is written as a text cell with ``quotePrefix``
set, which is how Excel and LibreOffice themselves mark "text that looks like a formula":
the reader sees exactly what was typed, no apostrophe added, and nothing is evaluated.
"""

from __future__ import annotations

import io

from impact.formatting import department_label, format_date, unit_label
from impact.formula_words import in_words
from impact.i18n import t
from impact.model import Card, Strategy

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Text a spreadsheet would evaluate if it were typed into a cell; numbers never are."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def kpi_plan_rows(strategy: Strategy, cards: dict[str, Card]) -> tuple[list[str], list[list[object]]]:
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
    for kpi in strategy.kpis:
        card = known.get(kpi.card)
        goal = strategy.goal(kpi.goal)
        rows.append(
            [
                t(f"stage.{kpi.stage}", lang),
                card.title.get(lang) if card else kpi.card,
                t(f"board.kind_{card.kind}", lang) if card else "",
                in_words(card.formula, lang) if card else "",
                unit_label(card.unit, lang) if card else "",
                kpi.target,
                kpi.baseline,
                t(f"period.{kpi.period}", lang) if kpi.period else "",
                goal.title if goal else "",
                department_label(kpi.owner.department, lang) if kpi.owner.department else "",
                kpi.owner.person or "",
                kpi.owner.source or "",
                kpi.channel or "",  # as typed: a file keeps what the person wrote
                format_date(goal.deadline, lang) if goal and goal.deadline else "",
            ]
        )
    return headers, rows


def kpi_plan_xlsx(strategy: Strategy, cards: dict[str, Card]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    headers, rows = kpi_plan_rows(strategy, cards)
    book = Workbook()
    sheet = book.active
    sheet.title = t("report.xlsx_sheet", strategy.language)[:31]
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text looks like
                cell.quotePrefix = looks_like_formula(cell.value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, min(40, len(str(cell.value)) + 4))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
