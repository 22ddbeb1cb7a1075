"""Presenter and screen: the facilitator's laptop drives, a window opened with the screen
link (on the projector, or a second screen) follows its step, card and round.

What the facilitator shows is kept in the database (the room's ``Showing``), so the
screen window follows from any app process; it is written only when it changes.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from ui import state
from ui.round_stage import base_url
from ui.state import tr
from workshop import WorkshopError
from workshop.voting import Showing

KEY_PRESENTED = "presenter_shown"


def present(showing: Showing) -> None:
    """Tell the screen window what this page shows now (nothing is written when it is
    what was told last: a rerun of the page costs no write)."""
    strategy = state.current()
    if strategy is None or not strategy.id:
        return
    told = (strategy.id, showing)
    if st.session_state.get(KEY_PRESENTED) == told:
        return
    try:
        state.workshop().voting.present(strategy.id, showing)
    except WorkshopError:  # the screen window lags behind; the facilitator's page carries on
        return
    st.session_state[KEY_PRESENTED] = told


def screen_url() -> str:
    strategy = state.current()
    params = {"screen": "1", "strategy": strategy.id if strategy and strategy.id else "", "lang": state.lang()}
    if state.workspace():
        params["ws"] = state.workspace()
    return f"{base_url()}/?{urlencode(params)}"


def render_screen_link() -> None:
    st.link_button(
        tr("workshop.screen_link"), screen_url(), icon="🖥️", help=tr("workshop.screen_help"), key="presenter_screen"
    )


def render_projector_nav(pages: list[st.Page], here: str) -> None:
    """Projector mode hides the sidebar: a compact row of the steps stays, with the screen
    link and the way out of projector mode at its end, small."""

    def leave() -> None:
        st.session_state["projector"] = False
        st.query_params.pop("projector", None)

    with st.container(horizontal=True, key="projector_nav", gap="small", vertical_alignment="center"):
        for page in pages:  # the page on the screen by its name, the others by number and icon
            number = page.title.split(".", 1)[0]
            st.page_link(page, label=page.title if page.url_path == here else number, icon=page.icon, help=page.title)
        render_screen_link()
        st.button(tr("app.projector_off"), on_click=leave, key="app_projector_off", icon="🖥️", type="tertiary")
