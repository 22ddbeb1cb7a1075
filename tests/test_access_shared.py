"""Access as several app processes share it: the attempt policy (domain), and the
sign-in use cases on real SQLite and PostgreSQL, where two stores on one database
stand for two app processes and a new store for a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from impact.access import (
    JOIN_CODES,
    PASSWORDS,
    SIGN_IN_DAYS,
    TICKET_SECONDS,
    AttemptPolicy,
    client_address,
    hash_password,
    parse_config,
)
from impact.model import Strategy
from storage.store import Store
from workshop import WorkshopError
from workshop.access import Access

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
POLICY = AttemptPolicy(per_target=3, per_source=6, free=2, window=timedelta(seconds=60), max_delay=timedelta(seconds=8))


def _at(*seconds: float) -> list[datetime]:
    return [T0 + timedelta(seconds=s) for s in seconds]


# --- the policy ---------------------------------------------------------------------------


def test_within_the_free_failures_nobody_waits():
    assert POLICY.wait(_at(0, 1), _at(0, 1), T0 + timedelta(seconds=1)) == 0


def test_each_failure_beyond_the_free_ones_doubles_the_wait_up_to_a_cap():
    patient = AttemptPolicy(3, 100, 2, timedelta(seconds=60), timedelta(seconds=8))
    waits = []
    for n in range(3, 9):  # failures against several workspaces, one per second
        times = _at(*range(n))
        waits.append(patient.wait([], times, times[-1]))
    assert waits == [1, 2, 4, 8, 8, 8]  # 2^0 .. capped at max_delay


def test_spraying_many_workspaces_locks_the_address_out():
    times = _at(*range(6))  # per_source = 6
    assert POLICY.wait([], times, T0 + timedelta(seconds=5)) == 60 - 5  # the first of six ages out at 60
    assert POLICY.wait([], times[:5], T0 + timedelta(seconds=20)) == 0  # five: only slowed, and that has passed


def test_a_workspace_is_locked_for_the_address_that_failed_only():
    mine = _at(0, 10, 20)
    now = T0 + timedelta(seconds=21)
    assert POLICY.wait(mine, mine, now) == 60 - 21  # the oldest of the three ages out at 60
    assert POLICY.wait([], [], now) == 0  # another address, the same workspace: no wait at all


def test_a_lockout_ends_to_the_second_and_old_failures_count_no_more():
    mine = _at(0, 1, 2)
    assert POLICY.wait(mine, mine, T0 + timedelta(seconds=59.5)) == pytest.approx(0.5)
    assert POLICY.wait(mine, mine, T0 + timedelta(seconds=62)) == 0


def test_the_defaults_lock_after_five_passwords_and_forgive_a_room_a_few_slips():
    five = _at(0, 1, 2, 3, 4)
    assert PASSWORDS.wait(five, five, T0 + timedelta(seconds=5)) == 300 - 5
    assert PASSWORDS.wait(five[:2], five[:2], T0 + timedelta(seconds=2)) == 0
    three = _at(0, 1, 2)
    assert JOIN_CODES.wait(three, three, T0 + timedelta(seconds=2)) == 0  # three typos on a phone


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.7", None, "203.0.113.7"),  # no proxy
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # a client's own header is not believed
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),  # our proxy on this machine says who it was
        (None, "10.9.9.9, 198.51.100.1", "198.51.100.1"),  # the entry in front is the client's own invention
        ("10.0.0.2", "198.51.100.1, 10.0.0.3", "198.51.100.1"),  # two trusted proxies in a row
        (None, None, "local"),
    ],
)
def test_failures_are_counted_against_the_address_our_proxy_saw(peer, forwarded, expected):
    trusted = parse_config(
        {"mode": "password", "workspaces": {"a": "scrypt$x"}, "trusted_proxies": ["10.0.0.2", "10.0.0.3"]}
    )
    assert client_address(peer, forwarded, trusted.trusted_proxies) == expected


def test_trusted_proxies_must_be_a_list_of_addresses():
    from impact.access import AccessConfigError

    with pytest.raises(AccessConfigError, match=r"access\.trusted_proxies"):
        parse_config({"mode": "password", "workspaces": {"a": "scrypt$x"}, "trusted_proxies": "10.0.0.2"})


# --- the use cases, on one database shared by "processes" -------------------------------------

PASSWORD = "acme-secret-123"
HASH = hash_password(PASSWORD)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _config(password_hash: str = HASH):
    return parse_config({"mode": "password", "workspaces": {"acme": password_hash, "globex": hash_password("g" * 10)}})


@pytest.fixture
def shared(any_url):
    """Two stores on one database: two app processes."""
    stores = [Store.open(any_url), Store.open(any_url)]
    yield any_url, stores
    for store in stores:
        store.close()


def _guess(access: Access, source: str, workspace: str = "acme", password: str = "wrong") -> str:
    try:
        access.sign_in(workspace, password, source)
    except WorkshopError as error:
        return error.code.removesuffix("_minutes")  # a long wait is said in minutes
    return "ok"


def test_a_lockout_made_on_one_process_holds_on_the_other_and_after_a_restart(shared):
    url, (first, second) = shared
    clock = Clock()
    one, two = Access(first, _config(), clock), Access(second, _config(), clock)
    said = []
    for _ in range(5):
        said.append(_guess(one, "198.51.100.1"))
        clock.tick(40)  # slower than the slow-down: every guess is heard
    assert said == ["access_wrong"] * 5
    assert _guess(two, "198.51.100.1", password=PASSWORD) == "access_wait"  # the other process knows
    restarted = Store.open(url)
    try:
        assert _guess(Access(restarted, _config(), clock), "198.51.100.1", password=PASSWORD) == "access_wait"
    finally:
        restarted.close()
    assert _guess(two, "203.0.113.9", password=PASSWORD) == "ok"  # the workspace is open to everyone else
    clock.tick(300)
    assert _guess(one, "198.51.100.1", password=PASSWORD) == "ok"  # and to the guesser once the window passed


def test_guessing_fast_is_slowed_down_before_it_can_lock_anything(shared):
    _, (store, _other) = shared
    clock = Clock()
    access = Access(store, _config(), clock)
    said = [_guess(access, "198.51.100.1", workspace=f"w{n}") for n in range(6)]
    assert said == ["access_wrong"] * 4 + ["access_wait"] * 2  # free=3: the fourth failure asks for a second
    clock.tick(2)
    assert _guess(access, "198.51.100.1", workspace="w9") == "access_wrong"


def test_a_sign_in_turns_into_a_cookie_once_and_lasts_on_every_process(shared):
    _, (first, second) = shared
    clock = Clock()
    one, two = Access(first, _config(), clock), Access(second, _config(), clock)
    granted = one.sign_in(" ACME ", PASSWORD, "198.51.100.1")
    assert granted.sign_in.workspace == "acme"
    assert not one.cookie_set(granted.sign_in.id)
    token, sign_in = two.redeem(granted.ticket)  # the cookie request may reach the other process
    assert sign_in.id == granted.sign_in.id and one.cookie_set(granted.sign_in.id)
    assert two.redeem(granted.ticket) is None  # a ticket works once
    clock.tick(SIGN_IN_DAYS * 24 * 3600 - 1)
    assert one.by_cookie(token).workspace == "acme"  # a reload two weeks later, on either process
    assert two.still_valid(granted.sign_in.id) is not None
    clock.tick(2)
    assert one.by_cookie(token) is None and two.still_valid(granted.sign_in.id) is None  # expired


def test_signing_out_ends_the_sign_in_for_every_tab_and_process(shared):
    _, (first, second) = shared
    one, two = Access(first, _config()), Access(second, _config())
    granted = one.sign_in("acme", PASSWORD, "local")
    token, _ = one.redeem(granted.ticket)
    two.sign_out(granted.sign_in.id)
    assert one.by_cookie(token) is None and one.still_valid(granted.sign_in.id) is None


def test_a_changed_password_ends_the_sign_ins_made_with_the_old_one(shared):
    _, (store, _other) = shared
    granted = Access(store, _config()).sign_in("acme", PASSWORD, "local")
    token, _ = Access(store, _config()).redeem(granted.ticket)
    changed = Access(store, _config(hash_password("a-new-password")))
    assert changed.by_cookie(token) is None and changed.still_valid(granted.sign_in.id) is None


def test_a_stale_or_unknown_ticket_and_a_forged_cookie_sign_nobody_in(shared):
    _, (store, _other) = shared
    clock = Clock()
    access = Access(store, _config(), clock)
    granted = access.sign_in("acme", PASSWORD, "local")
    clock.tick(TICKET_SECONDS + 1)
    assert access.redeem(granted.ticket) is None
    assert access.redeem("not-a-ticket") is None
    assert access.by_cookie("forged") is None and access.by_cookie("x" * 5000) is None


def test_a_wait_is_said_in_seconds_while_short_and_in_whole_minutes_when_long():
    from workshop.access import waiting

    assert waiting("access_wait", 90).text("en").endswith("wait 90 seconds and try again.")
    assert waiting("access_wait", 91).text("en").endswith("try again in 2 minutes.")
    assert waiting("join_wait", 300).text("de").endswith("in 5 Minuten den QR-Code auf der Leinwand.")


def test_join_codes_are_limited_per_address(shared):
    _, (first, second) = shared
    clock = Clock()
    one, two = Access(first, _config(), clock), Access(second, _config(), clock)
    for _ in range(JOIN_CODES.free):
        assert one.join_wait("198.51.100.1") == 0
        one.join_failed("198.51.100.1")
    one.join_failed("198.51.100.1")
    assert two.join_wait("198.51.100.1") > 0  # the other process makes the same address wait
    assert two.join_wait("203.0.113.9") == 0


def test_strategies_from_before_workspaces_move_into_a_named_workspace_only(shared):
    _, (store, _other) = shared
    access = Access(store, _config())
    old = [store.create_strategy(Strategy(name=f"Old {n}"), author=None, summary="", workspace="") for n in range(3)]
    kept = store.create_strategy(Strategy(name="Globex's"), author=None, summary="", workspace="globex")
    assert sorted(s.id for s in access.unassigned()) == sorted(s.id for s in old)
    with pytest.raises(WorkshopError) as refused:
        access.assign("nobody", [old[0].id])
    assert refused.value.code == "unknown_workspace"
    assert access.assign("acme", [old[0].id, kept.id]) == [old[0].id]  # another workspace's strategy stays
    assert access.assign("acme") == sorted(s.id for s in old[1:])
    assert access.unassigned() == []
    assert {s.id for s in store.list_strategies(workspace="acme")} == {s.id for s in old}
    assert [s.id for s in store.list_strategies(workspace="globex")] == [kept.id]
