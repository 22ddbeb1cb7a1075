"""Colours as data, so that a test can check every text/background pair (WCAG AA 4.5:1),
and the projector CSS built from them."""

from __future__ import annotations

from impact.colors import contrast, luminance

__all__ = ["PAIRS", "PROJECTOR", "contrast", "luminance", "projector_css"]

PROJECTOR = {
    "text": "#0b1220",
    "muted": "#2b3447",
    "background": "#ffffff",
    "panel": "#eef1f6",
    "card": "#ffffff",
    "metric_card": "#fff6e6",
    "kpi_badge_text": "#ffffff",
    "kpi_badge": "#1d4fb8",
    "metric_badge_text": "#ffffff",
    "metric_badge": "#7a4300",
    "accent": "#1d4fb8",
    "timer_text": "#ffffff",
    "timer": "#0b1220",
    "timer_late": "#9b1c1c",
}

# (text, background) pairs that appear on the projector
PAIRS = [
    ("text", "background"),
    ("muted", "background"),
    ("text", "panel"),
    ("muted", "panel"),
    ("text", "card"),
    ("muted", "card"),
    ("text", "metric_card"),
    ("muted", "metric_card"),
    ("kpi_badge_text", "kpi_badge"),
    ("metric_badge_text", "metric_badge"),
    ("accent", "background"),
    ("accent", "panel"),
    ("timer_text", "timer"),
    ("timer_text", "timer_late"),
]


def _h(px: int) -> str:
    """``px`` as it would be on a 1080 px high screen, scaled to the screen's height: a
    1280×720 projector shows the same layout as a 1920×1080 one, only with fewer pixels
    (and the room sees the same size on the wall)."""
    return f"calc(100vh * {px} / 1080)"


def projector_css() -> str:
    c = PROJECTOR
    return f"""<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stSidebarCollapsedControl"], footer {{ display: none !important; }}
.stMainBlockContainer, .block-container {{ padding: 1.2rem 2.5rem 2rem !important; max-width: 100% !important; }}
html, body, .stApp, .stMarkdown p, .stMarkdown li, label, button, input,
.stCaption, [data-testid="stCaptionContainer"] {{
  font-size: {_h(24)} !important; color: {c["text"]}; }}
.stApp {{ background: {c["background"]}; }}
h1 {{ font-size: {_h(56)} !important; color: {c["text"]} !important; }}
h2 {{ font-size: {_h(44)} !important; color: {c["text"]} !important; }}
h3 {{ font-size: {_h(34)} !important; color: {c["text"]} !important; }}
[data-testid="stCaptionContainer"] {{ color: {c["muted"]} !important; }}
.stButton button {{ min-height: 2.6rem; padding: 0.3rem 1.1rem; font-weight: 700; }}
.iw-col {{ background: {c["panel"]}; }}
.iw-col-head {{ font-size: {_h(30)}; color: {c["accent"]}; }}
.iw-card {{ background: {c["card"]}; color: {c["text"]}; }}
.iw-card.iw-kind-metric {{ background: {c["metric_card"]}; }}
.iw-card-title {{ font-size: {_h(26)}; }}
.iw-card-q, .iw-card-f, .iw-card-meta {{ font-size: {_h(20)}; color: {c["muted"]}; }}
.iw-badge {{ font-size: {_h(16)}; }}
.iw-badge-kpi {{ background: {c["kpi_badge"]}; color: {c["kpi_badge_text"]}; }}
.iw-badge-metric {{ background: {c["metric_badge"]}; color: {c["metric_badge_text"]}; }}
.iw-timer {{ font-size: {_h(72)}; font-weight: 800; color: {c["timer_text"]}; background: {c["timer"]};
  border-radius: 1rem; padding: 0.2rem 1.2rem; display: inline-block; font-variant-numeric: tabular-nums; }}
.iw-timer.late {{ background: {c["timer_late"]}; }}
.iw-join-url {{ font-size: {_h(34)}; color: {c["text"]}; }}
.iw-join-label, .iw-join-scan, .iw-tally-n {{ color: {c["muted"]}; }}
.iw-join-code {{ color: {c["text"]}; border-color: {c["text"]}; }}
.iw-tally {{ font-size: {_h(26)}; max-height: 45vh; }}
.iw-tally-bar {{ height: {_h(22)}; border-radius: {_h(11)}; }}
.iw-tally-bar span {{ background: {c["accent"]}; }}
.st-key-projector_nav, .st-key-projector_nav p, .st-key-projector_nav span, .st-key-projector_nav button {{
  font-size: {_h(17)} !important; }}
.st-key-projector_nav .stButton button {{ min-height: 0; padding: 0.1rem 0.6rem; font-weight: 400; }}
[data-testid="stMetricValue"] {{ font-size: {_h(96)} !important; font-weight: 800; }}
[data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] {{ font-size: {_h(28)} !important; }}
</style>"""
