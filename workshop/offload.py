"""Work on large uploads done in a helper process, so that one person's big file never
holds everybody else.

Streamlit serves every session of a server process from one Python interpreter: while
one session's code sniffs, reads or checks a million rows, the other sessions wait for
the interpreter's lock. A large file's sniff and read, and a check over large files, run
in a helper process instead (one per server process, started when first needed and
kept); the session that asked waits for the answer, the others go on. Small files stay
here: the trip (the file to the helper, the table back) costs more than their work.

A helper that dies (out of memory, killed) costs that one file or check a clear error;
the next large file starts a new helper.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from workshop import helper_watch

if TYPE_CHECKING:
    from impact.check import CheckReport
    from impact.importers import Choices, ExportError, Sniffed
    from impact.model import Card, Strategy
    from impact.pipeline import FileRead, Notice

OFFLOAD_FROM_BYTES = 4_000_000  # an upload this large is sniffed and read in the helper
OFFLOAD_FROM_ROWS = 200_000  # a check over this many rows runs in the helper

T = TypeVar("T")
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


class HelperFailed(Exception):
    """The helper process ended before it answered (out of memory, killed)."""


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # forkserver: a clean process forks the helper (forking this threaded server
            # would copy its locks mid-use); it has the check's modules loaded already
            context = multiprocessing.get_context("forkserver")
            # both end when the process that needs them is gone (helper_watch.py)
            context.set_forkserver_preload(["impact.pipeline", "workshop.helper_watch_start"])
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=helper_watch.start)
        return _pool


def _run(function: Callable[..., T], *args: Any) -> T:
    global _pool
    try:
        return _executor().submit(function, *args).result()
    except BrokenProcessPool:
        with _lock:
            _pool = None  # the next large file gets a new helper
        raise HelperFailed from None


def shutdown() -> None:
    """End the helper (tests; a server that stops ends it with itself)."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


def sniff(name: str, data: bytes, sha256: str) -> Sniffed | ExportError:
    """``pipeline.sniff_upload``, for a large file in the helper."""
    from impact.importers import ExportError

    try:
        found = _run(_sniff_there, name, data, sha256)
    except HelperFailed:
        return ExportError("helper_ended")
    return found if isinstance(found, ExportError) else replace(found, data=data)


def read(name: str, data: bytes, sha256: str, choices: Choices | None, today: date | None) -> FileRead:
    """``pipeline.read_sniffed`` of a large file, in the helper."""
    from impact.importers import ExportError
    from impact.pipeline import FileRead, fallback_signature

    try:
        return _run(_read_there, name, data, sha256, choices, today)
    except HelperFailed:
        error = ExportError("helper_ended")
        return FileRead(name, sha256, fallback_signature(data), error=error)


def check(strategy: Strategy, cards: Mapping[str, Card], files: list[FileRead]) -> tuple[CheckReport, list[Notice]]:
    """``pipeline.check``'s report and notices for files with many rows, in the helper."""
    return _run(_check_there, strategy, dict(cards), files)


# What runs in the helper. Its answers travel without the file's bytes (the caller has
# them) and without the files of a check (the caller has those too).


_SNIFFED: dict[tuple[str, str], Sniffed | ExportError] = {}  # in the helper: the last file, for its read


def _sniffed_there(name: str, data: bytes, sha256: str) -> Sniffed | ExportError:
    """The file sniffed once in the helper: its read (asked for next) does not sniff it again."""
    from impact import pipeline

    found = _SNIFFED.get((name, sha256))
    if found is None:
        _SNIFFED.clear()  # one file kept: its text may be as large as the file
        found = _SNIFFED[(name, sha256)] = pipeline.sniff_upload(name, data, sha256)
    return found


def _sniff_there(name: str, data: bytes, sha256: str) -> Sniffed | ExportError:
    from impact.importers import ExportError

    found = _sniffed_there(name, data, sha256)
    return found if isinstance(found, ExportError) else replace(found, data=b"")


def _read_there(name: str, data: bytes, sha256: str, choices: Choices | None, today: date | None) -> FileRead:
    from impact import pipeline
    from impact.importers import ExportError

    found = _sniffed_there(name, data, sha256)
    if isinstance(found, ExportError):
        return pipeline.unreadable(name, sha256, data, found)
    return pipeline.read_sniffed(found, choices=choices, today=today)


def _check_there(strategy: Strategy, cards: dict[str, Card], files: list[FileRead]) -> tuple[CheckReport, list[Notice]]:
    from impact import pipeline

    run = pipeline.check(strategy, cards, files)
    return run.report, run.notices
