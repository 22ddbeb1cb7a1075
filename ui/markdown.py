"""User text inside Streamlit markdown (titles, toasts, expander labels): shown literally."""

_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$")


def md_escape(text: str) -> str:
    """Every markdown-special character backslash-escaped: never markup, never a link."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in str(text)).replace("\n", " ")


_INLINE_SPECIAL = _MD_SPECIAL - set(".-+#")  # these four are markup only at the start of a line


def md_inline(text: str) -> str:
    """Text in the middle of a markdown line (a figure with its unit after a label):
    never markup, and a decimal point or a minus stays as it is written."""
    return "".join(f"\\{c}" if c in _INLINE_SPECIAL else c for c in str(text)).replace("\n", " ")
