"""Uploads need a signed-in session. Streamlit's upload endpoint
(``/_stcore/upload_file/<session>/<file>``) otherwise takes files for any live
session, the sign-in page's too; with access protection on, this middleware refuses
them (403) before a byte of the body is read. Sessions are told apart by the list
:mod:`ui.signed_in` keeps in this process, which is the process the session lives in
(sticky sessions send its uploads here)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ui import signed_in

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_UPLOAD = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/")


class UploadGuard:
    """ASGI middleware: a PUT to the upload endpoint from a session that has not signed in is refused."""

    def __init__(self, app: ASGIApp, protected: Callable[[], bool]) -> None:
        self.app, self.protected = app, protected

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") == "PUT":
            found = _UPLOAD.search(scope.get("path", ""))
            if found and self.protected() and not signed_in.allowed(found["session"]):
                await send(
                    {"type": "http.response.start", "status": 403, "headers": [(b"content-type", b"text/plain")]}
                )
                await send({"type": "http.response.body", "body": b"sign in first"})
                return
        await self.app(scope, receive, send)
