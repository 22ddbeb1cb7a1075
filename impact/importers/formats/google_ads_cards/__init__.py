"""Google Ads overview cards, downloaded one by one from the overview page: a plain
table named like ``Time_series(2026.02.05-2026.02.10).csv`` or
``Série_temporelle(2024.12.30-2025.10.09_par_rapport_à_2024.01.01-2024.10.09).csv``:
no banner, the range only in the file name, every metric twice when a comparison
range is on ("Clics (Comparaison)"), weeks as "Semaine du 30 déc. 2024", money as
"1 238,40 €" in the account's language. The comparison columns are never read; the
card's range comes from the file name (said, and correctable)."""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="google_ads_cards",
    label="Google Ads overview card (Time series, Searches, Devices … downloaded from the overview)",
    channel="google ads",
    roles={
        "date": [
            "Week",
            "Semaine",
            "Woche",
            "Semana",
            "Settimana",
            "Day",
            "Jour",
            "Tag",
            "Día",
            "Dia",
            "Giorno",
            "Dag",
            "Month",
            "Mois",
            "Monat",
            "Mes",
            "Mês",
            "Mese",
            "Maand",
        ],
        "spend": ["Cost", "Coût", "Kosten", "Coste", "Custo", "Costo"],
        "clicks": ["Clicks", "Clics", "Klicks", "Cliques", "Clic", "Klikken"],
        "impressions": [
            "Impressions",
            "Impr.",
            "Impressionen",
            "Impresiones",
            "Impressões",
            "Impressioni",
            "Vertoningen",
        ],
        "conversions": ["Conversions", "Conversiones", "Conversões", "Conversioni", "Conversies", "Konversionen"],
        "segment": [
            "Device",
            "Appareil",
            "Gerät",
            "Dispositivo",
            "Apparaat",
            "Search",
            "Rechercher",
            "Suche",
            "Búsqueda",
            "Pesquisa",
            "Ricerca",
            "Zoeken",
            "Word",
            "Mot",
            "Wort",
            "Palabra",
            "Palavra",
            "Parola",
            "Woord",
            "Campaign",
            "Campagne",
            "Kampagne",
            "Campaña",
            "Campanha",
            "Campagna",
        ],
        "cost_per_conversion": [
            "Cost / conv.",
            "Cost/conv.",
            "Coût/conv.",
            "Kosten/Conv.",
            "Coste/conv.",
            "Custo/conv.",
            "Costo/conv.",
            "Kosten/conv.",
        ],
        "searches_containing": [
            "Top searches containing this word",
            "Principales requêtes contenant ce mot",
            "Häufigste Suchanfragen mit diesem Wort",
            "Búsquedas principales que contienen esta palabra",
        ],
        "ignore": ["CTR", "Taux de clics", "Klickrate", "Avg. CPC", "CPC moy."],  # comparisons: shared words
    },
    # what only these cards write: a comparison column, a cost per conversion spelled
    # the Google Ads way, or the searches a word stands for
    any_of=("cost_per_conversion", "searches_containing", "ignore"),
    matcher=lambda sniffed: any(
        "comparaison" in h.lower() or "comparison" in h.lower() or "/conv" in h.lower() or "contenant ce mot" in h
        for table in sniffed.tables
        for h in table.header
    ),
    strength=0.93,
)

WORDS = FormatSpec(
    name="google_ads_words",
    label="Google Ads overview card of single words (every search counts under each of its words)",
    channel="google ads",
    roles={
        "searches_containing": [
            "Top searches containing this word",
            "Principales requêtes contenant ce mot",
            "Häufigste Suchanfragen mit diesem Wort",
            "Búsquedas principales que contienen esta palabra",
        ],
    },
    requires=("searches_containing",),
    nothing_to_check="words_overlap",
    strength=0.99,  # surer than the cards in general: this one column says which card it is
)

SPECS = (SPEC, WORDS)
