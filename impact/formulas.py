"""Card formulas: parsed into a tiny arithmetic language and evaluated by walking it.

A formula is user text (teams write their own cards), so it is never given to
``eval``. Only numbers, canonical metric names, ``+ - * /``, unary minus and
parentheses are accepted; everything else is refused with a reason.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

from impact.metrics import METRICS

MAX_LENGTH = 500
MAX_DEPTH = 40
MAX_NODES = 200

_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class FormulaError(ValueError):
    """Why a formula was refused; ``code`` picks the translated message."""

    def __init__(self, code: str, detail: str = "", hint: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.hint = hint


# Words people type for a metric that has a canonical name of its own.
SUGGESTIONS = {
    "likes": "reactions",
    "like": "reactions",
    "views": "impressions",
    "cost": "spend",
    "costs": "spend",
    "kosten": "spend",
    "umsatz": "revenue",
    "klicks": "clicks",
    "follower": "followers",
    "fans": "followers",
    "interaktionen": "engagements",
    "impressionen": "impressions",
    "reichweite": "reach",
    "bewerbungen": "applications",
    "einstellungen": "hires",
    "anfragen": "inquiries",
    "visits": "sessions",
    "sitzungen": "sessions",
    "purchases": "orders",
    "sales": "orders",
}


@dataclass(frozen=True)
class Formula:
    source: str
    tree: ast.expr
    inputs: tuple[str, ...]

    def evaluate_columns(self, frame: pd.DataFrame) -> npt.NDArray[Any]:
        """The formula over whole columns of a DataFrame at once (one row per period or
        segment): NaN where an input is missing or a division has no data."""
        import numpy as np

        with np.errstate(all="ignore"):  # an overflow or inf - inf becomes no number below, not a warning
            values = np.asarray(_eval_columns(self.tree, frame))  # a formula names a metric: always a column
            return np.where(np.isfinite(values), values, np.nan)

    @property
    def degree(self) -> int | None:
        """How the value grows with its inputs: 1 for a count (twice the inputs, twice
        the value), 0 for a ratio (CTR, cost per lead: the same however long the
        period), None where the parts grow differently (``leads + 1``)."""
        return _degree(self.tree)

    def evaluate(self, values: Mapping[str, float | None]) -> float | None:
        """The value for one set of inputs, or None when an input is missing or a division
        has no data: the column evaluation on one row (one arithmetic for both)."""
        import pandas as pd

        row = pd.DataFrame({name: [values.get(name)] for name in self.inputs})  # a gap (None) is NaN below
        result = float(self.evaluate_columns(row)[0])
        return None if math.isnan(result) else result


class _NoData(Exception):
    pass


def _depth_of_brackets(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


@lru_cache(maxsize=2048)
def parse(source: str) -> Formula:
    """Parse and check a formula; raises FormulaError with a reason code."""
    if not isinstance(source, str) or not source.strip():
        raise FormulaError("empty")
    if len(source) > MAX_LENGTH:
        raise FormulaError("too_long", str(MAX_LENGTH))
    if _depth_of_brackets(source) > MAX_DEPTH:
        raise FormulaError("too_deep", str(MAX_DEPTH))
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError("syntax", getattr(exc, "msg", "") or "") from None
    names: list[str] = []
    count = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise FormulaError("too_long", str(MAX_LENGTH))
        if depth > MAX_DEPTH:
            raise FormulaError("too_deep", str(MAX_DEPTH))
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS:
                raise FormulaError("operator", _op_text(node.op))
            stack += [(node.left, depth + 1), (node.right, depth + 1)]
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub | ast.UAdd):
                raise FormulaError("operator", _op_text(node.op))
            stack.append((node.operand, depth + 1))
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise FormulaError("constant", repr(node.value)[:40])
            if abs(node.value) > 1e15:
                raise FormulaError("constant", repr(node.value)[:40])
        elif isinstance(node, ast.Name):
            if node.id not in METRICS:
                hint = SUGGESTIONS.get(node.id.lower())
                raise FormulaError("unknown_metric_hint" if hint else "unknown_metric", node.id, hint or "")
            if node.id not in names:
                names.append(node.id)
        elif isinstance(node, ast.Call):
            raise FormulaError("call")
        elif isinstance(node, ast.Attribute):
            raise FormulaError("attribute")
        else:
            raise FormulaError("element", type(node).__name__)
    if not names:
        raise FormulaError("no_metric")
    return Formula(source=source, tree=tree, inputs=tuple(sorted(names)))


# Every operator Python has besides the four a formula may use, as it is written.
_REFUSED_OPERATORS: dict[type[ast.AST], str] = {
    ast.Pow: "**",
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.MatMult: "@",
    ast.Not: "not",
    ast.Invert: "~",
}


def _op_text(op: ast.AST) -> str:
    return _REFUSED_OPERATORS[type(op)]


def _degree(node: ast.expr) -> int | None:
    if isinstance(node, ast.Name):
        return 1
    if isinstance(node, ast.UnaryOp):
        return _degree(node.operand)
    if isinstance(node, ast.BinOp):
        left, right = _degree(node.left), _degree(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Mult):
            return left + right
        if isinstance(node.op, ast.Div):
            return left - right
        return left if left == right else None  # a sum of a count and a number has no degree
    return 0  # a constant: parse() admits nothing else


def _constant(node: ast.Constant) -> float:
    # parse() admits only int and float constants; a bool or text never reaches here.
    value = node.value
    if isinstance(value, int | float):
        return float(value)
    raise _NoData


def _eval_columns(node: ast.expr, frame: pd.DataFrame) -> npt.NDArray[Any] | float:
    import numpy as np

    if isinstance(node, ast.Constant):
        return _constant(node)
    if isinstance(node, ast.Name):
        if node.id not in frame:
            return np.full(len(frame), np.nan)
        return frame[node.id].to_numpy(dtype=float)  # a gap (None, NA) is NaN
    if isinstance(node, ast.UnaryOp):
        operand = _eval_columns(node.operand, frame)
        return -operand if isinstance(node.op, ast.USub) else operand
    assert isinstance(node, ast.BinOp)  # parse() admits nothing else
    left, right = _eval_columns(node.left, frame), _eval_columns(node.right, frame)
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    # numpy's division, also of two constants: x / 0 is inf or nan, made no number by the caller
    divided: npt.NDArray[Any] | float = np.divide(left, right)
    return divided


def evaluate(source: str, values: Mapping[str, float | None]) -> float | None:
    return parse(source).evaluate(values)
