"""Dates, times, numbers, money and time zones in each language, as its readers write
them (events/formatting.py, through the templates' filters)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import translation

from config.templating import date
from events.formatting import moment_text
from events.models import Conference, KeyFigure
from events.templatetags.events import (
    date_range,
    key_figure,
    long_date,
    money,
    time_range,
    times_and_zone,
    zone_label,
)
from tests.factories import ConferenceFactory, KeyFigureFactory, SessionFactory

LANGUAGES = ("en", "zh-hans", "zh-hant")


def conference(start, end=None, start_time=None, end_time=None, zone="Asia/Macau"):
    return Conference(
        start_date=start,
        end_date=end,
        start_time=start_time,
        end_time=end_time,
        time_zone=zone,
    )


def in_each_language(write) -> dict:
    written = {}
    for code in LANGUAGES:
        with translation.override(code):
            written[code] = write()
    return written


def test_a_day():
    assert in_each_language(lambda: long_date(dt.date(2023, 2, 8))) == {
        "en": "8 February 2023",
        "zh-hans": "2023年2月8日",
        "zh-hant": "2023年2月8日",
    }


@pytest.mark.parametrize(
    ("start", "end", "en", "zh"),
    [
        (dt.date(2023, 2, 8), None, "8 February 2023", "2023年2月8日"),
        (dt.date(2023, 2, 8), dt.date(2023, 2, 8), "8 February 2023", "2023年2月8日"),
        (
            dt.date(2026, 11, 18),
            dt.date(2026, 11, 19),
            "18–19 November 2026",
            "2026年11月18日至19日",
        ),
        (
            dt.date(2024, 5, 30),
            dt.date(2024, 6, 2),
            "30 May – 2 June 2024",
            "2024年5月30日至6月2日",
        ),
        (
            dt.date(2025, 12, 30),
            dt.date(2026, 1, 2),
            "30 December 2025 – 2 January 2026",
            "2025年12月30日至2026年1月2日",
        ),
    ],
)
def test_the_days_of_a_conference(start, end, en, zh):
    assert in_each_language(lambda: date_range(conference(start, end))) == {
        "en": en,
        "zh-hans": zh,
        "zh-hant": zh,
    }


@pytest.mark.parametrize(
    ("start", "end", "en", "zh"),
    [
        (dt.time(9, 30), None, "09:30", "上午9:30"),
        (dt.time(9, 30), dt.time(17, 30), "09:30–17:30", "上午9:30至下午5:30"),
        (dt.time(9, 30), dt.time(11, 0), "09:30–11:00", "上午9:30至11:00"),
        (dt.time(9, 30), dt.time(12, 0), "09:30–12:00", "上午9:30至中午12:00"),
        (dt.time(14, 0), dt.time(19, 30), "14:00–19:30", "下午2:00至晚上7:30"),
        (None, None, "", ""),
    ],
)
def test_the_times_of_a_conference(start, end, en, zh):
    assert in_each_language(
        lambda: time_range(conference(dt.date(2023, 2, 8), None, start, end))
    ) == {"en": en, "zh-hans": zh, "zh-hant": zh}


@pytest.mark.parametrize(
    ("zone", "en", "zh_hans", "zh_hant"),
    [
        ("Asia/Macau", "Macau time", "澳门时间", "澳門時間"),
        ("Asia/Hong_Kong", "Hong Kong time", "香港时间", "香港時間"),
        ("Asia/Shanghai", "Shanghai time", "北京时间", "北京時間"),
        ("Europe/London", "London time", "伦敦时间", "倫敦時間"),
    ],
)
def test_time_zones_are_named_in_the_readers_language(zone, en, zh_hans, zh_hant):
    assert in_each_language(lambda: zone_label(zone)) == {
        "en": en,
        "zh-hans": zh_hans,
        "zh-hant": zh_hant,
    }


def test_a_conference_page_line_of_days_times_and_zone():
    forum = conference(
        dt.date(2026, 11, 18), dt.date(2026, 11, 19), dt.time(9, 30), dt.time(17, 30)
    )

    assert in_each_language(lambda: date_range(forum) + times_and_zone(forum)) == {
        "en": "18–19 November 2026, 09:30–17:30 (Macau time)",
        "zh-hans": "2026年11月18日至19日，上午9:30至下午5:30（澳门时间）",
        "zh-hant": "2026年11月18日至19日，上午9:30至下午5:30（澳門時間）",
    }
    assert in_each_language(lambda: times_and_zone(conference(dt.date(2026, 11, 18)))) == {
        "en": "",
        "zh-hans": "",
        "zh-hant": "",
    }


@pytest.mark.parametrize(
    ("value", "currency", "unit", "qualifier", "en", "zh_hans", "zh_hant"),
    [
        ("5720", "", "", "more_than", "more than 5,720", "超过5,720", "超過5,720"),
        ("38800000000", "USD", "", "", "US$38.8 billion", "388亿美元", "388億美元"),
        ("35000", "", "", "about", "about 35,000", "约3.5万", "約3.5萬"),
        ("12345", "", "", "", "12,345", "12,345", "12,345"),
        ("1500000", "HKD", "", "about", "about HK$1.5 million", "约150万港元", "約150萬港元"),
        ("12.50", "", "%", "", "12.5%", "12.5%", "12.5%"),
        ("300", "", "公顷", "nearly", "nearly 300 公顷", "近300公顷", "近300公顷"),
        (
            "300",
            "",
            "hectares",
            "up_to",
            "up to 300 hectares",
            "最多300 hectares",
            "最多300 hectares",
        ),
        ("2000000000000", "CNY", "", "", "RMB 2 trillion", "2万亿元人民币", "2萬億元人民幣"),
        (
            "123456789",
            "MOP",
            "",
            "at_least",
            "at least MOP$123.46 million",
            "至少1.23亿澳门元",
            "至少1.23億澳門元",
        ),
        ("9", "", "", "less_than", "less than 9", "不足9", "不足9"),
    ],
)
def test_key_figures_in_each_language(value, currency, unit, qualifier, en, zh_hans, zh_hant):
    figure = KeyFigure(
        value=Decimal(value), currency=currency, unit=unit, qualifier=qualifier, label="x"
    )

    assert in_each_language(lambda: key_figure(figure)) == {
        "en": en,
        "zh-hans": zh_hans,
        "zh-hant": zh_hant,
    }


def test_a_unit_reads_in_each_language_with_the_english_one_as_fallback():
    figure = KeyFigure(
        value=Decimal("300"),
        qualifier="about",
        label_en="of land",
        unit_en="hectares",
        unit_zh_hans="公顷",
        unit_zh_hant="公頃",
    )
    untranslated = KeyFigure(value=Decimal("300"), label_en="of land", unit_en="hectares")

    assert in_each_language(lambda: key_figure(figure)) == {
        "en": "about 300 hectares",
        "zh-hans": "约300公顷",
        "zh-hant": "約300公頃",
    }
    assert in_each_language(lambda: key_figure(untranslated))["zh-hant"] == "300 hectares"


def test_money_in_each_language():
    assert in_each_language(lambda: money(Decimal("1200000000"), "USD")) == {
        "en": "US$1.2 billion",
        "zh-hans": "12亿美元",
        "zh-hant": "12億美元",
    }
    assert in_each_language(lambda: money(None, "USD")) == dict.fromkeys(LANGUAGES, "")


def test_the_templates_day_and_month_formats_follow_the_language():
    day = dt.date(2023, 2, 8)

    assert in_each_language(lambda: (date(day, "j F Y"), date(day, "F Y"))) == {
        "en": ("8 February 2023", "February 2023"),
        "zh-hans": ("2023年2月8日", "2023年2月"),
        "zh-hant": ("2023年2月8日", "2023年2月"),
    }


def test_a_moment_for_staff_in_each_language(settings):
    settings.TIME_ZONE = "Asia/Hong_Kong"
    moment = dt.datetime(2099, 3, 1, 1, 0, tzinfo=dt.UTC)

    assert in_each_language(lambda: moment_text(moment)) == {
        "en": "1 March 2099, 09:00 HKT",
        "zh-hans": "2099年3月1日上午9:00（香港时间）",
        "zh-hant": "2099年3月1日上午9:00（香港時間）",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "when", "agenda", "figure"),
    [
        ("en", "18–19 November 2026, 09:30–17:30 (Macau time)", "09:30–12:00", "US$38.8 billion"),
        (
            "zh-hans",
            "2026年11月18日至19日，上午9:30至下午5:30（澳门时间）",
            "上午9:30至中午12:00",
            "388亿美元",
        ),
        (
            "zh-hant",
            "2026年11月18日至19日，上午9:30至下午5:30（澳門時間）",
            "上午9:30至中午12:00",
            "388億美元",
        ),
    ],
)
def test_a_conference_page_writes_its_days_agenda_and_figures_in_the_readers_way(
    client, code, when, agenda, figure
):
    forum = ConferenceFactory(
        start_date=dt.date(2026, 11, 18),
        end_date=dt.date(2026, 11, 19),
        start_time=dt.time(9, 30),
        end_time=dt.time(17, 30),
        time_zone="Asia/Macau",
    )
    SessionFactory(
        conference=forum,
        date=dt.date(2026, 11, 18),
        start_time=dt.time(9, 30),
        end_time=dt.time(12),
    )
    KeyFigureFactory(conference=forum, value=Decimal("38800000000"), currency="USD", unit="")

    with translation.override(code):
        content = client.get(forum.get_absolute_url()).content.decode()

    days = {"en": "18–19 November 2026"}.get(code, "2026年11月18日至19日")
    assert f'<time datetime="2026-11-18">{days}</time>' in content
    assert when in re.sub(r"<[^>]+>", "", content)  # the days, times and zone as one line
    assert f'<time class="agenda__time" datetime="09:30">{agenda}</time>' in content
    assert f'<strong class="figure-card__value">{figure}</strong>' in content
