"""A participant's phone: join a round with its code, enter a name, place the dots.

Nothing here reads a strategy: the code names a round, the round carries its own
option labels. Every change is saved at once, so a reload keeps the dots.
"""

from __future__ import annotations

import secrets

import streamlit as st

from impact.voting import Round, normalise_code
from ui import access, state
from ui.markdown import md_escape
from ui.state import tr
from workshop import WorkshopError
from workshop.access import waiting

code = normalise_code(st.query_params.get("join"))


def _join(code: str) -> Round | None:
    """The round the code names. Codes are tried per device address: a few slips are
    fine, guessing is slowed down and then refused for a while (every app process
    counts the same); a phone already in the round is not asked again."""
    if st.session_state.get("vote_joined") == code:
        return room.by_code(code)
    keeper, here = access.gatekeeper(), access.source()
    wait = keeper.join_wait(here)
    if wait:
        st.title(tr("vote.title"))
        st.error(waiting("join_wait", wait).text(state.lang()))
        st.stop()
    voting = room.by_code(code)
    if voting is None and code:
        keeper.join_failed(here)
    elif voting is not None:
        st.session_state["vote_joined"] = code
    return voting


if "p" not in st.query_params:  # who I am survives a reload of the phone
    st.query_params["p"] = secrets.token_urlsafe(12)
participant = str(st.query_params["p"])[:40]

room = state.workshop().voting
try:
    voting = _join(code)
except WorkshopError as error:
    st.error(error.text(state.lang()))
    st.stop()

if voting is None:
    st.title(tr("vote.title"))
    st.error(tr("vote.unknown_code", code=code or "—"))
    entered = st.text_input(tr("vote.enter_code"), key="vote_code_input", max_chars=8)
    if entered:
        st.query_params["join"] = normalise_code(entered)
        st.rerun()
    st.stop()

st.title(md_escape(voting.title))
if not voting.is_open:
    st.info(tr("vote.closed"))
    st.stop()

try:
    mine = room.ballot(voting.id, participant)
except WorkshopError as error:
    st.error(error.text(state.lang()))
    st.stop()
st.session_state.setdefault("vote_name", st.query_params.get("name", ""))


def _remember_name() -> None:
    st.query_params["name"] = (st.session_state.get("vote_name") or "").strip()[:60]


def _change(option_id: str, delta: int) -> None:
    name = (st.session_state.get("vote_name") or "").strip()
    if not name:
        st.session_state["vote_error"] = tr("vote.name_first")
        return
    try:
        state.workshop().voting.change(voting.code, participant, name, option_id, delta)
    except WorkshopError as error:
        st.session_state["vote_error"] = error.text(state.lang())
        return
    st.session_state.pop("vote_error", None)


st.text_input(
    tr("vote.name"), key="vote_name", max_chars=60, on_change=_remember_name, placeholder=tr("vote.name_placeholder")
)
used = sum(mine.values())
st.markdown(f"### {tr('vote.dots_left', left=voting.dots - used, total=voting.dots)}")
if st.session_state.get("vote_error"):
    st.error(st.session_state["vote_error"])
for option in voting.options:
    count = mine.get(option.id, 0)
    with st.container(border=True):
        st.markdown(f"**{md_escape(option.label)}**  \n" + ("🔵 " * count if count else "·"))
        minus, plus = st.columns(2)
        minus.button(
            "−",
            key=f"vote_minus_{option.id}",
            on_click=_change,
            args=(option.id, -1),
            disabled=count == 0,
            width="stretch",
        )
        plus.button(
            "+",
            key=f"vote_plus_{option.id}",
            on_click=_change,
            args=(option.id, 1),
            type="primary",
            disabled=used >= voting.dots,
            width="stretch",
        )
st.caption(tr("vote.saved_note"))
