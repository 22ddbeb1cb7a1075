"""``/_impact/session`` trades a fresh sign-in's one-use ticket for the browser's
cookie; ``/_impact/sign-out`` drops a workspace's cookie. Both answer same-origin
POSTs from the page itself (:func:`ui.access._browser_scripts`) with JSON bodies; a
cross-site form cannot send those, and the cookie is SameSite=Lax, HttpOnly and, over
HTTPS, Secure.

``/_impact/room?code=…`` is what a phone in a room asks every two seconds: which round
to show. A plain request costs the server a fraction of a Streamlit rerun, so a room of
phones that only waits costs next to nothing; the page reruns only when the answer
changes (:mod:`views.vote`)."""

from __future__ import annotations

import functools
import json
import logging
import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from impact.access import SIGN_IN_DAYS, WORKSPACE_NAME, AccessConfig, client_address, cookie_name, parse_config
from impact.voting import normalise_code
from workshop import Workshop, WorkshopError, connect
from workshop.access import Access

_LOG = logging.getLogger("impact.web")
_MAX_BODY = 4096


def _config() -> AccessConfig:
    import streamlit as st

    try:
        section = st.secrets.get("access")
    except Exception:  # noqa: BLE001 - no secrets file: access protection is off
        section = None
    return parse_config(section)


# One store (an engine and its pool) per database for the process, as the pages keep theirs.
_store_for = functools.cache(connect)


def _access() -> Access:
    from workshop import database_url

    return Access(_store_for(database_url()), _config())


def _secure(request: Request, config: AccessConfig) -> bool:
    """HTTPS as the browser sees it (a trusted proxy terminates TLS and says so)."""
    peer = request.client.host if request.client else None
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or (peer in config.trusted_proxies and forwarded.lower() == "https")


async def _payload(request: Request) -> dict[str, str] | None:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return None
    body = await request.body()
    if len(body) > _MAX_BODY:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else None


async def session(request: Request) -> Response:
    data = await _payload(request)
    if data is None or not data.get("ticket"):
        return JSONResponse({"ok": False}, status_code=400)
    try:
        access = _access()
        redeemed = await run_in_threadpool(access.redeem, data["ticket"][:200])
    except WorkshopError as error:
        _LOG.error("sign-in cookie not set: %s", error.detail or error.code)
        return JSONResponse({"ok": False}, status_code=503)
    if redeemed is None:
        return JSONResponse({"ok": False}, status_code=403)
    token, sign_in = redeemed
    response = JSONResponse({"ok": True})
    response.set_cookie(
        cookie_name(sign_in.workspace),
        token,
        max_age=SIGN_IN_DAYS * 24 * 3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request, access.config),
    )
    return response


async def sign_out(request: Request) -> Response:
    data = await _payload(request)
    workspace = (data or {}).get("workspace", "")
    if not WORKSPACE_NAME.match(workspace):
        return JSONResponse({"ok": False}, status_code=400)
    response = JSONResponse({"ok": True})
    response.delete_cookie(cookie_name(workspace), path="/", httponly=True, samesite="lax")
    return response


# (address, code) pairs that were answered lately: a phone that follows its room is
# not asked about lockouts on every poll (a guesser never gets here without a right code).
_ANSWERED: dict[tuple[str, str], float] = {}
_ANSWERED_SECONDS, _ANSWERED_MAX = 300.0, 20_000


def _room_state(code: str, source: str) -> str | None:
    """The round a room's phone should show, as "<id>:<open>" ("" before the first);
    None for a code that names nothing or an address that must wait. An unknown code
    counts as a wrong join code, exactly as on the voting page: this is no way around
    the limit on guessing."""
    from workshop import database_url

    now = time.monotonic()
    if now - _ANSWERED.get((source, code), -_ANSWERED_SECONDS) >= _ANSWERED_SECONDS:
        access = _access()
        if access.join_wait(source):
            return None
        known, state = Workshop(_store_for(database_url())).voting.state_by_code(code)
        if not known:
            access.join_failed(source)
            return None
        if len(_ANSWERED) >= _ANSWERED_MAX:
            _ANSWERED.clear()
        _ANSWERED[(source, code)] = now
    else:
        known, state = Workshop(_store_for(database_url())).voting.state_by_code(code)
        if not known:
            return None
    return "" if state is None else f"{state[0]}:{int(state[1])}"


async def room(request: Request) -> Response:
    peer = request.client.host if request.client else None
    try:
        source = client_address(peer, request.headers.get("x-forwarded-for"), _config().trusted_proxies)
        answer = await run_in_threadpool(_room_state, normalise_code(request.query_params.get("code")), source)
    except WorkshopError as error:
        _LOG.error("room state not read: %s", error.detail or error.code)
        return JSONResponse({"state": None}, status_code=503)
    if answer is None:
        return JSONResponse({"state": None}, status_code=404)
    return JSONResponse({"state": answer}, headers={"Cache-Control": "no-store"})


ROUTES = [
    Route("/_impact/session", session, methods=["POST"]),
    Route("/_impact/sign-out", sign_out, methods=["POST"]),
    Route("/_impact/room", room, methods=["GET"]),
]


def protected() -> bool:
    """Whether access protection is on (read from the secrets each time: cheap, and a
    change to them needs no restart to be honoured)."""
    try:
        return _config().enabled
    except Exception:  # noqa: BLE001 - a broken section: the app refuses to run, uploads too
        return True
