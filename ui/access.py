"""The sign-in gate of a hosted installation (off unless the secrets switch it on).

It runs in the frame before any page, so no page, no ``?strategy=`` link and no
sidebar is reachable without a workspace. The workspace lives in the session
only; every storage call names it (see ``state.workspace``).
"""

from __future__ import annotations

import streamlit as st

from impact.access import (
    AccessConfig,
    AccessConfigError,
    Throttle,
    parse_config,
    workspace_for_member,
    workspace_for_password,
)
from ui import state
from ui.markdown import md_escape
from ui.state import tr


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


@st.cache_resource(show_spinner=False)
def _throttle() -> Throttle:
    """One per server process, so opening a new tab does not reset the count."""
    return Throttle()


def _sign_in() -> None:
    name = (st.session_state.get("access_workspace") or "").strip().lower()
    password = st.session_state.get("access_password") or ""
    st.session_state["access_password"] = ""  # never kept in the session longer than this check
    throttle = _throttle()
    wait = throttle.blocked_for(name)
    if wait:
        st.session_state["access_error"] = tr("access.wait", seconds=int(wait) + 1)
        return
    workspace = workspace_for_password(config(), name, password)
    if workspace is None:
        throttle.failed(name)
        st.session_state["access_error"] = tr("access.wrong")
        return
    throttle.succeeded(name)
    _enter(workspace)


def _enter(workspace: str) -> None:
    if st.session_state.get(state.KEY_WORKSPACE) != workspace:
        for key in (state.KEY_STRATEGY, state.KEY_BASE, state.KEY_CONFLICT, state.KEY_UNSAVED):
            st.session_state[key] = None
        st.session_state[state.KEY_VERSION] = 0
        state.forget_page_widgets()
    st.session_state[state.KEY_WORKSPACE] = workspace
    st.session_state.pop("access_error", None)


def sign_out() -> None:
    _enter("")
    st.session_state.pop(state.KEY_WORKSPACE, None)
    st.query_params.pop("strategy", None)


def gate() -> None:
    """Returns when the session may see its workspace; otherwise draws the sign-in and stops."""
    cfg = config()
    if not cfg.enabled:
        return
    if cfg.mode == "login":
        _login_gate(cfg)
        return
    if st.session_state.get(state.KEY_WORKSPACE):
        return
    st.title(tr("access.title"))
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
    """The sidebar's line: which workspace this is, and the way out."""
    if not cfg.enabled:
        return
    st.caption(tr("access.in_workspace", workspace=md_escape(state.workspace())))
    if cfg.mode == "login":
        st.button(tr("access.sign_out"), on_click=st.logout, key="access_logout_sidebar", icon="🚪")
    else:
        st.button(tr("access.sign_out"), on_click=sign_out, key="access_sign_out", icon="🚪")
