"""Every format, found in ``formats/``: a module's ``SPEC``/``SPECS`` (declarations,
read by the shared engine) or ``IMPORTER`` (code of its own, the ``Importer``
protocol). Detection asks each how sure it is and takes the surest."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from impact.importers import formats as _formats
from impact.importers.canonical import ImportResult
from impact.importers.engine import read_file, score
from impact.importers.errors import ExportError
from impact.importers.sniff import Sniffed
from impact.importers.spec import Context, FormatSpec, Importer


class SpecImporter:
    """A declared format: the shared engine reads it."""

    def __init__(self, spec: FormatSpec) -> None:
        self.spec = spec
        self.name = spec.name

    def score(self, sniffed: Sniffed) -> float:
        return score(self.spec, sniffed)

    def read(self, sniffed: Sniffed, context: Context) -> ImportResult:
        return read_file(sniffed, self.spec, context)


@lru_cache(maxsize=1)
def formats() -> dict[str, Importer]:
    found: dict[str, Importer] = {}
    for info in sorted(pkgutil.iter_modules(_formats.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_formats.__name__}.{info.name}")
        importers: list[Importer] = [module.IMPORTER] if hasattr(module, "IMPORTER") else []
        specs = getattr(module, "SPECS", None) or ([module.SPEC] if hasattr(module, "SPEC") else [])
        own = {i.name for i in importers}  # a spec with code of its own is read through that code
        importers += [SpecImporter(spec) for spec in specs if spec.name not in own]
        for importer in importers:
            if importer.name in found:
                raise ValueError(f"two formats are called {importer.name}")
            found[importer.name] = importer
    return found


def _safe_score(importer: Importer, sniffed: Sniffed) -> float:
    try:
        return float(importer.score(sniffed))
    except Exception:  # noqa: BLE001 - a guess that fails means: not mine
        return 0.0


def detect(sniffed: Sniffed) -> str:
    scores = {name: _safe_score(importer, sniffed) for name, importer in formats().items()}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] <= 0.1:
        raise ExportError("unknown_format")
    return best


def importer(name: str) -> Importer:
    if name not in formats():
        raise ExportError("unknown_format", name)
    return formats()[name]
