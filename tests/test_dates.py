import datetime as dt
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.dates import PATTERNS, _pattern_matches, find_dates, header_date, year_from_weekday


def values(text, ref=None):
    return [(text[a:b], v.value) for a, b, v in find_dates(text, ref)]


@pytest.mark.parametrize(
    "text,ref,expected",
    [
        ("Selasa (13/8/2024) pagi", None, "2024-08-13"),
        ("In July 2022, it briefly blocked PayPal", dt.date(2025, 2, 14), "2022-07"),  # not 'Jul' + a year guessed
        ("pada Oktober 2021 lalu", dt.date(2024, 10, 5), "2021-10"),
        ("Kamis (29/12) pagi", dt.date(2022, 12, 29), "2022-12-29"),
        ("pada 13 Juli lalu", dt.date(2024, 8, 13), "2024-07-13"),
        ("pada 4 Oktober lalu", dt.date(2024, 10, 27), "2024-10-04"),
        ("pada 28 Desember lalu", dt.date(2025, 1, 3), "2024-12-28"),  # 'lalu' across a new year
        ("serangan 6 Januari 2021 di", None, "2021-01-06"),
        ("December 29, 2022", None, "2022-12-29"),
        ("sejak tahun 2022,", None, "2022"),
        ("sejak 2022 dan", None, "2022"),
        ("pada Maret 2023", None, "2023-03"),
        ("dua tahun lalu, Musk", dt.date(2024, 10, 27), "2022"),
        ("kata Peskov, Senin.", dt.date(2021, 2, 15), "2021-02-15"),
        ("kata dia, Rabu.", dt.date(2021, 2, 15), "2021-02-10"),
    ],
)
def test_date_expressions(text, ref, expected):
    assert [v for _, v in values(text, ref)] == [expected]


def test_day_month_without_year_takes_year_from_weekday():
    # no publication date: 13 February was a Saturday in 2021
    assert values("pada hari Sabtu (13/2) mengundang")[0][1] == "2021-02-13"
    assert year_from_weekday(15, 2, 0, latest=2024) == 2021


def test_no_day_is_invented():
    assert values("pada tahun 2022") == [("pada tahun 2022", "2022")]
    assert values("13 Juli lalu") == []  # no year known and no weekday: nothing


def test_minggu_lalu_is_last_week_not_sunday():
    assert values("Minggu lalu, Musk mengatakan", dt.date(2021, 2, 15)) == [("Minggu lalu", "2021-02")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("kemarin", "2024-08-12"),
        ("pekan lalu", "2024-08"),
        ("bulan lalu", "2024-07"),
        ("tahun lalu", "2023"),
        ("last week", "2024-08"),
    ],
)
def test_relative_dates_keep_only_the_precision_given(text, expected):
    assert [v for _, v in values(f"Musk mengatakan {text} bahwa", dt.date(2024, 8, 13))] == [expected]


@pytest.mark.parametrize(
    "line,expected",
    [
        ("29 December 2022", "2022-12-29"),
        ("Minggu 27 Oct 2024 - 21:58 WIB", "2024-10-27"),
        ("Senin, 12 Agustus 2024 08:15 WIB", "2024-08-12"),
    ],
)
def test_header_dates(line, expected):
    assert header_date(["Judul", line]).value == expected


def test_header_date_ignores_body_sentences():
    assert header_date(["Musk membeli Twitter pada 27 Oktober 2022 setelah berbulan-bulan negosiasi."]) is None


@settings(max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "300")), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Senin",
                "(12/8/2024)",
                "12",
                "Maret",
                "2024",
                "pada",
                "tahun",
                "lalu",
                ",",
                "kemarin",
                "on",
                "Monday",
                "March",
                "5,",
                "(13/2)",
                "sejak",
                "x" * 70,
                "ini",
                "\n",
                "2024-01-02",
                "last",
                "week",
                "in",
                "May",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_date_patterns_run_over_windows_find_what_a_full_scan_finds(text):
    full = [(kind, [(m.span(), m.groups()) for m in rx.finditer(text)]) for kind, rx in PATTERNS]
    assert [(kind, [(m.span(), m.groups()) for m in ms]) for kind, ms in _pattern_matches(text)] == full
