"""A participant's phone: join the room with its code, enter a name, place the dots.

Nothing here reads a strategy: the code names a room (or an older round), each round
carries its own option labels. Every change is saved at once, so a reload keeps the
dots; a new round, or the end of one, appears by itself within two seconds.
"""

from __future__ import annotations

import json
import secrets
from html import escape

import streamlit as st

from impact.voting import Option, normalise_code
from ui import access, state
from ui.markdown import md_escape
from ui.state import tr, trn
from workshop import WorkshopError
from workshop.access import waiting
from workshop.voting import Joined

code = normalise_code(st.query_params.get("join"))
st.html("<style>.stMainBlockContainer { padding-top: 1.5rem !important; }</style>")  # a phone's screen is short


def _join(code: str) -> Joined | None:
    """What the code opens. Codes are tried per device address: a few slips are fine,
    guessing is slowed down and then refused for a while (every app process counts the
    same); a phone already in the room is not asked again."""
    if st.session_state.get("vote_joined") == code:
        return room.joined(code)
    keeper, here = access.gatekeeper(), access.source()
    wait = keeper.join_wait(here)
    if wait:
        st.title(tr("vote.title"))
        st.error(waiting("join_wait", wait).text(state.lang()))
        st.stop()
    joined = room.joined(code)
    if joined is None and code:
        keeper.join_failed(here)
    elif joined is not None:
        st.session_state["vote_joined"] = code
    return joined


if "p" not in st.query_params:  # who I am survives a reload of the phone
    st.query_params["p"] = secrets.token_urlsafe(12)
participant = str(st.query_params["p"])[:40]

room = state.workshop().voting
try:
    joined = _join(code)
except WorkshopError as error:
    st.error(error.text(state.lang()))
    st.stop()

if joined is None:
    st.title(tr("vote.title"))
    st.error(tr("vote.unknown_code", code=code or "—"))
    entered = st.text_input(tr("vote.enter_code"), key="vote_code_input", max_chars=8)
    if entered:
        st.query_params["join"] = normalise_code(entered)
        st.rerun()
    st.stop()
voting = joined.round
shown = (voting.id, voting.is_open) if voting else None


def follow() -> None:
    """Every two seconds the phone asks ``/_impact/room`` (web/routes.py) whether the
    facilitator opened the next round or closed this one; when the answer differs from
    what it shows, it presses the page's hidden "follow" button and the page redraws.
    No one taps or reloads, and a waiting room costs the server a small request per
    phone, not a rerun."""
    st.button("follow", key="vote_follow")  # hidden (style below); pressed by the script
    what = "" if shown is None else f"{shown[0]}:{int(shown[1])}"
    script = f"""<style>.st-key-vote_follow {{ display: none !important; }}</style><script>(function () {{
  const url = {json.dumps(state.own_route("room?code="))} + encodeURIComponent({json.dumps(code)});
  const shown = {json.dumps(what)};
  if (window.iwFollow) clearInterval(window.iwFollow);
  window.iwFollow = setInterval(async function () {{
    try {{
      const answer = await fetch(url, {{cache: "no-store", credentials: "same-origin"}});
      if (!answer.ok) return;
      if ((await answer.json()).state === shown) return;
      clearInterval(window.iwFollow);
      window.iwFollow = null;
      const button = document.querySelector(".st-key-vote_follow button");
      if (button) button.click();
    }} catch (e) {{}}
  }}, 2000);
}})();</script>"""
    st.html(script, unsafe_allow_javascript=True)


if voting is None:
    st.title(tr("vote.title"))
    st.info(tr("vote.waiting"), icon="⏳")
    follow()
    st.stop()

st.subheader(md_escape(voting.title))
if not voting.is_open:
    st.info(tr("vote.closed_follow") if joined.follows else tr("vote.closed"))
    if joined.follows:
        follow()
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
        state.workshop().voting.change(voting.id, participant, name, option_id, delta)
    except WorkshopError as error:
        st.session_state["vote_error"] = error.text(state.lang())
        return
    st.session_state.pop("vote_error", None)


BADGES = {
    "kpi": ("iw-badge-kpi", "card.kpi_badge"),
    "metric": ("iw-badge-metric", "card.metric_badge"),
    "hard": ("iw-badge-hard", "vote.kind_hard"),
    "soft": ("iw-badge-soft", "vote.kind_soft"),
}


def option_html(option: Option, count: int) -> str:
    """The option as the phone shows it: title and badge (a metric says it is not a KPI),
    the card's question, and how many of my dots are on it."""
    style, words = BADGES.get(option.kind, ("", ""))
    badge = f' <span class="iw-badge {style}">{escape(tr(words))}</span>' if style else ""
    parts = [f'<div class="iw-ballot-label">{escape(option.label)}{badge}</div>']
    if option.detail:
        parts.append(f'<div class="iw-ballot-q">{escape(option.detail)}</div>')
    if count:
        parts.append(f'<div class="iw-ballot-mine">{"● " * count}{escape(trn("vote.your_dots", count))}</div>')
    return "".join(parts)


st.text_input(
    tr("vote.name"), key="vote_name", max_chars=60, on_change=_remember_name, placeholder=tr("vote.name_placeholder")
)
used = sum(mine.values())
st.markdown(f"**{trn('vote.dots_left', voting.dots, left=voting.dots - used)}**")
if st.session_state.get("vote_error"):
    st.error(st.session_state["vote_error"])
for option in voting.options:
    count = mine.get(option.id, 0)
    with st.container(border=True, key=f"vote_row_{option.id}"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small", wrap=False):
            st.html(option_html(option, count), width="stretch")
            st.button(
                "−",
                key=f"vote_minus_{option.id}",
                on_click=_change,
                args=(option.id, -1),
                disabled=count == 0,
                help=tr("vote.remove", option=md_escape(option.label)),
            )
            st.button(
                "+",
                key=f"vote_plus_{option.id}",
                on_click=_change,
                args=(option.id, 1),
                type="primary",
                disabled=used >= voting.dots,
                help=tr("vote.add", option=md_escape(option.label)),
            )
st.caption(tr("vote.saved_note"))
follow()
