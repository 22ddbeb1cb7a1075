"""The sign-in gate of a hosted installation (off unless the secrets switch it on).

It runs in the frame before any page, so no page, no ``?strategy=`` link and no
sidebar is reachable without a workspace. Every storage call names the session's
workspace (see ``state.workspace``).

In password mode a sign-in lasts: right after it, the page trades a one-use ticket
for an HttpOnly cookie per workspace (``/_impact/session``, see :mod:`web`), so a
reload, a new tab or a bookmark finds the browser still signed in, for two weeks
or until it signs out. Failed passwords are counted in the database per client
address (:mod:`workshop.access`), so every app process and every restart agrees.
"""

from __future__ import annotations

import json
import time

import streamlit as st

from impact.access import (
    WORKSPACE_NAME,
    AccessConfig,
    AccessConfigError,
    client_address,
    cookie_name,
    parse_config,
    workspace_for_member,
)
from ui import signed_in, state
from ui.markdown import md_escape
from ui.state import tr
from workshop import WorkshopError
from workshop.access import Access

KEY_SIGN_IN = "access_sign_in"  # the id of the session's sign-in (password mode)
KEY_TICKET = "access_ticket"  # a ticket the browser has not yet turned into its cookie
KEY_WANTED = "access_wanted"  # the page and strategy asked for before signing in
KEY_SIGNED_OUT = "access_signed_out"  # workspaces whose cookie the browser should drop
KEY_KEPT = "access_kept"  # (when, the workspaces this browser's cookies still sign in to)
_KEPT_SECONDS = 20.0
KEY_ADDING = "access_adding"  # on the sign-in page by choice (to add a workspace, or signed out): no automatic way in


def config() -> AccessConfig:
    """From ``[access]`` in .streamlit/secrets.toml; a broken section stops the app with its path."""
    try:
        section = st.secrets.get("access")
    except Exception:  # noqa: BLE001 - no secrets file at all: protection is off
        section = None
    try:
        return parse_config(section)
    except AccessConfigError as exc:
        st.error(tr("access.config_error", detail=str(exc)))
        st.stop()
        raise  # pragma: no cover - st.stop ends the run


def gatekeeper() -> Access:
    return Access(state.store(), config())


def source() -> str:
    """The client's address as failures are counted (behind a trusted proxy: the
    address it forwards)."""
    try:
        peer, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    except Exception:  # noqa: BLE001 - outside a browser session: one local client
        peer, forwarded = None, None
    peer = peer if isinstance(peer, str) else None  # AppTest hands out stand-ins, not addresses
    forwarded = forwarded if isinstance(forwarded, str) else None
    return client_address(peer, forwarded, config().trusted_proxies)


def _sign_in() -> None:
    name = (st.session_state.get("access_workspace") or "").strip().lower()
    password = st.session_state.get("access_password") or ""
    st.session_state["access_password"] = ""  # never kept in the session longer than this check
    try:
        granted = gatekeeper().sign_in(name, password, source())
    except WorkshopError as error:
        st.session_state["access_error"] = error.text(state.lang())
        return
    st.session_state[KEY_TICKET] = granted.ticket
    _enter(granted.sign_in.workspace, granted.sign_in.id)


def _enter(workspace: str, sign_in_id: str | None = None) -> None:
    if st.session_state.get(state.KEY_WORKSPACE) != workspace:
        for key in (state.KEY_STRATEGY, state.KEY_BASE, state.KEY_CONFLICT, state.KEY_UNSAVED):
            st.session_state[key] = None
        st.session_state[state.KEY_VERSION] = 0
        state.forget_page_widgets()
    st.session_state[state.KEY_WORKSPACE] = workspace
    st.session_state[KEY_SIGN_IN] = sign_in_id
    st.session_state.pop("access_error", None)
    st.session_state.pop(KEY_ADDING, None)
    st.session_state.pop(KEY_KEPT, None)
    signed_in.allow(_session_id())


def _leave() -> None:
    _enter("")
    st.session_state.pop(state.KEY_WORKSPACE, None)
    st.session_state.pop(KEY_SIGN_IN, None)
    st.session_state.pop(KEY_TICKET, None)
    signed_in.deny(_session_id())


def sign_out() -> None:
    """Ends the sign-in everywhere (other tabs, other processes) and drops its cookie."""
    sign_in_id, workspace = st.session_state.get(KEY_SIGN_IN), state.workspace()
    if sign_in_id:
        try:
            gatekeeper().sign_out(sign_in_id)
        except WorkshopError as error:
            state.fail(error)
            return
    st.session_state.setdefault(KEY_SIGNED_OUT, set()).add(workspace)
    _leave()
    st.session_state[KEY_ADDING] = True  # to the sign-in page, which names the workspaces still signed in
    st.query_params.pop("strategy", None)
    st.query_params.pop("ws", None)


def _session_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def _cookie_sign_ins() -> dict[str, str]:
    """Workspace → sign-in id, for every workspace cookie this browser sent that still
    holds; asked of the database once in a while, not on every rerun (choosing a stale
    one is checked again on entering)."""
    cached = st.session_state.get(KEY_KEPT)
    if cached is not None and time.monotonic() - cached[0] < _KEPT_SECONDS:
        return dict(cached[1])
    found = _ask_cookies()
    st.session_state[KEY_KEPT] = (time.monotonic(), found)
    return found


def _ask_cookies() -> dict[str, str]:
    try:
        cookies = dict(st.context.cookies)
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest): no cookies
        return {}
    found: dict[str, str] = {}
    keeper = gatekeeper()
    for name, token in cookies.items():
        workspace = name.removeprefix(cookie_name(""))
        if name == workspace or not WORKSPACE_NAME.match(workspace):
            continue
        sign_in = keeper.by_cookie(str(token))
        if sign_in is not None and sign_in.workspace == workspace:
            found[workspace] = sign_in.id
    return found


def _still_signed_in() -> bool:
    sign_in_id = st.session_state.get(KEY_SIGN_IN)
    if not st.session_state.get(state.KEY_WORKSPACE):
        return False
    if not sign_in_id:
        return True  # signed in where sign-ins are not kept (cannot happen in password mode)
    try:
        valid = gatekeeper().still_valid(sign_in_id)
    except WorkshopError:
        return True  # the database is down: the pages say so; the session is not thrown out
    if valid is None:
        _leave()
        st.session_state["access_error"] = tr("access.ended")
        return False
    return True


def _browser_scripts() -> None:
    """Turns a fresh ticket into the browser's cookie, and drops the cookies of signed-out
    workspaces (HttpOnly cookies: only the server may set or clear them)."""
    calls = []
    ticket = st.session_state.get(KEY_TICKET)
    if ticket:
        try:
            if gatekeeper().cookie_set(st.session_state.get(KEY_SIGN_IN) or ""):
                st.session_state.pop(KEY_TICKET, None)
                ticket = None
        except WorkshopError:
            pass
    if ticket:
        calls.append(("session", {"ticket": ticket}))
    for workspace in sorted(st.session_state.pop(KEY_SIGNED_OUT, None) or ()):  # once is enough
        calls.append(("sign-out", {"workspace": workspace}))
    if not calls:
        return
    body = "".join(
        f"fetch(base + {json.dumps(path)}, {{method: 'POST', credentials: 'same-origin', "
        f"headers: {{'Content-Type': 'application/json'}}, body: {json.dumps(json.dumps(data))}}});"
        for path, data in calls
    )
    st.html(
        f"<script>(function(){{const base = {json.dumps(state.own_route(''))}; {body}}})();</script>",
        unsafe_allow_javascript=True,
    )


def _want_this_page() -> None:
    """Keep the page and strategy the address asked for, to open them once signed in."""
    if st.session_state.get(KEY_WANTED):
        return
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - outside a browser session
        url = ""
    path = url.split("://", 1)[-1].split("/", 1)[1] if "/" in url.split("://", 1)[-1] else ""
    st.session_state[KEY_WANTED] = path.strip("/").split("/")[-1] if path else ""


def _hide_navigation() -> None:
    """After signing out the browser still shows the last run's page list; behind the
    gate none of it is reachable, so none of it is shown."""
    st.html(
        "<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'],"
        " [data-testid='stSidebarNav'] {display: none !important;}</style>"
    )


def wanted_page() -> str | None:
    """The page asked for before signing in, once."""
    page: str | None = st.session_state.pop(KEY_WANTED, None)
    return page or None


def gate() -> None:
    """Returns when the session may see its workspace; otherwise draws the sign-in and stops."""
    cfg = config()
    if not cfg.enabled:
        return
    if cfg.mode == "login":
        _login_gate(cfg)
        return
    if not _still_signed_in() and not st.session_state.get(KEY_ADDING):
        kept = _cookie_sign_ins()
        chosen = st.query_params.get("ws")
        linked = st.query_params.get("strategy")
        if chosen not in kept and linked and len(kept) > 1:  # a link opens where its strategy is
            holders = gatekeeper().holding(str(linked)[:32], sorted(kept))
            chosen = holders[0] if len(holders) == 1 else chosen
        if chosen in kept or len(kept) == 1:
            workspace = chosen if chosen in kept else next(iter(kept))
            _enter(workspace, kept[workspace])
    _browser_scripts()
    if st.session_state.get(state.KEY_WORKSPACE):
        if st.query_params.get("ws") != state.workspace():
            st.query_params["ws"] = state.workspace()
        return
    _want_this_page()
    _hide_navigation()
    with st.container(width=560):  # a form for two short fields, not the width of the screen
        state.render_language_choice("access_lang")
        st.title(tr("access.title"))
        kept = _cookie_sign_ins()
        if kept:
            st.caption(tr("access.choose"))
            for workspace, sign_in_id in sorted(kept.items()):
                st.button(
                    workspace,
                    key=f"access_choose_{workspace}",
                    on_click=_enter,
                    args=(workspace, sign_in_id),
                    icon="🗂️",
                )
        st.caption(tr("access.intro"))
        with st.form("access_form"):
            st.text_input(tr("access.workspace"), key="access_workspace", max_chars=64)
            st.text_input(tr("access.password"), key="access_password", type="password", max_chars=1024)
            st.form_submit_button(tr("access.sign_in"), type="primary", on_click=_sign_in)
        if st.session_state.get("access_error"):
            st.error(st.session_state["access_error"])
    st.stop()


def _login_gate(cfg: AccessConfig) -> None:
    if not st.user.is_logged_in:
        _want_this_page()
        state.render_language_choice("access_lang")
        st.title(tr("access.title"))
        st.caption(tr("access.intro_login"))
        if cfg.provider:
            st.button(tr("access.login"), type="primary", on_click=st.login, args=(cfg.provider,), key="access_login")
        else:
            st.button(tr("access.login"), type="primary", on_click=st.login, key="access_login")
        st.stop()
    email = st.user.get("email")
    workspace = workspace_for_member(cfg, email)
    if workspace is None:
        st.error(tr("access.not_member", email=md_escape(str(email or "?"))))
        st.button(tr("access.sign_out"), on_click=st.logout, key="access_logout")
        st.stop()
    _enter(workspace)
    st.session_state[state.KEY_AUTHOR] = str(st.user.get("name") or email)[:100]
    st.session_state[state.KEY_ACCOUNT] = str(email or "")[:200]


def render_account(cfg: AccessConfig) -> None:
    """The sidebar's line: which workspace this is, the others this browser is signed in
    to (one click each, no password), and the way out."""
    if not cfg.enabled:
        return
    st.caption(tr("access.in_workspace", workspace=md_escape(state.workspace())))
    if cfg.mode == "login":
        st.button(tr("access.sign_out"), on_click=st.logout, key="access_logout_sidebar", icon="🚪")
        return
    for workspace, sign_in_id in sorted(_cookie_sign_ins().items()):
        if workspace != state.workspace():
            st.button(
                tr("access.switch", workspace=workspace),
                key=f"access_switch_{workspace}",
                on_click=_switch,
                args=(workspace, sign_in_id),
                icon="🔀",
            )
    st.button(tr("access.sign_out"), on_click=sign_out, key="access_sign_out", icon="🚪")
    st.button(tr("access.sign_in_other"), on_click=_add_workspace, key="access_other", icon="➕")


def _add_workspace() -> None:
    """To the sign-in page, staying signed in to this workspace (its cookie holds)."""
    _leave()
    st.session_state[KEY_ADDING] = True
    st.query_params.pop("strategy", None)


def _switch(workspace: str, sign_in_id: str) -> None:
    _enter(workspace, sign_in_id)
    st.query_params.pop("strategy", None)
    st.query_params["ws"] = workspace
