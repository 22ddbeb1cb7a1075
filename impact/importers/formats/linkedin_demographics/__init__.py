"""LinkedIn Campaign Manager demographics report: the campaigns' impressions and
clicks by company, industry, job title, country … one section per dimension under
the report banner, each with "Percent of Total" columns. LinkedIn lists only groups
above its privacy threshold and counts some people under several values, so no
section adds up to the campaigns' totals (in the real file one is below, one above):
it is refused by name (the campaign performance report has the totals)."""

from impact.importers.spec import FormatSpec

SPEC = FormatSpec(
    name="linkedin_demographics",
    label="LinkedIn Campaign Manager demographics report (shares by company, job title …)",
    channel="linkedin",
    roles={
        "share": [
            "re:^(percent of total|prozent der gesamt|porcentaje del total|pourcentage du total|"
            "percentuale del totale|porcentagem do total|percentage van totaal)"
        ],
        "dimension": ["re:\\bsegment$"],
    },
    requires=("share", "dimension"),
    notes=(r"demographics report|demografie|demográfico|démographique|demografic",),
    nothing_to_check="linkedin_demographics",
    strength=0.97,
)
