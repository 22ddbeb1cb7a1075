"""A room of phones voting at once, on one app process and on two behind the proxy.

Run with `make bench` (or directly; BENCH_PHONES sets the room's size, 50 by default).
Everything is real: a throwaway PostgreSQL, the app processes (`streamlit run
asgi.py`), Caddy with the repository's deploy/Caddyfile, and one Chromium with a
browser context per phone. The phones join first; then each taps "+" three times at
a room's pace (at random moments within 30 seconds), and then three times all at
once (the worst case: fifty thumbs in the same instant). Each tap is timed from the
click to the phone showing its new count of dots left (the round trip through the
proxy, the process, the database and back). Phones join the room's standing code and
follow it (each asks every two seconds whether a round opened or closed): the app's CPU
while the room only waits is measured over ten seconds, and when the round is closed,
the time until each phone says so without a tap. Afterwards the database is counted:
every tap must be exactly one dot.

Prints p50/p95 per set-up and the ratio; asserts nothing (a shared machine is noisy:
a figure, not a test). Note that the phones' Chromium runs on the same cores as the
app processes, so on a small machine the browser's own work is part of every figure.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
TAPS = 3  # per scenario: at a room's pace, then all at once
PACE_SECONDS = 30.0


async def _tap(page, n: int, left: int, total: int) -> float:
    began = time.perf_counter()
    await page.get_by_role("button", name="+").nth(n % 4).click()
    await page.get_by_text(f"{left} of {total} dots left").wait_for()
    return (time.perf_counter() - began) * 1000


IDLE_SECONDS = 10.0


async def _phone(
    browser, url: str, code: str, n: int, go: list[asyncio.Event], joined: list[str], closed_at: list[float]
) -> tuple[list[float], list[float], str, float]:
    total = 2 * TAPS
    context = await browser.new_context(
        ignore_https_errors=True, locale="en-US", viewport={"width": 390, "height": 844}
    )
    page = await context.new_page()
    page.set_default_timeout(300000)
    await page.goto(f"{url}/?join={code}")
    await page.get_by_label("Your name").fill(f"Phone {n}")
    await page.get_by_label("Your name").press("Enter")
    await page.get_by_text(f"{total} of {total} dots left").wait_for()
    backend = next((c["value"] for c in await context.cookies() if c["name"] == "impact_backend"), "")
    joined.append(backend)
    left = total
    await go[0].wait()
    paced, burst = [], []
    began = time.perf_counter()
    for moment in sorted(random.Random(n).uniform(0, PACE_SECONDS) for _ in range(TAPS)):
        await asyncio.sleep(max(0.0, moment - (time.perf_counter() - began)))
        left -= 1
        paced.append(await _tap(page, n, left, total))
    joined.append("paced")
    await go[1].wait()
    for _ in range(TAPS):
        left -= 1
        burst.append(await _tap(page, n, left, total))
    joined.append("burst")
    await go[2].wait()
    await page.get_by_text("This round has ended").wait_for()
    told = (time.perf_counter() - closed_at[0]) * 1000
    await context.close()
    return paced, burst, backend, told


def _cpu_seconds(pids: list[int]) -> float:
    """User and system time of the app processes so far (Linux /proc)."""
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def _room(url: str, code: str, pids: list[int], close: Callable[[], None]) -> dict[str, Any]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        go, joined, closed_at = [asyncio.Event(), asyncio.Event(), asyncio.Event()], [], [0.0]
        tasks = []
        for n in range(PHONES):  # they join in waves, as a room scans the QR code
            tasks.append(asyncio.create_task(_phone(browser, url, code, n, go, joined, closed_at)))
            if n % 10 == 9:
                while len(joined) < n - 4:
                    await asyncio.sleep(0.2)
        while len(joined) < PHONES:
            await asyncio.sleep(0.2)
        idle = _cpu_seconds(pids)
        await asyncio.sleep(IDLE_SECONDS)  # the room waits; every phone follows the room
        cpu = [_cpu_seconds(pids)]
        go[0].set()  # the room votes at its pace
        while joined.count("paced") < PHONES:
            await asyncio.sleep(0.2)
        cpu.append(_cpu_seconds(pids))
        go[1].set()  # and then everybody at once
        while joined.count("burst") < PHONES:
            await asyncio.sleep(0.2)
        cpu.append(_cpu_seconds(pids))
        closed_at[0] = time.perf_counter()
        close()  # the facilitator closes the round: every phone should say so by itself
        go[2].set()
        results = await asyncio.gather(*tasks)
        await browser.close()
    taps = PHONES * TAPS
    return {
        "paced": sorted(t for times, _, _, _ in results for t in times),
        "burst": sorted(t for _, times, _, _ in results for t in times),
        "spread": len({b for _, _, b, _ in results}),
        "per_tap": [(cpu[1] - cpu[0]) * 1000 / taps, (cpu[2] - cpu[1]) * 1000 / taps],  # the app processes' CPU
        "idle": (cpu[0] - idle) * 1000 / IDLE_SECONDS,
        "told": sorted(told for _, _, _, told in results),
    }


def _figures(times: list[float]) -> tuple[float, float, float]:
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], times[-1]


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
        dots=2 * TAPS,
    )
    with hosted(url_db, secrets, processes) as site:
        pids = [app.process.pid for app in site.apps if app.process is not None]
        code = store.room_for(stored.id or "").code  # the room's standing code, as the QR code carries it
        room = asyncio.run(_room(site.url, code, pids, lambda: store.close_round(voting.id)))
    counted = sum(sum(b.values()) for b in store.ballots(voting.id).values())
    store.close()
    return {
        "paced": (*_figures(room["paced"]), room["per_tap"][0]),
        "burst": (*_figures(room["burst"]), room["per_tap"][1]),
        "lost": PHONES * 2 * TAPS - counted,
        "spread": room["spread"],
        "idle": room["idle"],
        "told": _figures(room["told"]),
    }


def main() -> None:
    with postgres_server() as base:
        one = _measure(base, 1)
        two = _measure(base, 2)
    print(f"{PHONES} phones, tap → phone updated (ms), behind Caddy with TLS, PostgreSQL, {os.cpu_count()} cores")
    print(
        f"{'set-up':<13}{'scenario':<22}{'p50':>8}{'p95':>8}{'max':>8}"
        f"{'server CPU/tap':>16}{'dots lost':>11}{'processes hit':>15}"
    )
    for name, figures in (("1 process", one), ("2 processes", two)):
        for scenario, label in (
            ("paced", f"{TAPS} taps in {PACE_SECONDS:.0f} s"),
            ("burst", f"{TAPS} taps all at once"),
        ):
            p50, p95, top, cpu = figures[scenario]
            print(
                f"{name:<13}{label:<22}{p50:>8.0f}{p95:>8.0f}{top:>8.0f}{cpu:>16.0f}"
                f"{figures['lost']:>11.0f}{figures['spread']:>15.0f}"
            )
    for name, figures in (("1 process", one), ("2 processes", two)):
        p50, p95, top = figures["told"]
        print(
            f"{name}: round closed → every phone says so by itself:"
            f" p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {top:.0f} ms"
            f" (goal: within a few seconds); app CPU while {PHONES} phones wait and follow the room:"
            f" {figures['idle']:.0f} ms per second"
        )
    for scenario in ("paced", "burst"):
        ratio50 = two[scenario][0] / one[scenario][0]
        ratio95 = two[scenario][1] / one[scenario][1]
        print(f"two / one, {scenario}: p50 {ratio50:.2f}×, p95 {ratio95:.2f}×")
    print(
        "(the phones' Chromium shares the cores with the app processes: on a small machine its work is in every"
        " latency; 'server CPU/tap' is the app processes' own time per tap, idle polling included)"
    )


if __name__ == "__main__":
    main()
