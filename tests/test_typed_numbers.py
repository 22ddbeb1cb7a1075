"""Numbers and formulas as people type them, in German and in English: one reader and
one writer for both, a thousand is never read as one, and a number that reads two
ways is refused with both readings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.deck import load_deck
from impact.formatting import format_number
from impact.formula_words import error_text, from_typed, in_words, names, short_label
from impact.formulas import FormulaError, evaluate, parse
from impact.metrics import METRICS
from impact.numbers import NumberError, one_way_spellings, parse_user_number, read_number


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1.000", "de", 1000),
        ("1,000", "en", 1000),
        ("12,5", "de", 12.5),
        ("12.5", "en", 12.5),
        ("1.234,5", "de", 1234.5),
        ("1,234.5", "en", 1234.5),
        ("1.000.000", "de", 1_000_000),
        ("0,125", "de", 0.125),  # nobody groups thousands after a zero
        ("0.125", "en", 0.125),
        ("-3", "de", -3),
        ("\u22123,5", "de", -3.5),  # the typeset minus
        ("12,5 %", "de", 12.5),
        ("2.500 €", "de", 2500),
        ("1 250", "de", 1250),
        ("1.5", "de", 1.5),  # only the English convention reads it: one reading
        ("1,5", "en", 1.5),
        ("1,234.5", "de", 1234.5),  # both marks: the order says which is which
    ],
)
def test_numbers_as_each_reader_writes_them(text, lang, value):
    assert read_number(text, lang) == value


@pytest.mark.parametrize(
    ("text", "lang", "readings"),
    [("1,500", "de", (1.5, 1500)), ("1.500", "en", (1.5, 1500)), ("12,125", "de", (12.125, 12125))],
)
def test_a_number_that_reads_two_ways_is_refused_with_both(text, lang, readings):
    with pytest.raises(NumberError) as refused:
        read_number(text, lang)
    assert sorted(refused.value.readings) == sorted(readings)


@pytest.mark.parametrize("text", ["ca. 50", "viel", "12,5,3", "1..2", "e5", "nan", "inf", "1e5"])
def test_what_is_not_a_number_is_refused(text):
    for lang in ("de", "en"):
        with pytest.raises(NumberError) as refused:
            read_number(text, lang)
        assert refused.value.readings is None


def test_an_empty_field_is_no_number_not_an_error():
    assert parse_user_number("", "de") is None and parse_user_number("  ", "en") is None


def test_each_reading_has_a_spelling_that_reads_one_way():
    for lang in ("de", "en"):
        for text in ("1,125", "1.125", "999,001", "999.001"):
            try:
                read_number(text, lang)
            except NumberError as refused:
                small, large = one_way_spellings(refused.readings, lang)
                assert read_number(small, lang) == min(refused.readings)
                assert read_number(large, lang) == max(refused.readings)


@settings(max_examples=400, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.sampled_from(["de", "en"]))
def test_what_the_app_writes_it_reads_back(value, lang):
    """A value written for a reader reads back as that value, or (three decimal places,
    which the other convention writes for thousands) is refused with it as one reading."""
    written = format_number(value, lang, decimals=6)
    expected = float(f"{value:.6f}")
    try:
        assert read_number(written, lang) == pytest.approx(expected, abs=1e-6)
    except NumberError as refused:
        assert refused.readings is not None
        assert any(r == pytest.approx(expected, abs=1e-6) for r in refused.readings)


# --- formulas ----------------------------------------------------------------------------


def test_a_thousand_in_a_german_formula_is_a_thousand():
    canonical = from_typed("orders / reach * 1.000", "de")
    assert canonical == "orders / reach * 1000"
    assert evaluate(canonical, {"orders": 3, "reach": 1500}) == 2.0  # not 0.002


def test_german_words_and_signs_and_numbers():
    assert from_typed("Bestellungen ÷ Reichweite × 1.000", "de") == "orders / reach * 1000"
    assert from_typed("(Umsatz − Ausgaben) : Ausgaben · 100", "de") == "(revenue - spend) / spend * 100"
    assert from_typed("Bestellungen / Klicks * 1,5", "de") == "orders / clicks * 1.5"
    assert from_typed("Qualifizierte Leads / Leads * 100", "de") == "qualified_leads / leads * 100"
    assert from_typed("Reichweite (einzelne Personen) / 2", "de") == "reach / 2"
    assert from_typed("Orders / Reach * 1,000", "en") == "orders / reach * 1000"
    assert from_typed("leads / link_clicks * 100", "de") == "leads / link_clicks * 100"  # the ids still work


def test_a_number_in_a_formula_that_reads_two_ways_is_refused_with_both():
    with pytest.raises(FormulaError) as refused:
        from_typed("orders / reach * 1.000", "en")
    assert refused.value.code == "ambiguous_number"
    assert error_text(refused.value, "en") == (
        "“1.000” reads two ways (1 or 1,000). Write 1,000 if you mean the large number, or 1 for the small one."
    )
    with pytest.raises(FormulaError) as refused:
        from_typed("Bestellungen / Reichweite * 1,500", "de")
    assert "(1,5 oder 1.500)" in error_text(refused.value, "de")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Bestellungen / Reichweit", "unknown_metric_hint"),
        ("Likes / Reichweite", "unknown_metric_hint"),
        ("Tortenwunder / 2", "unknown_metric"),
        ("leads ** 2", "operator"),
        ("leads % 2", "operator"),
        ("leads(clicks)", "call"),
        ("__import__('os')", "unknown_metric"),
        ("", "empty"),
        ("42 × 3", "no_metric"),
    ],
)
def test_what_is_not_a_formula_is_refused_with_a_reason(typed, code):
    with pytest.raises(FormulaError) as refused:
        from_typed(typed, "de")
    assert refused.value.code == code
    assert not error_text(refused.value, "de").startswith("formula.")


def test_no_name_means_two_metrics():
    seen: dict[str, set[str]] = {}
    for metric in METRICS.values():
        shorts = (short_label(metric.name, "de"), short_label(metric.name, "en"))
        for label in (metric.name, metric.de, metric.en, *shorts):
            seen.setdefault(label.casefold(), set()).add(metric.name)
    assert {name: metrics for name, metrics in seen.items() if len(metrics) > 1} == {}
    assert len(dict(names())) == len(names())


def test_every_card_formula_in_words_reads_back_to_the_same_numbers():
    """What a person sees on a card, typed back in, computes the same value."""
    deck = load_deck()
    for lang in ("de", "en"):
        for card in deck.cards.values():
            words = in_words(card.formula, lang)
            canonical = from_typed(words, lang)
            inputs = {name: 7.0 + i for i, name in enumerate(parse(card.formula).inputs)}
            assert evaluate(canonical, inputs) == pytest.approx(evaluate(card.formula, inputs)), (card.id, words)


def test_formulas_shown_in_words():
    assert in_words("orders / reach * 1000", "de") == "Bestellungen ÷ Reichweite × 1.000"
    assert in_words("orders / reach * 1000", "en") == "Orders ÷ Reach × 1,000"
    assert in_words("(revenue - spend) / spend * 100", "de") == "(Umsatz − Ausgaben) ÷ Ausgaben × 100"
    assert in_words("leads / (clicks / impressions)", "en") == "Leads ÷ (Clicks ÷ Impressions)"
    assert in_words("leads - (clicks - orders)", "en") == "Leads − (Clicks − Orders)"


@pytest.mark.parametrize(
    ("label", "lang", "shown"),
    [
        ("2026-W47", "de", "KW 47/2026"),
        ("2026-W47", "en", "Week 47, 2026"),
        ("2026-W03", "de", "KW 3/2026"),
        ("2026-10", "de", "Okt. 2026"),
        ("2026-10", "en", "Oct 2026"),
        ("2026-03", "de", "März 2026"),
        ("2026-Q4", "de", "Q4 2026"),
        ("2026-Q4", "en", "Q4 2026"),
        ("2025-02-01/2025-08-04", "de", "01.02.2025 – 04.08.2025"),
        ("2025-02-01/2025-08-04", "en", "2025-02-01 – 2025-08-04"),
        (None, "de", "—"),
    ],
)
def test_periods_read_in_the_readers_words(label, lang, shown):
    from impact.formatting import format_period

    assert format_period(label, lang) == shown


def test_a_saved_time_is_shown_in_the_readers_time_zone_or_says_utc():
    from datetime import UTC, datetime

    from impact.formatting import format_moment

    saved = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
    # Berlin is UTC+1 in November, New York UTC-5: the wall clock of the reader.
    assert format_moment(saved, "de", "Europe/Berlin") == "23.11.2026, 15:05"
    assert format_moment(saved, "en", "America/New_York") == "2026-11-23 09:05"
    # Summer time: Berlin is UTC+2 in July.
    assert format_moment(datetime(2026, 7, 1, 10, 0, tzinfo=UTC), "de", "Europe/Berlin") == "01.07.2026, 12:00"
    # No zone known, or one that does not exist: the time says it is UTC.
    assert format_moment(saved, "de") == "23.11.2026, 14:05 UTC"
    assert format_moment(saved, "en", "Mars/Olympus") == "2026-11-23 14:05 UTC"
    # A naive time from an old database row is UTC.
    assert format_moment(datetime(2026, 11, 23, 14, 5), "de", "Europe/Berlin") == "23.11.2026, 15:05"


def test_long_german_words_break_at_syllables_never_mid_word():
    from impact.hyphenation import SOFT_HYPHEN, hyphenate

    shown = hyphenate("Tortenvorbestellungen und Routenanfragen, 1.000 Reichweite", "de")
    assert shown.replace(SOFT_HYPHEN, "") == "Tortenvorbestellungen und Routenanfragen, 1.000 Reichweite"
    assert shown.split()[0].split(SOFT_HYPHEN) == ["Tor", "ten", "vor", "be", "stel", "lun", "gen"]
    assert "Rou\u00adten\u00adan\u00adfra\u00adgen" in shown  # no lone letter: never "Route-nanfragen"
    assert hyphenate("x@example-organisation.org 2026", "de") == "x@example-organisation.org 2026"


def test_a_typed_field_reads_in_the_readers_convention():
    assert parse_user_number("12,5", "de") == 12.5
    assert parse_user_number("1,250", "en") == 1250
    assert parse_user_number("1.250", "de") == 1250
    assert parse_user_number("   ", "de") is None and parse_user_number(None, "en") is None
    with pytest.raises(NumberError) as refused:
        parse_user_number("ca. 50", "de")
    assert refused.value.text == "ca. 50" and str(refused.value) == "ca. 50" and refused.value.readings is None


def test_spaces_of_every_width_group_thousands():
    assert read_number("1\u00a0234,5", "de") == 1234.5  # no-break space
    assert read_number("1\u202f234,5", "de") == 1234.5  # narrow no-break space (French, Swiss)
    assert read_number("1\u202f234.5", "en") == 1234.5


def test_every_refusal_names_the_text_as_typed():
    for text, lang in (("1,500", "de"), ("1.500", "en"), ("zwölf", "de"), ("1e999", "en"), ("9" * 400, "de")):
        with pytest.raises(NumberError) as refused:
            read_number(text, lang)
        assert refused.value.text == text and str(refused.value) == text
    assert read_number("0,500", "de") == 0.5 and read_number("-0,500", "de") == -0.5  # never a thousand


def test_one_way_spellings_in_english_too():
    assert one_way_spellings((1.125, 1125.0), "en") == ("1.1250", "1,125")
    assert one_way_spellings((1125.0, 1.5), "en") == ("1.5", "1,125")
