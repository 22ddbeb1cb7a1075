"""The hand-over documents: the PDF's text in both languages, user text as data,
the Excel plan's neutralised cells, the command line, and a missing library."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from impact.check import run_check
from impact.importers import read_export
from impact.report import pdf as report_pdf
from impact.report.branding import Branding, BrandingError, checked_logo, normalise_color
from impact.report.pdf import ReportInput, ReportUnavailable, build_pdf
from impact.report.xlsx import kpi_plan_xlsx, looks_like_formula
from impact.review import review
from tests.factories import example_with_lead_quality

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"
HOSTILE = "<b>x</b> {{ 7*7 }} <script>alert(1)</script>"


example = example_with_lead_quality


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub("\u2010\\s+", "", text)  # a word WeasyPrint hyphenated at a line end (U+2010), whole again
    return " ".join(text.split()), len(reader.pages)  # table cells wrap; words are what matter


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_pdf_says_what_the_strategy_says(deck, lang):
    strategy = example(lang)
    data = build_pdf(
        ReportInput(
            strategy=strategy,
            cards=deck.cards,
            profile=deck.profiles["recruiting"],
            branding=Branding(author="Anna Beraterin", footer="Vertraulich"),
        )
    )
    text, pages = pdf_text(data)
    assert 5 <= pages <= 10
    for expected in [
        "Employer Branding 2027",
        "Beispiel GmbH",
        "Anna Beraterin",
        strategy.goals[0].title,
        "Anna Schmidt",
        "Bewerbermanagement",
    ]:
        assert expected in text, expected
    title = deck.cards["application-rate"].title.get(lang)
    assert title in text
    assert ("Zielwert 5 %" if lang == "de" else "Target 5%") in text
    assert ("Glossar" if lang == "de" else "Glossary") in text
    assert ("2.500 €" if lang == "de" else "2,500 €") in text  # numbers in the reader's convention
    assert "Vertraulich" in text and f"1 / {pages}" not in text  # the cover has no footer
    assert f"2 / {pages}" in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_pdf_counts_in_real_plurals_and_its_plan_has_whole_headers_and_no_empty_column(deck, lang):
    strategy = example(lang)
    for kpi in strategy.kpis:  # nobody named: the person column has nothing to show
        kpi.owner.person = None
    data = build_pdf(ReportInput(strategy=strategy, cards=deck.cards, profile=deck.profiles["recruiting"]))
    raw = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert not re.findall(r"\w\((?:s|e|n|en|er)\)", raw)  # no "Ziel(e)", "KPI(s)"
    goals, kpis = len(strategy.goals), len(strategy.kpis)
    scope = f"{goals} Ziele, {kpis} KPI-Karten" if lang == "de" else f"{goals} goals, {kpis} KPI cards"
    assert scope in " ".join(raw.split())
    [plan] = [
        page.extract_text()
        for page in PdfReader(io.BytesIO(data)).pages
        if "KPI-Plan" in page.extract_text() or "KPI plan" in page.extract_text()
    ]
    header = plan.splitlines()[1]  # the table's first line: its headers, each whole (never hyphenated)
    words = {
        "de": ["Phase", "KPI", "Zielwert", "Ausgangswert", "Abteilung", "Datenquelle"],
        "en": ["Stage", "KPI", "Target", "Baseline", "Department", "Data source"],
    }[lang]
    assert all(w in header for w in words), header
    assert "\u2010" not in header and "-" not in header.replace("KPI-", "")
    from impact.i18n import t

    assert t("strategy.col_person", lang) not in header  # an empty column is left out …
    named = build_pdf(ReportInput(strategy=example(lang), cards=deck.cards, profile=deck.profiles["recruiting"]))
    [filled] = [
        p.extract_text() for p in PdfReader(io.BytesIO(named)).pages if plan.splitlines()[0] in p.extract_text()
    ]
    assert t("strategy.col_person", lang) in filled.splitlines()[1]  # … and there when someone is named


def test_user_text_appears_literally_in_the_pdf(deck):
    strategy = example("en")
    strategy.goals[0].title = HOSTILE
    data = build_pdf(ReportInput(strategy=strategy, cards=deck.cards, branding=Branding(footer=HOSTILE)))
    text, _ = pdf_text(data)
    assert "<b>x</b> {{ 7*7 }} <script>alert(1)</script>" in text
    assert "49" not in text.split("Summary")[1].split("Board")[0]  # {{ 7*7 }} was never evaluated


@dataclass(frozen=True)
class _Saved:
    """A saved check as the review reads one."""

    results: list
    id: int = 1
    created_at: datetime = datetime(2026, 12, 1, tzinfo=UTC)
    files: tuple = ()


def _reviewed(strategy, deck, results):
    return review(strategy, deck.cards, [_Saved([r.as_json() for r in results])])


def test_the_latest_data_check_is_in_the_pdf_with_vector_charts(deck):
    strategy = example("en")
    tables = [(n, read_export((SAMPLES / n).read_bytes(), n).table) for n in ("crm_leads.csv",)]
    report = run_check(strategy, deck.cards, tables)
    data = build_pdf(ReportInput(strategy=strategy, cards=deck.cards, review=_reviewed(strategy, deck, report.results)))
    text, _ = pdf_text(data)
    assert "Review" in text and "57.31%" in text and "met" in text
    assert b"/Subtype /Image" not in data  # no logo here, and the charts are vector paths, not pictures
    assert text.count("Lead quality") >= 3  # table row, chart title, KPI plan


@pytest.mark.parametrize(("lang", "thousand", "other"), [("de", "1.000", "1,000"), ("en", "1,000", "1.000")])
def test_the_chart_axes_in_the_pdf_write_numbers_as_the_reader_does(deck, lang, thousand, other):
    """A German reader reads 1,000 as one: the axis of a German report says 1.000."""
    strategy = example(lang)
    kpi = strategy.kpis[0]
    rows = [
        {
            "kpi": kpi.card,
            "kpi_id": kpi.id,
            "stage": kpi.stage,
            "channel": kpi.channel,
            "segment": None,
            "period": period,
            "actual": actual,
            "target": None,
            "status": "no target",
            "inputs": {},
        }
        for period, actual in (("2026-01", 2_500.0), ("2026-02", 2_750.5))
    ]
    strategy.kpis[0].target = None
    strategy.kpis[0].period = "month"  # the rows are months
    review_ = review(strategy, deck.cards, [_Saved(rows)])
    text, _ = pdf_text(build_pdf(ReportInput(strategy=strategy, cards=deck.cards, review=review_)))
    assert thousand in text  # an axis tick: neither value is 1000, so only the chart writes it
    assert other not in text
    assert ("2.750,5" if lang == "de" else "2,750.5") in text  # the status table, same convention


def test_a_missing_pango_is_explained_not_a_trace(deck, monkeypatch):
    def missing():
        raise ReportUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(report_pdf, "_weasyprint", missing)
    with pytest.raises(ReportUnavailable):
        build_pdf(ReportInput(strategy=example(), cards=deck.cards))


def test_branding_is_checked():
    assert normalise_color("1D4FB8") == "#1d4fb8" and normalise_color("#abc") == "#aabbcc"
    with pytest.raises(BrandingError):
        normalise_color("red;} body{display:none")
    with pytest.raises(BrandingError):
        checked_logo(b"GIF89a....")
    assert checked_logo(b"\x89PNG\r\n\x1a\nrest") is not None


def test_the_excel_plan_neutralises_formulas(deck):
    strategy = example("en")
    strategy.kpis[0].owner.person = '=HYPERLINK("http://evil.example","click")'
    strategy.kpis[1].owner.source = "@SUM(A1:A9)"
    strategy.kpis[2].channel = "+linkedin"
    strategy.goals[0].title = "-1 hires"
    typed = ['=HYPERLINK("http://evil.example","click")', "@SUM(A1:A9)", "+linkedin", "-1 hires"]
    data = kpi_plan_xlsx(strategy, deck.cards)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value in typed}
    # the reader sees what was typed, no apostrophe; the cell is text marked as such
    assert sorted(cells) == sorted(typed)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())
    plain = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value not in typed]
    assert plain and not any(c.quotePrefix for c in plain)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        styles = book.read("xl/styles.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml  # not one formula in the sheet
    assert 'quotePrefix="1"' in styles
    numbers = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, float | int)]
    assert numbers and all(c.data_type == "n" for c in numbers)  # numbers stay numbers
    assert sheet.max_row == len(strategy.kpis) + 1
    assert [c.value for c in sheet[1]][:2] == ["Stage", "KPI"]
    assert looks_like_formula("=1+1") and not looks_like_formula(-5) and not looks_like_formula("Sales")


def test_command_line_report(tmp_path):
    out, xlsx = tmp_path / "s.pdf", tmp_path / "s.xlsx"
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "impact",
            "report",
            "examples/employer-branding.yaml",
            "-o",
            str(out),
            "--logo",
            str(logo),
            "--color",
            "#0a7d5a",
            "--xlsx",
            str(xlsx),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert out.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: impact-strategy/1\nname: x\ncolour: red\n", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "impact", "report", str(bad), "-o", str(tmp_path / "x.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert refused.returncode == 1 and "colour: unknown key" in refused.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_strategy_page_offers_the_documents_and_remembers_branding(app, open_app, db_url, deck):
    from storage.db import make_engine
    from storage.report_settings import recall_branding

    at, stored = open_app(example("en"), "views/strategy.py")
    at.text_input(key="strategy_report_author").input("Anna Beraterin").run()
    at.text_input(key="strategy_report_footer").input("Confidential").run()
    assert not at.exception
    remembered = recall_branding(make_engine(db_url), stored.id)
    assert (remembered.author, remembered.footer) == ("Anna Beraterin", "Confidential")
    labels = [b.label for b in at.get("download_button")]
    assert {"Download PDF", "KPI plan as Excel", "Download as YAML"} <= set(labels)
    reopened = app("en")
    reopened.query_params["strategy"] = stored.id
    reopened.run()
    reopened.switch_page("views/strategy.py").run()
    assert reopened.text_input(key="strategy_report_author").value == "Anna Beraterin"


def test_without_pango_the_app_says_how_to_install_it(open_app, deck, monkeypatch):
    from ui import report_panel

    monkeypatch.setattr(report_panel, "_pdf_problem", lambda: "cannot load library 'libpango-1.0-0'")
    at, _ = open_app(example("en"), "views/strategy.py")
    [warning] = [w.value for w in at.warning if "PDF cannot be made" in w.value]
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in warning
    assert "Download PDF" not in [b.label for b in at.get("download_button")]
    assert "KPI plan as Excel" in [b.label for b in at.get("download_button")]  # the rest still works
