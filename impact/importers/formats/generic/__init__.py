"""Any table from a CRM, an applicant system, a shop or a spreadsheet, in any of the
seven languages: columns are recognised by their names through the shared vocabulary
(``Datum``, ``Kanal``, ``Kampagne``, ``Leads``, ``Umsatz €`` …). A ``;`` separator goes
with decimal commas unless the values say otherwise.

Large plain files (one table, header on the first line) are read by pyarrow's typed
CSV reader, with the file's separator and decimal sign (``;`` goes with ``12,5``).
A metric column that does not come out as numbers (``1.234,56``: pyarrow knows no
thousands mark; ``€ 5``; a placeholder) stays text and is read by the same number
reader the careful path uses, so both paths agree on every cell."""

from __future__ import annotations

import io

import pandas as pd

from impact.importers.canonical import ImportResult
from impact.importers.engine import assemble, read_file, read_table
from impact.importers.sniff import Sniffed
from impact.importers.spec import Context, FormatSpec
from impact.importers.vocabulary import role_of
from impact.metrics import METRICS

SPEC = FormatSpec(
    name="generic",
    label="any other table with a date and recognisable columns (CRM, shop, applicant system, spreadsheet)",
    strength=0.3,
)
FAST_FROM_BYTES = 1_000_000


class GenericImporter:
    name = "generic"
    spec = SPEC

    def score(self, sniffed: Sniffed) -> float:
        for table in sniffed.tables:
            if any((role := role_of(h)) is not None and role.name in METRICS for h in table.header):
                return 0.3
        return 0.05

    def read(self, sniffed: Sniffed, context: Context) -> ImportResult:
        fast = _read_fast(sniffed, context)
        return fast if fast is not None else read_file(sniffed, SPEC, context)


def _read_fast(sniffed: Sniffed, context: Context) -> ImportResult | None:
    """A million plain rows in about a second; an unusual layout takes the careful path."""
    if sniffed.container != "csv" or sniffed.size < FAST_FROM_BYTES or len(sniffed.tables) != 1:
        return None
    if context.header_row is not None or context.table not in (None, 0):
        return None
    table = sniffed.tables[0]
    if table.header_line != 1 or table.notes or sniffed.encoding not in ("utf-8", "utf-8-sig"):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    data = sniffed.data[3:] if sniffed.data.startswith(b"\xef\xbb\xbf") else sniffed.data
    decimal = "," if sniffed.delimiter == ";" else "."
    # only metric columns are typed by pyarrow; dates stay text for the shared date reader
    # (pyarrow would turn '2026-10-01T23:30:00-05:00' into the next day in UTC)
    metrics = [h for h in table.header if _role(h, context) in METRICS]
    # text as categories: a column of a million cells holds a few hundred distinct texts,
    # each then judged once (a placeholder? a total? which day?) and kept once in memory
    TEXT = pa.dictionary(pa.int32(), pa.string())
    as_text = {h: TEXT for h in table.header if h not in metrics}
    frame = None
    for _attempt in range(3):
        try:
            typed = pacsv.read_csv(
                io.BytesIO(data),
                parse_options=pacsv.ParseOptions(delimiter=sniffed.delimiter or ","),
                convert_options=pacsv.ConvertOptions(
                    decimal_point=decimal, strings_can_be_null=True, column_types=as_text
                ),
            )
        except pa.ArrowInvalid:
            # a type guessed from the first block failed further down ('1.234' after '457'):
            # the metric columns as text, for the careful number reader
            if all(h in as_text for h in metrics):
                return None
            as_text.update({h: TEXT for h in metrics})
            continue
        except (pa.ArrowNotImplementedError, ValueError):
            return None
        texts = [i for i, kind in enumerate(typed.schema.types) if pa.types.is_string(kind)]
        for i in texts:  # a metric column pyarrow left as text ('1.234,56'): categories too
            typed = typed.set_column(i, typed.field(i).name, pc.dictionary_encode(typed.column(i)))
        # Arrow's buffers are released column by column as pandas takes them: the file is
        # held once, not twice, at the peak
        frame = typed.to_pandas(types_mapper=None, self_destruct=True, split_blocks=True)
        del typed
        # a count cannot be 1.234 of something: where pyarrow made fractions of a count,
        # the mark may group thousands; the careful reader decides that from the column
        doubtful = [h for h in metrics if h not in as_text and _fractional_count(frame[h], h, context)]
        if not doubtful:
            break
        as_text.update({h: TEXT for h in doubtful})
        frame = None
    if frame is None:
        return None
    if list(frame.columns) != table.header[: len(frame.columns)] or len(frame.columns) != table.width:
        return None
    body = frame.set_axis(range(len(frame.columns)), axis=1)
    body.index = pd.RangeIndex(2, len(body) + 2)
    return assemble(sniffed, SPEC, [read_table(table, SPEC, context, body=body)], [])


def _fractional_count(values: pd.Series, header: str, context: Context) -> bool:
    role = _role(header, context)
    if role is None or METRICS[role].unit not in ("count", "people") or values.dtype.kind != "f":
        return False
    return bool((values.dropna() % 1 != 0).any())


def _role(header: str, context: Context) -> str | None:
    if header in context.mapping:
        return context.mapping[header]
    return getattr(role_of(header), "name", None)


IMPORTER = GenericImporter()
