"""Command line: ``python -m impact validate FILE [FILE ...]``.

Prints every problem of a strategy file (with the path of the key) and exits 1 if
there was any, so it can guard a consultant's automation.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from impact.deck import DeckError, load_deck
from impact.health import check_health
from impact.i18n import normalise_language, problem_text, t
from impact.strategy_file import StrategyFileError, check_references, parse_strategy


def _validate(paths: list[str], lang: str, with_health: bool) -> int:
    try:
        deck = load_deck()
    except DeckError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    failed = False
    for name in paths:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{name}: {t('cli.cannot_read', lang, detail=exc.strerror or exc)}")
            failed = True
            continue
        try:
            strategy = parse_strategy(data)
            problems = check_references(strategy, deck.cards)
        except StrategyFileError as exc:
            strategy, problems = None, exc.problems
        for problem in problems:
            print(f"{name}: {problem_text(problem.path, problem.code, problem.detail, lang)}")
        if problems:
            failed = True
            continue
        print(f"{name}: {t('cli.valid', lang, goals=len(strategy.goals), kpis=len(strategy.kpis))}")
        if with_health:
            for item in check_health(strategy, deck.with_custom(strategy.custom_cards)):
                mark = "ok  " if item.ok else ("FAIL" if item.severity == "error" else "warn")
                print(f"  {mark} {t(f'health.{item.rule}.title', lang)}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m impact", description="Impact Workshop command line")
    parser.add_argument("--lang", default=None, help="de or en (default: from LANG)")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check strategy files; exit 1 on any problem")
    validate.add_argument("files", nargs="+")
    validate.add_argument("--health", action="store_true", help="also print the strategy health checklist")
    args = parser.parse_args(argv)
    system = os.environ.get("LANG", "")
    lang = normalise_language(args.lang) if args.lang else ("de" if system.startswith("de") else "en")
    if args.command == "validate":
        return _validate(args.files, lang, args.health)
    return 2  # pragma: no cover - argparse refuses unknown commands


if __name__ == "__main__":
    sys.exit(main())
