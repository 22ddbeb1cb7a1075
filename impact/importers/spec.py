"""What a format is, declared: how to recognise it and what its columns mean.

A format is a ``FormatSpec`` in one file under ``formats/``; the registry finds it.
Most formats need nothing but declarations, read by the shared engine
(``engine.py``) from the shared sniff (``sniff.py``). A format that needs code of its
own implements the ``Importer`` protocol instead (see ``docs/importers.md``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from impact.importers.vocabulary import Role, fold, header_key

if TYPE_CHECKING:
    from datetime import date

    from impact.importers.canonical import ImportResult
    from impact.importers.layout import RawTable
    from impact.importers.sniff import Sniffed

IGNORE = "ignore"


@dataclass(frozen=True)
class Variant:
    """Columns that repeat a metric per segment: 'Impressions (organic)' / '(sponsored)' /
    '(total)' on LinkedIn, 'promoted impressions' on X. ``segment`` None marks the
    total variant, which is never read (its parts are)."""

    pattern: str  # a regex over the folded header with a group 'base'
    segment: str | None

    def match(self, header: str) -> str | None:
        found = re.match(self.pattern, fold(header))
        return found.group("base").strip() if found else None


@dataclass(frozen=True)
class TableRule:
    """How a format treats some of its tables (sheets of a workbook, members of a zip,
    blocks of a CSV), picked by a regex over the table's sheet or member name (or, in
    a plain CSV, its header)."""

    match: str
    roles: Mapping[str, list[str]] = field(default_factory=dict)
    skip: bool = False

    def applies(self, table: RawTable) -> bool:
        """By the sheet or member name; a table without one (a CSV) by its header."""
        text = fold(table.source) if table.source else " | ".join(fold(h) for h in table.header)
        return re.search(self.match, text) is not None


@dataclass(frozen=True)
class FormatSpec:
    """A format, declared. ``roles`` maps a role (a canonical metric, ``date``,
    ``range_start``, ``range_end``, ``channel``, ``segment``, ``currency``,
    ``reference``, or ``ignore``) to this format's own header spellings in every
    language it is exported in; anything it does not name is read through the shared
    vocabulary."""

    name: str
    channel: str | None = None
    roles: Mapping[str, list[str]] = field(default_factory=dict)
    requires: tuple[str, ...] = ()  # roles that must be found through ``roles`` for a match
    any_of: tuple[str, ...] = ()  # at least one of these roles must be found through ``roles``
    notes: tuple[str, ...] = ()  # regexes; one must match a banner/comment line for a match
    containers: tuple[str, ...] = ()  # csv | xlsx | xls | ods | xml | zip; empty = any
    tables: tuple[TableRule, ...] = ()
    variants: tuple[Variant, ...] = ()
    plain_segment: str | None = None  # the segment of columns without a variant (X: organic)
    date_order: str | None = None  # 'mdy' | 'dmy' for a/b/yyyy dates this format always writes one way
    channel_by: Mapping[str, str] = field(default_factory=dict)  # channel → regex over titles and headers (folded)
    engagements_from_parts: bool = False
    dimension_segment: bool = False  # the first column, if nothing else, is the segment (GA4's dimension)
    only_named_columns: bool = False  # read only the columns ``roles`` names (no shared vocabulary)
    date_is_range_start: bool = False  # a date equal to the banner range's start stands for the whole range
    metric_from_title: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # metric → title words
    nothing_to_check: str | None = None  # recognised, but holds nothing a KPI can use: why (a message code)
    rows_are: str | None = None  # each row is one of this metric (a post export: one row per post published)
    matcher: Callable[[Sniffed], bool] | None = None  # an extra test for a match, where declarations do not say it
    strength: float = 0.9  # how sure a match is; more specific formats say more
    label: str = ""  # what the format is: the formats table of docs/importers.md is made from it
    _cache: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)

    def rule_for(self, table: RawTable) -> TableRule | None:
        return next((rule for rule in self.tables if rule.applies(table)), None)

    def lookup(self, rule: TableRule | None = None) -> dict[str, Role | None]:
        """header key → role for this format (a table rule's roles first)."""
        return _lookup(self, rule)

    def patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """Spellings given as 're:<regex>' (a header with a varying part)."""
        found: list[tuple[re.Pattern[str], str]] | None = self._cache.get("patterns")
        if found is None:
            found = [
                (re.compile(spelling[3:], re.IGNORECASE), role)
                for role, spellings in self.roles.items()
                for spelling in spellings
                if spelling.startswith("re:")
            ]
            self._cache["patterns"] = found
        return found

    def title_metric(self, text: str) -> str | None:
        folded = fold(text)
        for metric, words in self.metric_from_title.items():
            if any(re.search(r"(?:^|\W)" + re.escape(fold(w)) + r"(?:$|\W)", folded) for w in words):
                return metric
        return None


def _lookup(spec: FormatSpec, rule: TableRule | None) -> dict[str, Role | None]:
    key = ("lookup", rule.match if rule else None)
    cached: dict[str, Role | None] | None = spec._cache.get(key)
    if cached is None:
        table: dict[str, Role | None] = {}
        for roles in (spec.roles, rule.roles if rule else {}):
            for role, spellings in roles.items():
                for spelling in spellings:
                    if not spelling.startswith("re:"):
                        table[header_key(spelling)] = None if role == IGNORE else Role(role)
        spec._cache[key] = cached = table
    return cached


@dataclass
class Context:
    """What a read knows besides the table: the file, the user's choices, the day."""

    filename: str
    today: date
    mapping: Mapping[str, str | None] = field(default_factory=dict)
    delimiter: str | None = None
    file_notes: list[str] = field(default_factory=list)
    period: tuple[date, date] | None = None  # the person said: the whole file covers this range
    channel: str | None = None  # the person said: one channel for the whole file
    table: int | None = None  # the person said: this table of the file (0-based)
    header_row: int | None = None  # the person said: this row of its sheet or block names the columns
    date_order: str | None = None  # the person said: dates like 03/04/2026 are day first (dmy) or month first (mdy)
    name_range: bool = True  # the file name's range may date a table (after the file's other tables had their say)
    companion: tuple[date, date] | None = None  # a range another part of the same download states (its filters)


class Importer(Protocol):
    """What the registry asks of a format: how sure it is that a file is its own, and
    the file read into the canonical table."""

    name: str

    def score(self, sniffed: Sniffed) -> float: ...

    def read(self, sniffed: Sniffed, context: Context) -> ImportResult: ...
