"""X (Twitter) analytics exports.

- Tweet activity (``tweet_activity_metrics_<user>_<start>_<end>_<lang>.csv``): one row
  per tweet, ``time`` as ``2017-01-30 19:05 +0000``, counts written ``4715.0``, and the
  same metrics again as ``promoted …`` (``-`` where nothing was promoted): the plain
  columns are the organic segment, the promoted ones a segment of their own.
- Account overview and content (X Premium, since 2024): one row per day or per post,
  dates as ``"Tue, Feb 18, 2025"``, newest first.
"""

from impact.importers.spec import FormatSpec, Variant

TWEETS = FormatSpec(
    name="x_twitter",
    rows_are="posts",
    label="X (Twitter) tweet activity (organic and promoted)",
    channel="x",
    roles={
        "post_id": ["Tweet id", "id do Tweet", "ツイートID"],
        "date": ["time", "horário", "時間"],
        "ignore": [
            "Tweet permalink",
            "Tweet text",
            "link permanente do Tweet",
            "texto do Tweet",
            "hashtag clicks",
            "detail expands",
            "permalink clicks",
            "app opens",
            "app installs",
            "email tweet",
            "dial phone",
            "media engagements",
        ],
        "impressions": ["impressions", "impressões"],
        "engagements": ["engagements", "engajamentos"],
        "shares": ["retweets"],
        "comments": ["replies", "respostas"],
        "reactions": ["likes", "favoritos"],
        "profile_visits": ["user profile clicks", "cliques no perfil do usuário:", "cliques no perfil do usuário"],
        "link_clicks": ["url clicks", "cliques no URL"],
        "followers_gained": ["follows", "seguiram"],
        "video_views": ["media views", "visualizações da mídia"],
    },
    variants=(Variant(r"^(?:promoted|promovid[oa]s?)\s+(?P<base>.+)$", "promoted"),),
    plain_segment="organic",
    requires=("post_id", "date"),
    strength=0.95,
)

ACCOUNT = FormatSpec(
    name="x_account",
    label="X Premium account overview and content exports",
    channel="x",
    roles={
        "date": ["Date", "日付"],
        "post_id": ["Post id", "ポストID"],
        "impressions": ["Impressions", "インプレッション数"],
        "reactions": ["Likes", "いいね"],
        "engagements": ["Engagements", "エンゲージメント"],
        "saves": ["Bookmarks", "ブックマーク"],
        "shares": ["Reposts", "リポスト"],
        "followers_gained": ["New follows", "新しいフォロー"],
        "comments": ["Replies", "返信"],
        "profile_visits": ["Profile visits", "プロフィールへのアクセス数"],
        "link_clicks": ["URL Clicks", "URLのクリック数"],
        "video_views": ["Video views"],
        "ignore": [
            "Post text",
            "Post Link",
            "Shares",
            "Unfollows",
            "Create Post",
            "Media views",
            "Detail Expands",
            "Hashtag Clicks",
            "Permalink Clicks",
        ],
    },
    requires=("date", "impressions", "followers_gained"),
    any_of=("saves",),
    date_order="mdy",
    strength=0.95,
)

SPECS = (TWEETS, ACCOUNT)
