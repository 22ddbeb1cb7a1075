"""The data check's files in this browser session: kept across page switches (the
uploader forgets them), read through the application layer's ``Uploads`` with one
cache of reads for the whole server."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from impact.importers import Choices, ExportError, Sniffed
from impact.pipeline import FileRead
from ui import state
from workshop import WorkshopError
from workshop.uploads import ReadCache, Uploads

KEY_UPLOADS = "check_uploads"
Upload = FileRead


@st.cache_resource(show_spinner=False)
def _read_cache() -> ReadCache:
    """Files read with given choices, shared by every session of this server process."""
    return ReadCache(64)


def session_uploads() -> Uploads:
    found = st.session_state.get(KEY_UPLOADS)
    if not isinstance(found, Uploads):
        found = st.session_state[KEY_UPLOADS] = Uploads(_read_cache(), shared=True)
    return found


KEY_UPLOADER = "check_upload"
KEY_GENERATION = "check_upload_generation"


def uploader_key() -> str:
    """The uploader's key; a new one after a file is removed, so that the uploader lets
    go of it too (it hands back every file it holds on every rerun, and would show the
    removed one)."""
    generation = st.session_state.get(KEY_GENERATION, 0)
    return KEY_UPLOADER if not generation else f"{KEY_UPLOADER}_{generation}"


def keep(files: Iterable[UploadedFile] | None) -> None:
    """Copy what the uploader holds into the session (the uploader forgets on page change)."""
    session_uploads().keep_all((file.name, file.getvalue()) for file in files or [])


def forget(name: str) -> None:
    """The file is out of this session's check: out of the list and out of the uploader
    (the other files stay in the list; the uploader starts empty, as after a page change)."""
    session_uploads().forget(name)
    st.session_state[KEY_GENERATION] = st.session_state.get(KEY_GENERATION, 0) + 1


def sniffed(name: str) -> Sniffed | ExportError | None:
    return session_uploads().sniffed(name)


def waiting() -> list[str]:
    """Large files that are still to be read (in the helper process)."""
    return session_uploads().waiting()


def read_with(name: str, choices: Choices | None) -> FileRead | None:
    """An upload read with the given choices (the preview while a person decides)."""
    return session_uploads().read_with(name, choices)


def read_all(strategy_id: str) -> list[FileRead]:
    return session_uploads().read_all(state.workshop().mappings.recall(strategy_id))


def save_choices(strategy_id: str, signature: str, choices: Choices, example: str) -> bool:
    try:
        state.workshop().mappings.remember(strategy_id, signature, choices, example=example)
    except WorkshopError as error:
        state.fail(error)
        return False
    return True


def drop_choices(strategy_id: str, signature: str) -> bool:
    try:
        state.workshop().mappings.forget(strategy_id, signature)
    except WorkshopError as error:
        state.fail(error)
        return False
    return True


def mapping_file(strategy_id: str) -> str:
    """Every remembered choice of this strategy, as a mapping file for the command line."""
    try:
        return state.workshop().mappings.mapping_file(strategy_id)
    except WorkshopError as error:  # the download says why, instead of an empty file
        raise RuntimeError(error.text(state.lang())) from None
