"""Every real download in ``tests/real_exports`` (copied byte for byte from what the
platforms produced; provenance in ``PROVENANCE.tsv`` and ``README.md``) reads as
``expected.yaml`` says, or is refused with its reason in words. The totals of each
format's files are tested beside the format (``impact/importers/formats/<format>/``),
against the files' own total rows or sums made over the raw bytes.
"""

from __future__ import annotations

import csv
import importlib
import io
import pkgutil
from pathlib import Path

import pytest
import yaml

from impact.importers import ExportError
from impact.importers.registry import detect, formats
from impact.importers.sniff import sniff
from impact.wording import export_text, warning_text
from tests.real_export_support import EXPECTED, REAL, read, table, total

FILES = sorted(
    p.relative_to(REAL).as_posix()
    for p in REAL.rglob("*")
    if p.is_file() and p.name not in ("README.md", "PROVENANCE.tsv", "expected.yaml")
)
FORMATS_DIR = Path(importlib.import_module("impact.importers.formats").__path__[0])
# formats no public repository holds a real file of yet, and why they are read all the same
NO_PUBLIC_SAMPLE = {
    "klaviyo": "Klaviyo's campaign export: only script-made copies found; tested on its documented columns",
    "facebook_legacy_page": "the old page-level Insights export: only post-level files found",
    "tiktok_followers": "the one real file found belongs to a private creator's data dump",
    "tiktok_follower_activity": "the one real file found belongs to a private creator's data dump",
}


def test_every_real_file_says_what_it_is_and_where_it_comes_from():
    assert sorted(EXPECTED) == FILES
    listed = {row[0] for row in csv.reader(io.StringIO((REAL / "PROVENANCE.tsv").read_text("utf-8")), delimiter="\t")}
    described = (REAL / "README.md").read_text("utf-8")
    for relative in FILES:
        assert relative in listed or relative.split("/")[-1] in described, relative
    for row in csv.reader(io.StringIO((REAL / "PROVENANCE.tsv").read_text("utf-8")), delimiter="\t"):
        assert len(row) == 8 and all(row), row[0]  # repository, path, commit, language, why, totals, personal data


@pytest.mark.parametrize("relative", FILES)
def test_each_real_export_reads_as_expected_or_is_refused_with_its_reason(relative):
    expected = EXPECTED[relative]
    if "refused" in expected:
        with pytest.raises(ExportError) as info:
            read(relative)
        assert info.value.code == expected["refused"]
        for lang in ("de", "en"):  # a sentence the person can act on, never a code
            said = export_text(info.value.code, info.value.detail, lang)
            assert not said.startswith("export.") and "{" not in said
        if "format" in expected:  # recognised, then refused by name
            path = REAL / relative
            assert detect(sniff(path.read_bytes(), path.name)) == expected["format"]
        return
    result = read(relative)
    assert result.format == expected["format"]
    assert ",".join(sorted(set(result.table["channel"].dropna()))) == expected["channel"]
    assert result.period is not None and result.period[0] <= result.period[1]
    for code, detail in result.warnings:
        for lang in ("de", "en"):
            said = warning_text(code, detail, lang)
            assert not said.startswith(f"{code}:"), f"warning {code} has no words in {lang}"


def _folders() -> list[str]:
    return sorted(p.name for p in FORMATS_DIR.iterdir() if (p / "__init__.py").exists())


def _names(folder: str) -> list[str]:
    module = importlib.import_module(f"impact.importers.formats.{folder}")
    names = [module.IMPORTER.name] if hasattr(module, "IMPORTER") else []
    specs = getattr(module, "SPECS", None) or ([module.SPEC] if hasattr(module, "SPEC") else [])
    return [*names, *(spec.name for spec in specs if spec.name not in names)]


@pytest.mark.parametrize("folder", _folders())
def test_a_format_is_one_folder_with_its_labels_its_test_and_its_real_files(folder):
    labels = yaml.safe_load((FORMATS_DIR / folder / "labels.yaml").read_text(encoding="utf-8"))
    assert sorted(labels) == sorted(_names(folder))
    assert all(set(words) == {"de", "en"} and all(words.values()) for words in labels.values())
    tests = [p.name for p in pkgutil.iter_modules([str(FORMATS_DIR / folder)]) if p.name.startswith("test_")]
    assert tests == [f"test_{folder}"], f"{folder} needs its test beside it"
    for name in _names(folder):
        assert any(o.get("format") == name for o in EXPECTED.values()) or name in NO_PUBLIC_SAMPLE, name


def test_every_format_lives_in_a_folder():
    assert sorted(formats()) == sorted(n for folder in _folders() for n in _names(folder))


@pytest.mark.parametrize(
    ("relative", "encoding"),
    [
        ("meta_facebook/Feb-01-2025_Mar-15-2025_613168031534769.csv", "utf-8-sig"),
        ("tiktok/Content.csv", "utf-8-sig"),
        ("x_twitter/tweet_activity_metrics_rOpenSci_20170101_20170201_en.csv", "utf-8"),
    ],
)
def test_a_post_export_counts_its_posts_so_a_kpi_can_say_per_post(relative, encoding):
    posts = len([r for r in table((REAL / relative).read_text(encoding))[1:] if any(c.strip() for c in r)])
    result = read(relative)
    assert total(result, "posts") == posts
