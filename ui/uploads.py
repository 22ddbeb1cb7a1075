"""Uploaded exports for the data check: kept in the session (a page switch must not
lose them), sniffed once per file, read once per content and mapping (cached), and
the mapping remembered per strategy and file shape. The reading itself is the
domain's (``impact.pipeline``)."""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from impact import pipeline
from impact.importers import ExportError, Sniffed
from storage.checks import recall_mapping, remember_mapping
from storage.errors import StorageError
from ui import state

KEY_UPLOADS = "check_uploads"
KEY_SNIFFED = "check_sniffed"
Upload = pipeline.FileRead


@st.cache_data(max_entries=32, show_spinner=False)
def _read(name: str, sha: str, format: str | None, mapping_json: str, _sniffed: Sniffed) -> pipeline.FileRead:
    """Cached by name, content and mapping; the sniffed file rides along unhashed."""
    return pipeline.read_sniffed(_sniffed, format=format, mapping=json.loads(mapping_json) or None)


def keep(files) -> None:  # type: ignore[no-untyped-def]
    """Copy what the uploader holds into the session (the uploader forgets on page change)."""
    stored: dict[str, bytes] = st.session_state.setdefault(KEY_UPLOADS, {})
    for file in files or []:
        stored[file.name] = file.getvalue()


def forget(name: str) -> None:
    st.session_state.get(KEY_UPLOADS, {}).pop(name, None)
    sniffs: dict = st.session_state.get(KEY_SNIFFED, {})
    for key in [k for k in sniffs if k[0] == name]:
        sniffs.pop(key)


def _sniffed(name: str, data: bytes, sha: str) -> Sniffed | ExportError:
    sniffs: dict = st.session_state.setdefault(KEY_SNIFFED, {})
    if (name, sha) not in sniffs:
        sniffs[(name, sha)] = pipeline.sniff_upload(name, data)
    return sniffs[(name, sha)]


def read_all(strategy_id: str) -> list[pipeline.FileRead]:
    reads: list[pipeline.FileRead] = []
    for name, data in st.session_state.get(KEY_UPLOADS, {}).items():
        sha = hashlib.sha256(data).hexdigest()
        sniffed = _sniffed(name, data, sha)
        if isinstance(sniffed, ExportError):
            reads.append(pipeline.FileRead(name, sha, sha[:32], error=sniffed))
            continue
        signature = pipeline.signature(sniffed)
        try:
            remembered_format, remembered = recall_mapping(state.engine(), strategy_id, signature)
        except StorageError:
            remembered_format, remembered = None, {}
        reads.append(_read(name, sha, remembered_format, json.dumps(remembered, sort_keys=True), sniffed))
    return pipeline.mark_duplicates(reads)


def save_mapping(strategy_id: str, upload_signature: str, format: str | None, mapping: dict[str, str | None]) -> bool:
    try:
        remember_mapping(state.engine(), strategy_id, upload_signature, format=format, mapping=mapping)
    except StorageError:
        state.notify(state.tr("state.db_error"), "⚠️")
        return False
    return True
