"""Ends a helper process once the process that started it is gone.

The helper that reads large uploads (offload.py) is forked by a fork server the app
process starts. When the app process stops (a restart, a crash, a test that ends its
server), neither would notice by itself and both would keep their memory. Each watches
its own parent and exits when it has changed (the parent died and the process was
handed to init): the fork server from its first moment (``helper_watch_start``, a
preload), each helper from its start (the pool's initializer)."""

from __future__ import annotations

import os
import threading
import time

CHECK_EVERY = 1.0  # seconds


def _watch(parent: int) -> None:
    while True:
        time.sleep(CHECK_EVERY)
        if os.getppid() != parent:
            os._exit(0)


def start() -> None:
    """Watch this process's parent from now on (a daemon thread)."""
    threading.Thread(target=_watch, args=(os.getppid(),), daemon=True, name="helper-watch").start()
