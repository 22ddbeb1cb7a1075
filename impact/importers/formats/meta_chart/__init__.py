"""Meta Business Suite per-metric exports ("chart" CSVs): a ``sep=,`` line and a
title that names the metric in the account's language ("Facebook Page reach",
"Copertura della Pagina Facebook", "Alcance"), then ``Date,Primary`` rows (UTF-16 as
downloaded). Older ones have no title line and put the title in the header
(``Date,Couverture de la Page Facebook``). Days without activity may be left out."""

import re

import pandas as pd

from impact.importers.canonical import ImportResult
from impact.importers.errors import ExportError
from impact.importers.registry import SpecImporter
from impact.importers.sniff import Sniffed
from impact.importers.spec import Context, FormatSpec
from impact.importers.vocabulary import fold

_VALUE = {"primary", "principal", "primario", "primär", "primaire", "primair", "valor", "value", "wert"}
_PLATFORM = re.compile(r"facebook|instagram|\bpage\b|\bseite\b|\bpagina\b|\bpágina\b")


def _is_chart(sniffed: Sniffed) -> bool:
    """Two columns: a date and 'Primary' under a title line, or a title as the header."""
    for table in sniffed.tables:
        header = [fold(h) for h in table.header if h]
        if len(header) != 2:
            continue
        if header[1] in _VALUE and table.notes:
            return True
        if _PLATFORM.search(header[1]):
            return True
    return False


SPEC = FormatSpec(
    name="meta_chart",
    label='Meta Business Suite per-metric export ("Views", "Reach", "Alcance" … per day)',
    channel="meta",  # a title that names no platform ("Views", "Alcance") does not say which
    channel_by={"instagram": r"instagram", "facebook": r"facebook"},
    roles={
        "date": ["Date", "Data", "Datum", "Fecha"],
        "value": ["Primary", "Principal", "Primario", "Primär", "Primaire", "Primair", "Valor", "Value", "Wert"],
    },
    metric_from_title={
        "link_clicks": (
            "link clicks",
            "link-klicks",
            "cliques no link",
            "clics en el enlace",
            "clics sur un lien",
            "clic sul link",
            "linkklikken",
        ),
        "reach": (
            "reach",
            "viewers",
            "reichweite",
            "alcance",
            "couverture",
            "copertura",
            "bereik",
            "zuschauer",
            "espectadores",
            "spettatori",
        ),
        "profile_visits": ("visits", "visites", "visitas", "besuche", "visite", "bezoeken"),
        "engagements": ("interactions", "interaktionen", "interações", "interacciones", "interazioni", "interacties"),
        "impressions": (
            "views",
            "impressions",
            "aufrufe",
            "visualizações",
            "visualizaciones",
            "vues",
            "visualizzazioni",
            "weergaven",
            "impressionen",
        ),
        # last: "Reach from followers", "Views from followers" are reach and views.
        # Meta Business Suite charts a day's new follows, never the count: a title that
        # just says "Followers" ("Seguidores no Instagram") holds gains; a series that
        # looks like a count is asked about (see ``_count_like``)
        "followers_gained": (
            "follows",
            "new facebook page likes",
            "facebook page new likes",
            "new likes",
            "new instagram followers",
            "new followers",
            "nouvelles mentions j aime",
            "nouvelles mentions j'aime",
            "neue follower",
            "novos seguidores",
            "nuevos seguidores",
            "nuovi follower",
            "seguimentos",
            "seguimientos",
            "facebook page likes",
            "mentions j aime de la page",
            "mentions likes de la page",
            "followers",
            "seguidores",
            "abonnés",
            "follower",
            "volgers",
        ),
    },
    requires=("date",),
    matcher=_is_chart,
    strength=0.9,
)


def _count_like(values: pd.Series) -> bool:
    """A running count (1,204, 1,207, 1,211 …) rather than a day's gains (3, 0, 1 …):
    never zero, and its whole range small against its level."""
    known = values.dropna()
    if len(known) < 3:
        return False
    low, high = float(known.min()), float(known.max())
    return low > 0 and high - low < 0.5 * low


class MetaChartImporter(SpecImporter):
    """The declared format, and one check of its own: a follower series that reads as
    a running count, not as gains, is refused with both readings."""

    def read(self, sniffed: Sniffed, context: Context) -> ImportResult:
        result = super().read(sniffed, context)
        table = result.table
        if "followers_gained" in table and "followers_gained" not in context.mapping.values():
            for _channel, series in table.groupby(table["channel"].fillna(""))["followers_gained"]:
                if _count_like(series):
                    header = next((h for h, m in result.mapping.items() if m == "followers_gained"), "")
                    raise ExportError("ambiguous_column", f"{header}|followers_gained,followers")
        return result


IMPORTER = MetaChartImporter(SPEC)
