"""Server-side rerun time of each page with a 30-KPI strategy, against an empty page.

Run with `make bench`. Prints figures and ratios; asserts nothing (machines here are
shared and noisy, so a timing is a measurement, not a test).

What is timed is AppTest.run(): the script run plus AppTest's own bookkeeping, the
same bookkeeping for the empty page, so the ratio compares like with like. Bytecode
is cached across runs, as the server does. AppTest
runs a page after switch_page without app.py around it, so the frame (app.py with the
page's run stubbed out) is timed once and added to every page.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest, app_test, local_script_runner  # noqa: E402

# The server compiles each script once and keeps the bytecode; AppTest compiles it
# again on every run, which would charge long page files for a cost users never pay.
_SHARED_CACHE = ScriptCache()
app_test.ScriptCache = local_script_runner.ScriptCache = lambda: _SHARED_CACHE

PAGES = ["start", "profile", "goals", "board", "owners", "strategy"]
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def _median_ms(at: AppTest, repeat: int = REPEAT) -> float:
    at.run()  # warm: caches, imports
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
        assert not at.exception, at.exception
    return statistics.median(times)


def _prepare_database() -> str:
    from impact.deck import load_deck
    from storage.db import make_engine
    from storage.repository import create_strategy
    from tests.factories import big_strategy

    folder = tempfile.mkdtemp(prefix="impact-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.db"
    stored = create_strategy(make_engine(), big_strategy(load_deck(), 30).model_copy(update={"language": "en"}))
    return stored.id


def _app(strategy_id: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["strategy"] = strategy_id
    at.run()
    return at


def _frame_ms(strategy_id: str) -> float:
    """app.py alone: navigation, sidebar, health score, with the page's own run stubbed out."""
    from streamlit.navigation.page import StreamlitPage

    original = StreamlitPage.run
    StreamlitPage.run = lambda self: None
    try:
        return _median_ms(_app(strategy_id))
    finally:
        StreamlitPage.run = original


def _cold_start(script: str) -> float:
    code = (
        f"import time, sys; t=time.perf_counter(); sys.path.insert(0, {str(ROOT)!r})\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"AppTest.from_file({script!r}, default_timeout=120).run()\n"
        "print((time.perf_counter()-t)*1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def _server_start() -> float:
    from tests.browser_support import running_app

    started = time.perf_counter()
    with running_app(os.environ["DATABASE_URL"]):
        return (time.perf_counter() - started) * 1000


def main() -> None:
    strategy_id = _prepare_database()
    empty = _median_ms(AppTest.from_file(str(ROOT / "bench" / "empty_page.py"), default_timeout=60))

    frame = _frame_ms(strategy_id)
    page_alone: dict[str, float] = {}
    for page in PAGES:
        at = _app(strategy_id)
        at.switch_page(f"views/{page}.py")
        page_alone[page] = _median_ms(at)

    print(f"Server-side rerun, median of {REPEAT}, strategy with 30 KPIs")
    print(f"  empty Streamlit page           {empty:7.1f} ms")
    print(f"  frame (app.py: nav, sidebar)   {frame:7.1f} ms")
    print(f"  {'page':<14}{'page ms':>10}{'+frame ms':>12}{'ratio':>9}   goal <= 3x")
    for page in PAGES:
        total = page_alone[page] + frame
        print(f"  {page:<14}{page_alone[page]:10.1f}{total:12.1f}{total / empty:8.2f}x")

    cold_app = statistics.median(_cold_start(str(ROOT / "app.py")) for _ in range(3))
    cold_empty = statistics.median(_cold_start(str(ROOT / "bench" / "empty_page.py")) for _ in range(3))
    server = statistics.median(_server_start() for _ in range(3))
    print("Cold start, median of 3")
    print(f"  fresh process, first run of app.py     {cold_app:7.0f} ms")
    ratio = cold_app / cold_empty
    print(f"  fresh process, first run of empty page {cold_empty:7.0f} ms  ratio {ratio:.2f}x  goal <= 2x")
    print(f"  `streamlit run app.py` until healthy   {server:7.0f} ms")


if __name__ == "__main__":
    main()
