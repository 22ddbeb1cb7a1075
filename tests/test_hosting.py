"""The hosted installation docs/hosting.md describes, run for real: two app processes
on one throwaway PostgreSQL behind Caddy with the repository's deploy/Caddyfile (TLS,
sticky sessions, upload limit, anonymous uploads refused), and browsers through it."""

from __future__ import annotations

import re
import ssl
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from impact.access import hash_password
from storage.store import Store
from tests.browser_support import CHROMIUM
from tests.factories import big_strategy
from tests.hosting_support import CADDY, hosted

pytestmark = [
    pytest.mark.browser,
    pytest.mark.process,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium"),
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ACME, GLOBEX = "acme-secret-123", "globex-secret-456"


@pytest.fixture
def installation(postgres_url, tmp_path, deck):
    if not Path(CADDY).exists():
        pytest.fail("Caddy is not installed: apt-get install caddy (scripts/setup.sh --dev does it as root)")
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[access]\nmode = "password"\n[access.workspaces]\nacme = "{hash_password(ACME)}"\n'
        f'globex = "{hash_password(GLOBEX)}"\n',
        encoding="utf-8",
    )
    store = Store.open(postgres_url)
    strategy = big_strategy(deck, 5).model_copy(update={"language": "en", "name": "Acme plan"})
    stored = store.create_strategy(strategy, author=None, summary="", workspace="acme")
    try:
        with hosted(postgres_url, secrets) as site:
            yield site, store, stored
    finally:
        store.close()


def _context(browser, **options):
    return browser.new_context(ignore_https_errors=True, locale="en-US", **options)


def _backend(context) -> str:
    return next((c["value"] for c in context.cookies() if c["name"] == "impact_backend"), "")


def _sign_in(page, workspace: str, password: str) -> None:
    page.get_by_label("Workspace").fill(workspace)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _wait_until_dropped(page, cookie: str) -> None:
    """The sign-in page asks the server to drop a signed-out workspace's cookie."""
    for _ in range(50):
        if cookie not in [c["name"] for c in page.context.cookies()]:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"{cookie} was not dropped")


def _put(url: str, cookie: str = "") -> int:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    request = urllib.request.Request(url, data=b"x" * 1000, method="PUT", headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def browser(browser):
    """The session's browser; when the test fails, every open page is kept as a screenshot."""
    yield browser
    for n, context in enumerate(browser.contexts):
        for m, page in enumerate(context.pages):
            try:
                page.screenshot(path=str(ARTIFACTS / f"hosted-last-{n}-{m}.png"))
            except Exception:  # noqa: BLE001 - a closed page has nothing to show
                continue


def test_two_processes_behind_the_proxy_share_the_room_the_sign_in_and_the_lockout(installation, browser):
    site, store, stored = installation
    ARTIFACTS.mkdir(exist_ok=True)

    # The facilitator follows a deep link, signs in, and lands where the link pointed.
    laptop = _context(browser, viewport={"width": 1920, "height": 1080})
    facilitator = laptop.new_page()
    facilitator.set_default_timeout(30000)
    facilitator.goto(f"{site.url}/workshop?strategy={stored.id}")
    _sign_in(facilitator, "acme", ACME)
    facilitator.get_by_role("heading", name="Workshop in the room").wait_for()
    facilitator.wait_for_function("() => document.cookie !== null")
    cookie = next(c for c in laptop.cookies() if c["name"] == "impact_ws_acme")  # set once the ticket is traded
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Lax"
    facilitator.reload()  # a reload keeps the sign-in and the strategy
    facilitator.get_by_role("heading", name="Workshop in the room").wait_for()
    assert facilitator.get_by_role("textbox", name="Password").count() == 0
    second_tab = laptop.new_page()
    second_tab.goto(f"{site.url}/board?strategy={stored.id}")  # a new tab needs no password either
    second_tab.get_by_role("heading", name=re.compile("KPI board")).wait_for(timeout=30000)
    second_tab.close()

    # A consultant with two clients: signed in to both, one click to switch, no password again.
    facilitator.get_by_role("button", name=re.compile("Sign in to another workspace")).click()
    _sign_in(facilitator, "globex", GLOBEX)
    facilitator.get_by_text("Workspace: globex").wait_for()
    facilitator.get_by_role("button", name=re.compile("Switch to “acme”")).click()
    facilitator.get_by_text("Workspace: acme").wait_for()
    other_tab = laptop.new_page()  # a colleague's link, without ?ws=: it opens where its strategy is
    other_tab.goto(f"{site.url}/workshop?strategy={stored.id}")
    other_tab.get_by_role("heading", name="Workshop in the room").wait_for(timeout=30000)
    other_tab.close()
    facilitator.goto(f"{site.url}/workshop?strategy={stored.id}&ws=acme")
    facilitator.get_by_role("heading", name="Workshop in the room").wait_for()

    facilitator.get_by_role("button", name="Open the voting round").click()
    facilitator.get_by_text("0 people voted").wait_for()  # the round is open (the room's QR code shows before)
    voting = store.current_round(stored.id)
    assert voting is not None and voting.is_open

    # Six phones, each a browser of its own: the proxy spreads them over both processes.
    taps, backends, phones = {}, set(), []
    for n in range(6):
        context = _context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        phone = context.new_page()
        phone.set_default_timeout(30000)
        phone.goto(f"{site.url}/?join={store.room_for(stored.id).code}")  # the room's standing code
        phone.get_by_role("heading", name=voting.title).wait_for()
        phone.get_by_label("Your name").fill(f"Phone {n}")
        phone.get_by_label("Your name").press("Enter")
        phone.wait_for_timeout(300)
        taps[f"Phone {n}"] = n % 3 + 1
        for left in range(2, 2 - taps[f"Phone {n}"], -1):
            phone.get_by_role("button", name="+").nth(n % len(voting.options)).click()
            phone.get_by_text(f"{left} of 3 dots left").wait_for()
        backends.add(_backend(context))
        phones.append(context)
    assert len(backends) == 2, "the phones all went to one process"

    facilitator.get_by_text("6 people voted").wait_for()  # live, without a click, from both processes
    facilitator.screenshot(path=str(ARTIFACTS / "hosted-facilitator-tally.png"))
    counted = store.ballots(voting.id)
    assert sum(sum(b.values()) for b in counted.values()) == sum(taps.values())  # every dot once
    assert sorted(store.participants(voting.id)) == sorted(taps)
    facilitator.get_by_role("button", name="Close without adopting").click()
    for context in phones:  # on either process, every phone is told the round ended, without a tap
        context.pages[0].get_by_text("This round has ended. Thank you!").wait_for()
        context.close()

    # Uploads: refused at the proxy without a sign-in cookie, and by the app with a forged
    # one; the signed-in facilitator uploads through the same proxy.
    assert _put(f"{site.url}/_stcore/upload_file/some-session/some-file") == 403
    assert _put(f"{site.url}/_stcore/upload_file/some-session/some-file", "impact_ws_acme=forged") == 403
    facilitator.goto(f"{site.url}/check?strategy={stored.id}")
    facilitator.get_by_role("heading", name="Data check").wait_for()
    samples = Path(__file__).resolve().parent / "samples"
    facilitator.locator("input[type=file]").set_input_files(str(samples / "crm_leads.csv"))
    facilitator.get_by_text(re.compile(r"crm_leads\.csv.*rows read")).wait_for()

    # A lockout made through one process holds on the other and after a restart.
    guesser = _context(browser)
    page = guesser.new_page()
    page.set_default_timeout(30000)
    page.goto(site.url)
    for attempt in range(5):
        _sign_in(page, "globex", "wrong-guess")
        page.get_by_text("Workspace or password is not right.").wait_for()
        page.wait_for_timeout(2100 if attempt >= 2 else 200)  # the slow-down after three: heard every time
    first_backend = _backend(guesser)
    other = None
    for _ in range(12):  # a fresh browser lands on a process at random: find the other one
        candidate = _context(browser)
        candidate.new_page().goto(site.url)
        if _backend(candidate) != first_backend:
            other = candidate
            break
        candidate.close()
    assert other is not None, "no browser reached the second process"
    elsewhere = other.pages[0]
    elsewhere.set_default_timeout(30000)
    _sign_in(elsewhere, "globex", GLOBEX)
    elsewhere.get_by_text(re.compile("Too many wrong attempts from this device")).wait_for()
    for app in site.apps:
        app.restart()
    after = _context(browser).new_page()
    after.set_default_timeout(30000)
    after.goto(site.url)
    _sign_in(after, "globex", GLOBEX)
    after.get_by_text(re.compile("Too many wrong attempts from this device")).wait_for()
    after.screenshot(path=str(ARTIFACTS / "hosted-lockout.png"))

    # The facilitator's laptop, after the restart, is still signed in (the cookie, not the process, holds it).
    facilitator.goto(f"{site.url}/workshop?strategy={stored.id}")
    facilitator.get_by_role("heading", name="Workshop in the room").wait_for()
    facilitator.get_by_role("button", name=re.compile("Sign out")).click()
    facilitator.get_by_role("textbox", name="Password").wait_for()
    facilitator.get_by_text("This browser is still signed in to:").wait_for()  # globex, one click away
    _wait_until_dropped(facilitator, "impact_ws_acme")
    facilitator.screenshot(path=str(ARTIFACTS / "hosted-signed-out.png"))
    facilitator.goto(f"{site.url}/workshop?strategy={stored.id}")  # acme's link, signed in to globex only
    facilitator.get_by_text(f"There is no strategy “{stored.id}” in the workspace “globex”").wait_for()
    facilitator.get_by_role("button", name=re.compile("Sign out")).click()
    facilitator.get_by_role("textbox", name="Password").wait_for()
    _wait_until_dropped(facilitator, "impact_ws_globex")
    assert not [c for c in laptop.cookies() if c["name"].startswith("impact_ws_")]
    facilitator.goto(f"{site.url}/workshop?strategy={stored.id}")  # signed out of both means signed out
    facilitator.get_by_role("textbox", name="Password").wait_for()
