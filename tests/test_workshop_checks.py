"""The application layer's data check, mappings, voting and reports, in-process: uploads
read once, mappings recalled, duplicates counted once, the check kept and found again
only with its own strategy. Expected figures come from the sample file itself."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from impact import pipeline
from impact.importers import Choices
from impact.model import Goal, Strategy
from impact.report.branding import Branding
from impact.voting import Option, selection
from storage.errors import DatabaseUnavailable
from storage.store import Store
from tests.factories import example_with_lead_quality
from workshop import Workshop, WorkshopError
from workshop.checks import evaluate
from workshop.uploads import ReadCache, Uploads, choices_key
from workshop.voting import Showing

SAMPLES = Path(__file__).resolve().parent / "samples"
CRM = (SAMPLES / "crm_leads.csv").read_bytes()


def _crm_sums() -> tuple[float, float]:
    """Leads and qualified leads, added up from the file (cp1252, ';')."""
    rows = list(csv.DictReader(io.StringIO(CRM.decode("cp1252")), delimiter=";"))
    return sum(float(r["Leads"]) for r in rows), sum(float(r["Qualifizierte Leads"]) for r in rows)


@pytest.fixture
def ws(engine) -> Workshop:
    return Workshop(Store(engine), lang="en")


@pytest.fixture
def stored(ws):
    return ws.strategies.create(example_with_lead_quality("en"), "created")


def test_each_upload_is_hashed_and_sniffed_once(monkeypatch):
    calls = {"hash": 0, "sniff": 0}
    real_hash, real_sniff = pipeline.content_hash, pipeline.sniff

    def counting_hash(data):
        calls["hash"] += 1
        return real_hash(data)

    def counting_sniff(data, name, sha256=None):
        calls["sniff"] += 1
        assert sha256 == real_hash(data)  # handed on, not worked out again
        return real_sniff(data, name, sha256=sha256)

    monkeypatch.setattr(pipeline, "content_hash", counting_hash)
    monkeypatch.setattr(pipeline, "sniff", counting_sniff)
    uploads = Uploads()
    uploads.keep("crm.csv", CRM)
    for _ in range(3):  # three page runs, the uploader handing the same file each time
        uploads.keep("crm.csv", CRM)
        [read] = uploads.read_all()
    assert calls == {"hash": 1, "sniff": 1}
    assert read.result is not None and read.sha256 == real_hash(CRM)


def test_a_file_taken_out_is_gone_and_a_new_one_of_its_name_replaces_it():
    uploads = Uploads()
    uploads.keep("crm.csv", CRM)
    uploads.keep("other.csv", b"Datum;Leads\n01.10.2026;3\n")
    uploads.forget("crm.csv")
    assert [r.name for r in uploads.read_all()] == ["other.csv"]
    assert uploads.sniffed("crm.csv") is None and uploads.read_with("crm.csv", None) is None
    uploads.keep("other.csv", CRM)  # the same name, new content: next month's file
    [read] = uploads.read_all()
    assert read.sha256 == pipeline.content_hash(CRM) and read.result.rows_read > 1
    uploads.forget("nothing.csv")  # taking out what is not there is no error


def test_a_preview_and_the_check_share_one_read_under_the_files_name():
    uploads = Uploads()
    uploads.keep("crm.csv", CRM)
    assert uploads.sniffed("crm.csv").filename == "crm.csv"
    preview = uploads.read_with("crm.csv", None)
    [checked] = uploads.read_all()
    assert checked is preview and checked.name == "crm.csv"
    first = Uploads()
    first.keep("crm.csv", CRM)
    assert first.read_with("crm.csv", None).name == "crm.csv"  # the preview is the first to open it


def test_a_read_is_shared_across_sessions_and_never_changed_by_them():
    cache = ReadCache(8)
    one, two = Uploads(cache), Uploads(cache)
    one.keep("crm.csv", CRM)
    two.keep("crm.csv", CRM)
    two.keep("copy.csv", CRM)
    [first] = one.read_all()
    second = two.read_all()
    assert first is second[0]  # read once, for both
    assert [r.duplicate_of for r in second] == [None, "crm.csv"]
    assert first.duplicate_of is None and len(cache) == 2  # the shared read was not marked


def test_one_persons_check_keeps_a_bounded_number_of_reads():
    from workshop.uploads import SESSION_READS

    assert Uploads().cache.size == SESSION_READS


def test_the_read_cache_forgets_the_oldest_first():
    cache = ReadCache(2)
    uploads = Uploads(cache)
    for index in range(3):
        uploads.keep(f"f{index}.csv", CRM + b"\n" * index)
    uploads.read_all()
    assert len(cache) == 2
    assert cache.get(("f0.csv", pipeline.content_hash(CRM), choices_key(None))) is None
    assert cache.get(("f2.csv", pipeline.content_hash(CRM + b"\n\n"), choices_key(Choices()))) is not None


def test_an_unreadable_file_has_one_signature_whichever_way_it_comes_in():
    broken = bytes(range(256)) * 40
    uploads = Uploads()
    uploads.keep("photo.csv", broken)
    uploads.keep("crm.csv", CRM)  # a good file after the broken one is read all the same
    on_the_page, good = uploads.read_all()
    assert good.result is not None and on_the_page.sha256 == pipeline.content_hash(broken)
    in_the_terminal = pipeline.read_file("photo.csv", broken)
    assert on_the_page.error is not None and on_the_page.error.code == "binary"
    assert on_the_page.signature == in_the_terminal.signature == pipeline.fallback_signature(broken)
    uploads.forget("crm.csv")
    uploads.keep("photo-2.csv", broken[:4096] + b"different tail")  # next month's broken export of the same kind
    assert {r.signature for r in uploads.read_all()} == {on_the_page.signature}


def test_a_remembered_mapping_is_applied_to_a_file_of_the_same_shape(ws, stored):
    uploads = Uploads()
    uploads.keep("crm.csv", CRM)
    [plain] = uploads.read_all(ws.mappings.recall(stored.strategy.id))
    assert "leads" in plain.result.mapping.values() and not plain.remembered
    choices = Choices(columns={"Leads": None})
    ws.mappings.remember(stored.strategy.id, plain.signature, choices, example="crm.csv")
    november = Uploads()
    november.keep("crm-november.csv", CRM)
    [read] = november.read_all(ws.mappings.recall(stored.strategy.id))
    assert read.remembered and "leads" not in read.result.mapping.values()
    text = ws.mappings.mapping_file(stored.strategy.id)
    assert plain.signature in text and "crm.csv" in text
    ws.mappings.forget(stored.strategy.id, plain.signature)
    assert ws.mappings.recall(stored.strategy.id)(plain.signature) is None


def test_a_database_that_cannot_recall_means_no_choices(engine):
    class Forgetful(Store):
        def recall_mapping(self, *args, **kwargs):
            raise DatabaseUnavailable("down")

    recall = Workshop(Forgetful(engine)).mappings.recall("any")
    assert recall("signature") is None


def test_a_check_is_kept_once_with_its_data_and_found_only_with_its_strategy(ws, stored, deck):
    uploads = Uploads()
    uploads.keep("crm.csv", CRM)
    uploads.keep("photo.csv", bytes(range(256)) * 20)
    reads = uploads.read_all()
    strategy, cards = stored.strategy, deck.with_custom(stored.strategy.custom_cards)
    kept = ws.checks.run(strategy, stored.version, cards, reads)
    leads, qualified = _crm_sums()
    [whole] = [r for r in kept.run.report.results if r.kpi == "lead-quality" and r.segment is None]
    assert whole.inputs == {"leads": leads, "qualified_leads": qualified}
    assert whole.actual == pytest.approx(100 * qualified / leads)
    assert kept.repeated_at is None
    again = ws.checks.run(strategy, stored.version, cards, reads)
    assert again.check_id == kept.check_id and again.repeated_at is not None  # the same check, listed once
    [listed] = ws.checks.list(strategy.id)
    assert [f["name"] for f in listed.files] == ["crm.csv"]  # the broken file took nothing with it
    loaded = ws.checks.load(strategy.id, kept.check_id, with_data=True)
    assert loaded.data["leads"].sum() == leads
    assert any(w["code"] == "file_not_read" and w["file"] == "photo.csv" for w in loaded.warnings)
    assert ws.checks.latest(strategy.id).id == kept.check_id

    other = ws.strategies.create(Strategy(name="Other"), "created")
    with pytest.raises(WorkshopError) as foreign:  # a check id alone opens nothing
        ws.checks.load(other.strategy.id, kept.check_id)
    assert foreign.value.code == "check_not_found"
    with pytest.raises(WorkshopError) as elsewhere:  # nor from another workspace
        Workshop(ws.store, workspace="globex").checks.list(strategy.id)
    assert elsewhere.value.code == "not_found" and elsewhere.value.params == {"id": strategy.id}
    with pytest.raises(WorkshopError) as missing:
        ws.checks.load(strategy.id, 987654)
    assert missing.value.code == "check_not_found"
    assert ws.checks.latest(other.strategy.id) is None


def test_the_terminal_and_the_page_check_the_same_way(stored, deck):
    strategy, cards = stored.strategy, deck.with_custom(stored.strategy.custom_cards)
    uploads = Uploads()
    uploads.keep("crm.csv", CRM)
    through_uploads = evaluate(strategy, cards, uploads.read_all())
    directly = pipeline.run(strategy, cards, [("crm.csv", CRM)])
    assert [r.as_json() for r in through_uploads.report.results] == [r.as_json() for r in directly.report.results]


@pytest.fixture
def planned(ws):
    strategy = Strategy(name="Room", language="en", industry_profile="b2b")
    return ws.strategies.create(strategy, "created").strategy


def test_a_round_is_voted_tallied_and_adopted(ws, planned, deck):
    profile = deck.profiles["b2b"]
    room = ws.voting
    voting = room.open_round(planned, deck.cards, profile, subject="cards", stage="conversion", dots=2)
    assert voting.is_open and voting.title == "Which Conversion cards matter most?"
    first, second = voting.options[0].id, voting.options[1].id
    card = deck.cards[first]  # the phone shows the card's question and whether it is a KPI
    assert (voting.options[0].detail, voting.options[0].kind) == (
        card.question.en,
        "metric" if card.is_metric else "kpi",
    )
    room.change(voting.id, "p1", "Ada", first, +1)
    room.change(voting.id, "p1", "Ada", second, +1)
    with pytest.raises(WorkshopError) as too_many:
        room.change(voting.id, "p1", "Ada", first, +1)
    assert too_many.value.code == "vote_too_many" and too_many.value.text("en") == "You have only 2 dots."
    room.change(voting.id, "p2", "Bo", first, +1)
    room.change(voting.id, "p2", "Bo", first, -1)
    room.change(voting.id, "p2", "Bo", first, +1)
    assert room.ballot(voting.id, "p1") == {first: 1, second: 1}
    counted = room.tally(voting)
    assert counted.people == ["Ada", "Bo"]
    assert [(o.id, dots, people) for o, dots, people in counted.results[:2]] == [(first, 2, 2), (second, 1, 1)]
    adoption = room.adoption(planned.id, voting.id, [first, voting.options[2].id], deck.cards, profile)
    assert [o.id for o in adoption.chosen] == [first]  # an option without dots is never adopted
    laid = adoption.change(planned)
    assert [(k.card, k.stage) for k in laid.kpis] == [(first, "conversion")]
    room.close(voting.id)
    with pytest.raises(WorkshopError) as closed:
        room.change(voting.id, "p3", "Cy", first, +1)
    assert closed.value.code == "vote_closed"
    with pytest.raises(WorkshopError) as unknown:
        room.change(voting.id + 99, "p3", "Cy", first, +1)
    assert unknown.value.code == "vote_unknown_code"


def test_a_goals_round_adopts_the_profiles_goals(ws, planned, deck):
    profile = deck.profiles["b2b"]
    voting = ws.voting.open_round(planned, deck.cards, profile, subject="goals", stage="awareness", dots=3)
    assert [o.label for o in voting.options] == [g.title.en for g in profile.goals]
    assert [o.kind for o in voting.options] == ["hard" if g.hard else "soft" for g in profile.goals]
    everything = [o.id for o in voting.options]
    with pytest.raises(WorkshopError) as none_yet:
        ws.voting.adoption(planned.id, voting.id, everything, deck.cards, profile)
    assert none_yet.value.code == "no_votes"
    ws.voting.change(voting.id, "p1", "Ada", voting.options[-1].id, +2)
    adoption = ws.voting.adoption(planned.id, voting.id, everything, deck.cards, profile)
    assert [g.title for g in adoption.change(planned).goals] == [profile.goals[-1].title.en]


def test_phones_join_the_room_once_and_follow_its_rounds(ws, planned, deck):
    profile = deck.profiles["b2b"]
    room = ws.voting.room(planned.id)
    assert ws.voting.room(planned.id).code == room.code  # a standing code: the same every time
    waiting = ws.voting.joined(room.code)
    assert waiting is not None and waiting.follows and waiting.round is None
    assert ws.voting.state_by_code(waiting.code)[1] is None
    first = ws.voting.open_round(planned, deck.cards, profile, subject="cards", stage="awareness", dots=3)
    assert first.code != room.code
    assert ws.voting.state_by_code(waiting.code)[1] == (first.id, True)  # what a waiting phone polls
    assert ws.voting.joined(room.code).round.id == first.id
    ws.voting.close(first.id)
    assert ws.voting.state_by_code(waiting.code)[1] == (first.id, False)
    second = ws.voting.open_round(planned, deck.cards, profile, subject="goals", stage="awareness", dots=3)
    assert ws.voting.state_by_code(waiting.code)[1] == (second.id, True)
    assert ws.voting.joined(room.code).round.title == second.title
    old = ws.voting.joined(first.code)  # a link of an older round shows that round, and only it
    assert old is not None and not old.follows and old.round.id == first.id
    assert ws.voting.state_by_code(old.code)[1] == (first.id, False)
    assert ws.voting.joined("ZZZZZZ") is None


def test_the_screen_follows_what_the_facilitator_shows(ws, planned):
    assert ws.voting.room(planned.id).showing == Showing()
    shown = Showing(view="room", step=2, stage="retention", card="email_signups", deadline=1_900_000_000.5)
    ws.voting.present(planned.id, shown)
    assert ws.voting.room(planned.id).showing == shown
    ws.voting.present(planned.id, Showing(view="workshop"))
    assert ws.voting.room(planned.id).showing.view == "workshop"


def test_a_tie_at_the_cut_is_shown_not_decided(ws, planned, deck):
    profile = deck.profiles["b2b"]
    voting = ws.voting.open_round(planned, deck.cards, profile, subject="cards", stage="consideration", dots=3)
    a, b, c, d, e = (o.id for o in voting.options[:5])
    for person, ballot in {"p1": {a: 3}, "p2": {b: 2, c: 1}, "p3": {d: 1, e: 1}, "p4": {c: 1, d: 1}}.items():
        for option, dots in ballot.items():
            ws.voting.change(voting.id, person, person, option, dots)
    top = ws.voting.tally(voting).top(3)  # a 3, b 2, c 2, d 2, e 1: three tied for the third place
    assert [o.id for o in top.sure] == [a]
    assert sorted(o.id for o in top.tied) == sorted([b, c, d]) and top.spots == 2 and top.has_tie


@pytest.mark.parametrize(
    ("dots", "count", "sure", "tied", "spots"),
    [
        ([5, 4, 3, 1], 3, "ABC", "", 0),  # no tie at the cut
        ([5, 4, 4, 1], 3, "ABC", "", 0),  # equal dots inside the top: no choice to make
        ([5, 2, 2, 2], 3, "A", "BCD", 2),  # three tied for two places
        ([2, 2, 2, 2], 1, "", "ABCD", 1),  # everyone tied for the only place
        ([3, 1, 0, 0], 3, "AB", "", 0),  # no dots, no place: fewer winners than asked
        ([0, 0, 0, 0], 3, "", "", 0),
    ],
)
def test_the_top_is_cut_at_a_tie_never_inside_it(dots, count, sure, tied, spots):
    options = [Option(letter, letter) for letter in "ABCD"]
    results = [(o, d, d) for o, d in zip(options, dots, strict=True)]
    top = selection(results, count)
    assert ("".join(o.id for o in top.sure), "".join(o.id for o in top.tied), top.spots) == (sure, tied, spots)
    assert top.has_tie == (len(tied) > spots > 0)


def test_nothing_left_to_vote_on_is_said(ws, deck):
    strategy = Strategy(name="No profile", goals=[Goal(title="x")])
    stored = ws.strategies.create(strategy, "created").strategy
    with pytest.raises(WorkshopError) as nothing:
        ws.voting.open_round(stored, deck.cards, None, subject="goals", stage="awareness", dots=3)
    assert nothing.value.code == "no_options"


def test_branding_is_remembered_and_the_pdf_carries_the_review(ws, stored, deck):
    pypdf = pytest.importorskip("pypdf")
    strategy = stored.strategy
    assert ws.reports.branding(strategy.id) == Branding()
    ws.reports.remember_branding(strategy.id, Branding(author="Cora Consult", color="#1d4fb8", footer="Vertraulich"))
    assert ws.reports.branding(strategy.id).author == "Cora Consult"

    def words(document: bytes) -> str:
        return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(document)).pages)

    before = words(ws.reports.pdf(strategy, deck))  # no check yet: no check page
    assert deck.profiles[strategy.industry_profile].title.en in before
    assert "Cora Consult" in before and "Vertraulich" in before
    assert "saved checks" not in before  # no check yet: no review
    uploads = Uploads()
    uploads.keep("crm.csv", CRM)
    kept = ws.checks.run(strategy, stored.version, deck.with_custom(strategy.custom_cards), uploads.read_all())
    text = words(ws.reports.pdf(strategy, deck))
    leads, qualified = _crm_sums()
    assert f"{100 * qualified / leads:.2f}%" in text  # the check's figure, as the page shows it
    assert kept.check_id and "From 1 saved check." in text  # the review, made from the one check
    assert "KPIs met" in text


def test_a_machine_without_the_pdf_libraries_is_told_what_to_install(monkeypatch, stored, deck):
    from impact.report.pdf import ReportUnavailable
    from workshop import reports

    def missing(_data):
        raise ReportUnavailable("libpango-1.0.so.0: cannot open shared object file")

    monkeypatch.setattr(reports, "build_pdf", missing)
    with pytest.raises(WorkshopError) as refused:
        reports.pdf(stored.strategy, deck, Branding())
    error = refused.value
    assert error.code == "pdf_unavailable" and error.detail.startswith("libpango-1.0.so.0")
    assert "libpango-1.0.so.0: cannot open" in error.text("en") and "apt-get install" in error.text("de")


def test_the_kpi_plan_workbook_is_one_a_controller_keeps_using(ws, stored, deck):
    from datetime import datetime

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from impact.model import STAGES

    strategy = stored.strategy
    ws.reports.remember_branding(strategy.id, Branding(color="#0a7d5a"))
    uploads = Uploads()
    uploads.keep("crm.csv", CRM)
    ws.checks.run(strategy, stored.version, deck.with_custom(strategy.custom_cards), uploads.read_all())
    book = load_workbook(io.BytesIO(ws.reports.workbook(strategy, deck)))
    assert book.sheetnames == ["KPI plan", "Goals", "Latest review"]
    plan = book["KPI plan"]
    headers = [c.value for c in plan[1]]
    rows = [[c.value for c in row] for row in plan.iter_rows(min_row=2)]
    titles = [row[headers.index("KPI")] for row in rows]
    assert sorted(titles) == sorted(deck.cards[k.card].title.en for k in strategy.kpis)
    stage_names = [row[headers.index("Stage")] for row in rows]
    ranks = [next(s for s in STAGES if _stage_word(s) == name) for name in stage_names]
    assert [STAGES.index(r) for r in ranks] == sorted(STAGES.index(r) for r in ranks)  # rows in stage order
    for sheet in book.worksheets:  # a filter over the table, the header frozen and in the brand colour
        assert sheet.auto_filter.ref == sheet.dimensions
        assert sheet.freeze_panes in ("A2", "C2")
        assert all(c.fill.fgColor.rgb.endswith("0A7D5A") and c.font.b for c in sheet[1])
        for column, cells in enumerate(sheet.iter_cols(), start=1):  # as wide as the content, long text wrapped
            width = sheet.column_dimensions[get_column_letter(column)].width
            longest = max(
                10 if isinstance(c.value, datetime) else len(str(c.value)) for c in cells if c.value is not None
            )
            assert width >= min(longest, 48), (sheet.title, column, width, longest)
            assert width <= max(longest, 8) + 2, (sheet.title, column, width, longest)
    deadline = plan.cell(row=2, column=headers.index("Deadline") + 1)
    goal = strategy.goal(strategy.kpis[0].goal)
    assert goal.deadline and any(isinstance(r[headers.index("Deadline")], datetime) for r in rows)  # dates as dates
    assert deadline.number_format in ("YYYY-MM-DD", "DD.MM.YYYY")
    targets = [r[headers.index("Target")] for r in rows]
    assert all(isinstance(v, int | float) for v in targets if v is not None)  # numbers as numbers
    assert sorted(v for v in targets if v is not None) == sorted(
        k.target for k in strategy.kpis if k.target is not None
    )
    goals = book["Goals"]
    assert [c.value for c in goals["A"][1:]] == [g.title for g in strategy.goals]
    review = book["Latest review"]
    assert [c.value for c in review[1]][:3] == ["KPI", "Stage", "Status"]
    assert review.max_row == len(strategy.kpis) + 1
    leads, qualified = _crm_sums()
    actuals = [c.value for c in review["E"][1:] if isinstance(c.value, int | float)]
    assert any(abs(a - 100 * qualified / leads) < 1e-6 for a in actuals)  # the check's own figure, a number


def _stage_word(stage: str) -> str:
    from impact.i18n import t as words

    return words(f"stage.{stage}", "en")


def test_dates_without_a_year_are_read_before_the_day_the_check_is_for():
    export = b"Date,Leads\nDecember 30,2\nDecember 31,3\nJanuary 1,4\n"
    uploads = Uploads(today=date(2027, 1, 10))
    uploads.keep("export.csv", export)
    [read] = uploads.read_all()
    assert read.result.period == (date(2026, 12, 30), date(2027, 1, 1))
    assert uploads.read_with("export.csv", None).result.period == read.result.period
