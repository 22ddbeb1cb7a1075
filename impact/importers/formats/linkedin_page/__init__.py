"""LinkedIn page analytics workbooks (.xls/.xlsx): a notice above the header.

The metrics sheet has each figure as (organic), (sponsored) and (total), in the UI's
language: organic and sponsored become two segments and the total is never read, so
nothing is counted twice. The posts sheet repeats the same activity per post and is
left out where the metrics sheet has it. The followers sheet's "Total followers" is
the day's new followers."""

from impact.importers.spec import FormatSpec, TableRule, Variant

_ORGANIC = r"organic|organisch|orgánico|orgánicas|orgánicos|organique|organico|orgânico|organisch"
_SPONSORED = r"sponsored|gesponsert|patrocinado|patrocinados|sponsorisé|sponsorisées|sponsorizzato|gesponsord"
_TOTAL = r"total|gesamt|totale|totaal|insgesamt"

_VARIANTS = (
    Variant(rf"^(?P<base>.+?)\s*\((?:{_ORGANIC})\)$", "organic"),
    Variant(rf"^(?P<base>.+?)\s*\((?:{_SPONSORED})\)$", "sponsored"),
    Variant(rf"^(?P<base>.+?)\s*\((?:{_TOTAL})\)$", None),
)


def _variant_columns(header: list[str]) -> int:
    """How many columns repeat a metric per segment: the metrics sheet has them, no other export does."""
    return sum(1 for h in header if any(v.match(h) is not None for v in _VARIANTS))


SPEC = FormatSpec(
    name="linkedin",
    label="LinkedIn page analytics workbook (metrics, posts, followers sheets)",
    channel="linkedin",
    containers=("xls", "xlsx", "ods", "csv"),
    variants=_VARIANTS,
    matcher=lambda sniffed: any(_variant_columns(t.header) >= 2 for t in sniffed.tables),
    roles={
        "reach": [
            "Unique impressions",
            "Eindeutige Impressionen",
            "Impresiones únicas",
            "Impressions uniques",
            "Impressioni uniche",
            "Impressões únicas",
            "Unieke weergaven",
        ],
        "shares": ["Reposts", "Shares", "Geteilte Inhalte", "Reposts (gesamt)"],
        "date": ["Date", "Datum", "Created date", "Erstellungsdatum", "Fecha", "Data"],
        "segment": ["Post type", "Beitragstyp"],
        "video_views": ["Views"],
    },
    tables=(
        TableRule(
            r"follower",
            roles={
                "followers_gained": ["Total followers", "Follower insgesamt", "Follower gesamt", "Total de seguidores"],
                "ignore": ["Sponsored followers", "Organic followers", "Auto-invited followers"],
            },
        ),
        TableRule(
            r"all posts|alle beiträge|post title|beitragstitel",
            roles={
                "ignore": [
                    "Campaign start date",
                    "Campaign end date",
                    "Campaign name",
                    "Audience",
                    "Post title",
                    "Post link",
                    "Posted by",
                    "Content Type",
                ]
            },
        ),
    ),
    date_order="mdy",
    engagements_from_parts=True,
    strength=0.95,
)

_LINKEDIN_DATE = ["Date", "Datum", "Data", "Fecha", "Data", "Datum"]

FOLLOWERS = FormatSpec(
    name="linkedin_followers",
    label="LinkedIn page followers workbook (new followers per day, by location, function …)",
    channel="linkedin",
    containers=("xls", "xlsx", "ods", "csv"),
    only_named_columns=True,  # "Total followers" here is the day's gains, whatever the shared words say
    roles={
        "date": _LINKEDIN_DATE,
        "followers_gained": [
            "Total followers",
            "Follower insgesamt",
            "Follower gesamt",
            "Total de seguidores",
            "Nombre total d'abonnés",
            "Total d'abonnés",
            "Follower totali",
            "Totaal aantal volgers",
        ],
        "ignore": [
            "Sponsored followers",
            "Organic followers",
            "Auto-invited followers",
            "Gesponserte Follower",
            "Organische Follower",
            "Automatisch eingeladene Follower",
            "Seguidores patrocinados",
            "Seguidores orgânicos",
            "Seguidores orgánicos",
            "Seguidores convidados automaticamente",
            "Abonnés sponsorisés",
            "Abonnés naturels",
            "Follower sponsorizzati",
            "Follower organici",
            "Gesponsorde volgers",
            "Organische volgers",
        ],
    },
    requires=("date", "followers_gained", "ignore"),
    date_order="mdy",
    strength=0.96,
)

VISITORS = FormatSpec(
    name="linkedin_visitors",
    label="LinkedIn page visitors workbook (page views per day, by location, function …)",
    channel="linkedin",
    containers=("xls", "xlsx", "ods", "csv"),
    only_named_columns=True,
    roles={
        "date": _LINKEDIN_DATE,
        "profile_visits": [
            "Total page views (total)",
            "Seitenaufrufe gesamt (gesamt)",
            "Total de visualizações da página (total)",
            "Total de vistas de la página (total)",
            "Nombre total de vues de la page (total)",
            "Visualizzazioni di pagina totali (totale)",
            "Totaal aantal paginaweergaven (totaal)",
        ],
        "ignore": [
            "re:\\((desktop|mobile|computadores|dispositivos móveis|computadoras|dispositivos móviles|ordinateur|"
            "mobile|computer|mobil|mobiel|total|gesamt|totale|totaal)\\)$",
            "Total views",
            "Total de visualizações",
            "Aufrufe gesamt",
        ],
    },
    requires=("date", "profile_visits"),
    date_order="mdy",
    strength=0.96,
)

COMPETITORS = FormatSpec(
    name="linkedin_competitors",
    label="LinkedIn competitor analytics (your page beside others: a benchmark)",
    channel="linkedin",
    only_named_columns=True,
    roles={
        "page": ["Page", "Seite", "Página", "Pagina"],
        "followers": ["Total followers", "Total de seguidores", "Follower insgesamt", "Nombre total d'abonnés"],
        "followers_gained": [
            "New followers",
            "Novos seguidores",
            "Neue Follower",
            "Nouveaux abonnés",
            "Nuevos seguidores",
        ],
        "engagements": [
            "Total post engagements",
            "Total de engajamentos da publicação",
            "Beitragsinteraktionen gesamt",
            "Total de interacciones con publicaciones",
        ],
        "posts": ["Total posts", "Total de publicações", "Beiträge gesamt", "Total de publicaciones"],
    },
    requires=("page", "followers", "followers_gained", "posts"),
    nothing_to_check="competitors",
    strength=0.97,
)

SPECS = (SPEC, FOLLOWERS, VISITORS, COMPETITORS)
