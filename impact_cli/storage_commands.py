"""The command line's storage commands: save a strategy file, export one, list them.
Messages go through the same locale files as the app, and every refusal names the
file or id concerned."""

from __future__ import annotations

import sys
from pathlib import Path

from impact.formatting import format_moment
from impact.i18n import t
from impact.strategy_file import strategy_to_yaml
from impact_cli.output import load_strategy, print_table
from storage import repository
from storage.db import Engine, database_url, make_engine, make_url_safe
from storage.errors import DatabaseUnavailable, StorageError, StrategyNotFound, VersionConflict


def _engine(lang: str) -> Engine | None:
    try:
        return make_engine()
    except DatabaseUnavailable as exc:
        print(t("cli.db_unavailable", lang, detail=str(exc) or make_url_safe(database_url())), file=sys.stderr)
        return None


def save(path: str, lang: str, *, workspace: str, author: str | None, expect_version: int | None) -> int:
    """Exit 0 and the id on the last line of stdout; 1 with a located message otherwise."""
    strategy, _deck = load_strategy(path, lang)
    engine = _engine(lang)
    if engine is None:
        return 1
    summary = t("cli.saved_from", lang, file=Path(path).name)[:300]
    try:
        exists = bool(strategy.id) and repository.strategy_exists(engine, strategy.id or "", workspace=workspace)
        if exists:
            version = repository.save_version(
                engine,
                strategy,
                expected_version=expect_version,
                author=author,
                summary=summary,
                workspace=workspace,
            )
            print(t("cli.saved_version", lang, name=strategy.name, version=version))
        else:
            if strategy.id and repository.strategy_id_taken(engine, strategy.id):  # in another workspace
                print(f"{path}: {t('cli.id_taken', lang, id=strategy.id)}", file=sys.stderr)
                return 1
            strategy = repository.create_strategy(engine, strategy, author=author, summary=summary, workspace=workspace)
            print(t("cli.saved_new", lang, name=strategy.name))
    except VersionConflict as exc:
        print(f"{path}: {t('cli.conflict', lang, expected=exc.expected, actual=exc.actual)}", file=sys.stderr)
        return 1
    except StorageError as exc:
        print(t("cli.db_unavailable", lang, detail=str(exc)), file=sys.stderr)
        return 1
    print(strategy.id)
    return 0


def export(strategy_id: str, output: str, lang: str, *, workspace: str, version: int | None) -> int:
    engine = _engine(lang)
    if engine is None:
        return 1
    try:
        strategy, number = repository.load_strategy(engine, strategy_id, version, workspace=workspace)
    except StrategyNotFound:
        detail = f"{strategy_id} v{version}" if version else strategy_id
        print(t("cli.not_found", lang, id=detail), file=sys.stderr)
        return 1
    except StorageError as exc:
        print(t("cli.db_unavailable", lang, detail=str(exc)), file=sys.stderr)
        return 1
    text = strategy_to_yaml(strategy)
    try:
        if output == "-":
            sys.stdout.write(text)
            return 0
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(t("cli.exported", lang, name=strategy.name, version=number, file=output))
    return 0


def list_all(lang: str, *, workspace: str) -> int:
    engine = _engine(lang)
    if engine is None:
        return 1
    try:
        rows = repository.list_strategies(engine, workspace=workspace)
    except StorageError as exc:
        print(t("cli.db_unavailable", lang, detail=str(exc)), file=sys.stderr)
        return 1
    if not rows:
        print(t("cli.none_saved", lang))
        return 0
    headers = [t("cli.col_id", lang), t("cli.col_name", lang), t("cli.col_versions", lang), t("cli.col_updated", lang)]
    table = [
        [
            r.id,
            r.name + (f" ({r.organisation})" if r.organisation else ""),
            str(r.latest_version),
            format_moment(r.updated_at, lang),
        ]
        for r in rows
    ]
    print_table(headers, table)
    return 0
