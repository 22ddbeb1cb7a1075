"""The app's shared state: the open strategy, its version, the language, the store.

The use cases are the application layer's (:mod:`workshop`); this module keeps what a
browser session holds between them. Every completed change goes through ``apply``:
the domain function makes the new strategy, the application saves it as a version,
and only then does the session take it. If the save fails, what the person did stays
on screen and they are told why.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from typing import TYPE_CHECKING, Any

import streamlit as st

from impact.deck import Deck, load_deck
from impact.formatting import format_moment, quoted
from impact.health import check_health
from impact.i18n import normalise_language, t, tn
from impact.model import LANGUAGE_NAMES, Strategy
from ui.markdown import md_escape
from workshop import Workshop, WorkshopError, connect, database_url
from workshop.places import ResumePoint
from workshop.strategies import Opened

if TYPE_CHECKING:
    from workshop import Store

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
# Widget keys of the pages: forgotten when another version is loaded, so no widget
# shows a value from before. Page choices (which stage is in focus) are kept.
PAGE_PREFIXES = ("board_", "goals_", "owners_", "strategy_", "profile_", "check_", "workshop_", "room_")
KEEP_KEYS = {"board_stage", "owners_stage", "board_only_profile", "board_kind"}


def store() -> Store:
    """The database; WorkshopError('db_unavailable') when it cannot be used."""
    return _store_for(database_url())


@st.cache_resource(show_spinner=False, max_entries=4)
def _store_for(url: str) -> Store:
    """One store (an engine and its pool) per database URL for the whole server process."""
    return connect(url)


def workshop() -> Workshop:
    """The use cases, for who is working in this session, in their language."""
    return Workshop(store(), workspace=workspace(), author=author(), account=_account(), lang=lang(), shared=True)


def fail(error: WorkshopError) -> None:
    """Say what went wrong, on the next run (the page may be in a callback)."""
    notify(error.text(lang()), "⚠️")


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


# The reader's language, read from the session once per script run: a page asks for it
# a thousand times (every label, every number), and the session's state is a locked
# mapping (a few microseconds a look). Each run of a session's script has a thread and
# context of its own; set_lang keeps the two the same when the language changes.
_LANG: ContextVar[str | None] = ContextVar("impact_lang", default=None)


def lang() -> str:
    known = _LANG.get()
    if known is not None:
        return known
    found: str = st.session_state.get(KEY_LANG, "de")
    return found


def set_lang(code: str) -> None:
    """The reader's language from now on (in this run, and in the session)."""
    st.session_state[KEY_LANG] = code
    _LANG.set(code)


def hold_language() -> None:
    """Called once a run's callbacks are done: from here on, lang() is read once."""
    _LANG.set(st.session_state.get(KEY_LANG, "de"))


def time_zone() -> str | None:
    """The browser's time zone (IANA name), for showing when something was saved."""
    try:
        return st.context.timezone
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest, scripts): UTC is shown
        return None


def moment(value: datetime, *, seconds: bool = False) -> str:
    return format_moment(value, lang(), time_zone(), seconds=seconds)


def tr(key: str, **params: Any) -> str:
    return t(key, lang(), **params)


def trn(key: str, count: int, **params: Any) -> str:
    """``tr`` for a sentence about ``count`` things: singular or plural, never "(s)"."""
    return tn(key, lang(), count, **params)


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


def opened() -> Opened | None:
    """The strategy on screen and the version it is based on."""
    strategy = current()
    return Opened(strategy, st.session_state.get(KEY_VERSION) or 0) if strategy is not None else None


def _take(opened: Opened) -> None:
    strategy = opened.strategy
    st.session_state[KEY_STRATEGY] = strategy
    st.session_state[KEY_BASE] = strategy
    st.session_state[KEY_VERSION] = opened.version
    st.session_state[KEY_CONFLICT] = None
    st.session_state[KEY_UNSAVED] = None
    st.query_params["strategy"] = strategy.id or ""


def forget_page_widgets() -> None:
    for key in list(st.session_state.keys()):
        if key.startswith(PAGE_PREFIXES) and key not in KEEP_KEYS and not key.endswith("_draft"):
            del st.session_state[key]


def open_strategy(strategy_id: str, on_error: Callable[[WorkshopError], None] | None = None) -> bool:
    """Opens the strategy; when it cannot, ``on_error`` (by default a notice) says why."""
    try:
        opened = workshop().strategies.open(strategy_id)
    except WorkshopError as error:
        (on_error or fail)(error)
        st.query_params.pop("strategy", None)
        return False
    forget_page_widgets()
    _take(opened)
    if "lang" not in st.query_params:  # an explicit choice of the reader wins over the strategy's language
        set_lang(opened.strategy.language)
    _resume(opened.strategy.id or strategy_id)
    return True


def _account() -> str:
    return st.session_state.get(KEY_ACCOUNT) or ""


def _resume(strategy_id: str) -> None:
    """Guided mode, the name and the page of the person's last visit come back (an
    explicit ?guided= in the address wins)."""
    st.session_state.pop(KEY_RESUME, None)
    point = workshop().places.recall(strategy_id)
    if point is None:  # unknown, or the database cannot say: the strategy is open all the same
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
    point = ResumePoint(page, bool(st.session_state.get("guided_mode")), author())
    if st.session_state.get("_resume_saved") == (strategy.id, point):
        return
    if workshop().places.remember(strategy.id, point):  # never an error on screen for a convenience
        st.session_state["_resume_saved"] = (strategy.id, point)


def choose_language(code: str) -> None:
    """The reader's own choice: kept in the URL so a reload or a bookmark keeps it.
    Page widgets are rebuilt so that no label stays in the other language."""
    set_lang(code)
    st.session_state["lang_chosen"] = True
    st.query_params["lang"] = code
    forget_page_widgets()


def own_route(path: str) -> str:
    """The address of one of the app's own routes (web/routes.py) as the page's scripts
    call it, under a base path where the installation has one."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/_impact/{path}" if base else f"/_impact/{path}"


def render_language_choice(key: str) -> None:
    """Deutsch | English, wherever a reader may need it first (the sidebar, the sign-in page)."""
    st.segmented_control(
        tr("app.language"),
        options=["de", "en"],
        format_func=LANGUAGE_NAMES.get,
        default=lang(),
        key=key,
        on_change=lambda: choose_language(st.session_state[key]),
        required=True,
    )


def keep_in_url() -> None:
    """The open strategy (and a language the reader chose) stay in the address bar."""
    strategy = current()
    if strategy is not None and strategy.id and st.query_params.get("strategy") != strategy.id:
        st.query_params["strategy"] = strategy.id
    if workspace() and st.query_params.get("ws") != workspace():  # each tab stays in its workspace
        st.query_params["ws"] = workspace()
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
        stored = workshop().strategies.create(strategy, summary)
    except WorkshopError as error:
        fail(error)
        return None
    _take(stored)
    return stored.strategy


def _not_saved(error: WorkshopError) -> None:
    """A save that failed: what the person did stays on screen. Someone else's save in
    between is a conflict to resolve; a database that cannot be reached, a change that
    says plainly it is not saved yet (with a button to try again)."""
    if error.pending is None:
        fail(error)
        return
    st.session_state[KEY_STRATEGY] = error.pending.strategy
    if error.code == "conflict":
        actual = error.params["actual"]
        pending = error.pending
        st.session_state[KEY_CONFLICT] = {"mine": pending.strategy, "theirs": actual, "summary": pending.summary}
        notify(tr("app.conflict_toast", version=actual), "⚠️")  # the banner may be scrolled out of view
    else:
        st.session_state[KEY_UNSAVED] = error.pending.summary


def save(strategy: Strategy, summary: str, *, expected: int | None = None) -> bool:
    """Append ``strategy`` as the next version; False (and a message) if it failed.

    The save names the version the screen was based on, so a save by someone else
    in between becomes a conflict to resolve, never a silent overwrite.
    """
    expected = st.session_state.get(KEY_VERSION) if expected is None else expected
    try:
        stored = workshop().strategies.save(strategy, summary, expected=expected)
    except WorkshopError as error:
        _not_saved(error)
        return False
    _take(stored)
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
    on_screen = opened()
    if on_screen is None:
        return None
    try:
        applied = workshop().strategies.apply(on_screen, change, *args, cards=cards(), summary=summary, **kwargs)
    except WorkshopError as error:
        _not_saved(error)  # the caller keeps its form as it is: nothing was lost, nothing claimed
        return None
    _take(applied.opened)
    return applied.extra if applied.extra is not None else True


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
        merged = workshop().strategies.keep_both(st.session_state.get(KEY_BASE) or mine, mine, cards())
    except WorkshopError as error:
        _not_saved(error)
        return
    _take(merged.opened)
    message = tr("state.kept_both_done", version=merged.opened.version)
    changed = [c for c in merged.clashes if c.kind == "changed"]
    if changed:
        message += " " + tr("state.kept_both_clashes", count=len(changed), version=merged.their_version)
    if kept := [_kept_name(c.mine) for c in merged.clashes if c.kind == "kept"]:
        message += " " + tr("state.kept_in_use", items=", ".join(quoted(name, lang()) for name in kept))
    notify(message)


def _kept_name(item: dict[str, Any]) -> str:
    """A kept goal's title, a kept card's title in the reader's language."""
    title = item.get("title")
    if isinstance(title, dict):
        return str(title.get(lang()) or next(iter(title.values()), ""))
    return str(title or item.get("id"))


def restore(version: int) -> bool:
    """An earlier version becomes the newest, as a new version (nothing is deleted)."""
    strategy = current()
    if strategy is None or not strategy.id:
        return False
    forget_page_widgets()
    try:
        restored = workshop().strategies.restore(strategy.id, version, expected=st.session_state.get(KEY_VERSION))
    except WorkshopError as error:
        _not_saved(error)
        return False
    _take(restored)
    notify(tr("state.restored_done", version=version, new=restored.version))
    return True


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
        marked = workshop().strategies.milestone(strategy.id, version, note)
    except WorkshopError as error:
        fail(error)
        return False
    if not marked.marked:
        earlier = " " + quoted(marked.note, lang()) if marked.note else ""
        notify(tr("strategy.nothing_new", note=earlier, version=version), "ℹ️")
        return False
    notify(tr("strategy.saved", version=version))
    return True
