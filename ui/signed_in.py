"""The Streamlit sessions of this process that have signed in to a workspace, for the
upload guard (:mod:`web.guard`): an upload goes to the process that holds its session
(sticky sessions), so this one list is the whole truth about it. Without access
protection every session may upload."""

from __future__ import annotations

import threading
import time

_LOCK = threading.Lock()
_SESSIONS: dict[str, float] = {}
_FORGET_AFTER = 7 * 24 * 3600.0  # a session id is random and dies with its tab; stale ones go


def allow(session_id: str) -> None:
    if session_id:
        with _LOCK:
            now = time.monotonic()
            _SESSIONS[session_id] = now
            for stale in [s for s, at in _SESSIONS.items() if now - at > _FORGET_AFTER]:
                del _SESSIONS[stale]


def deny(session_id: str) -> None:
    with _LOCK:
        _SESSIONS.pop(session_id, None)


def allowed(session_id: str) -> bool:
    with _LOCK:
        return session_id in _SESSIONS
