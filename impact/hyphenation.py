"""Soft hyphens in long words, so that a narrow column (a card on the board, a
strategy title on a phone) breaks "Wiederkauf-rate" at a syllable and never
"Wiederkaufra-te" at the last letter that fits. The browser shows a hyphen only
where it breaks; copying the text gives the word back whole in most programs.

Pyphen's dictionaries (German and English, from LibreOffice) come with WeasyPrint,
which hyphenates the PDF from the same dictionaries (``hyphens: auto``)."""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

from impact.locale import locale_for

SOFT_HYPHEN = "\u00ad"
_LONG_WORD = re.compile(r"[^\W\d_]{10,}")  # letters only: numbers and codes stay whole
_ADDRESS = re.compile(r"\S*(?:@|://|www\.)\S*")  # an e-mail address or a link is never broken


@lru_cache(maxsize=4)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=locale_for(lang).hyphenation)


def _syllables(word: str, dictionary: pyphen.Pyphen) -> str:
    parts = dictionary.inserted(word, hyphen=SOFT_HYPHEN).split(SOFT_HYPHEN)
    merged: list[str] = []
    for part in parts:
        if merged and len(part) == 1:  # "Rou-te-n-an-fra-gen": a lone letter joins its syllable
            merged[-1] += part
        else:
            merged.append(part)
    return SOFT_HYPHEN.join(merged)


def hyphenate(text: str, lang: str) -> str:
    """``text`` with soft hyphens at the syllables of every word of ten letters or more."""
    dictionary = _dictionary(lang)
    pieces, last = [], 0
    for address in _ADDRESS.finditer(text):
        pieces.append(_LONG_WORD.sub(lambda word: _syllables(word.group(), dictionary), text[last : address.start()]))
        pieces.append(address.group())
        last = address.end()
    pieces.append(_LONG_WORD.sub(lambda word: _syllables(word.group(), dictionary), text[last:]))
    return "".join(pieces)
