"""Shared fixtures: a fresh database per test, the real deck, AppTest helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from impact.deck import Deck, load_deck
from storage.db import make_engine

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def deck() -> Deck:
    return load_deck()


@pytest.fixture
def engine():
    """A fresh in-memory SQLite database, created by the migrations."""
    engine = make_engine("sqlite://")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_base():
    """One throwaway PostgreSQL server for the whole test session (started on first use)."""
    from tests.pg_server import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_base) -> str:
    from tests.pg_server import fresh_database

    return fresh_database(postgres_base)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request, tmp_path) -> str:
    """The same test on both databases the app supports: a SQLite file and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def any_engine(any_url):
    engine = make_engine(any_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    """A fresh SQLite file for the app under test (AppTest reads DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


APP = str(ROOT / "app.py")


@pytest.fixture
def open_app(app, db_url):
    """Store a strategy and open the app on it through the URL, as a bookmark would:
    ``at, stored = open_app(strategy, "views/check.py", lang="en", guided="1")``."""
    from storage.repository import create_strategy

    def make(strategy, page: str | None = None, *, lang: str | None = None, **params: str):
        stored = create_strategy(make_engine(db_url), strategy)
        at = app(lang or strategy.language)
        at.query_params["strategy"] = stored.id
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if page is not None:
            at.switch_page(page).run()
            assert not at.exception
        return at, stored

    return make


@pytest.fixture
def app(db_url):
    from streamlit.testing.v1 import AppTest

    def make(lang: str = "en"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["lang"] = lang
        return at

    return make


def pytest_configure(config):
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded one (this machine has no internet)."""
    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS

    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1600, "height": 1400}, "locale": "en-US"}
