"""What every importer shares: reading bytes safely, numbers and dates in German and
English spellings, and the result every format is turned into.

An import yields a *wide* table (``date``, ``span_end``, ``channel``, ``segment`` and
one column per canonical metric). ``span_end`` is set where a row is a total over a
date range (a GA4 or Google Ads report without a day column) rather than one day.
The long form of DESIGN.md (``date, channel, segment, metric, value``) is derived
from it by ``ImportResult.long()``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from impact.metrics import METRICS

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
KEY_COLUMNS = ("date", "span_end", "channel", "segment")
MISSING = {"", "-", "--", "—", "–", "n/a", "N/A", "nan", "NaN", "None", "null"}


class ExportError(ValueError):
    """An export that cannot be read; ``code`` selects the translated message."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass
class Document:
    """An uploaded file, decoded once: CSV text lines or Excel sheets (all cells as text)."""

    filename: str
    data: bytes
    text: str | None = None
    sheets: dict[str, pd.DataFrame] = field(default_factory=dict)
    encoding: str = ""

    def head_rows(self, lines: int = 40) -> pd.DataFrame:
        """The first rows only: enough to recognise a format without reading a million lines."""
        if self.sheets:
            first = next(iter(self.sheets.values()))
            return first.head(lines)
        head = self.head_lines(lines)
        return read_csv_rows("\n".join(head), pick_separator(head))

    def head_lines(self, count: int) -> list[str]:
        """The first lines without splitting a million-line file."""
        if self.text is None:
            return []
        if hasattr(self, "_lines"):
            return self._lines[:count]
        return self.text[: 400 * count].splitlines()[:count]

    @property
    def lines(self) -> list[str]:
        if self.text is None:
            return []
        if not hasattr(self, "_lines"):
            self._lines = self.text.splitlines()
        return self._lines

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Ignored:
    column: str
    reason: str  # a code: ratio | text | unknown | by_user | total | duplicate


@dataclass
class ImportResult:
    filename: str
    format: str
    sha256: str
    table: pd.DataFrame
    rows_read: int
    mapping: dict[str, str]
    ignored: list[Ignored] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    @property
    def metrics(self) -> list[str]:
        return [c for c in self.table.columns if c not in KEY_COLUMNS]

    @property
    def period(self) -> tuple[date, date] | None:
        if self.table.empty:
            return None
        start = self.table["date"].min()
        ends = self.table["span_end"].fillna(self.table["date"])
        return start.date(), ends.max().date()

    def long(self) -> pd.DataFrame:
        """The canonical long table: date, channel, segment, metric, value."""
        if self.table.empty:
            return pd.DataFrame(columns=["date", "span_end", "channel", "segment", "metric", "value"])
        long = self.table.melt(id_vars=list(KEY_COLUMNS), var_name="metric", value_name="value")
        return long.dropna(subset=["value"]).reset_index(drop=True)


# --- bytes → text -------------------------------------------------------------------


def sniff_binary_kind(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    return None


def decode_text(data: bytes) -> str:
    return decode_text_with_encoding(data)[0]


def decode_text_with_encoding(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 (with BOM), else cp1252 — as German tools write."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ExportError("encoding", "UTF-16") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise ExportError("binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > 8 or text.count("\ufffd") > max(8, len(text) // 100):
        raise ExportError("binary")
    return text, "cp1252"


def load_document(data: bytes, filename: str) -> Document:
    if not data or not data.strip():
        raise ExportError("empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ExportError("too_large", f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    kind = sniff_binary_kind(data)
    if kind:
        return Document(filename=filename, data=data, sheets=_read_workbook(data, kind))
    text, encoding = decode_text_with_encoding(data)
    return Document(filename=filename, data=data, text=text, encoding=encoding)


def _read_workbook(data: bytes, kind: str) -> dict[str, pd.DataFrame]:
    """Parsed in a child process with a memory and time ceiling (see workbook_worker)."""
    import json
    import subprocess
    import sys

    if kind == "xlsx":
        _refuse_zip_bomb(data)
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "impact.importers.workbook_worker"],
            input=data,
            capture_output=True,
            timeout=120,
            check=False,
            cwd=str(_PROJECT_ROOT),
        )
    except subprocess.TimeoutExpired:
        raise ExportError("too_large", "took longer than 2 minutes to open") from None
    try:
        answer = json.loads(finished.stdout.decode("utf-8") or "{}")
    except ValueError:
        answer = {}
    if "sheets" in answer:
        return {name: pd.DataFrame(rows, dtype=object) for name, rows in answer["sheets"]}
    if "too_large" in answer or (not answer and finished.returncode != 0):  # killed at its memory ceiling
        raise ExportError("too_large", answer.get("too_large", "memory"))
    raise ExportError("broken_workbook", answer.get("error", f"exit {finished.returncode}"))


def _refuse_zip_bomb(data: bytes, limit: int = 200 * 1024 * 1024) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ExportError("broken_workbook", "not a valid XLSX (zip) file") from None
    if total > limit:
        raise ExportError("too_large", f"unpacks to {total // (1024 * 1024)} MB")


def pick_separator(lines: Iterable[str]) -> str:
    """The separator the header and first rows agree on; never pandas' guess
    (sep=None mis-sniffs one-column files)."""
    sample = [line for line in lines if line.strip()][:20]
    if not sample:
        return ","
    best, best_score = ",", -1
    for sep in (";", ",", "\t", "|"):
        counts = [len(next(csv.reader([line], delimiter=sep))) for line in sample]
        head = counts[0]
        if head < 2:
            continue
        agree = sum(1 for c in counts if c == head)
        score = agree * 100 + head
        if score > best_score:
            best, best_score = sep, score
    return best


def read_csv_rows(text: str, sep: str, skip: int = 0) -> pd.DataFrame:
    """All cells as text, header row first; ragged rows (banner lines) padded, so a
    one-cell title row does not decide how many columns the table has."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    rows = [row for index, row in enumerate(reader) if index >= skip]
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return pd.DataFrame(dtype=object)
    padded = [r + [""] * (width - len(r)) for r in rows]
    return pd.DataFrame(padded, dtype=object)


# --- numbers ------------------------------------------------------------------------

_GERMAN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$")
_ENGLISH_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$")


def guess_decimal(values: pd.Series, default: str) -> str:
    """',' or '.', from values where only one reading makes sense."""
    sample = values.dropna().astype(str).str.strip().head(500)
    german = int(sample.str.match(_GERMAN_NUMBER).sum())
    english = int(sample.str.match(_ENGLISH_NUMBER).sum())
    if german > english:
        return ","
    if english > german:
        return "."
    return default


def to_number(values: pd.Series, decimal: str = ".") -> pd.Series:
    """Text to float: '1.234,56', '1,234.56', '12 %', '€ 5', '--' (missing) → NaN."""
    text = values.astype(str).str.strip()
    text = text.str.replace(r"[\s\u00a0\u202f€$£%]|EUR|USD", "", regex=True)
    text = text.where(~text.isin(MISSING))
    if decimal == ",":
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    return pd.to_numeric(text, errors="coerce")


def number_column(values: pd.Series, default_decimal: str) -> pd.Series:
    return to_number(values, guess_decimal(values, default_decimal))


def share_numeric(values: pd.Series, decimal: str) -> float:
    present = values.astype(str).str.strip()
    present = present[~present.isin(MISSING)]
    if present.empty:
        return 0.0
    return float(to_number(present, decimal).notna().mean())


# --- dates --------------------------------------------------------------------------

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%m/%d/%Y",
    "%Y%m%d",
    "%d.%m.%y",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d/%m/%Y",
)


def parse_dates(values: pd.Series) -> pd.Series:
    """The first format that reads nearly every value wins (never a per-cell guess,
    which would read 03/04 as March here and April there). Returns day precision.

    Parsed once per distinct value: a million daily rows hold a few hundred dates."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = _parse_distinct_dates(pd.Series(uniques, dtype=object))
    table = np.append(parsed.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    return pd.Series(table[codes], index=values.index, dtype="datetime64[ns]")


def is_missing(values: pd.Series) -> pd.Series:
    """Empty cells and placeholders ("--", "n/a"), decided once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    flags = np.append([str(u).strip() in MISSING for u in uniques], True)
    return pd.Series(flags[codes], index=values.index)


def _parse_distinct_dates(values: pd.Series) -> pd.Series:
    text = values.astype(str).str.strip()
    text = text.str.replace(r"(\d)T(\d\d:\d\d:\d\d)[+-]\d\d:?\d\d$", r"\1T\2", regex=True)
    present = text[~text.isin(MISSING)]
    if present.empty:
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    best: pd.Series | None = None
    best_ok = -1.0
    for fmt in _DATE_FORMATS:
        parsed = pd.to_datetime(present, format=fmt, errors="coerce")
        ok = float(parsed.notna().mean())
        if ok > best_ok:
            best, best_ok = parsed, ok
        if ok == 1.0:
            break
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    if best is not None:
        result.loc[best.index] = best.dt.normalize()
    return result


def date_share(values: pd.Series) -> float:
    present = values.astype(str).str.strip()
    present = present[~present.isin(MISSING)]
    if present.empty:
        return 0.0
    return float(parse_dates(present).notna().mean())


# --- building the wide table ----------------------------------------------------------

ENGAGEMENT_PARTS = ("reactions", "comments", "shares", "saves")


def derive_engagements(table: pd.DataFrame, warnings: list[tuple[str, str]]) -> pd.DataFrame:
    """Platforms that export no "engagements" column (LinkedIn, TikTok) still report its
    parts; engagements = reactions + comments + shares (+ saves), and the file says so."""
    if "engagements" in table or table.empty:
        return table
    parts = [p for p in ENGAGEMENT_PARTS if p in table]
    if len(parts) < 2:
        return table
    table = table.copy()
    table["engagements"] = table[parts].sum(axis=1, min_count=1)
    warnings.append(("engagements_derived", " + ".join(parts)))
    return table


def _clean_text(value: object, lower: bool) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if text in MISSING:
        return None
    return text.lower() if lower else text


def canonical_channel(name: str | None) -> str | None:
    if name is None:
        return None
    text = str(name).strip()
    if text in MISSING:
        return None
    return re.sub(r"\s+", " ", text).lower()


def wide_table(
    dates: pd.Series,
    metrics: dict[str, pd.Series],
    *,
    channel: pd.Series | str | None,
    segment: pd.Series | str | None = None,
    span_end: pd.Series | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Assemble the wide table; metric columns that map to the same metric add up."""
    index = dates.index
    frame = pd.DataFrame({"date": dates.astype("datetime64[ns]")}, index=index)
    if span_end is None:
        frame["span_end"] = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    else:
        frame["span_end"] = span_end if isinstance(span_end, pd.Series) else pd.Timestamp(span_end)
        frame["span_end"] = frame["span_end"].astype("datetime64[ns]")
    frame["channel"] = _text_column(channel, index)
    frame["segment"] = _text_column(segment, index, lower=False)
    for metric, series in metrics.items():
        if metric in frame:
            frame[metric] = frame[metric].add(series, fill_value=0)
        else:
            frame[metric] = series.astype(float)
    frame = frame[frame["date"].notna()]
    metric_cols = [m for m in frame.columns if m in METRICS]
    if metric_cols:
        frame = frame[frame[metric_cols].notna().any(axis=1)]
    return frame.reset_index(drop=True)


def _text_column(value: pd.Series | str | None, index: pd.Index, *, lower: bool = True) -> pd.Series:
    if isinstance(value, pd.Series):
        # Cleaned once per distinct value, not once per row: a million rows have a few dozen channels.
        codes, uniques = pd.factorize(value.astype(object), use_na_sentinel=True)
        cleaned = [_clean_text(u, lower) for u in uniques]
        table = pd.array([*cleaned, None], dtype=object)
        return pd.Series(table[codes], index=index, dtype=object)
    if value is None:
        return pd.Series([None] * len(index), index=index, dtype=object)
    return pd.Series([value.lower() if lower else value] * len(index), index=index, dtype=object)
