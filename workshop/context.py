"""Who is asking and where: what every use case needs besides its arguments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.store import Store


@dataclass(frozen=True)
class Context:
    """The store, the workspace, the author, the account and the reader's language."""

    store: Store
    workspace: str = ""  # "" without access protection
    author: str | None = None  # named in the version history
    account: str = ""  # the signed-in e-mail address ("" without sign-in): whose place is remembered
    lang: str = "de"  # the language summaries in the history are written in
    # a server with many sessions: large files and checks in a helper process (offload.py);
    # a command line run is alone and does its work itself
    shared: bool = False
