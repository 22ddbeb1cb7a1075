"""Step 7: upload real exports, check every KPI against its target, keep the result."""

from __future__ import annotations

import contextlib

import streamlit as st

from impact import pipeline
from impact.custom_cards import slug
from impact.formatting import format_date, format_number, quoted
from impact.importers import MAX_UPLOAD_BYTES
from impact.metrics import METRICS, metric_label
from impact.review import review
from impact.review_words import result_line
from impact.template import needed_metrics, template_csv, template_xlsx
from impact.wording import warning_text
from ui import state, uploads
from ui.check_view import render_check_results
from ui.components import labels, md_escape, require_strategy
from ui.file_choices import render_choices
from ui.guide import render_guide
from ui.review_view import render_review
from ui.state import lang, tr
from ui.widget_texts import uploader_limits
from workshop import WorkshopError

strategy = require_strategy()
cards = state.cards()
needed = needed_metrics(strategy, cards)
titles = pipeline.card_titles(cards, lang())

st.title(tr("check.title"))
st.caption(tr("check.intro"))
render_guide("check")

with st.expander(tr("check.template"), icon="📝"):
    st.caption(tr("check.template_intro", columns=", ".join(metric_label(m, strategy.language) for m in needed)))
    named = list(dict.fromkeys(k.owner.source.strip() for k in strategy.kpis if (k.owner.source or "").strip()))
    if named:  # the systems this team named for its KPIs, never a list that fits another business
        st.caption(md_escape(tr("check.template_sources", sources=", ".join(named))))
    left, right = st.columns(2)
    name = slug(strategy.name)
    left.download_button(
        tr("check.template_csv"),
        data=lambda: template_csv(strategy, cards),
        file_name=f"{name}-data.csv",
        mime="text/csv",
        key="check_template_csv",
        on_click="ignore",
    )
    right.download_button(
        tr("check.template_xlsx"),
        data=lambda: template_xlsx(strategy, cards),
        file_name=f"{name}-data.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="check_template_xlsx",
        on_click="ignore",
    )

UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xls", "ods", "xml", "zip"]
files = st.file_uploader(
    tr("check.upload"),
    type=UPLOAD_TYPES,
    accept_multiple_files=True,
    key=uploads.uploader_key(),
    help=tr("check.upload_help"),
)
uploader_limits(uploads.uploader_key(), UPLOAD_TYPES, MAX_UPLOAD_BYTES // (1024 * 1024))
uploads.keep(files)


def _remove(name: str) -> None:
    uploads.forget(name)


def render_upload(upload: uploads.Upload) -> None:
    with st.container(border=True):
        head, button = st.columns([6, 1], vertical_alignment="center")
        button.button(
            tr("check.remove_file"),
            key=f"check_remove_{upload.signature}_{upload.name}",
            on_click=_remove,
            args=(upload.name,),
        )
        if upload.error is not None:
            head.markdown(f"📄 **{md_escape(upload.name)}**")
            (st.info if upload.holds_nothing else st.error)(upload.error_text(lang()))
            render_choices(upload, strategy.id, label=tr("check.fix.title"), expanded=not upload.holds_nothing)
            return
        result = upload.result
        period = result.period
        span = f"{format_date(period[0], lang())} – {format_date(period[1], lang())}" if period else "—"
        head.markdown(
            f"📄 **{md_escape(upload.name)}** · {tr('check.format_' + result.format)} · {span} · "
            + tr("check.rows", rows=format_number(result.rows_read, lang()))
        )
        if upload.duplicate_of:
            st.warning(warning_text("duplicate_file", f"{upload.name}|{upload.duplicate_of}", lang()))
        for code, detail in result.warnings:
            st.caption("⚠️ " + md_escape(warning_text(code, detail, lang(), titles)))
        if result.unused_columns:
            columns = ", ".join(quoted(c, lang()) for c in result.unused_columns)
            st.info(md_escape(tr("check.unused_columns", columns=columns)), icon="ℹ️")
        unused = sorted({m for m in result.mapping.values() if m in METRICS and m not in needed})
        if unused:
            st.caption("ℹ️ " + tr("check.unused_metrics", metrics=", ".join(metric_label(m, lang()) for m in unused)))
        label = tr("check.columns", mapped=len(result.mapping), ignored=len(result.ignored))
        render_choices(upload, strategy.id, label=label, expanded=False)


KEY_SHOWN = "check_shown_id"


def _show() -> None:
    st.session_state[KEY_SHOWN] = st.session_state["check_shown"]


def _run(present: list[uploads.Upload]) -> None:
    try:
        kept = state.workshop().checks.run(strategy, st.session_state[state.KEY_VERSION], cards, present)
    except WorkshopError as error:
        state.fail(error)
        return
    st.session_state[KEY_SHOWN] = kept.check_id
    if kept.repeated_at is not None:
        state.notify(tr("check.same_as_before", when=state.moment(kept.repeated_at)), "ℹ️")
    else:
        state.notify(tr("check.saved"))


waiting = uploads.waiting()  # large files are read in a helper process: the person is told
reading = st.spinner(tr("check.reading_large", files=", ".join(quoted(n, lang()) for n in waiting)))
with reading if waiting else contextlib.nullcontext():
    present = uploads.read_all(strategy.id)
for upload in present:
    render_upload(upload)
ready = [u for u in present if u.usable]
if present:
    run_col, mapping_col = st.columns([1, 2], vertical_alignment="center")
    run_col.button(
        tr("check.run"), type="primary", icon="▶️", key="check_run", on_click=_run, args=(present,), disabled=not ready
    )
    if any(u.remembered for u in present):
        mapping_col.download_button(
            tr("check.fix.download"),
            data=lambda: uploads.mapping_file(strategy.id),
            file_name=f"{slug(strategy.name)}-mapping.yaml",
            mime="application/yaml",
            key="check_mapping_download",
            on_click="ignore",
            help=tr("check.fix.download_help"),
        )

try:
    saved = state.workshop().checks.list(strategy.id)
except WorkshopError as error:
    saved = []
    st.error(error.text(lang()))
if saved:
    st.divider()
    ids = [c.id for c in saved]
    try:
        said = state.workshop().checks.each(strategy, cards)
    except WorkshopError:
        said = {}  # the labels lose their result line, the list stays
    names = {  # numbered oldest first, with seconds and its result: two checks of one minute are told apart
        c.id: tr("check.saved_label", number=len(saved) - index, when=state.moment(c.created_at, seconds=True))
        + " · "
        + ", ".join(f["name"] for f in c.files)[:80]
        + (" · " + result_line(said[c.id], lang()) if c.id in said else "")
        for index, c in enumerate(saved)
    }
    if st.session_state.get(KEY_SHOWN) not in ids:
        st.session_state[KEY_SHOWN] = ids[0]
    # the page's own key decides, not the widget's state (a rerun from the sidebar must not switch it)
    st.session_state["check_shown"] = st.session_state[KEY_SHOWN]
    shown = st.selectbox(
        tr("check.saved_checks"),
        ids,
        format_func=labels(ids, names.get),
        key="check_shown",
        on_change=_show,
    )
    try:
        stored = state.workshop().checks.load(strategy.id, shown)
    except WorkshopError as error:
        st.error(error.text(lang()))
        st.stop()
    st.header(tr("check.results"))
    # this check read as the review reads all of them: the summary first, missing inputs once
    render_review(review(strategy, cards, [stored]), key=f"check_{stored.id}_review", details=False)
    st.page_link("views/review.py", label=tr("check.to_review"), icon="📈")
    st.subheader(tr("check.details_title"))
    if stored.warnings:
        with st.expander(tr("check.notices", n=len(stored.warnings)), icon="⚠️"):
            for warning in stored.warnings:
                st.caption("⚠️ " + md_escape(pipeline.notice_text(warning, lang(), titles)))
    render_check_results(stored.results, strategy, cards, key_prefix=f"check_{stored.id}")
elif not present:
    st.info(tr("check.nothing_yet"))
