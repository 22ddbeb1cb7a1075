"""Meta Ads Manager reports (CSV or XLSX) in the account's language.

Each row is a campaign, ad set or ad over the row's own reporting range; a ``Day``
or ``Month`` breakdown (``2024-02-01 - 2024-02-29``) is more specific and wins. The
summary row (no campaign name, first) is recognised by its sums and never counted.
The currency stands in the spend header (``Amount spent (INR)``) or a ``Currency``
column. "Results" count as conversions (the objective decides what a result is: map
the column by hand when it means leads).
"""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="meta_ads",
    label="Meta Ads Manager report",
    channel="meta",
    roles={
        "range_start": [
            "Reporting starts",
            "Beginn des Berichtszeitraums",
            "Berichtsbeginn",
            "Inicio del informe",
            "Início dos relatórios",
            "Début des rapports",
            "Inizio dei report",
            "Begin rapportage",
        ],
        "range_end": [
            "Reporting ends",
            "Ende des Berichtszeitraums",
            "Berichtsende",
            "Fin del informe",
            "Encerramento dos relatórios",
            "Término dos relatórios",
            "Fin des rapports",
            "Fine dei report",
            "Einde rapportage",
        ],
        "date": ["Day", "Tag", "Día", "Dia", "Jour", "Giorno", "Dag", "Month", "Monat", "Mes", "Mês", "Mois", "Mese", "Maand", "Week", "Woche", "Semana", "Semaine", "Settimana"],
        "segment": [
            "Campaign name",
            "Kampagnenname",
            "Nombre de la campaña",
            "Nome da campanha",
            "Nom de la campagne",
            "Nome della campagna",
            "Campagnenaam",
            "Ad set name",
            "Name der Anzeigengruppe",
            "Nombre del conjunto de anuncios",
            "Nome do conjunto de anúncios",
            "Nom de l'ensemble de publicités",
            "Nome del gruppo di inserzioni",
            "Naam advertentieset",
            "Ad name",
            "Anzeigenname",
            "Nombre del anuncio",
            "Nome do anúncio",
            "Nom de la publicité",
            "Nome dell'inserzione",
        ],
        "conversions": ["Results", "Ergebnisse", "Resultados", "Résultats", "Risultati", "Resultaten"],
        "orders": ["Purchases", "Käufe", "Compras", "Achats", "Acquisti", "Aankopen"],
        "revenue": ["Purchases conversion value", "Conversion value", "Valeur de conversion des achats"],
        "add_to_carts": ["Adds to cart", "Hinzufügungen zum Warenkorb", "Adiciones al carrito", "Ajouts au panier", "Aggiunte al carrello", "Adições ao carrinho"],
        "clicks": ["Clicks (all)", "Klicks (alle)", "Clics (todos)", "Cliques (todos)", "Clics (tous)", "Clic (tutti)"],
        "ignore": [
            "Result indicator",
            "Ergebnisindikator",
            "Indicador de resultados",
            "Indicatore di risultato",
            "Campaign delivery",
            "Ad set budget",
            "Ad set budget type",
            "Attribution setting",
            "Ends",
            "Checkouts initiated",
            "Landing page views",
        ],
    },
    requires=("range_start",),
    strength=0.95,
)
