"""Projector mode and the room view through AppTest."""

from html import escape

from impact.voting import Option
from storage.db import make_engine
from storage.repository import load_strategy
from storage.voting import cast, open_round, room_for
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


def _bodies(at) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


def test_the_tally_shows_a_card_title_as_text_and_labels_its_numbers(open_app, db_url, deck):
    at, stored = _open(open_app, deck)
    engine = make_engine(db_url)
    hostile = "![i](http://host.invalid/x) <img src=x onerror=alert(1)>"
    voting = open_round(
        engine,
        stored.id,
        subject="cards:awareness",
        title="Round",
        options=[Option("c1", hostile), Option("c2", "Plain")],
        dots=3,
    )
    cast(engine, voting.id, "p1", "Ada", {"c1": 2, "c2": 1})
    cast(engine, voting.id, "p2", "Bo", {"c1": 1})
    at.switch_page("views/workshop.py").run()
    assert not at.exception
    tally = next(h.proto.body for h in at.get("html") if "iw-tally" in h.proto.body)
    assert escape(hostile) in tally and "<img src=x" not in tally  # text, never markup
    assert "3 dots · 2 people" in tally and "1 dot · 1 person" in tally
    assert any("2 people voted" in m.value for m in at.markdown)


def test_a_tie_is_offered_to_the_facilitator_who_decides(open_app, db_url, deck):
    at, stored = _open(open_app, deck)
    engine = make_engine(db_url)
    options = [Option(f"o{n}", f"Option {n}") for n in range(5)]
    voting = open_round(engine, stored.id, subject="goals", title="Goals", options=options, dots=3)
    cast(engine, voting.id, "p1", "Ada", {"o0": 3})
    cast(engine, voting.id, "p2", "Bo", {"o1": 2, "o2": 1})
    cast(engine, voting.id, "p3", "Cy", {"o2": 1, "o3": 2})  # 3 / 2 / 2 / 2 / 0: three tied for two places
    at.switch_page("views/workshop.py").run()
    assert not at.exception
    assert any("Tie (2 dots each) for the last 2 places" in m.value for m in at.markdown)
    assert _bodies(at).count('class="iw-tie"') == 3
    assert at.button(key="workshop_adopt_chosen").disabled  # nothing is decided for the room
    assert at.button(key="workshop_adopt_all").label == "Adopt all 4 and close"
    [choice] = [g for g in at.get("button_group") if g.proto.label == "Which of the tied options?"]
    assert sorted(choice.proto.options[i].content for i in range(len(choice.proto.options))) == [
        "Option 1",
        "Option 2",
        "Option 3",
    ]


def test_a_goals_round_has_no_stage_to_choose(open_app, deck):
    at, _ = _open(open_app, deck)
    at.switch_page("views/workshop.py").run()
    assert at.selectbox(key="workshop_stage")
    at.segmented_control(key="workshop_subject").set_value("goals").run()
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "workshop_stage"]


def test_the_screen_window_shows_what_the_presenter_shows_and_has_no_controls(open_app, app, db_url, deck):
    at, stored = _open(open_app, deck)
    at.switch_page("views/room.py").run()
    for _ in range(2):
        at.button(key="room_next").click().run()
    card = next(k.card for k in load_strategy(make_engine(db_url), stored.id)[0].kpis_in("awareness"))
    opener = next(b for b in at.button if b.key and b.key.startswith("room_open_"))
    opener.click().run()
    assert not at.exception
    showing = room_for(make_engine(db_url), stored.id).showing
    assert (showing.view, showing.step, showing.stage, showing.card) == ("room", 2, "awareness", card)

    screen = app("en")  # another browser window, opened with the screen link
    screen.query_params.update({"screen": "1", "strategy": stored.id})
    screen.run()
    assert not screen.exception
    assert screen.markdown[0].value == "## Step 3 of 5: KPI board"
    assert any(m.value.startswith("# ") for m in screen.markdown)  # the card opened large
    assert not screen.button and not screen.text_input  # no controls
