"""TikTok Studio analytics exports. Headers stay English whatever the UI language;
the dates follow the UI and carry no year (``February 28``, ``8 de marzo``,
``4 Ιανουαρίου``): the year is inferred (see ``dates.py``). ``undefined`` marks
days without a value. Every cell is quoted.

- Overview: daily video views, profile views, likes, comments, shares.
- Content: one row per video with its totals; ``Time`` is the day of the export
  (the reference for the posts' years), ``Post time`` the publish day.
- Viewers: daily unique viewers (read as reach: an upper bound when added up).
- Follower history: the follower count per day (the period's last value counts)
  and the day's change.
- Follower activity: active followers per hour of day, which no KPI can use.
"""

from impact.importers.spec import FormatSpec

_DATE = ["Date", "Datum", "Fecha", "Data", "Date"]

OVERVIEW = FormatSpec(
    name="tiktok",
    label="TikTok Studio overview",
    channel="tiktok",
    roles={
        "date": _DATE,
        "video_views": ["Video Views", "Videoaufrufe", "Video views", "Videovisningar"],
        "profile_visits": ["Profile Views", "Profilaufrufe", "Profilvisningar"],
        "reactions": ["Likes", "Gilla-markeringar"],
        "comments": ["Comments", "Kommentarer"],
        "shares": ["Shares", "Delningar"],
        "followers_gained": ["New followers", "Nya följare"],
        "reach": ["Reached audience", "Målgrupp som nåtts"],
        "leads": ["Leads submission", "Insamlade leads"],
        "ignore": [
            "Net growth",
            "Nettotillväxt",
            "Lost followers",
            "Tappade följare",
            "Phone number clicks",
            "Website clicks",
        ],
    },
    requires=("date", "video_views", "profile_visits"),
    engagements_from_parts=True,
    strength=0.95,
)

CONTENT = FormatSpec(
    name="tiktok_content",
    rows_are="posts",
    label="TikTok Studio content (per video)",
    channel="tiktok",
    roles={
        "reference": ["Time"],
        "date": ["Post time"],
        "ignore": ["Video link", "Video title"],
        "reactions": ["Total likes"],
        "comments": ["Total comments"],
        "shares": ["Total shares"],
        "video_views": ["Total views"],
    },
    requires=("date", "video_views"),
    engagements_from_parts=True,
    strength=0.95,
)

VIEWERS = FormatSpec(
    name="tiktok_viewers",
    label="TikTok Studio viewers",
    channel="tiktok",
    roles={"date": _DATE, "reach": ["Total Viewers"], "ignore": ["New Viewers", "Returning Viewers"]},
    requires=("date", "reach"),
    strength=0.95,
)

FOLLOWERS = FormatSpec(
    name="tiktok_followers",
    label="TikTok Studio follower history",
    channel="tiktok",
    roles={
        "date": _DATE,
        "followers": ["Followers"],
        "followers_gained": ["Difference in followers from previous day"],
    },
    requires=("date", "followers_gained"),
    strength=0.95,
)

ACTIVITY = FormatSpec(
    name="tiktok_follower_activity",
    label="TikTok Studio follower activity (per hour)",
    channel="tiktok",
    roles={"date": _DATE, "hour": ["Hour"], "active_followers": ["Active followers"]},
    requires=("hour", "active_followers"),
    nothing_to_check="activity_by_hour",
    strength=0.95,
)

SPECS = (OVERVIEW, CONTENT, VIEWERS, FOLLOWERS, ACTIVITY)
