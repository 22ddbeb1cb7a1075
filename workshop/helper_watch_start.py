"""Preloaded by the helpers' fork server (offload.py): it watches its parent, the app
process, from its first moment, and ends with it (helper_watch.py)."""

from workshop.helper_watch import start

start()
