"""The strategy file: round trip, and every problem reported with the key's path."""

from pathlib import Path

import pytest

from impact.strategy_file import (
    StrategyFileError,
    check_references,
    parse_strategy,
    strategy_to_yaml,
)
from impact.wording import problem_text

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "employer-branding.yaml"

MINIMAL = "format: impact-strategy/1\nname: Test\n"


def problems_of(text: str):
    with pytest.raises(StrategyFileError) as info:
        parse_strategy(text)
    return [(p.path, p.code) for p in info.value.problems]


def test_example_file_reads_and_round_trips(deck):
    strategy = parse_strategy(EXAMPLE.read_bytes())
    assert strategy.name == "Employer Branding 2027"
    assert strategy.goals[0].deadline.isoformat() == "2027-12-31"
    assert check_references(strategy, deck.cards) == []
    again = parse_strategy(strategy_to_yaml(strategy))
    assert again == strategy


def test_design_doc_example_reads():
    text = """
format: impact-strategy/1
name: Employer Branding 2027
organisation: Beispiel GmbH
language: de
industry_profile: recruiting
goals:
  - id: hires
    title: 12 Einstellungen über Social Media bis Q4
    area: recruiting
    hard: true
    deadline: 2027-12-31
kpis:
  - card: application-rate
    stage: conversion
    goal: hires
    target: 5
    baseline: 2.1
    period: month
    owner: {department: hr, person: Anna Schmidt, source: Bewerbermanagement}
    channel: linkedin
custom_cards: []
"""
    strategy = parse_strategy(text)
    assert strategy.kpis[0].owner.person == "Anna Schmidt"
    assert strategy.kpis[0].target == 5


def test_unknown_key_is_refused_with_its_path():
    text = MINIMAL + "kpis:\n  - card: reach\n    stage: awareness\n    owner: {department: hr, colour: red}\n"
    assert problems_of(text) == [("kpis[0].owner.colour", "unknown_key")]


def test_top_level_typo_is_refused():
    assert problems_of(MINIMAL + "goal: []\n") == [("goal", "unknown_key")]


def test_newer_format_is_refused_clearly():
    assert problems_of("format: impact-strategy/2\nname: x\n") == [("format", "format_newer")]
    message = problem_text("format", "format_newer", "impact-strategy/2", "en")
    assert "newer version" in message and "impact-strategy/2" in message


def test_missing_or_foreign_format():
    assert problems_of("name: x\n") == [("format", "format_missing")]
    assert problems_of("format: something-else\nname: x\n") == [("format", "format_unknown")]


def test_wrong_types_name_the_field():
    text = MINIMAL + "goals:\n  - title: G\n    hard: maybe\n    deadline: soon\n"
    assert set(problems_of(text)) == {("goals[0].hard", "expected_bool"), ("goals[0].deadline", "expected_date")}


def test_wrong_stage_lists_allowed_values():
    text = MINIMAL + "kpis:\n  - card: reach\n    stage: awarenes\n"
    assert problems_of(text) == [("kpis[0].stage", "not_allowed")]


def test_yaml_syntax_error_names_the_line():
    [(path, code)] = problems_of("format: impact-strategy/1\nname: [unclosed\n")
    assert code == "yaml_syntax" and path.startswith("line ")


def test_alias_bomb_is_refused_before_it_expands():
    bomb = "format: impact-strategy/1\nname: x\na: &a [x, x, x, x, x, x, x, x, x]\n"
    bomb += "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, n in zip("abcdefgh", "bcdefghi")
    )
    assert problems_of(bomb) == [("", "yaml_syntax")]


def test_not_a_mapping_and_not_utf8():
    assert problems_of("- just\n- a list\n") == [("", "not_a_mapping")]
    assert problems_of(b"\xff\xfe\x00bad") == [("", "not_utf8")]


def test_references_to_unknown_cards_and_goals(deck):
    strategy = parse_strategy(MINIMAL + "kpis:\n  - card: no-such-card\n    stage: awareness\n    goal: ghost\n")
    problems = [(p.path, p.code) for p in check_references(strategy, deck.cards)]
    assert problems == [("kpis[0].card", "unknown_card"), ("kpis[0].goal", "unknown_goal")]


def test_custom_card_with_bad_formula_is_reported(deck):
    text = MINIMAL + (
        "custom_cards:\n  - id: mine\n    stage: awareness\n    kind: kpi\n    title: {en: Mine}\n"
        "    question: {en: Q}\n    formula: __import__('os')\n    unit: '%'\n    inputs: []\n"
    )
    strategy = parse_strategy(text)
    [problem] = check_references(strategy, deck.cards)
    assert problem.path == "custom_cards[0]" and "formula" in problem.detail


def test_every_problem_code_has_a_message_in_both_languages():
    from impact.strategy_file import _PYDANTIC_CODES

    codes = set(_PYDANTIC_CODES.values()) | {
        "not_a_mapping",
        "format_missing",
        "format_unknown",
        "format_newer",
        "not_utf8",
        "yaml_syntax",
        "too_large",
        "too_deep",
        "duplicate_id",
        "unknown_card",
        "unknown_goal",
        "card_id_taken",
        "invalid",
    }
    from impact.i18n import strings

    for lang in ("de", "en"):
        missing = {code for code in codes if f"problem.{code}" not in strings(lang)}
        assert not missing, (lang, missing)


# --- numbers in a custom card's formula, as the file's language writes them ------------------

_PLAN = """format: impact-strategy/1
name: Bäckerei
language: {lang}
goals: [{{id: g, title: G, area: revenue, hard: true}}]
kpis: [{{card: c1, stage: conversion, goal: g, target: 2, period: month, owner: {{department: sales}}}}]
custom_cards:
  - {{id: c1, stage: conversion, kind: kpi, title: {{de: Vorbestellungen je Reichweite, en: Pre-orders per reach}},
     question: {{de: q, en: q}}, formula: "{formula}", unit: count, direction: up,
     inputs: [orders, reach], owner: sales}}
"""


def _formula(lang: str, formula: str) -> str:
    from impact.strategy_file import parse_strategy

    return parse_strategy(_PLAN.format(lang=lang, formula=formula)).custom_cards[0].formula


def test_a_german_file_whose_formula_says_1_000_is_refused_with_both_readings():
    from impact.strategy_file import StrategyFileError, parse_strategy
    from impact.wording import problem_text

    with pytest.raises(StrategyFileError) as info:
        parse_strategy(_PLAN.format(lang="de", formula="orders / reach * 1.000"))
    [problem] = info.value.problems
    assert (problem.path, problem.code) == ("custom_cards[0].formula", "number_two_ways")
    said = problem_text(problem.path, problem.code, problem.detail, "de")
    assert "„1.000“" in said and "als 1 " in said and "als 1000 " in said


@pytest.mark.parametrize(
    ("lang", "typed", "canonical"),
    [
        ("de", "orders / reach * 12,5", "orders / reach * 12.5"),  # a German decimal comma
        ("de", "orders / reach * 1000", "orders / reach * 1000"),
        ("de", "orders / reach * 0.125", "orders / reach * 0.125"),  # no German groups thousands like that
        ("de", "orders / reach * 1.000.000", "orders / reach * 1000000"),  # only a million reads so
        ("en", "orders / reach * 1,000", "orders / reach * 1000"),  # an English thousands comma
        ("en", "orders / reach * 1.000", "orders / reach * 1.000"),  # an English decimal point: one
    ],
)
def test_a_formula_is_read_in_its_files_language(lang, typed, canonical):
    assert _formula(lang, typed) == canonical


@pytest.mark.parametrize("constant", ["1.125", "2.5", "1000", "0.001"])
def test_a_german_strategy_with_any_constant_survives_its_own_file(constant):
    from impact.formulas import parse
    from impact.strategy_file import parse_strategy, strategy_to_yaml

    strategy = parse_strategy(_PLAN.format(lang="en", formula=f"orders / reach * {constant}"))
    german = strategy.model_copy(update={"language": "de"})
    written = strategy_to_yaml(german)
    back = parse_strategy(written)
    assert back.custom_cards[0].formula == german.custom_cards[0].formula
    assert parse(back.custom_cards[0].formula).tree is not None
