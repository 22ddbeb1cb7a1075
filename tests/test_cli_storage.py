"""`python -m impact save / export / list` against real databases, as a script would call them."""

import json
import subprocess
import sys
from pathlib import Path

import yaml

from impact.strategy_file import parse_strategy, strategy_to_data, strategy_to_yaml
from storage.db import make_engine
from storage.repository import list_versions, load_strategy
from tests.factories import big_strategy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "employer-branding.yaml"


def run(url: str, *args: str, lang: str = "en_US.UTF-8", workspace: str | None = None):
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


def test_save_then_export_says_everything_the_file_said(any_url, tmp_path, deck):
    original = tmp_path / "big.yaml"
    original.write_text(strategy_to_yaml(big_strategy(deck, kpis=30, name="Ümlaut & <Co> =1+1")), encoding="utf-8")
    for source in (EXAMPLE, original):
        saved = run(any_url, "save", str(source))
        assert saved.returncode == 0, saved.stderr
        strategy_id = saved.stdout.strip().splitlines()[-1]
        out = tmp_path / f"{strategy_id}.yaml"
        exported = run(any_url, "export", strategy_id, "-o", str(out))
        assert exported.returncode == 0, exported.stderr
        before = yaml.safe_load(source.read_text(encoding="utf-8"))
        after = yaml.safe_load(out.read_text(encoding="utf-8"))
        assert after["id"] == strategy_id
        # every key and value of the file survives (the file may leave defaults out) ...
        plain_before = json.loads(json.dumps(before, default=str))
        assert all(_said(after, before)[key] == value for key, value in plain_before.items() if key != "id")
        # ... and so does everything the app read from it
        assert _said(strategy_to_data(parse_strategy(source.read_bytes())), before) == _said(after, before)


def test_a_file_naming_a_stored_id_becomes_a_new_version(any_url, tmp_path):
    first = run(any_url, "save", str(EXAMPLE), "--author", "Anna")
    strategy_id = first.stdout.strip().splitlines()[-1]
    out = tmp_path / "mine.yaml"
    run(any_url, "export", strategy_id, "-o", str(out))
    out.write_text(out.read_text(encoding="utf-8").replace("Employer Branding 2027", "Employer Branding 2028"))
    again = run(any_url, "save", str(out), "--author", "Ben")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == strategy_id
    assert "version 2" in again.stdout
    engine = make_engine(any_url)
    assert load_strategy(engine, strategy_id)[0].name == "Employer Branding 2028"
    assert [(v.version, v.author) for v in list_versions(engine, strategy_id)] == [(2, "Ben"), (1, "Anna")]
    stale = run(any_url, "save", str(out), "--expect-version", "1")
    assert stale.returncode == 1
    assert "is at version 2, not 1" in stale.stderr
    assert load_strategy(engine, strategy_id)[1] == 2  # refused, nothing written
    engine.dispose()


def test_list_shows_what_is_stored_in_the_callers_workspace(any_url):
    assert "No strategies saved yet." in run(any_url, "list").stdout
    run(any_url, "save", str(EXAMPLE), workspace="acme")
    listing = run(any_url, "list", workspace="acme")
    assert listing.returncode == 0
    assert "Employer Branding 2027 (Beispiel GmbH)" in listing.stdout
    assert "Employer Branding 2027" not in run(any_url, "list").stdout  # another workspace sees nothing


def test_bad_input_is_refused_with_where_and_why(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: impact-strategy/1\nname: x\nkpis: 7\n", encoding="utf-8")
    result = run(url, "save", str(broken))
    assert result.returncode == 1
    assert f"{broken}: kpis:" in result.stderr and "Traceback" not in result.stderr
    missing = run(url, "export", "nosuchid", "-o", str(tmp_path / "x.yaml"), lang="de_DE.UTF-8")
    assert missing.returncode == 1 and "Keine Strategie nosuchid" in missing.stderr
    down = run("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "list")
    assert down.returncode == 1
    assert "The database cannot be used" in down.stderr and "secret" not in down.stderr
    assert "Traceback" not in down.stderr
