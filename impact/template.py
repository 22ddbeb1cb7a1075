"""The data template: a table with exactly the columns a strategy's KPIs need.

For data that comes from a CRM, an applicant system or a spreadsheet. Headers are
in the strategy's language and are the names the generic importer reads back, so a
filled-in template needs no mapping.
"""

from __future__ import annotations

import csv
import io

from impact.formulas import parse
from impact.i18n import t
from impact.locale import locale_for
from impact.metrics import METRICS, metric_label
from impact.model import Card, Strategy

KEY_HEADERS = {"de": ("Datum", "Kanal", "Segment"), "en": ("Date", "Channel", "Segment")}


def needed_metrics(strategy: Strategy, cards: dict[str, Card]) -> list[str]:
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    needed: list[str] = []
    for kpi in strategy.kpis:
        card = known.get(kpi.card)
        if card is None:
            continue
        for metric in parse(card.formula).inputs:
            if metric not in needed:
                needed.append(metric)
    return [m for m in METRICS if m in needed]  # a stable, readable order


def template_headers(strategy: Strategy, cards: dict[str, Card]) -> list[str]:
    lang = strategy.language
    return [*KEY_HEADERS[lang], *(metric_label(m, lang) for m in needed_metrics(strategy, cards))]


def template_csv(strategy: Strategy, cards: dict[str, Card]) -> bytes:
    """German spreadsheets expect ';' and a BOM; English ones ','."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=locale_for(strategy.language).csv_delimiter, lineterminator="\r\n")
    writer.writerow(template_headers(strategy, cards))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(strategy: Strategy, cards: dict[str, Card]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = t("check.template_sheet", strategy.language)
    sheet.append(template_headers(strategy, cards))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, len(str(cell.value)) + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
