"""Signing in with an OpenID provider, the whole round trip: the app's `st.login`
sends the browser to the provider, the person types who they are there, the provider
sends them back with a code, Streamlit exchanges it for a signed ID token, and the
app maps the address to a workspace. Nothing about `st.user` is faked: the provider
is a real HTTP server (tests/oidc_provider.py) and the app the real server."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest

from impact.model import Strategy
from storage.db import make_engine
from storage.repository import create_strategy, list_strategies, list_versions
from tests.browser_support import CHROMIUM, free_port, running_app
from tests.oidc_provider import Client, running_provider

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _secrets(path: Path, *, port: int, issuer: str, client: Client) -> Path:
    path.write_text(
        f"""
[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"

[auth.testidp]
client_id = "{client.client_id}"
client_secret = "{client.client_secret}"
server_metadata_url = "{issuer}/.well-known/openid-configuration"

[access]
mode = "login"
provider = "testidp"

[access.members]
"@acme.example" = "acme"
""",
        encoding="utf-8",
    )
    return path


def _sign_in_at_the_provider(page, email: str, name: str) -> None:
    page.get_by_role("button", name="Sign in with your account").click()
    page.get_by_role("heading", name="Sign in to Test IdP").wait_for()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_with_an_openid_provider_lands_in_the_member_s_workspace(browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    database = f"sqlite:///{tmp_path / 'signin.db'}"
    engine = make_engine(database)
    create_strategy(engine, Strategy(name="Acme plan", language="en"), workspace="acme")
    create_strategy(engine, Strategy(name="Globex plan", language="en"), workspace="globex")
    port = free_port()
    client = Client("impact-workshop", secrets.token_urlsafe(16), (f"http://localhost:{port}/oauth2callback",))
    with running_provider(client) as provider:
        secrets_file = _secrets(tmp_path / "secrets.toml", port=port, issuer=provider.issuer, client=client)
        with running_app(database, port=port, secrets=secrets_file) as _url:
            app_url = f"http://localhost:{port}"  # the host the redirect URI names, so the cookie comes back
            member = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
            page = member.new_page()
            page.set_default_timeout(30000)
            page.goto(app_url)
            page.get_by_role("button", name="Sign in with your account").wait_for()
            assert "Acme plan" not in page.content()

            _sign_in_at_the_provider(page, "anna@acme.example", "Anna Beraterin")
            page.wait_for_url(re.compile(rf"^http://localhost:{port}/"))
            page.get_by_text("Acme plan").first.wait_for()
            assert "Globex plan" not in page.content()
            page.get_by_text("Workspace: acme").first.wait_for()
            page.get_by_label("Name of the strategy").wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "signin-member.png"), full_page=True)

            # what she makes belongs to her workspace and carries her name
            page.get_by_label("Name of the strategy").fill("Made by Anna")
            page.get_by_role("button", name="Create strategy").click()
            page.get_by_text("Your business model").wait_for()
            made = [s for s in list_strategies(engine, workspace="acme") if s.name == "Made by Anna"]
            assert len(made) == 1
            assert [v.author for v in list_versions(engine, made[0].id, workspace="acme")] == ["Anna Beraterin"]
            assert not [s for s in list_strategies(engine, workspace="globex") if s.name == "Made by Anna"]

            # the code went through the provider's token endpoint, the signature through its keys
            assert ("POST", "/token") in provider.requests and ("GET", "/jwks") in provider.requests
            assert provider.grants == {}  # the code was used, and only once

            page.get_by_role("button", name="Sign out").click()
            page.get_by_role("button", name="Sign in with your account").wait_for()
            member.close()

            stranger = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
            page = stranger.new_page()
            page.set_default_timeout(30000)
            page.goto(app_url)
            _sign_in_at_the_provider(page, "eve@globex.example", "Eve")
            page.get_by_text("has no workspace in this installation").wait_for()
            content = page.content()
            assert "Acme plan" not in content and "Globex plan" not in content
            page.screenshot(path=str(ARTIFACTS / "signin-stranger.png"), full_page=True)
            stranger.close()
