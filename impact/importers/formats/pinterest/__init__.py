"""Pinterest analytics overview: a banner ("Analytics overview", the range, the
filters chosen), the daily series (``Date,Impressions`` or more metrics), a
footnote on estimated days, and Top Boards / Top Pins tables over the whole range
(often "Not enough data."). The daily series counts; the top lists repeat it."""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="pinterest",
    label="Pinterest analytics overview export",
    channel="pinterest",
    notes=(r"^analytics overview$|^claimed accounts|^curated content",),
    roles={
        "date": ["Date", "Datum", "Fecha", "Data", "Date"],
        "impressions": ["Impressions", "Impressionen", "Impresiones", "Impressões", "Impressioni", "Vertoningen"],
        "engagements": ["Engagement", "Engagements", "Interaktionen", "Interacciones", "Interações"],
        "clicks": ["Pin clicks", "Pin-Klicks", "Clics en el Pin", "Clics sur l'épingle", "Cliques no Pin"],
        "link_clicks": [
            "Outbound clicks",
            "Ausgehende Klicks",
            "Clics salientes",
            "Clics sortants",
            "Cliques de saída",
        ],
        "saves": ["Saves", "Gemerkt", "Guardados", "Enregistrements", "Salvamentos"],
        "segment": ["Pinterest Link", "Pinterest-Link", "Enlace de Pinterest", "Lien Pinterest", "Link do Pinterest"],
        "ignore": ["Content Type", "Source", "Canonical"],
    },
    requires=("date", "impressions"),
    strength=0.95,
)
