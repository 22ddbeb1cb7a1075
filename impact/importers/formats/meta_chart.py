"""Meta Business Suite per-metric exports ("chart" CSVs): a ``sep=,`` line and a
title that names the metric in the account's language ("Facebook Page reach",
"Copertura della Pagina Facebook", "Alcance"), then ``Date,Primary`` rows (UTF-16 as
downloaded). Older ones have no title line and put the title in the header
(``Date,Couverture de la Page Facebook``). Days without activity may be left out."""

import re

from impact.importers.sniff import Sniffed
from impact.importers.spec import FormatSpec
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
    channel="facebook",
    channel_by_note={"instagram": r"instagram"},
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
        "followers_gained": (
            "follows",
            "new facebook page likes",
            "nouvelles mentions j aime",
            "nouvelles mentions j'aime",
            "neue follower",
            "novos seguidores",
            "nuevos seguidores",
            "nuovi follower",
            "seguimentos",
            "seguimientos",
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
        "followers": (
            "facebook page likes",
            "mentions j aime de la page",
            "mentions likes de la page",
            "followers",
            "seguidores",
            "abonnés",
            "follower",
        ),
    },
    requires=("date",),
    matcher=_is_chart,
    strength=0.9,
)
