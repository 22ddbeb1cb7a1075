"""Google Ads reports: a title line and the date range (in the account's language:
``27 January 2026 - 23 February 2026``, ``5 de maio de 2026 - 15 de maio de 2026``)
above the header; ``Total: …`` rows in any column (never counted); ``--`` for
missing; thousands separators in quotes; the currency in ``Currency code``. "CSV for
Excel" downloads are UTF-16 and tab-separated: the shared sniff reads both. Without
a day column each row is a total over the report's range."""

from impact.importers.dates import range_in
from impact.importers.spec import FormatSpec
from impact.importers.vocabulary import fold

SPEC = FormatSpec(
    name="google_ads",
    label='Google Ads report, also the "CSV for Excel" download (UTF-16, tabs)',
    channel="google ads",
    roles={
        "impressions": ["Impr.", "Impressões", "Impresiones", "Impressionen"],
        "segment": [
            "Campaign",
            "Kampagne",
            "Campanha",
            "Campaña",
            "Campagne",
            "Campagna",
            "Ad group",
            "Anzeigengruppe",
            "Grupo de anúncios",
            "Grupo de anuncios",
            "Groupe d'annonces",
            "Gruppo di annunci",
            "Advertentiegroep",
            "Keyword",
            "Search keyword",
            "Pesquisar palavra-chave",
            "Search term",
            "Suchbegriff",
            "Termo de pesquisa",
        ],
        "date": ["Day", "Tag", "Dia", "Día", "Jour", "Giorno", "Dag", "Week", "Month", "Monat"],
        "spend": ["Cost", "Kosten", "Custo", "Coste", "Coût", "Costo"],
        "clicks": ["Clicks", "Klicks", "Cliques", "Clics", "Clic", "Klikken"],
        "conversions": ["Conversions", "Conversões", "Conversiones", "Conversioni", "Conversies"],
        "revenue": ["Conv. value", "Conv.-Wert", "Valor de conv.", "Valeur de conv.", "Valore conv."],
        "currency": [
            "Currency code",
            "Währungscode",
            "Código da moeda",
            "Código de moneda",
            "Code de devise",
            "Codice valuta",
        ],
        "ignore": [
            "Budget",
            "Budget name",
            "Budget type",
            "Campaign status",
            "Kampagnenstatus",
            "Status da campanha",
            "Status",
            "Status reasons",
            "Motivos do status",
            "Optimisation score",
            "Optimization score",
            "Pontuação de otimização",
            "Bid strategy type",
            "Tipo de estratégia de lances",
            "Original conv. value",
            "Campaign type",
            "Tipo de campanha",
            "Keyword status",
            "Match type",
            "Final URL",
            "Max. CPC",
            "View-through conv.",
            "Orçamento",
            "Nome do orçamento",
            "Tipo de orçamento",
        ],
    },
    requires=("impressions",),
    any_of=("spend", "clicks", "segment"),
    # a report has its range in a banner line above the header
    matcher=lambda sniffed: any(range_in(fold(n)) for t in sniffed.tables for n in t.notes),
    strength=0.9,
)
