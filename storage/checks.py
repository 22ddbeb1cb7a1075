"""Saved data checks and remembered column mappings.

A check keeps the normalised data it was computed from (the wide canonical table,
as Parquet) next to its results, so a later month can be compared with this one
and a result can always be traced back to the rows behind it.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, func, insert, select

from impact.importers.choices import Choices, ChoicesError
from storage.errors import CheckNotFound, database_errors, new_id
from storage.tables import checks, column_mappings

if TYPE_CHECKING:  # pandas is loaded where data is read or written: a review reads none
    import pandas as pd


@dataclass(frozen=True)
class CheckSummary:
    id: int
    strategy_version: int
    created_at: datetime
    files: list[dict[str, Any]]


@dataclass(frozen=True)
class StoredCheck:
    id: int
    strategy_id: str
    strategy_version: int
    created_at: datetime
    files: list[dict[str, Any]]
    results: list[dict[str, Any]]
    warnings: list[str]
    parquet: bytes = field(default=b"", repr=False)  # the data as kept; empty when not asked for

    @cached_property
    def data(self) -> pd.DataFrame:
        """The normalised rows the check was made from (empty when not loaded with them)."""
        import pandas as pd

        return pd.read_parquet(io.BytesIO(self.parquet)) if self.parquet else pd.DataFrame()


def _to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.reset_index(drop=True).to_parquet(buffer, index=False, compression="zstd")
    return buffer.getvalue()


def fingerprint(files: str, results: str, warnings: str) -> str:
    """What makes two checks the same: the same files (by content) giving the same
    results and warnings. (Migration 0007 holds a frozen copy for older checks.)"""
    return fingerprint_of(json.loads(files), json.loads(results), json.loads(warnings))


def fingerprint_of(files: list[dict[str, Any]], results: list[dict[str, Any]], warnings: list[Any]) -> str:
    """``fingerprint`` of the values themselves (JSON values: the same text they would be
    read back from), without reading back thousands of results just written."""
    hashes = sorted(str(f.get("sha256") or f.get("name")) for f in files)
    text = json.dumps([hashes, results, warnings], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SavedCheck:
    id: int
    repeated: CheckSummary | None = None  # the earlier check this one is the same as: nothing new was kept


@database_errors
def save_check(
    engine: Engine,
    strategy_id: str,
    strategy_version: int,
    *,
    files: list[dict[str, Any]],
    data: pd.DataFrame,
    results: list[dict[str, Any]],
    warnings: list[Any],
) -> SavedCheck:
    """Keep a check, unless the same files already gave the same results and warnings:
    then the earlier check is the answer (a second click must not list it twice)."""
    files_json = json.dumps(files, ensure_ascii=False, default=str)
    results_json = json.dumps(results, ensure_ascii=False)
    warnings_json = json.dumps(warnings, ensure_ascii=False)
    mark = fingerprint_of(json.loads(files_json), results, warnings)
    with engine.begin() as conn:
        same = conn.execute(
            select(checks.c.id, checks.c.strategy_version, checks.c.created_at, checks.c.files)
            .where(checks.c.strategy_id == strategy_id, checks.c.fingerprint == mark)
            .order_by(checks.c.created_at.desc(), checks.c.id.desc())
            .limit(1)
        ).first()
        if same is not None:
            earlier = CheckSummary(same.id, same.strategy_version, same.created_at, json.loads(same.files))
            return SavedCheck(same.id, repeated=earlier)
        row = conn.execute(
            insert(checks).values(
                strategy_id=strategy_id,
                strategy_version=strategy_version,
                created_at=datetime.now(UTC),
                files=files_json,
                data=_to_parquet(data),
                results=results_json,
                warnings=warnings_json,
                fingerprint=mark,
                wholes=wholes_json(results),
            )
        )
        return SavedCheck(new_id(row))


def wholes_json(results: list[dict[str, Any]]) -> str:
    """The results of the whole (no segment), as the review reads them."""
    return json.dumps([r for r in results if r.get("segment") is None], ensure_ascii=False)


@database_errors
def list_checks(engine: Engine, strategy_id: str) -> list[CheckSummary]:
    """Newest first; a check the same as a newer one (kept before checks were compared)
    is listed once."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(checks.c.id, checks.c.strategy_version, checks.c.created_at, checks.c.files, checks.c.fingerprint)
            .where(checks.c.strategy_id == strategy_id)
            .order_by(checks.c.created_at.desc(), checks.c.id.desc())
        ).all()
    seen: set[str] = set()
    listed = []
    for r in rows:
        if r.fingerprint is not None and r.fingerprint in seen:
            continue
        seen.add(r.fingerprint)
        listed.append(CheckSummary(r.id, r.strategy_version, r.created_at, json.loads(r.files)))
    return listed


@database_errors
def load_check(engine: Engine, check_id: int, *, with_data: bool = True) -> StoredCheck:
    """A saved check; ``with_data=False`` leaves the (possibly large) normalised data in
    the database when only the results are shown."""
    columns = [c for c in checks.c if with_data or c.name != "data"]
    with engine.connect() as conn:
        row = conn.execute(select(*columns).where(checks.c.id == check_id)).one_or_none()
    if row is None:
        raise CheckNotFound(check_id)
    return _stored(row, row.data if with_data else b"")


@database_errors
def load_checks(engine: Engine, strategy_id: str) -> list[StoredCheck]:
    """Every check of a strategy with the results of its whole (no segment's, no data),
    oldest first, in one query: what a review reads. A check the same as a newer one
    counts once."""
    kept = [c for c in checks.c if c.name not in ("data", "results", "wholes")]
    columns = [*kept, func.coalesce(checks.c.wholes, checks.c.results).label("wholes")]
    with engine.connect() as conn:
        rows = conn.execute(
            select(*columns)
            .where(checks.c.strategy_id == strategy_id)
            .order_by(checks.c.created_at.desc(), checks.c.id.desc())
        ).all()
    seen: set[str] = set()
    found = []
    for row in rows:
        if row.fingerprint is not None and row.fingerprint in seen:
            continue
        seen.add(row.fingerprint)
        found.append(_stored(row, b"", results=row.wholes))
    return found[::-1]


def _stored(row: Any, parquet: bytes, results: str | None = None) -> StoredCheck:
    """A check as read; ``results``: the rows to read instead of all of them."""
    return StoredCheck(
        id=row.id,
        strategy_id=row.strategy_id,
        strategy_version=row.strategy_version,
        created_at=row.created_at,
        files=json.loads(row.files),
        parquet=bytes(parquet),
        results=json.loads(results if results is not None else row.results),
        warnings=json.loads(row.warnings),
    )


@dataclass(frozen=True)
class RememberedMapping:
    signature: str
    example: str | None
    choices: Choices


@database_errors
def remember_mapping(
    engine: Engine, strategy_id: str, signature: str, choices: Choices, *, example: str | None = None
) -> None:
    """What a person chose for files of this shape, for this strategy (replacing earlier choices)."""
    with engine.begin() as conn:
        conn.execute(
            delete(column_mappings).where(
                column_mappings.c.strategy_id == strategy_id, column_mappings.c.signature == signature
            )
        )
        conn.execute(
            insert(column_mappings).values(
                strategy_id=strategy_id,
                signature=signature,
                format=choices.format,
                mapping=json.dumps(choices.as_json(), ensure_ascii=False),
                updated_at=datetime.now(UTC),
                example=(example or "")[:255] or None,
            )
        )


@database_errors
def recall_mapping(engine: Engine, strategy_id: str, signature: str) -> Choices | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(column_mappings.c.format, column_mappings.c.mapping).where(
                column_mappings.c.strategy_id == strategy_id, column_mappings.c.signature == signature
            )
        ).one_or_none()
    if row is None:
        return None
    return _choices(row.format, row.mapping)


@database_errors
def forget_mapping(engine: Engine, strategy_id: str, signature: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            delete(column_mappings).where(
                column_mappings.c.strategy_id == strategy_id, column_mappings.c.signature == signature
            )
        )


@database_errors
def list_mappings(engine: Engine, strategy_id: str) -> list[RememberedMapping]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                column_mappings.c.signature,
                column_mappings.c.example,
                column_mappings.c.format,
                column_mappings.c.mapping,
            )
            .where(column_mappings.c.strategy_id == strategy_id)
            .order_by(column_mappings.c.updated_at.desc())
        ).all()
    return [RememberedMapping(r.signature, r.example, _choices(r.format, r.mapping)) for r in rows]


def _choices(format: str | None, stored: str) -> Choices:
    """Stored choices; a row a later version cannot read counts as no choice rather than an error."""
    try:
        return Choices.from_stored(format, json.loads(stored))
    except (ValueError, ChoicesError):
        return Choices()
