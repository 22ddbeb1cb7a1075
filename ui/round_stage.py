"""The voting as the room sees it: the room's code, QR and address to join by, and the
tally with its numbers labelled ("7 dots · 5 people") and a tie marked as a tie.

The facilitator's page and the screen window draw it with these same functions; only
the facilitator's page adds the round's actions. Every label is escaped: a card title
is text, never markup (a title like ``![i](http://host/x)`` must not make the
projector's browser fetch anything).
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

import segno
import streamlit as st

from ui import state
from ui.state import tr, trn
from workshop import WorkshopError
from workshop.voting import Round, Selection, Tally


def base_url() -> str:
    """The address the browser reached the app at (behind a proxy: the proxy's)."""
    url = st.context.url if isinstance(st.context.url, str) else ""
    parts = urlsplit(url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}"


def join_link(code: str) -> str:
    return f"{base_url()}/?join={code}"


def join_html(code: str) -> str:
    """Code, address and QR in one block: sized to the screen's height, so that all three
    stay in view at 720 px as at 1080 px."""
    link = join_link(code)
    shown = link.split("://", 1)[-1]
    qr = segno.make(link, error="m").png_data_uri(scale=8, border=2)
    return (
        '<div class="iw-join">'
        f'<div class="iw-join-label">{escape(tr("workshop.join_at"))}</div>'
        f'<div class="iw-join-url">{escape(shown)}</div>'
        f'<div class="iw-join-code" aria-label="{escape(tr("workshop.room_code"))}">{escape(code)}</div>'
        f'<img class="iw-join-qr" src="{qr}" alt="{escape(tr("workshop.scan"))}">'
        f'<div class="iw-join-scan">{escape(tr("workshop.scan"))}</div>'
        "</div>"
    )


def tally_html(counted: Tally, top: Selection | None) -> str:
    """One compact row per option: label, a bar scaled to the most dots, and the numbers
    with their units; options tied at the cut carry a "tie" mark."""
    most = max([dots for _, dots, _ in counted.results] + [1])
    tied = {o.id for o in top.tied} if top is not None and top.has_tie else set()
    rows = []
    for option, dots, people in counted.results:
        mark = f' <span class="iw-tie">{escape(tr("workshop.tied"))}</span>' if option.id in tied else ""
        numbers = f"{trn('workshop.dots_n', dots)} · {trn('workshop.people_n', people)}"
        rows.append(
            f'<div class="iw-tally-row{" iw-tied" if mark else ""}">'
            f'<div class="iw-tally-label">{escape(option.label)}{mark}</div>'
            f'<div class="iw-tally-bar"><span style="width:{100 * dots / most:.0f}%"></span></div>'
            f'<div class="iw-tally-n">{escape(numbers)}</div></div>'
        )
    return f'<div class="iw-tally">{"".join(rows)}</div>'


def count(voting: Round) -> Tally | None:
    try:
        return state.workshop().voting.tally(voting)
    except WorkshopError as error:
        st.error(error.text(state.lang()))
        return None


def render_tally(voting: Round) -> None:
    """The round's tally, read only (the screen window, a closed round)."""
    counted = count(voting)
    if counted is None:
        return
    st.markdown(f"**{trn('workshop.tally', len(counted.people))}**")
    st.html(tally_html(counted, counted.top()))
