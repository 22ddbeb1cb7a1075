"""User text inside Streamlit markdown (titles, toasts, expander labels): shown literally."""

_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$")


def md_escape(text: str) -> str:
    """Every markdown-special character backslash-escaped: never markup, never a link."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in str(text)).replace("\n", " ")
