"""The ``Filters.csv`` of a Google Search Console download (``Filtres.csv``,
``Filtros.csv``, ``Filter.csv``): the search type and the date range chosen,
usually relative ("Last 3 months", "Les 3 derniers mois"), which no file of the
download turns into days. It holds no figure: said so, and the other files of the
download carry the numbers (their ``Dates.csv``/``Chart.csv`` the days)."""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="search_console_filters",
    label="Google Search Console download: its filters file (search type, date range)",
    channel="google search",
    only_named_columns=True,
    roles={
        "filter": ["Filter", "Filtre", "Filtro", "Filtrar", "Filtri"],
        "setting": ["Value", "Valeur", "Valor", "Wert", "Valore", "Waarde"],
    },
    requires=("filter", "setting"),
    nothing_to_check="search_console_filters",
    matcher=lambda sniffed: len(sniffed.tables) == 1,  # the filters alone; in the zip they date the others
    strength=0.97,
)
