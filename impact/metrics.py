"""The canonical metrics that card formulas may name, and how each adds up over days.

Importers map every export onto these names; formulas refer to nothing else. The
aggregation rule travels with the metric because summing reach or followers over a
month is the classic wrong number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Aggregation = Literal["sum", "last", "first", "unique", "weighted"]


@dataclass(frozen=True)
class Metric:
    name: str
    aggregation: Aggregation
    unit: str  # count | currency | seconds | minutes | stars | people | position
    de: str
    en: str
    weight: str | None = None  # for "weighted": the metric each value is weighted by

    @property
    def is_money(self) -> bool:
        return self.unit == "currency"

    def label(self, lang: str) -> str:
        """Its name in the reader's language (in English for a language it has no name in)."""
        return {"de": self.de, "en": self.en}.get(lang, self.en)


def _m(name: str, aggregation: Aggregation, unit: str, de: str, en: str, weight: str | None = None) -> Metric:
    return Metric(name, aggregation, unit, de, en, weight)


_ALL = [
    # reach and attention
    _m("impressions", "sum", "count", "Impressionen", "Impressions"),
    _m("reach", "unique", "people", "Reichweite (einzelne Personen)", "Reach (unique people)"),
    _m("video_views", "sum", "count", "Videoaufrufe", "Video views"),
    _m("watch_time_seconds", "sum", "seconds", "Wiedergabezeit (Sekunden)", "Watch time (seconds)"),
    _m("followers", "last", "count", "Follower (Stand)", "Followers (count at period end)"),
    _m("followers_gained", "sum", "count", "Neue Follower", "New followers"),
    _m("posts", "sum", "count", "Veröffentlichte Beiträge", "Posts published"),
    _m("mentions", "sum", "count", "Erwähnungen der Marke", "Brand mentions"),
    _m("competitor_mentions", "sum", "count", "Erwähnungen der Wettbewerber", "Competitor mentions"),
    _m("positive_mentions", "sum", "count", "Positive Erwähnungen", "Positive mentions"),
    _m("negative_mentions", "sum", "count", "Negative Erwähnungen", "Negative mentions"),
    _m("aware_respondents", "sum", "people", "Befragte, die die Marke kennen", "Respondents aware of the brand"),
    _m("survey_respondents", "sum", "people", "Befragte (Markenbekanntheit)", "Survey respondents (awareness)"),
    # interaction
    _m("engagements", "sum", "count", "Interaktionen", "Engagements"),
    _m("reactions", "sum", "count", "Reaktionen (Likes)", "Reactions (likes)"),
    _m("comments", "sum", "count", "Kommentare", "Comments"),
    _m("shares", "sum", "count", "Geteilte Beiträge", "Shares"),
    _m("saves", "sum", "count", "Gespeichert", "Saves"),
    _m("clicks", "sum", "count", "Klicks", "Clicks"),
    _m("link_clicks", "sum", "count", "Link-Klicks", "Link clicks"),
    _m("profile_visits", "sum", "count", "Profilbesuche", "Profile visits"),
    _m("sessions", "sum", "count", "Website-Sitzungen", "Website sessions"),
    _m("engaged_sessions", "sum", "count", "Sitzungen mit Interaktion", "Engaged sessions"),
    _m("page_views", "sum", "count", "Seitenaufrufe", "Page views"),
    _m("users", "unique", "people", "Nutzer (einzelne Personen)", "Users (unique people)"),
    _m("new_users", "sum", "people", "Neue Nutzer", "New users"),
    _m("search_clicks", "sum", "count", "Klicks aus der Google-Suche", "Clicks from Google Search"),
    _m("search_impressions", "sum", "count", "Impressionen in der Google-Suche", "Impressions in Google Search"),
    _m(
        "search_position",
        "weighted",
        "position",
        "Durchschnittliche Position in der Google-Suche",
        "Average position in Google Search",
        weight="search_impressions",
    ),
    _m("emails_sent", "sum", "count", "Versendete E-Mails", "E-mails sent"),
    _m(
        "emails_opened", "sum", "people", "Geöffnete E-Mails (einzelne Empfänger)", "E-mails opened (unique recipients)"
    ),
    _m("emails_clicked", "sum", "people", "Klickende Empfänger (E-Mail)", "Recipients who clicked (e-mail)"),
    _m("unsubscribes", "sum", "count", "Abmeldungen", "Unsubscribes"),
    _m("subscribers", "last", "people", "Abonnenten (Stand)", "Subscribers (count at period end)"),
    _m("add_to_carts", "sum", "count", "Warenkorb-Hinzufügungen", "Add-to-carts"),
    _m("newsletter_signups", "sum", "count", "Newsletter-Anmeldungen", "Newsletter sign-ups"),
    _m("inquiries", "sum", "count", "Anfragen", "Inquiries"),
    _m("employee_shares", "sum", "count", "Von Mitarbeitenden geteilte Beiträge", "Posts shared by employees"),
    # money and conversion
    _m("spend", "sum", "currency", "Ausgaben (Mediabudget)", "Spend"),
    _m("leads", "sum", "count", "Leads", "Leads"),
    _m("qualified_leads", "sum", "count", "Qualifizierte Leads", "Qualified leads"),
    _m("conversions", "sum", "count", "Conversions", "Conversions"),
    _m("orders", "sum", "count", "Bestellungen", "Orders"),
    _m("repeat_orders", "sum", "count", "Wiederholungskäufe", "Repeat orders"),
    _m("revenue", "sum", "currency", "Umsatz", "Revenue"),
    _m("bookings", "sum", "count", "Buchungen", "Bookings"),
    _m("pre_orders", "sum", "count", "Vorbestellungen", "Pre-orders"),
    _m("calls", "sum", "count", "Anrufe", "Calls"),
    _m("direction_requests", "sum", "count", "Routenanfragen", "Direction requests"),
    _m("donations", "sum", "currency", "Spenden (Betrag)", "Donations (amount)"),
    _m("donors", "sum", "people", "Spendende", "Donors"),
    _m("repeat_donors", "sum", "people", "Wiederkehrende Spendende", "Repeat donors"),
    _m("volunteers", "sum", "people", "Ehrenamtliche Anmeldungen", "Volunteer sign-ups"),
    # recruiting
    _m("applications", "sum", "count", "Bewerbungen", "Applications"),
    _m("qualified_applications", "sum", "count", "Qualifizierte Bewerbungen", "Qualified applications"),
    _m("hires", "sum", "people", "Einstellungen", "Hires"),
    _m(
        "recruiting_costs",
        "sum",
        "currency",
        "Recruitingkosten (extern + intern)",
        "Recruiting costs (external + internal)",
    ),
    # customers, service, advocacy
    _m("customers_start", "first", "people", "Kunden am Periodenanfang", "Customers at period start"),
    _m("customers_end", "last", "people", "Kunden am Periodenende", "Customers at period end"),
    _m("new_customers", "sum", "people", "Neukunden", "New customers"),
    _m("support_requests", "sum", "count", "Serviceanfragen (alle Kanäle)", "Support requests (all channels)"),
    _m(
        "support_requests_social",
        "sum",
        "count",
        "Serviceanfragen über Social Media",
        "Support requests via social media",
    ),
    _m("answered_inquiries", "sum", "count", "Beantwortete Anfragen", "Answered inquiries"),
    _m("response_minutes", "sum", "minutes", "Antwortzeit gesamt (Minuten)", "Total time to first reply (minutes)"),
    _m("responses", "sum", "people", "Umfrage-Antworten", "Survey responses"),
    _m("promoters", "sum", "people", "Promotoren (9–10)", "Promoters (9–10)"),
    _m("detractors", "sum", "people", "Kritiker (0–6)", "Detractors (0–6)"),
    _m("satisfied_responses", "sum", "people", "Zufriedene Antworten (4–5 Sterne)", "Satisfied responses (4–5 stars)"),
    _m("referrals", "sum", "count", "Weiterempfehlungen", "Referrals"),
    _m("reviews", "sum", "count", "Bewertungen", "Reviews"),
    _m("review_stars", "sum", "stars", "Sterne gesamt", "Stars in total"),
    _m("ugc_posts", "sum", "count", "Nutzerbeiträge (UGC)", "User-generated posts"),
]

METRICS: dict[str, Metric] = {m.name: m for m in _ALL}


def metric_label(name: str, lang: str) -> str:
    metric = METRICS.get(name)
    if metric is None:
        return name
    return metric.label(lang)
