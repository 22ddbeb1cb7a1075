"""The ``impact`` command: validate, check, report, and save / export / list in the
database.

Every command prints what is wrong with its input (with the path of the key) and
exits 1, so it can guard a consultant's automation. The work is the application
layer's (:mod:`workshop`); a command reads its arguments and prints.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impact.i18n import normalise_language, t, tn
from impact.locale import languages
from impact_cli.output import (
    Refused,
    deck_or_refuse,
    load_strategy,
    print_table,
    problem_lines,
    read_strategy,
    terminal_width,
)
from impact_cli.output import wrap as _wrap_lines

if TYPE_CHECKING:
    from impact.deck import Deck
    from impact.model import Strategy
    from impact.pipeline import Recall
    from impact.results import CheckView
    from impact.review import Point, Review
    from workshop import Workshop

WORKSPACE_HELP = "the workspace of a hosted installation (default: $IMPACT_WORKSPACE, else none)"


def _validate(args: argparse.Namespace, lang: str) -> int:
    from impact.health import check_health

    deck = deck_or_refuse()
    failed = False
    for name in args.files:
        try:
            strategy, problems = read_strategy(name, deck, lang)
        except OSError as exc:
            print(f"{name}: {t('cli.cannot_read', lang, detail=exc.strerror or exc)}")
            failed = True
            continue
        if problems or strategy is None:
            print("\n".join(problem_lines(name, problems, lang)))
            failed = True
            continue
        goals, kpis = tn("counted.goals", lang, len(strategy.goals)), tn("counted.kpis", lang, len(strategy.kpis))
        print(f"{name}: {t('cli.valid', lang, goals=goals, kpis=kpis)}")
        if args.health:
            for item in check_health(strategy, deck.with_custom(strategy.custom_cards)):
                mark = t("cli.ok" if item.ok else ("cli.fail" if item.severity == "error" else "cli.warn"), lang)
                print(f"  {mark} {t(f'health.{item.rule}.title', lang)}")
    return 1 if failed else 0


def _mapping(path: str | None, lang: str) -> Recall | None:
    """The recall function for a mapping file; Refused after saying what is wrong and where."""
    from impact.importers import ChoicesError
    from impact.importers.choices import read_mapping_file

    if path is None:
        return None
    try:
        remembered = read_mapping_file(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"{path}: {t('cli.cannot_read', lang, detail=exc.strerror or exc)}", file=sys.stderr)
        raise Refused from None
    except UnicodeDecodeError:
        print(f"{path}: {t('problem.not_utf8', lang)}", file=sys.stderr)
        raise Refused from None
    except ChoicesError as exc:
        print(f"{path}: {exc.path}: {t(f'cli.mapping.{exc.code}', lang, detail=exc.detail)}", file=sys.stderr)
        raise Refused from None
    return remembered.get


def _file_names(paths: list[str]) -> list[str]:
    """Each file by its name, as the page names an upload; by the path given where two
    files share a name (October's and November's export.csv), numbered where a path is
    given twice (it is checked once, and said)."""
    names = [Path(p).name for p in paths]
    out: list[str] = []
    for name, path in zip(names, paths, strict=True):
        given = chosen = name if names.count(name) == 1 else path
        number = 1
        while chosen in out:
            number += 1
            chosen = f"{given} ({number})"
        out.append(chosen)
    return out


def _check(args: argparse.Namespace, lang: str) -> int:
    """Exit 0 when the check ran (whatever the statuses), 1 with a message for bad input.
    With --save the strategy is one stored in the database (by its id), and the check is
    kept with it exactly as the page keeps one (its mapping remembered there is used)."""
    if not args.save:
        try:
            strategy, deck = load_strategy(args.strategy, lang)
        except Refused:
            _strategy_first(args.strategy, args.files, lang)
            raise
        return _check_run(args, lang, strategy, deck, None)
    deck = deck_or_refuse()
    with _workshop(args, lang) as ws:
        opened = ws.strategies.open(args.strategy)
        return _check_run(args, lang, opened.strategy, deck, ws, opened.version)


STRATEGY_SUFFIXES = (".yaml", ".yml")
TEMPLATE_REASONS = {"input_not_in_files", "channel_no_column"}  # their words point to the data template


def _strategy_first(given: str, files: list[str], lang: str) -> None:
    """A strategy that did not read while a strategy file stands among the exports: the
    two were most likely given the other way round; say the order, with their names."""
    strategies = [f for f in files if Path(f).suffix.lower() in STRATEGY_SUFFIXES]
    if strategies and Path(given).suffix.lower() not in STRATEGY_SUFFIXES:
        exports = " ".join(f for f in [given, *files] if f != strategies[0])
        print(t("cli.strategy_first", lang, strategy=strategies[0], exports=exports), file=sys.stderr)


def _check_run(
    args: argparse.Namespace,
    lang: str,
    strategy: Strategy,
    deck: Deck,
    ws: Workshop | None,
    version: int = 0,
) -> int:
    import json

    from impact.importers.preview import missing_choice
    from impact.pipeline import card_titles
    from impact.results import check_view
    from workshop.checks import evaluate
    from workshop.uploads import Uploads

    recall = _mapping(args.mapping, lang)
    if recall is None and ws is not None and strategy.id:
        recall = ws.mappings.recall(strategy.id)
    uploads = Uploads()
    for name, path in zip(_file_names(args.files), args.files, strict=True):
        try:
            uploads.keep(name, Path(path).read_bytes())
        except OSError as exc:
            print(f"{path}: {t('cli.cannot_read', lang, detail=exc.strerror or exc)}", file=sys.stderr)
            return 1
    reads = uploads.read_all(recall)
    unreadable = [read for read in reads if read.error is not None and not read.holds_nothing]
    for read in unreadable:
        assert read.error is not None
        missing = missing_choice(read.error)
        hint = (
            " " + t("cli.missing_choice", lang, hint=t(f"check.fix.missing.{missing}", lang), signature=read.signature)
            if missing
            else ""
        )
        print(f"{read.name}: {read.error_text(lang)}{hint}", file=sys.stderr)
    if unreadable:
        return 1
    cards = deck.with_custom(strategy.custom_cards)
    if ws is not None:
        kept = ws.checks.run(strategy, version, deck.cards, reads)
        run = kept.run
        said = "cli.check_repeated" if kept.repeated_at is not None else "cli.check_saved"
        print(t(said, lang, id=kept.check_id), file=sys.stderr)
    else:
        run = evaluate(strategy, cards, reads)
    warnings = [notice.text(lang, card_titles(cards, lang)) for notice in run.notices]
    if args.json:
        from impact.wording import reason_text

        keys = ("kpi", "stage", "channel", "segment", "period", "actual", "target", "status", "inputs", "reason")
        results = [
            {**{key: row[key] for key in (*keys, "currency")}, "why": reason_text(row["reason"], lang) or None}
            for row in (r.as_json() for r in run.report.results)
        ]
        print(json.dumps({"results": results, "warnings": warnings}, ensure_ascii=False))
        return 0
    width = _width(args)
    _print_results(check_view([r.as_json() for r in run.report.results], strategy, cards), lang, width)
    for warning in warnings:
        for number, part in enumerate([warning] if width is None else _wrap_lines(warning, width - 2)):
            print(f"{'!' if number == 0 else ' '} {part}")
    wanting = {(r.reason or "").split("|", 1)[0] for r in run.report.results} & TEMPLATE_REASONS
    if wanting:  # the notes name "the data template": say where a terminal gets it
        hint = t("cli.template_hint_saved", lang) if args.save else t("cli.template_hint", lang, strategy=args.strategy)
        print("\n".join([hint] if width is None else _wrap_lines(hint, width)))
    return 0


def _width(args: argparse.Namespace) -> int | None:
    """The terminal's width to fit a table to; None with --wide (every column at full width)."""
    return None if getattr(args, "wide", False) else terminal_width()


def _print_results(view: CheckView, lang: str, width: int | None) -> None:
    """The check as a table: every result KPI by KPI, the whole first, then its segments."""
    from impact.channels import channels_label, channels_of
    from impact.results import words

    headers = [
        t(f"check.col_{column}", lang)
        for column in ("kpi", "channel", "segment", "period", "actual", "target", "status", "note")
    ]
    rows = []
    for kpi, row in view.rows():
        said = words(kpi, row, lang)
        title = kpi.card.title.get(lang) if kpi.card else kpi.kpi.card
        channel = channels_label(channels_of(row.channel))
        rows.append([title, channel, row.segment or "", said.period, said.actual, said.target, said.status, said.note])
    print_table(headers, rows, rule=True, width=width, wrap_columns=(0, 1, 2), below=7)


def _review(args: argparse.Namespace, lang: str) -> int:
    """Exit 0, or 3 when a KPI is behind (a monthly cron job can alert on it)."""
    import json

    from impact.review_words import missing_line, summary

    deck = deck_or_refuse()
    with _workshop(args, lang) as ws:
        opened = ws.strategies.open(args.id)
        review = ws.checks.review(opened.strategy, deck.cards)
        if args.pdf:
            document = ws.reports.review_pdf(opened.strategy, deck)
    if args.pdf:
        try:
            Path(args.pdf).write_bytes(document)
        except OSError as exc:
            print(f"{args.pdf}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(_review_json(review, lang), ensure_ascii=False))
    else:
        print(summary(review, lang))
        missing = missing_line(review, lang)
        if missing:
            print(missing)
        _print_review(review, lang, _width(args))
        if args.pdf:
            print(args.pdf)
    return 3 if review.count("behind") else 0


def _review_json(review: Review, lang: str) -> dict[str, Any]:
    """One object: each KPI's status, reasons in words, history and pace (numbers as numbers)."""
    from impact.review_words import reason, summary

    def point(p: Point) -> dict[str, Any]:
        partial = p.partial_until.isoformat() if p.partial_until else None
        return {
            "period": p.period,
            "actual": p.actual,
            "target": p.target,
            "check": p.check_id,
            "files": list(p.files),
            "partial_until": partial,
            "upper_bound": p.upper_bound,  # at most this many (people added up over days or posts)
        }

    kpis = []
    for kpi in review.kpis:
        projection = kpi.projection
        kpis.append(
            {
                "kpi": kpi.kpi.id,
                "card": kpi.kpi.card,
                "title": kpi.card.title.get(lang) if kpi.card else kpi.kpi.card,
                "status": kpi.status,
                "reasons": [reason(kpi, code, lang) for code in kpi.reasons],
                "target": kpi.kpi.target,
                "baseline": kpi.kpi.baseline,
                "total": kpi.kpi.total,
                "latest": point(kpi.latest) if kpi.latest else None,
                "history": [point(p) for p in kpi.history],
                "trend": {"slope": kpi.trend.slope, "periods": kpi.trend.periods, "projected": kpi.trend.projected}
                if kpi.trend
                else None,
                "projection": {
                    "so_far": projection.so_far,
                    "rate": projection.rate,
                    "remaining": projection.remaining,
                    "projected": projection.projected,
                    "needed": projection.needed,
                    "deadline": projection.deadline.isoformat(),
                }
                if projection
                else None,
            }
        )
    return {
        "period": review.period,
        "summary": summary(review, lang),
        "counts": review.counts(),
        "missing": [{"input": m, "kpis": n} for m, n in review.missing_inputs()],
        "kpis": kpis,
    }


def _print_review(review: Review, lang: str, width: int | None) -> None:
    """One line per KPI (status, latest against target, change), its reasons indented."""
    from impact.review_words import tile

    headers = [t(f"check.col_{c}", lang) for c in ("kpi", "status", "period", "actual", "target")]
    headers.append(t("review.vs_previous", lang))
    rows, notes = [], []
    for kpi in review.kpis:
        said = tile(kpi, lang)
        rows.append(
            [said.title, f"{said.icon} {said.label}", said.period, said.actual, said.target, said.change_previous]
        )
        notes.append(said.reasons)
    print_table(headers, rows, rule=True, width=width, wrap_columns=(0,))
    for row, reasons in zip(rows, notes, strict=True):
        for line in reasons:
            text = f"{row[0]}: {line}"
            for part in [text] if width is None else _wrap_lines(text, width - 2):
                print(f"  {part}")


def _report(args: argparse.Namespace, lang: str) -> int:
    """Exit 0 with the PDF written, 1 with a message for a bad strategy, logo or colour."""
    from impact.report.branding import Branding, BrandingError, checked_logo, normalise_color
    from workshop import WorkshopError, reports

    strategy, deck = load_strategy(args.strategy, lang)
    try:
        logo = checked_logo(Path(args.logo).read_bytes()) if args.logo else None
        branding = Branding(author=args.author, color=normalise_color(args.color), footer=args.footer, logo=logo)
    except OSError as exc:
        print(f"{args.logo}: {t('cli.cannot_read', lang, detail=exc.strerror or exc)}", file=sys.stderr)
        return 1
    except BrandingError as exc:
        print(t(f"report.{exc.code}", lang, detail=exc.detail), file=sys.stderr)
        return 1
    try:
        document = reports.pdf(strategy, deck, branding)
    except WorkshopError as error:
        print(error.text(lang), file=sys.stderr)
        return 1
    try:
        Path(args.output).write_bytes(document)
        if args.xlsx:
            cards = deck.with_custom(strategy.custom_cards)
            Path(args.xlsx).write_bytes(reports.kpi_plan(strategy, cards, color=branding.color))
    except OSError as exc:
        print(f"{args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(args.output)
    return 0


def _hash_password(_args: argparse.Namespace, _lang: str) -> int:
    """Only the hash goes into the secrets; the password itself is never stored."""
    import getpass

    from impact.access import hash_password

    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        print("A workspace password needs at least 8 characters.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


@contextmanager
def _workshop(args: argparse.Namespace, lang: str) -> Iterator[Workshop]:
    """The application on the database (DATABASE_URL, else SQLite under data/), closed after."""
    from workshop import Workshop, connect

    store = connect()
    workspace = args.workspace if args.workspace is not None else os.environ.get("IMPACT_WORKSPACE", "")
    try:
        yield Workshop(store, workspace=workspace, author=getattr(args, "author", None), lang=lang)
    finally:
        store.close()


def _save(args: argparse.Namespace, lang: str) -> int:
    """Exit 0 and the id on the last line of stdout; 1 with a located message otherwise."""
    strategy, _deck = load_strategy(args.file, lang)
    with _workshop(args, lang) as ws:
        done = ws.strategies.import_file(strategy, file_name=Path(args.file).name, expected=args.expect_version)
    name = done.opened.strategy.name
    said = t("cli.saved_new", lang, name=name) if done.created else None
    print(said or t("cli.saved_version", lang, name=name, version=done.opened.version))
    if done.namesakes:  # the file has no id: saving it again made a second strategy, not a new version
        ids = ", ".join(done.namesakes)
        print(t("cli.saved_twice", lang, name=name, ids=ids, id=done.namesakes[0], file=args.file), file=sys.stderr)
    print(done.opened.strategy.id)
    return 0


def _template(args: argparse.Namespace, lang: str) -> int:
    """The data template of a strategy file: exactly the columns its KPIs need, as the
    Data check page offers it (CSV in the strategy's language's way, or Excel)."""
    from impact.template import template_csv, template_xlsx

    strategy, deck = load_strategy(args.strategy, lang)
    cards = deck.with_custom(strategy.custom_cards)
    excel = Path(args.output).suffix.lower() in (".xlsx", ".xlsm")
    try:
        Path(args.output).write_bytes(template_xlsx(strategy, cards) if excel else template_csv(strategy, cards))
    except OSError as exc:
        print(f"{args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(t("cli.template_written", lang, file=args.output))
    return 0


def _export(args: argparse.Namespace, lang: str) -> int:
    from impact.strategy_file import strategy_to_yaml

    with _workshop(args, lang) as ws:
        opened = ws.strategies.open(args.id, args.version)
    text = strategy_to_yaml(opened.strategy)
    try:
        if args.output == "-":
            sys.stdout.write(text)
            return 0
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(t("cli.exported", lang, name=opened.strategy.name, version=opened.version, file=args.output))
    return 0


def _list(args: argparse.Namespace, lang: str) -> int:
    from impact.formatting import format_moment

    with _workshop(args, lang) as ws:
        rows = ws.strategies.list()
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
    print_table(headers, table, width=terminal_width(), wrap_columns=(1,))
    return 0


def _assign(args: argparse.Namespace, lang: str) -> int:
    """Strategies saved before workspaces were switched on (or those of --from) into one."""
    import tomllib

    from impact.access import AccessConfigError, parse_config
    from workshop import connect
    from workshop.access import Access

    try:
        with open(args.secrets, "rb") as handle:
            config = parse_config(tomllib.load(handle).get("access"))
    except (OSError, tomllib.TOMLDecodeError, AccessConfigError) as exc:
        print(t("cli.assign_no_settings", lang, file=args.secrets, detail=str(exc)), file=sys.stderr)
        return 1
    store = connect()
    try:
        access = Access(store, config)
        waiting = store.list_strategies(workspace=args.source)
        if not args.ids and not args.all:
            if not waiting:
                print(t("cli.assign_none", lang))
                return 0
            print(t("cli.assign_choose", lang, count=len(waiting)))
            print_table(
                [t("cli.col_id", lang), t("cli.col_name", lang)],
                [[r.id, r.name + (f" ({r.organisation})" if r.organisation else "")] for r in waiting],
            )
            return 1
        moved = access.assign(args.to, None if args.all else args.ids, source=args.source)
    finally:
        store.close()
    missing = sorted(set(args.ids or ()) - set(moved))
    print(t("cli.assigned", lang, count=len(moved), workspace=args.to))
    for strategy_id in missing:
        print(t("cli.assign_missing", lang, id=strategy_id), file=sys.stderr)
    return 1 if missing else 0


COMMANDS = {
    "validate": _validate,
    "check": _check,
    "review": _review,
    "report": _report,
    "hash-password": _hash_password,
    "save": _save,
    "export": _export,
    "template": _template,
    "list": _list,
    "assign": _assign,
}


def parser() -> argparse.ArgumentParser:
    """Every command and option (docs/cli.md is generated from this)."""
    root = argparse.ArgumentParser(prog="impact", description="Impact Workshop command line")
    root.add_argument("--lang", default=None, help="de or en (default: from LANG)")
    # --lang is understood after the command too (impact validate x.yaml --lang de); given
    # there, it wins over one given before the command
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", default=argparse.SUPPRESS, help="de or en (default: from LANG)")
    sub = root.add_subparsers(dest="command", required=True, metavar="command")

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], **kwargs)

    validate = command("validate", help="check strategy files; exit 1 on any problem")
    validate.add_argument("files", nargs="+", help="strategy files (YAML)")
    validate.add_argument("--health", action="store_true", help="also print the strategy health checklist")
    check = command("check", help="check a strategy's KPIs against exported data")
    check.add_argument("strategy", help="the strategy file (YAML), or with --save a stored strategy's id")
    check.add_argument("files", nargs="+", help="exports: CSV, XLSX, XLS, ODS, SpreadsheetML or a zip of them")
    check.add_argument("--json", action="store_true", help="exactly one JSON object on stdout")
    check.add_argument("--wide", action="store_true", help="every column at full width, whatever the terminal's width")
    check.add_argument(
        "--mapping", default=None, help="choices for files the readers cannot read alone (made on the Data check page)"
    )
    check.add_argument("--save", action="store_true", help="keep the check with the stored strategy, as the page does")
    check.add_argument("--workspace", default=None, help=WORKSPACE_HELP)
    review = command("review", help="every KPI across the saved checks: on track? exit 3 when one is behind")
    review.add_argument("id", help="the stored strategy's id (see impact list)")
    review.add_argument("--json", action="store_true", help="exactly one JSON object on stdout")
    review.add_argument("--wide", action="store_true", help="every column at full width, whatever the terminal's width")
    review.add_argument("--pdf", default=None, help="also write the review as a short PDF")
    review.add_argument("--workspace", default=None, help=WORKSPACE_HELP)
    report = command("report", help="the strategy as a PDF to hand over (and --xlsx for the KPI plan)")
    report.add_argument("strategy", help="the strategy file (YAML)")
    report.add_argument("-o", "--output", required=True, help="the PDF to write")
    report.add_argument("--logo", help="a PNG, JPEG or SVG file for the cover")
    report.add_argument("--color", help="brand colour as hex, e.g. #1d4fb8")
    report.add_argument("--author", default="", help="consultant or facilitator named on the cover")
    report.add_argument("--footer", default="", help="footer text on every page")
    report.add_argument("--xlsx", help="also write the KPI plan as an Excel file")
    save = command("save", help="store a strategy file in the database; prints its id on the last line")
    save.add_argument("file", help="the strategy file (YAML)")
    save.add_argument("--author", default=None, help="named in the version history")
    save.add_argument(
        "--expect-version", type=int, default=None, help="refuse if the stored strategy has moved past this version"
    )
    save.add_argument("--workspace", default=None, help=WORKSPACE_HELP)
    template = command("template", help="the data template: exactly the columns a strategy's KPIs need")
    template.add_argument("strategy", help="the strategy file (YAML)")
    template.add_argument("-o", "--output", required=True, help="the file to write: .xlsx for Excel, else CSV")
    export = command("export", help="write a stored strategy as a YAML file")
    export.add_argument("id", help="the strategy's id (see impact list)")
    export.add_argument("-o", "--output", required=True, help="the YAML file to write ('-' for stdout)")
    export.add_argument("--version", type=int, default=None, help="an earlier version (default: the latest)")
    export.add_argument("--workspace", default=None, help=WORKSPACE_HELP)
    command(
        "hash-password",
        help="read a workspace password (prompt or stdin) and print the hash for [access.workspaces]",
    )
    listing = command("list", help="list the stored strategies")
    listing.add_argument("--workspace", default=None, help=WORKSPACE_HELP)
    assign = command("assign", help="move strategies saved before workspaces were switched on into a workspace")
    assign.add_argument("ids", nargs="*", help="the strategies to move (see impact list); none: list them")
    assign.add_argument("--to", required=True, help="the workspace that gets them (named in the access settings)")
    assign.add_argument("--all", action="store_true", help="move every strategy of --from")
    assign.add_argument(
        "--from",
        dest="source",
        default="",
        help="the workspace they are in now (default: none, saved before workspaces)",
    )
    assign.add_argument(
        "--secrets", default=".streamlit/secrets.toml", help="the secrets file with the [access] section"
    )
    return root


def language(chosen: str | None, system: str) -> str:
    """--lang, else the terminal's language where the app speaks it, else English."""
    if chosen:
        return normalise_language(chosen)
    code = system.split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in languages() else "en"


def main(argv: list[str] | None = None) -> int:
    from workshop.errors import WorkshopError

    args = parser().parse_args(argv)
    lang = language(args.lang, os.environ.get("LANG", ""))
    try:
        return COMMANDS[args.command](args, lang)
    except Refused:
        return 1
    except WorkshopError as error:  # said in words; the technical detail in brackets, for whoever runs it
        where = f"{args.file}: " if args.command == "save" and error.code in ("conflict", "id_taken") else ""
        detail = f" ({error.detail})" if error.detail else ""
        print(f"{where}{error.text(lang)}{detail}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `impact check … | head`: the reader has what it wanted, no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python flushes stdout at exit
        return 1


if __name__ == "__main__":
    sys.exit(main())
