"""Real exports the readers had never seen (collected for issue 21, provenance in
``real_exports/PROVENANCE.tsv``): each reads as ``expected.yaml`` says or is refused
with its reason, and every total a file states comes out.

Expected figures come from the files themselves: their own total rows ("Total",
"Gesamt", "Total: Account"), or sums made here with the ``csv`` module, ``zipfile``
and python-calamine over the raw bytes, never from the code under test.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from python_calamine import CalamineWorkbook

from impact.importers import Choices, ExportError, read_export
from impact.wording import export_text, warning_text

REAL = Path(__file__).resolve().parent / "real_exports"
EXPECTED: dict[str, dict[str, str]] = yaml.safe_load((REAL / "expected.yaml").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 23)


def read(relative: str, **options):
    path = REAL / relative
    return read_export(path.read_bytes(), path.name, today=TODAY, **options)


def read_bytes(data: bytes, name: str, **options):
    return read_export(data, name, today=TODAY, **options)


def total(result, metric: str) -> float:
    """The whole file's figure: every row but the unique-people 'whole' rows."""
    table = result.table
    return float(table.loc[~table["whole"], metric].sum())


def number(text: str, decimal: str = ".") -> float:
    """A figure as the file writes it: '1 845', '"1 238,40 €"', '£1,137.26', '10,708'."""
    cleaned = re.sub(r"[^\d,.\-]", "", text)
    if decimal == ",":
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    return float(cleaned) if cleaned not in ("", "-") else 0.0


def table(text: str, *, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def column(rows: list[list[str]], name: str) -> list[str]:
    index = [h.replace("\u00ad", "").strip() for h in rows[0]].index(name)
    return [r[index] for r in rows[1:] if len(r) > index]


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- every file: read as expected, or refused with its reason ------------------------------


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_each_unseen_export_reads_as_expected_or_is_refused_with_its_reason(relative):
    expected = EXPECTED[relative]
    if "refused" in expected:
        with pytest.raises(ExportError) as info:
            read(relative)
        assert info.value.code == expected["refused"]
        for lang in ("de", "en"):  # a sentence the person can act on, never a code
            said = export_text(info.value.code, info.value.detail, lang)
            assert not said.startswith("export.") and "{" not in said
        return
    result = read(relative)
    assert result.format == expected["format"]
    channels = sorted(set(result.table["channel"].dropna()))
    assert ",".join(channels) == expected["channel"]
    assert result.period is not None and result.period[0] <= result.period[1]
    for code, detail in result.warnings:
        for lang in ("de", "en"):
            said = warning_text(code, detail, lang)
            assert not said.startswith(f"{code}:"), f"warning {code} has no words in {lang}"


def test_every_file_has_its_provenance():
    listed = {row[0] for row in csv.reader(io.StringIO((REAL / "PROVENANCE.tsv").read_text("utf-8")), delimiter="\t")}
    assert set(EXPECTED) <= listed
    for row in csv.reader(io.StringIO((REAL / "PROVENANCE.tsv").read_text("utf-8")), delimiter="\t"):
        assert len(row) == 8 and all(row), row[0]  # repository, path, commit, language, why, totals, personal data


# --- YouTube Studio: the total row is the whole channel, more than the 500 rows listed ------------

DE = "youtube/raphaeloe+Youtube/"


def _gesamt() -> dict[str, float]:
    rows = table((REAL / DE / "Tabellendaten.csv").read_text("utf-8"))
    header = [h.replace("\u00ad", "") for h in rows[0]]
    [stated] = [r for r in rows[1:] if r and r[0].replace("\u00ad", "") == "Gesamt"]
    return {h: number(v) for h, v in zip(header, stated, strict=False) if v}


def test_youtube_german_download_soft_hyphens_and_the_channel_total():
    data = zipped(
        {
            name: (REAL / DE / name).read_bytes()
            for name in ("Tabellendaten.csv", "Diagrammdaten.csv", "Gesamtwerte.csv")
        }
    )
    result = read_bytes(data, "Kanal-Analytics.zip")
    gesamt = _gesamt()
    daily = sum(number(v) for v in column(table((REAL / DE / "Gesamtwerte.csv").read_text("utf-8")), "Aufrufe"))
    assert result.format == "youtube"
    assert total(result, "video_views") == gesamt["Aufrufe"] == daily
    assert total(result, "watch_time_seconds") == pytest.approx(gesamt["Wiedergabezeit (Stunden)"] * 3600)
    assert total(result, "followers_gained") == gesamt["Abonnenten"]
    assert total(result, "impressions") == gesamt["Impressionen"]
    assert result.period == (date(2020, 1, 1), date(2020, 12, 31))  # the days of Gesamtwerte


def test_youtube_table_alone_its_total_wins_over_its_500_rows_and_the_difference_is_said():
    rows = table((REAL / DE / "Tabellendaten.csv").read_text("utf-8"))
    listed = sum(number(r[3]) for r in rows[2:] if len(r) > 3)  # the videos, without the Gesamt row
    with pytest.raises(ExportError) as info:
        read(DE + "Tabellendaten.csv")
    assert info.value.code == "no_date"  # the file names no period anywhere: asked
    result = read(DE + "Tabellendaten.csv", choices=Choices(period=(date(2020, 1, 1), date(2020, 12, 31))))
    gesamt = _gesamt()
    assert listed < gesamt["Aufrufe"]
    assert total(result, "video_views") == gesamt["Aufrufe"]
    [said] = [d for c, d in result.warnings if c == "total_above_rows" and d.startswith("Aufrufe|")]
    assert said == f"Aufrufe|{gesamt['Aufrufe']:.0f}|{listed:.0f}|{gesamt['Aufrufe'] - listed:.0f}"
    sentence = warning_text("total_above_rows", said, "de")
    assert "405.712" in sentence and "401.812" in sentence and "3.900" in sentence  # as a German reader writes them
    rest = result.table[result.table["segment"].isna()]
    assert rest["video_views"].sum() == gesamt["Aufrufe"] - listed  # in no listed segment


def test_youtube_totals_file_alone_asks_what_its_views_are_and_reads_what_the_person_says():
    with pytest.raises(ExportError) as info:
        read(DE + "Gesamtwerte.csv")
    assert info.value.code == "ambiguous_column"
    assert info.value.detail == "Aufrufe|impressions,video_views,page_views"
    result = read(DE + "Gesamtwerte.csv", mapping={"Aufrufe": "video_views"})
    assert total(result, "video_views") == _gesamt()["Aufrufe"]


PT = "youtube/mauriciodxavier+dados-minerados/"
PT_ZIPS = {
    "Conteúdo 2020-04-23_2025-04-16 UFSCar - Universidade Federal de São Carlos.zip": (
        ("Visualizações", "video_views", 1),
        ("Tempo de exibição (horas)", "watch_time_seconds", 3600),
        ("Inscritos", "followers_gained", 1),
        ("Impressões", "impressions", 1),
    ),
    "Conteúdo 2024-06-02_2025-06-02 UFSCar - Universidade Federal de São Carlos.zip": (
        ("Visualizações", "video_views", 1),
        ("Tempo de exibição (horas)", "watch_time_seconds", 3600),
        ("Inscritos", "followers_gained", 1),
        ("Impressões", "impressions", 1),
    ),
    "Cidades 2024-06-02_2025-06-02 UFSCar - Universidade Federal de São Carlos.zip": (
        ("Visualizações", "video_views", 1),
        ("Tempo de exibição (horas)", "watch_time_seconds", 3600),
    ),
    "Origem do tráfego 2024-06-02_2025-06-02 UFSCar - Universidade Federal de São Carlos.zip": (
        ("Visualizações", "video_views", 1),
        ("Tempo de exibição (horas)", "watch_time_seconds", 3600),
        ("Impressões", "impressions", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(PT_ZIPS))
def test_youtube_portuguese_zips_by_content_city_and_source_give_the_channel_total(name):
    with zipfile.ZipFile(REAL / PT / name) as archive:
        rows = table(archive.read("Dados da tabela.csv").decode("utf-8-sig"))
    [stated] = [r for r in rows[1:] if r and r[0] == "Total"]
    header = rows[0]
    result = read(PT + name)
    assert result.format == "youtube" and set(result.table["channel"]) == {"youtube"}
    for column_name, metric, factor in PT_ZIPS[name]:
        expected = number(stated[header.index(column_name)]) * factor
        assert total(result, metric) == pytest.approx(expected, abs=0.011 * factor), column_name


# --- Meta Business Suite: each section's title decides its metric -------------------------------


def _sections(relative: str) -> list[tuple[str, list[list[str]]]]:
    """(title, rows) of each block of a Meta chart export, split here by blank lines."""
    text = (REAL / relative).read_bytes().decode("utf-16")
    blocks = []
    for block in re.split(r"\r?\n\s*\r?\n", text.split("\n", 1)[1].strip()):
        lines = table(block)
        blocks.append((lines[0][0], lines[1:]))
    return blocks


NATALIA = "meta_business_suite/nataliaartilha+Social_Media_Analytics/"


def test_meta_sections_new_likes_and_new_followers_are_gains_per_platform():
    result = read(NATALIA + "New likes and follows (1).csv")
    (fb_title, fb), (ig_title, ig) = _sections(NATALIA + "New likes and follows (1).csv")
    assert "Facebook" in fb_title and "Instagram" in ig_title
    by_channel = result.table.groupby("channel")["followers_gained"].sum()
    assert by_channel["facebook"] == sum(number(r[1]) for r in fb[1:])
    assert by_channel["instagram"] == sum(number(r[1]) for r in ig[1:])
    assert "followers" not in result.table  # a day's new followers are never the follower count


def test_meta_section_title_wins_over_a_mislabelled_column():
    relative = NATALIA + "Page and profile visits (1).csv"
    (fb_title, fb), (ig_title, ig) = _sections(relative)
    assert (fb_title, ig_title) == ("Facebook Page visits", "Instagram profile visits")
    assert fb[0][1] == "Facebook Page likes" and ig[0][1] == "Instagram followers"  # Meta's own mislabel
    result = read(relative)
    assert [c for c in result.table.columns if c in ("followers", "followers_gained")] == []
    by_channel = result.table.groupby("channel")["profile_visits"].sum()
    assert by_channel["facebook"] == sum(number(r[1]) for r in fb[1:])
    assert by_channel["instagram"] == sum(number(r[1]) for r in ig[1:])


SEGUIDORES = "meta_business_suite/arthurto+dados_alcance_pop_science/data_14_09_24_a_14_09_25/Seguidores.csv"


def test_meta_portuguese_followers_chart_is_new_follows_and_a_count_like_series_is_asked_about():
    (title, rows) = _sections(SEGUIDORES)[0]
    result = read(SEGUIDORES)
    assert title == "Seguidores no Instagram"
    assert total(result, "followers_gained") == sum(number(r[1]) for r in rows[1:])
    assert len(rows) - 1 < (result.period[1] - result.period[0]).days + 1  # days without a follow are left out
    text = (REAL / SEGUIDORES).read_bytes().decode("utf-16")
    running, count = [], 1200
    for line in text.splitlines():
        if line.startswith('"20'):
            count += 3
            line = re.sub(r',"\d+"$', f',"{count}"', line)
        running.append(line)
    as_a_count = "\n".join(running).encode("utf-16")
    with pytest.raises(ExportError) as info:
        read_bytes(as_a_count, "Seguidores.csv")
    assert info.value.code == "ambiguous_column" and info.value.detail.endswith("|followers_gained,followers")


# --- Google Ads: overview cards in French, reports whose account total exceeds their rows -------------

CARDS = "google_ads/GetupAgency+ingemedia-data-marketing/"
SERIES = CARDS + "Série_temporelle(2024.12.30-2025.10.09_par_rapport_à_2024.01.01-2024.10.09).csv"
WORDS = CARDS + "Recherches(Mot_2025.01.01-2025.10.09_par_rapport_à_2024.01.01-2024.10.09).csv"
KEYWORDS = (
    CARDS + "Mots_clés_pour_le_Réseau_de_Recherche(2025.01.01-2025.10.09_par_rapport_à_2024.01.01-2024.10.09).csv"
)


def test_google_ads_weekly_card_in_french_reads_its_weeks_and_never_the_comparison():
    rows = table((REAL / SERIES).read_text("utf-8-sig"))
    result = read(SERIES)
    assert total(result, "clicks") == sum(number(v, ",") for v in column(rows, "Clics"))
    assert total(result, "spend") == pytest.approx(sum(number(v, ",") for v in column(rows, "Coût")))
    assert set(result.table["currency"].dropna()) == {"EUR"}
    assert result.period[0] == date(2024, 12, 30)  # "Semaine du 30 déc. 2024"
    compared = {i.column for i in result.ignored if i.reason == "comparison"}
    assert {"Clics(Comparaison)", "Coût(Comparaison)", "Semaine(Comparaison)"} <= compared


def test_google_ads_card_without_a_date_takes_its_range_from_the_file_name_and_says_so():
    rows = table((REAL / KEYWORDS).read_text("utf-8-sig"))
    result = read(KEYWORDS)
    assert result.period == (date(2025, 1, 1), date(2025, 10, 9))
    assert ("range_from_file_name", "2025-01-01|2025-10-09") in result.warnings
    assert total(result, "clicks") == sum(number(v, ",") for v in column(rows, "Clics"))
    assert total(result, "spend") == pytest.approx(sum(number(v, ",") for v in column(rows, "Coût")))
    corrected = read(KEYWORDS, choices=Choices(period=(date(2025, 2, 1), date(2025, 2, 28))))
    assert corrected.period == (date(2025, 2, 1), date(2025, 2, 28))  # the person corrects it


def test_google_ads_card_of_single_words_is_refused_since_one_search_counts_under_each_word():
    rows = table((REAL / WORDS).read_text("utf-8-sig"))
    searches = column(rows, "Principales requêtes contenant ce mot")
    overlapping = {q.strip(" ()") for cell in searches for q in cell.strip("()").split(", ")}
    assert len(overlapping) < sum(len(cell.split(", ")) for cell in searches)  # the same search under two words
    with pytest.raises(ExportError) as info:
        read(WORDS)
    assert (info.value.code, info.value.detail) == ("nothing_to_check", "words_overlap")


@pytest.mark.parametrize("name", ["Search terms report.csv", "Search keyword report.csv"])
def test_google_ads_report_whose_account_total_exceeds_its_rows_counts_the_rows_and_says_the_account(name):
    relative = "google_ads/DevCadbury+towing-no-1/" + name
    rows = table((REAL / relative).read_bytes().decode("utf-16"), delimiter="\t")[2:]
    header = rows[0]
    listed = [r for r in rows[1:] if len(r) == len(header) and not any(c.startswith("Total") for c in r)]
    account = next(r for r in rows if "Total: Account" in r)
    result = read(relative)
    for column_name, metric in (("Clicks", "clicks"), ("Impr.", "impressions"), ("Cost", "spend")):
        position = header.index(column_name)
        assert total(result, metric) == pytest.approx(sum(number(r[position]) for r in listed)), column_name
    said = dict((d.split("|")[0], d) for c, d in result.warnings if c == "larger_total_said")
    assert said["Clicks"].split("|")[1] == f"{number(account[header.index('Clicks')]):.0f}"  # the account, named


# --- Search Console: the download's files together, the period from its companions ------------------

MICHELIN = REAL / "search_console/GAP028+michelin-seo-dashboard"


def _download(folder: Path, *, without: tuple[str, ...] = ()) -> bytes:
    return zipped({p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name not in without})


def test_search_console_french_download_as_one_zip_counts_its_days_once():
    days = table((MICHELIN / "Dates.csv").read_text("utf-8-sig"))
    devices = table((MICHELIN / "Appareils.csv").read_text("utf-8-sig"))
    result = read_bytes(_download(MICHELIN), "https___www.michelin.fr-Performance-on-Search-2025-02-07.zip")
    assert result.format == "search_console"
    assert total(result, "search_clicks") == sum(number(v) for v in column(days, "Clics"))
    assert total(result, "search_clicks") == sum(number(v) for v in column(devices, "Clics"))  # the file agrees
    assert total(result, "search_impressions") == sum(number(v) for v in column(days, "Impressions"))


def test_search_console_relative_range_is_said_with_its_words_and_an_absolute_one_dates_the_tables():
    with pytest.raises(ExportError) as info:
        read_bytes(_download(MICHELIN, without=("Dates.csv",)), "performance.zip")
    assert info.value.code == "relative_range" and info.value.detail == "Les 3 derniers mois"
    queries = table((MICHELIN / "Requêtes.csv").read_text("utf-8-sig"))
    filters = (
        (MICHELIN / "Filtres.csv")
        .read_text("utf-8-sig")
        .replace("Les 3\u00a0derniers mois", '"1 nov. 2024 - 5 févr. 2025"')
    )
    data = zipped({"Requêtes.csv": (MICHELIN / "Requêtes.csv").read_bytes(), "Filtres.csv": filters.encode()})
    result = read_bytes(data, "performance.zip")
    assert result.period == (date(2024, 11, 1), date(2025, 2, 5))
    assert ("range_from_companion", "2024-11-01|2025-02-05") in result.warnings
    assert total(result, "search_clicks") == sum(number(v) for v in column(queries, "Clics"))


# --- LinkedIn page workbooks: the day's new followers, the page's views -------------------------------

ORLA = REAL / "linkedin/joefaria+dashboard-orla"


def _sheet(path: Path, index: int = 0) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(index).to_python()


@pytest.mark.parametrize(
    ("relative", "header", "metric"),
    [
        (
            "linkedin/joefaria+dashboard-orla/orladigitaltech_followers_1772703807989.xls",
            "Total de seguidores",
            "followers_gained",
        ),
        (
            "linkedin/VarunRustagi+agentic-1/shorthills-ai_followers_1766385928211 1.xls",
            "Total followers",
            "followers_gained",
        ),
        (
            "linkedin/joefaria+dashboard-orla/orladigitaltech_visitors_1772703796664.xls",
            "Total de visualizações da página (total)",
            "profile_visits",
        ),
        (
            "linkedin/VarunRustagi+agentic-1/shorthills-ai_visitors_1766385917155 1.xls",
            "Total page views (total)",
            "profile_visits",
        ),
    ],
)
def test_linkedin_page_workbooks_in_portuguese_and_english(relative, header, metric):
    rows = _sheet(REAL / relative)
    start = next(i for i, r in enumerate(rows) if header in r)
    index = rows[start].index(header)
    expected = sum(float(r[index]) for r in rows[start + 1 :] if len(r) > index and r[index] != "")
    result = read(relative)
    assert total(result, metric) == expected
    assert len(result.table) == len(rows) - start - 1  # one row per day; the demographic sheets are not added


# --- e-mail, shop, marketplace -------------------------------------------------------------------------


def test_mailchimp_ab_test_counts_its_variants_once():
    rows = table((REAL / "mailchimp/ilanaseidl/campaigns.csv").read_text("utf-8-sig"))
    titles = column(rows, "Title")
    delivered = [number(v) for v in column(rows, "Successful Deliveries")]
    parents = {t.split(" | ")[0] for t in titles if " | " in t}
    expected = sum(d for t, d in zip(titles, delivered, strict=True) if t not in parents)
    assert sum(d for t, d in zip(titles, delivered, strict=True) if t in parents) == sum(
        d for t, d in zip(titles, delivered, strict=True) if " | " in t
    )  # the campaign row is the sum of its variants
    result = read("mailchimp/ilanaseidl/campaigns.csv")
    assert total(result, "emails_sent") == expected
    assert ("ab_test_totals", str(len(parents))) in result.warnings


def test_shopify_sales_over_time_net_sales_and_orders_never_the_previous_year():
    relative = "shopify/OuCodes+HigherDOSE-Dashboards/Total sales over time - 2025-01-01 - 2025-08-04.csv"
    rows = [r for r in table((REAL / relative).read_text("utf-8-sig")) if r[0]]
    result = read(relative)
    assert total(result, "revenue") == pytest.approx(sum(number(v) for v in column(rows, "Net sales")))
    assert total(result, "orders") == sum(number(v) for v in column(rows, "Orders"))
    assert result.period == (date(2025, 1, 1), date(2025, 8, 4))


def test_amazon_business_report_asks_for_its_period_then_reads_totals_only():
    relative = "amazon_seller/FridaySalami+pre-prod/BusinessReport-23-07-2025.csv"
    rows = table((REAL / relative).read_text("utf-8-sig"))
    result = read(relative, choices=Choices(period=(date(2025, 7, 1), date(2025, 7, 22))))
    assert total(result, "sessions") == sum(number(v) for v in column(rows, "Sessions – Total"))
    assert total(result, "revenue") == pytest.approx(sum(number(v) for v in column(rows, "Ordered Product Sales")))
    assert set(result.table["currency"].dropna()) == {"GBP"}


def test_pinterest_daily_series_without_its_footnote():
    relative = "pinterest/vanessarubel14-cmd+vanessa-rubel-portfolio/Pinterest Analytics 11:24-9:25.csv"
    rows = table((REAL / relative).read_text("utf-8-sig"))
    start = next(i for i, r in enumerate(rows) if r[:2] == ["Date", "Impressions"])
    daily = [r for r in rows[start + 1 :] if len(r) == 2 and re.match(r"\d{4}-\d{2}-\d{2}$", r[0])]
    result = read(relative)
    assert total(result, "impressions") == sum(number(r[1]) for r in daily)
    assert not any(code == "some_bad_dates" for code, _d in result.warnings)  # the footnote is no row


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


def _total_row(path: Path) -> dict[str, float]:
    rows = table(path.read_text("utf-8-sig"))
    [stated] = [r for r in rows[1:] if r and r[0] == "Total"]
    return {h: number(v) for h, v in zip(rows[0], stated, strict=False) if v}


def test_youtube_portuguese_download_revenue_by_day_and_the_channel_total_by_video():
    folder = REAL / "youtube/GianMartins+Youtube"
    data = zipped({p.name: p.read_bytes() for p in folder.iterdir()})
    stated = _total_row(folder / "Dados da tabela.csv")
    daily = sum(
        number(v) for v in column(table((folder / "Total.csv").read_text("utf-8-sig")), "Receita estimada (USD)")
    )
    result = read_bytes(data, "Conteúdo 2023-01-01_2023-06-29 canal.zip")
    assert total(result, "revenue") == pytest.approx(daily)  # the day table counts first
    assert total(result, "revenue") == pytest.approx(stated["Receita estimada (USD)"], abs=0.01)  # the total agrees
    assert set(result.table["currency"].dropna()) == {"USD"}
    assert total(result, "video_views") == stated["Visualizações"]
    assert total(result, "watch_time_seconds") == pytest.approx(stated["Tempo de exibição (horas)"] * 3600)
    assert total(result, "followers_gained") == stated["Inscritos"]
    assert total(result, "impressions") == stated["Impressões"]


def test_youtube_table_in_brazilian_reais_with_its_period_chosen():
    relative = "youtube/KNZLink+KNZLink/Dados da tabela.csv"
    stated = _total_row(REAL / relative)
    result = read(relative, choices=Choices(period=(date(2024, 1, 1), date(2024, 12, 31))))
    assert total(result, "video_views") == stated["Visualizações"]
    assert total(result, "revenue") == pytest.approx(stated["Sua receita estimada (BRL)"])
    assert set(result.table["currency"].dropna()) == {"BRL"}


def test_google_ads_report_of_campaigns_without_delivery_reads_zero_as_its_total_says():
    relative = "google_ads/1123alberto+Clinic_Marketing_Agency/Campaign report.csv"
    rows = table((REAL / relative).read_text("utf-8-sig"))[2:]
    account = next(r for r in rows if r[0] == "Total: Account")
    result = read(relative)
    for header, metric in (("Impr.", "impressions"), ("Clicks", "clicks"), ("Cost", "spend")):
        assert total(result, metric) == number(account[rows[0].index(header)])
    assert result.period == (date(2026, 3, 27), date(2026, 4, 23))
