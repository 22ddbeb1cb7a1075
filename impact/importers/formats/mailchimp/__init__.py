"""E-mail campaign lists: Mailchimp's campaign export (``Title``, ``"Send Date"`` as
``Jun 09, 2018 09:30 pm``, rates as ``27.78%``, ``n/a`` where Google Analytics is not
connected; an A/B test listed as its parts and once more as the campaign, whose
row is left out) and Klaviyo's (``Campaign Name``, ``Send Time`` in ISO, counts as
``64517.0``). One row per campaign, counted on its send day. Rates are recomputed
from the counts, never read."""

from dataclasses import replace

from impact.importers.canonical import ImportResult
from impact.importers.layout import RawTable
from impact.importers.registry import SpecImporter
from impact.importers.sniff import Sniffed
from impact.importers.spec import Context, FormatSpec
from impact.importers.vocabulary import fold

MAILCHIMP = FormatSpec(
    name="mailchimp",
    label="Mailchimp e-mail campaign list",
    channel="email",
    date_order="mdy",
    roles={
        "segment": ["Title"],
        "date": ["Send Date"],
        "emails_sent": ["Successful Deliveries"],
        "emails_opened": ["Unique Opens"],
        "emails_clicked": ["Unique Clicks"],
        "unsubscribes": ["Unsubscribes"],
        "orders": ["Total Orders"],
        "revenue": ["Total Revenue"],
        "sessions": ["Visits"],
        "ignore": [
            "Subject",
            "List",
            "Send Weekday",
            "Total Recipients",
            "Soft Bounces",
            "Hard Bounces",
            "Total Bounces",
            "Times Forwarded",
            "Forwarded Opens",
            "Total Opens",
            "Total Clicks",
            "Abuse Complaints",
            "Times Liked on Facebook",
            "Folder Id",
            "Unique Id",
            "Total Gross Sales",
            "Analytics ROI",
            "Campaign Cost",
            "Revenue Created",
            "New Visits",
            "Time on Site",
            "Transactions",
        ],
    },
    requires=("date", "emails_sent", "emails_opened"),
    strength=0.95,
)

KLAVIYO = FormatSpec(
    name="klaviyo",
    label="Klaviyo e-mail campaign list",
    channel="email",
    roles={
        "segment": ["Campaign Name"],
        "date": ["Send Time"],
        "emails_sent": ["Successful Deliveries"],
        "emails_opened": ["Unique Opens"],
        "emails_clicked": ["Unique Clicks"],
        "unsubscribes": ["Unsubscribes"],
        "orders": ["Unique Placed Order"],
        "revenue": ["Revenue"],
        "ignore": [
            "Tags",
            "Subject",
            "List",
            "Send Weekday",
            "Total Recipients",
            "Total Opens",
            "Total Clicks",
            "Spam Complaints",
            "Bounces",
            "Campaign ID",
            "Campaign Channel",
        ],
    },
    requires=("date", "emails_sent", "emails_opened", "orders"),
    strength=0.95,
)

MAILCHIMP_LIST = FormatSpec(
    name="mailchimp_list",
    label="Mailchimp campaign list without reports (sent to how many, when)",
    channel="email",
    date_order="mdy",
    only_named_columns=True,
    roles={
        "segment": ["Title"],
        "date": ["Send Date"],
        "emails_sent": ["Total Recipients"],
        "weekday": ["Send Weekday"],
        "ignore": ["Subject", "Audience", "List", "Unique Id"],
    },
    requires=("date", "emails_sent", "weekday"),
    # the full report has its own format; this one only where nothing was reported yet
    matcher=lambda sniffed: not any("Successful Deliveries" in t.header for t in sniffed.tables),
    strength=0.94,
)

SPECS = (KLAVIYO, MAILCHIMP_LIST)


def _ab_parents(table: RawTable) -> list[int]:
    """An A/B test is listed as its parts ("Newsletter 12 | Combo 1", "… | Combo 2",
    "… | Winner") and as the campaign itself ("Newsletter 12", no subject), whose
    figures are the parts added up: the campaign row would count them twice."""
    header = [fold(h) for h in table.header]
    if not {"title", "subject", "send date"} <= set(header):
        return []

    def cells(name: str) -> list[str]:
        at = header.index(name)
        return [str(row[at]).strip() if at < len(row) and row[at] is not None else "" for row in table.rows]

    titles, subjects = cells("title"), cells("subject")
    days = [d.split(" ")[0:3] for d in cells("send date")]  # 'Oct 28, 2019 07:00 am' → its day
    parts: dict[str, set[str]] = {}
    for title, day in zip(titles, days, strict=True):
        if " | " in title:
            parts.setdefault(title.split(" | ", 1)[0].strip(), set()).add(" ".join(day))
    # the campaign row has no subject of its own and goes out the day its variants do
    return [
        i
        for i, (title, subject, day) in enumerate(zip(titles, subjects, days, strict=True))
        if title in parts and not subject and " ".join(day) in parts[title]
    ]


class MailchimpImporter(SpecImporter):
    def read(self, sniffed: Sniffed, context: Context) -> ImportResult:
        tables, dropped = [], 0
        for table in sniffed.all_tables():
            parents = set(_ab_parents(table))
            dropped += len(parents)
            rows = [r for i, r in enumerate(table.rows) if i not in parents]
            lines = [n for i, n in enumerate(table.lines) if i not in parents]
            tables.append(replace(table, rows=rows, lines=lines))
        result = super().read(replace(sniffed, tables=tables, complete=True), context)
        if dropped:
            result.warnings.append(("ab_test_totals", str(dropped)))
        return result


IMPORTER = MailchimpImporter(MAILCHIMP)
