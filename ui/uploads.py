"""Uploaded exports for the data check: kept in the session (a page switch must not
lose them), sniffed once per file, read once per content and choices (cached), and
the choices remembered per strategy and file shape. The reading itself is the
domain's (``impact.pipeline``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from impact import pipeline
from impact.importers import Choices, ExportError, Sniffed
from storage.checks import forget_mapping, list_mappings, recall_mapping, remember_mapping
from storage.errors import StorageError
from ui import state

KEY_UPLOADS = "check_uploads"
KEY_SNIFFED = "check_sniffed"
Upload = pipeline.FileRead


def _key(choices: Choices | None) -> str:
    if choices is None:
        return ""
    return json.dumps({"format": choices.format, **choices.as_json()}, sort_keys=True, ensure_ascii=False)


@st.cache_data(max_entries=64, show_spinner=False)
def _read(name: str, sha: str, choices_json: str, _sniffed: Sniffed) -> pipeline.FileRead:
    """Cached by name, content and choices; the sniffed file rides along unhashed."""
    stored = json.loads(choices_json) if choices_json else None
    choices = Choices.from_stored(stored.pop("format"), stored) if stored else None
    return pipeline.read_sniffed(_sniffed, choices=choices)


def keep(files: Iterable[UploadedFile] | None) -> None:
    """Copy what the uploader holds into the session (the uploader forgets on page change)."""
    stored: dict[str, bytes] = st.session_state.setdefault(KEY_UPLOADS, {})
    for file in files or []:
        stored[file.name] = file.getvalue()


def forget(name: str) -> None:
    st.session_state.get(KEY_UPLOADS, {}).pop(name, None)
    sniffs: dict = st.session_state.get(KEY_SNIFFED, {})
    for key in [k for k in sniffs if k[0] == name]:
        sniffs.pop(key)


def sniffed(name: str) -> Sniffed | ExportError | None:
    """The sniffed file of an upload in this session."""
    data = st.session_state.get(KEY_UPLOADS, {}).get(name)
    if data is None:
        return None
    sha = hashlib.sha256(data).hexdigest()
    sniffs: dict = st.session_state.setdefault(KEY_SNIFFED, {})
    if (name, sha) not in sniffs:
        sniffs[(name, sha)] = pipeline.sniff_upload(name, data)
    return sniffs[(name, sha)]


def read_with(name: str, choices: Choices | None) -> pipeline.FileRead | None:
    """An upload read with the given choices (the preview while a person decides)."""
    found = sniffed(name)
    if found is None or isinstance(found, ExportError):
        return None
    return _read(name, found.sha256, _key(choices), found)


def recall(strategy_id: str, signature: str) -> Choices | None:
    try:
        return recall_mapping(state.engine(), strategy_id, signature)
    except StorageError:
        return None


def read_all(strategy_id: str) -> list[pipeline.FileRead]:
    reads: list[pipeline.FileRead] = []
    for name, data in st.session_state.get(KEY_UPLOADS, {}).items():
        found = sniffed(name)
        if isinstance(found, ExportError) or found is None:
            sha = hashlib.sha256(data).hexdigest()
            reads.append(pipeline.FileRead(name, sha, sha[:32], error=found))
            continue
        reads.append(_read(name, found.sha256, _key(recall(strategy_id, pipeline.signature(found))), found))
    return pipeline.mark_duplicates(reads)


def save_choices(strategy_id: str, signature: str, choices: Choices, example: str) -> bool:
    try:
        remember_mapping(state.engine(), strategy_id, signature, choices, example=example)
    except StorageError:
        state.notify(state.tr("state.db_error"), "⚠️")
        return False
    return True


def drop_choices(strategy_id: str, signature: str) -> bool:
    try:
        forget_mapping(state.engine(), strategy_id, signature)
    except StorageError:
        state.notify(state.tr("state.db_error"), "⚠️")
        return False
    return True


def mapping_file(strategy_id: str) -> str:
    """Every remembered choice of this strategy, as a mapping file for the command line."""
    from impact.importers.choices import write_mapping_file

    try:
        remembered = list_mappings(state.engine(), strategy_id)
    except StorageError:
        remembered = []
    return write_mapping_file([(m.signature, m.example or "", m.choices) for m in remembered])
