"""Each quirk seen in a real export is a capability every format has: tested here on
files in the shapes the platforms produce (headers, banners, spellings and layouts
copied from real downloads; numbers invented, expected values worked out by hand
from the rows written in each test)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pandas as pd
import pytest

from impact.check import run_check
from impact.importers import ExportError, read_export
from impact.model import Goal, KpiChoice, Strategy

TODAY = date(2026, 11, 23)


def read(text: str | bytes, name: str = "export.csv", **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_export(data, name, today=TODAY, **options)


def total(result, metric: str, **where) -> float:
    table = result.table[~result.table["whole"]]
    for column, value in where.items():
        table = table[table[column] == value]
    return float(table[metric].sum())


def days(result) -> list[date]:
    return sorted({d.date() for d in result.table["date"]})


# --- translated headers -----------------------------------------------------------------


def test_meta_posts_in_spanish_instagram():
    text = (
        '"Identificador de la publicación","Identificador de la cuenta","Nombre de usuario de la cuenta",'
        '"Nombre de la cuenta",Descripción,"Duración (segundos)","Hora de publicación","Enlace permanente",'
        '"Tipo de publicación","Comentario sobre los datos",Fecha,Visualizaciones,Alcance,"Me gusta",'
        '"Veces que se compartió",Seguimientos,Comentarios,"Veces que se guardó"\n'
        '1,9,revista,"Revista","Un texto,\ncon línea",0,"03/26/2026 15:38",https://x,"Secuencia de Instagram",,'
        "Total,543,227,28,3,0,1,3\n"
        '2,9,revista,"Revista","Otro",0,"03/20/2026 18:21",https://x,"Reel de Instagram",,Total,2232,1271,62,28,1,5,5\n'
    )
    result = read(text)
    assert result.format == "meta_posts" and set(result.table["channel"]) == {"instagram"}
    assert total(result, "impressions") == 543 + 2232 and total(result, "reach") == 227 + 1271
    assert total(result, "reactions") == 28 + 62 and total(result, "shares") == 3 + 28
    assert total(result, "saves") == 3 + 5 and total(result, "followers_gained") == 1
    assert days(result) == [date(2026, 3, 20), date(2026, 3, 26)]  # month first in every language
    assert set(result.table["segment"]) == {"Secuencia de Instagram", "Reel de Instagram"}


def test_meta_posts_in_portuguese_with_vitalicio():
    text = (
        '"Identificação da publicação","Identificação da conta","Nome de usuário da conta","Nome da conta",'
        'Descrição,"Duração (segundos)","Horário de publicação","Link permanente","Tipo de publicação",'
        '"Comentário de dados",Data,Visualizações,Curtidas,Compartilhamentos,Comentários,Salvamentos,Alcance,'
        "Seguimentos\n"
        '18,17,ufscar,UFSCar,"texto",2,"04/23/2025 07:48",https://x,"Reel do Instagram",,Vitalício,'
        "75830,1217,119,16,29,21543,2\n"
        '19,17,ufscar,UFSCar,"texto",0,"06/30/2025 11:18",https://x,"Imagem do Instagram",,Vitalício,2071,18,1,1,4,,\n'
    )
    result = read(text)
    assert result.format == "meta_posts" and set(result.table["channel"]) == {"instagram"}
    assert total(result, "impressions") == 75830 + 2071 and total(result, "reach") == 21543
    assert days(result) == [date(2025, 4, 23), date(2025, 6, 30)]


def test_meta_chart_export_title_in_portuguese_utf16():
    text = 'sep=,\n"Alcance"\n"Data","Primary"\n"2025-09-14T00:00:00","120"\n"2025-09-15T00:00:00","80"\n'
    result = read(text.encode("utf-16"), "Alcance.csv")
    assert result.format == "meta_chart"
    assert total(result, "reach") == 200 and days(result) == [date(2025, 9, 14), date(2025, 9, 15)]


def test_meta_chart_export_older_shape_title_in_the_header_french():
    text = "Date,Couverture de la Page Facebook\n2022-07-01T00:00:00,15\n2022-07-02T00:00:00,13\n"
    result = read(text)
    assert result.format == "meta_chart" and total(result, "reach") == 28


def test_meta_chart_export_resaved_by_excel_with_semicolons():
    text = "Facebook link clicks;\nDate;Primary\n2025-10-31T00:00:00;5\n2025-11-03T01:00:00;7\n"
    result = read(text)
    assert result.format == "meta_chart" and total(result, "link_clicks") == 12
    assert days(result) == [date(2025, 10, 31), date(2025, 11, 3)]  # the hour after DST is not a day later


def test_meta_ads_german_with_a_month_column_crossing_new_year():
    text = (
        "Beginn des Berichtszeitraums;Ende des Berichtszeitraums;Monat;Kampagnenname;Reichweite;Impressionen;"
        "Ausgegebener Betrag (EUR);Link-Klicks\n"
        "2024-12-01;2025-01-31;2024-12-01 - 2024-12-31;Winter;1000;1500;120,50;30\n"
        "2024-12-01;2025-01-31;2025-01-01 - 2025-01-31;Winter;800;1200;99,50;20\n"
    )
    result = read(text)
    assert result.format == "meta_ads"
    assert total(result, "spend") == pytest.approx(220.0) and set(result.table["currency"]) == {"EUR"}
    # the row's own month beats the report's range: each row sits in its month
    assert sorted(result.table["date"].dt.date) == [date(2024, 12, 1), date(2025, 1, 1)]
    assert sorted(result.table["span_end"].dt.date) == [date(2024, 12, 31), date(2025, 1, 31)]
    plan = Strategy(
        name="t",
        goals=[Goal(id="g", title="G", hard=True)],
        kpis=[KpiChoice(card="impressions", stage="awareness", goal="g", period="month")],
    )
    report = run_check(plan, _deck(), [result.table])
    monthly = {r.period: r.actual for r in report.results if r.segment is None}
    assert monthly == {"2024-12": 1500, "2025-01": 1200}


def _deck():
    from impact.deck import load_deck

    return load_deck().cards


def test_google_ads_in_portuguese_banner_and_decimal_commas():
    text = (
        "Relatório de campanha\n"
        "5 de maio de 2026 - 15 de maio de 2026\n"
        "Status da campanha,Campanha,Código da moeda,Impr.,Cliques,Custo,Conversões\n"
        'Ativada,Marca,BRL,"1.234",56,"236,86","3,00"\n'
        'Ativada,Produtos,BRL,"2.000",44,"100,14","2,00"\n'
        'Total: Conta,,BRL,"3.234",100,"337,00","5,00"\n'
    )
    result = read(text)
    assert result.format == "google_ads"
    assert result.period == (date(2026, 5, 5), date(2026, 5, 15))
    assert total(result, "impressions") == 3234 and total(result, "spend") == pytest.approx(337.0)
    assert total(result, "conversions") == 5 and ("total_rows", "1") in result.warnings


def test_google_ads_keyword_report_total_in_the_third_column():
    text = (
        "Search keyword report\nOctober 1, 2026 - October 31, 2026\n"
        "Keyword status,Keyword,Match type,Campaign,Ad group,Impr.,Clicks,Cost\n"
        "Enabled,schuhe kaufen,Exact match,Shop,Schuhe,100,10,5.00\n"
        "Enabled,laufschuhe,Phrase match,Shop,Schuhe,50,4,2.50\n"
        " --,,Total: All but removed keywords, --, --,150,14,7.50\n"
        ",,Total: Keywords in your account,,,150,14,7.50\n"
    )
    result = read(text)
    assert total(result, "impressions") == 150 and total(result, "clicks") == 14
    assert ("total_rows", "2") in result.warnings


def test_ga4_report_in_spanish():
    text = (
        "# ----------------------------------------\n# Páginas y pantallas: Ruta de página y clase de pantalla\n"
        "# Cuenta: Pablo\n# Propiedad: Bóveda\n# ----------------------------------------\n# \n"
        "# Todos los usuarios\n# Fecha de inicio: 20260101\n# Fecha de finalización: 20260815\n"
        "Ruta de página y clase de pantalla,Vistas,Usuarios activos,Número de eventos,Eventos clave,Total de ingresos\n"
        "/index.html,1725,2,6299,0,0\n/,13,2,106,1,0\n"
    )
    result = read(text)
    assert result.format == "ga4" and result.period == (date(2026, 1, 1), date(2026, 8, 15))
    assert total(result, "page_views") == 1738 and total(result, "conversions") == 1


def test_ga4_exploration_grand_total_first_with_a_trailing_label():
    text = (
        "# ----------------------------------------\n# bright - GA4\n# 1st exploration-User explorer 1\n"
        "# 20230515-20230521\n# ----------------------------------------\n\n"
        "App-instance ID,Stream name,Sessions,Conversions,Total users\n"
        ",,9,2,5,Grand total\n"
        "7292.1,web,5,1,3\n3968.4,web,4,1,2\n"
    )
    result = read(text)
    assert result.format == "ga4" and result.period == (date(2023, 5, 15), date(2023, 5, 21))
    assert total(result, "sessions") == 9 and total(result, "conversions") == 2
    assert ("total_rows", "1") in result.warnings
    assert result.table.loc[result.table["whole"], "users"].tolist() == [5]  # the total's own unique users


def test_total_row_in_the_middle_of_a_german_table():
    text = "Datum;Kanal;Leads\n01.10.2026;LinkedIn;3\n02.10.2026;LinkedIn;4\nSumme;;7\n03.10.2026;Web;5\n"
    result = read(text)
    assert total(result, "leads") == 12 and ("total_rows", "1") in result.warnings


# --- dates in the account's language -----------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [
        ("8 de marzo", "9 de marzo", "10 de marzo"),  # Spanish
        ("30 de abril", "1 de maio", "2 de maio"),  # Portuguese
        ("3. März", "4. März", "5. März"),  # German
        ("28 May", "29 May", "30 May"),  # English, day first
        ("4 Ιανουαρίου", "5 Ιανουαρίου", "6 Ιανουαρίου"),  # Greek (seen in real TikTok files)
    ],
)
def test_tiktok_dates_in_the_account_language(first, second, third):
    text = (
        '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
        f'"{first}","10","1","2","0","0"\n"{second}","20","1","2","0","0"\n"{third}","30","1","2","0","0"\n'
    )
    result = read(text, "Overview.csv")
    assert result.format == "tiktok" and total(result, "video_views") == 60
    found = days(result)
    assert len(found) == 3 and found[-1] <= TODAY and (found[-1] - found[0]).days == 2


def test_ambiguous_dates_are_refused_with_both_readings():
    with pytest.raises(ExportError) as info:
        read("Datum,Leads\n03/04/2026,3\n")
    assert info.value.code == "ambiguous_dates"
    assert info.value.detail == "Datum|03/04/2026|2026-04-03|2026-03-04"


def test_a_daily_series_tells_day_and_month_apart():
    result = read("Date,Leads\n03/04/2026,3\n04/04/2026,4\n05/04/2026,5\n")
    assert days(result) == [date(2026, 4, 3), date(2026, 4, 4), date(2026, 4, 5)]  # one day apart, not one month


# --- numbers, currencies, placeholders -----------------------------------------------------


def test_currency_sign_in_a_german_header():
    result = read("Datum;Umsatz €;Kosten (EUR);Bestellungen\n03.11.2026;1.234,50;100,00;7\n".encode("cp1252"))
    assert result.format == "generic"
    assert total(result, "revenue") == pytest.approx(1234.5) and total(result, "spend") == 100
    assert set(result.table["currency"]) == {"EUR"} and total(result, "orders") == 7


def test_censored_and_placeholder_values():
    result = read("Date,Clicks,Leads\n2026-10-01,< 10,3\n2026-10-02,12,undefined\n2026-10-03,N/A, --\n")
    assert total(result, "clicks") == 12 and total(result, "leads") == 3
    assert ("censored_values", "1") in result.warnings


def test_mixed_currencies_are_never_added():
    plan = Strategy(
        name="t",
        goals=[Goal(id="g", title="G", hard=True)],
        kpis=[KpiChoice(card="cpc", stage="consideration", goal="g", period="month", target=1)],
    )
    inr = read("Date,Campaign,Amount spent (INR),Clicks (all)\n2026-10-01,A,1000,100\n", "inr.csv")
    gbp = read("Date,Campaign,Amount spent (GBP),Clicks (all)\n2026-10-02,B,10,100\n", "gbp.csv")
    [result] = [r for r in run_check(plan, _deck(), [inr.table, gbp.table]).results if r.segment is None]
    assert result.actual is None and result.status == "no data"
    assert result.reason == "mixed_currencies|GBP, INR"


# --- zips of CSVs --------------------------------------------------------------------------


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_youtube_studio_zip():
    data = _zip(
        {
            "Table data.csv": (
                "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions\n"
                "Total,,,,30,1.5,3,1000\n"
                'a1,Erstes Video,"Sep 27, 2026",120,20,1.0,2,600\n'
                ' -b2,"Zweites, Video","Oct 2, 2026",60,10,0.5,1,400\n'
            ),
            "Chart data.csv": "Date,Content,Video title,Video publish time,Duration,Views\n"
            '2026-10-01,a1,Erstes Video,"Sep 27, 2026",120,12\n2026-10-02,a1,Erstes Video,"Sep 27, 2026",120,8\n',
            "Totals.csv": "Date,Views\n2026-10-01,14\n2026-10-02,16\n",
        }
    )
    result = read(data, "Content 2026-10-01_2026-10-02 Kanal.zip")
    assert result.format == "youtube"
    assert total(result, "video_views") == 30  # from the daily totals; the per-video tables repeat them
    assert total(result, "watch_time_seconds") == pytest.approx(1.5 * 3600)  # from Table data, not its Total row
    assert total(result, "followers_gained") == 3 and total(result, "impressions") == 1000
    assert result.period == (date(2026, 10, 1), date(2026, 10, 2))


def test_search_console_zip_with_a_weighted_position():
    data = _zip(
        {
            "Queries.csv": "Top queries,Clicks,Impressions,CTR,Position\nschuhe,5,100,5%,2\nsocken,1,300,0.33%,10\n",
            "Dates.csv": "Date,Clicks,Impressions,CTR,Position\n2026-10-02,4,300,1.33%,9\n2026-10-01,2,100,2%,1\n",
            "Filters.csv": 'Filter,Value\nSearch type,Web\nDate,"Oct 1, 2026-Oct 2, 2026"\n',
        }
    )
    result = read(data, "performance.zip")
    assert result.format == "search_console"
    assert total(result, "search_clicks") == 6 and total(result, "search_impressions") == 400
    from impact.aggregate import aggregate_by

    rows = result.table.assign(_period="2026-10")
    position = aggregate_by(rows, ["_period"], ["search_position", "search_impressions"])["search_position"].iloc[0]
    assert position == pytest.approx((9 * 300 + 1 * 100) / 400)  # weighted by impressions, not the mean of 9 and 1


def test_search_console_hourly_chart():
    text = (
        "Time (UTC+03:00),Clicks,Impressions,CTR,Position\n"
        "2025-12-15T21:00:00,0,0,0%,0\n2025-12-15T22:00:00,1,3,33%,3.7\n"
    )
    result = read(text, "Chart.csv")
    assert result.format == "search_console" and total(result, "search_impressions") == 3


# --- e-mail, LinkedIn ads, X, legacy Facebook ---------------------------------------------------


def test_mailchimp_campaign_export():
    text = (
        'Title,Subject,List,"Send Date","Send Weekday","Total Recipients","Successful Deliveries","Unique Opens",'
        '"Open Rate","Unique Clicks","Click Rate",Unsubscribes\n'
        '"Herbst","Neu","Alle","Oct 09, 2026 09:30 pm",Friday,110,108,30,27.78%,7,6.48%,1\n'
        '"Winter","Neu","Alle","Nov 18, 2026 09:15 am",Wednesday,137,134,30,22.39%,5,3.73%,0\n'
    )
    result = read(text)
    assert result.format == "mailchimp" and set(result.table["channel"]) == {"email"}
    assert total(result, "emails_sent") == 242 and total(result, "emails_opened") == 60
    assert total(result, "emails_clicked") == 12 and total(result, "unsubscribes") == 1
    assert days(result) == [date(2026, 10, 9), date(2026, 11, 18)]


def test_linkedin_campaign_manager_tab_separated_with_banner():
    text = (
        "Ad Performance Report (in UTC)\n"
        '"Report Start: September 21, 2026, 12:00 AM"\n"Report End: September 22, 2026, 11:59 PM"\n'
        '"Date Generated: September 23, 2026, 12:40 PM"\n\n'
        "Start Date (in UTC)\tAccount Name\tCurrency\tCampaign Name\tTotal Spent\tImpressions\tClicks\tLeads\n"
        "9/21/2026\tBeispiel\tEUR\tMSFT\t55.39\t3422\t11\t1\n9/22/2026\tBeispiel\tEUR\tMSFT\t44.61\t2000\t9\t0\n"
    )
    result = read(text)
    assert result.format == "linkedin_campaigns"
    assert total(result, "spend") == pytest.approx(100.0) and set(result.table["currency"]) == {"EUR"}
    assert days(result) == [date(2026, 9, 21), date(2026, 9, 22)]


def test_linkedin_campaign_manager_dutch_without_daily_breakdown():
    text = (
        "Rapport met advertentieprestaties (in UTC)\nBegindatum van rapport: 1 september 2026 00:00\n"
        "Einddatum van rapport: 30 september 2026 23:59\nDatum aangemaakt: 1 oktober 2026 07:06\n\n"
        "Begindatum (in UTC)\tAccountnaam\tValuta\tCampagnenaam\tTotaal besteed\tWeergaven\tKlikken\n"
        '1-9-2026\tBeispiel\tEUR\tA\t"9,36"\t293\t1\n1-9-2026\tBeispiel\tEUR\tB\t"10,64"\t707\t3\n'
    )
    result = read(text)
    assert result.format == "linkedin_campaigns"
    assert total(result, "spend") == pytest.approx(20.0) and total(result, "impressions") == 1000
    # every row carries the report's first day but holds the whole month: the range counts
    assert result.period == (date(2026, 9, 1), date(2026, 9, 30))


def test_x_premium_account_overview():
    text = (
        "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,"
        "Create Post,Video views,Media views\n"
        '"Tue, Feb 18, 2025",62,0,3,0,0,1,0,0,0,1,0,0,0\n"Mon, Feb 17, 2025",426,18,49,1,0,2,0,1,2,4,2,0,0'
    )
    result = read(text, "account_overview_analytics.csv")
    assert result.format == "x_account" and total(result, "impressions") == 488
    assert total(result, "followers_gained") == 3 and days(result) == [date(2025, 2, 17), date(2025, 2, 18)]


def test_facebook_legacy_page_export_reads_only_daily_columns():
    text = (
        "Date,Lifetime Total Likes,Daily New Likes,Daily Total Reach,Weekly Total Reach,28 Days Total Reach,"
        "Daily Total Impressions\n"
        ",Lifetime: The total number of people who have liked your Page. (Unique Users),"
        "Daily: The number of new people who have liked your Page (Unique Users),Daily: reach (Unique Users),"
        "Weekly: reach (Unique Users),28 Days: reach (Unique Users),Daily: impressions (Total Count)\n"
        "1/1/2014,126,1,10,139,423,59\n1/2/2014,128,2,8,74,425,26\n"
    )
    result = read(text)
    assert result.format == "facebook_legacy_page"
    assert total(result, "impressions") == 85 and total(result, "followers_gained") == 3
    assert total(result, "reach") == 18  # the weekly and 28-day windows are never added
    assert days(result) == [date(2014, 1, 1), date(2014, 1, 2)]


def test_tiktok_follower_activity_is_recognised_but_feeds_no_kpi():
    with pytest.raises(ExportError) as info:
        read('"Date","Hour","Active followers"\n"March 1","0","12"\n', "FollowerActivity.csv")
    assert (info.value.code, info.value.detail) == ("nothing_to_check", "activity_by_hour")


def test_columns_with_the_same_name_are_read_once():
    result = read("Date,Impressions,Reach,Impressions\n2026-10-01,100,50,7\n")
    assert total(result, "impressions") == 100
    assert pd.notna(result.table["reach"]).all()


# --- found in review: each once a silent wrong number or a crash -----------------------------


def test_a_table_of_metrics_only_reads_with_its_banner_range():
    result = read("Date range: Oct 1, 2026 - Oct 31, 2026\nImpressions,Reach,Clicks\n1000,500,20\n")
    assert total(result, "impressions") == 1000 and result.period == (date(2026, 10, 1), date(2026, 10, 31))


def test_a_damaged_or_locked_zip_is_refused_not_a_crash():
    data = bytearray(_zip({"Totals.csv": "Date,Views\n" + "2026-10-01,5\n" * 200}))
    data[60:70] = b"\0" * 10  # inside the member's compressed bytes
    with pytest.raises(ExportError):
        read(bytes(data), "broken.zip")


@pytest.mark.parametrize("cell", ["Oct 99999999999999999999", "0226-10-01", "9999-12-31"])
def test_years_no_export_can_have_are_not_dates(cell):
    with pytest.raises(ExportError) as info:
        read(f"Date,Clicks\n{cell},3\n")
    assert info.value.code in ("bad_dates", "no_date")


def test_one_sheet_per_month_counts_every_month():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Oktober"
    book.active.append(["Datum", "Impressionen"])
    book.active.append(["2026-10-01", 100])
    november = book.create_sheet("November")
    november.append(["Datum", "Impressionen"])
    november.append(["2026-11-01", 300])
    buffer = io.BytesIO()
    book.save(buffer)
    result = read(buffer.getvalue(), "monate.xlsx")
    assert total(result, "impressions") == 400 and not [w for w in result.warnings if w[0] == "table_repeats"]


def test_a_files_own_reach_does_not_swallow_another_files():
    from impact import pipeline

    meta = (
        "Campaign name,Reach,Impressions,Amount spent (EUR),Reporting starts,Reporting ends\n"
        ",1000,3000,10,2026-10-01,2026-10-31\nA,600,1500,5,2026-10-01,2026-10-31\nB,600,1500,5,2026-10-01,2026-10-31\n"
    )
    daily = "Date,Reach\n2026-10-05,300\n2026-10-06,200\n"
    plan = Strategy(
        name="t",
        goals=[Goal(id="g", title="G", hard=True)],
        kpis=[KpiChoice(card="reach", stage="awareness", goal="g", period="month")],
    )
    alone = pipeline.run(plan, _deck(), [("meta.csv", meta.encode())], today=TODAY)
    [meta_only] = [r for r in alone.report.results if r.segment is None]
    assert (meta_only.actual, meta_only.upper_bound) == (1000, False)  # the summary row's own reach
    both = pipeline.run(plan, _deck(), [("meta.csv", meta.encode()), ("daily.csv", daily.encode())], today=TODAY)
    [whole] = [r for r in both.report.results if r.segment is None]
    assert (whole.actual, whole.upper_bound) == (1000 + 500, True)


@pytest.mark.parametrize(
    "text",
    [
        "1. Oktober 2026 - 31. Oktober 2026\nKampagne\tImpr.\tKlicks\nMarke\t1.234\t56\n",
        'Datum,Impressionen\n01.10.2026,"1.234"\n',
    ],
)
def test_a_count_written_1_234_is_a_thousand_and_more(text):
    assert total(read(text.encode("utf-16") if "\t" in text else text), "impressions") == 1234


def test_currencies_in_cells_and_names_are_kept_per_row():
    signs = read("Date,Spend\n2026-10-01,€5\n2026-10-02,$7\n")
    assert list(signs.table["currency"]) == ["EUR", "USD"]
    names = read("Date,Spend,Currency\n2026-10-01,5,Euro\n2026-10-02,7,US Dollar\n2026-10-03,9,Kroner\n")
    assert list(names.table["currency"]) == ["EUR", "USD", "KRONER"]  # an unknown one is never taken for the target's


def test_a_large_file_keeps_the_day_as_written():
    rows = "".join(f"2026-10-01T23:30:00-05:00,{i % 7}\n" for i in range(60_000))  # over a megabyte: the fast reader
    result = read("Date,Leads\n" + rows)
    assert days(result) == [date(2026, 10, 1)]


def test_labels_that_only_begin_like_a_total_are_data():
    result = read(
        "Date,Campaign,Leads\n2026-10-01,Gesamt-Kampagne 2026,3\n2026-10-01,Total - all visitors,4\n"
        "2026-10-03,Spring,2\n2026-10-03,Spring,1\n2026-10-03,,3\n"
    )
    assert total(result, "leads") == 13 and not [w for w in result.warnings if w[0] == "total_rows"]


def test_a_blank_line_inside_a_table_does_not_end_it():
    from impact.importers import Choices

    text = "Campaign,Region,Leads\nSpring,North,5\nAutumn,East,6\n\nSummer,South,7\nWinter,West,8\n"
    result = read(text, choices=Choices(period=(date(2026, 10, 1), date(2026, 10, 31))))
    assert total(result, "leads") == 26


def test_rows_wider_than_the_header_are_left_out_and_said():
    result = read('Datum,Kosten,Klicks\n01.10.2026,12,50,7\n02.10.2026,"3,00",2\n')
    assert total(result, "spend") == 3 and total(result, "clicks") == 2
    assert ("wider_rows", "1|2") in result.warnings


def test_a_range_across_new_year_starts_in_the_old_year():
    from impact.importers.dates import read_cell

    assert read_cell("Dec 15 - Jan 14 2027").start == (2026, 12, 15)


def test_a_persons_choices_win_over_what_the_values_suggest():
    from impact.importers import Choices

    ordered = read("Date,Leads\n03-04-2026,3\n", choices=Choices(date_order="mdy"))
    assert days(ordered) == [date(2026, 3, 4)]
    mapped = read(
        "Date,Impressions,Impressions (all placements)\n2026-10-01,5,100\n",
        choices=Choices(columns={"Impressions (all placements)": "impressions"}),
    )
    assert total(mapped, "impressions") == 100 and ("Impressions", "duplicate") in {
        (i.column, i.reason) for i in mapped.ignored
    }


def test_dates_without_a_year_are_said():
    result = read(
        '"Date","Video Views","Profile Views"\n"November 10","5","1"\n"November 11","6","1"\n', "Overview.csv"
    )
    assert ("years_inferred", "Date|2026-11-10|2026-11-11") in result.warnings


def test_the_preview_aggregates_as_the_check_does():
    from impact.importers.preview import outcome

    found = outcome(read("Date,Follower count,Reach\n2026-10-01,1000,5\n2026-10-02,1001,7\n2026-10-03,1003,9\n"))
    assert found.totals == {"followers": 1003, "reach": 21} and found.upper_bounds == {"reach"}


def test_a_files_shape_does_not_change_once_it_is_read():
    from impact.importers.sniff import sniff
    from impact.pipeline import signature

    text = "Date,Leads\n" + "2026-10-01,3\n" * 90_000 + "\n# Start date: 20261001\nCountry,Users\nDE,3\n"
    sniffed = sniff(text.encode(), "big.csv")
    before = signature(sniffed)
    sniffed.all_tables()
    assert signature(sniffed) == before


# --- a period the file does not give --------------------------------------------------------


@pytest.mark.parametrize(
    "banner",
    ["Date range: All time", "Zeitraum: Gesamte Laufzeit", "Período: Todo el tiempo", "Lifetime"],
)
def test_all_time_is_no_period_the_person_is_asked_with_the_files_words(banner):
    from impact.importers import Choices

    text = f"Post performance\n{banner}\nPost,Impressions,Clicks\nA,100,3\nB,50,1\n"
    with pytest.raises(ExportError) as info:
        read(text)
    assert info.value.code == "all_time" and info.value.detail == banner
    chosen = read(text, choices=Choices(period=(date(2026, 10, 1), date(2026, 10, 31))))
    assert total(chosen, "impressions") == 150 and chosen.period == (date(2026, 10, 1), date(2026, 10, 31))


def test_search_console_download_of_its_full_duration_is_no_period():
    data = _zip(
        {
            "Queries.csv": "Top queries,Clicks,Impressions,CTR,Position\nschuhe,5,100,5%,2\n",
            "Filters.csv": "Filter,Value\nSearch type,Web\nDate,Full duration\n",
        }
    )
    with pytest.raises(ExportError) as info:
        read(data, "performance.zip")
    assert (info.value.code, info.value.detail) == ("all_time", "Full duration")


# --- platforms without a format of their own: read by hand, in the shape they export -----------
# Snapchat Ads Manager and XING Ads publish no export description and no real file was found
# in public repositories; these tables have the columns their help pages name.


def test_snapchat_ads_shape_is_read_once_the_person_names_its_columns():
    from impact.importers import Choices

    text = (
        "Campaign Name,Day,Paid Impressions,Swipe Ups,Spend (EUR)\n"
        "Herbst,2026-10-01,12000,140,85.50\nHerbst,2026-10-02,9000,95,70.00\n"
    )
    first = read(text)
    assert total(first, "spend") == 155.5 and "impressions" not in first.table  # 'Paid Impressions' is not guessed
    unknown = {i.column for i in first.ignored if i.reason == "unknown"}
    assert {"Paid Impressions", "Swipe Ups"} <= unknown  # named to the person as unused figures
    chosen = Choices(columns={"Paid Impressions": "impressions", "Swipe Ups": "link_clicks"})
    result = read(text, choices=chosen)
    assert (total(result, "impressions"), total(result, "link_clicks")) == (21000, 235)
    assert set(result.table["segment"]) == {"Herbst"} and set(result.table["currency"].dropna()) == {"EUR"}


def test_xing_ads_shape_in_german_reads_without_a_question():
    text = "Datum;Kampagne;Impressionen;Klicks;Kosten (EUR)\n01.10.2026;Azubis 2027;4.200;61;120,50\n"
    result = read(text)
    assert (total(result, "impressions"), total(result, "clicks"), total(result, "spend")) == (4200, 61, 120.5)


# --- found in the review of issue 21: each a wrong number without a word, or a refusal too many ---


def test_a_total_over_days_is_said_never_placed_on_a_range():
    text = "Day,Campaign,Clicks,Impr.\n2026-01-10,A,100,1000\n2026-02-10,A,100,1000\nTotal,,210,3000\n"
    result = read(text)
    assert (total(result, "clicks"), total(result, "impressions")) == (200, 2000)  # the rows, dated
    assert ("total_not_placed", "Clicks|210|200|10") in result.warnings
    assert not result.table["span_end"].notna().any()  # no row over the whole range


def test_of_several_total_rows_the_larger_is_said_never_taken():
    text = (
        "Campaign report\n1 January 2026 - 31 January 2026\nCampaign,Clicks,Impr.\nA,100,1000\n"
        "Total: Campaigns,100,1000\nTotal: Account,210,3000\n"
    )
    result = read(text)
    assert total(result, "clicks") == 100
    assert ("larger_total_said", "Clicks|210|100|110") in result.warnings


def test_youtube_chart_data_alone_says_it_holds_only_the_charted_videos():
    text = (
        "Date,Content,Video title,Video publish time,Views\n"
        '2026-10-01,a1,Erstes,"Sep 2, 2026",4\n2026-10-01,b2,Zweites,"Sep 9, 2026",6\n'
    )
    result = read(text)
    assert result.format == "youtube" and ("chart_videos_only", "2") in result.warnings


def test_a_video_report_with_an_average_duration_is_not_youtube_and_its_views_are_asked_about():
    result = read("Date,Impressions,Views,Average view duration\n2026-10-01,100,20,0:30\n")
    assert result.format == "generic" and "video_views" not in result.table
    assert any(code == "ambiguous_column" for code, _d in result.warnings)


def test_a_mailchimp_campaign_with_a_subject_is_never_taken_for_an_ab_tests_sum():
    header = "Title,Subject,List,Send Date,Successful Deliveries,Unique Opens\n"
    text = header + (
        'Spring sale,Spring!,L,"Mar 02, 2026 09:00 am",1000,300\n'
        'Spring sale | reminder,Still on,L,"Mar 09, 2026 09:00 am",800,200\n'
    )
    result = read(text)
    assert total(result, "emails_sent") == 1800 and not any(c == "ab_test_totals" for c, _d in result.warnings)


@pytest.mark.parametrize(
    ("title", "metric"),
    [
        ("Instagram reach from followers", "reach"),
        ("Views from followers", "impressions"),
        ("Content interactions from non-followers", "engagements"),
        ("New Instagram followers", "followers_gained"),
    ],
)
def test_a_meta_title_names_its_metric_before_its_audience(title, metric):
    text = f'sep=,\n"{title}"\n"Date","Primary"\n"2026-10-01T00:00:00","5"\n"2026-10-02T00:00:00","7"\n'
    result = read(text.encode("utf-16"), "chart.csv")
    assert total(result, metric) == 12


def test_hash_rows_inside_a_table_are_data_also_read_by_hand():
    from impact.importers import Choices

    period = (date(2026, 1, 1), date(2026, 1, 31))
    text = "Query,Clicks,Impressions\nshoes,5,50\n#promo,--,--\n#michelin,10,100\n"
    assert total(read(text, choices=Choices(period=period)), "clicks") == 15
    by_hand = read("Export\n" + text, choices=Choices(period=period, header_row=1))
    assert total(by_hand, "clicks") == 15


def test_small_count_tables_are_not_taken_for_shares():
    for text in ("Country,Signups\nDE,30\nFR,20\n", "Signups,Demos\n40,12\n"):
        with pytest.raises(ExportError) as info:
            read(text)
        assert info.value.code != "breakdown_only"


def test_one_sheet_far_too_wide_is_left_out_and_said():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["Date", "Clicks"])
    book.active.append(["2026-01-01", 5])
    book.create_sheet("Notes").cell(row=1, column=2500, value="note")
    buffer = io.BytesIO()
    book.save(buffer)
    result = read(buffer.getvalue(), "book.xlsx")
    assert total(result, "clicks") == 5 and ("sheet_too_wide", "Notes|2000") in result.warnings
