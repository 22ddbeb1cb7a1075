"""The ``impact`` command: validate, check, report, and save / export / list in the
database.

Every command prints what is wrong with its input (with the path of the key) and
exits 1, so it can guard a consultant's automation.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from impact.channels import channels_label, channels_of
from impact.formatting import format_amount, format_period
from impact.health import check_health
from impact.i18n import normalise_language, reason_text, t
from impact_cli.output import Refused, deck_or_refuse, load_strategy, print_table, problem_lines, read_strategy

if TYPE_CHECKING:
    from impact.check import CheckReport
    from impact.importers import Choices
    from impact.model import Card


def _validate(paths: list[str], lang: str, with_health: bool) -> int:
    deck = deck_or_refuse()
    failed = False
    for name in paths:
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
        print(f"{name}: {t('cli.valid', lang, goals=len(strategy.goals), kpis=len(strategy.kpis))}")
        if with_health:
            for item in check_health(strategy, deck.with_custom(strategy.custom_cards)):
                mark = t("cli.ok" if item.ok else ("cli.fail" if item.severity == "error" else "cli.warn"), lang)
                print(f"  {mark} {t(f'health.{item.rule}.title', lang)}")
    return 1 if failed else 0


def _mapping(path: str | None, lang: str) -> Callable[[str], Choices | None] | None:
    """The recall function for a mapping file, or None after saying what is wrong and where."""
    from impact.importers import ChoicesError
    from impact.importers.choices import read_mapping_file

    if path is None:
        return lambda _signature: None
    try:
        remembered = read_mapping_file(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"{path}: {t('cli.cannot_read', lang, detail=exc.strerror or exc)}", file=sys.stderr)
        return None
    except UnicodeDecodeError:
        print(f"{path}: {t('problem.not_utf8', lang)}", file=sys.stderr)
        return None
    except ChoicesError as exc:
        print(f"{path}: {exc.path}: {t(f'cli.mapping.{exc.code}', lang, detail=exc.detail)}", file=sys.stderr)
        return None
    return remembered.get


def _check(strategy_path: str, files: list[str], lang: str, *, as_json: bool, mapping: str | None = None) -> int:
    """Exit 0 when the check ran (whatever the statuses), 1 with a message for bad input."""
    import json

    from impact import pipeline
    from impact.importers.preview import missing_choice

    strategy, deck = load_strategy(strategy_path, lang)
    recall = _mapping(mapping, lang)
    if recall is None:
        return 1
    uploads = []
    for name in files:
        try:
            uploads.append((Path(name).name, Path(name).read_bytes()))
        except OSError as exc:
            print(f"{name}: {t('cli.cannot_read', lang, detail=exc.strerror or exc)}", file=sys.stderr)
            return 1
    reads = pipeline.read_files(uploads, recall=recall)
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
    run = pipeline.check(strategy, cards, reads)
    titles = pipeline.card_titles(cards, lang)
    warnings = [notice.text(lang, titles) for notice in run.notices]
    if as_json:
        keys = (
            "kpi",
            "stage",
            "channel",
            "segment",
            "period",
            "actual",
            "target",
            "status",
            "inputs",
            "reason",
            "currency",
        )
        results = [
            {**{key: row[key] for key in keys}, "why": reason_text(row["reason"], lang) or None}
            for row in (r.as_json() for r in run.report.results)
        ]
        print(json.dumps({"results": results, "warnings": warnings}, ensure_ascii=False))
        return 0
    _print_table(run.report, cards, lang)
    for warning in warnings:
        print(f"! {warning}")
    return 0


def _print_table(report: CheckReport, cards: Mapping[str, Card], lang: str) -> None:
    headers = [
        t("check.col_kpi", lang),
        t("check.col_channel", lang),
        t("check.col_segment", lang),
        t("check.col_period", lang),
        t("check.col_actual", lang),
        t("check.col_target", lang),
        t("check.col_status", lang),
        t("check.col_note", lang),
    ]
    rows = []
    for r in report.results:
        card = cards.get(r.kpi)
        unit = card.unit if card else ""
        rows.append(
            [
                card.title.get(lang) if card else r.kpi,
                channels_label(channels_of(r.channel)),
                r.segment or "",
                format_period(r.period, lang),
                format_amount(r.actual, lang, r.currency or unit) + ("*" if r.upper_bound else ""),
                format_amount(r.target, lang, unit, decimals=6),
                t(f"check.status.{r.status}", lang),
                reason_text(r.reason, lang),
            ]
        )
    print_table(headers, rows, rule=True)


def _report(args: argparse.Namespace, lang: str) -> int:
    """Exit 0 with the PDF written, 1 with a message for a bad strategy, logo or colour."""
    from impact.report.branding import Branding, BrandingError, checked_logo, normalise_color
    from impact.report.pdf import ReportInput, ReportUnavailable, build_pdf
    from impact.report.xlsx import kpi_plan_xlsx

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
    cards = deck.with_custom(strategy.custom_cards)
    try:
        pdf = build_pdf(
            ReportInput(
                strategy=strategy,
                cards=deck.cards,
                profile=deck.profiles.get(strategy.industry_profile or ""),
                branding=branding,
            )
        )
    except ReportUnavailable as exc:
        print(t("report.unavailable", lang, detail=str(exc)), file=sys.stderr)
        return 1
    try:
        Path(args.output).write_bytes(pdf)
        if args.xlsx:
            Path(args.xlsx).write_bytes(kpi_plan_xlsx(strategy, cards))
    except OSError as exc:
        print(f"{args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(args.output)
    return 0


def _hash_password() -> int:
    """Only the hash goes into the secrets; the password itself is never stored."""
    import getpass

    from impact.access import hash_password

    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        print("A workspace password needs at least 8 characters.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="impact", description="Impact Workshop command line")
    parser.add_argument("--lang", default=None, help="de or en (default: from LANG)")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check strategy files; exit 1 on any problem")
    validate.add_argument("files", nargs="+")
    validate.add_argument("--health", action="store_true", help="also print the strategy health checklist")
    check = sub.add_parser("check", help="check a strategy's KPIs against exported data")
    check.add_argument("strategy")
    check.add_argument("files", nargs="+")
    check.add_argument("--json", action="store_true", help="exactly one JSON object on stdout")
    check.add_argument(
        "--mapping", default=None, help="choices for files the readers cannot read alone (made on the Data check page)"
    )
    report = sub.add_parser("report", help="the strategy as a PDF to hand over (and --xlsx for the KPI plan)")
    report.add_argument("strategy")
    report.add_argument("-o", "--output", required=True, help="the PDF to write")
    report.add_argument("--logo", help="a PNG, JPEG or SVG file for the cover")
    report.add_argument("--color", help="brand colour as hex, e.g. #1d4fb8")
    report.add_argument("--author", default="", help="consultant or facilitator named on the cover")
    report.add_argument("--footer", default="", help="footer text on every page")
    report.add_argument("--xlsx", help="also write the KPI plan as an Excel file")
    workspace_help = "the workspace of a hosted installation (default: $IMPACT_WORKSPACE, else none)"
    save = sub.add_parser("save", help="store a strategy file in the database; prints its id on the last line")
    save.add_argument("file")
    save.add_argument("--author", default=None, help="named in the version history")
    save.add_argument(
        "--expect-version", type=int, default=None, help="refuse if the stored strategy has moved past this version"
    )
    save.add_argument("--workspace", default=None, help=workspace_help)
    export = sub.add_parser("export", help="write a stored strategy as a YAML file")
    export.add_argument("id")
    export.add_argument("-o", "--output", required=True, help="the YAML file to write ('-' for stdout)")
    export.add_argument("--version", type=int, default=None, help="an earlier version (default: the latest)")
    export.add_argument("--workspace", default=None, help=workspace_help)
    sub.add_parser(
        "hash-password",
        help="read a workspace password (prompt or stdin) and print the hash for [access.workspaces]",
    )
    listing = sub.add_parser("list", help="list the stored strategies")
    listing.add_argument("--workspace", default=None, help=workspace_help)
    args = parser.parse_args(argv)
    system = os.environ.get("LANG", "")
    lang = normalise_language(args.lang) if args.lang else ("de" if system.startswith("de") else "en")
    try:
        return _run(args, lang)
    except Refused:
        return 1


def _run(args: argparse.Namespace, lang: str) -> int:
    if args.command == "validate":
        return _validate(args.files, lang, args.health)
    if args.command == "check":
        return _check(args.strategy, args.files, lang, as_json=args.json, mapping=args.mapping)
    if args.command == "report":
        return _report(args, lang)
    if args.command == "hash-password":
        return _hash_password()
    if args.command in ("save", "export", "list"):
        from impact_cli import storage_commands as cli  # the database only for the commands that need it

        workspace = args.workspace if args.workspace is not None else os.environ.get("IMPACT_WORKSPACE", "")
        if args.command == "save":
            return cli.save(
                args.file, lang, workspace=workspace, author=args.author, expect_version=args.expect_version
            )
        if args.command == "export":
            return cli.export(args.id, args.output, lang, workspace=workspace, version=args.version)
        return cli.list_all(lang, workspace=workspace)
    return 2  # pragma: no cover - argparse refuses unknown commands


if __name__ == "__main__":
    sys.exit(main())
