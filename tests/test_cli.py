"""`python -m impact validate` as a consultant's script would call it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, lang: str = "en_US.UTF-8") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "impact", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"LANG": lang, "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


def test_a_valid_file_exits_0_and_prints_health():
    result = run("validate", "examples/employer-branding.yaml", "--health")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid: 2 goals, 8 KPIs" in result.stdout
    assert "ok   Every goal has at least one KPI" in result.stdout


def test_problems_are_listed_with_paths_and_exit_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: impact-strategy/1\nname: x\nkpis:\n  - card: reach\n    stage: awareness\n"
        "    owner: {departmant: hr}\n",
        encoding="utf-8",
    )
    newer = tmp_path / "newer.yaml"
    newer.write_text("format: impact-strategy/9\nname: x\n", encoding="utf-8")
    result = run("validate", str(bad), str(newer), "examples/employer-branding.yaml")
    assert result.returncode == 1
    assert f"{bad}: kpis[0].owner.departmant: unknown key" in result.stdout
    assert f"{newer}: format: This file was written by a newer version of the app" in result.stdout
    assert "employer-branding.yaml: valid" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_german_messages_follow_the_locale(tmp_path):
    missing = tmp_path / "missing.yaml"
    result = run("validate", str(missing), lang="de_DE.UTF-8")
    assert result.returncode == 1
    assert "kann nicht gelesen werden" in result.stdout


def test_lang_is_understood_before_and_after_the_command():
    after = run("validate", "examples/employer-branding.yaml", "--lang", "de")
    before = run("--lang", "de", "validate", "examples/employer-branding.yaml")
    assert after.returncode == before.returncode == 0, after.stderr
    assert after.stdout == before.stdout and "gültig: 2 Ziele, 8 KPIs" in after.stdout
    assert "valid: 2 goals" in run("--lang", "de", "validate", "examples/employer-branding.yaml", "--lang", "en").stdout


def test_a_strategy_given_after_its_export_is_named_in_the_right_order(tmp_path):
    export = tmp_path / "shop.xlsx"
    export.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run("check", str(export), "examples/employer-branding.yaml")
    assert result.returncode == 1
    assert (
        f"The strategy comes first, then the exports: impact check examples/employer-branding.yaml {export}"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    fine = run("check", "examples/employer-branding.yaml", str(export))  # the right order: no such hint
    assert "comes first" not in fine.stderr


def test_the_installed_impact_command_writes_numbers_as_a_german_reader_does(tmp_path):
    """`impact` as the set-up installs it (a console script, from any directory): a German
    check table says 2.234,75 € where an English one says 2,234.75 €."""
    command = Path(sys.executable).with_name("impact")
    assert command.exists(), "the environment has no `impact` command: is the project installed?"
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: impact-strategy/1\nname: Shop\ngoals:\n  - {id: g, title: Umsatz, area: revenue, hard: true}\n"
        "kpis:\n  - {card: social-revenue, stage: conversion, goal: g, target: 2500.5, period: month,"
        " owner: {department: ecommerce}}\n",
        encoding="utf-8",
    )
    shop = tmp_path / "shop.csv"
    shop.write_text("Datum;Umsatz\n01.10.2026;1.234,50\n15.10.2026;1.000,25\n", encoding="utf-8")
    total = 1234.50 + 1000.25
    outputs = {}
    for lang in ("de", "en"):
        result = subprocess.run(
            [str(command), "--lang", lang, "check", str(plan), str(shop)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin"},
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        outputs[lang] = result.stdout
    assert f"{total:,.2f}".translate(str.maketrans(",.", ".,")) + "\u00a0€" in outputs["de"]
    assert "2.500,5\u00a0€" in outputs["de"] and "2,500.5" not in outputs["de"]
    assert f"{total:,.2f}\u00a0€" in outputs["en"] and "2,500.5\u00a0€" in outputs["en"]


def _lines_fit(text: str, columns: int) -> bool:
    from impact_cli.output import cell_width

    return all(cell_width(line) <= columns for line in text.splitlines())


def test_the_check_table_fits_an_80_column_terminal_and_wide_shows_it_whole(tmp_path):
    shop = tmp_path / "shop.csv"
    shop.write_text("Datum;Umsatz\n01.10.2026;1.234,50\n15.10.2026;1.000,25\n", encoding="utf-8")
    narrow = subprocess.run(
        [sys.executable, "-m", "impact", "check", "examples/employer-branding.yaml", str(shop)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin", "COLUMNS": "80"},
        timeout=60,
    )
    assert narrow.returncode == 0, narrow.stderr
    assert _lines_fit(narrow.stdout, 80), max(narrow.stdout.splitlines(), key=len)
    titles = ["Brand awareness", "Reach", "Cost per hire", "Employee advocacy"]
    assert all(title in narrow.stdout for title in titles)
    assert "No uploaded file has a column for" in narrow.stdout  # the notes are there, under their rows
    assert "impact template examples/employer-branding.yaml -o template.xlsx" in " ".join(narrow.stdout.split())
    wide = subprocess.run(
        [sys.executable, "-m", "impact", "check", "examples/employer-branding.yaml", str(shop), "--wide"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin", "COLUMNS": "80"},
        timeout=60,
    )
    assert not _lines_fit(wide.stdout, 80)  # --wide: one line per result, notes in their column
    piped = run("check", "examples/employer-branding.yaml", str(shop))  # no terminal, no COLUMNS: nothing to fit
    assert piped.stdout.splitlines()[:4] == wide.stdout.splitlines()[:4]


def test_the_data_template_from_the_command_line_is_read_back_by_the_check(tmp_path):
    template = tmp_path / "template.csv"
    made = run("template", "examples/employer-branding.yaml", "-o", str(template))
    assert made.returncode == 0, made.stderr
    header = template.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    row = ["15.10.2026", "", ""] + ["7"] * (len(header) - 3)  # date, channel, segment, then every input
    template.write_text(";".join(header) + "\n" + ";".join(row) + "\n", encoding="utf-8")
    checked = run("check", "examples/employer-branding.yaml", str(template), "--json")
    assert checked.returncode == 0, checked.stderr
    import json

    reasons = [r["reason"] or "" for r in json.loads(checked.stdout)["results"]]
    assert not [r for r in reasons if r.startswith("input_not_in_files")]  # every input found in the template


def test_every_argument_of_every_command_says_what_it_is():
    import argparse

    from impact_cli.main import parser

    root = parser()
    [commands] = [a for a in root._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in commands.choices.items():
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help and action.help.strip(), f"impact {name} {action.dest}: no help text"


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: impact-strategy/1\nname: Ads\nlanguage: en\n"
        "goals:\n  - {id: g, title: Orders, area: revenue, hard: true}\n"
        "kpis:\n  - {card: ctr, stage: consideration, goal: g, target: 2, period: month,"
        " owner: {department: marketing}}\n",
        encoding="utf-8",
    )
    export = tmp_path / "ads.csv"  # a row per segment: a table far longer than a pipe holds
    rows = [f"2026-10-{1 + n % 28:02d},,campaign {n},{1000 + n},{n % 50}" for n in range(3000)]
    export.write_text("Date,Channel,Segment,Impressions,Clicks\n" + "\n".join(rows) + "\n", encoding="utf-8")
    piped = subprocess.Popen(  # as `impact check … | head -1` does: the pipe closes after a line
        [sys.executable, "-m", "impact", "check", str(plan), str(export), "--wide"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert piped.stdout is not None and piped.stdout.read(10)
    piped.stdout.close()
    _, err = piped.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err[-500:]


def test_help_answers_without_loading_the_heavy_libraries():
    """`impact --help` (and a mistyped command) must not wait for pandas, pydantic,
    WeasyPrint or vl-convert: measured with the interpreter's own import log."""
    for args in (["--help"], ["check", "--help"]):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "impact", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"},
            timeout=60,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        loaded = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
        assert not loaded & {"pandas", "pydantic", "weasyprint", "vl_convert", "sqlalchemy", "numpy"}, args


def _loaded_by(args: list[str], env: dict[str, str]) -> set[str]:
    """The top-level packages a command imports, from the interpreter's own import log."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "impact", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin", **env},
        timeout=120,
    )
    assert result.returncode in (0, 3), result.stderr[-2000:]
    return {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}


def test_a_review_reads_kept_checks_without_loading_pandas_or_migrations(tmp_path):
    """`impact review` reads what the checks kept: no data frame and, on a database that
    is up to date, no migration machinery is loaded for it."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: impact-strategy/1\nname: Leads\nlanguage: en\n"
        "goals:\n  - {id: g, title: Leads, area: leads, hard: true}\n"
        "kpis:\n  - {card: leads, stage: conversion, goal: g, target: 5, period: month, owner: {department: sales}}\n",
        encoding="utf-8",
    )
    export = tmp_path / "crm.csv"
    export.write_text("Date,Leads\n2026-10-01,3\n2026-10-02,4\n", encoding="utf-8")
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'impact.db'}"}
    saved = subprocess.run(
        [sys.executable, "-m", "impact", "save", str(plan)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    strategy_id = saved.stdout.strip().splitlines()[-1]
    checked = subprocess.run(
        [sys.executable, "-m", "impact", "check", strategy_id, str(export), "--save"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    assert checked.returncode == 0, checked.stderr
    loaded = _loaded_by(["review", strategy_id, "--json"], env)
    assert "sqlalchemy" in loaded  # it did read the database
    assert not loaded & {"pandas", "numpy", "pyarrow", "alembic", "weasyprint", "vl_convert"}
