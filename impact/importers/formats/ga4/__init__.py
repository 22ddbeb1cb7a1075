"""Google Analytics 4 downloads: a ``#`` block (account, property, start and end date
as ``20261001``, in the UI's language) above each table. Standard reports hold one
table; the "Reports snapshot" holds many, each under its own block, with ``Nth day``
offsets from the block's start date; explorations name the range as
``20230515-20230521`` and put the ``Grand total`` row first.

Rows without a date dimension are totals over the block's range. The channel is
always "website"; a channel group (Organic Social, Direct …) or a source is a segment
of it, so a KPI on website sessions counts all of them and ranks them. Where several
tables carry the same metric by different dimensions, the daily one counts and the
others are left out (see ``engine.read_file``). "Key events" (formerly
"Conversions") are conversions; "Views" are page views; users are unique people and
only add up to an upper bound."""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="ga4",
    label=(
        "Google Analytics 4 download: reports, the reports snapshot with many tables, explorations;"
        " a channel group or source is a segment"
    ),
    channel="website",
    notes=(
        r"^(start date|startdatum|fecha de inicio|date de début|data di inizio|data de início|data inicial"
        r"|begindatum)\s*:\s*\d{8}$",
        r"^\d{8}\s*-\s*\d{8}$",
    ),
    roles={
        "date": ["Date", "Datum", "Fecha", "Data", "Jour", "Date + hour (YYYYMMDDHH)"],
        "page_views": [
            "Views",
            "Aufrufe",
            "Vistas",
            "Vues",
            "Visualizzazioni",
            "Visualizações",
            "Weergaven",
            "Page views",
        ],
        "conversions": [
            "Key events",
            "Schlüsselereignisse",
            "Eventos clave",
            "Événements clés",
            "Eventi chiave",
            "Eventos-chave",
            "Eventos principais",
            "Conversions",
            "Conversiones",
        ],
        "revenue": [
            "Total revenue",
            "Gesamtumsatz",
            "Total de ingresos",
            "Revenus totaux",
            "Entrate totali",
            "Receita total",
            "Purchase revenue",
        ],
        "segment": [
            "Session default channel group",
            "Session primary channel group (Default Channel Group)",
            "Session primary channel group (Default channel group)",
            "First user default channel group",
            "First user primary channel group (Default Channel Group)",
            "Default channel group",
            "Session source",
            "Session medium",
            "Session source / medium",
            "First user source / medium",
            "Standard-Channelgruppe der Sitzung",
            "Sitzung – primäre Channelgruppe (Standard-Channelgruppe)",
            "Sitzungsquelle / -medium",
            "Grupo de canales predeterminado de la sesión",
            "Groupe de canaux par défaut de la session",
            "Gruppo di canali predefinito della sessione",
            "Grupo de canais padrão da sessão",
        ],
        "users": [
            "Users",
            "Active users",
            "Total users",
            "Aktive Nutzer",
            "Nutzer insgesamt",
            "Nutzer",
            "Usuarios activos",
            "Usuarios",
            "Utilisateurs actifs",
            "Utenti attivi",
            "Usuários ativos",
        ],
        "ignore": [
            "Event count",
            "Ereignisanzahl",
            "Número de eventos",
            "Nombre d'événements",
            "Conteggio eventi",
            "Contagem de eventos",
            "Returning users",
            "Wiederkehrende Nutzer",
            "Total purchasers",
            "Items purchased",
            "30 days",
            "7 days",
            "1 day",
        ],
    },
    dimension_segment=True,
    strength=0.95,
)
