"""Access protection for a hosted installation: who may enter which workspace.

Off by default (a laptop needs no password). When switched on in the secrets,
every strategy belongs to a workspace and a session sees one workspace only:

- ``password``: a workspace name and its password; only a salted scrypt hash is
  configured (``python -m impact hash-password`` makes one);
- ``login``: Streamlit's own OIDC sign-in (``st.login``); members map an e-mail
  address or an ``@domain`` to a workspace.

A participant's voting join code never passes through here: it opens the voting
page of one round and nothing else.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MODES = ("off", "password", "login")
WORKSPACE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_STAND_IN = "no such workspace"


class AccessConfigError(ValueError):
    """The access section of the secrets is wrong; the message says where."""


@dataclass(frozen=True)
class AccessConfig:
    mode: str = "off"
    workspaces: Mapping[str, str] = field(default_factory=dict)  # password mode: name -> hash
    members: Mapping[str, str] = field(default_factory=dict)  # login mode: e-mail or @domain -> workspace
    provider: str | None = None  # login mode: a named provider of [auth], or the default one

    @property
    def enabled(self) -> bool:
        return self.mode != "off"


def parse_config(section: Mapping[str, Any] | None) -> AccessConfig:
    """The ``[access]`` section of the secrets; a missing section means off."""
    if not section:
        return AccessConfig()
    mode = str(section.get("mode", "off"))
    if mode not in MODES:
        raise AccessConfigError(f"access.mode: {mode!r} is not one of {', '.join(MODES)}")
    workspaces = {str(k): str(v) for k, v in dict(section.get("workspaces") or {}).items()}
    members = {str(k).lower(): str(v) for k, v in dict(section.get("members") or {}).items()}
    for name, stored in workspaces.items():
        if not WORKSPACE_NAME.match(name):
            raise AccessConfigError(f"access.workspaces.{name}: lower-case letters, digits, - and _ only")
        if not stored.startswith("scrypt$"):
            raise AccessConfigError(
                f"access.workspaces.{name}: not a hash; make one with python -m impact hash-password"
            )
    for who, name in members.items():
        if not WORKSPACE_NAME.match(name):
            raise AccessConfigError(f"access.members.{who}: {name!r} is not a workspace name")
    if mode == "password" and not workspaces:
        raise AccessConfigError("access.workspaces: password mode needs at least one workspace")
    if mode == "login" and not members:
        raise AccessConfigError("access.members: login mode needs at least one member or @domain")
    provider = section.get("provider")
    return AccessConfig(mode, workspaces, members, str(provider) if provider else None)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)  # str.encode: UTF-8
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time; a malformed hash is a refusal, never an exception."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or len(password) > 1024:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@functools.cache
def _stand_in_hash() -> str:
    """A hash to check a guess against when the workspace does not exist (made once)."""
    return hash_password(_STAND_IN)


def workspace_for_password(config: AccessConfig, workspace: str, password: str) -> str | None:
    stored = config.workspaces.get(workspace.strip().lower())
    if stored is None:
        verify_password(password, _stand_in_hash())  # the same work whether or not the name exists
        return None
    return workspace.strip().lower() if verify_password(password, stored) else None


def workspace_for_member(config: AccessConfig, email: str | None) -> str | None:
    """An e-mail address listed itself wins over its domain."""
    if not email or "@" not in email:
        return None
    email = email.strip().lower()
    return config.members.get(email) or config.members.get("@" + email.rsplit("@", 1)[1])


class Throttle:
    """Slows password guessing: after ``limit`` failures for a workspace within
    ``window`` seconds, further attempts are refused until the window has passed."""

    def __init__(self, limit: int = 5, window: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[str, list[float]] = {}

    def _recent(self, key: str) -> list[float]:
        now = self.clock()
        recent = [t for t in self._failures.get(key, []) if now - t < self.window]
        self._failures[key] = recent
        return recent

    def blocked_for(self, key: str) -> float:
        """Seconds until the next attempt is allowed (0: allowed now)."""
        recent = self._recent(key)
        if len(recent) < self.limit:
            return 0.0
        return max(0.0, recent[0] + self.window - self.clock())

    def failed(self, key: str) -> None:
        self._recent(key).append(self.clock())

    def succeeded(self, key: str) -> None:
        self._failures.pop(key, None)
