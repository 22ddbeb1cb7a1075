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

from impact.importers.spec import FormatSpec

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
        "view_duration": [
            "Average view duration",
            "Durchschnittliche Wiedergabedauer",
            "Duração média da visualização",
            "Duración media de las visualizaciones",
            "Durée moyenne de visionnage",
            "Durata media di visualizzazione",
            "Gemiddelde weergaveduur",
        ],
        "impressions_ctr": [
            "Impressions click-through rate (%)",
            "Klickrate der Impressionen (%)",
            "Taxa de cliques de impressões (%)",
            "Porcentaje de clics de las impresiones (%)",
            "Taux de clics de l'impression (%)",
            "Percentuale di clic sulle impressioni (%)",
            "Klikfrequentie van vertoningen (%)",
        ],
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
        "publish_time": [
            "Video publish time",
            "Veröffentlichungszeitpunkt des Videos",
            "Horário de publicação do vídeo",
            "Hora de publicación del vídeo",
            "Heure de publication de la vidéo",
            "Ora di pubblicazione del video",
            "Publicatietijd van video",
        ],
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
    dimension_segment=True,
    engagements_from_parts=False,
    strength=0.95,
)
