"""Facebook Page Insights "Data Export" files (until about 2020; still in archives):
CSV, or ``.xls`` that is really SpreadsheetML XML with one sheet per breakdown (sheet
names cut to 31 characters). A row of column descriptions stands under the header;
headers are readable titles (2014) or Graph-API ids (``page_fans:lifetime``, 2017).
English whatever the page's language; dates month first.

- Post level: one row per post with lifetime totals, counted on the day posted.
  Story counts by action type become reactions, comments and shares; "Talking about
  this" and "consumers" count people, not actions, and are left out.
- Page level: one row per day. Only daily columns are read; weekly and 28-day
  columns are rolling windows that would count days many times over.
"""

from impact.importers.spec import FormatSpec, TableRule

POSTS = FormatSpec(
    name="facebook_legacy_posts",
    label="Facebook Page Insights post export (until about 2020; CSV or SpreadsheetML `.xls`)",
    channel="facebook",
    date_order="mdy",
    roles={
        "post_id": ["Post ID"],
        "date": ["Posted"],
        "segment": ["Type"],
        "reach": ["Lifetime Post Total Reach", "post_impressions_unique:lifetime"],
        "impressions": ["Lifetime Post Total Impressions", "post_impressions:lifetime"],
        "clicks": ["Lifetime Post Consumptions", "post_consumptions:lifetime"],
        "video_views": ["Lifetime Total Video Views", "post_video_views:lifetime"],
        "reactions": ["Lifetime Post Stories by action type - like"],
        "comments": ["Lifetime Post Stories by action type - comment"],
        "shares": ["Lifetime Post Stories by action type - share"],
        "link_clicks": ["Lifetime Post Consumptions by type - link clicks"],
        "ignore": [
            "Permalink",
            "Post Message",
            "Countries",
            "Languages",
            "Audience Targeting",
            "Description",
            "Content Tags",
        ],
    },
    tables=(
        TableRule(r"talking about|consumers|negative", skip=True),
        TableRule(r"stories by", roles={"reactions": ["like"], "comments": ["comment"], "shares": ["share"]}),
        TableRule(
            r"consumptions b",
            roles={"link_clicks": ["link clicks"], "ignore": ["other clicks", "photo view", "video play"]},
        ),
    ),
    requires=("post_id", "date"),
    any_of=("reach", "impressions"),
    strength=0.95,
)

PAGE = FormatSpec(
    name="facebook_legacy_page",
    label="Facebook Page Insights page export (daily columns only)",
    channel="facebook",
    date_order="mdy",
    roles={
        "date": ["Date"],
        "followers": ["Lifetime Total Likes", "page_fans:lifetime"],
        "followers_gained": ["Daily New Likes", "page_fan_adds_unique:day"],
        "reach": ["Daily Total Reach", "page_impressions_unique:day"],
        "impressions": ["Daily Total Impressions", "page_impressions:day"],
        "clicks": ["Daily Page consumptions", "page_consumptions:day"],
        "video_views": ["Daily Total Video Views", "page_video_views:day"],
    },
    only_named_columns=True,
    requires=("date", "followers"),
    strength=0.95,
)

SPECS = (POSTS, PAGE)
