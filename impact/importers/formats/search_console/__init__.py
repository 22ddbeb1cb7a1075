"""Google Search Console performance exports: a zip of ``Queries.csv``, ``Pages.csv``,
``Countries.csv``, ``Devices.csv``, ``Search appearance.csv``, ``Dates.csv`` or
``Chart.csv`` (daily, or hourly with ``Time (UTC+03:00)``) and ``Filters.csv`` (the
range), translated with the UI. CTR is a share and never read; the position is
averaged weighted by impressions; clicks and impressions are search clicks and
search impressions, apart from social ones.

The download's ``Filters.csv`` names the range: as days ("Oct 1, 2026 - Oct 2,
2026") it dates the tables without a day column (said as coming from there); as
words relative to the download day ("Last 3 months", "Les 3 derniers mois") it
cannot, and where no other table has days the person is asked, with those words."""

from dataclasses import replace
from datetime import date

from impact.importers.canonical import ImportResult
from impact.importers.dates import range_in
from impact.importers.errors import ExportError
from impact.importers.registry import SpecImporter
from impact.importers.sniff import Sniffed
from impact.importers.spec import Context, FormatSpec
from impact.importers.vocabulary import fold, role_of, says_all_time

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


def _filters_range(sniffed: Sniffed) -> tuple[tuple[date, date] | None, str | None]:
    """(the range the filters table states, or None; its words when they are relative)."""
    for table in sniffed.tables:
        if len(table.header) != 2 or fold(table.header[0]) not in ("filter", "filtre", "filtro", "filtrar", "filtri"):
            continue
        for row in table.rows:
            if len(row) < 2 or row[1] is None:
                continue
            role = role_of(str(row[0]))
            if role is None or role.name != "date":
                continue
            text = " ".join(str(row[1]).split())
            found = range_in(text)
            return (found, None) if found else (None, text)
    return None, None


class SearchConsoleImporter(SpecImporter):
    def read(self, sniffed: Sniffed, context: Context) -> ImportResult:
        found, relative = _filters_range(sniffed)
        try:
            return super().read(sniffed, replace(context, companion=found) if found else context)
        except ExportError as error:
            if error.code == "no_date" and relative:
                raise ExportError("all_time" if says_all_time(relative) else "relative_range", relative) from None
            raise


IMPORTER = SearchConsoleImporter(SPEC)
