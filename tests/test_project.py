"""Meta-tests: the project checks itself (every card, profile, string and page)."""

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from impact.deck import CARDS_DIR, PROFILES_DIR, DeckError, load_cards, load_profiles
from impact.formulas import parse
from impact.i18n import strings, t
from impact.metrics import METRICS
from impact.model import STAGES, Card, Profile

ROOT = Path(__file__).resolve().parent.parent
PROFILE_IDS = {"ecommerce", "b2b", "services", "media", "nonprofit", "recruiting", "tourism", "local"}


def _cards_in(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cards"]


@pytest.mark.parametrize("path", sorted(CARDS_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_card_file_validates(path):
    for raw in _cards_in(path):
        card = Card.model_validate(raw)
        assert card.stage == path.stem, f"{card.id} sits in {path.name} but says stage {card.stage}"
        assert set(parse(card.formula).inputs) == set(card.inputs)
        for field in ("title", "question", "pitfall"):
            text = getattr(card, field)
            assert text.de.strip() and text.en.strip(), f"{card.id}.{field} needs de and en"
        assert card.sources, f"{card.id} names no typical source"
        assert set(card.industries) <= PROFILE_IDS


@pytest.mark.parametrize("path", sorted(PROFILES_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_profile_validates(path, deck):
    profile = Profile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert profile.id == path.stem
    assert any(goal.hard for goal in profile.goals)
    for stage in STAGES:
        assert profile.priority_cards[stage], f"{profile.id}: no priority card for {stage}"
        for card_id in profile.priority_cards[stage]:
            assert deck.cards[card_id].stage == stage
    for ref in profile.reference_values:
        assert ref.source and ref.year


def test_deck_size_and_coverage(deck):
    assert len(deck.cards) >= 50
    per_stage = Counter(c.stage for c in deck.cards.values())
    assert all(per_stage[s] >= 8 for s in STAGES), per_stage
    assert {c.kind for c in deck.cards.values()} == {"kpi", "metric"}
    for must in [
        "conversion-rate",
        "roi",
        "roas",
        "ctr",
        "website-traffic",
        "leads",
        "lead-quality",
        "cost-per-lead",
        "inquiries",
        "nps",
        "csat",
        "sentiment",
        "engagement-rate",
        "response-time",
        "reach",
        "impressions",
        "video-views",
        "average-watch-time",
        "brand-awareness",
        "donations",
        "volunteer-signups",
        "qualified-applications",
        "application-to-hire-rate",
        "cost-per-hire",
        "social-support-share",
        "share-of-voice",
        "cpm",
        "cpc",
        "retention-rate",
        "churn-rate",
        "repeat-purchase-rate",
        "referrals",
        "reviews",
        "ugc",
        "likes",
        "followers",
    ]:
        assert must in deck.cards, must


def test_the_eight_profiles_exist(deck):
    assert set(deck.profiles) >= PROFILE_IDS


def test_metrics_named_in_design_are_canonical():
    for name in [
        "impressions",
        "engagements",
        "reactions",
        "comments",
        "shares",
        "saves",
        "clicks",
        "link_clicks",
        "video_views",
        "profile_visits",
        "spend",
        "leads",
        "qualified_leads",
        "conversions",
        "orders",
        "revenue",
        "sessions",
        "applications",
        "hires",
        "mentions",
        "competitor_mentions",
        "support_requests",
        "promoters",
        "detractors",
        "responses",
        "followers",
        "customers_end",
        "customers_start",
        "reach",
    ]:
        assert name in METRICS, name
    assert METRICS["followers"].aggregation == "last"
    assert METRICS["customers_start"].aggregation == "first"
    assert METRICS["reach"].aggregation == "unique"


def test_a_broken_card_is_named_by_file_card_and_field(tmp_path):
    (tmp_path / "awareness.yaml").write_text(
        "cards:\n  - id: broken\n    stage: awareness\n    kind: kpi\n    title: {de: A, en: A}\n"
        "    question: {de: Q, en: Q}\n    formula: likes * 2\n    unit: x\n    inputs: [likes]\n"
        "    pitfall: {de: P, en: P}\n  - id: typo\n    stage: awarness\n",
        encoding="utf-8",
    )
    with pytest.raises(DeckError) as info:
        load_cards(tmp_path)
    text = str(info.value)
    assert "awareness.yaml: card broken: formula" in text
    assert "awareness.yaml: card typo: stage" in text


def test_a_profile_naming_an_unknown_card_is_refused(tmp_path, deck):
    data = yaml.safe_load((PROFILES_DIR / "b2b.yaml").read_text(encoding="utf-8"))
    data["priority_cards"]["conversion"].append("no-such-card")
    (tmp_path / "b2b.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    expected = r"b2b\.yaml: profile b2b: priority_cards\.conversion: unknown card no-such-card"
    with pytest.raises(DeckError, match=expected):
        load_profiles(deck.cards, tmp_path)


def test_every_ui_string_exists_in_both_languages():
    de, en = strings("de"), strings("en")
    assert set(de) == set(en), set(de) ^ set(en)
    for key in de:
        assert de[key].strip() and en[key].strip(), key
        assert re.findall(r"{(\w+)}", de[key]) == re.findall(r"{(\w+)}", en[key]) or set(
            re.findall(r"{(\w+)}", de[key])
        ) == set(re.findall(r"{(\w+)}", en[key])), key


def _static_keys() -> set[str]:
    keys: set[str] = set()
    for path in [ROOT / "app.py", *ROOT.glob("views/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("impact/*.py")]:
        source = path.read_text(encoding="utf-8")
        # whole keys only: a literal followed by "+" is a prefix completed at run time
        keys |= set(re.findall(r"""\btr\(\s*["']([a-z_]+\.[a-z_.]+)["'](?!\s*\+)""", source))
        keys |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["'](?!\s*\+)""", source))
        keys |= set(re.findall(r"""\btr?n\(\s*["']([a-z_]+\.[a-z_.]+)["'](?!\s*\+)""", source))
    return keys


def test_every_string_the_code_asks_for_exists():
    keys = _static_keys()
    assert len(keys) > 150
    known = strings("en")
    missing = sorted(k for k in keys if k not in known and f"{k}.other" not in known)  # or said in plural forms
    assert not missing, missing


def test_dynamic_string_families_are_complete(deck):
    en = strings("en")
    from impact.health import check_health
    from impact.model import AREAS, DEPARTMENTS, PERIODS, Strategy

    families = [f"stage.{s}" for s in STAGES] + [f"period.{p}" for p in PERIODS] + [f"area.{a}" for a in AREAS]
    families += [f"department.{d}" for d in DEPARTMENTS]
    families += [f"nav.{n}" for n in ("start", "profile", "goals", "board", "owners", "strategy")]
    for item in check_health(Strategy(name="x"), deck.cards):
        families += [f"health.{item.rule}.title", f"health.{item.rule}.why"]
    from impact.formulas import FormulaError  # noqa: F401 - the codes below are the ones parse() raises

    families += [
        f"formula.{c}"
        for c in (
            "empty",
            "too_long",
            "too_deep",
            "syntax",
            "operator",
            "constant",
            "unknown_metric",
            "call",
            "attribute",
            "element",
            "no_metric",
            "ok",
        )
    ]
    from impact.importers import FORMATS

    families += [f"check.format_{f}" for f in FORMATS]
    from impact.check import STATUSES
    from impact.review import ORDER

    families += [f"check.status.{v}" for v in STATUSES]
    families += [f"check.role_{r}" for r in ("auto", "ignore", "date", "channel", "segment")]
    # every code the code can raise or warn with, read from the code itself
    review = (ROOT / "impact" / "review.py").read_text(encoding="utf-8")  # its reasons are review.why
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "impact").rglob("*.py") if p.name != "review.py")
    reviewed = set(re.findall(r'"(\w+)\|', review)) - {"input_not_in_files"}  # a check's own reason, passed on
    reviewed |= set(re.findall(r'(?:None|"[\w ]+"|\)), "(\w+)", ', review))  # reasons without parameters
    reviewed -= set(ORDER)  # the statuses, listed beside each other
    families += [f"review.why.{c}" for c in reviewed] + [f"review.status.{s}" for s in ORDER]
    families += [f"export.{c}" for c in set(re.findall(r'ExportError\(\s*"(\w+)"', source))]
    families += [f"export.nothing.{c}" for c in set(re.findall(r'nothing_to_check="(\w+)"', source))]
    warned = re.findall(r'warnings\.append\(\(\s*"(\w+)"', source) + re.findall(r'Notice\(\s*"(\w+)"', source)
    warned += re.findall(r'"(range_from_\w+)"', source)  # the date fallbacks name their warning
    families += [f"warning.{c}" for c in set(warned)]
    families += [f"check.reason.{r}" for r in set(re.findall(r'Ignored\([^)]*?"(\w+)"\)', source))]
    families += [f"check.why.{c}" for c in set(re.findall(r'"(\w+)\|', source)) if c.islower() and "_" in c]
    families += [f"check.why.{c}" for c in ("no_rows_in_period", "division_by_zero")]
    plain = ("no_rows_in_period", "input_not_in_files", "division_by_zero", "not_finite", "channel_no_column")
    families += [f"check.why.{c}_plain" for c in (*plain, "channel_not_in_data")]
    assert {"trend_reaches", "total_needs_count", "total_behind"} <= reviewed  # the patterns still find them
    missing = [k for k in families if k not in en and f"{k}.other" not in en]  # a sentence or its plural forms
    assert not missing, missing


def test_the_docs_name_every_format_and_every_metric():
    from impact.importers import FORMATS
    from impact.metrics import METRICS

    importers = (ROOT / "docs" / "importers.md").read_text(encoding="utf-8")
    check = (ROOT / "docs" / "data-check.md").read_text(encoding="utf-8")
    assert [f for f in FORMATS if f"`{f}`" not in importers] == []
    assert [m for m in METRICS if f"`{m}`" not in check] == []


# Each layer and what it must never import: the arrows point down only (the domain,
# storage, the application layer, the front ends), and only storage talks SQL.
LAYERS = {
    "impact": {"streamlit", "sqlalchemy", "alembic", "storage", "workshop", "ui", "views", "impact_cli"},
    "storage": {"streamlit", "workshop", "ui", "views", "impact_cli"},
    "workshop": {"streamlit", "sqlalchemy", "alembic", "ui", "views", "impact_cli"},
    "ui": {"storage", "sqlalchemy", "alembic", "views", "impact_cli"},
    "views": {"storage", "sqlalchemy", "alembic", "impact_cli"},
    "app.py": {"storage", "sqlalchemy", "alembic", "impact_cli"},
    "impact_cli": {"streamlit", "storage", "sqlalchemy", "alembic", "ui", "views"},
    "web": {"storage", "sqlalchemy", "alembic", "views", "impact_cli"},
    "asgi.py": {"storage", "sqlalchemy", "alembic", "views", "impact_cli"},
}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_what_lies_below_it(layer):
    from tests.import_graph import imports_of

    found = imports_of(layer)
    assert found, layer
    wrong = {str(path.relative_to(ROOT)): sorted(names & LAYERS[layer]) for path, names in found.items()}
    assert {path: names for path, names in wrong.items() if names} == {}


def test_the_guard_sees_an_import_inside_a_function(tmp_path, monkeypatch):
    """The guard above must fail on a hidden import, or it guards nothing."""
    from tests import import_graph

    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "page.py").write_text("def handler():\n    from storage import repository\n")
    monkeypatch.setattr(import_graph, "ROOT", tmp_path)
    assert import_graph.imports_of("views") == {tmp_path / "views" / "page.py": {"storage"}}


def test_no_front_end_imports_storage_as_the_issue_checks_it():
    import subprocess

    found = subprocess.run(
        ["grep", "-rE", r"^\s*(from|import) storage", "views", "impact_cli", "ui", "app.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 1 and found.stdout == "", found.stdout


@pytest.mark.parametrize("package", ["impact", "storage", "workshop"])
def test_no_import_circle(package):
    from tests.import_graph import cycles, graph

    assert cycles(graph(package)) == []


def test_an_import_circle_is_seen():
    from tests.import_graph import cycles

    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_public_use_case_says_what_it_is_for():
    import ast

    missing = []
    for path in sorted((ROOT / "workshop").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.name} has no module docstring"
        public = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        public += [m for c in public if isinstance(c, ast.ClassDef) for m in c.body if isinstance(m, ast.FunctionDef)]
        for node in public:
            if not node.name.startswith("_") and not ast.get_docstring(node):
                missing.append(f"{path.name}:{node.lineno} {node.name}")
    assert missing == []


def _commands_under(readme: str, heading: str) -> list[str]:
    section = readme.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, f"no command under '{heading}'"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_commands_are_the_ones_ci_and_make_run():
    """One command runs the app, one runs every test, and CI runs that very command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    run, test = _commands_under(readme, "Run it"), _commands_under(readme, "Test it")
    assert run == ["bash scripts/run.sh"] and test == ["bash scripts/test.sh"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test[0] in ci.splitlines()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "bash scripts/run.sh" in makefile and "bash scripts/test.sh" in makefile
    assert "bash scripts/lint.sh" in ci  # lint runs in CI too


def test_the_command_line_is_installed_as_impact():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"impact": "impact_cli.main:main"}
    names = {re.split(r"[\[<>=;\s]", d, maxsplit=1)[0] for d in project["project"]["dependencies"]}
    assert {"streamlit", "pyarrow", "weasyprint", "sqlalchemy", "alembic"} <= names
    assert any(d.startswith("streamlit[auth]") for d in project["project"]["dependencies"])  # st.login needs Authlib


def _uv() -> str:
    import shutil

    found = shutil.which("uv") or str(ROOT / ".tools" / "uv")
    assert Path(found).exists(), "no uv: scripts/setup.sh fetches it"
    return found


def test_requirements_txt_is_the_lock_exactly():
    """requirements.txt is made from uv.lock (scripts/requirements.sh); pyproject.toml
    stays the one list people edit. Stale after a lock change: this fails."""
    import shlex
    import subprocess

    written = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    command = re.search(r"^#\s+(uv export .*)$", written, re.MULTILINE)
    assert command, "requirements.txt does not say how it was made"
    args = [a for a in shlex.split(command.group(1))[1:] if a not in ("-o", "requirements.txt")]
    fresh = subprocess.run([_uv(), *args, "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert fresh.returncode == 0, fresh.stderr
    body = lambda text: [line for line in text.splitlines() if not line.startswith("#")]  # noqa: E731
    assert body(written) == body(fresh.stdout)
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", written, re.MULTILINE))
    assert {"streamlit", "pandas", "sqlalchemy", "weasyprint", "psycopg"} <= set(pins)
    assert "pytest" not in pins and "playwright" not in pins  # the app's packages, not the test tools
    import tomllib

    lock = {p["name"]: p["version"] for p in tomllib.loads((ROOT / "uv.lock").read_text())["package"]}
    assert {name: lock.get(name) for name in pins} == pins  # every pin is the lock's


def test_the_generated_reference_docs_are_current():
    """docs/cli.md and the formats table of docs/importers.md are made from the code by
    scripts/gen_docs.py; a change to a format or a command without running it fails here."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    gen_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_docs)
    assert gen_docs.stale() == []
    table = gen_docs.formats_table()
    assert "| `tiktok_follower_activity` |" in table and "holds nothing a KPI can use" in table
    reference = gen_docs.cli_reference()
    for command in ("validate", "check", "report", "save", "export", "list", "hash-password"):
        assert f"## `impact {command}`" in reference
    assert "`--expect-version` `EXPECT_VERSION`" in reference


def test_a_count_is_said_in_its_grammatical_number_never_with_a_crutch():
    crutch = re.compile(r"\w\((?:s|e|n|en|er)\)|\w/\w+räume\b")
    for lang in ("de", "en"):
        table = strings(lang)
        assert not [key for key, text in table.items() if crutch.search(text)], lang
        singular = {key.rsplit(".", 1)[0] for key in table if key.endswith(".one")}
        assert all(f"{key}.other" in table for key in singular), lang
    assert t("warning.total_rows", "de", p0="1") == "1 Summenzeile übersprungen (nie doppelt gezählt)."
    assert t("warning.total_rows", "de", p0="1.234").startswith("1.234 Summenzeilen übersprungen")
    assert t("warning.total_rows", "en", p0=2) == "2 total rows skipped (never counted twice)."
    assert t("counted.kpi_cards", "de", count=1) == "1 KPI-Karte"
    assert t("history.intro", "en", versions="1 version", sittings="1 sitting").startswith("1 version in 1 sitting.")


def test_the_first_page_loads_no_data_or_document_libraries():
    """The start page is the app's cold start: pandas, Altair, WeasyPrint and vl-convert
    load with the page or action that needs them, not with every page (measured with the
    interpreter's own import log)."""
    script = (
        "import sys; sys.path.insert(0, '.')\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('app.py', default_timeout=120).run()\n"
        "assert not at.exception, at.exception\n"
    )
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": "sqlite://"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "streamlit" in loaded
    assert not loaded & {"pandas", "altair", "weasyprint", "vl_convert", "openpyxl"}
