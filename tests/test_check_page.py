"""The data check page through AppTest: upload, a broken file beside good ones,
remapping a column (remembered for next month), and the results."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storage.checks import list_checks, load_check
from storage.db import make_engine
from tests.factories import example_with_lead_quality

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"
pytestmark = pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/samples is not beside the repo")


def _open_check_page(open_app):
    return open_app(example_with_lead_quality("en"), "views/check.py")


def _upload(at, *files: tuple[str, bytes]):
    at.file_uploader(key="check_upload").set_value([(name, data, "text/csv") for name, data in files]).run()
    assert not at.exception


def test_upload_a_broken_file_beside_good_ones_and_run_the_check(open_app, db_url):
    at, stored = _open_check_page(open_app)
    _upload(at, ("crm_leads.csv", (SAMPLES / "crm_leads.csv").read_bytes()), ("photo.csv", bytes(range(256)) * 20))
    lines = [m.value for m in at.markdown]
    assert any(
        "crm\\_leads\\.csv** · Table (CRM, shop, spreadsheet) · 2026-10-01 – 2026-10-31 · 38 rows read" in v
        for v in lines
    )
    assert "This is not a table (CSV or Excel); it looks like a binary file." in [e.value for e in at.error]
    at.button(key="check_run").click().run()
    assert not at.exception
    assert any(
        v.startswith("✅ **Lead quality** — Actual (Oct 2026): **57.31%**") for v in (m.value for m in at.markdown)
    )
    [saved] = list_checks(make_engine(db_url), stored.id)
    check = load_check(make_engine(db_url), saved.id)
    assert [f["name"] for f in check.files] == ["crm_leads.csv"]  # the broken file took nothing with it
    assert check.data["leads"].sum() == 171  # the normalised data is kept with the results
    whole = [r for r in check.results if r["kpi"] == "lead-quality" and r["segment"] is None]
    assert whole[0]["inputs"] == {"leads": 171.0, "qualified_leads": 98.0}


def test_a_remapped_column_is_remembered_for_next_month(app, open_app, db_url):
    at, stored = _open_check_page(open_app)
    crm = (SAMPLES / "crm_leads.csv").read_bytes()
    _upload(at, ("crm_leads.csv", crm))
    [form_select] = [s for s in at.selectbox if s.label.startswith("Abschlüsse")]
    form_select.set_value("__ignore__")
    [apply] = [b for b in at.button if b.label == "Apply and remember"]
    apply.click().run()
    assert not at.exception

    # next month, a fresh session: the same export needs no clicks
    next_month = app("en")
    next_month.query_params["strategy"] = stored.id
    next_month.run()
    next_month.switch_page("views/check.py").run()
    _upload(next_month, ("crm_leads_november.csv", crm))
    [form_select] = [s for s in next_month.selectbox if s.label.startswith("Abschlüsse")]
    assert form_select.value == "__ignore__"
    assert any("6 used, 1 ignored" in e.label for e in next_month.expander)


def test_a_file_over_the_upload_limit_is_refused_and_takes_nothing_with_it(open_app, db_url):
    """The browser's uploader stops it first (server.maxUploadSize); the server refuses it again."""
    import tomllib

    from impact.importers import MAX_UPLOAD_BYTES

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_UPLOAD_BYTES  # one limit, said twice
    at, _ = _open_check_page(open_app)
    huge = b"Datum;Leads\n" + b"01.10.2026;3\n" * (MAX_UPLOAD_BYTES // 13 + 10)
    _upload(at, ("crm_leads.csv", (SAMPLES / "crm_leads.csv").read_bytes()), ("huge.csv", huge))
    assert "The file is too large (50 MB)." in [e.value for e in at.error]
    assert any("38 rows read" in m.value for m in at.markdown)  # the good file beside it is read
    at.button(key="check_run").click().run()
    assert not at.exception
    assert any(m.value.startswith("✅ **Lead quality**") for m in at.markdown)


REAL = Path(__file__).resolve().parent / "real_exports"


def _plain(markdown: str) -> str:
    """Markdown as the reader sees it (escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_a_saved_check_keeps_its_warnings_as_codes_and_reads_in_the_readers_language(app, open_app, db_url):
    at, stored = _open_check_page(open_app)
    meta = REAL / "meta_ads" / "Untitled-report-Feb-1-2025-to-Aug-4-2025_Reach.csv"
    empty = REAL / "meta_ads" / "Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv"
    _upload(at, (meta.name, meta.read_bytes()), (empty.name, empty.read_bytes()))
    captions = [_plain(c.value) for c in at.caption]
    assert "⚠️ 1 total row skipped (never counted twice)." in captions
    assert any("it says “No data available.”" in i.value for i in at.info)  # said, not an error
    at.button(key="check_run").click().run()
    assert not at.exception
    [saved] = list_checks(make_engine(db_url), stored.id)
    check = load_check(make_engine(db_url), saved.id, with_data=False)
    assert {"code": "total_rows", "detail": "1", "file": meta.name} in check.warnings  # a code, not a sentence
    assert any(w["code"] == "file_not_read" and w["file"] == empty.name for w in check.warnings)

    german = app("de")
    german.query_params["strategy"] = stored.id
    german.query_params["lang"] = "de"  # the reader chose German; the strategy is English
    german.run()
    german.switch_page("views/check.py").run()
    assert not german.exception
    captions = [_plain(c.value) for c in german.caption]
    assert f"⚠️ {meta.name}: 1 Summenzeile übersprungen (nie doppelt gezählt)." in captions
    assert any("nicht gelesen: Die Datei enthält keine Daten (sie sagt „No data available.“)" in c for c in captions)


def test_a_german_reader_sees_german_numbers_in_the_results_and_the_chart(open_app, db_url):
    at, _stored = open_app(example_with_lead_quality("de"), "views/check.py", lang="de")
    _upload(at, ("crm_leads.csv", (SAMPLES / "crm_leads.csv").read_bytes()))
    at.button(key="check_run").click().run()
    assert not at.exception
    assert any("**57,31\u00a0%**" in m.value for m in at.markdown)  # 98 of 171 leads qualified
    charts = at.get("vega_lite_chart")
    assert charts, "no trend chart on the page"
    spec = json.loads(charts[0].proto.spec)
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["number"]["thousands"] == "."


def test_the_data_template_names_the_sources_this_team_gave_and_no_others(open_app, deck):
    from impact import edits
    from impact.model import Strategy

    bakery = Strategy(name="Bakery", language="en", industry_profile="local")
    bakery, kpi = edits.add_kpi(bakery, deck.cards["pre-orders"], stage="conversion")
    bakery = edits.update_kpi(bakery, kpi, department="sales", source="Order book <b>")
    at, _ = open_app(bakery, "views/check.py")
    said = " ".join(c.value for c in at.caption)
    assert "applicant" not in said and "CRM" not in said  # nothing that fits another business
    assert "The sources your KPIs name: Order book \\<b\\>\\." in said  # the team's words, as text (escaped)


def test_the_rows_read_are_counted_as_the_reader_writes_numbers(open_app):
    """1.200 Zeilen in German, 1,200 rows in English: a count is a number like any other."""
    rows = "\n".join(f"2026-10-{1 + n % 28:02d},{n % 5}" for n in range(1200))
    data = ("Date,Leads\n" + rows + "\n").encode()
    for lang, said in (("en", "1,200 rows read"), ("de", "1.200 Zeilen gelesen")):
        at, _stored = open_app(example_with_lead_quality(lang), "views/check.py")
        _upload(at, ("leads.csv", data))
        assert any(said in m.value for m in at.markdown), [m.value for m in at.markdown][:5]
