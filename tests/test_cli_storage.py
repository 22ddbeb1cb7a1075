"""`impact save / export / list` against real databases: in-process through the
application layer (the command's own ``main``), and once per command as a script
would call it, in a process of its own."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from impact.strategy_file import parse_strategy, strategy_to_data, strategy_to_yaml
from impact_cli.main import main
from storage.db import make_engine
from storage.repository import list_versions, load_strategy
from tests.factories import big_strategy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "employer-branding.yaml"


@pytest.fixture
def cli(monkeypatch, capsys):
    """``cli(url, "save", file)`` runs the command in this process: (exit code, stdout, stderr)."""

    def run(url: str, *args: str, lang: str = "en_US.UTF-8", workspace: str | None = None):
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("LANG", lang)
        if workspace is None:
            monkeypatch.delenv("IMPACT_WORKSPACE", raising=False)
        else:
            monkeypatch.setenv("IMPACT_WORKSPACE", workspace)
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def process(url: str, *args: str, lang: str = "en_US.UTF-8", workspace: str | None = None):
    env = {"LANG": lang, "PATH": "/usr/bin:/bin", "DATABASE_URL": url}
    if workspace is not None:
        env["IMPACT_WORKSPACE"] = workspace
    return subprocess.run(
        [sys.executable, "-m", "impact", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120
    )


def _said(data: dict, source: dict) -> dict:
    """The document without the ids the app adds where a file had none (the strategy's, a KPI's)."""
    result = {k: v for k, v in data.items() if k != "id"}
    given = [("id" in k) for k in source.get("kpis") or []]
    if "kpis" in result:
        result["kpis"] = [
            k if has_id else {key: value for key, value in k.items() if key != "id"}
            for k, has_id in zip(result["kpis"], given, strict=True)
        ]
    return json.loads(json.dumps(result, default=str))  # a date is the same date written as text


def test_save_then_export_says_everything_the_file_said(cli, any_url, tmp_path, deck):
    original = tmp_path / "big.yaml"
    original.write_text(strategy_to_yaml(big_strategy(deck, kpis=30, name="Ümlaut & <Co> =1+1")), encoding="utf-8")
    for source in (EXAMPLE, original):
        code, out, err = cli(any_url, "save", str(source))
        assert code == 0, err
        strategy_id = out.strip().splitlines()[-1]
        exported = tmp_path / f"{strategy_id}.yaml"
        code, out, err = cli(any_url, "export", strategy_id, "-o", str(exported))
        assert code == 0, err
        before = yaml.safe_load(source.read_text(encoding="utf-8"))
        after = yaml.safe_load(exported.read_text(encoding="utf-8"))
        assert after["id"] == strategy_id
        # every key and value of the file survives (the file may leave defaults out) ...
        plain_before = json.loads(json.dumps(before, default=str))
        assert all(_said(after, before)[key] == value for key, value in plain_before.items() if key != "id")
        # ... and so does everything the app read from it
        assert _said(strategy_to_data(parse_strategy(source.read_bytes())), before) == _said(after, before)


def test_a_file_naming_a_stored_id_becomes_a_new_version(cli, any_url, tmp_path):
    code, out, _ = cli(any_url, "save", str(EXAMPLE), "--author", "Anna")
    strategy_id = out.strip().splitlines()[-1]
    mine = tmp_path / "mine.yaml"
    cli(any_url, "export", strategy_id, "-o", str(mine))
    mine.write_text(mine.read_text(encoding="utf-8").replace("Employer Branding 2027", "Employer Branding 2028"))
    code, out, err = cli(any_url, "save", str(mine), "--author", "Ben")
    assert code == 0, err
    assert out.strip().splitlines()[-1] == strategy_id
    assert "version 2" in out
    engine = make_engine(any_url)
    assert load_strategy(engine, strategy_id)[0].name == "Employer Branding 2028"
    assert [(v.version, v.author) for v in list_versions(engine, strategy_id)] == [(2, "Ben"), (1, "Anna")]
    code, _, err = cli(any_url, "save", str(mine), "--expect-version", "1")
    assert code == 1
    assert f"{mine}: The stored strategy is at version 2, not 1" in err
    assert load_strategy(engine, strategy_id)[1] == 2  # refused, nothing written
    engine.dispose()


def test_list_shows_what_is_stored_in_the_callers_workspace(cli, any_url):
    assert "No strategies saved yet." in cli(any_url, "list")[1]
    cli(any_url, "save", str(EXAMPLE), workspace="acme")
    code, out, _ = cli(any_url, "list", workspace="acme")
    assert code == 0
    assert "Employer Branding 2027 (Beispiel GmbH)" in out
    assert "Employer Branding 2027" not in cli(any_url, "list")[1]  # another workspace sees nothing
    assert "Employer Branding 2027" in cli(any_url, "list", "--workspace", "acme")[1]  # the option wins


def test_a_file_naming_another_workspaces_id_is_refused(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    code, out, _ = cli(url, "save", str(EXAMPLE), workspace="acme")
    strategy_id = out.strip().splitlines()[-1]
    theirs = tmp_path / "theirs.yaml"
    cli(url, "export", strategy_id, "-o", str(theirs), workspace="acme")
    code, _, err = cli(url, "save", str(theirs), workspace="globex")
    assert code == 1
    assert f"{theirs}: The id {strategy_id} is already used" in err
    assert "Employer Branding" not in cli(url, "list", workspace="globex")[1]


def test_bad_input_is_refused_with_where_and_why(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: impact-strategy/1\nname: x\nkpis: 7\n", encoding="utf-8")
    code, _, err = cli(url, "save", str(broken))
    assert code == 1
    assert f"{broken}: kpis:" in err and "Traceback" not in err
    code, _, err = cli(url, "export", "nosuchid", "-o", str(tmp_path / "x.yaml"), lang="de_DE.UTF-8")
    assert code == 1 and "keine gespeicherte Strategie mit der Kennung nosuchid" in err
    assert not (tmp_path / "x.yaml").exists()
    code, _, err = cli(url, "export", "nosuchid", "--version", "3", "-o", "-")
    assert code == 1 and "nosuchid" in err


def test_a_database_that_cannot_be_used_is_said_without_its_password(cli):
    code, _, err = cli("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "list")
    assert code == 1
    assert "The database cannot be used right now" in err and "secret" not in err
    assert "127.0.0.1" in err  # the detail says which database, for whoever runs the command


@pytest.mark.process
def test_each_storage_command_runs_as_a_script_calls_it(tmp_path):
    """One process per command: the console entry, the environment, the exit codes."""
    url = f"sqlite:///{tmp_path / 'script.db'}"
    saved = process(url, "save", str(EXAMPLE), workspace="acme")
    assert saved.returncode == 0, saved.stderr
    strategy_id = saved.stdout.strip().splitlines()[-1]
    listing = process(url, "list", workspace="acme")
    assert listing.returncode == 0 and strategy_id in listing.stdout
    exported = process(url, "export", strategy_id, "-o", "-", workspace="acme")
    assert exported.returncode == 0, exported.stderr
    assert parse_strategy(exported.stdout).id == strategy_id
    refused = process(url, "export", strategy_id, "-o", "-", lang="de_DE.UTF-8")  # not in this workspace
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "keine gespeicherte Strategie" in refused.stderr


def test_check_save_then_review_on_three_monthly_uploads(cli, tmp_path):
    """October, November, then a corrected October: kept with the stored strategy as the
    page keeps them, then reviewed as one object; exit 3 only when a KPI is behind."""
    from tests.monthly import CORRECTED, NOVEMBER, UPLOADS, bakery_plan, month_sums

    url = f"sqlite:///{tmp_path / 'review.db'}"
    plan = tmp_path / "plan.yaml"
    plan.write_text(strategy_to_yaml(bakery_plan(total=200)), encoding="utf-8")
    code, out, _err = cli(url, "save", str(plan))
    strategy_id = out.strip().splitlines()[-1]
    for name, data in UPLOADS:
        (tmp_path / name).write_bytes(data)
        code, _out, err = cli(url, "check", strategy_id, str(tmp_path / name), "--save")
        assert code == 0 and "Check saved" in err
    code, out, _err = cli(url, "review", strategy_id, "--json")
    assert code == 0
    found = json.loads(out)
    [pre_orders] = [k for k in found["kpis"] if k["kpi"] == "vorbest"]
    corrected, november = month_sums(CORRECTED[1]), month_sums(NOVEMBER[1])
    assert [(p["period"], p["actual"]) for p in pre_orders["history"]][1:] == [
        ("2026-10", corrected["2026-10"]),
        ("2026-11", november["2026-11"]),
    ]
    assert pre_orders["status"] == "on track" and pre_orders["history"][1]["target"] == 20
    code, out, _err = cli(url, "review", strategy_id, lang="de_DE.UTF-8")
    assert code == 0 and out.startswith("Nov. 2026: 0 von 2 KPIs erreicht, 1 auf Kurs, 1 ohne Daten\n")
    # the same plan with a total out of reach: behind, and the exit status says so
    plan.write_text(strategy_to_yaml(bakery_plan(total=400)), encoding="utf-8")
    cli(url, "save", str(plan))
    code, out, _err = cli(url, "review", strategy_id, "--json")
    assert code == 3 and json.loads(out)["counts"].get("behind") == 1
    pdf = tmp_path / "review.pdf"
    code, _out, _err = cli(url, "review", strategy_id, "--pdf", str(pdf), lang="de_DE.UTF-8")
    assert code == 3 and pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    text = " ".join(re.sub("\u2010\\s+", "", text).split())  # a word hyphenated at a line end, whole again
    assert "0 von 2 KPIs erreicht, 1 im Rückstand, 1 ohne Daten" in text and "es fehlen" in text
    for page_word in ("oben", "unten", "klicken", "Vorlage oben", "diese Seite"):  # a document, not a web page
        assert page_word not in text


def test_assign_moves_strategies_from_before_workspaces_into_a_configured_one(cli, any_url, tmp_path):
    from impact.access import hash_password
    from impact.model import Strategy
    from storage.repository import create_strategy, list_strategies

    engine = make_engine(any_url)
    old = [create_strategy(engine, Strategy(name=f"Before {n}"), workspace="") for n in range(2)]
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[access]\nmode = "password"\n[access.workspaces]\nacme = "{hash_password("a" * 10)}"\n')
    code, out, _ = cli(any_url, "assign", "--to", "acme", "--secrets", str(secrets))
    assert code == 1 and "Saved without a workspace: 2" in out  # no ids and no --all: a list, nothing moved
    assert all(s.id in out for s in old) and len(list_strategies(engine, workspace="")) == 2
    code, _, err = cli(any_url, "assign", "--to", "globex", "--all", "--secrets", str(secrets))
    assert code == 1 and "no workspace “globex”" in err  # a typo does not make a workspace nobody can enter
    code, out, err = cli(any_url, "assign", old[0].id, "missing-id", "--to", "acme", "--secrets", str(secrets))
    assert code == 1 and "into the workspace “acme”: 1" in out and "missing-id: not moved" in err
    code, out, _ = cli(any_url, "assign", "--to", "acme", "--all", "--secrets", str(secrets))
    assert code == 0 and ": 1." in out
    assert sorted(s.id for s in list_strategies(engine, workspace="acme")) == sorted(s.id for s in old)
    code, out, _ = cli(any_url, "assign", "--to", "acme", "--secrets", str(secrets))
    assert code == 0 and "nothing to move" in out
    code, _, err = cli(any_url, "assign", "--to", "acme", "--secrets", str(tmp_path / "none.toml"))
    assert code == 1 and "cannot be read" in err


def test_saving_a_file_without_an_id_twice_says_so_and_how_to_update(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    code, out, err = cli(url, "save", str(EXAMPLE))
    assert code == 0 and "saved_twice" not in err and "second strategy" not in err
    first = out.strip().splitlines()[-1]
    code, out, err = cli(url, "save", str(EXAMPLE))
    second = out.strip().splitlines()[-1]
    assert code == 0 and second != first
    name = parse_strategy(EXAMPLE.read_text(encoding="utf-8")).name
    assert f"“{name}” was stored before ({first}); this saved a second strategy." in err
    assert f"impact export {first} -o {EXAMPLE}" in err
    exported = tmp_path / "exported.yaml"
    assert cli(url, "export", first, "-o", str(exported))[0] == 0
    code, out, err = cli(url, "save", str(exported))  # the file with its id line: a new version, nothing to warn
    assert code == 0 and out.strip().splitlines()[-1] == first and "second strategy" not in err
