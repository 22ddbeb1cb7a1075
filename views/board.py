"""Step 4: the KPI board, one column per ACCRA stage, and the deck to draw from."""

import random

import streamlit as st

from impact import edits
from impact.formatting import format_number, target_unit
from impact.formula_words import two_readings
from impact.model import PERIODS, STAGES, Card
from impact.numbers import NumberError, one_way_spellings, parse_user_number
from ui import state
from ui.components import (
    card_html,
    labels,
    md_escape,
    render_board,
    require_strategy,
    stage_label,
    unit_label,
    unknown_card_html,
)
from ui.custom_card_form import render_custom_card_form
from ui.guide import render_guide
from ui.state import lang, tr

strategy = require_strategy()
cards = state.cards()
profile = state.deck().profile(strategy.industry_profile)

st.title(tr("board.title"))
st.caption(tr("board.intro"))
render_guide("board")
render_board(strategy, cards)

st.session_state.setdefault("board_stage", "awareness")
stage = (
    st.segmented_control(
        tr("board.focus"), STAGES, format_func=labels(STAGES, stage_label), key="board_stage", required=True
    )
    or "awareness"
)


KEY_OPEN = "board_open"  # the KPI whose settings are open: one at a time, the others as cards


def _add(card_id: str) -> None:
    card = state.cards()[card_id]
    if state.apply(
        edits.add_kpi,
        card,
        stage=st.session_state["board_stage"],
        summary=tr("summary.kpi_added", card=card.title.get(lang())),
    ):
        st.session_state.pop("board_drawn", None)
        added = state.current()
        if added is not None and added.kpis:
            st.session_state[KEY_OPEN] = added.kpis[-1].id  # a card just laid: its target comes next


def _open(kpi_id: str) -> None:
    st.session_state[KEY_OPEN] = kpi_id


NUMBER_DRAFTS = "board_numbers_draft"  # (kpi id, field) -> text that did not read as a number yet


def _number_drafts() -> dict[tuple[str, str], str]:
    return st.session_state.setdefault(NUMBER_DRAFTS, {})


def _set_number(kpi_id: str, field: str) -> None:
    """Typed numbers in the reader's convention. Text that does not read as one number
    is kept (in the field, across pages) with a message, and nothing is saved."""
    text = st.session_state.get(f"board_{kpi_id}_{field}") or ""
    try:
        value = parse_user_number(text, lang())
    except NumberError:
        _number_drafts()[(kpi_id, field)] = text
        return
    _number_drafts().pop((kpi_id, field), None)
    if state.apply(
        edits.update_kpi, kpi_id, **{field: value}, summary=tr("summary.kpi_changed", field=tr(f"board.field_{field}"))
    ):
        st.session_state[f"board_{kpi_id}_{field}"] = format_number(value, lang(), decimals=6)


def _number_problem(text: str) -> str:
    try:
        parse_user_number(text, lang())
    except NumberError as error:
        if error.readings:
            first, second = (format_number(v, lang(), decimals=6) for v in error.readings)
            small, large = one_way_spellings(error.readings, lang())
            readings = two_readings(first, second, lang())
            return tr("board.two_readings", text=text, readings=readings, small=small, large=large)
    return tr("board.not_a_number", text=text)


def _set(kpi_id: str, field: str) -> None:
    value = st.session_state.get(f"board_{kpi_id}_{field}")
    state.apply(
        edits.update_kpi, kpi_id, **{field: value}, summary=tr("summary.kpi_changed", field=tr(f"board.field_{field}"))
    )


def _remove(kpi_id: str, title: str) -> None:
    state.apply(edits.remove_kpi, kpi_id, summary=tr("summary.kpi_removed", card=title))


def _draw(pool: list[str]) -> None:
    st.session_state["board_drawn"] = random.choice(pool) if pool else None


def _with_unit(label: str, unit: str) -> str:
    return f"{label} ({unit_label(unit)})" if unit_label(unit) else label


def render_kpi_card(kpi, card: Card) -> None:
    """A KPI whose settings are closed: its card with what is set (target, goal, owner,
    channel), and the buttons to open its settings or take it off the board."""
    with st.container(border=True):
        st.html(card_html(card, kpi, strategy))
        with st.container(horizontal=True):
            st.button(tr("board.open"), key=f"board_{kpi.id}_open", on_click=_open, args=(kpi.id,), icon="✏️")
            st.button(
                tr("board.remove"),
                key=f"board_{kpi.id}_remove",
                on_click=_remove,
                args=(kpi.id, card.title.get(lang())),
            )


def render_kpi_settings(kpi, card: Card) -> None:
    prefix = f"board_{kpi.id}"
    goal_ids = [None, *(g.id for g in strategy.goals)]
    titles = {g.id: g.title for g in strategy.goals}
    with st.container(border=True):
        st.html(card_html(card))
        g, p = st.columns([3, 2])
        g.selectbox(
            tr("board.field_goal"),
            goal_ids,
            index=goal_ids.index(kpi.goal) if kpi.goal in goal_ids else 0,
            format_func=labels(goal_ids, lambda gid: titles.get(gid, tr("board.no_goal"))),
            key=f"{prefix}_goal",
            on_change=_set,
            args=(kpi.id, "goal"),
        )
        p.selectbox(
            tr("board.field_period"),
            PERIODS,
            index=PERIODS.index(kpi.period or "month"),
            format_func=labels(PERIODS, lambda v: tr(f"period.{v}")),
            key=f"{prefix}_period",
            on_change=_set,
            args=(kpi.id, "period"),
        )
        t, b, total, c = st.columns(4)
        problems = []
        for column, field in ((t, "target"), (b, "baseline"), (total, "total")):
            pending = _number_drafts().get((kpi.id, field))
            if f"{prefix}_{field}" not in st.session_state:  # first look, or back from another page
                st.session_state[f"{prefix}_{field}"] = (
                    pending if pending is not None else format_number(getattr(kpi, field), lang(), decimals=6)
                )
            column.text_input(
                _with_unit(tr(f"board.field_{field}"), target_unit(card.unit, strategy.currency)),
                key=f"{prefix}_{field}",
                on_change=_set_number,
                args=(kpi.id, field),
                max_chars=24,
                placeholder=tr("board.number_placeholder"),
                help=tr("board.field_total_help") if field == "total" else None,
            )
            if pending is not None:
                problems.append(tr(f"board.field_{field}") + ": " + _number_problem(pending))
        c.text_input(
            tr("board.field_channel"),
            value=kpi.channel or "",
            key=f"{prefix}_channel",
            max_chars=40,
            placeholder=tr("board.channel_placeholder"),
            on_change=_set,
            args=(kpi.id, "channel"),
        )
        for problem in problems:
            st.error(problem, icon="✋")
        if card.is_metric:
            st.caption("⚠️ " + tr("board.metric_warning"))
        if card.pitfall:
            st.caption("🪤 " + md_escape(card.pitfall.get(lang())))
        st.button(tr("board.remove"), key=f"{prefix}_remove", on_click=_remove, args=(kpi.id, card.title.get(lang())))


board_col, deck_col = st.columns([3, 2], gap="large")
with board_col:
    st.subheader(tr("board.on_board", stage=stage_label(stage)))
    chosen = strategy.kpis_in(stage)
    if not chosen:
        st.info(tr("board.stage_empty_hint"))
    if not strategy.goals:
        st.caption(tr("board.no_goals_hint"))
    # one KPI's settings open at a time (the one chosen, else the stage's first); one
    # with a number that did not read stays open, so its text and message are in view
    drafts = {kpi_id for kpi_id, _field in _number_drafts()}
    ids = [kpi.id for kpi in chosen]
    opened = st.session_state.get(KEY_OPEN) if st.session_state.get(KEY_OPEN) in ids else (ids[0] if ids else None)
    for kpi in chosen:
        if kpi.card in cards and (kpi.id == opened or kpi.id in drafts):
            render_kpi_settings(kpi, cards[kpi.card])
        elif kpi.card in cards:
            render_kpi_card(kpi, cards[kpi.card])
        else:
            with st.container(border=True):
                st.html(unknown_card_html(kpi.card))
                st.button(tr("board.remove"), key=f"board_{kpi.id}_remove", on_click=_remove, args=(kpi.id, kpi.card))

with deck_col:
    st.subheader(tr("board.deck"))
    only_profile = st.toggle(
        tr("board.only_profile"), value=profile is not None, key="board_only_profile", disabled=profile is None
    )
    kind = (
        st.segmented_control(
            tr("board.kind"),
            ["all", "kpi", "metric"],
            format_func=labels(["all", "kpi", "metric"], lambda k: tr(f"board.kind_{k}")),
            key="board_kind",
            default="all",
        )
        or "all"
    )
    pool = edits.relevant_cards(cards, profile if only_profile else None, stage)
    pool = [c for c in pool if kind == "all" or c.kind == kind]
    on_board = {k.card for k in strategy.kpis_in(stage)}
    st.button(
        tr("board.draw"),
        key="board_draw",
        on_click=_draw,
        args=([c.id for c in pool if c.id not in on_board],),
        icon="🎲",
    )
    drawn = st.session_state.get("board_drawn")
    if drawn in cards:
        with st.container(border=True):
            st.markdown(tr("board.drawn"))
            st.html(card_html(cards[drawn]))
            if cards[drawn].pitfall:
                st.caption("🪤 " + md_escape(cards[drawn].pitfall.get(lang())))
            st.button(tr("board.add"), key="board_add_drawn", on_click=_add, args=(drawn,), type="primary")
    if not pool:
        st.caption(tr("board.deck_empty"))
    for card in pool:
        with st.container(border=True):
            st.html(card_html(card))
            label = tr("board.add_again") if card.id in on_board else tr("board.add")
            st.button(label, key=f"board_add_{card.id}", on_click=_add, args=(card.id,))


render_custom_card_form("board_custom", stage)

st.page_link("views/owners.py", label=tr("board.next"), icon="➡️")
