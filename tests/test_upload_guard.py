"""The upload guard in front of Streamlit's upload endpoint: with access protection on,
a session that has not signed in cannot put a file into the server's memory."""

from __future__ import annotations

import asyncio
import concurrent.futures

from ui import signed_in
from web.guard import UploadGuard


def _call(guard: UploadGuard, method: str, path: str) -> tuple[int, bool]:
    """(status, whether the body was read by the app behind)"""
    reached = []

    async def behind(scope, receive, send):
        reached.append(await receive())
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    guard.app = behind
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"x" * 1024, "more_body": False}

    async def send(message):
        sent.append(message)

    # A thread of its own: a browser test earlier in the session may leave an event loop running here.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, guard({"type": "http", "method": method, "path": path}, receive, send)).result()
    return sent[0]["status"], bool(reached)


def test_an_upload_from_a_session_that_has_not_signed_in_is_refused_unread():
    guard = UploadGuard(lambda *a: None, protected=lambda: True)
    assert _call(guard, "PUT", "/_stcore/upload_file/s-anonymous/f1") == (403, False)
    signed_in.allow("s-member")
    try:
        assert _call(guard, "PUT", "/_stcore/upload_file/s-member/f1") == (204, True)
        assert _call(guard, "PUT", "/base/_stcore/upload_file/s-member/f1") == (204, True)  # under a base path
    finally:
        signed_in.deny("s-member")
    assert _call(guard, "PUT", "/_stcore/upload_file/s-member/f1") == (403, False)  # signed out: refused again


def test_everything_else_and_an_unprotected_installation_pass_through():
    guard = UploadGuard(lambda *a: None, protected=lambda: True)
    assert _call(guard, "GET", "/_stcore/health") == (204, True)
    assert _call(guard, "DELETE", "/_stcore/upload_file/s-anonymous/f1") == (204, True)  # removing frees memory
    laptop = UploadGuard(lambda *a: None, protected=lambda: False)
    assert _call(laptop, "PUT", "/_stcore/upload_file/s-anonymous/f1") == (204, True)
