"""The strategy's hand-over documents: branding (remembered per strategy), the PDF
(built when it is downloaded, with the latest data check) and the Excel KPI plan."""

from __future__ import annotations

import base64
from dataclasses import replace
from html import escape

import streamlit as st

from impact.custom_cards import slug
from impact.model import Strategy
from impact.report.branding import DEFAULT_COLOR, MAX_LOGO_BYTES, Branding, BrandingError, checked_logo, normalise_color
from ui import state
from ui.state import tr
from ui.widget_texts import uploader_limits
from workshop import WorkshopError

LOGO_TYPES = ["png", "jpg", "jpeg", "svg"]


@st.cache_resource(show_spinner=False)
def _pdf_problem() -> str | None:
    """None when WeasyPrint can run here; else why not (checked once per process)."""
    try:
        import weasyprint  # noqa: F401
    except (OSError, ImportError) as exc:
        return str(exc).splitlines()[0][:200]
    return None


def _logo_key(key_prefix: str) -> str:
    """The uploader's key, new after a removal: an emptied uploader, not the old file again."""
    return f"{key_prefix}_logo_{st.session_state.get(f'{key_prefix}_logo_round', 0)}"


def _remove_logo(key_prefix: str, strategy_id: str) -> None:
    try:
        current = state.workshop().reports.branding(strategy_id)
        state.workshop().reports.remember_branding(strategy_id, replace(current, logo=None))
    except WorkshopError as error:
        state.fail(error)
        return
    st.session_state[f"{key_prefix}_logo_round"] = st.session_state.get(f"{key_prefix}_logo_round", 0) + 1


def _logo_html(branding: Branding) -> str:
    """The saved logo as the PDF prints it (an <img>: an SVG shown so runs no script)."""
    mime = branding.logo_type or "image/png"
    data = base64.b64encode(branding.logo or b"").decode()
    alt = escape(tr("report.logo_saved"))
    return f'<img src="data:{mime};base64,{data}" alt="{alt}" style="max-height:4rem;max-width:100%">'


def _remember(key_prefix: str, strategy_id: str) -> None:
    get = st.session_state.get
    current = state.workshop().reports.branding(strategy_id)
    try:
        color = normalise_color(get(f"{key_prefix}_color") or DEFAULT_COLOR)
        upload = get(_logo_key(key_prefix))
        logo = checked_logo(upload.getvalue()) if upload is not None else current.logo
    except BrandingError as exc:
        state.notify(tr(f"report.{exc.code}", detail=exc.detail), "⚠️")
        return
    branding = Branding(
        author=(get(f"{key_prefix}_author") or "").strip(),
        color=color,
        footer=(get(f"{key_prefix}_footer") or "").strip(),
        logo=logo,
    )
    try:
        state.workshop().reports.remember_branding(strategy_id, branding)
    except WorkshopError as error:
        state.fail(error)


def render_report_panel(strategy: Strategy, *, key_prefix: str) -> None:
    branding = state.workshop().reports.branding(strategy.id)
    with st.expander(tr("report.branding"), icon="📄", expanded=True):
        a, b = st.columns([3, 1])
        a.text_input(
            tr("report.author_field"),
            value=branding.author,
            key=f"{key_prefix}_author",
            max_chars=200,
            on_change=_remember,
            args=(key_prefix, strategy.id),
        )
        b.color_picker(
            tr("report.color_field"),
            value=branding.color,
            key=f"{key_prefix}_color",
            on_change=_remember,
            args=(key_prefix, strategy.id),
        )
        st.text_input(
            tr("report.footer_field"),
            value=branding.footer,
            key=f"{key_prefix}_footer",
            max_chars=300,
            placeholder=strategy.organisation or strategy.name,
            on_change=_remember,
            args=(key_prefix, strategy.id),
        )
        if branding.logo:  # the saved logo, as the PDF prints it, and the way to take it off
            shown, remove = st.columns([1, 3], vertical_alignment="center")
            shown.html(_logo_html(branding))
            remove.button(
                tr("report.remove_logo"),
                key=f"{key_prefix}_logo_remove",
                on_click=_remove_logo,
                args=(key_prefix, strategy.id),
                icon="🗑️",
            )
        logo_key = _logo_key(key_prefix)
        st.file_uploader(
            tr("report.replace_logo" if branding.logo else "report.logo_field"),
            type=LOGO_TYPES,
            key=logo_key,
            on_change=_remember,
            args=(key_prefix, strategy.id),
            max_upload_size=MAX_LOGO_BYTES // (1024 * 1024),
        )
        uploader_limits(logo_key, LOGO_TYPES, MAX_LOGO_BYTES // (1024 * 1024))
        problem = _pdf_problem()
        name = slug(strategy.name)
        pdf_col, xlsx_col = st.columns(2)
        if problem:
            pdf_col.warning(tr("report.unavailable", detail=problem))
        else:

            def make_pdf() -> bytes:
                try:
                    return state.workshop().reports.pdf(strategy, state.deck())
                except WorkshopError as error:  # a library vanished since the check above, or the database
                    raise RuntimeError(error.text(state.lang())) from None

            pdf_col.download_button(
                tr("report.download_pdf"),
                data=make_pdf,
                file_name=f"{name}.pdf",
                mime="application/pdf",
                key=f"{key_prefix}_pdf",
                icon="📄",
                on_click="ignore",
                type="primary",
            )
        xlsx_col.download_button(
            tr("report.download_xlsx"),
            data=lambda: state.workshop().reports.workbook(strategy, state.deck()),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key_prefix}_xlsx",
            icon="📊",
            on_click="ignore",
        )
