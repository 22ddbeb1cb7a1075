"""What every command shares: reading a strategy file with every problem said where it
is, and printing a table that lines up in a terminal."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from impact.deck import Deck, DeckError, load_deck
from impact.i18n import t
from impact.model import Strategy
from impact.strategy_file import Problem, StrategyFileError, check_references, parse_strategy
from impact.wording import problem_text


class Refused(Exception):
    """A command cannot go on; the reason has been printed."""


def deck_or_refuse() -> Deck:
    try:
        return load_deck()
    except DeckError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        raise Refused from None


def read_strategy(path: str, deck: Deck, lang: str) -> tuple[Strategy | None, list[Problem]]:
    """The strategy and its problems (references to unknown cards included); OSError
    for a file that cannot be read."""
    data = Path(path).read_bytes()
    try:
        strategy = parse_strategy(data)
    except StrategyFileError as exc:
        return None, exc.problems
    return strategy, check_references(strategy, deck.cards)


def problem_lines(path: str, problems: Sequence[Problem], lang: str) -> list[str]:
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


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, rule: bool = False) -> None:
    """Columns padded to their widest cell; ``rule`` draws a line under the header."""
    widths = [max(len(str(x)) for x in [h, *(row[i] for row in rows)]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    if rule:
        print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)).rstrip())
