"""A small OpenID Connect provider for the sign-in test: discovery, an authorisation
page where a person types who they are, the code exchange, signed ID tokens, JWKS and
userinfo. It does what a real provider does on the wire (client authentication, one
use per code, redirect URI and PKCE checks, RS256 tokens with the nonce) and nothing
more: no consent screens, no refresh tokens.

Runs in a thread of the test process; ``provider.requests`` records what it was asked.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _int_b64(value: int) -> str:
    return _b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))


class _SigningKey:
    """RS256 as RFC 7515/7518 write it, with `cryptography` (which Authlib itself uses)."""

    def __init__(self) -> None:
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = self.private.public_key().public_numbers()
        self.public = {"kty": "RSA", "n": _int_b64(numbers.n), "e": _int_b64(numbers.e)}
        canonical = json.dumps({k: self.public[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
        self.kid = _b64(hashlib.sha256(canonical.encode()).digest())  # the RFC 7638 thumbprint

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
        signature = self.private.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{_b64(signature)}"


@dataclass
class Client:
    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str | None
    claims: dict[str, Any]
    challenge: str | None
    method: str | None
    issued: float = field(default_factory=time.time)


class Provider:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.key = _SigningKey()
        self.grants: dict[str, _Grant] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path) in order
        self.issuer = ""
        self._lock = threading.Lock()

    # --- the protocol ---------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name"],
        }

    def jwks(self) -> dict[str, Any]:
        return {"keys": [{**self.key.public, "kid": self.key.kid, "use": "sig", "alg": "RS256"}]}

    def authorise(self, query: dict[str, str], email: str, name: str) -> str:
        """The redirect back to the app with a fresh code; ValueError for a bad request."""
        if query.get("response_type") != "code":
            raise ValueError("unsupported_response_type")
        if query.get("client_id") != self.client.client_id:
            raise ValueError("unauthorized_client")
        redirect_uri = query.get("redirect_uri", "")
        if redirect_uri not in self.client.redirect_uris:
            raise ValueError(f"redirect_uri not registered: {redirect_uri}")
        if "openid" not in query.get("scope", "").split():
            raise ValueError("invalid_scope")
        code = secrets.token_urlsafe(24)
        subject = hashlib.sha256(email.lower().encode()).hexdigest()[:24]
        with self._lock:
            self.grants[code] = _Grant(
                client_id=self.client.client_id,
                redirect_uri=redirect_uri,
                nonce=query.get("nonce"),
                claims={"sub": subject, "email": email, "email_verified": True, "name": name},
                challenge=query.get("code_challenge"),
                method=query.get("code_challenge_method"),
            )
        back = {"code": code, **({"state": query["state"]} if "state" in query else {})}
        return f"{redirect_uri}{'&' if '?' in redirect_uri else '?'}{urlencode(back)}"

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, Any]]:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, client_secret = decoded.partition(":")
        if client_id != self.client.client_id or client_secret != self.client.client_secret:
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self.grants.pop(form.get("code", ""), None)  # a code is good once
        if grant is None or time.time() - grant.issued > 60:
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        if grant.challenge:
            verifier = form.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if grant.method != "S256" or digest != grant.challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + 300,
            **grant.claims,
            **({"nonce": grant.nonce} if grant.nonce else {}),
        }
        id_token = self.key.sign(claims)
        access_token = secrets.token_urlsafe(24)
        with self._lock:
            self.tokens[access_token] = grant.claims
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
            "scope": "openid email profile",
        }
        return 200, body

    def userinfo(self, authorization: str | None) -> tuple[int, dict[str, Any]]:
        token = (authorization or "").removeprefix("Bearer ").strip()
        with self._lock:
            claims = self.tokens.get(token)
        return (200, claims) if claims else (401, {"error": "invalid_token"})


_PAGE = """<!doctype html><html><head><title>Test IdP</title></head><body>
<h1>Sign in to Test IdP</h1>
<form method="post" action="/authorize?{query}">
<label>Email <input name="email" type="email" required></label>
<label>Name <input name="name" type="text"></label>
<button type="submit">Sign in</button>
</form></body></html>"""


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            self._send(status, json.dumps(payload).encode(), "application/json")

        def _query(self) -> dict[str, str]:
            return {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            return {k: v[0] for k, v in parse_qs(raw).items()}

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            provider.requests.append(("GET", path))
            if path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif path == "/jwks":
                self._json(200, provider.jwks())
            elif path == "/authorize":
                query = html.escape(urlsplit(self.path).query, quote=True)
                self._send(200, _PAGE.format(query=query).encode(), "text/html; charset=utf-8")
            elif path == "/userinfo":
                self._json(*provider.userinfo(self.headers.get("Authorization")))
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            provider.requests.append(("POST", path))
            if path == "/authorize":
                form = self._form()
                try:
                    target = provider.authorise(self._query(), form.get("email", ""), form.get("name", ""))
                except ValueError as error:
                    self._send(400, str(error).encode(), "text/plain")
                    return
                self._send(302, b"", "text/plain", {"Location": target})
            elif path == "/token":
                self._json(*provider.token(self._form(), self.headers.get("Authorization")))
            else:
                self._json(404, {"error": "not_found"})

    return Handler


@contextlib.contextmanager
def running_provider(client: Client) -> Iterator[Provider]:
    provider = Provider(client)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
