"""Reading and writing the strategy file (``format: impact-strategy/1``).

Every problem is reported with the path of the key it concerns (``kpis[2].owner``),
so that a person fixing a file by hand knows where to look. Messages are codes
plus details; ``impact.i18n`` turns them into German or English.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

from impact.deck import check_card
from impact.locale import locale_for
from impact.model import FORMAT_VERSION, Card, Strategy
from impact.yaml_safe import TooLarge, dump_yaml, load_yaml_text

_FORMAT_RE = re.compile(r"^impact-strategy/(\d{1,6})$")


@dataclass(frozen=True)
class Problem:
    path: str
    code: str
    detail: str = ""


class StrategyFileError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.path or '(file)'}: {p.code} {p.detail}".strip() for p in problems))
        self.problems = problems


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_PYDANTIC_CODES = {
    "extra_forbidden": "unknown_key",
    "missing": "missing",
    "literal_error": "not_allowed",
    "string_type": "expected_text",
    "float_parsing": "expected_number",
    "float_type": "expected_number",
    "int_parsing": "expected_number",
    "int_type": "expected_number",
    "bool_parsing": "expected_bool",
    "bool_type": "expected_bool",
    "date_parsing": "expected_date",
    "date_from_datetime_parsing": "expected_date",
    "date_type": "expected_date",
    "list_type": "expected_list",
    "model_type": "expected_mapping",
    "dict_type": "expected_mapping",
    "string_too_long": "too_long",
    "string_too_short": "empty",
    "string_pattern_mismatch": "bad_id",
}


def problems_from_validation(exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        code = _PYDANTIC_CODES.get(err["type"], "invalid")
        detail = ""
        if code == "not_allowed":
            detail = str(err.get("ctx", {}).get("expected", ""))
        elif code == "invalid":
            detail = str(err.get("msg", ""))[:200]
        problems.append(Problem(_path(loc), code, detail))
    return problems


_FORMULA_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w.,])|(?<![\w.,])\d(?![\w.,])")


def _formula_numbers_in_language(data: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """A custom card's formula is numbers as the file's language writes them: in a German
    file ``12,5`` is twelve and a half, and ``1.000`` reads two ways (a thousand, or one
    as a decimal point writes it): refused with both readings, never guessed. In an
    English file ``1,000`` is a thousand. The formulas come back in canonical form."""
    cards = data.get("custom_cards")
    if not isinstance(cards, list):
        return data, []
    signs = locale_for(str(data.get("language") or Strategy.model_fields["language"].default))
    grouped = re.compile(rf"^[1-9]\d{{0,2}}(?:{re.escape(signs.group)}\d{{3}})+$")
    problems: list[Problem] = []
    read: list[Any] = []
    for index, card in enumerate(cards):
        if not isinstance(card, dict) or not isinstance(card.get("formula"), str):
            read.append(card)
            continue

        def canonical(match: re.Match[str], index: int = index) -> str:
            token = match.group(0)
            if grouped.match(token):
                whole = token.replace(signs.group, "")
                if (
                    signs.group == "." and token.count(".") == 1
                ):  # 1.000: a thousand, or one (1.000.000: only a million)
                    problems.append(
                        Problem(
                            f"custom_cards[{index}].formula", "number_two_ways", f"{token}|{float(token):g}|{whole}"
                        )
                    )
                return whole
            if signs.decimal == "," and token.count(",") == 1 and "." not in token:
                return token.replace(",", ".")  # 12,5 in a German file
            return token

        read.append({**card, "formula": _FORMULA_NUMBER.sub(canonical, card["formula"])})
    return {**data, "custom_cards": read}, problems


def _formula_in_language(formula: str, lang: str) -> str:
    """The canonical formula written as the file's language writes numbers (12.5 → 12,5
    in German), so that reading the file back never meets a number that reads two ways."""
    if locale_for(lang).decimal != ",":
        return formula
    return _FORMULA_NUMBER.sub(lambda m: m.group(0).replace(".", ","), formula)


def parse_strategy_data(data: Any) -> Strategy:
    """Validate an already-parsed document (from YAML, JSON or the database)."""
    if not isinstance(data, dict):
        raise StrategyFileError([Problem("", "not_a_mapping")])
    fmt = data.get("format")
    if fmt is None:
        raise StrategyFileError([Problem("format", "format_missing")])
    match = _FORMAT_RE.match(str(fmt))
    if not match:
        raise StrategyFileError([Problem("format", "format_unknown", str(fmt)[:80])])
    if int(match.group(1)) > FORMAT_VERSION:
        raise StrategyFileError([Problem("format", "format_newer", str(fmt))])
    try:
        return Strategy.model_validate(data)
    except ValidationError as exc:
        raise StrategyFileError(problems_from_validation(exc)) from None
    except RecursionError:
        raise StrategyFileError([Problem("", "too_deep")]) from None


def parse_strategy(text: str | bytes) -> Strategy:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StrategyFileError([Problem("", "not_utf8")]) from None
    try:
        data = load_yaml_text(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f"{mark.line + 1}" if mark else "?"
        raise StrategyFileError([Problem(f"line {line}", "yaml_syntax", str(exc.problem or ""))]) from None
    except yaml.YAMLError as exc:
        raise StrategyFileError([Problem("", "yaml_syntax", str(exc)[:200])]) from None
    except TooLarge as exc:
        raise StrategyFileError([Problem("", "too_large", str(exc))]) from None
    except ValueError as exc:  # e.g. a date that does not exist: deadline: 2027-02-30
        raise StrategyFileError([Problem("", "invalid", str(exc)[:200])]) from None
    except RecursionError:
        raise StrategyFileError([Problem("", "too_deep")]) from None
    if isinstance(data, dict):  # a file a person may have written: its numbers in its language
        data, number_problems = _formula_numbers_in_language(data)
        if number_problems:
            raise StrategyFileError(number_problems)
    return parse_strategy_data(data)


def strategy_to_data(strategy: Strategy) -> dict[str, Any]:
    """The canonical document (the database, diffs, merges): formulas as Python writes numbers."""
    return strategy.model_dump(mode="json", exclude_none=True)


def strategy_to_yaml(strategy: Strategy) -> str:
    """The strategy file a person reads and edits: numbers as its language writes them."""
    data = strategy_to_data(strategy)
    for card in data.get("custom_cards", []):
        card["formula"] = _formula_in_language(card["formula"], strategy.language)
    return dump_yaml(data)


def strategy_to_json(strategy: Strategy) -> str:
    return json.dumps(strategy_to_data(strategy), ensure_ascii=False, separators=(",", ":"))


def check_references(strategy: Strategy, cards: dict[str, Card]) -> list[Problem]:
    """What the schema cannot see: cards, goals and ids that must exist or be unique."""
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    problems: list[Problem] = []
    goal_ids = [g.id for g in strategy.goals]
    for index, goal_id in enumerate(goal_ids):
        if goal_ids.index(goal_id) != index:
            problems.append(Problem(f"goals[{index}].id", "duplicate_id", goal_id))
    kpi_ids = [k.id for k in strategy.kpis]
    for index, kpi in enumerate(strategy.kpis):
        if kpi_ids.index(kpi.id) != index:
            problems.append(Problem(f"kpis[{index}].id", "duplicate_id", kpi.id))
        if kpi.card not in known:
            problems.append(Problem(f"kpis[{index}].card", "unknown_card", kpi.card))
        if kpi.goal is not None and kpi.goal not in goal_ids:
            problems.append(Problem(f"kpis[{index}].goal", "unknown_goal", kpi.goal))
    for index, card in enumerate(strategy.custom_cards):
        if card.id in cards:
            problems.append(Problem(f"custom_cards[{index}].id", "card_id_taken", card.id))
        for text in check_card(card):
            problems.append(Problem(f"custom_cards[{index}]", "invalid", text))
    return problems
