"""E-mail campaign lists: Mailchimp's campaign export (``Title``, ``"Send Date"`` as
``Jun 09, 2018 09:30 pm``, rates as ``27.78%``, ``n/a`` where Google Analytics is not
connected) and Klaviyo's (``Campaign Name``, ``Send Time`` in ISO, counts as
``64517.0``). One row per campaign, counted on its send day. Rates are recomputed
from the counts, never read."""

from impact.importers.spec import FormatSpec

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

SPECS = (MAILCHIMP, KLAVIYO)
