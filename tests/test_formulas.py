"""The formula language: right numbers, and refusal of anything that is not arithmetic."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.formulas import MAX_LENGTH, FormulaError, evaluate, parse
from tests.hang_guard import no_hang


def test_ratio_of_inputs():
    assert evaluate("applications / engagements * 100", {"applications": 15, "engagements": 250}) == 6.0


def test_brackets_and_unary_minus():
    assert evaluate("(revenue - spend) / spend * 100", {"revenue": 1500, "spend": 500}) == 200.0
    assert evaluate("-spend + revenue", {"revenue": 10, "spend": 4}) == 6.0


def test_division_by_zero_is_no_data_not_zero():
    assert evaluate("leads / clicks", {"leads": 3, "clicks": 0}) is None


def test_missing_input_is_no_data():
    assert evaluate("leads / clicks", {"leads": 3}) is None
    assert evaluate("leads / clicks", {"leads": 3, "clicks": None}) is None


def test_inputs_are_the_metrics_named():
    assert parse("mentions / (mentions + competitor_mentions) * 100").inputs == ("competitor_mentions", "mentions")


@pytest.mark.parametrize(
    ("formula", "code"),
    [
        ("__import__('os').system('echo hi')", "call"),
        ("leads.__class__", "attribute"),
        ("().__class__.__bases__[0]", "element"),
        ("9**9**9", "operator"),
        ("leads ** 2", "operator"),
        ("leads // 2", "operator"),
        ("leads % 2", "operator"),
        ("open('/etc/passwd')", "call"),
        ("lambda: 1", "element"),
        ("[leads]", "element"),
        ("leads if clicks else spend", "element"),
        ("leads < clicks", "element"),
        ("leads[0]", "element"),
        ("'text'", "constant"),
        ("True + leads", "constant"),
        ("(x := leads)", "element"),
        ("likes / 2", "unknown_metric_hint"),
        ("fans_total / 2", "unknown_metric"),
        ("eval", "unknown_metric"),
        ("42", "no_metric"),
        ("leads +", "syntax"),
        ("", "empty"),
        ("1e300 * leads", "constant"),
    ],
)
def test_hostile_and_wrong_formulas_are_refused_with_a_reason(formula, code):
    with pytest.raises(FormulaError) as info:
        parse(formula)
    assert info.value.code == code


def test_deep_nesting_and_long_expressions_are_refused_without_hanging():
    with no_hang():
        _refuse_the_monsters()


def _refuse_the_monsters():
    with pytest.raises(FormulaError) as deep:
        parse("(" * 200 + "leads" + ")" * 200)
    with pytest.raises(FormulaError) as long:
        parse(" + ".join(["leads"] * 1000))
    with pytest.raises(FormulaError) as many:
        parse("+".join(["1"] * 200) + "+leads")  # short enough, but a chain 200 deep
    assert (deep.value.code, long.value.code, many.value.code) == ("too_deep", "too_long", "too_deep")
    with pytest.raises(FormulaError) as huge:
        parse("(" * 100_000)
    assert huge.value.code == "too_long"


_names = st.sampled_from(["leads", "clicks", "spend", "revenue", "sessions", "reach"])
_leaves = st.one_of(_names, st.integers(min_value=0, max_value=10**6).map(str))
_expressions = st.recursive(
    _leaves,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        inner.map(lambda e: f"({e})"),
        inner.map(lambda e: f"-{e}"),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    _expressions,
    st.dictionaries(
        st.sampled_from(["leads", "clicks", "spend", "revenue", "sessions", "reach"]),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    ),
)
def test_generated_formulas_evaluate_like_python_arithmetic(expression, values):
    """The walker agrees with Python's own arithmetic on every formula the grammar allows."""
    try:
        formula = parse(expression)
    except FormulaError as exc:
        assert exc.code in ("no_metric", "too_deep", "too_long")
        return
    result = formula.evaluate(values)
    if any(name not in values for name in formula.inputs):
        assert result is None
        return
    try:
        # The oracle: Python itself, on arithmetic the grammar generated (tests only; S rules are off here).
        expected = eval(expression, {"__builtins__": {}}, dict(values))
    except ZeroDivisionError:
        assert result is None
        return
    if expected != expected or abs(expected) == float("inf"):
        assert result is None
    else:
        assert result == pytest.approx(expected, rel=1e-9, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=MAX_LENGTH + 20))
def test_any_text_is_either_a_formula_or_a_reason(text):
    try:
        formula = parse(text)
    except FormulaError as exc:
        assert exc.code
    else:
        value = formula.evaluate(dict.fromkeys(formula.inputs, 2.0))
        assert value is None or isinstance(value, float)


@pytest.mark.parametrize(
    ("formula", "written"),
    [
        ("leads ** 2", "**"),
        ("leads % 2", "%"),
        ("leads // 2", "//"),
        ("leads & clicks", "&"),
        ("leads | clicks", "|"),
        ("leads ^ clicks", "^"),
        ("leads << 2", "<<"),
        ("leads >> 2", ">>"),
        ("leads @ clicks", "@"),
        ("not leads", "not"),
        ("~leads", "~"),
    ],
)
def test_a_refused_operator_is_named_as_it_is_written(formula, written):
    with pytest.raises(FormulaError) as info:
        parse(formula)
    assert (info.value.code, info.value.detail) == ("operator", written)
    assert str(info.value) == f"operator: {written}"


def test_a_reason_without_detail_is_just_its_code():
    with pytest.raises(FormulaError) as info:
        parse("42")
    assert (str(info.value), info.value.detail, info.value.hint) == ("no_metric", "", "")
    with pytest.raises(FormulaError) as hinted:
        parse("likes / 2")
    assert (hinted.value.detail, hinted.value.hint) == ("likes", "reactions")


def test_a_plus_sign_changes_nothing_and_a_minus_sign_the_sign():
    assert evaluate("+leads", {"leads": 3.0}) == 3.0
    assert evaluate("-leads", {"leads": 3.0}) == -3.0


def test_an_overflow_or_an_undefined_result_is_no_number():
    huge = {"clicks": 1e300, "leads": 1e300}
    assert evaluate("clicks * 1e15", huge) is None  # inf
    assert evaluate("clicks * 1e15 - leads * 1e15", huge) is None  # inf - inf is nan
    assert evaluate("clicks * 2", {"clicks": 1e300}) == 2e300  # large, but a number


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("", 0),
        ("clicks", 0),
        ("(clicks)", 1),
        ("((clicks))", 2),
        ("(clicks) + (leads)", 1),
        ("(ab(c))", 2),
        ("(((a) + ((b))))", 4),
    ],
)
def test_brackets_are_counted_as_deep_as_they_nest(text, depth):
    from impact.formulas import _depth_of_brackets

    assert _depth_of_brackets(text) == depth


def test_the_deepest_brackets_allowed_and_one_more():
    from impact.formulas import MAX_DEPTH

    deepest = "(" * MAX_DEPTH + "clicks" + ")" * MAX_DEPTH
    assert parse(deepest).inputs == ("clicks",)
    with pytest.raises(FormulaError) as deeper:
        parse(f"(clicks) + ({deepest})")
    assert deeper.value.code == "too_deep" and deeper.value.detail == str(MAX_DEPTH)


@pytest.mark.parametrize(
    ("formula", "degree"),
    [
        ("leads", 1),  # a count: a longer period, more of it
        ("-leads", 1),
        ("leads + clicks", 1),
        ("leads - clicks", 1),
        ("clicks / impressions * 100", 0),  # a ratio: the same over any period
        ("(promoters - detractors) / responses * 100", 0),
        ("spend / leads", 0),
        ("leads * clicks", 2),
        ("leads / clicks / spend", -1),
        ("2 * 3 * leads", 1),
        ("leads + 1", None),  # parts that grow differently: neither
        ("1 - leads", None),
        ("(leads + 1) * clicks", None),
        ("clicks * (leads + 1)", None),
        ("(leads + 1) / clicks", None),
        ("clicks / (leads - 2)", None),
    ],
)
def test_how_a_formula_grows_with_its_inputs(formula, degree):
    assert parse(formula).degree == degree


def test_whole_columns_overflow_into_no_number_without_a_warning():
    import warnings

    import pandas as pd

    frame = pd.DataFrame({"clicks": [1e300, 2.0, None], "leads": [1e300, 0.0, 1.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = parse("clicks * 1e15 - leads * 1e15").evaluate_columns(frame)
        ratio = parse("clicks / leads").evaluate_columns(frame)
    assert [v != v for v in values] == [True, False, True]  # inf - inf and a missing input: no number
    assert values[1] == 2e15
    assert ratio[0] == 1.0 and ratio[1] != ratio[1] and ratio[2] != ratio[2]  # 2 / 0 and a gap: no number


def test_whole_columns_compute_like_single_values():
    import pandas as pd

    frame = pd.DataFrame({"clicks": [10.0, 3.0], "leads": [4.0, 6.0]})
    for formula in ("clicks + leads", "clicks - leads", "clicks * leads", "clicks / leads", "-clicks", "+clicks"):
        expected = [evaluate(formula, row) for row in frame.to_dict("records")]
        assert list(parse(formula).evaluate_columns(frame)) == expected, formula
    assert list(parse("-(clicks - leads) * 2").evaluate_columns(frame)) == [-(10 - 4) * 2, -(3 - 6) * 2]


def test_whole_columns_of_any_kind_and_a_missing_one():
    import pandas as pd

    nullable = pd.DataFrame({"leads": pd.array([2.0, None], dtype="Float64"), "clicks": [4, 8]})
    assert [v if v == v else None for v in parse("clicks / leads").evaluate_columns(nullable)] == [2.0, None]
    loose = pd.DataFrame({"leads": pd.Series([2, None], dtype=object), "clicks": [4.0, 8.0]})
    assert [v if v == v else None for v in parse("clicks / leads").evaluate_columns(loose)] == [2.0, None]
    without = pd.DataFrame({"clicks": [4.0, 8.0]})
    assert all(v != v for v in parse("clicks / leads").evaluate_columns(without))  # no column: no number


def test_a_constant_divided_by_zero_is_no_number_in_columns_too():
    import pandas as pd

    frame = pd.DataFrame({"leads": [1.0, 2.0]})
    assert all(v != v for v in parse("leads * (1 / 0)").evaluate_columns(frame))
    assert evaluate("leads * (1 / 0)", {"leads": 1.0}) is None
    assert list(parse("leads / (4 / 2)").evaluate_columns(frame)) == [0.5, 1.0]
