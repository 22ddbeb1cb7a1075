"""Exports people upload, turned into the canonical table.

``read_export`` sniffs the file once (container, encoding, dialect, banner lines,
header, tables; ``sniff.py``), recognises the format from the content (never from the
file name; ``registry.py`` over ``formats/``), reads it with the shared engine
(``engine.py``) and the user's column mapping, and says what it did: the format,
the period, the rows read, which column became which metric and which columns were
ignored and why, and every warning as a code with parameters.

Importing the package loads nothing heavy: each name is loaded from its module when it
is first used, so code that only names a choice or an error (the database, the command
line's help) does not wait for pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from impact.importers.canonical import KEY_COLUMNS, Ignored, ImportResult
    from impact.importers.choices import Choices, ChoicesError
    from impact.importers.errors import HOLDS_NOTHING, MAX_UPLOAD_BYTES, ExportError
    from impact.importers.reading import read_export
    from impact.importers.registry import detect
    from impact.importers.sniff import Sniffed

_WHERE = {
    "KEY_COLUMNS": "canonical",
    "Ignored": "canonical",
    "ImportResult": "canonical",
    "Choices": "choices",
    "ChoicesError": "choices",
    "HOLDS_NOTHING": "errors",
    "MAX_UPLOAD_BYTES": "errors",
    "ExportError": "errors",
    "read_export": "reading",
    "detect": "registry",
    "Sniffed": "sniff",
}  # sniff() itself: from impact.importers.sniff (the name here is that module's)


def __getattr__(name: str) -> object:
    if name == "FORMATS":
        return import_module("impact.importers.registry").formats()
    if name not in _WHERE:
        raise AttributeError(name)
    value = getattr(import_module(f"impact.importers.{_WHERE[name]}"), name)
    globals()[name] = value  # once: the next use finds it here
    return value


__all__ = [
    "FORMATS",
    "HOLDS_NOTHING",
    "KEY_COLUMNS",
    "MAX_UPLOAD_BYTES",
    "Choices",
    "ChoicesError",
    "ExportError",
    "Ignored",
    "ImportResult",
    "Sniffed",
    "detect",
    "read_export",
]
