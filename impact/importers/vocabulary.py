"""The shared vocabulary of exports (``vocabulary.yaml``): header spellings in seven
languages, ratio words, total-row words, placeholders for "no value", month and
weekday names, currency signs. Loaded once; every format reads through it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from impact.importers.encoding import INVISIBLE
from impact.metrics import METRICS
from impact.yaml_safe import load_trusted_yaml

_PATH = Path(__file__).resolve().parent / "vocabulary.yaml"
ROLES = ("date", "range_start", "range_end", "channel", "segment", "currency")
ISO_CURRENCIES = frozenset(
    "EUR USD GBP INR CHF JPY CNY AUD CAD BRL MXN PLN SEK NOK DKK CZK HUF RON BGN TRY RUB ZAR NZD SGD HKD KRW "
    "IDR THB MYR PHP VND AED SAR ILS EGP NGN KES ARS CLP COP PEN UAH".split()
)


LANGUAGES = ("de", "en", "es", "fr", "it", "pt", "nl")
AMBIGUOUS = "ambiguous"
COMPARISON = "comparison"


@dataclass(frozen=True)
class Role:
    """What a column holds, and a factor that turns its unit into the canonical one
    (watch time in hours → seconds). ``Role('ambiguous', readings=…)``: a word that
    names different metrics in different exports, never read without asking."""

    name: str
    factor: float = 1.0
    readings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    headers: dict[str, Role]
    ratio: re.Pattern[str]
    totals: re.Pattern[str]
    missing: frozenset[str]
    months: dict[str, int]
    weekdays: frozenset[str]
    range_joiners: tuple[str, ...]
    currency_signs: dict[str, str]
    comparison: re.Pattern[str]
    all_time: re.Pattern[str]


_SPACES = re.compile(r"\s+")
_INVISIBLE = INVISIBLE
_CURRENCY_SUFFIX = re.compile(r"\s*(?:\((?:in\s+)?(?P<paren>[^()]{1,6})\)|(?:in\s+)?(?P<bare>[€$£₹¥]|[A-Z]{3}))\s*$")


def fold(text: object) -> str:
    """Lower case, one space, no BOM/quotes/underscores/zero-width marks: the form in
    which header spellings are compared."""
    return _fold(text if isinstance(text, str) else str(text or ""))


@lru_cache(maxsize=65536)
def _fold(value: str) -> str:
    value = value.translate(_INVISIBLE).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    value = value.strip().strip('"').strip("'").strip()
    value = unicodedata.normalize("NFC", value).replace("_", " ").lower()
    return _SPACES.sub(" ", value).strip()


def split_currency(header: object) -> tuple[str, str | None]:
    """'Amount spent (INR)' → ('Amount spent', 'INR'); 'Umsatz €' → ('Umsatz', 'EUR')."""
    text = str(header or "").translate(INVISIBLE).strip().strip('"').strip()
    match = _CURRENCY_SUFFIX.search(text)
    if not match:
        return text, None
    token = (match.group("paren") or match.group("bare") or "").strip()
    code = currency_code(token)
    if code is None:
        return text, None
    return text[: match.start()].strip(), code


def currency_code(token: str) -> str | None:
    """'INR' → 'INR', '€' → 'EUR', 'us$' → 'USD'; anything else → None."""
    text = token.strip()
    if text.upper() in ISO_CURRENCIES and (text.isupper() or len(text) == 3):
        return text.upper()
    return vocabulary().currency_signs.get(text.lower())


def header_key(header: object) -> str:
    """The folded header without its currency: the key under which spellings are looked up."""
    return fold(split_currency(header)[0])


def _word_pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(fold(w)) for w in words if fold(w)}, key=len, reverse=True)
    return re.compile(r"(?:^|[\s(/\-–.,:;])(?:" + "|".join(alternatives) + r")(?=$|[\s)/\-–.,:;0-9])")


def _spellings(role: str, languages: object) -> dict[str, Role]:
    """One role's spellings, language by language (a spelling may carry a unit factor)."""
    if not isinstance(languages, dict) or set(languages) - set(LANGUAGES):
        raise ValueError(f"vocabulary.yaml: {role} needs its words per language ({', '.join(LANGUAGES)})")
    found: dict[str, Role] = {}
    for spellings in languages.values():
        for spelling in spellings:
            if isinstance(spelling, dict):
                for text, (target, factor) in spelling.items():
                    found[fold(text)] = Role(target, float(factor))
            else:
                found[fold(spelling)] = Role(role)
    return found


def _headers(data: dict[str, object]) -> dict[str, Role]:
    """Every certain spelling and every ambiguous one; a word under two meanings is a
    mistake in the file, refused when it loads."""
    headers: dict[str, Role] = {}
    sections = data["headers"]
    assert isinstance(sections, dict)
    for role, languages in sections.items():
        if role not in ROLES and role not in METRICS:
            raise ValueError(f"vocabulary.yaml: unknown role {role}")
        for key, found in _spellings(role, languages).items():
            if key in headers and headers[key].name != found.name:
                raise ValueError(f"vocabulary.yaml: {key!r} is both {headers[key].name} and {found.name}")
            headers[key] = found
    entries = data.get("ambiguous") or []
    assert isinstance(entries, list)
    for entry in entries:
        readings = tuple(entry["readings"])
        if any(r not in METRICS for r in readings):
            raise ValueError(f"vocabulary.yaml: ambiguous readings {readings} name an unknown metric")
        for key in _spellings(AMBIGUOUS, entry["words"]):
            if key in headers:
                raise ValueError(f"vocabulary.yaml: {key!r} is both {headers[key].name} and ambiguous")
            headers[key] = Role(AMBIGUOUS, readings=readings)
    for metric in METRICS.values():  # its labels are understood (the data template uses them)
        for spelling in (metric.name, metric.de, metric.en):
            headers.setdefault(fold(spelling), Role(metric.name))
    return headers


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = load_trusted_yaml(_PATH.read_text(encoding="utf-8"))
    headers = _headers(data)
    months: dict[str, int] = {}
    for names in data["months"].values():
        for number, spellings in enumerate(names, start=1):
            for spelling in spellings:
                months[fold(spelling).rstrip(".")] = number
    totals = sorted({re.escape(fold(w)) for w in data["total_words"]}, key=len, reverse=True)
    return Vocabulary(
        headers=headers,
        ratio=_word_pattern(data["ratio_words"]),
        totals=re.compile(r"^\s*(?:" + "|".join(totals) + r")(?:\s*:|\s*$)", re.IGNORECASE),
        missing=frozenset(fold(v) for v in data["missing_values"]),
        months=months,
        weekdays=frozenset(fold(w).rstrip(".") for w in data["weekdays"]),
        range_joiners=tuple(data["range_joiners"]),
        currency_signs={str(k).lower(): str(v) for k, v in data["currency_signs"].items()},
        all_time=_word_pattern(data["all_time_words"]),
        comparison=re.compile(
            r"\(\s*(?:" + "|".join(re.escape(fold(w)) for w in data["comparison_words"]) + r")\s*\)\s*$"
        ),
    )


def role_of(header: object) -> Role | None:
    """The shared reading of a header: a canonical metric or key role, ``Role('ratio')``
    for ratios and averages, or None when nothing is known about it."""
    key = header_key(header)
    if not key:
        return None
    if vocabulary().comparison.search(key):
        return Role(COMPARISON)
    known = vocabulary().headers.get(key)
    if known is not None:
        return known
    if vocabulary().ratio.search(" " + key):
        return Role("ratio")
    return None


def is_total_label(value: object) -> bool:
    """'Total', 'Total: Account', 'Grand total', 'Gesamt', 'Totale' … (never 'Totally local')."""
    if value is None or not isinstance(value, str) or len(value) > 80:
        return False
    return bool(vocabulary().totals.match(fold(value)))


def says_all_time(text: object) -> bool:
    """'All time', 'Gesamter Zeitraum', 'Lifetime': everything there is, which is no period."""
    return bool(vocabulary().all_time.search(" " + fold(text)))


def is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    if not isinstance(value, str):
        return False
    if len(value) > 40:  # placeholders are short; a post's text is not one
        return False
    return fold(value) in vocabulary().missing
