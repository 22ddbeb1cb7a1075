"""Formulas as people write and read them, in German or English.

A team types ``Bestellungen ÷ Reichweite × 1.000``; the strategy file keeps the
canonical form ``orders / reach * 1000`` (metric ids, ``+ - * /``, numbers as Python
writes them), which :mod:`impact.formulas` parses and evaluates. This module goes both
ways:

- :func:`from_typed` reads what was typed: metric names in either language (the
  metric list's labels, with or without their note in brackets, or the id), the
  operators ``× · *`` and ``÷ : /``, and numbers in the reader's convention (``1.000``
  is a thousand in German; a number that reads two ways is refused with both readings).
- :func:`in_words` writes a canonical formula back in the reader's words.
"""

from __future__ import annotations

import ast
import difflib
import re
from functools import lru_cache

from impact.formatting import format_number
from impact.formulas import MAX_LENGTH, SUGGESTIONS, FormulaError, parse
from impact.i18n import t
from impact.metrics import METRICS
from impact.numbers import NumberError, one_way_spellings, read_number

OPERATORS = {
    "+": "+",
    "-": "-",
    "\u2212": "-",  # the minus sign of typeset text
    "*": "*",
    "×": "*",
    "·": "*",
    "/": "/",
    "÷": "/",
    ":": "/",
    "(": "(",
    ")": ")",
}
_NUMBER = re.compile(r"[0-9][0-9.,]*")
_WORD = re.compile(r"[^\W\d][\w-]*")
_NOTE = re.compile(r"\s*\([^)]*\)\s*$")


def short_label(metric: str, lang: str) -> str:
    """The metric's label without its note in brackets: 'Reichweite', not
    'Reichweite (einzelne Personen)' — the word a formula reads best with."""
    known = METRICS.get(metric)
    if known is None:
        return metric
    label = known.label(lang)
    return _NOTE.sub("", label) or label


@lru_cache(maxsize=1)
def names() -> tuple[tuple[str, str], ...]:
    """Every name a formula may use for a metric, folded, longest first: ids, labels in
    both languages, and the labels without their notes."""
    table: dict[str, str] = {}
    for metric in METRICS.values():
        for name in (metric.name, metric.de, metric.en, short_label(metric.name, "de"), short_label(metric.name, "en")):
            table.setdefault(name.casefold(), metric.name)
    return tuple(sorted(table.items(), key=lambda item: -len(item[0])))


def _name_at(text: str, folded: str, position: int) -> tuple[str, int] | None:
    for name, metric in names():
        end = position + len(name)
        if folded.startswith(name, position) and (end >= len(text) or not (text[end].isalnum() or text[end] == "_")):
            return metric, end
    return None


def _number_text(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _unknown(word: str, lang: str) -> FormulaError:
    hint = SUGGESTIONS.get(word.casefold())
    if hint is None:
        close = difflib.get_close_matches(word.casefold(), [n for n, _m in names()], n=1, cutoff=0.8)
        hint = dict(names())[close[0]] if close else None
    if hint is not None:
        return FormulaError("unknown_metric_hint", word, short_label(hint, lang))
    return FormulaError("unknown_metric", word)


def error_text(error: FormulaError, lang: str) -> str:
    """Why a formula was refused, in the reader's language."""
    if error.code == "ambiguous_number":
        readings, small, large = [*error.hint.split("|"), "", "", ""][:3]
        return t("formula.ambiguous_number", lang, detail=error.detail, hint=readings, small=small, large=large)
    return t(f"formula.{error.code}", lang, detail=error.detail, hint=error.hint)


def two_readings(first: str, second: str, lang: str) -> str:
    return t("common.two_readings", lang, first=first, second=second)


def from_typed(text: str, lang: str) -> str:
    """The canonical formula for what was typed; FormulaError (with a reason code) if it
    cannot be read. Everything the canonical parser refuses is refused here too."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("empty")
    if len(text) > MAX_LENGTH:
        raise FormulaError("too_long", str(MAX_LENGTH))
    folded = text.casefold()
    if len(folded) != len(text):  # a character whose folding changes the length: compare as typed
        folded = text.lower()
    tokens: list[str] = []
    position = 0
    gap = False  # whitespace before the next token, as typed: '* *' is not '**'

    def emit(token: str) -> None:
        nonlocal gap
        joined = tokens and (gap or (tokens[-1][-1].isalnum() and token[0].isalnum()))
        tokens.append((" " if joined else "") + token)
        gap = False

    while position < len(text):
        char = text[position]
        if char.isspace():
            gap = True
            position += 1
            continue
        if char.isalpha() or char == "_":
            found = _name_at(text, folded, position)
            if found is not None:
                emit(found[0])
                position = found[1]
                continue
            word = _WORD.match(text, position)
            raise _unknown(word.group(0) if word else char, lang)
        if char.isdigit():
            number = _NUMBER.match(text, position)
            assert number is not None  # a digit always starts one
            raw = number.group(0).rstrip(".,")
            try:
                value = read_number(raw, lang)
            except NumberError as error:
                if error.readings:
                    first, second = (format_number(v, lang, decimals=6) for v in error.readings)
                    small, large = one_way_spellings(error.readings, lang)
                    readings = two_readings(first, second, lang)
                    raise FormulaError("ambiguous_number", raw, f"{readings}|{small}|{large}") from None
                raise FormulaError("syntax", raw) from None
            emit(_number_text(value))
            position += len(raw)
            continue
        # an operator, or a character left for the parser to refuse with its own reason
        emit(OPERATORS.get(char, char))
        position += 1
    return ast.unparse(parse("".join(tokens)).tree)


_PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
_SIGNS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}


def _words(node: ast.expr, lang: str, outer: int, right_of_strict: bool) -> str:
    if isinstance(node, ast.Name):
        return short_label(node.id, lang)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return format_number(float(node.value), lang, decimals=6)
    if isinstance(node, ast.UnaryOp):
        inner = _words(node.operand, lang, 3, False)
        return f"−{inner}" if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp) and type(node.op) in _PRECEDENCE:
        precedence = _PRECEDENCE[type(node.op)]
        strict = isinstance(node.op, ast.Sub | ast.Div)  # a − (b − c) is not (a − b) − c
        text = (
            f"{_words(node.left, lang, precedence, False)} {_SIGNS[type(node.op)]} "
            f"{_words(node.right, lang, precedence, strict)}"
        )
        if precedence < outer or (precedence == outer and right_of_strict):
            return f"({text})"
        return text
    return ast.unparse(node)


def inputs_in_order(source: str) -> list[str]:
    """The metrics a formula names, in the order a reader meets them."""
    found: list[str] = []

    def visit(node: ast.expr) -> None:
        if isinstance(node, ast.Name) and node.id not in found:
            found.append(node.id)
        elif isinstance(node, ast.BinOp):
            visit(node.left)
            visit(node.right)
        elif isinstance(node, ast.UnaryOp):
            visit(node.operand)

    visit(parse(source).tree)
    return found


def in_words(source: str, lang: str) -> str:
    """A canonical formula in the reader's words: 'Bestellungen ÷ Reichweite × 1.000'.
    A formula that does not parse is shown as it is."""
    try:
        formula = parse(source)
    except FormulaError:
        return source
    return _words(formula.tree, lang, 0, False)
