"""``/_impact/room``: what a phone in a room asks every two seconds. It answers which
round to show, and is no way around the limit on guessing join codes."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from impact.voting import Option
from storage.db import make_engine
from storage.repository import create_strategy
from storage.voting import close_round, open_round, room_for
from tests.factories import big_strategy
from web import routes

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture
def client(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'room.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    routes._ANSWERED.clear()
    with TestClient(Starlette(routes=routes.ROUTES)) as test_client:
        yield test_client, make_engine(url)
    routes._ANSWERED.clear()


def _state(test_client, code: str) -> tuple[int, str | None]:
    answer = test_client.get("/_impact/room", params={"code": code})
    return answer.status_code, answer.json()["state"]


def test_a_phone_learns_which_round_to_show(client, deck):
    test_client, engine = client
    stored = create_strategy(engine, big_strategy(deck, 5))
    code = room_for(engine, stored.id).code
    assert _state(test_client, code) == (200, "")  # in the room, before the first round
    assert _state(test_client, code.lower()) == (200, "")  # typed as people type it
    voting = open_round(engine, stored.id, subject="goals", title="T", options=[Option("a", "A")], dots=1)
    assert _state(test_client, code) == (200, f"{voting.id}:1")
    close_round(engine, voting.id)
    assert _state(test_client, code) == (200, f"{voting.id}:0")
    assert _state(test_client, voting.code) == (200, f"{voting.id}:0")  # an older round's own code
    assert test_client.get("/_impact/room", params={"code": code}).headers["cache-control"] == "no-store"


def test_guessing_codes_here_counts_as_guessing_them_on_the_voting_page(client, deck):
    test_client, engine = client
    stored = create_strategy(engine, big_strategy(deck, 5))
    code = room_for(engine, stored.id).code
    assert _state(test_client, "AAAAAA") == (404, None)
    for guess in ("BBBBBB", "CCCCCC", "DDDDDD"):  # three slips are free, the next one makes this address wait
        assert _state(test_client, guess) == (404, None)
    assert _state(test_client, code) == (404, None)  # even the right code: this address has to wait
    assert _state(test_client, "") == (404, None)
