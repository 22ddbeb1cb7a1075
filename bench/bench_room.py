"""A room of phones voting at once, on one app process and on two behind the proxy.

Run with `make bench` (or directly; BENCH_PHONES sets the room's size, 50 by default).
Everything is real: a throwaway PostgreSQL, the app processes (`streamlit run
asgi.py`), Caddy with the repository's deploy/Caddyfile, and one Chromium with a
browser context per phone. The phones join first; then all of them tap "+" three
times at once, and each tap is timed from the click to the phone showing its new
count of dots left (the round trip through the proxy, the process, the database and
back). Afterwards the database is counted: every tap must be exactly one dot.

Prints p50/p95 per set-up and the ratio; asserts nothing (a shared machine is noisy:
a figure, not a test). Note that the phones' Chromium runs on the same cores as the
app processes, so on a small machine the browser's own work is part of every figure.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright  # noqa: E402

from impact.access import hash_password  # noqa: E402
from impact.deck import load_deck  # noqa: E402
from storage.store import Store  # noqa: E402
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.factories import big_strategy  # noqa: E402
from tests.hosting_support import hosted  # noqa: E402
from tests.pg_server import fresh_database, postgres_server  # noqa: E402

PHONES = int(os.environ.get("BENCH_PHONES", "50"))
TAPS = 3


async def _phone(
    browser, url: str, code: str, n: int, start: asyncio.Event, joined: list[str]
) -> tuple[list[float], str]:
    context = await browser.new_context(
        ignore_https_errors=True, locale="en-US", viewport={"width": 390, "height": 844}
    )
    page = await context.new_page()
    page.set_default_timeout(120000)
    await page.goto(f"{url}/?join={code}")
    await page.get_by_label("Your name").fill(f"Phone {n}")
    await page.get_by_label("Your name").press("Enter")
    await page.get_by_text(f"{TAPS} of {TAPS} dots left").wait_for()
    backend = next((c["value"] for c in await context.cookies() if c["name"] == "impact_backend"), "")
    joined.append(backend)
    await start.wait()
    times = []
    for left in range(TAPS - 1, -1, -1):
        began = time.perf_counter()
        await page.get_by_role("button", name="+").nth(n % 4).click()
        await page.get_by_text(f"{left} of {TAPS} dots left").wait_for()
        times.append((time.perf_counter() - began) * 1000)
    await context.close()
    return times, backend


async def _room(url: str, code: str) -> tuple[list[float], int]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        start, joined = asyncio.Event(), []
        tasks = []
        for n in range(PHONES):  # they join in waves, as a room scans the QR code
            tasks.append(asyncio.create_task(_phone(browser, url, code, n, start, joined)))
            if n % 10 == 9:
                while len(joined) < n - 4:
                    await asyncio.sleep(0.2)
        while len(joined) < PHONES:
            await asyncio.sleep(0.2)
        start.set()  # everybody taps at once
        results = await asyncio.gather(*tasks)
        await browser.close()
    return [t for times, _ in results for t in times], len({b for _, b in results})


def _measure(base: str, processes: int) -> dict[str, float]:
    url_db = fresh_database(base)
    work = Path(tempfile.mkdtemp(prefix="bench-room-"))
    secrets = work / "secrets.toml"
    secrets.write_text(f'[access]\nmode = "password"\n[access.workspaces]\nacme = "{hash_password("a" * 12)}"\n')
    store = Store.open(url_db)
    stored = store.create_strategy(
        big_strategy(load_deck(), 5).model_copy(update={"language": "en"}), author=None, summary="", workspace="acme"
    )
    deck = load_deck()
    from workshop import Workshop

    voting = Workshop(store, workspace="acme", lang="en").voting.open_round(
        stored,
        deck.cards,
        deck.profiles.get(stored.industry_profile or ""),
        subject="cards",
        stage="awareness",
        dots=TAPS,
    )
    with hosted(url_db, secrets, processes) as site:
        times, spread = asyncio.run(_room(site.url, voting.code))
    counted = sum(sum(b.values()) for b in store.ballots(voting.id).values())
    store.close()
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "max": times[-1],
        "lost": PHONES * TAPS - counted,
        "processes_used": spread,
    }


def main() -> None:
    with postgres_server() as base:
        one = _measure(base, 1)
        two = _measure(base, 2)
    print(f"{PHONES} phones × {TAPS} taps at once, tap → phone updated (ms), behind Caddy, PostgreSQL")
    print(f"{'set-up':<14}{'p50':>8}{'p95':>8}{'max':>8}{'dots lost':>11}{'processes hit':>15}")
    for name, figures in (("1 process", one), ("2 processes", two)):
        print(
            f"{name:<14}{figures['p50']:>8.0f}{figures['p95']:>8.0f}{figures['max']:>8.0f}"
            f"{figures['lost']:>11.0f}{figures['processes_used']:>15.0f}"
        )
    print(f"two / one: p50 {two['p50'] / one['p50']:.2f}×, p95 {two['p95'] / one['p95']:.2f}×")


if __name__ == "__main__":
    main()
