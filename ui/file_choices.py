"""Reading a file by hand on the Data check page: which table, which row names the
columns, which column is which metric, the date or the period, the channel; the
result at once, then remembered for files of the same shape. For a file the readers
could not read on their own it opens by itself; for one they read, it corrects."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date

import pandas as pd
import streamlit as st

from impact.formatting import format_date, format_number
from impact.importers import FORMATS, Choices, Ignored, Sniffed
from impact.importers import preview as preview_
from impact.importers.vocabulary import role_of
from impact.locale import locale_for
from impact.metrics import METRICS, metric_label
from impact.pipeline import FileRead
from impact.wording import export_text
from ui import state, uploads
from ui.components import labels
from ui.state import lang, tr

AUTO, IGNORE = "__auto__", "__ignore__"
PANEL_COLUMNS = 40  # a choice per column up to here; a wider table picks its columns by name
ROLE_OPTIONS = [AUTO, IGNORE, "date", "channel", "segment", *METRICS]
AS_FOUND = -1


def _role_label(role: str) -> str:
    if role in (AUTO, IGNORE, "date", "channel", "segment"):
        return tr("check.role_" + role.strip("_"))
    return metric_label(role, lang())


def _column_key(prefix: str, index: int, header: str) -> str:
    return f"{prefix}_col_{index}_{hashlib.sha256(header.encode('utf-8')).hexdigest()[:8]}"


def pending(prefix: str, headers: list[str]) -> Choices:
    """The choices as the widgets now say (nothing saved yet)."""
    session = st.session_state
    chosen_format = session.get(f"{prefix}_format", AUTO)
    header = session.get(f"{prefix}_header", AS_FOUND)
    columns: dict[str, str | None] = {}
    for index, name in enumerate(headers):
        if not name:
            continue
        role = session.get(_column_key(prefix, index, name), AUTO)
        if role == IGNORE:
            columns[name] = None
        elif role != AUTO:
            columns[name] = role
    period = session.get(f"{prefix}_period") or ()
    channel = (session.get(f"{prefix}_channel") or "").strip().lower()
    order = session.get(f"{prefix}_order", AUTO)
    return Choices(
        format=None if chosen_format == AUTO else chosen_format,
        table=session.get(f"{prefix}_table"),
        header_row=None if header == AS_FOUND else header,
        columns=columns,
        period=(period[0], period[1]) if len(period) == 2 else None,
        channel=channel or None,
        date_order=None if order == AUTO else order,
    )


def _apply(strategy_id: str, read: FileRead, prefix: str, headers: list[str]) -> None:
    if uploads.save_choices(strategy_id, read.signature, pending(prefix, headers), read.name):
        state.notify(tr("check.mapping_saved", file=read.name))


def _forget(strategy_id: str, read: FileRead, prefix: str) -> None:
    if uploads.drop_choices(strategy_id, read.signature):
        for key in [k for k in st.session_state if str(k).startswith(prefix)]:
            del st.session_state[key]
        state.notify(tr("check.fix.forgotten", file=read.name))


def _outcome_line(read: FileRead) -> str:
    result = read.result
    assert result is not None
    found = preview_.outcome(result)
    period = f"{format_date(found.period[0], lang())} – {format_date(found.period[1], lang())}" if found.period else "—"
    totals = " · ".join(
        f"{metric_label(metric, lang())}: {'≤ ' if metric in found.upper_bounds else ''}{format_number(value, lang())}"
        for metric, value in found.totals.items()
    )
    return tr("check.fix.result", rows=format_number(found.rows, lang()), period=period, totals=totals)


def _columns_shown(headers: list[str], applied: Choices, prefix: str) -> list[int]:
    """The columns with a choice of their own: all of a normal export; of a very wide
    table the first ``PANEL_COLUMNS``, those already chosen, and one picked by name (the
    panel's work grows with what is shown, never with the width of the file)."""
    if len(headers) <= PANEL_COLUMNS:
        return list(range(len(headers)))
    st.caption(tr("check.fix.many_columns", count=format_number(len(headers), lang()), shown=PANEL_COLUMNS))
    rest = [i for i in range(PANEL_COLUMNS, len(headers)) if headers[i]]
    picked = st.selectbox(
        tr("check.fix.other_column"),
        [None, *rest],
        format_func=lambda i: "—" if i is None else f"{headers[i]} ({i + 1})",
        key=f"{prefix}_other_column",
    )
    chosen = [  # saved, or set in this visit and not saved yet: never dropped from view
        i
        for i in rest
        if headers[i] in applied.columns or st.session_state.get(_column_key(prefix, i, headers[i]), AUTO) != AUTO
    ]
    extra = [picked] if picked is not None and picked not in chosen else []
    return [*range(PANEL_COLUMNS), *chosen, *extra]


def _reason_note(item: Ignored) -> str:
    """Why a column was not read; for a word with several meanings, the meanings."""
    if item.reason == "ambiguous" and item.readings:
        return tr(
            "check.reason.ambiguous_readings", readings=" / ".join(metric_label(m, lang()) for m in item.readings)
        )
    return tr("check.reason." + item.reason)


def render_choices(read: FileRead, strategy_id: str, *, label: str, expanded: bool) -> None:
    found = uploads.sniffed(read.name)
    if not isinstance(found, Sniffed):
        return  # not a table at all (binary, too large): nothing a person can point at
    prefix = f"fix_{read.signature}"
    applied = read.choices or Choices()
    with st.expander(label, expanded=expanded, icon="🛠️" if read.error else None):
        formats = [AUTO, *FORMATS]
        st.selectbox(
            tr("check.format"),
            formats,
            index=formats.index(applied.format) if applied.format in formats else 0,
            format_func=labels(
                formats, lambda f: tr("check.fix.format_auto") if f == AUTO else tr(f"check.format_{f}")
            ),
            key=f"{prefix}_format",
        )
        options = preview_.tables(found)
        table: int | None = None
        if len(options) > 1:
            indices = [o.index for o in options]
            table = st.selectbox(
                tr("check.fix.table"),
                indices,
                index=indices.index(applied.table) if applied.table in indices else 0,
                format_func=labels(indices, lambda i: options[i].label),
                key=f"{prefix}_table",
            )
        rows = preview_.header_rows(found, table)
        detected = preview_.detected_header(found, table)
        row_values = [AS_FOUND, *[index for index, _text in rows]]
        row_texts = dict(rows)
        st.selectbox(
            tr("check.fix.header_row"),
            row_values,
            index=row_values.index(applied.header_row) if applied.header_row in row_values else 0,
            format_func=labels(
                row_values,
                lambda v: (
                    tr("check.fix.header_found", row=detected + 1)
                    if v == AS_FOUND and detected is not None
                    else tr("check.fix.header_none")
                    if v == AS_FOUND
                    else tr("check.fix.row", row=v + 1, text=row_texts.get(v, ""))
                ),
            ),
            key=f"{prefix}_header",
        )
        header_choice = st.session_state.get(f"{prefix}_header", AS_FOUND)
        raw = preview_.as_read(found, table, None if header_choice == AS_FOUND else header_choice)
        if raw is None:
            st.caption(tr("check.fix.pick_header"))
            return
        headers = raw.header
        if raw.rows:
            shown = [h or f"({i + 1})" for i, h in enumerate(headers[:PANEL_COLUMNS])]
            counts = Counter(shown)
            unique = [f"{h} ·{i + 1}" if counts[h] > 1 else h for i, h in enumerate(shown)]
            rows = [row[:PANEL_COLUMNS] for row in preview_.first_rows(raw)]
            st.dataframe(pd.DataFrame(rows, columns=unique), hide_index=True, width="stretch")
        recognised = read.result.mapping if read.result is not None else {}
        ignored = {i.column: i for i in read.result.ignored} if read.result is not None else {}
        if read.error is not None and read.error.code == "ambiguous_column":  # the refusal names the column
            header, _, readings = read.error.detail.partition("|")
            ignored[header] = Ignored(header, "ambiguous", tuple(readings.split(",")))
        reasons = {name: _reason_note(item) for name, item in ignored.items()}
        for index in _columns_shown(headers, applied, prefix):
            name = headers[index]
            if not name:
                continue
            current = applied.columns.get(name, AUTO) if name in applied.columns else AUTO
            current = IGNORE if name in applied.columns and current is None else current
            seen = recognised.get(name)
            understood = role_of(name) if read.result is None else None  # the file was refused: what its words say
            note = (
                _role_label(seen)
                if seen in ROLE_OPTIONS
                else reasons[name]
                if name in reasons
                else tr("check.fix.recognised", role=_role_label(understood.name))
                if understood is not None and understood.name in ROLE_OPTIONS
                else tr("check.fix.not_read")
            )
            st.selectbox(
                f"{name} — {note}",
                ROLE_OPTIONS,
                index=ROLE_OPTIONS.index(current) if current in ROLE_OPTIONS else 0,
                format_func=labels(ROLE_OPTIONS, _role_label),
                key=_column_key(prefix, index, name),
                help=tr("check.fix.column_help"),
            )
        left, right = st.columns(2)
        left.date_input(
            tr("check.fix.period"),
            value=list(applied.period) if applied.period else [],
            format=locale_for(lang()).date_input,
            key=f"{prefix}_period",
            help=tr("check.fix.period_help"),
            min_value=date(2000, 1, 1),
            max_value=date(2100, 12, 31),
        )
        right.text_input(
            tr("check.fix.channel"),
            value=applied.channel or "",
            key=f"{prefix}_channel",
            help=tr("check.fix.channel_help"),
        )
        whole_channel = (st.session_state.get(f"{prefix}_channel") or "").strip()
        if whole_channel:  # every row, also a shop's walk-ins and phone orders, then counts for it
            right.warning(tr("check.fix.channel_all_rows", channel=whole_channel), icon="⚠️")
        orders = [AUTO, "dmy", "mdy"]
        st.radio(
            tr("check.fix.date_order"),
            orders,
            index=orders.index(applied.date_order) if applied.date_order in orders else 0,
            format_func=labels(orders, lambda o: tr(f"check.fix.order_{o.strip('_')}")),
            key=f"{prefix}_order",
            horizontal=True,
        )
        choices = pending(prefix, headers)
        attempt = uploads.read_with(read.name, choices)
        if attempt is not None and attempt.result is not None:
            st.success(_outcome_line(attempt), icon="✅")
        elif attempt is not None and attempt.error is not None:
            missing = preview_.missing_choice(attempt.error)
            hint = tr("check.fix.missing." + missing) if missing else ""
            same = read.error is not None and (read.error.code, read.error.detail) == (
                attempt.error.code,
                attempt.error.detail,
            )
            message = "" if same else export_text(attempt.error.code, attempt.error.detail, lang())
            text = " ".join(part for part in (message, hint) if part)
            if text:
                st.warning(text, icon="✋")
        apply, forget = st.columns(2)
        apply.button(
            tr("check.apply_mapping"),
            key=f"{prefix}_apply",
            on_click=_apply,
            args=(strategy_id, read, prefix, headers),
            type="primary" if read.error else "secondary",
            disabled=attempt is None or attempt.result is None,
        )
        if read.remembered:
            forget.button(
                tr("check.fix.forget"), key=f"{prefix}_forget", on_click=_forget, args=(strategy_id, read, prefix)
            )
