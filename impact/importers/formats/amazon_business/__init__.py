"""Amazon Seller Central business report ("Detail Page Sales and Traffic by Child
Item"): one row per product (ASIN) over the range chosen in Seller Central, which
the file never states (its name carries the download day): the period is asked for.
Each figure comes as a total, a B2B part of it ("– B2B") and, in the newer report, a
mobile app and a browser part: only the totals are read, so nothing counts twice.
Money like "£1,137.26"."""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="amazon_business",
    label="Amazon Seller Central business report (sales and traffic per product)",
    channel="amazon",
    only_named_columns=True,
    roles={
        "segment": ["(Child) ASIN"],
        "asin": ["(Parent) ASIN"],
        "sessions": ["Sessions – Total", "Sessions - Total", "Sitzungen – Summe", "Sitzungen - Summe"],
        "page_views": ["Page views – Total", "Page views - Total", "Seitenaufrufe – Summe", "Seitenaufrufe - Summe"],
        "revenue": [
            "Ordered Product Sales",
            "Durch bestellte Produkte erzielter Umsatz",
            "Ventes de produits commandés",
            "Ventas de productos pedidos",
        ],
        "orders": ["Total order items", "Bestellte Artikel insgesamt", "Nombre total d'articles commandés"],
    },
    requires=("asin", "segment", "sessions"),
    strength=0.97,
)
