"""One way from uploaded files to a saved check, for the page, the command line and
the tests alike: sniff each file once, recall the mapping remembered for its shape,
import it, leave out exact duplicates, check the KPIs, and collect every warning as
a code with parameters (translated only when shown, so a saved check reads in the
reader's language).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

import pandas as pd

from impact.check import CheckReport, combine, run_check
from impact.importers import HOLDS_NOTHING, Choices, ExportError, ImportResult, Sniffed, read_export
from impact.importers.sniff import sniff
from impact.model import Card, Strategy
from impact.wording import export_text, warning_text

Recall = Callable[[str], Choices | None]  # signature → the choices remembered for files of that shape


@dataclass(frozen=True)
class Notice:
    """A warning as data: what happened (a code), its parameters, and the file it is about."""

    code: str
    detail: str = ""
    file: str | None = None

    def text(self, lang: str, titles: Mapping[str, str] | None = None) -> str:
        message = warning_text(self.code, self.detail, lang, titles)
        return f"{self.file}: {message}" if self.file else message

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail, "file": self.file}


def notice_text(stored: object, lang: str, titles: Mapping[str, str] | None = None) -> str:
    """A stored warning in the reader's language (checks saved before warnings were
    kept as codes hold finished sentences: shown as they are)."""
    if isinstance(stored, dict) and "code" in stored:
        notice = Notice(str(stored["code"]), str(stored.get("detail") or ""), stored.get("file"))
        return notice.text(lang, titles)
    return str(stored)


def card_titles(cards: Mapping[str, Card], lang: str) -> dict[str, str]:
    return {card_id: card.title.get(lang) for card_id, card in cards.items()}


@dataclass
class FileRead:
    """One uploaded file: what was read from it, or why nothing could be."""

    name: str
    sha256: str
    signature: str
    result: ImportResult | None = None
    error: ExportError | None = None
    duplicate_of: str | None = None
    remembered: bool = False  # choices remembered for this shape were applied
    choices: Choices | None = None  # the choices the file was read with

    @property
    def usable(self) -> bool:
        return self.result is not None and self.duplicate_of is None

    @property
    def holds_nothing(self) -> bool:
        """Read, but nothing in it can count (a month without delivery, activity by
        hour): said, and the other files are checked all the same."""
        return self.error is not None and self.error.code in HOLDS_NOTHING

    def error_text(self, lang: str) -> str:
        assert self.error is not None
        return export_text(self.error.code, self.error.detail, lang)

    def summary(self) -> dict[str, Any]:
        result = self.result
        return {
            "name": self.name,
            "format": result.format if result else None,
            "rows": result.rows_read if result else 0,
            "sha256": self.sha256,
            "period": [str(d) for d in result.period] if result and result.period else None,
        }


def signature(sniffed: Sniffed) -> str:
    """The shape of a file (its tables' headers; where no table was found, its first
    rows): next month's export of the same report has the same signature, so the
    choices made once apply again."""
    return hashlib.sha256("\x1f".join(sniffed.shape).encode("utf-8")).hexdigest()[:32]


def fallback_signature(data: bytes) -> str:
    """The shape of a file no reader could open: its first 4 KiB (next month's broken
    export of the same kind starts the same way; the whole file's hash would not)."""
    return hashlib.sha256(data[:4096]).hexdigest()[:32]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unreadable(name: str, sha256: str, data: bytes, error: ExportError) -> FileRead:
    """A file that could not even be sniffed, said with its reason."""
    return FileRead(name, sha256, fallback_signature(data), error=error)


def sniff_upload(name: str, data: bytes, sha256: str | None = None) -> Sniffed | ExportError:
    """The file sniffed once (``sha256`` when the caller hashed it already), or why not."""
    try:
        return sniff(data, name, sha256=sha256)
    except ExportError as error:
        return error
    except Exception as exc:  # noqa: BLE001 - a file that breaks the sniff is refused with a reason, never a crash
        return ExportError("unreadable", f"{type(exc).__name__}: {str(exc)[:120]}")


def read_sniffed(sniffed: Sniffed, *, choices: Choices | None = None, today: date | None = None) -> FileRead:
    read = FileRead(
        sniffed.filename,
        sniffed.sha256,
        signature(sniffed),
        remembered=bool(choices and not choices.empty),
        choices=choices,
    )
    try:
        read.result = read_export(sniffed, choices=choices, today=today)
    except ExportError as error:
        read.error = error
    return read


def read_file(name: str, data: bytes, *, recall: Recall | None = None, today: date | None = None) -> FileRead:
    """One file: sniffed, read with the choices remembered for its shape."""
    sha = content_hash(data)
    sniffed = sniff_upload(name, data, sha)
    if isinstance(sniffed, ExportError):
        return unreadable(name, sha, data, sniffed)
    choices = recall(signature(sniffed)) if recall else None
    return read_sniffed(sniffed, choices=choices, today=today)


def mark_duplicates(reads: list[FileRead]) -> list[FileRead]:
    """The same file uploaded twice counts once. The reads are not changed (a cache may
    hold them): a duplicate is a copy that names the file it repeats."""
    seen: dict[str, str] = {}
    out = []
    for read in reads:
        if read.result is not None and read.sha256 in seen:
            read = replace(read, duplicate_of=seen[read.sha256])
        elif read.result is not None:
            seen[read.sha256] = read.name
        out.append(read)
    return out


def read_files(
    files: Iterable[tuple[str, bytes]], *, recall: Recall | None = None, today: date | None = None
) -> list[FileRead]:
    return mark_duplicates([read_file(name, data, recall=recall, today=today) for name, data in files])


@dataclass
class CheckRun:
    files: list[FileRead]
    report: CheckReport
    notices: list[Notice] = field(default_factory=list)

    @cached_property
    def data(self) -> pd.DataFrame:
        """The rows the check was made from, all files in one table (what a saved check
        keeps); built when asked for: a check that is only shown never needs it."""
        return combine([(f.name, f.result.table) for f in self.usable if f.result is not None])

    @property
    def usable(self) -> list[FileRead]:
        return [f for f in self.files if f.usable]

    def file_summaries(self) -> list[dict[str, Any]]:
        return [f.summary() for f in self.usable]

    def notices_json(self) -> list[dict[str, Any]]:
        return [n.as_json() for n in self.notices]


def file_notices(read: FileRead) -> list[Notice]:
    """What a reader should know about one file: duplicates and the import's warnings."""
    if read.duplicate_of:
        return [Notice("duplicate_file", f"{read.name}|{read.duplicate_of}")]
    if read.result is None:
        return []
    return [Notice(code, detail, read.name) for code, detail in read.result.warnings]


def check(strategy: Strategy, cards: Mapping[str, Card], files: list[FileRead]) -> CheckRun:
    """Check the KPIs against every usable file; files that could not be read or are
    duplicates are left out (and said so), the others still count."""
    usable = [f for f in files if f.usable]
    tables = [(f.name, f.result.table) for f in usable if f.result is not None]
    unused = [column for f in usable if f.result is not None for column in f.result.unused_columns]
    report = run_check(strategy, dict(cards), tables, unused=unused)
    notices: list[Notice] = []
    for read in files:
        notices += file_notices(read)
        if read.error is not None:
            notices.append(Notice("file_not_read", f"{read.error.code}|{read.error.detail}", read.name))
    notices += [Notice(code, detail) for code, detail in report.warnings]
    return CheckRun(files=files, report=report, notices=notices)


def run(
    strategy: Strategy,
    cards: Mapping[str, Card],
    files: Iterable[tuple[str, bytes]],
    *,
    recall: Recall | None = None,
    today: date | None = None,
) -> CheckRun:
    return check(strategy, cards, read_files(files, recall=recall, today=today))
