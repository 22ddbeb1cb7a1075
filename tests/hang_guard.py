"""A guard against hangs, not a speed test: fails only when something never returns.

Speed is measured in bench/; a test on a shared machine must not fail for being slow.
"""

from __future__ import annotations

import contextlib
import signal

HANG_SECONDS = 120


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS):
    def _alarm(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
