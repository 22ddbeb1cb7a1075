"""The review and the check page through AppTest, as the bakery owner uses them: three
monthly uploads (October, November, then a corrected October), the review's summary and
tiles, a removed file that stays removed, and saved checks told apart and kept in view."""

from __future__ import annotations

from tests.monthly import CORRECTED, NOVEMBER, UPLOADS, bakery_plan, month_sums


def _upload(at, name: str, data: bytes) -> None:
    at.file_uploader[0].set_value([(name, data, "text/csv")]).run()
    assert not at.exception


def _check_each_month(at) -> None:
    for name, data in UPLOADS:
        _upload(at, name, data)
        at.button(key="check_run").click().run()
        assert not at.exception
        at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("check_remove_"))).click().run()
        assert not at.exception


def test_three_monthly_uploads_make_one_review_with_the_corrected_october(open_app):
    at, _stored = open_app(bakery_plan(), "views/check.py", lang="de")
    _check_each_month(at)
    at.switch_page("views/review.py").run()
    assert not at.exception
    assert at.subheader[0].value == "Nov. 2026: 0 von 2 KPIs erreicht, 1 auf Kurs, 1 ohne Daten"
    assert any(
        "Keine Datei hatte diese Eingangswerte: Anrufe (1 KPI), Routenanfragen (1 KPI)" in i.value.replace("\\", "")
        for i in at.info
    )
    [metric] = [m for m in at.metric if m.label.startswith("Vorbestellungen")]
    november, corrected = month_sums(NOVEMBER[1]), month_sums(CORRECTED[1])
    assert metric.value == f"{november['2026-11']:.0f}"
    assert metric.delta == f"+{november['2026-11'] - corrected['2026-10']:.0f}"  # against the corrected October
    [history] = [d.value for d in at.dataframe]
    assert list(history["Zeitraum"]) == ["Sept. 2026", "Okt. 2026", "Nov. 2026"]
    assert history["Dateien"][1] == CORRECTED[0] and "ersetzt" in history["Hinweis"][1]
    # the same review one KPI at a time, for the projector
    at.session_state["projector"] = True
    at.run()
    assert not at.exception and len([m for m in at.metric]) == 1


def test_a_removed_file_stays_removed_and_is_not_checked(open_app):
    at, _stored = open_app(bakery_plan(lang="en"), "views/check.py", lang="en")
    _upload(at, *NOVEMBER)
    [remove] = [b for b in at.button if b.key and b.key.startswith("check_remove_")]
    remove.click().run()
    at.run()  # the uploader hands the file back on every rerun
    assert not [b for b in at.button if b.key and b.key.startswith("check_remove_")]
    assert NOVEMBER[0] not in "\n".join(m.value for m in at.markdown)


def test_saved_checks_are_told_apart_and_the_shown_one_stays_when_guided_mode_changes(open_app):
    at, _stored = open_app(bakery_plan(lang="en"), "views/check.py", lang="en")
    _check_each_month(at)
    shown = at.selectbox(key="check_shown")
    labels = shown.options  # as shown: numbered, with seconds, and the files
    assert len(set(labels)) == 3 and labels[0].startswith("No. 3 · ") and labels[-1].startswith("No. 1 · ")
    # each with what it said: October's file 9 then 16 (two months, short of 20), the corrected October 20
    assert labels[-1].endswith(f"{UPLOADS[0][0]} · 0 of 2 KPIs met, 1 at risk, 1 without data")
    assert labels[0].endswith(f"{UPLOADS[2][0]} · 1 of 2 KPIs met, 1 without data")
    shown.select_index(2).run()
    oldest = at.selectbox(key="check_shown").value
    assert oldest != at.selectbox(key="check_shown").options[0]
    at.toggle(key="app_guided").set_value(True).run()
    assert not at.exception
    assert at.selectbox(key="check_shown").value == oldest
    at.toggle(key="app_guided").set_value(False).run()
    assert at.selectbox(key="check_shown").value == oldest
