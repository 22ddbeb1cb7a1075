"""Bytes → text: UTF-8 with or without BOM, UTF-16 LE/BE with or without BOM (Google
Ads' "CSV for Excel", Meta's chart exports), else cp1252 as older German tools write.
A file that is none of these is refused as binary, never decoded into noise."""

from __future__ import annotations

from impact.importers.errors import ExportError

# Characters that carry no meaning in a table but break every comparison: soft hyphens
# (YouTube Studio in German writes "Ge\u00adsamt"), zero-width spaces and joiners, word
# joiners, direction marks, and a BOM in the middle of glued-together files.
INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u180e",
    )
)


def visible(text: str) -> str:
    """The text without invisible format characters (spaces of every width are kept: a
    narrow no-break space groups thousands in French numbers)."""
    return text.translate(INVISIBLE)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """ASCII text in UTF-16 has a zero in every other byte: LE in the odd places, BE in the even."""
    head = data[:4096]
    if len(head) < 4:
        return None
    odd_zero = head[1::2].count(0) / max(1, len(head[1::2]))
    even_zero = head[0::2].count(0) / max(1, len(head[0::2]))
    if odd_zero > 0.4 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.4 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """(text without invisible characters, encoding name); raises ExportError('binary' | 'encoding')."""
    text, encoding = _decode(data)
    if text.isascii():  # no format character can hide in plain ASCII: a large export skips a copy
        return text, encoding
    return visible(text), encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding), encoding + ("-sig" if encoding == "utf-8" else "")
            except UnicodeDecodeError:
                raise ExportError("encoding", encoding.upper()) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            raise ExportError("encoding", "UTF-16") from None
    if b"\x00" in data[:4096]:
        raise ExportError("binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > 8 or text.count("\ufffd") > max(8, len(text) // 100):
        raise ExportError("binary")
    return text, "cp1252"
