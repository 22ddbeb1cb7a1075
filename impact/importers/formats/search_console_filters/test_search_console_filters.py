"""The search_console_filters format: the real filters files of three Search Console
downloads (fr, es, pt) are refused alone, and their relative range is what they say."""

from __future__ import annotations

import pytest

from impact.importers import ExportError
from tests.real_export_support import REAL, read, samples_of, table


@pytest.mark.parametrize("relative", samples_of("search_console_filters"))
def test_a_filters_file_alone_holds_no_figure_and_its_range_is_relative(relative):
    rows = table((REAL / relative).read_text("utf-8-sig"))
    said = [r[1] for r in rows[1:] if r[0] in ("Date", "Data", "Fecha")]
    assert said and any(word in said[0] for word in ("derniers", "Últimos"))  # relative to the download day
    with pytest.raises(ExportError) as info:
        read(relative)
    assert (info.value.code, info.value.detail) == ("nothing_to_check", "search_console_filters")
