"""Step 1: start a new strategy, open a saved one, or import a strategy file."""

import streamlit as st

from impact.model import LANGUAGE_NAMES, LANGUAGES, Strategy
from impact.strategy_file import StrategyFileError, check_references, parse_strategy
from impact.wording import problem_text
from impact.yaml_safe import MAX_YAML_BYTES
from ui import access, state
from ui.components import md_escape, render_status
from ui.state import tr, trn
from ui.widget_texts import uploader_limits
from workshop import WorkshopError


def _create() -> None:
    name = (st.session_state.get("start_name") or "").strip()
    if not name:
        st.session_state["start_error"] = tr("start.name_missing")
        return
    strategy = Strategy(
        name=name,
        organisation=(st.session_state.get("start_org") or "").strip(),
        language=st.session_state.get("start_language") or state.lang(),
    )
    if state.create(strategy, tr("summary.created")):
        state.set_lang(strategy.language)
        st.session_state.pop("start_error", None)
        st.session_state["start_name"] = ""
        st.session_state["start_org"] = ""
        st.session_state["start_go_next"] = True


def _open(strategy_id: str) -> None:
    if state.open_strategy(strategy_id):
        st.session_state["start_go_next"] = True


def _import(strategy: Strategy) -> None:
    """Always a new strategy: an old file must never overwrite someone's newer versions."""
    if state.create(strategy.model_copy(update={"id": None}), tr("summary.imported")):
        state.forget_page_widgets()
        state.notify(tr("start.imported", name=strategy.name))
        st.session_state["start_go_next"] = True


if st.session_state.pop("start_go_next", False):
    st.switch_page(state.take_resume_page() or "views/profile.py")  # an opened strategy continues where it was left

render_status()
st.title(tr("start.title"))
st.markdown(tr("start.intro"))

if access.config().enabled:  # strategies from before workspaces: no workspace sees them until moved
    try:
        waiting = len(access.gatekeeper().unassigned())
    except WorkshopError:
        waiting = 0
    if waiting:
        st.info(
            tr("start.unassigned", count=waiting, command=f"impact assign --to {state.workspace()} --all"), icon="📦"
        )

current = state.current()
if current is not None:
    st.success(tr("start.continue", name=md_escape(current.name)))
    st.page_link("views/profile.py", label=tr("start.next"), icon="➡️")

new_col, open_col = st.columns(2, gap="large")
with new_col:
    st.subheader(tr("start.new"))
    with st.form("start_new_form", clear_on_submit=False, border=True):
        st.text_input(tr("start.name"), key="start_name", max_chars=200, placeholder=tr("start.name_placeholder"))
        st.text_input(tr("start.organisation"), key="start_org", max_chars=200)
        st.radio(
            tr("start.language"),
            options=list(LANGUAGES),
            format_func=LANGUAGE_NAMES.get,
            index=list(LANGUAGES).index(state.lang()),
            key="start_language",
            horizontal=True,
        )
        st.form_submit_button(tr("start.create"), type="primary", on_click=_create)
    if st.session_state.get("start_error"):
        st.error(st.session_state["start_error"])

with open_col:
    st.subheader(tr("start.open"))
    try:
        saved = state.workshop().strategies.list()
    except WorkshopError as error:  # a database problem must not hide the rest of the page
        saved = []
        st.error(error.text(state.lang()))
    if not saved:
        st.caption(tr("start.none_saved"))
    else:
        query = st.text_input(tr("start.search"), key="start_search", placeholder=tr("start.search_placeholder"))
        shown = [s for s in saved if query.lower() in f"{s.name} {s.organisation}".lower()][:30]
        for item in shown:
            with st.container(border=True):
                text, button = st.columns([4, 1], vertical_alignment="center")
                org = f" · {md_escape(item.organisation)}" if item.organisation else ""
                text.markdown(
                    f"**{md_escape(item.name)}**{org}  \n"
                    + tr("start.saved_meta", version=item.latest_version, date=state.moment(item.updated_at))
                )
                button.button(tr("start.open_button"), key=f"start_open_{item.id}", on_click=_open, args=(item.id,))
        if len(saved) > len(shown):
            st.caption(tr("start.more", count=len(saved) - len(shown)))

    st.subheader(tr("start.import"))
    upload = st.file_uploader(
        tr("start.import_help"),
        type=["yaml", "yml"],
        key="start_upload",
        max_upload_size=MAX_YAML_BYTES // 1_000_000,
    )
    uploader_limits("start_upload", ["yaml", "yml"], MAX_YAML_BYTES // 1_000_000)
    if upload is not None:
        try:
            imported = parse_strategy(upload.getvalue())
            problems = check_references(imported, state.deck().cards)
        except StrategyFileError as exc:
            imported, problems = None, exc.problems
        if problems:
            st.error(tr("start.import_problems", file=upload.name, count=len(problems)))
            st.markdown(
                "\n".join(
                    f"- **{md_escape(p.path or '—')}**: {md_escape(problem_text('', p.code, p.detail, state.lang()))}"
                    for p in problems[:50]
                )
            )
        elif imported is not None:
            st.info(
                tr(
                    "start.import_ready",
                    name=md_escape(imported.name),
                    goals=trn("counted.goals", len(imported.goals)),
                    kpis=trn("counted.kpis", len(imported.kpis)),
                )
            )
            st.button(
                tr("start.import_button"), type="primary", on_click=_import, args=(imported,), key="start_import_go"
            )
