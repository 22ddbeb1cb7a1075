"""The channel field of a KPI as people fill it: ``Instagram + Facebook``, ``instagram,
facebook`` or ``Instagram und Facebook`` all mean both channels; the data holds each
channel in lower case (``instagram``), as the importers write it."""

from __future__ import annotations

import re

_BETWEEN = re.compile(r"\s*(?:[+,;/&|]|\b(?:und|and|oder|or)\b)\s*", re.IGNORECASE)

# How a channel is spelled for people; one not listed is shown as it was typed.
_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "x": "X",
    "email": "E-Mail",
    "meta": "Meta",
    "website": "Website",
}


def channels_of(text: str | None) -> tuple[str, ...]:
    """The channels a KPI's channel field names, in lower case, in the order typed."""
    if not text:
        return ()
    parts = (part.strip().lower() for part in _BETWEEN.split(text))
    return tuple(dict.fromkeys(part for part in parts if part))


def channel_label(channel: str) -> str:
    return _NAMES.get(channel.strip().lower(), channel)


def channels_label(channels: tuple[str, ...] | list[str]) -> str:
    """``Instagram + Facebook``: the channels a KPI counts, as a reader writes them."""
    return " + ".join(channel_label(c) for c in channels)
