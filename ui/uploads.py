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
        found = st.session_state[KEY_UPLOADS] = Uploads(_read_cache())
    return found


KEY_FILE_IDS, KEY_REMOVED = "check_upload_ids", "check_upload_removed"


def keep(files: Iterable[UploadedFile] | None) -> None:
    """Copy what the uploader holds into the session (the uploader forgets on page change).
    A file removed on the page stays removed although the uploader still holds it (it
    hands it back on every rerun); uploaded again, it is a new upload and counts."""
    ids: dict[str, str] = st.session_state.setdefault(KEY_FILE_IDS, {})
    removed: set[str] = st.session_state.setdefault(KEY_REMOVED, set())
    fresh = [file for file in files or [] if file.file_id not in removed]
    ids.update({file.name: file.file_id for file in fresh})
    session_uploads().keep_all((file.name, file.getvalue()) for file in fresh)


def forget(name: str) -> None:
    file_id = st.session_state.get(KEY_FILE_IDS, {}).pop(name, None)
    if file_id is not None:
        st.session_state.setdefault(KEY_REMOVED, set()).add(file_id)
    session_uploads().forget(name)


def sniffed(name: str) -> Sniffed | ExportError | None:
    return session_uploads().sniffed(name)


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
