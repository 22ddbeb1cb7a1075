"""The strategy page's history: who saved what when, a diff of any two versions, restore."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from impact.formatting import format_moment_span, quoted
from impact.model import Strategy
from impact.sittings import Sitting, Version, sittings
from ui import state
from ui.markdown import md_escape
from ui.state import lang, tr, trn
from workshop import WorkshopError

SITTINGS_SHOWN = 30  # expanders on the page; the selectors below reach every version


def _when(created: datetime) -> str:
    return state.moment(created)


def _restore() -> None:
    version = st.session_state.get("strategy_restore_version")
    if version:
        state.restore(int(version))


def _sitting_label(sitting: Sitting[Version]) -> str:
    """One line per sitting: a milestone's note, or what changed last; the versions,
    the time and who."""
    first, last = sitting.oldest.version, sitting.newest.version
    numbers = tr("history.versions", first=first, last=last) if first != last else tr("history.version", first=first)
    when = format_moment_span(sitting.oldest.created_at, sitting.newest.created_at, lang(), state.time_zone())
    parts = [numbers, when, sitting.author or "—"]
    if sitting.milestone is not None:
        head = tr("history.milestone", note=quoted(sitting.milestone, lang()) if sitting.milestone else "").strip()
        parts.insert(0, head)
    if len(sitting.versions) > 1:
        parts.append(tr("history.changes_count", count=len(sitting.versions)))
    else:
        parts.append(sitting.newest.summary or "—")
    return md_escape(" · ".join(parts))


def render_version_history(strategy: Strategy) -> None:
    try:
        versions = state.workshop().strategies.versions(strategy.id or "")
    except WorkshopError as error:
        st.error(error.text(lang()))
        return
    groups = sittings(versions)
    st.caption(
        tr(
            "history.intro",
            versions=trn("counted.versions", len(versions)),
            sittings=trn("counted.sittings", len(groups)),
        )
    )
    for index, sitting in enumerate(groups[:SITTINGS_SHOWN]):
        with st.expander(_sitting_label(sitting), expanded=False):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            tr("strategy.col_version"): v.version,
                            tr("strategy.col_when"): _when(v.created_at),
                            tr("history.col_who"): v.author or "—",
                            tr("strategy.col_what"): v.summary or "—",
                        }
                        for v in sitting.versions
                    ]
                ),
                hide_index=True,
                width="stretch",
                height=min(400, 38 + 35 * len(sitting.versions)),
                key=f"strategy_sitting_{index}",
            )
    if len(groups) > SITTINGS_SHOWN:
        st.caption(tr("history.older", count=len(groups) - SITTINGS_SHOWN))
    if len(versions) < 2:
        return
    numbers = [v.version for v in versions]
    label = {
        v.version: f"{v.version} · {_when(v.created_at)} · {v.author or '—'}"
        + (f" · 🏁 {v.milestone}" if v.milestone else "")
        for v in versions
    }

    st.markdown(f"**{tr('history.compare')}**")
    left, right = st.columns(2)
    old = left.selectbox(tr("history.from"), numbers, index=1, format_func=label.get, key="strategy_diff_from")
    new = right.selectbox(tr("history.to"), numbers, index=0, format_func=label.get, key="strategy_diff_to")
    if old == new:
        st.caption(tr("history.same"))
    else:
        _render_diff(strategy.id or "", old, new)

    st.markdown(f"**{tr('history.restore')}**")
    pick, button = st.columns([3, 1], vertical_alignment="bottom")
    pick.selectbox(tr("history.restore_which"), numbers[1:], format_func=label.get, key="strategy_restore_version")
    button.button(tr("history.restore_button"), on_click=_restore, key="strategy_restore", icon="↩️")
    st.caption(tr("history.restore_help"))


def _render_diff(strategy_id: str, old: int, new: int) -> None:
    try:
        changes = state.workshop().strategies.compare(strategy_id, old, new, state.cards())
    except WorkshopError as error:
        st.error(error.text(lang()))
        return
    if not changes:
        st.caption(tr("history.no_changes", old=old, new=new))
        return
    st.caption(tr("history.changes", count=len(changes), old=old, new=new))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("history.col_change"): tr(f"history.kind_{c.kind}"),
                    tr("history.col_where"): c.where,
                    tr("history.col_field"): c.field or "—",
                    tr("history.col_before"): c.before or "—",
                    tr("history.col_after"): c.after or "—",
                }
                for c in changes
            ]
        ),
        hide_index=True,
        width="stretch",
    )
