"""The catalogue: UI strings per language, from ``impact/locales/<lang>.yaml`` and,
for the name of each export format, from that format's own ``labels.yaml``.

Keys are dotted paths into the nested locale files. A missing key shows the key
itself rather than crashing a page; a meta-test makes sure none is missing. Only
words live here; how a language writes numbers and dates is :mod:`impact.locale`,
and sentences put together from codes are :mod:`impact.wording`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from impact.locale import DEFAULT, languages
from impact.yaml_safe import load_trusted_yaml

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
FORMATS_DIR = Path(__file__).resolve().parent / "importers" / "formats"  # each format's labels.yaml
DEFAULT_LANGUAGE = DEFAULT


def _flatten(prefix: str, node: Any, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out)
    else:
        out[prefix] = str(node)


@lru_cache(maxsize=4)
def strings(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / f"{lang}.yaml"
    data = load_trusted_yaml(path.read_text(encoding="utf-8")) or {}
    flat: dict[str, str] = {}
    _flatten("", data, flat)
    for labels in sorted(FORMATS_DIR.glob("*/labels.yaml")):  # a format's name lives beside its spec
        for name, words in (load_trusted_yaml(labels.read_text(encoding="utf-8")) or {}).items():
            flat[f"check.format_{name}"] = str(words[lang])
    return flat


def normalise_language(value: str | None) -> str:
    """'de-AT' → 'de'; anything we do not speak → the default."""
    code = (value or "").split("-")[0].split("_")[0].lower()
    return code if code in languages() else DEFAULT_LANGUAGE


COUNT_PARAMS = ("count", "n", "p0")  # the parameter a sentence with plural forms counts by


def _is_one(value: Any) -> bool:
    return str(value).strip() in ("1", "1.0")


def t(key: str, lang: str, **params: Any) -> str:
    """The sentence ``key`` in ``lang`` with ``params`` filled in. A sentence about a
    number of things has the forms ``<key>.one`` and ``<key>.other`` in the catalogue
    (German and English need no more); the form is chosen by the first of ``count``,
    ``n`` or ``p0`` among the params, so "1 row" and "2 rows", never "row(s)"."""
    table = strings(normalise_language(lang))
    text = table.get(key)
    if text is None and f"{key}.other" in table:
        counted = next((params[name] for name in COUNT_PARAMS if name in params), None)
        text = table.get(f"{key}.one") if counted is not None and _is_one(counted) else table[f"{key}.other"]
    if text is None:
        return key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def tn(key: str, lang: str, count: int, **params: Any) -> str:
    """A sentence about ``count`` things in its right grammatical number (see :func:`t`)."""
    return t(key, lang, count=count, **params)
