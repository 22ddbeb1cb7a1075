"""What a person decided about a file the readers could not read on their own: which
table, which row holds the column names, which column is the date (or which period
the whole file covers), which column is which metric, the channel and the segment.

Remembered per strategy and file shape (the signature of its headers), so next
month's export of the same shape reads with no questions; written to a mapping file
for the command line (``impact check … --mapping MAPPING.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from impact.metrics import METRICS
from impact.yaml_safe import load_yaml_text

MAPPING_FORMAT = "impact-mapping/1"
COLUMN_ROLES = ("date", "channel", "segment", *METRICS)
MAX_COLUMNS = 500
MAX_FILES = 500
MAX_TEXT = 300


class ChoicesError(ValueError):
    """A mapping file that cannot be used; ``path`` says where, ``code`` what."""

    def __init__(self, path: str, code: str, detail: str = "") -> None:
        super().__init__(f"{path}: {code} {detail}".strip())
        self.path = path
        self.code = code
        self.detail = detail


@dataclass
class Choices:
    format: str | None = None
    table: int | None = None  # which table of the file (0-based), where it has several
    header_row: int | None = None  # the row (0-based, in the table's sheet or block) that names the columns
    columns: dict[str, str | None] = field(default_factory=dict)  # header → role; None: not read
    period: tuple[date, date] | None = None  # the whole file covers this range (no date column)
    channel: str | None = None  # one channel for the whole file
    date_order: str | None = None  # 'dmy' or 'mdy': how dates such as 03/04/2026 are written

    @property
    def empty(self) -> bool:
        return self == Choices()

    def as_json(self) -> dict[str, Any]:
        """As stored with the strategy (and written into a mapping file)."""
        data: dict[str, Any] = {"columns": dict(self.columns)}
        if self.table is not None:
            data["table"] = self.table
        if self.header_row is not None:
            data["header_row"] = self.header_row
        if self.period is not None:
            data["period"] = [self.period[0].isoformat(), self.period[1].isoformat()]
        if self.channel:
            data["channel"] = self.channel
        if self.date_order:
            data["date_order"] = self.date_order
        return data

    @classmethod
    def from_stored(cls, format: str | None, stored: Mapping[str, Any] | None) -> Choices:
        """From the database; a mapping saved before choices existed is a plain header → role dict."""
        stored = dict(stored or {})
        if "columns" not in stored:
            return cls(format=format, columns={str(k): v for k, v in stored.items()})
        return _parse_entry(stored, "", format=format)


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ChoicesError(path, "expected_text")
    if len(value) > MAX_TEXT:
        raise ChoicesError(path, "too_long")
    return value.strip()


def _index(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 100_000:
        raise ChoicesError(path, "expected_row")
    return value


def _day(value: Any, path: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ChoicesError(path, "expected_date", str(value)[:40]) from None


def _parse_entry(entry: Any, path: str, *, format: str | None = None) -> Choices:
    prefix = f"{path}." if path else ""
    if not isinstance(entry, Mapping):
        raise ChoicesError(path or "(file)", "expected_mapping")
    known = {"signature", "example", "format", "table", "header_row", "columns", "period", "channel", "date_order"}
    for key in entry:
        if key not in known:
            raise ChoicesError(f"{prefix}{key}", "unknown_key")
    columns_raw = entry.get("columns") or {}
    if not isinstance(columns_raw, Mapping) or len(columns_raw) > MAX_COLUMNS:
        raise ChoicesError(f"{prefix}columns", "expected_mapping")
    columns: dict[str, str | None] = {}
    for header, role in columns_raw.items():
        where = f"{prefix}columns.{header}"
        header_text = _text(header, where) if not isinstance(header, (int, float)) else str(header)
        if role is not None and role not in COLUMN_ROLES:
            raise ChoicesError(where, "unknown_role", str(role)[:40])
        columns[header_text] = role
    period = None
    if entry.get("period") is not None:
        raw = entry["period"]
        if not isinstance(raw, list) or len(raw) != 2:
            raise ChoicesError(f"{prefix}period", "expected_period")
        start, end = _day(raw[0], f"{prefix}period[0]"), _day(raw[1], f"{prefix}period[1]")
        if end < start:
            raise ChoicesError(f"{prefix}period", "period_backwards")
        period = (start, end)
    date_order = entry.get("date_order")
    if date_order is not None and date_order not in ("dmy", "mdy"):
        raise ChoicesError(f"{prefix}date_order", "not_allowed", "dmy, mdy")
    chosen_format = entry.get("format", format)
    return Choices(
        format=_text(chosen_format, f"{prefix}format") if chosen_format is not None else None,
        table=_index(entry["table"], f"{prefix}table") if entry.get("table") is not None else None,
        header_row=_index(entry["header_row"], f"{prefix}header_row") if entry.get("header_row") is not None else None,
        columns=columns,
        period=period,
        channel=_text(entry["channel"], f"{prefix}channel").lower() if entry.get("channel") else None,
        date_order=date_order,
    )


def read_mapping_file(text: str) -> dict[str, Choices]:
    """signature → choices, from a mapping file; ChoicesError with the path of the problem."""
    try:
        data = load_yaml_text(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise ChoicesError("(file)", "yaml", str(exc)[:200]) from None
    if not isinstance(data, Mapping):
        raise ChoicesError("(file)", "expected_mapping")
    if data.get("format") != MAPPING_FORMAT:
        raise ChoicesError("format", "not_a_mapping", str(data.get("format"))[:40])
    files = data.get("files") or []
    if not isinstance(files, list) or len(files) > MAX_FILES:
        raise ChoicesError("files", "expected_list")
    found: dict[str, Choices] = {}
    for position, entry in enumerate(files):
        path = f"files[{position}]"
        if not isinstance(entry, Mapping):
            raise ChoicesError(path, "expected_mapping")
        signature = _text(entry.get("signature"), f"{path}.signature")
        found[signature] = _parse_entry(entry, path)
    return found


def write_mapping_file(entries: list[tuple[str, str, Choices]]) -> str:
    """(signature, an example file name, choices) → the text of a mapping file."""
    files = []
    for signature, example, choices in entries:
        entry: dict[str, Any] = {"signature": signature, "example": example}
        if choices.format:
            entry["format"] = choices.format
        entry.update(choices.as_json())
        files.append(entry)
    header = (
        "# Column choices for `impact check … --mapping` (made on the Data check page).\n"
        "# One entry per file shape: next month's export of the same shape reads the same way.\n"
    )
    return header + yaml.safe_dump({"format": MAPPING_FORMAT, "files": files}, allow_unicode=True, sort_keys=False)
