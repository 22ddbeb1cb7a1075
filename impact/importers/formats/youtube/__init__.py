"""YouTube Studio analytics exports: a zip of ``Table data.csv`` (per video, totals
over the chosen range, a ``Total`` row first), ``Chart data.csv`` (per video and day)
and ``Totals.csv`` (per day), with translated names (``Tabellendaten.csv``,
``Dados da tabela.csv``) and headers. Publish times stay English (``"Sep 27, 2024"``),
numbers keep a decimal point, watch time is in hours.

From the zip, the daily totals count first; the per-video table adds what the daily
ones do not have (watch time, subscribers, impressions) over their range. A table
alone without a date asks for its period (see the data check's rescue). A report by
another dimension (traffic source, city, country) is recognised by words only YouTube
writes, its first column read as the segment. Its ``Total`` row is the whole channel,
more than the 500 rows listed: that total counts (see the engine's stated totals).
A ``Totals.csv`` alone (``Date,Views``) says nothing of where it comes from: its views
could be impressions or page views elsewhere, so the shared reader asks."""

from impact.importers.canonical import ImportResult
from impact.importers.registry import SpecImporter
from impact.importers.sniff import Sniffed
from impact.importers.spec import Context, FormatSpec
from impact.importers.vocabulary import header_key, role_of

PUBLISH_WORDS = (
    "Video publish time",
    "Veröffentlichungszeitpunkt des Videos",
    "Horário de publicação do vídeo",
    "Hora de publicación del vídeo",
    "Heure de publication de la vidéo",
    "Ora di pubblicazione del video",
    "Publicatietijd van video",
)
_PUBLISH = {header_key(h) for h in PUBLISH_WORDS}
CTR_WORDS = (
    "Impressions click-through rate (%)",
    "Klickrate der Impressionen (%)",
    "Taxa de cliques de impressões (%)",
    "Porcentaje de clics de las impresiones (%)",
    "Taux de clics de l'impression (%)",
    "Percentuale di clic sulle impressioni (%)",
    "Klikfrequentie van vertoningen (%)",
)
_CTR = {header_key(h) for h in CTR_WORDS}
DURATION_WORDS = (
    "Average view duration",
    "Durchschnittliche Wiedergabedauer",
    "Duração média da visualização",
    "Duración media de las visualizaciones",
    "Durée moyenne de visionnage",
    "Durata media di visualizzazione",
    "Gemiddelde weergaveduur",
)
_DURATION = {header_key(h) for h in DURATION_WORDS}
HOURS_WORDS = (
    "Watch time (hours)",
    "Wiedergabezeit (Stunden)",
    "Tempo de exibição (horas)",
    "Tiempo de visualización (horas)",
    "Durée de visionnage (heures)",
    "Tempo di visualizzazione (ore)",
    "Kijktijd (uren)",
)
_HOURS = {header_key(h) for h in HOURS_WORDS}


def _studio_table(header: list[str]) -> bool:
    """What only YouTube Studio writes: a video's publish time, the click rate of its
    thumbnail impressions, or an average view duration beside watch time in hours (a
    Vimeo or LinkedIn video report may have a duration, not both in Studio's words)."""
    keys = {header_key(h) for h in header}
    return bool(keys & _PUBLISH or keys & _CTR or (keys & _DURATION and keys & _HOURS))


SPEC = FormatSpec(
    name="youtube",
    label="YouTube Studio analytics (the zip, or its CSVs)",
    channel="youtube",
    roles={
        "segment": [
            "Video title",
            "Videotitel",
            "Título do vídeo",
            "Título del vídeo",
            "Titre de la vidéo",
            "Titolo del video",
            "Videotitel",
        ],
        "content": ["Content", "Video", "Videos", "Conteúdo", "Contenido", "Contenu", "Contenuti", "Inhalt"],
        # words only YouTube Studio writes: a report by traffic source, city or country has no
        # content column, but these
        "view_duration": list(DURATION_WORDS),
        "impressions_ctr": list(CTR_WORDS),
        "date": ["Date", "Datum", "Data", "Fecha"],
        "video_views": [
            "Views",
            "Aufrufe",
            "Visualizações",
            "Visualizaciones",
            "Vues",
            "Visualizzazioni",
            "Weergaven",
            "Engaged views",
        ],
        "impressions": [
            "Impressions",
            "Thumbnail impressions",
            "Impressionen",
            "Impressões",
            "Impressões de miniaturas",
            "Impresiones",
            "Impressioni",
        ],
        "followers_gained": [
            "Subscribers",
            "Abonnenten",
            "Inscritos",
            "Suscriptores",
            "Abonnés",
            "Iscritti",
            "Subscribers gained",
            "Gewonnene Abonnenten",
            "Inscrições obtidas",
            "Nouveaux abonnés",
        ],
        "revenue": [
            "Estimated revenue",
            "Your estimated revenue",
            "Sua receita estimada",
            "Tu estimación de ingresos",
            "Ihr geschätzter Umsatz",
            "Vos revenus estimés",
            "Receita estimada",
            "Ingresos estimados",
            "Geschätzter Umsatz",
            "Revenus estimés",
        ],
        "reactions": ["Likes", "Mag ich"],
        "comments": ["Comments added", "Hinzugefügte Kommentare", "Comentários adicionados", "Comentarios añadidos"],
        "shares": ["Shares", "Geteilte Inhalte", "Compartilhamentos", "Veces compartido", "Partages"],
        "publish_time": list(PUBLISH_WORDS),
        "ignore": [
            "Duration",
            "Dauer",
            "Duração",
            "Duración",
            "Durée",
            "Subscribers lost",
            "Verlorene Abonnenten",
            "Unique viewers",
            "New viewers",
            "Returning viewers",
            "Casual viewers",
            "Regular viewers",
            "YouTube Premium views",
        ],
    },
    any_of=("publish_time", "view_duration", "impressions_ctr"),
    matcher=lambda sniffed: any(_studio_table(t.header) for t in sniffed.tables),
    dimension_segment=True,
    engagements_from_parts=False,
    strength=0.95,
)


class YouTubeImporter(SpecImporter):
    """The declared format, and one word of its own: Studio's chart data holds only the
    videos chosen for the chart. Read alone, without the file of daily totals, that is
    not the channel, and it is said."""

    def read(self, sniffed: Sniffed, context: Context) -> ImportResult:
        result = super().read(sniffed, context)
        tables = sniffed.all_tables()
        charted = [t for t in tables if {header_key(h) for h in t.header} & _PUBLISH and _dated(t.header)]
        totals = [t for t in tables if _dated(t.header) and not {header_key(h) for h in t.header} & _PUBLISH]
        if charted and not totals and "segment" in result.table:
            videos = int(result.table["segment"].nunique())
            result.warnings.append(("chart_videos_only", str(videos)))
        return result


def _dated(header: list[str]) -> bool:
    return any((role := role_of(h)) is not None and role.name == "date" for h in header)


IMPORTER = YouTubeImporter(SPEC)
