"""Projector mode and the room view through AppTest."""

from storage.db import make_engine
from storage.repository import load_strategy
from tests.factories import big_strategy


def _open(open_app, deck):
    return open_app(big_strategy(deck, 10).model_copy(update={"language": "en"}))


def test_projector_mode_hides_the_chrome_and_is_kept_in_the_url(open_app, deck):
    at, _ = _open(open_app, deck)
    at.button(key="app_projector_on").click().run()
    assert not at.exception
    css = " ".join(h.proto.body for h in at.get("html"))
    assert 'data-testid="stSidebar"' in css and "font-size: calc(100vh * 24 / 1080)" in css
    assert at.query_params["projector"] in ("1", ["1"])
    at.button(key="app_projector_off").click().run()
    assert "100vh * 24 / 1080" not in " ".join(h.proto.body for h in at.get("html"))


def test_the_room_moves_step_by_step_with_big_buttons_and_parks_questions(open_app, db_url, deck):
    at, stored = _open(open_app, deck)
    at.switch_page("views/room.py").run()
    assert not at.exception
    assert at.markdown[0].value.startswith("## Step 1 of 5: Industry profile")
    at.button(key="room_next").click().run()
    at.button(key="room_next").click().run()
    assert at.markdown[0].value.startswith("## Step 3 of 5: KPI board")
    assert any("Awareness" in m.value for m in at.markdown)
    at.button(key="room_stage_next").click().run()
    assert any("Consideration" in m.value for m in at.markdown)
    at.button(key="room_timer_start").click().run()
    assert any("iw-timer" in h.proto.body for h in at.get("html"))
    at.text_input(key="room_question").input("Who owns the CRM export?")
    [park] = [b for b in at.button if b.label == "Park it"]
    park.click().run()
    assert not at.exception
    assert load_strategy(make_engine(db_url), stored.id)[0].parking_lot == ["Who owns the CRM export?"]
