"""Writing a team's own card: formula checked as you type, draft kept across pages.

Streamlit forgets a widget's value when its page is left; what someone typed into a
half-written card is copied into a draft in session state on every change, and the
widgets are filled from it, so nothing is lost by looking at another step.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from impact import edits
from impact.custom_cards import build_custom_card
from impact.formula_words import error_text, from_typed, in_words, inputs_in_order, short_label
from impact.formulas import FormulaError
from impact.metrics import METRICS, metric_label
from impact.model import STAGES
from ui import state
from ui.components import labels, stage_label
from ui.state import lang, tr

FIELDS = ("stage", "kind", "direction", "title", "question", "formula", "unit")


def _draft(key_prefix: str) -> dict:
    return st.session_state.setdefault(f"{key_prefix}_draft", {})


def _remember(key_prefix: str, field: str) -> None:
    _draft(key_prefix)[field] = st.session_state.get(f"{key_prefix}_{field}")


def formula_feedback(text: str) -> tuple[bool, str]:
    """(usable, message) for what is in the formula field right now."""
    if not text.strip():
        return False, ""
    try:
        canonical = from_typed(text, lang())
    except FormulaError as exc:
        return False, error_text(exc, lang())
    names = ", ".join(metric_label(n, lang()) for n in inputs_in_order(canonical))
    return True, tr("formula.ok", words=in_words(canonical, lang()), inputs=names)


def _create(key_prefix: str) -> None:
    draft = _draft(key_prefix)
    try:
        card = build_custom_card(
            stage=draft.get("stage") or "awareness",
            kind=draft.get("kind") or "kpi",
            title=draft.get("title") or "",
            question=draft.get("question") or "",
            formula=draft.get("formula") or "",
            unit=draft.get("unit") or "",
            direction=draft.get("direction") or "up",
            lang=lang(),
        )
    except FormulaError as exc:
        st.session_state[f"{key_prefix}_error"] = error_text(exc, lang())
        return
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0])
        st.session_state[f"{key_prefix}_error"] = tr("board.custom_invalid", field=tr(f"board.custom_{field}"))
        return

    def add_and_lay(strategy):
        return edits.add_kpi(edits.add_custom_card(strategy, card), card)

    if state.apply(add_and_lay, summary=tr("summary.custom_card", card=card.title.get(lang()))):
        st.session_state.pop(f"{key_prefix}_error", None)
        st.session_state[f"{key_prefix}_draft"] = {}
        for field in FIELDS:
            st.session_state.pop(f"{key_prefix}_{field}", None)
        st.session_state[f"{key_prefix}_open"] = False


def _metric_entry(metric: str) -> str:
    """A metric as a formula names it, and its full label only where that says more
    ('Reichweite — Reichweite (einzelne Personen)', never 'Impressionen — Impressionen')."""
    short, full = short_label(metric, lang()), metric_label(metric, lang())
    return f"- **{short}**" + (f" — {full}" if full != short else "")


def render_custom_card_form(key_prefix: str, stage: str) -> None:
    draft = _draft(key_prefix)
    st.session_state.setdefault(f"{key_prefix}_open", bool(draft.get("title") or draft.get("formula")))
    if not st.toggle(tr("board.custom"), key=f"{key_prefix}_open"):
        return
    with st.container(border=True):
        st.caption(tr("board.custom_intro"))

        def text(field: str, label: str, max_chars: int, **extra) -> None:
            st.text_input(
                label,
                value=draft.get(field) or "",
                key=f"{key_prefix}_{field}",
                max_chars=max_chars,
                on_change=_remember,
                args=(key_prefix, field),
                **extra,
            )

        def choice(column, field: str, label: str, options, names, default) -> None:
            value = draft.get(field) or default
            column.selectbox(
                label,
                options,
                index=list(options).index(value),
                format_func=labels(options, names),
                key=f"{key_prefix}_{field}",
                on_change=_remember,
                args=(key_prefix, field),
            )

        a, b, c = st.columns(3)
        choice(a, "stage", tr("board.custom_stage"), STAGES, stage_label, stage)
        choice(b, "kind", tr("board.custom_kind"), ("kpi", "metric"), lambda k: tr(f"board.kind_{k}"), "kpi")
        choice(c, "direction", tr("board.custom_direction"), ("up", "down"), lambda d: tr(f"board.direction_{d}"), "up")
        draft.setdefault("stage", stage)
        text("title", tr("board.custom_title"), 80)
        text("question", tr("board.custom_question"), 200)
        text(
            "formula",
            tr("board.custom_formula"),
            500,
            placeholder=tr("board.custom_formula_placeholder"),
            help=tr("board.custom_formula_help"),
        )
        ok, message = formula_feedback(draft.get("formula") or "")
        if message:
            (st.success if ok else st.error)(message)
        text("unit", tr("board.custom_unit"), 20, placeholder="%")
        with st.popover(tr("board.custom_metrics")):
            st.markdown("\n".join(_metric_entry(m) for m in METRICS))
        st.button(
            tr("board.custom_create"),
            key=f"{key_prefix}_create",
            on_click=_create,
            args=(key_prefix,),
            type="primary",
            disabled=not ok or not (draft.get("title") or "").strip(),
        )
        if st.session_state.get(f"{key_prefix}_error"):
            st.error(st.session_state[f"{key_prefix}_error"])
