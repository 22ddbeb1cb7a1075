"""Uploaded exports for the data check: kept in the session (a page switch must not
lose them), read once per content and mapping (cached), mappings remembered."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import streamlit as st

from impact.importers import ExportError, ImportResult, read_export
from storage.checks import recall_mapping, remember_mapping
from storage.errors import StorageError
from ui import state

KEY_UPLOADS = "check_uploads"


@dataclass
class Upload:
    name: str
    data: bytes
    result: ImportResult | None = None
    error: ExportError | None = None
    signature: str = ""
    duplicate_of: str | None = None


@st.cache_data(max_entries=32, show_spinner=False)
def _read(data: bytes, name: str, format: str | None, mapping_json: str) -> ImportResult | ExportError:
    try:
        return read_export(data, name, format=format, mapping=json.loads(mapping_json) or None)
    except ExportError as exc:
        return exc


def signature(columns: list[str]) -> str:
    return hashlib.sha256("\x1f".join(columns).encode("utf-8")).hexdigest()[:32]


def keep(files) -> None:  # type: ignore[no-untyped-def]
    """Copy what the uploader holds into the session (the uploader forgets on page change)."""
    stored: dict[str, bytes] = st.session_state.setdefault(KEY_UPLOADS, {})
    for file in files or []:
        stored[file.name] = file.getvalue()


def forget(name: str) -> None:
    st.session_state.get(KEY_UPLOADS, {}).pop(name, None)


def read_all(strategy_id: str) -> list[Upload]:
    uploads: list[Upload] = []
    seen: dict[str, str] = {}
    for name, data in st.session_state.get(KEY_UPLOADS, {}).items():
        upload = Upload(name=name, data=data)
        first = _read(data, name, None, "{}")
        if isinstance(first, ExportError):
            columns: list[str] = []
        else:
            columns = first.columns
        upload.signature = signature(columns) if columns else hashlib.sha256(data[:4096]).hexdigest()[:32]
        try:
            remembered_format, remembered = recall_mapping(state.engine(), strategy_id, upload.signature)
        except StorageError:
            remembered_format, remembered = None, {}
        outcome = (
            _read(data, name, remembered_format, json.dumps(remembered, sort_keys=True))
            if remembered_format or remembered
            else first
        )
        if isinstance(outcome, ExportError):
            upload.error = outcome
        else:
            upload.result = outcome
            if outcome.sha256 in seen:
                upload.duplicate_of = seen[outcome.sha256]
            else:
                seen[outcome.sha256] = name
        uploads.append(upload)
    return uploads


def save_mapping(strategy_id: str, upload_signature: str, format: str | None, mapping: dict[str, str | None]) -> bool:
    try:
        remember_mapping(state.engine(), strategy_id, upload_signature, format=format, mapping=mapping)
    except StorageError:
        state.notify(state.tr("state.db_error"), "⚠️")
        return False
    return True
