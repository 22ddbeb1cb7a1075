"""What the tests of real exports share, wherever they stand (``tests/`` or beside a
format in ``impact/importers/formats/<format>/``): the files, their expected outcome,
and readers of the raw bytes that work out expected figures without the code under test."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from impact.importers import read_export

REAL = Path(__file__).resolve().parent / "real_exports"
EXPECTED: dict[str, dict[str, str]] = yaml.safe_load((REAL / "expected.yaml").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 23)  # the day the files are checked on: TikTok's dates carry no year


def read(relative: str, **options: Any) -> Any:
    path = REAL / relative
    return read_export(path.read_bytes(), path.name, today=TODAY, **options)


def read_bytes(data: bytes, name: str, **options: Any) -> Any:
    return read_export(data, name, today=TODAY, **options)


def total(result: Any, metric: str) -> float:
    """The whole file's figure: every row but the unique-people 'whole' rows."""
    frame = result.table
    return float(frame.loc[~frame["whole"], metric].sum())


def number(text: str, decimal: str = ".") -> float:
    """A figure as the file writes it: '1 845', '"1 238,40 €"', '£1,137.26', '10,708', '4715.0'."""
    cleaned = re.sub(r"[^\d,.\-]", "", text)
    if decimal == ",":
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    return float(cleaned) if cleaned not in ("", "-") else 0.0


def table(text: str, *, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def rows(relative: str, *, skip: int = 0, encoding: str = "utf-8-sig") -> list[list[str]]:
    return table((REAL / relative).read_text(encoding=encoding))[skip:]


def column(found: list[list[str]], name: str, *, occurrence: int = 0) -> list[str]:
    """A column's values by its header (soft hyphens as YouTube writes them left out)."""
    header = [h.replace("\u00ad", "").strip() for h in found[0]]
    index = [i for i, h in enumerate(header) if h == name][occurrence]
    return [r[index] for r in found[1:] if len(r) > index]


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def samples_of(*formats: str) -> list[str]:
    """The real files ``expected.yaml`` says are of these formats (read, or recognised
    and refused by name)."""
    return sorted(relative for relative, outcome in EXPECTED.items() if outcome.get("format") in formats)
