"""The workshop walked as a person would, in real Chromium against the real server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from impact.model import STAGES
from impact.strategy_file import parse_strategy
from storage.db import make_engine
from storage.repository import list_strategies, load_strategy
from tests.browser_support import CHROMIUM, running_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
STAGE_NAMES = ["Awareness", "Consideration", "Conversion", "Retention", "Advocacy"]


def _nav(page, label: str) -> None:
    page.get_by_role("link", name=re.compile(label)).first.click()


def _wait_idle(page) -> None:
    """Streamlit shows a 'running' status while a rerun is under way; idle means it stays
    away on two looks half a second apart (a rerun may start just after the first)."""
    for _ in range(2):
        page.wait_for_timeout(500)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30000)


def test_walk_the_workshop_and_find_it_saved(page, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'browser.db'}"
    with running_app(url_db) as url:
        page.set_default_timeout(20000)
        page.goto(url)
        page.get_by_label("Name of the strategy").fill("Employer Branding 2027")
        page.get_by_label("Organisation").fill("Beispiel GmbH")
        page.get_by_role("button", name="Create strategy").click()

        page.get_by_text("Your business model").wait_for()
        page.get_by_text("Recruiting & employer branding").first.click()
        page.get_by_role("heading", name="Suggested goals").wait_for()

        _nav(page, "Goals")
        page.get_by_role("heading", name="Business goals").wait_for()
        page.get_by_role("button", name="Adopt").first.click()
        page.get_by_role("button", name="Adopted").first.wait_for()
        page.get_by_role("button", name="Adopt", exact=True).first.click()
        page.get_by_role("button", name="Adopted").nth(1).wait_for()

        _nav(page, "KPI board")
        page.get_by_role("heading", name="KPI board").wait_for()
        _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "board-empty.png"), full_page=True)
        for index, stage in enumerate(STAGE_NAMES):
            page.locator("[data-testid=stButtonGroup] button", has_text=stage).first.click()
            page.get_by_role("heading", name=re.compile(f"On the board: .*{stage}")).wait_for()
            _wait_idle(page)
            page.get_by_role("button", name="Put on the board", exact=True).first.click()
            page.get_by_role("button", name="Remove from the board").first.wait_for()
            _wait_idle(page)
            target = page.get_by_label(re.compile("^Target")).first
            target.fill(str(10 + index))
            target.press("Enter")
            _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "board.png"), full_page=True)

        _nav(page, "Data owners")
        page.get_by_role("heading", name="Who owns which part of the funnel").wait_for()
        person = page.get_by_label("Person").first
        person.fill("Anna Schmidt")
        person.press("Enter")
        _wait_idle(page)

        _nav(page, "Strategy")
        page.get_by_role("heading", name="Strategy health").wait_for()
        page.get_by_role("button", name="Mark as milestone").click()
        page.get_by_text(re.compile(r"Version \d+ is marked as a milestone")).first.wait_for()
        page.screenshot(path=str(ARTIFACTS / "strategy.png"), full_page=True)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download as YAML").click()
        downloaded = parse_strategy(Path(download.value.path()).read_bytes())
        assert downloaded.name == "Employer Branding 2027" and len(downloaded.kpis) == 5
        page.get_by_label("Consultant or facilitator").fill("Anna Beraterin")
        page.get_by_label("Consultant or facilitator").press("Enter")
        _wait_idle(page)
        page.get_by_role("button", name="Download PDF").wait_for()
        _wait_idle(page)
        with page.expect_download(timeout=90000) as pdf_download:
            page.get_by_role("button", name="Download PDF").click()
        from pypdf import PdfReader

        reader = PdfReader(pdf_download.value.path())
        pdf_text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        assert "Employer Branding 2027" in pdf_text and "Anna Beraterin" in pdf_text and len(reader.pages) >= 5

        # A reload (or a closed tab reopened with the URL) loses nothing.
        strategy_url = page.url
        assert "strategy=" in strategy_url
        page.goto(strategy_url)
        page.get_by_role("heading", name="Employer Branding 2027").wait_for()

    engine = make_engine(url_db)
    [summary] = list_strategies(engine)
    saved, version = load_strategy(engine, summary.id)
    assert saved.name == "Employer Branding 2027"
    assert saved.organisation == "Beispiel GmbH"
    assert saved.industry_profile == "recruiting"
    assert len(saved.goals) == 2
    assert {k.stage for k in saved.kpis} == set(STAGES)
    assert sorted(k.target for k in saved.kpis) == [10, 11, 12, 13, 14]
    assert any(k.owner.person == "Anna Schmidt" for k in saved.kpis)
    assert version >= 14  # created, profile, 2 goals, 5 cards, 5 targets, owner, save


def test_a_deep_link_right_after_a_restart_opens_the_strategy(page, tmp_path, deck):
    """A consultant's bookmark (/board?strategy=…) must work as the server's very first request."""
    from storage.repository import create_strategy
    from tests.factories import big_strategy

    url_db = f"sqlite:///{tmp_path / 'deep.db'}"
    stored = create_strategy(make_engine(url_db), big_strategy(deck, 30).model_copy(update={"language": "en"}))
    with running_app(url_db) as url:
        page.set_default_timeout(20000)
        page.goto(f"{url}/board?strategy={stored.id}")
        page.get_by_role("heading", name="KPI board").wait_for()
        page.get_by_role("link", name=re.compile("Data owners")).wait_for()  # the app's own navigation
        assert page.get_by_text("Start or open a strategy first.").count() == 0
        page.screenshot(path=str(ARTIFACTS / "deep-link-board.png"))


SAMPLES = Path(__file__).resolve().parent / "samples"
REAL = Path(__file__).resolve().parent / "real_exports"


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/samples is not beside the repo")
def test_upload_real_exports_and_see_the_results(page, tmp_path):
    from impact.strategy_file import parse_strategy as parse
    from storage.repository import create_strategy

    url_db = f"sqlite:///{tmp_path / 'check.db'}"
    plan = parse((Path(__file__).resolve().parent.parent / "examples" / "employer-branding.yaml").read_bytes())
    plan.kpis.append(
        plan.kpis[0].model_copy(
            update={
                "id": "leadq",
                "card": "lead-quality",
                "stage": "conversion",
                "goal": "hires",
                "target": 50,
                "period": "month",
            }
        )
    )
    stored = create_strategy(make_engine(url_db), plan.model_copy(update={"language": "en"}))
    with running_app(url_db) as url:
        page.set_default_timeout(30000)
        page.goto(f"{url}/check?strategy={stored.id}")
        page.get_by_role("heading", name="Data check").wait_for()
        page.locator("input[type=file]").set_input_files(
            [
                str(SAMPLES / "crm_leads.csv"),
                str(SAMPLES / "linkedin_page_metrics.xls"),
                str(REAL / "meta_ads" / "Untitled-report-Feb-1-2025-to-Aug-4-2025_Reach.csv"),
                str(REAL / "tiktok" / "Overview.csv"),
                str(REAL / "google_ads" / "Campaign report (1).csv"),
                str(REAL / "meta_ads" / "Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv"),
            ]
        )
        page.get_by_text(re.compile(r"crm_leads\.csv.*Table \(CRM, shop, spreadsheet\).*38 rows read")).wait_for()
        page.get_by_text(re.compile(r"linkedin_page_metrics\.xls.*LinkedIn page analytics.*59 rows read")).wait_for()
        page.get_by_text(
            re.compile(r"Untitled-report.*Meta Ads Manager · 2025-02-01 – 2025-08-04 · 15 rows read")
        ).wait_for()
        page.get_by_text(
            re.compile(r"Overview\.csv.*TikTok Studio · 2025-02-28 – 2026-02-27 · 365 rows read")
        ).wait_for()
        page.get_by_text(
            re.compile(r"Campaign report \(1\)\.csv.*Google Ads report · 2026-01-27 – 2026-02-23")
        ).wait_for()
        page.get_by_text(re.compile(r"1 total row skipped")).first.wait_for()  # Meta's summary row, first
        page.get_by_text(re.compile(r"The file holds no data \(it says “No data available\.”\)")).first.wait_for()
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / "check-uploads.png"), full_page=True)
        page.get_by_role("button", name="Run the check").click()
        page.get_by_role("heading", name="Results").wait_for()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "check-results.png"), full_page=True)
        page.get_by_text(re.compile(r"Lead quality — Actual \(Oct 2026\): 57\.31% · Target: 50% · met")).wait_for()
        page.screenshot(path=str(ARTIFACTS / "check-results.png"), full_page=True)
        page.get_by_text(re.compile("Lead quality: periods, trend and segments")).click()
        page.get_by_text("Segments in Oct 2026, best first").first.wait_for()
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / "check-details.png"), full_page=True)
    saved = list_strategies(make_engine(url_db))
    assert saved and saved[0].id == stored.id
