"""Random and mangled files thrown at every importer: a reason or a result, never a
crash, never a hang. FUZZ_EXAMPLES cases per target (10,000 in bench/bench_fuzz.py)."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from impact.importers import FORMATS, ExportError, read_export
from tests.fuzz_support import FUZZ, case
from tests.hang_guard import no_hang

SAMPLES = Path(__file__).resolve().parent / "samples"
REAL = Path(__file__).resolve().parent / "real_exports"
SEEDS = {p.name: p.read_bytes() for p in sorted(SAMPLES.glob("*")) if p.suffix in (".csv", ".xls")}
SEEDS |= {p.name: p.read_bytes() for p in sorted(REAL.rglob("*")) if p.suffix in (".csv", ".xls")}
SEEDS.setdefault("tiny.csv", b"Datum;Leads\n01.10.2026;3\n")


def _read_quietly(data: bytes, name: str, fmt: str | None = None, target: str = "upload: random") -> None:
    with case(target, lambda: f"{name} {fmt} {data[:120]!r} ({len(data)} bytes)") as outcome:
        try:
            result = read_export(data, name, format=fmt)
        except ExportError as exc:
            outcome["refused"] = True
            assert exc.code
        else:
            assert result.rows_read >= 0
            assert set(result.table.columns) >= {"date", "span_end", "channel", "segment"}


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from([None, *FORMATS]))
def test_random_bytes(data, fmt):
    _read_quietly(data, "random.csv", fmt)


@FUZZ
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_mangled_real_exports(name, draw):
    """Cut, spliced, flipped and re-encoded versions of real files."""
    data = bytearray(SEEDS[name])
    for _ in range(draw.draw(st.integers(min_value=1, max_value=6))):
        if not data:
            break
        action = draw.draw(st.sampled_from(["cut", "flip", "insert", "delete", "dup_line"]))
        position = draw.draw(st.integers(min_value=0, max_value=len(data) - 1))
        if action == "cut":
            del data[position:]
        elif action == "flip":
            data[position] = draw.draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw.draw(st.binary(min_size=1, max_size=40))
        elif action == "delete":
            del data[position : position + draw.draw(st.integers(1, 200))]
        else:
            data += bytes(data[position : position + 80])
    _read_quietly(bytes(data), name, draw.draw(st.sampled_from([None, *FORMATS])), "upload: mangled export")


@FUZZ
@given(
    st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=8), min_size=1, max_size=30),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_random_tables(rows, sep, encoding):
    text = "\n".join(sep.join(cells) for cells in rows)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _read_quietly(data, "table.csv", target="upload: random table")


def test_truncated_xlsx():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Datum", "Leads"])
    book.active.append(["2026-10-01", 3])
    buffer = io.BytesIO()
    book.save(buffer)
    whole = buffer.getvalue()
    for cut in (10, len(whole) // 3, len(whole) // 2, len(whole) - 20):
        with pytest.raises(ExportError):
            read_export(whole[:cut], "cut.xlsx")


def test_xlsx_with_a_huge_declared_member_is_refused_quickly():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (250 * 1024 * 1024))
    with no_hang(), pytest.raises(ExportError) as info:
        read_export(buffer.getvalue(), "bomb.xlsx")
    assert info.value.code == "too_large"


@pytest.mark.parametrize("fmt", [None, *FORMATS])
def test_found_by_the_fuzzer_a_lone_carriage_return(fmt):
    _read_quietly(b"\r\x01", "cr.csv", fmt)


def test_a_workbook_that_asks_for_gigabytes_is_refused_not_the_server():
    """One cell at row 1,000,000, column 16,000: a dense grid of 16 billion cells."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"], book.active["B1"] = "Datum", "Leads"
    book.active.cell(row=1_000_000, column=16_000, value=1)
    buffer = io.BytesIO()
    book.save(buffer)
    with no_hang(), pytest.raises(ExportError) as info:
        read_export(buffer.getvalue(), "far.xlsx")
    assert info.value.code == "too_large"


def _seed_workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Datum", "Leads", "Kosten"])
    for day in range(1, 15):
        book.active.append([f"2026-10-{day:02d}", day, day * 1.5])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX_SEED = _seed_workbook()


@FUZZ
@given(st.data())
def test_truncated_and_mangled_xlsx(draw):
    """Each case opens the workbook in the child process, as the app does."""
    data = bytearray(XLSX_SEED)
    if draw.draw(st.booleans()):
        del data[draw.draw(st.integers(1, len(data) - 1)) :]
    for _ in range(draw.draw(st.integers(0, 4))):
        position = draw.draw(st.integers(0, len(data) - 1))
        data[position] = draw.draw(st.integers(0, 255))
    _read_quietly(bytes(data), "mangled.xlsx", None, "upload: truncated/mangled xlsx")


@functools.cache
def _bomb(megabytes: int, member: str) -> bytes:
    """A member that declares ``megabytes`` uncompressed; its zeros compress to almost nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open(member, "w", force_zip64=True) as stream:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                stream.write(chunk)
    return buffer.getvalue()


@FUZZ
@given(
    st.sampled_from([201, 256, 512]),
    st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "docProps/x"]),
    st.integers(0, 3),
    st.binary(max_size=64),
)
def test_zip_bombs_are_refused_before_they_are_opened(megabytes, member, copies, tail):
    """Built once per size and member (deflating gigabytes is the slow part), then varied."""
    data = _bomb(megabytes, member)
    data = data + tail if copies == 0 else data
    with case("upload: zip bomb", lambda: f"{megabytes} MB in {member} + {tail!r}") as outcome:
        with pytest.raises(ExportError) as info:
            read_export(data, "bomb.xlsx")
        outcome["refused"] = True
    assert info.value.code in ("too_large", "broken_workbook")
    if not tail:
        assert info.value.code == "too_large"


# --- the rescue path: any choices a page or a mapping file could hand the readers -----------------

_ROLES = [None, "date", "channel", "segment", "orders", "revenue", "impressions", "reach", "spend", "followers"]


@FUZZ
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_any_choices_on_any_file_give_a_reason_or_a_result(name, draw):
    """Header rows beyond the end, tables that do not exist, roles on the wrong columns,
    periods of any length: a reason or a result, never a crash, never a hang."""
    from datetime import date, timedelta

    from impact.importers import Choices

    data = SEEDS[name]
    headers = draw.draw(st.lists(st.text(max_size=20), max_size=6))
    try:
        from impact.importers.sniff import sniff

        sniffed = sniff(data, name)
        headers += [h for t in sniffed.tables for h in t.header][:30]
    except ExportError:
        pass
    start = date(2020, 1, 1) + timedelta(days=draw.draw(st.integers(0, 3000)))
    choices = Choices(
        format=draw.draw(st.sampled_from([None, *FORMATS])),
        table=draw.draw(st.one_of(st.none(), st.integers(0, 20))),
        header_row=draw.draw(st.one_of(st.none(), st.integers(0, 60))),
        columns={h: draw.draw(st.sampled_from(_ROLES)) for h in draw.draw(st.lists(st.sampled_from(headers or ["x"])))},
        period=draw.draw(st.sampled_from([None, (start, start + timedelta(days=draw.draw(st.integers(0, 900))))])),
        channel=draw.draw(st.one_of(st.none(), st.text(min_size=1, max_size=30))),
        date_order=draw.draw(st.sampled_from([None, "dmy", "mdy"])),
    )
    with case("upload: rescued by hand", lambda: f"{name} {choices}") as outcome:
        try:
            result = read_export(data, name, choices=choices)
        except ExportError as exc:
            outcome["refused"] = True
            assert exc.code
        else:
            assert set(result.table.columns) >= {"date", "span_end", "channel", "segment"}


@FUZZ
@given(
    st.one_of(
        st.text(max_size=400),
        st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.dates()),
            lambda inner: st.one_of(
                st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
            ),
            max_leaves=30,
        ).map(lambda value: __import__("yaml").safe_dump({"format": "impact-mapping/1", "files": [value]})),
    )
)
def test_any_mapping_file_is_read_or_refused_with_its_path(text):
    from impact.importers import ChoicesError
    from impact.importers.choices import read_mapping_file

    with case("mapping file", lambda: text[:120]) as outcome:
        try:
            read_mapping_file(text)
        except ChoicesError as exc:
            outcome["refused"] = True
            assert exc.path
