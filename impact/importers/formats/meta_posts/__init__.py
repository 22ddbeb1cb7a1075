"""Meta Business Suite post exports, Facebook and Instagram, in the account's language.

One row per post with its lifetime totals; ``Date`` reads "Lifetime" (``Vitalício``,
``Total``), so a post counts on its publish day, written month first in every
language (``03/15/2025 03:06``, Pacific time, kept as written). Columns come and go
between months and ``Views`` may appear twice: the first is read.
"""

import re

from impact.importers.spec import FormatSpec
from impact.importers.vocabulary import fold


def _telling(*headers: str) -> str:
    """A pattern matching exactly these headers (folded, as the engine compares them)."""
    return "^(?:" + "|".join(re.escape(fold(h)) for h in headers) + ")$"


SPEC = FormatSpec(
    name="meta_posts",
    rows_are="posts",
    label="Meta Business Suite post export, Facebook or Instagram, in the account's language",
    channel="facebook",
    # an Instagram export has columns a Facebook one has not (the account's name, saves)
    channel_by={
        "instagram": _telling(
            "Account username",
            "Nome de usuário da conta",
            "Nombre de usuario de la cuenta",
            "Nome utente dell'account",
            "Konto-Benutzername",
            "Nom d'utilisateur du compte",
            "Gebruikersnaam van account",
            "Saves",
            "Salvamentos",
            "Veces que se guardó",
            "Salvataggi",
        )
    },
    date_order="mdy",
    roles={
        "post_id": [
            "Post ID",
            "Beitrags-ID",
            "Identificador de la publicación",
            "Identificação da publicação",
            "Identificação do post",
            "ID de la publicación",
            "ID de publication",
            "Identifiant de la publication",
            "ID de la publication",
            "Identificativo del post",
            "ID del post",
            "ID post",
            "Bericht-ID",
        ],
        "permalink": [
            "Permalink",
            "Link permanente",
            "Enlace permanente",
            "Permalien",
            "Collegamento permanente",
            "Permanente link",
        ],
        "date": [
            "Publish time",
            "Veröffentlichungszeitpunkt",
            "Hora de publicación",
            "Horário de publicação",
            "Heure de publication",
            "Orario di pubblicazione",
            "Publicatietijd",
            "Tijdstip van publicatie",
        ],
        "ignore": [
            "Date",
            "Datum",
            "Fecha",
            "Data",
            "Page ID",
            "Account ID",
            "Identificação da conta",
            "Identificador de la cuenta",
            "Konto-ID",
            "Duration (sec)",
            "Duration (secs)",
            "Duração (segundos)",
            "Duração (s)",
            "Duración (segundos)",
            "Durata (s)",
            "Dauer (Sek.)",
            "Average Seconds viewed",
            "Other clicks",
            "Reach from Organic posts",
            "Reach from Boosted posts",
            "3-second video views from Boosted posts",
            "3-second video views from Organic posts",
            "3-second viewers",
            "1-minute viewers",
            "1-minute video views",
            "Engaged users",
            "Negative feedback from users",
            "Unique negative feedback from users",
            "Estimated earnings (USD)",
            "Ad impressions",
            "Is crosspost",
            "Is share",
        ],
        "segment": [
            "Post type",
            "Beitragstyp",
            "Tipo de publicación",
            "Tipo de publicação",
            "Tipo de post",
            "Type de publication",
            "Tipo di post",
            "Berichttype",
        ],
        "impressions": ["Views", "Aufrufe", "Visualizações", "Visualizaciones", "Vues", "Visualizzazioni", "Weergaven"],
        "reach": ["Reach", "Reichweite", "Alcance", "Couverture", "Copertura", "Bereik"],
        "engagements": [
            "Reactions, comments and shares",
            "Reaktionen, Kommentare und geteilte Inhalte",
            "Reações, comentários e compartilhamentos",
            "Reacciones, comentarios y veces que se compartió",
            "Réactions, commentaires et partages",
            "Reazioni, commenti e condivisioni",
        ],
        "reactions": [
            "Reactions",
            "Likes",
            "Curtidas",
            "Me gusta",
            "Mi piace",
            "„Gefällt mir“-Angaben",
            "J'aime",
            "Reazioni",
        ],
        "shares": [
            "Shares",
            "Compartilhamentos",
            "Veces que se compartió",
            "Condivisioni",
            "Geteilte Inhalte",
            "Partages",
        ],
        "comments": ["Comments", "Comentários", "Comentarios", "Commenti", "Kommentare", "Commentaires"],
        "saves": [
            "Saves",
            "Salvamentos",
            "Veces que se guardó",
            "Salvataggi",
            "Gespeicherte Beiträge",
            "Enregistrements",
        ],
        "followers_gained": ["Follows", "Seguimentos", "Seguimientos", "Follower"],
        "clicks": [
            "Total clicks",
            "Klicks insgesamt",
            "Cliques totais",
            "Clics totales",
            "Clic totali",
            "Clics totaux",
        ],
        "video_views": ["3-second video views"],
        "watch_time_seconds": ["Seconds viewed"],
    },
    requires=("date",),
    any_of=("post_id", "permalink"),
    strength=0.95,
)
