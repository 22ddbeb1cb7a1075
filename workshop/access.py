"""Who may enter which workspace, as every app process agrees: passwords checked with
the counts of recent failures kept in the database (per client address, so a lockout
holds on every process and after a restart, and one attacker cannot lock everybody
out), sign-ins a browser keeps in a cookie, join codes tried per address, and the
strategies saved before workspaces were switched on."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from impact.access import (
    JOIN_CODES,
    PASSWORDS,
    SIGN_IN_DAYS,
    TICKET_SECONDS,
    AccessConfig,
    AttemptPolicy,
    credential_of,
    new_secret,
    secret_hash,
    workspace_for_password,
)
from storage.access import SignIn
from workshop.errors import WorkshopError
from workshop.translate import use_case

if TYPE_CHECKING:
    from storage.repository import StrategySummary
    from storage.store import Store

__all__ = ["Access", "Granted", "SignIn"]

_KIND_PASSWORD, _KIND_JOIN = "password", "join"
_KEEP_RECORDS = timedelta(days=1)


def waiting(code: str, seconds: int) -> WorkshopError:
    """A wait said as people say it: seconds while short, whole minutes when long."""
    if seconds > 90:
        return WorkshopError(f"{code}_minutes", minutes=-(-seconds // 60))
    return WorkshopError(code, seconds=seconds)


@dataclass(frozen=True)
class Granted:
    """A fresh sign-in: its id stays with the session, the ticket (once, for two
    minutes) turns into the browser's cookie."""

    sign_in: SignIn
    ticket: str


class Access:
    """The sign-in use cases of one installation (its access settings and its store)."""

    def __init__(
        self, store: Store, config: AccessConfig, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.store, self.config, self.clock = store, config, clock

    def _wait(self, policy: AttemptPolicy, kind: str, source: str, target: str) -> int:
        now = self.clock()
        failures = self.store.recent_failures(kind, source, target, now - policy.window)
        seconds = policy.wait(failures.for_target, failures.for_source, now)
        return int(seconds) + 1 if seconds > 0 else 0

    @use_case
    def sign_in(self, workspace: str, password: str, source: str) -> Granted:
        """The workspace's sign-in; 'access_wait' (seconds) while this address must wait,
        'access_wrong' for a wrong name or password (never saying which)."""
        name = workspace.strip().lower()[:64]
        wait = self._wait(PASSWORDS, _KIND_PASSWORD, source, name)
        if wait:
            raise waiting("access_wait", wait)
        granted = workspace_for_password(self.config, name, password)
        now = self.clock()
        if granted is None:
            self.store.record_failure(_KIND_PASSWORD, source, name, now)
            if secrets.randbelow(50) == 0:  # now and then, what is too old to count goes
                self.store.forget_access_before(now - _KEEP_RECORDS)
            raise WorkshopError("access_wrong")
        self.store.clear_failures(_KIND_PASSWORD, source, name)
        sign_in = SignIn(
            secrets.token_hex(16),
            granted,
            credential_of(self.config.workspaces[granted]),
            now + timedelta(days=SIGN_IN_DAYS),
        )
        ticket = new_secret()
        self.store.start_sign_in(sign_in, ticket_hash=secret_hash(ticket), created_at=now)
        return Granted(sign_in, ticket)

    def _current(self, sign_in: SignIn | None) -> SignIn | None:
        """None once the workspace is gone from the settings or its password changed."""
        if sign_in is None:
            return None
        stored = self.config.workspaces.get(sign_in.workspace)
        return sign_in if stored is not None and credential_of(stored) == sign_in.credential else None

    @use_case
    def still_valid(self, sign_in_id: str) -> SignIn | None:
        """The session's sign-in, unless it was ended (here or on another process) or expired."""
        return self._current(self.store.sign_in_by_id(sign_in_id, self.clock()))

    @use_case
    def redeem(self, ticket: str) -> tuple[str, SignIn] | None:
        """The cookie's token for a fresh ticket (a ticket works once); None otherwise."""
        now = self.clock()
        token = new_secret()
        sign_in = self.store.redeem_ticket(
            secret_hash(ticket), secret_hash(token), issued_after=now - timedelta(seconds=TICKET_SECONDS), now=now
        )
        current = self._current(sign_in)
        return (token, current) if current is not None else None

    @use_case
    def by_cookie(self, token: str) -> SignIn | None:
        """The sign-in a browser's cookie carries, while it lasts."""
        if not token or len(token) > 200:
            return None
        return self._current(self.store.sign_in_by_token(secret_hash(token), self.clock()))

    @use_case
    def cookie_set(self, sign_in_id: str) -> bool:
        """Whether the browser has turned the ticket into its cookie."""
        return self.store.ticket_redeemed(sign_in_id)

    @use_case
    def sign_out(self, sign_in_id: str) -> None:
        """Ends the sign-in for every tab and every process."""
        self.store.end_sign_in(sign_in_id)

    @use_case
    def holding(self, strategy_id: str, workspaces: list[str]) -> list[str]:
        """Which of these workspaces (those a browser is signed in to) hold the strategy:
        a link opens in the workspace it belongs to."""
        return [w for w in workspaces if self.store.strategy_exists(strategy_id, workspace=w)]

    @use_case
    def join_wait(self, source: str) -> int:
        """Seconds before this address may try another join code (0: now)."""
        return self._wait(JOIN_CODES, _KIND_JOIN, source, "")

    @use_case
    def join_failed(self, source: str) -> None:
        """A code no round has was tried from this address."""
        self.store.record_failure(_KIND_JOIN, source, "", self.clock())

    @use_case
    def unassigned(self) -> list[StrategySummary]:
        """Strategies saved before workspaces were switched on: no workspace sees them."""
        return self.store.list_strategies(workspace="")

    @use_case
    def assign(self, target: str, strategy_ids: list[str] | None = None, *, source: str = "") -> list[str]:
        """Moves strategies of ``source`` (by default the unassigned ones; all of them when
        ``strategy_ids`` is None) into the workspace ``target``; the ids that moved."""
        if target not in self.config.workspaces and target not in self.config.members.values():
            raise WorkshopError("unknown_workspace", workspace=target)
        return self.store.move_to_workspace(strategy_ids, source=source, target=target)
