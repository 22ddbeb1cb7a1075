"""What a consultant puts on the cover: name, colour, footer, logo."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
DEFAULT_COLOR = "#1d4fb8"
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_TYPES = {
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"<svg": "image/svg+xml",
    b"<?xm": "image/svg+xml",
}


class BrandingError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Branding:
    author: str = ""
    color: str = DEFAULT_COLOR
    footer: str = ""
    logo: bytes | None = None

    @property
    def logo_type(self) -> str | None:
        if not self.logo:
            return None
        return next((kind for magic, kind in LOGO_TYPES.items() if self.logo.lstrip()[:4].startswith(magic)), None)


def normalise_color(value: str | None) -> str:
    """'#1D4FB8', '1d4fb8' or '#abc' → '#1d4fb8'; anything else is refused with a reason."""
    if not value:
        return DEFAULT_COLOR
    match = HEX.match(value.strip())
    if not match:
        raise BrandingError("bad_color", value[:20])
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def checked_logo(data: bytes | None) -> bytes | None:
    if not data:
        return None
    if len(data) > MAX_LOGO_BYTES:
        raise BrandingError("logo_too_large", f"{MAX_LOGO_BYTES // 1024 // 1024} MB")
    if Branding(logo=data).logo_type is None:
        raise BrandingError("logo_type", "PNG, JPEG or SVG")
    return data
