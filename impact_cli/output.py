"""What every command shares: reading a strategy file with every problem said where it
is, and printing a table that lines up in a terminal.

The deck, the models and the strategy file are imported where they are used, not with
this module: `impact --help` and a mistyped command answer without loading pydantic."""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from impact.i18n import t

if TYPE_CHECKING:
    from impact.deck import Deck
    from impact.model import Strategy
    from impact.strategy_file import Problem


class Refused(Exception):
    """A command cannot go on; the reason has been printed."""


def deck_or_refuse() -> Deck:
    from impact.deck import DeckError, load_deck

    try:
        return load_deck()
    except DeckError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        raise Refused from None


def read_strategy(path: str, deck: Deck, lang: str) -> tuple[Strategy | None, list[Problem]]:
    """The strategy and its problems (references to unknown cards included); OSError
    for a file that cannot be read."""
    from impact.strategy_file import StrategyFileError, check_references, parse_strategy

    data = Path(path).read_bytes()
    try:
        strategy = parse_strategy(data)
    except StrategyFileError as exc:
        return None, exc.problems
    return strategy, check_references(strategy, deck.cards)


def problem_lines(path: str, problems: Sequence[Problem], lang: str) -> list[str]:
    from impact.wording import problem_text

    return [f"{path}: {problem_text(p.path, p.code, p.detail, lang)}" for p in problems]


def load_strategy(path: str, lang: str) -> tuple[Strategy, Deck]:
    """A valid strategy and the deck, or Refused after saying on stderr what is wrong and where."""
    deck = deck_or_refuse()
    try:
        strategy, problems = read_strategy(path, deck, lang)
    except OSError as exc:
        print(f"{path}: {t('cli.cannot_read', lang, detail=exc.strerror or exc)}", file=sys.stderr)
        raise Refused from None
    if problems or strategy is None:
        print("\n".join(problem_lines(path, problems, lang)), file=sys.stderr)
        raise Refused
    return strategy, deck


def cell_width(text: str) -> int:
    """Columns a text takes in a terminal: wide characters (✅, ⚠️, CJK) take two, marks
    that combine with the character before them (the emoji selector) none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200d\ufe0f\ufe0e":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken between words (a word longer than a
    line is cut)."""
    lines: list[str] = []
    for word in text.split():
        while cell_width(word) > width:
            cut = 1
            while cut < len(word) and cell_width(word[: cut + 1]) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        if not word:
            continue
        if lines and cell_width(lines[-1]) + 1 + cell_width(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def terminal_width() -> int | None:
    """The terminal's width (COLUMNS where set, as shells and tests set it). None when the
    output goes to a file or a pipe and nothing names a width: no terminal to fit, so a
    script that reads the table gets one line per row."""
    if not os.environ.get("COLUMNS") and not sys.stdout.isatty():
        return None
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _fitted(headers: list[str], table: list[list[str]], wrappable: list[int], width: int | None) -> list[int]:
    """Each column's width: its widest cell, the wrappable ones narrowed (widest first)
    until the table fits ``width``: first not below the column's longest word (up to 20
    columns: "Click-through" stays whole), then, only if still too wide, to 12."""
    widths = [max(cell_width(x) for x in [h, *(row[i] for row in table)]) for i, h in enumerate(headers)]
    if width is None:
        return widths

    def longest_word(i: int) -> int:
        words = [w for text in [headers[i], *(row[i] for row in table)] for w in text.split()]
        return max([cell_width(w) for w in words] + [0])

    header_floor = {i: max((cell_width(w) for w in headers[i].split()), default=0) for i in wrappable}
    for floor in (
        {i: max(12, header_floor[i], min(20, longest_word(i))) for i in wrappable},
        {i: max(12, header_floor[i]) for i in wrappable},
    ):
        while sum(widths) + 2 * (len(widths) - 1) > width:
            narrowable = [i for i in wrappable if widths[i] > floor[i]]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    rule: bool = False,
    width: int | None = None,
    wrap_columns: Sequence[int] = (),
    below: int | None = None,
) -> None:
    """Columns padded to their widest cell; ``rule`` draws a line under the header.

    With ``width`` (a terminal's columns) the table fits it: columns empty in every row
    are left out; the columns named in ``wrap_columns`` (text such as a KPI's title) are narrowed,
    widest first, their cells wrapped over several lines; if that is not enough, the
    column ``below`` (a note) leaves the grid and is printed, indented, under its row.
    Numbers and statuses are never wrapped."""
    table = [[str(x) for x in row] for row in rows]
    keep = [i for i in range(len(headers)) if not table or any(row[i].strip() for row in table)]
    under: list[str] = []
    widths = _fitted([headers[i] for i in keep], [[r[i] for i in keep] for r in table], [], None)
    if width is not None and below in keep:
        trial = _fitted(
            [headers[i] for i in keep],
            [[r[i] for i in keep] for r in table],
            [keep.index(i) for i in wrap_columns if i in keep],
            width,
        )
        if sum(trial) + 2 * (len(trial) - 1) > width:  # the note goes under its row
            under = [row[below] for row in table]
            keep.remove(below)
    heads = [headers[i] for i in keep]
    table = [[row[i] for i in keep] for row in table]
    wrappable = [keep.index(i) for i in wrap_columns if i in keep]
    widths = _fitted(heads, table, wrappable, width)

    def cells(values: Sequence[str]) -> list[list[str]]:
        return [wrap(v, widths[i]) if i in wrappable else [v] for i, v in enumerate(values)]

    def emit(columns: list[list[str]]) -> None:
        for depth in range(max(len(c) for c in columns)):
            parts = [_pad(c[depth] if depth < len(c) else "", w) for c, w in zip(columns, widths, strict=True)]
            print("  ".join(parts).rstrip())

    emit(cells(heads))
    if rule:
        print("  ".join("-" * w for w in widths))
    for number, row in enumerate(table):
        emit(cells(row))
        if under and under[number].strip():
            for line in wrap(under[number], max(20, (width or 80) - 4)):
                print(f"    {line}")
