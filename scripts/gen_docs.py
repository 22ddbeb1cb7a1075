"""Reference docs made from the code, so they cannot drift from it: the formats table in
docs/importers.md (from each format's declaration) and docs/cli.md (from the command
line's parser). ``python scripts/gen_docs.py`` writes them; ``--check`` says which one
is stale and exits 1 (a test runs it)."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BEGIN = "<!-- {name}: made by scripts/gen_docs.py from the code; edit the code, then run it -->"
END = "<!-- /{name} -->"


def formats_table() -> str:
    """One row per format: its name, what it is (its declared label), its channel."""
    from impact.importers.registry import formats

    rows = ["| format | what it is | channel |", "| --- | --- | --- |"]
    for name, importer in formats().items():
        spec = getattr(importer, "spec", None)
        label = spec.label if spec is not None else ""
        if spec is not None and spec.nothing_to_check:
            label += "; recognised, but holds nothing a KPI can use, and said so"
        channels = [spec.channel, *spec.channel_by] if spec is not None else []
        channel = " / ".join(dict.fromkeys(c for c in channels if c)) or "from a channel column, else none"
        rows.append(f"| `{name}` | {label.replace('|', '/')} | {channel} |")
    return "\n".join(rows)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    lines = []
    for action in parser._actions:  # argparse keeps its arguments here; the public API prints only
        if isinstance(action, argparse._HelpAction):
            continue
        if isinstance(action, argparse._SubParsersAction):
            continue
        names = ", ".join(f"`{o}`" for o in action.option_strings) or f"`{action.dest}`"
        if action.option_strings and action.nargs != 0:
            names += f" `{(action.metavar or action.dest).upper()}`"
        if action.nargs == "+":
            names += " (one or more)"
        extra = " (required)" if action.required and action.option_strings else ""
        lines.append(f"| {names} | {(action.help or '').replace('|', '/')}{extra} |")
    return ["| argument | meaning |", "| --- | --- |", *lines] if lines else []


def cli_reference() -> str:
    """Every command of ``impact`` with its arguments, as the parser declares them."""
    from impact_cli.main import parser

    root = parser()
    subparsers = next(a for a in root._actions if isinstance(a, argparse._SubParsersAction))
    for each in (root, *subparsers.choices.values()):  # one line per usage, whatever the terminal's width
        each.formatter_class = functools.partial(argparse.HelpFormatter, width=1000)
    helps = {choice.dest: choice.help for choice in subparsers._choices_actions}
    out = [
        "# The command line: `impact`",
        "",
        "Installed with the app (`.venv/bin/impact`), also `python -m impact` from the checkout.",
        "Every command exits 0 when it did its work and 1 with a message that says what is",
        "wrong and where; `--lang de` or `--lang en` before the command chooses the language",
        "(default: the terminal's `LANG`, else English). `save`, `export` and `list` use the",
        "database in `DATABASE_URL` (default: the SQLite file under `data/`).",
        "",
        "```",
        f"impact {root.format_usage().partition('usage: impact ')[2].strip()}",
        "```",
        "",
        *_options(root),
    ]
    for name, sub in subparsers.choices.items():
        out += ["", f"## `impact {name}`", "", helps.get(name) or "", "", "```"]
        out += [sub.format_usage().removeprefix("usage: ").strip(), "```", ""]
        out += _options(sub)
    return "\n".join(out).rstrip() + "\n"


def _between(text: str, name: str, body: str) -> str:
    begin, end = BEGIN.format(name=name), END.format(name=name)
    head, found, rest = text.partition(begin)
    if not found:
        raise SystemExit(f"no {begin} in the page")
    _old, found, tail = rest.partition(end)
    if not found:
        raise SystemExit(f"no {end} in the page")
    return f"{head}{begin}\n{body}\n{end}{tail}"


PAGES: dict[Path, Callable[[str], str]] = {
    ROOT / "docs" / "importers.md": lambda text: _between(text, "formats", formats_table()),
    ROOT / "docs" / "cli.md": lambda _text: cli_reference(),
}


def stale() -> list[Path]:
    """The pages whose generated part differs from what the code says now."""
    return [
        path
        for path, make in PAGES.items()
        if not path.exists() or make(path.read_text(encoding="utf-8")) != path.read_text(encoding="utf-8")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a page is stale, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        old = stale()
        for path in old:
            print(f"{path.relative_to(ROOT)} is stale: run python scripts/gen_docs.py", file=sys.stderr)
        return 1 if old else 0
    for path, make in PAGES.items():
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(make(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
