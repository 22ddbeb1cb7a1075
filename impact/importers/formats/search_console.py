"""Google Search Console performance exports: a zip of ``Queries.csv``, ``Pages.csv``,
``Countries.csv``, ``Devices.csv``, ``Search appearance.csv``, ``Dates.csv`` or
``Chart.csv`` (daily, or hourly with ``Time (UTC+03:00)``) and ``Filters.csv`` (the
range), translated with the UI. CTR is a share and never read; the position is
averaged weighted by impressions; clicks and impressions are search clicks and
search impressions, apart from social ones."""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="search_console",
    label="Google Search Console performance export (zip or single CSVs, daily or hourly)",
    channel="google search",
    roles={
        "search_clicks": ["Clicks", "Clics", "Klicks", "Aantal klikken", "Klikken", "Cliques", "Clic", "Kliknięcia"],
        "search_impressions": [
            "Impressions",
            "Impresiones",
            "Impressionen",
            "Vertoningen",
            "Impressões",
            "Impressioni",
            "Wyświetlenia",
        ],
        "search_position": [
            "Position",
            "Posición",
            "Positie",
            "Posição",
            "Posizione",
            "Posizione media",
            "Durchschnittliche Position",
            "Pozycja",
        ],
        "date": [
            "Date",
            "Fecha",
            "Datum",
            "Data",
            "re:^(time|uhrzeit|hora|heure|ora|tijd) \\(utc[+-]\\d{2}:\\d{2}\\)$",
        ],
        "segment": [
            "Top queries",
            "Top pages",
            "Country",
            "Device",
            "Search Appearance",
            "Requêtes les plus fréquentes",
            "Pages les plus populaires",
            "Pays",
            "Appareil",
            "Apparence dans les résultats de recherche",
            "Consultas principales",
            "Páginas principales",
            "País",
            "Dispositivo",
            "Meest uitgevoerde zoekopdrachten",
            "Populairste zoekopdrachten",
            "Häufigste Suchanfragen",
            "Suchanfragen",
            "Häufigste Seiten",
            "Seiten",
            "Land",
            "Gerät",
            "Query principali",
            "Consultas principais",
            "Páginas principais",
        ],
        "ignore": ["CTR", "Klickrate"],
    },
    requires=("search_clicks", "search_impressions", "search_position"),
    strength=0.95,
)
