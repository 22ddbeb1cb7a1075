"""The app's shared state: the open strategy, its version, the language, the engine.

Every completed change goes through ``apply``: the domain function makes the new
strategy, storage appends it as a version, and only then does the session take it.
If the save fails, what is on screen stays as it was and the user is told why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import streamlit as st
from pydantic import ValidationError

from impact.deck import Deck, load_deck
from impact.diff import diff_strategies, summarise
from impact.formatting import format_moment, quoted
from impact.health import check_health
from impact.i18n import normalise_language, t
from impact.merge import MergeFailed, merge_strategies
from impact.model import Strategy
from impact.sittings import last_milestone
from storage import repository, resume
from storage.db import Engine, database_url, make_engine
from storage.errors import StorageError, StrategyNotFound, VersionConflict
from ui.markdown import md_escape

KEY_STRATEGY = "strategy"
KEY_VERSION = "strategy_version"
KEY_LANG = "lang"
KEY_CONFLICT = "conflict"
KEY_NOTICE = "notice"
KEY_UNSAVED = "unsaved"
KEY_BASE = "strategy_base"  # the open strategy as stored in KEY_VERSION: the base of a "keep both" merge
KEY_AUTHOR = "author_name"
KEY_WORKSPACE = "workspace"
KEY_ACCOUNT = "account"  # the signed-in account's e-mail; "" without sign-in
KEY_RESUME = "resume_page"  # where the person stopped, to go to once the strategy is open
KEY_AUTHOR_RESTORED = "author_restored"  # the name came back from the last visit, not typed in this browser
RESUMABLE = ("profile", "goals", "board", "owners", "strategy", "check", "workshop", "room")
STRATEGY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
# Widget keys of the pages: forgotten when another version is loaded, so no widget
# shows a value from before. Page choices (which stage is in focus) are kept.
PAGE_PREFIXES = ("board_", "goals_", "owners_", "strategy_", "profile_", "check_", "workshop_", "room_")
KEEP_KEYS = {"board_stage", "owners_stage", "board_only_profile", "board_kind"}


def engine() -> Engine:
    return _engine_for(database_url())


@st.cache_resource(show_spinner=False, max_entries=4)
def _engine_for(url: str) -> Engine:
    """One engine (and pool) per database URL for the whole server process."""
    return make_engine(url)


@st.cache_resource(show_spinner=False)
def deck() -> Deck:
    return load_deck()


def init() -> None:
    """Defaults for every shared key, set once per session before a page runs."""
    if KEY_LANG not in st.session_state:
        st.session_state[KEY_LANG] = normalise_language(st.query_params.get("lang") or st.context.locale)
        st.session_state["lang_chosen"] = "lang" in st.query_params
    st.session_state.setdefault(KEY_STRATEGY, None)
    st.session_state.setdefault(KEY_VERSION, 0)
    st.session_state.setdefault(KEY_CONFLICT, None)
    st.session_state.setdefault(KEY_UNSAVED, None)
    st.session_state.setdefault(KEY_AUTHOR, (st.query_params.get("by") or "")[:100])


def lang() -> str:
    return st.session_state.get(KEY_LANG, "de")


def time_zone() -> str | None:
    """The browser's time zone (IANA name), for showing when something was saved."""
    try:
        return st.context.timezone
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest, scripts): UTC is shown
        return None


def moment(value: datetime) -> str:
    return format_moment(value, lang(), time_zone())


def tr(key: str, **params: Any) -> str:
    return t(key, lang(), **params)


def current() -> Strategy | None:
    return st.session_state.get(KEY_STRATEGY)


def cards() -> dict:
    strategy = current()
    return deck().with_custom(strategy.custom_cards if strategy else [])


def health() -> list:
    """The health checklist of the open strategy, worked out once per change, not per rerun."""
    strategy = current()
    if strategy is None:
        return []
    cached = st.session_state.get("_health")
    if cached is not None and cached[0] is strategy:
        return cached[1]
    items = check_health(strategy, cards())
    st.session_state["_health"] = (strategy, items)
    return items


def notify(message: str, icon: str = "✅") -> None:
    """A message shown once on the next run (callbacks cannot draw themselves)."""
    st.session_state[KEY_NOTICE] = (message, icon)


def show_notice() -> None:
    notice = st.session_state.pop(KEY_NOTICE, None)
    if notice:
        st.toast(md_escape(notice[0]), icon=notice[1])  # messages carry user text: never markup


def workspace() -> str:
    """The signed-in workspace ("" without access protection): every storage call names it."""
    return st.session_state.get(KEY_WORKSPACE) or ""


def author() -> str | None:
    """Who the history names: the signed-in person, else the name typed in the sidebar."""
    return (st.session_state.get(KEY_AUTHOR) or "").strip()[:100] or None


def _take(strategy: Strategy, version: int) -> None:
    st.session_state[KEY_STRATEGY] = strategy
    st.session_state[KEY_BASE] = strategy
    st.session_state[KEY_VERSION] = version
    st.session_state[KEY_CONFLICT] = None
    st.session_state[KEY_UNSAVED] = None
    st.query_params["strategy"] = strategy.id or ""


def forget_page_widgets() -> None:
    for key in list(st.session_state.keys()):
        if key.startswith(PAGE_PREFIXES) and key not in KEEP_KEYS and not key.endswith("_draft"):
            del st.session_state[key]


def open_strategy(strategy_id: str) -> bool:
    if not STRATEGY_ID.match(strategy_id or ""):
        notify(tr("state.not_found", id=strategy_id[:40]), "⚠️")
        st.query_params.pop("strategy", None)
        return False
    try:
        strategy, version = repository.load_strategy(engine(), strategy_id, workspace=workspace())
    except StrategyNotFound:
        notify(tr("state.not_found", id=strategy_id), "⚠️")
        st.query_params.pop("strategy", None)
        return False
    except StorageError:
        notify(tr("state.db_error_open"), "⚠️")
        st.query_params.pop("strategy", None)
        return False
    forget_page_widgets()
    _take(strategy, version)
    if "lang" not in st.query_params:  # an explicit choice of the reader wins over the strategy's language
        st.session_state[KEY_LANG] = strategy.language
    _resume(strategy_id)
    return True


def _account() -> str:
    return st.session_state.get(KEY_ACCOUNT) or ""


def _resume(strategy_id: str) -> None:
    """Guided mode, the name and the page of the person's last visit come back (an
    explicit ?guided= in the address wins)."""
    st.session_state.pop(KEY_RESUME, None)
    try:
        point = resume.recall_place(engine(), strategy_id, _account())
    except StorageError:
        return  # a convenience: the strategy is open all the same
    if point is None:
        return
    if "guided" not in st.query_params:
        st.session_state["guided_mode"] = point.guided
        st.session_state["app_guided"] = point.guided
    if not author() and point.author:
        st.session_state[KEY_AUTHOR] = point.author
        st.session_state["app_author"] = point.author
        st.session_state[KEY_AUTHOR_RESTORED] = True
    if point.page in RESUMABLE:
        st.session_state[KEY_RESUME] = f"views/{point.page}.py"
    st.session_state["_resume_saved"] = (strategy_id, point)


def take_resume_page() -> str | None:
    """The page where the person stopped, once, right after opening the strategy."""
    page: str | None = st.session_state.pop(KEY_RESUME, None)
    return page


def remember_place(page: str) -> None:
    """Keep where the person is, with the strategy (written only when it changes)."""
    strategy = current()
    if strategy is None or not strategy.id or page not in RESUMABLE:
        return
    point = resume.ResumePoint(page, bool(st.session_state.get("guided_mode")), author())
    if st.session_state.get("_resume_saved") == (strategy.id, point):
        return
    try:
        resume.remember_place(engine(), strategy.id, _account(), point)
    except StorageError:
        return  # never an error on screen for a convenience; the next page tries again
    st.session_state["_resume_saved"] = (strategy.id, point)


def choose_language(code: str) -> None:
    """The reader's own choice: kept in the URL so a reload or a bookmark keeps it.
    Page widgets are rebuilt so that no label stays in the other language."""
    st.session_state[KEY_LANG] = code
    st.session_state["lang_chosen"] = True
    st.query_params["lang"] = code
    forget_page_widgets()


def keep_in_url() -> None:
    """The open strategy (and a language the reader chose) stay in the address bar."""
    strategy = current()
    if strategy is not None and strategy.id and st.query_params.get("strategy") != strategy.id:
        st.query_params["strategy"] = strategy.id
    if st.session_state.get("lang_chosen") and st.query_params.get("lang") != lang():
        st.query_params["lang"] = lang()
    name = author()
    if name and st.query_params.get("by") != name:  # a reload keeps who is editing, like the voting page
        st.query_params["by"] = name
    if st.session_state.get("projector") and st.query_params.get("projector") != "1":
        st.query_params["projector"] = "1"
    if st.session_state.get("guided_mode") and st.query_params.get("guided") != "1":
        st.query_params["guided"] = "1"
    elif not st.session_state.get("guided_mode") and "guided" in st.query_params:
        del st.query_params["guided"]


def create(strategy: Strategy, summary: str) -> Strategy | None:
    try:
        stored = repository.create_strategy(engine(), strategy, summary=summary, author=author(), workspace=workspace())
    except StorageError:
        notify(tr("state.db_error"), "⚠️")
        return None
    _take(stored, 1)
    return stored


def save(strategy: Strategy, summary: str, *, expected: int | None = None) -> bool:
    """Append ``strategy`` as the next version; False (and a message) if it failed.

    The save names the version the screen was based on, so a save by someone else
    in between becomes a conflict to resolve, never a silent overwrite.
    """
    expected = st.session_state.get(KEY_VERSION) if expected is None else expected
    try:
        version = repository.save_version(
            engine(), strategy, expected_version=expected, summary=summary, author=author(), workspace=workspace()
        )
    except VersionConflict as exc:
        st.session_state[KEY_CONFLICT] = {"mine": strategy, "theirs": exc.actual, "summary": summary}
        notify(tr("app.conflict_toast", version=exc.actual), "⚠️")  # the banner may be scrolled out of view
        st.session_state[KEY_STRATEGY] = strategy  # keep what the user did on screen
        return False
    except StorageError:
        st.session_state[KEY_STRATEGY] = strategy  # keep what the user did on screen ...
        st.session_state[KEY_UNSAVED] = summary  # ... and say plainly that it is not saved yet
        return False
    _take(strategy, version)
    return True


def retry_save() -> None:
    strategy = current()
    if strategy is not None and save(strategy, st.session_state.get(KEY_UNSAVED) or ""):
        notify(tr("state.saved_now", version=st.session_state[KEY_VERSION]))


def apply(change: Callable[..., Any], *args: Any, summary: str, **kwargs: Any) -> Any:
    """Run a domain edit on the open strategy and save the result as a new version.

    Returns what the edit returned beyond the strategy (e.g. a new KPI's id), or
    None when nothing was saved. Invalid input is reported, never raised.
    """
    strategy = current()
    if strategy is None:
        return None
    try:
        result = change(strategy, *args, **kwargs)
    except ValidationError as exc:
        notify(tr("state.invalid", detail=_first_error(exc)), "⚠️")
        return None
    extra = None
    if isinstance(result, tuple):
        result, extra = result
    described = summarise(diff_strategies(strategy, result, cards(), lang()), lang())
    if not save(result, described or summary):
        return None  # the caller keeps its form as it is: nothing was lost, nothing claimed
    return extra if extra is not None else True


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


def resolve_conflict(keep_both: bool) -> None:
    """Reload their version, or keep both: their saved changes plus mine, merged."""
    conflict = st.session_state.get(KEY_CONFLICT)
    if not conflict:
        return
    mine = conflict["mine"]
    if not keep_both:
        open_strategy(mine.id)
        return
    try:
        theirs, their_version = repository.load_strategy(engine(), mine.id, workspace=workspace())
    except StorageError:
        notify(tr("state.db_error"), "⚠️")
        return
    base = st.session_state.get(KEY_BASE) or theirs
    try:
        merged, clashes = merge_strategies(base, mine, theirs)
    except MergeFailed:
        notify(tr("state.merge_failed"), "⚠️")
        return
    summary = tr("state.kept_both", version=their_version)
    if described := summarise(diff_strategies(theirs, merged, cards(), lang()), lang()):
        summary += f": {described}"
    if save(merged, summary, expected=their_version):
        message = tr("state.kept_both_done", version=st.session_state[KEY_VERSION])
        if clashes:
            message += " " + tr("state.kept_both_clashes", count=len(clashes), version=their_version)
        notify(message)


def restore(version: int) -> bool:
    """An earlier version becomes the newest, as a new version (nothing is deleted)."""
    strategy = current()
    if strategy is None or not strategy.id:
        return False
    try:
        old, _ = repository.load_strategy(engine(), strategy.id, version, workspace=workspace())
    except StorageError:
        notify(tr("state.db_error"), "⚠️")
        return False
    forget_page_widgets()
    if save(old, tr("state.restored", version=version)):
        notify(tr("state.restored_done", version=version, new=st.session_state[KEY_VERSION]))
        return True
    return False


def mark_milestone(note: str) -> bool:
    """Name the version on screen as a milestone; with nothing changed since the last
    milestone, say so instead of marking the same state twice."""
    strategy = current()
    if strategy is None or not strategy.id or st.session_state.get(KEY_CONFLICT):
        return False
    if st.session_state.get(KEY_UNSAVED) is not None and not save(strategy, st.session_state[KEY_UNSAVED]):
        return False  # what is on screen is not stored yet: no milestone on an older state
    version = st.session_state[KEY_VERSION]
    try:
        marked = last_milestone(repository.list_versions(engine(), strategy.id, workspace=workspace()))
        if marked is not None and marked.version == version:
            note = " " + quoted(marked.milestone, lang()) if marked.milestone else ""
            notify(tr("strategy.nothing_new", note=note, version=version), "ℹ️")
            return False
        repository.mark_milestone(engine(), strategy.id, version, note, workspace=workspace())
    except StorageError:
        notify(tr("state.db_error"), "⚠️")
        return False
    notify(tr("strategy.saved", version=version))
    return True
