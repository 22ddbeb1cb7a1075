"""Projector colours: every text/background pair the room sees meets WCAG AA (4.5:1)."""

import pytest

from ui.theme import PAIRS, PROJECTOR, contrast


@pytest.mark.parametrize(("text", "background"), PAIRS, ids=[f"{a}-on-{b}" for a, b in PAIRS])
def test_every_projector_pair_is_readable(text, background):
    ratio = contrast(PROJECTOR[text], PROJECTOR[background])
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_the_contrast_formula_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
