"""Reads a workbook in a separate process with a memory and time ceiling.

Spreadsheet parsers build each sheet as a dense grid: a crafted or damaged file with
one cell far down and right asks for gigabytes. In a child process with its own
limit, such a file costs a refused upload, never the server.

Kinds: ``xlsx``, ``xls`` and ``ods`` (python-calamine), and ``xml``: the SpreadsheetML
2003 files Facebook's legacy Insights exports call ``.xls``.

Protocol: the kind as the first argument, the bytes on stdin; on stdout one JSON
object ``{"sheets": [[name, rows], ...]}`` or ``{"error": "..."}``. Cells keep their
type: numbers stay JSON numbers, text stays text, dates become ISO text.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator

MEMORY_LIMIT = 1536 * 1024 * 1024
MAX_CELLS = 5_000_000
_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _cell(value: object) -> object:
    if value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):  # dates and times from the workbook
        return str(isoformat())
    return str(value)


def _calamine(data: bytes) -> Iterator[tuple[str, list[list[object]]]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        if sheet.height * sheet.width > MAX_CELLS:
            raise OverflowError(f"{MAX_CELLS:,} cells")
        yield name, [[_cell(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]


def _spreadsheetml(data: bytes) -> Iterator[tuple[str, list[list[object]]]]:
    """Excel 2003 XML. A DTD has no business in it: refused before parsing, so no entity
    expansion can happen."""
    import xml.etree.ElementTree as ET

    head = data[:65536].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise ValueError("a document type declaration is not allowed in a spreadsheet")
    root = ET.fromstring(data)  # noqa: S314 - DTDs (and so entities) are refused above
    cells = 0
    for sheet in root.iter(f"{_SS}Worksheet"):
        rows: list[list[object]] = []
        for row in sheet.iter(f"{_SS}Row"):
            index = row.get(f"{_SS}Index")
            while index is not None and len(rows) < int(index) - 1:
                rows.append([])
            values: list[object] = []
            for cell in row.findall(f"{_SS}Cell"):
                position = cell.get(f"{_SS}Index")
                if position is not None:
                    values.extend([None] * (int(position) - 1 - len(values)))
                datum = cell.find(f"{_SS}Data")
                text = "".join(datum.itertext()) if datum is not None else None
                kind = datum.get(f"{_SS}Type") if datum is not None else None
                if kind == "Number" and text not in (None, ""):
                    try:
                        values.append(_cell(float(text)))
                    except ValueError:
                        values.append(text)
                else:
                    values.append(text)
                across = cell.get(f"{_SS}MergeAcross")
                if across:
                    values.extend([None] * int(across))
            cells += len(values)
            if cells > MAX_CELLS:
                raise OverflowError(f"{MAX_CELLS:,} cells")
            rows.append(values)
        yield sheet.get(f"{_SS}Name") or f"Sheet {len(rows)}", rows


def main() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    kind = sys.argv[1] if len(sys.argv) > 1 else "xlsx"
    data = sys.stdin.buffer.read()
    try:
        reader = _spreadsheetml if kind == "xml" else _calamine
        sheets = [[name, rows] for name, rows in reader(data)]
    except OverflowError as exc:
        print(json.dumps({"too_large": str(exc)}))
        return
    except MemoryError:
        print(json.dumps({"too_large": "memory"}))
        return
    except Exception as exc:  # noqa: BLE001 - parsers raise many kinds; all mean "cannot read"
        print(json.dumps({"error": str(exc)[:200]}))
        return
    print(json.dumps({"sheets": sheets}))


if __name__ == "__main__":
    main()
