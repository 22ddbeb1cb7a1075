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
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
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
    trusted_proxies: frozenset[str] = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})

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
    proxies = section.get("trusted_proxies", [])
    if not isinstance(proxies, list) or not all(isinstance(p, str) for p in proxies):
        raise AccessConfigError('access.trusted_proxies: a list of addresses, e.g. ["10.0.0.2"]')
    trusted = AccessConfig().trusted_proxies | {p.strip() for p in proxies}
    return AccessConfig(mode, workspaces, members, str(provider) if provider else None, frozenset(trusted))


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


@dataclass(frozen=True)
class AttemptPolicy:
    """How failed attempts from one client address are answered. Counted per address,
    so one attacker cannot lock everybody out: after ``free`` failures each further
    one makes that address wait longer (doubling up to ``max_delay``); ``per_target``
    failures against one workspace lock that workspace for that address only, and
    ``per_source`` failures against any lock the address out, each for ``window``."""

    per_target: int
    per_source: int
    free: int
    window: timedelta
    max_delay: timedelta

    def wait(self, for_target: list[datetime], for_source: list[datetime], now: datetime) -> float:
        """Seconds until this address may try again (0: now); the lists are its recent
        failures, oldest first, against the target and against anything."""
        mine = [t for t in for_target if now - t < self.window]
        every = [t for t in for_source if now - t < self.window]
        waits = [0.0]
        if len(mine) >= self.per_target:
            waits.append((mine[-self.per_target] + self.window - now).total_seconds())
        if len(every) >= self.per_source:
            waits.append((every[-self.per_source] + self.window - now).total_seconds())
        if len(every) > self.free:
            delay = min(self.max_delay.total_seconds(), 2.0 ** (len(every) - self.free - 1))
            waits.append((every[-1] - now).total_seconds() + delay)
        return max(waits)


# Five wrong passwords for a workspace from one address lock it, for that address, for
# five minutes; spraying many workspaces slows the address down and then locks it out.
PASSWORDS = AttemptPolicy(
    per_target=5, per_source=30, free=3, window=timedelta(minutes=5), max_delay=timedelta(seconds=30)
)
# A room types codes on phones: a slip or two is normal, guessing codes is not.
JOIN_CODES = AttemptPolicy(
    per_target=20, per_source=20, free=3, window=timedelta(minutes=5), max_delay=timedelta(seconds=15)
)
SIGN_IN_DAYS = 14
TICKET_SECONDS = 120


def client_address(peer: str | None, forwarded_for: str | None, trusted: Collection[str]) -> str:
    """Whom failures are counted against: the connection's address, or, when that is
    a trusted proxy (or this machine), the last address the proxy put into
    X-Forwarded-For before itself. A client cannot choose its own address this way:
    it can only add entries in front of the one our proxy appends."""
    address = peer or "local"
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    while (peer is None or address in trusted) and hops:
        address = hops.pop()
        peer = address
    return address[:64]


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(value: str) -> str:
    """Only this is stored: a leaked database does not sign anybody in."""
    return hashlib.sha256(value.encode()).hexdigest()


def credential_of(stored_hash: str) -> str:
    """A short fingerprint of a workspace's password hash: a changed password ends every
    sign-in made with the old one."""
    return secret_hash(stored_hash)[:16]


def cookie_name(workspace: str) -> str:
    """One cookie per workspace, so a browser can stay signed in to several."""
    return f"impact_ws_{workspace}"
