"""Reusable UI pieces. All text that a user or a card file wrote is HTML-escaped here."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from html import escape
from typing import TypeVar

import streamlit as st

from impact import formatting
from impact.channels import channels_label, channels_of
from impact.formula_words import in_words
from impact.hyphenation import hyphenate
from impact.model import STAGES, Card, KpiChoice, Strategy
from ui import state
from ui.markdown import md_escape
from ui.state import current, lang, tr

T = TypeVar("T")

_MADE: OrderedDict[tuple[str, ...], str] = OrderedDict()
_MADE_LOCK = threading.Lock()
MADE_SIZE = 512  # pieces of HTML kept (a board is about 20 KB: a few MB at most)


def made_once(key: tuple[str, ...], build: Callable[[], str]) -> str:
    """HTML that is a pure function of its key (the strategy as text, the language, the
    rows): built once and kept for every session of the server, so a rerun that changed
    nothing in it (a click elsewhere on the page) does not build it again."""
    with _MADE_LOCK:
        found = _MADE.get(key)
        if found is not None:
            _MADE.move_to_end(key)
            return found
    made = build()
    with _MADE_LOCK:
        _MADE[key] = made
        while len(_MADE) > MADE_SIZE:
            _MADE.popitem(last=False)
    return made


STAGE_ICONS = {"awareness": "👀", "consideration": "🤔", "conversion": "🎯", "retention": "🔁", "advocacy": "📣"}


def stage_label(stage: str) -> str:
    return f"{STAGE_ICONS[stage]} {tr(f'stage.{stage}')}"


def department_label(department: str | None) -> str:
    return formatting.department_label(department, lang())


def render_status() -> None:
    """What every page shows first: an unsaved change, a save conflict, one-off notices."""
    if st.session_state.get(state.KEY_UNSAVED) is not None and not st.session_state.get(state.KEY_CONFLICT):
        st.warning(tr("app.unsaved"))
        st.button(tr("app.retry_save"), on_click=state.retry_save, key="app_retry_save", icon="💾")
    conflict = st.session_state.get(state.KEY_CONFLICT)
    if conflict:
        st.warning(tr("app.conflict", version=conflict["theirs"]))
        st.caption(tr("app.conflict_help"))
        left, right = st.columns(2)
        left.button(
            tr("app.conflict_reload"), on_click=state.resolve_conflict, args=(False,), key="app_conflict_reload"
        )
        right.button(tr("app.conflict_keep"), on_click=state.resolve_conflict, args=(True,), key="app_conflict_keep")
    state.show_notice()


def require_strategy() -> Strategy:
    """Pages after Start need an open strategy; without one they point back."""
    render_status()
    strategy = current()
    if strategy is None:
        st.info(tr("common.no_strategy"))
        st.page_link("views/start.py", label=tr("nav.start"), icon="🏁")
        st.stop()
    return strategy


def unit_label(unit: str) -> str:
    return formatting.unit_label(unit, lang())


def _text(value: str | None) -> str:
    return escape(value or "").replace("\n", "<br>")


def _words(value: str | None) -> str:
    """Text in a narrow column: long words break at a syllable, never mid-word."""
    return _text(hyphenate(value or "", lang()))


def card_html(card: Card, kpi: KpiChoice | None = None, strategy: Strategy | None = None) -> str:
    """One card as the room sees it: title, question, formula and unit, metric badge."""
    language = lang()
    title, question = card.title.get(language), card.question.get(language)
    key = ("card", language, card.kind, str(card.is_metric), title, question, card.formula, card.unit)
    parts = [made_once(key, lambda: _card_face(card, language))]
    if kpi is not None:
        facts = []
        if kpi.target is not None:
            unit = formatting.target_unit(card.unit, strategy.currency if strategy else None)
            target = _text(formatting.format_amount(kpi.target, language, unit, decimals=6))
            period = escape(tr("period." + (kpi.period or "month")))
            facts.append(f"🎯 {target} / {period}")
        goal = strategy.goal(kpi.goal) if strategy else None
        if goal is not None:
            facts.append(f"⛳ {_words(goal.title)}")
        if kpi.owner.department:
            facts.append(f"👥 {_text(department_label(kpi.owner.department))}")
        if kpi.channel:
            facts.append(f"📡 {_text(channels_label(channels_of(kpi.channel)))}")
        if facts:
            parts.append('<div class="iw-card-meta">' + "<br>".join(facts) + "</div>")
    parts.append("</div>")
    return "".join(parts)


def _card_face(card: Card, language: str) -> str:
    """A card's title, badge, question, formula and unit (its closing tag comes after its facts)."""
    if card.is_metric:
        help_text, badge_text = escape(tr("card.metric_help")), escape(tr("card.metric_badge"))
        badge = f'<span class="iw-badge iw-badge-metric" title="{help_text}">{badge_text}</span>'
    else:
        badge = f'<span class="iw-badge iw-badge-kpi">{escape(tr("card.kpi_badge"))}</span>'
    return (
        f'<div class="iw-card iw-kind-{card.kind}">'
        f'<div class="iw-card-head"><span class="iw-card-title">{_words(card.title.get(language))}</span>{badge}</div>'
        f'<div class="iw-card-q">{_words(card.question.get(language))}</div>'
        f'<div class="iw-card-f">{_text(in_words(card.formula, language))} '
        f'<span class="iw-unit">{_text(unit_label(card.unit))}</span></div>'
    )


def unknown_card_html(card_id: str) -> str:
    """A KPI whose card left the deck stays visible, so the team can decide about it."""
    return (
        f'<div class="iw-card iw-kind-metric"><div class="iw-card-title">{_text(card_id)}</div>'
        f'<div class="iw-card-q">{escape(tr("card.unknown"))}</div></div>'
    )


def render_board(strategy: Strategy, cards: dict[str, Card], *, key_prefix: str = "board") -> None:
    """Five columns, one per ACCRA stage, in a single HTML block (one element, fast),
    built once per strategy as it stands and language."""
    key = ("board", key_prefix, lang(), strategy.model_dump_json())
    st.html(made_once(key, lambda: _board_html(strategy, cards, key_prefix)))


def _board_html(strategy: Strategy, cards: dict[str, Card], key_prefix: str) -> str:
    columns = []
    for stage in STAGES:
        kpis = strategy.kpis_in(stage)
        tiles = "".join(
            card_html(cards[k.card], k, strategy) if k.card in cards else unknown_card_html(k.card) for k in kpis
        )
        if not tiles:
            tiles = f'<div class="iw-empty">{escape(tr("board.empty_stage"))}</div>'
        columns.append(
            f'<div class="iw-col iw-stage-{stage}"><div class="iw-col-head">{escape(stage_label(stage))}'
            f' <span class="iw-count">{len(kpis)}</span></div>{tiles}</div>'
        )
    return f'<div class="iw-board" id="{escape(key_prefix)}">{"".join(columns)}</div>'


def card_title(cards: dict[str, Card], card_id: str) -> str:
    card = cards.get(card_id)
    return card.title.get(lang()) if card else card_id


def labels(options: Iterable[T], label: Callable[[T], str]) -> Callable[[object], str]:
    """A format_func computed now, in the script run: the language is known here,
    and the widget need not call back into translations for every option."""
    table = {option: label(option) for option in options}
    return lambda option: table.get(option, str(option))


def text_table(rows: list[dict[str, str]]) -> None:
    """A small table of text that wraps to fit its column (a data grid would cut it off
    on the right): Streamlit's static table, every cell escaped, since it reads Markdown.
    A column empty in every row is left out, so that what is filled in fits."""
    if not rows:
        return
    import pandas as pd  # loaded by the first table, not with every page

    filled = [k for k in rows[0] if any(str(row.get(k, "")).strip() for row in rows)]
    frame = pd.DataFrame([{md_escape(k): md_escape(str(row.get(k, ""))) for k in filled} for row in rows])
    st.table(frame, hide_index=True)


def responsive_table(rows: list[dict[str, str]], *, key: str) -> None:
    """A table of text that stays readable at any width: a table on a wide screen (cells
    wrap, nothing is cut off) and, on a phone, one card per row with each value under its
    column's name. Columns empty in every row are left out; every cell is escaped, and
    long words break at a syllable (never a header: a header is never hyphenated)."""
    if not rows:
        return
    st.html(made_once(("table", key, lang(), json.dumps(rows, default=str)), lambda: _table_html(rows, key)))


def _table_html(rows: list[dict[str, str]], key: str) -> str:
    filled = [k for k in rows[0] if any(str(row.get(k, "")).strip() for row in rows)]
    head = "".join(f"<th>{escape(k)}</th>" for k in filled)
    body = "".join(
        "<tr>" + "".join(f'<td data-label="{escape(k)}">{_words(str(row.get(k, "")))}</td>' for k in filled) + "</tr>"
        for row in rows
    )
    return f'<table class="iw-plan" id="{escape(key)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
