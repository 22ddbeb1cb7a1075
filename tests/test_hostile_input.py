"""Hostile and broken strategy files and formulas: refused with a reason and the place
of the problem, in bounded time and memory; never a crash, never a hang.

Property-based (hypothesis): FUZZ_EXAMPLES cases per target (60 in the normal run,
10,000 in ``bench/bench_fuzz.py``). Uploads are fuzzed in test_importers_fuzz.py.
"""

from __future__ import annotations

import json
import resource
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from impact.formulas import FormulaError, parse
from impact.strategy_file import StrategyFileError, parse_strategy, strategy_to_data
from tests.fuzz_support import FUZZ, case

EXAMPLE = (Path(__file__).resolve().parent.parent / "examples" / "employer-branding.yaml").read_text(encoding="utf-8")
EXAMPLE_DATA = strategy_to_data(parse_strategy(EXAMPLE))


def _strategy(target: str, text: str | bytes) -> list:
    """Parse; returns the problems (empty when the file is valid). Anything else is a bug."""
    with case(target, lambda: repr(text)) as outcome:
        try:
            parse_strategy(text)
        except StrategyFileError as exc:
            outcome["refused"] = True
            assert exc.problems and all(p.code for p in exc.problems)
            return exc.problems
    return []


# --- strategy files -------------------------------------------------------------------------


@FUZZ
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=2000)))
def test_random_bytes_and_text_as_a_strategy_file(data):
    _strategy("strategy: random", data)


@FUZZ
@given(st.data())
def test_mangled_yaml_of_a_real_strategy(draw):
    text = list(EXAMPLE)
    for _ in range(draw.draw(st.integers(1, 8))):
        if not text:
            break
        position = draw.draw(st.integers(0, len(text) - 1))
        action = draw.draw(st.sampled_from(["cut", "flip", "insert", "delete", "indent"]))
        if action == "cut":
            del text[position:]
        elif action == "flip":
            text[position] = draw.draw(st.characters())
        elif action == "insert":
            text[position:position] = draw.draw(
                st.sampled_from(["&a ", "*a", ": ", "- ", "!!python/object ", "{", "'"])
            )
        elif action == "delete":
            del text[position : position + draw.draw(st.integers(1, 40))]
        else:
            text[position:position] = "  "
    _strategy("strategy: mangled yaml", "".join(text))


@FUZZ
@given(st.integers(2, 12), st.integers(2, 12), st.sampled_from(["list", "map"]))
def test_alias_bombs_are_refused_before_they_expand(width, depth, shape):
    """'Billion laughs': each level refers to the one before ``width`` times."""
    lines = ["format: impact-strategy/1", "name: bomb", "l0: &l0 [lol]"]
    for level in range(1, depth + 1):
        refs = ", ".join(f"*l{level - 1}" for _ in range(width))
        body = f"[{refs}]" if shape == "list" else "{" + ", ".join(f"k{i}: *l{level - 1}" for i in range(width)) + "}"
        lines.append(f"l{level}: &l{level} {body}")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problems = _strategy("strategy: alias bomb", "\n".join(lines))
    assert problems  # refused: aliases are never expanded, and the keys are unknown anyway
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 200, f"an alias bomb of {width}^{depth} grew the process by {grown_mib:.0f} MiB"


LIMITS = {"name": 200, "organisation": 200, "goals.0.title": 300, "kpis.0.owner.person": 100, "kpis.0.channel": 100}


@FUZZ
@given(
    st.sampled_from(sorted(LIMITS)),
    st.one_of(st.integers(1, 400), st.integers(401, 3_000_000)),
    st.sampled_from(["x", "ü", "😀", "<script>", "{{7*7}}"]),
)
def test_huge_strings_are_refused_at_their_path(path, length, unit):
    data = _with(EXAMPLE_DATA, path, (unit * (length // len(unit) + 1))[:length])
    # JSON is YAML too, and dumps megabytes in C (the pure-Python YAML dumper would be the slow part here)
    problems = _strategy("strategy: huge string", json.dumps(data, ensure_ascii=False))
    if length <= LIMITS[path]:
        assert problems == []
    else:
        where = _yaml_path(path)
        assert any(p.path == where or p.code == "too_large" for p in problems), (where, problems)


_wrong_values = st.one_of(
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
_paths = st.sampled_from(
    [
        "format",
        "name",
        "language",
        "industry_profile",
        "goals",
        "goals.0",
        "goals.0.hard",
        "goals.0.deadline",
        "goals.0.area",
        "kpis",
        "kpis.0",
        "kpis.0.stage",
        "kpis.0.target",
        "kpis.0.period",
        "kpis.0.owner",
        "kpis.0.owner.department",
        "departments",
        "parking_lot",
        "custom_cards",
    ]
)


@FUZZ
@given(_paths, _wrong_values)
def test_wrong_types_are_refused_with_the_path_of_the_problem(path, value):
    data = _with(EXAMPLE_DATA, path, value)
    problems = _strategy("strategy: wrong type", yaml.safe_dump(data, allow_unicode=True))
    if problems:
        where = _yaml_path(path)
        assert any(
            p.path.startswith(where)
            or (p.path == "" and p.code in ("format_missing", "not_a_mapping"))
            or p.path.startswith("format")
            for p in problems
        ), (where, problems)


def _with(data: dict, dotted: str, value: object) -> dict:
    import copy

    data = copy.deepcopy(data)
    node: Any = data  # dicts and lists, as the YAML holds them
    keys = [int(k) if k.isdigit() else k for k in dotted.split(".")]
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    return data


def _yaml_path(dotted: str) -> str:
    """'kpis.0.owner.person' as the app writes it: 'kpis[0].owner.person'."""
    out = ""
    for part in dotted.split("."):
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


# --- formulas -------------------------------------------------------------------------------

_hostile_atoms = st.sampled_from(
    [
        "__import__('os')",
        "__import__('os').system('id')",
        "leads.__class__",
        "leads.__class__.__mro__[1].__subclasses__()",
        "(lambda: 1)()",
        "open('/etc/passwd')",
        "eval('1')",
        "exec('x=1')",
        "globals()",
        "9**9**9",
        "10**10**10",
        "leads ** 2",
        "[x for x in range(10**9)]",
        "'a' * 10**9",
        "leads if clicks else 0",
        "leads; clicks",
        "leads := 1",
        "leads[0]",
        "leads and clicks",
        "not leads",
        "leads < clicks",
        "1e308 * 1e308",
        "0x10",
        "leads @ clicks",
        "{}",
        "...",
        "f'{leads}'",
    ]
)


def _formula(text: str, target: str) -> None:
    with case(f"formula: {target}", lambda: repr(text)) as outcome:
        try:
            parse(text)
        except FormulaError as exc:
            outcome["refused"] = True
            assert exc.code


@FUZZ
@given(
    st.lists(st.one_of(_hostile_atoms, st.sampled_from(["leads", "clicks", "2"])), min_size=1, max_size=6),
    st.sampled_from([" + ", " * ", " / ", " - ", ", ", " "]),
)
def test_hostile_formulas_are_refused(parts, glue):
    text = glue.join(parts)
    _formula(text, "hostile")
    if any(atom in text for atom in ("__", "lambda", "open(", "eval", "exec", "**", "globals")):
        try:
            parse(text)
        except FormulaError:
            pass
        else:
            raise AssertionError(f"accepted a hostile formula: {text!r}")


@FUZZ
@given(st.integers(1, 300_000), st.sampled_from(["(", "-", "+", "leads + ", "(leads * "]))
def test_deep_and_long_formulas_are_refused_in_bounded_time(size, unit):
    text = unit * size + "leads" + (")" * size if "(" in unit else "")
    _formula(text, "deep or long")


@FUZZ
@given(st.text(max_size=400))
def test_any_text_as_a_formula(text):
    _formula(text, "any text")
