"""Reads an Excel workbook in a separate process with a memory and time ceiling.

Spreadsheet parsers build each sheet as a dense grid: a crafted or damaged file with
one cell far down and right asks for gigabytes. In a child process with its own
limit, such a file costs a refused upload, never the server.

Protocol: the workbook's bytes on stdin; on stdout one JSON object
``{"sheets": [[name, rows], ...]}`` or ``{"error": "..."}``.
"""

from __future__ import annotations

import io
import json
import sys

MEMORY_LIMIT = 1536 * 1024 * 1024
MAX_CELLS = 5_000_000


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)


def main() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    from python_calamine import CalamineWorkbook

    data = sys.stdin.buffer.read()
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.height * sheet.width > MAX_CELLS:
                print(json.dumps({"too_large": f"{MAX_CELLS:,} cells"}))
                return
            rows = sheet.to_python(skip_empty_area=False)
            sheets.append([name, [[_cell_text(v) for v in row] for row in rows]])
    except MemoryError:
        print(json.dumps({"too_large": "memory"}))
        return
    except Exception as exc:  # noqa: BLE001 - calamine raises many kinds; all mean "cannot read"
        print(json.dumps({"error": str(exc)[:200]}))
        return
    print(json.dumps({"sheets": sheets}))


if __name__ == "__main__":
    main()
