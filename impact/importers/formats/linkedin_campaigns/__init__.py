"""LinkedIn Campaign Manager reports: a banner (the report's title "… Report (in UTC)",
"Report Start: …", "Report End: …", "Date Generated: …"), a blank line, then the
header, often tab-separated; the language follows the UI and may change between
downloads. Money has its own ``Currency`` column. A report without a daily
breakdown puts the range's first day on rows that hold the whole range: then the
banner's range is used."""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="linkedin_campaigns",
    label="LinkedIn Campaign Manager report (banner, tab-separated, any language)",
    channel="linkedin",
    roles={
        "date": [
            "Start Date (in UTC)",
            "Begindatum (in UTC)",
            "Startdatum (in UTC)",
            "Fecha de inicio (en UTC)",
            "Date de début (en UTC)",
            "Data di inizio (in UTC)",
            "Data de início (em UTC)",
        ],
        "spend": [
            "Total Spent",
            "Totaal besteed",
            "Ausgaben insgesamt",
            "Gasto total",
            "Dépenses totales",
            "Spesa totale",
            "Total gasto",
        ],
        "impressions": ["Impressions", "Weergaven", "Impressionen"],
        "clicks": ["Clicks", "Klikken", "Klicks"],
        "engagements": ["Total Engagements", "Aantal interacties", "Interaktionen insgesamt"],
        "conversions": ["Conversions", "Conversies"],
        "leads": ["Leads"],
        "link_clicks": ["Clicks to Landing Page", "Klikken naar bestemmingspagina"],
        "currency": ["Currency", "Valuta", "Währung"],
        "segment": [
            "Campaign Name",
            "Campagnenaam",
            "Kampagnenname",
            "Campaign Group Name",
            "Ad Set Name",
            "Naam van advertentieset",
            "Ad Name",
            "Advertentienaam",
            "Creative Name",
        ],
        "ignore": [
            "Account Name",
            "Accountnaam",
            "Campaign ID",
            "Campagne-ID",
            "Ad Set ID",
            "Advertentieset-ID",
            "Ad ID",
            "Advertentie-ID",
            "Campaign Status",
            "Status campagne",
            "Ad Status",
            "Advertentiestatus",
            "Ad Introduction Text",
            "Ad Headline",
            "Click URL",
            "Campaign Start Date",
            "Campaign End Date",
        ],
    },
    requires=("date", "spend"),
    date_is_range_start=True,
    date_order="mdy",
    strength=0.95,
)
