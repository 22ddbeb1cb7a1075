"""Impact Workshop: router and shared frame around every page."""

from pathlib import Path

import streamlit as st

from impact.deck import DeckError
from impact.health import health_score
from impact.hyphenation import hyphenate
from ui import access, presenter, state
from ui.components import md_escape
from ui.guide import render_progress
from ui.state import tr
from ui.theme import projector_css
from ui.widget_texts import render_widget_texts
from workshop import WorkshopError

st.set_page_config(page_title="Impact Workshop", page_icon="🎯", layout="wide")
state.init()
state.hold_language()  # the run's callbacks are done: the language is read once from here on
# Not a widget key: st.switch_page clears widget state, a choice like this must survive it.
st.session_state.setdefault("guided_mode", st.query_params.get("guided") == "1")

try:
    state.deck()
except DeckError as exc:  # a broken card file must stop the app with its own words
    st.error(tr("app.deck_error"))
    st.code("\n".join(exc.problems), language=None)
    st.stop()

try:
    state.store()
except WorkshopError as exc:  # a wrong DATABASE_URL or an unreachable server: say so, plainly
    import logging

    # The address, user and database name go to the server's log, never to the screen:
    # the page may be seen by anyone, before any sign-in.
    logging.getLogger("impact").error("the database cannot be used: %s", exc.detail)
    st.error(tr("app.database_error"))
    st.stop()

st.html(Path(__file__).with_name("ui").joinpath("style.css"))
render_widget_texts()  # Streamlit's own English words, in German where the reader reads German

if st.query_params.get("join"):  # a participant's phone: the voting page and nothing else
    st.navigation([st.Page("views/vote.py", title=tr("vote.title"), url_path="vote")], position="hidden").run()
    st.stop()

access_config = access.config()
access.gate()  # a hosted installation: nothing below is reachable without a workspace

wanted = st.query_params.get("strategy")
strategy = state.current()
address_errors: list[WorkshopError] = []  # a link to a strategy this workspace does not have: said on the page
opened_from_address = bool(
    wanted and (strategy is None or strategy.id != wanted) and state.open_strategy(wanted, address_errors.append)
)
if st.query_params.get("screen") == "1":  # the projector's window: follows the facilitator, no controls
    st.html(projector_css())
    screen = st.Page("views/screen.py", title=tr("workshop.screen_link"), url_path="screen")
    st.navigation([screen], position="hidden").run()
    st.stop()

PAGES = [
    ("views/start.py", "start", "🏁"),
    ("views/profile.py", "profile", "🏭"),
    ("views/goals.py", "goals", "⛳"),
    ("views/board.py", "board", "🃏"),
    ("views/owners.py", "owners", "👥"),
    ("views/strategy.py", "strategy", "📋"),
    ("views/check.py", "check", "📊"),
    ("views/review.py", "review", "📈"),
    ("views/workshop.py", "workshop", "🗳️"),
    ("views/room.py", "room", "📽️"),
]
pages = [
    st.Page(path, title=f"{index}. {tr('nav.' + name)}", icon=icon, url_path=name, default=index == 1)
    for index, (path, name, icon) in enumerate(PAGES, start=1)
]
page = st.navigation(pages)
asked_for = access.wanted_page()  # the page a link named before the sign-in came in between
if asked_for and asked_for != page.url_path and asked_for in {name for _, name, _ in PAGES}:
    st.switch_page(next(p for p in pages if p.url_path == asked_for))
if opened_from_address:  # a bookmark of the start page continues where the person stopped
    resume_at = state.take_resume_page()
    if resume_at and page.url_path in ("", "start"):
        st.switch_page(resume_at)
state.keep_in_url()  # a page switch drops query parameters; a reload must still find the strategy
state.remember_place(page.url_path)


def _projector(on: bool) -> None:
    st.session_state["projector"] = on
    if on:
        st.query_params["projector"] = "1"
    else:
        st.query_params.pop("projector", None)


st.session_state.setdefault("projector", st.query_params.get("projector") == "1")
if st.session_state["projector"]:
    st.html(projector_css())
    presenter.render_projector_nav(pages, page.url_path)


with st.sidebar:
    state.render_language_choice("app_lang")
    st.button(tr("app.projector_on"), on_click=_projector, args=(True,), key="app_projector_on", icon="📽️")
    st.toggle(
        tr("guide.toggle"),
        value=st.session_state["guided_mode"],
        key="app_guided",
        help=tr("guide.toggle_help"),
        on_change=lambda: st.session_state.update(guided_mode=st.session_state["app_guided"]),
    )
    render_progress()
    access.render_account(access_config)
    if access_config.mode != "login":  # signed-in accounts bring their own name
        st.text_input(
            tr("access.your_name"),
            value=st.session_state.get(state.KEY_AUTHOR) or "",
            key="app_author",
            max_chars=100,
            on_change=lambda: st.session_state.update(
                {state.KEY_AUTHOR: st.session_state["app_author"], state.KEY_AUTHOR_RESTORED: False}
            ),
        )
        if st.session_state.get(state.KEY_AUTHOR_RESTORED):  # a shared installation: say whose name it is
            st.caption(tr("access.name_restored"))
    strategy = state.current()
    if strategy is not None:
        st.caption(tr("app.current"))
        st.markdown(f"**{md_escape(hyphenate(strategy.name, state.lang()))}**")
        passed, total = health_score(state.health())
        st.progress(passed / total, text=tr("app.health", passed=passed, total=total))
        if st.session_state.get(state.KEY_CONFLICT) or st.session_state.get(state.KEY_UNSAVED) is not None:
            st.error(tr("app.not_saved_short"), icon="⚠️")
        else:
            st.caption(tr("app.version", version=st.session_state[state.KEY_VERSION]))

for error in address_errors:
    if error.code == "not_found" and access_config.enabled:
        st.warning(tr("app.not_in_workspace", id=md_escape(str(wanted)), workspace=md_escape(state.workspace())))
    else:
        st.warning(md_escape(error.text(state.lang())))  # the id came from the address: text, never markup
try:
    page.run()
except Exception:
    import logging

    logging.getLogger("impact").exception("page %s failed", page.url_path)
    st.error(tr("app.page_error"))
