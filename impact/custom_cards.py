"""A team's own card, built from what they typed, with the formula checked first."""

from __future__ import annotations

import re
import unicodedata

from impact.formula_words import from_typed
from impact.formulas import Formula, parse
from impact.model import Card, LocalText, new_id

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def slug(text: str) -> str:
    """For ids and file names: 'Bäckerei' → 'baeckerei', as a German reader writes it."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:30] or "card"


def build_custom_card(
    *,
    stage: str,
    kind: str,
    title: str,
    question: str,
    formula: str,
    unit: str,
    direction: str,
    lang: str,
    owner: str = "marketing",
) -> Card:
    """Raises FormulaError for a bad formula and pydantic's ValidationError for the rest.
    The formula is read as the team typed it (their language, their numbers) and kept
    in canonical form."""
    canonical = from_typed(formula, lang)
    parsed: Formula = parse(canonical)
    return Card(
        id=f"custom-{slug(title)}-{new_id()[:4]}",
        stage=stage,
        kind=kind,
        title=LocalText(**{lang: title.strip()}),
        question=LocalText(**{lang: (question.strip() or title.strip())}),
        formula=canonical,
        unit=unit.strip(),
        direction=direction,
        inputs=list(parsed.inputs),
        owner=owner,
    )
