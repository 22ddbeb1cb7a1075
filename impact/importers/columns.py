"""Which column is which: German and English header spellings → canonical names.

Shared by every importer, so "Impressionen", "Impr." and "Impressions" mean the same
everywhere. Ratio columns (CTR, conversion rate, cost per result …) are recognised
on purpose and ignored: a KPI is recomputed from summed inputs, never averaged.
"""

from __future__ import annotations

import re

from impact.metrics import METRICS

ROLES = ("date", "channel", "segment")

_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("datum", "date", "tag", "day", "reporting starts", "berichtsbeginn", "beginn des berichtszeitraums"),
    "channel": ("kanal", "channel", "quelle", "source", "plattform", "platform", "netzwerk", "network"),
    "segment": (
        "kampagne",
        "campaign",
        "campaign name",
        "kampagnenname",
        "segment",
        "zielgruppe",
        "audience",
        "anzeigengruppe",
        "ad set",
        "ad set name",
        "name der anzeigengruppe",
    ),
    "impressions": ("impressionen", "impressions", "impr.", "impr", "views", "ansichten"),
    "reach": ("reichweite", "reach", "unique impressions", "unique impressions (organic)"),
    "engagements": ("interaktionen", "engagements", "engagement", "reactions, comments and shares"),
    "reactions": ("reaktionen", "reactions", "likes", "gefällt mir", "gefaellt mir"),
    "comments": ("kommentare", "comments"),
    "shares": ("geteilt", "shares", "reposts", "geteilte beiträge", "weitergeleitet"),
    "saves": ("gespeichert", "saves", "saved"),
    "clicks": ("klicks", "clicks", "clicks (all)", "klicks (alle)", "total clicks", "klicks gesamt"),
    "link_clicks": ("link-klicks", "link klicks", "linkklicks", "link clicks"),
    "video_views": ("videoaufrufe", "video views", "videoansichten", "3-second video plays"),
    "watch_time_seconds": ("seconds viewed", "wiedergabezeit (sekunden)", "watch time (seconds)"),
    "profile_visits": ("profilbesuche", "profile visits", "profile views", "profilaufrufe"),
    "spend": (
        "ausgaben",
        "kosten",
        "spend",
        "cost",
        "amount spent",
        "ausgegebener betrag",
        "budget ausgegeben",
        "mediabudget",
    ),
    "leads": ("leads", "lead", "kontakte", "anfragen (leads)"),
    "qualified_leads": ("qualifizierte leads", "qualified leads", "mql", "sql"),
    "conversions": (
        "conversions",
        "konversionen",
        "abschlüsse",
        "abschluesse",
        "key events",
        "ergebnisse",
        "results",
        "conv.",
    ),
    "orders": ("bestellungen", "orders", "käufe", "kaeufe", "purchases"),
    "revenue": ("umsatz", "revenue", "total revenue", "einnahmen", "purchase value", "conv. value"),
    "sessions": ("sitzungen", "sessions", "besuche", "visits", "website-besuche"),
    "applications": ("bewerbungen", "applications", "bewerbungseingänge"),
    "qualified_applications": ("qualifizierte bewerbungen", "qualified applications"),
    "hires": ("einstellungen", "hires", "neueinstellungen", "eingestellt"),
    "followers": ("follower", "followers", "abonnenten", "fans", "follower gesamt", "total followers"),
    "followers_gained": ("neue follower", "new followers", "follows", "follower-zuwachs", "gewonnene follower"),
    "inquiries": ("anfragen", "inquiries", "kundenanfragen"),
    "recruiting_costs": ("recruitingkosten", "recruiting costs", "kosten recruiting"),
    "donations": ("spenden", "donations", "spendenbetrag"),
    "bookings": ("buchungen", "bookings", "reservierungen"),
}

_RATIO = re.compile(
    r"(^|\b)(ctr|rate|quote|rate \(.*\)|avg\.|average|durchschn|ø|cpc|cpm|cpa|cost ?/ ?conv|cost per|kosten pro|"
    r"frequency|frequenz|per session|pro sitzung|engagement time|%)",
    re.IGNORECASE,
)


def normalise_header(name: object) -> str:
    text = str(name or "").strip().lower()
    text = re.sub(r"\s*\((€|eur|usd|\$|in €|in eur)\)\s*$", "", text)
    text = text.replace("_", " ").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for metric in METRICS.values():
        for spelling in (metric.name, metric.name.replace("_", " "), metric.de, metric.en):
            table.setdefault(normalise_header(spelling), metric.name)
    for target, spellings in _ALIASES.items():
        for spelling in spellings:
            table[normalise_header(spelling)] = target
    return table


_TABLE = _lookup()


def role_of(header: object) -> str | None:
    """'date', 'channel', 'segment', a canonical metric, 'ratio', or None (unknown)."""
    key = normalise_header(header)
    if not key:
        return None
    if key in _TABLE:
        return _TABLE[key]
    if _RATIO.search(key):
        return "ratio"
    return None
