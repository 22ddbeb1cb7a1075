"""Streamlit's own words in the reader's language.

Streamlit 1.67 writes some texts of its widgets in English whatever the page's
language and offers no option for them: the file uploader's button and limits line,
"Press Enter to apply" under a text field, "No results" in a searched list, the
placeholders of an empty date field. For German readers each is replaced by CSS:
the English text is set to size 0 and the German one is drawn in its place (the
element, its behaviour and its accessibility stay Streamlit's). Selectors are the
``data-testid`` attributes Streamlit documents for testing and the ``st-key-…`` class
it gives a widget with a key; tests/test_browser_bakery.py reads the uploader's in a real
browser, so a Streamlit upgrade that renames one fails a test instead of silently
showing English again.

What could not be changed (listed in docs/development.md): the screen-reader
description of a chosen date, the tooltips of a table's toolbar, the app menu and
the "Running…" indicator, and "Drag and drop files here" while a file is dragged.
"""

from __future__ import annotations

import streamlit as st

from ui.state import lang, tr

STREAMLIT_LANGUAGE = "en"  # the only language Streamlit writes its widgets in

# selector → (the catalogue's key for the text, its size: Streamlit's own size for that text)
_RULES = {
    # the uploader's button ("Upload")
    '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p': ("widget.upload", "1rem"),
    # under a text field: Enter applies; in a text area Ctrl+Enter; in a form Enter sends the form
    '[data-testid="stTextInput"] [data-testid="InputInstructions"] > span:first-child': ("widget.enter", "0.75rem"),
    '[data-testid="stTextArea"] [data-testid="InputInstructions"] > span:first-child': (
        "widget.ctrl_enter",
        "0.75rem",
    ),
    '[data-testid="stForm"] [data-testid="stTextInput"] [data-testid="InputInstructions"] > span:first-child': (
        "widget.enter_form",
        "0.75rem",
    ),
    # a searched list without a match
    '[role="listbox"][data-empty="true"] [role="option"] > span': ("widget.no_results", "0.875rem"),
    # an empty date field: TT.MM.JJJJ
    '[data-testid="stDateInputField"] [data-type="day"][data-placeholder]': ("widget.day", "1rem"),
    '[data-testid="stDateInputField"] [data-type="month"][data-placeholder]': ("widget.month", "1rem"),
    '[data-testid="stDateInputField"] [data-type="year"][data-placeholder]': ("widget.year", "1rem"),
}


def _replace(selector: str, text: str, size: str) -> str:
    content = text.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f'{selector} {{ font-size: 0 !important; }}\n{selector}::after {{ content: "{content}"; font-size: {size}; }}\n'
    )


def widget_css() -> str:
    """Streamlit's texts in the reader's language, from the catalogue."""
    return "".join(_replace(selector, tr(key), size) for selector, (key, size) in _RULES.items())


def render_widget_texts() -> None:
    """Once per page run, before the page's widgets."""
    if lang() != STREAMLIT_LANGUAGE:
        st.html(f"<style>{widget_css()}</style>")


def uploader_limits(key: str, types: list[str], megabytes: int) -> None:
    """The limits line of one uploader ("bis 50 MB je Datei · CSV, XLSX"); Streamlit
    writes "50MB per file • CSV, XLSX" whatever the reader's language."""
    if lang() == STREAMLIT_LANGUAGE:
        return
    kinds = ", ".join(dict.fromkeys(t.upper() for t in types))
    selector = f'.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] span'
    text = tr("widget.upload_limits", megabytes=megabytes, kinds=kinds)
    st.html(f"<style>{_replace(selector, text, '0.875rem')}</style>")
