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

SPEC = FormatSpec(
    name="linkedin",
    label="LinkedIn page analytics workbook (metrics, posts, followers sheets)",
    channel="linkedin",
    containers=("xls", "xlsx", "ods", "csv"),
    variants=(
        Variant(rf"^(?P<base>.+?)\s*\((?:{_ORGANIC})\)$", "organic"),
        Variant(rf"^(?P<base>.+?)\s*\((?:{_SPONSORED})\)$", "sponsored"),
        Variant(rf"^(?P<base>.+?)\s*\((?:{_TOTAL})\)$", None),
    ),
    min_variant_columns=2,
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
