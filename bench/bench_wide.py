"""How long a very wide upload holds the server: the limit on columns refuses a table
wider than any export before any work per column; a wide table within the limit is
read once. Prints seconds per file and the ratio to a normal 8-column export."""

from __future__ import annotations

import time

from impact.importers import ExportError, read_export
from impact.importers.errors import MAX_COLUMNS


def _file(columns: int) -> bytes:
    header = ",".join(["Date", *(f"c{i}" for i in range(1, columns - 1)), "Clicks"])
    row = ",".join(["2026-11-03", *("x" for _ in range(1, columns - 1)), "12"])
    return f"{header}\n{row}\n".encode()


def _seconds(data: bytes) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        read_export(data, "wide.csv")
        outcome = "read"
    except ExportError as error:
        outcome = error.code
    return time.perf_counter() - start, outcome


def main() -> None:
    _seconds(_file(8))  # the readers loaded once
    base, _ = _seconds(_file(8))
    print(f"limit: {MAX_COLUMNS:,} columns; an 8-column export reads in {base * 1000:.1f} ms")
    for columns in (80, 1_500, MAX_COLUMNS, 50_000, 300_000, 1_000_000):
        data = _file(columns)
        seconds, outcome = _seconds(data)
        print(
            f"{columns:>9,} columns {len(data) / 1024:>8,.0f} KB  {seconds * 1000:>8.1f} ms  "
            f"x{seconds / base:>7.1f}  {outcome}"
        )


if __name__ == "__main__":
    main()
