"""Dates, times, numbers, money and time zones as readers of each language write them.

Plain Python, for models, templates, feeds and calendars alike. The active language
(``events.languages.current()``) chooses the form:

==========  =================================  ====================================
            English (as the site always wrote)  Chinese (简体 / 繁體)
==========  =================================  ====================================
day         8 February 2023                     2023年2月8日
days        18–19 November 2026                 2026年11月18日至19日
times       09:30–17:30                         上午9:30至下午5:30
zone        Macau time                          澳门时间 / 澳門時間 (北京时间 for Shanghai)
figure      more than 5,720                     超过5,720 / 超過5,720
money       US$38.8 billion                     388亿美元 / 388億美元
==========  =================================  ====================================

Chinese follows the mainland press for simplified characters and the Hong Kong and Macao
press for traditional ones: "至" between the ends of a range (Xinhua's "11月18日至19日"),
large numbers in 万 and 亿 (萬, 億), the currency after the number, no space before a
Chinese word. Babel (CLDR) gives what is long to list and right as it stands: the part
of the day a time falls in (上午, 中午, 晚上: CLDR's ``Bh:mm``) and the city a time zone
is named after; each is worked out once per language and value, then remembered. The
rest is the short tables below, read with a dictionary look-up: these run for every card
of a list page (``python -m bench.formats`` measures them).
"""

import datetime as dt
from decimal import Decimal

from babel import dates as babel_dates
from django.utils import dateformat, timezone

from . import languages
from .languages import is_chinese

CURRENCY_SYMBOLS = {
    "USD": "US$",
    "HKD": "HK$",
    "CNY": "RMB ",
    "MOP": "MOP$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "JP¥",
    "SGD": "S$",
}

# Chinese names money after the number: "388亿美元". Renminbi as the press writes it,
# "388亿元人民币"; Hong Kong's words for the traditional script (港元, 日圓).
CHINESE_CURRENCIES = {
    "zh-hans": {
        "USD": "美元",
        "HKD": "港元",
        "CNY": "元人民币",
        "MOP": "澳门元",
        "EUR": "欧元",
        "GBP": "英镑",
        "JPY": "日元",
        "SGD": "新加坡元",
    },
    "zh-hant": {
        "USD": "美元",
        "HKD": "港元",
        "CNY": "元人民幣",
        "MOP": "澳門元",
        "EUR": "歐元",
        "GBP": "英鎊",
        "JPY": "日圓",
        "SGD": "新加坡元",
    },
}

# A key figure's qualifier (``KeyFigure.Qualifier``), as each language writes it before
# the number.
QUALIFIERS = {
    "en": {
        "more_than": "more than",
        "at_least": "at least",
        "about": "about",
        "nearly": "nearly",
        "less_than": "less than",
        "up_to": "up to",
    },
    "zh-hans": {
        "more_than": "超过",
        "at_least": "至少",
        "about": "约",
        "nearly": "近",
        "less_than": "不足",
        "up_to": "最多",
    },
    "zh-hant": {
        "more_than": "超過",
        "at_least": "至少",
        "about": "約",
        "nearly": "近",
        "less_than": "不足",
        "up_to": "最多",
    },
}

SCALES = [
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
]

# 万 (10⁴), 亿 (10⁸) and 万亿 (10¹²): a Chinese reader counts in fours.
CHINESE_SCALES = {
    "zh-hans": [(Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")],
    "zh-hant": [(Decimal(10) ** 12, "萬億"), (Decimal(10) ** 8, "億"), (Decimal(10) ** 4, "萬")],
}
TEN_THOUSAND = Decimal(10) ** 4
MILLION = Decimal(10) ** 6

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The Babel (CLDR) locale of each Chinese language: the mainland's for simplified
# characters, Hong Kong's for traditional ones (the readers of both scripts here).
BABEL_LOCALES = {"zh-hans": "zh_Hans_CN", "zh-hant": "zh_Hant_HK"}
ZONE_WORD = {"zh-hans": "时间", "zh-hant": "時間"}
# What Chinese readers call the time of these zones (CLDR names them after a city).
CHINESE_ZONE_NAMES = {
    "zh-hans": {
        "Asia/Shanghai": "北京时间",
        "Asia/Chongqing": "北京时间",
        "Asia/Chungking": "北京时间",
        "Asia/Harbin": "北京时间",
        "PRC": "北京时间",
    },
    "zh-hant": {
        "Asia/Shanghai": "北京時間",
        "Asia/Chongqing": "北京時間",
        "Asia/Chungking": "北京時間",
        "Asia/Harbin": "北京時間",
        "PRC": "北京時間",
    },
}


# The reader's language: asked once per call of the functions below and handed on, since
# asking costs more than the writing (Django keeps the active language in an ``asgiref``
# local: about a microsecond to read).
reader = languages.current


# How OpenGraph names the languages (BCP 47 tags, for Atom's xml:lang, iCalendar's
# LANGUAGE and schema.org's inLanguage, are ``languages.TAGS``). Traditional characters are
# zh_HK: the site's readers of them are in Hong Kong and Macao (and its words, 港元 and
# 日圓, are Hong Kong's); OpenGraph knows no zh_MO.
OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN", "zh-hant": "zh_HK"}


def language_tag(code: str | None = None) -> str:
    """``zh-Hans`` for ``zh-hans``: the reader's language (or ``code``) as BCP 47 writes it."""
    return languages.TAGS[code or reader()]


# Numbers.


def plain_number(value: Decimal, grouped: bool = True) -> str:
    """``38.80`` → ``38.8``, ``5720.00`` → ``5,720`` (``5720`` when not ``grouped``)."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    if grouped:
        whole = f"{int(whole):,}"
    return f"{whole}.{fraction}" if fraction else whole


def scaled_number(value: Decimal, code: str | None = None) -> str:
    """Large numbers in words, as a press release writes them: ``38.8 billion``,
    ``388亿``; ``3.5万`` where that loses nothing (35,000), ``5,720`` as it is."""
    code = code or reader()
    if not is_chinese(code):
        for size, word in SCALES:
            if abs(value) >= size:
                return f"{plain_number(round(value / size, 2))} {word}"
        return plain_number(value)
    size_of = abs(value)
    for size, word in CHINESE_SCALES[code]:
        if size_of < size:
            continue
        scaled = value / size
        # From a million up, rounded as English rounds its millions; 万 below that
        # only when exact to two places (35,000 is 3.5万; 12,345 stays 12,345).
        if size_of >= MILLION or scaled == round(scaled, 2):
            return f"{plain_number(round(scaled, 2), grouped=False)}{word}"
        break
    return plain_number(value)


def with_currency(number: str, currency: str, code: str) -> str:
    if not currency:
        return number
    if is_chinese(code):
        return f"{number}{CHINESE_CURRENCIES[code].get(currency, currency)}"
    return f"{CURRENCY_SYMBOLS.get(currency, currency + ' ')}{number}"


def money_text(amount, currency: str = "") -> str:
    """An amount of money: ``US$1.2 billion``, ``12亿美元``."""
    if amount is None:
        return ""
    code = reader()
    return with_currency(scaled_number(Decimal(amount), code), currency, code)


def with_unit(number: str, unit: str, code: str) -> str:
    if not unit:
        return number
    if unit == "%":
        return f"{number}%"
    if is_chinese(code) and not unit[0].isascii():
        return f"{number}{unit}"  # 12公顷: no space before a Chinese word
    return f"{number} {unit}"


def key_figure_text(figure) -> str:
    """``more than 5,720``, ``US$38.8 billion``, ``about 12 hectares``; ``超过5,720``,
    ``388亿美元``, ``约12公顷``. The unit is read as the record gives it (in the reader's
    language when it has one)."""
    code = reader()
    number = scaled_number(Decimal(figure.value), code)
    number = with_currency(number, figure.currency, code)
    number = with_unit(number, figure.unit, code)
    word = QUALIFIERS[code].get(figure.qualifier, "") if figure.qualifier else ""
    if word:
        number = f"{word}{number}" if is_chinese(code) else f"{word} {number}"
    return number


# Dates.


def long_date(day: dt.date, code: str | None = None) -> str:
    """``8 February 2023``, ``2023年2月8日``."""
    if is_chinese(code or reader()):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# The name models/conferences.py knows it by.
day_month_year = long_date


def month_year(day: dt.date) -> str:
    """``February 2023``, ``2023年2月``."""
    if is_chinese(reader()):
        return f"{day.year}年{day.month}月"
    return f"{MONTHS[day.month - 1]} {day.year}"


def date_range_text(start: dt.date, end: dt.date | None) -> str:
    """``8 February 2023``, ``8–9 February 2023``, ``30 May – 2 June 2024``;
    ``2023年2月8日``, ``2023年2月8日至9日``, ``2024年5月30日至6月2日``."""
    code = reader()
    if not end or end == start:
        return long_date(start, code)
    if is_chinese(code):
        first = f"{start.year}年{start.month}月{start.day}日"
        if start.year != end.year:
            return f"{first}至{end.year}年{end.month}月{end.day}日"
        if start.month != end.month:
            return f"{first}至{end.month}月{end.day}日"
        return f"{first}至{end.day}日"
    month = MONTHS[end.month - 1]
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {month} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {end.day} {month} {end.year}"
    return f"{long_date(start, code)} – {long_date(end, code)}"


# Times and zones.

# (language, time) → (part of the day, "9:30"), from CLDR's ``Bh:mm``: at most 1,440
# times a language, each worked out once.
_chinese_times: dict[tuple[str, dt.time], tuple[str, str]] = {}


def chinese_time(code: str, moment: dt.time) -> tuple[str, str]:
    """``上午``, ``9:30``; ``中午``, ``12:00``; ``晚上``, ``7:30``."""
    key = (code, moment.replace(second=0, microsecond=0, tzinfo=None))
    found = _chinese_times.get(key)
    if found is None:
        clock = f"{(key[1].hour + 11) % 12 + 1}:{key[1].minute:02d}"
        period = babel_dates.format_time(key[1], "B", locale=BABEL_LOCALES[code])
        found = _chinese_times[key] = (period, clock)
    return found


def time_range_text(start: dt.time | None, end: dt.time | None, code: str | None = None) -> str:
    """``09:30–12:00``; ``上午9:30至中午12:00``, ``上午9:30至11:00`` (the part of the
    day said once when both ends share it); ``""`` without a start."""
    if not start:
        return ""
    code = code or reader()
    if not is_chinese(code):
        text = f"{start:%H:%M}"
        return f"{text}–{end:%H:%M}" if end else text
    period, clock = chinese_time(code, start)
    if not end:
        return f"{period}{clock}"
    end_period, end_clock = chinese_time(code, end)
    if end_period == period:
        return f"{period}{clock}至{end_clock}"
    return f"{period}{clock}至{end_period}{end_clock}"


_zone_names: dict[tuple[str, str], str] = {}


def zone_name(name: str, code: str | None = None) -> str:
    """``Asia/Macau`` → ``Macau time``, ``澳门时间``, ``澳門時間``; ``Asia/Shanghai`` →
    ``北京时间`` in Chinese."""
    key = (code or reader(), name)
    found = _zone_names.get(key)
    if found is None:
        found = _zone_names[key] = _zone_name(*key)
    return found


def _zone_name(code: str, name: str) -> str:
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    if not is_chinese(code):
        return f"{city} time"
    special = CHINESE_ZONE_NAMES[code].get(name)
    if special:
        return special
    try:
        city = babel_dates.get_timezone_location(name, locale=BABEL_LOCALES[code], return_city=True)
    except LookupError:  # a zone CLDR does not know: its own name
        pass
    return f"{city}{ZONE_WORD[code]}"


def times_and_zone(conference) -> str:
    """What follows a conference's days: ``, 09:30–17:30 (Macau time)``,
    ``，上午9:30至下午5:30（澳门时间）``; ``""`` when no time is set."""
    return _times_and_zone(
        reader(), conference.start_time, conference.end_time, conference.time_zone
    )


def _times_and_zone(code: str, start: dt.time | None, end: dt.time | None, zone: str) -> str:
    times = time_range_text(start, end, code)
    if not times:
        return ""
    if is_chinese(code):
        return f"，{times}（{zone_name(zone, code)}）"
    return f", {times} ({zone_name(zone, code)})"


def moment_text(moment: dt.datetime) -> str:
    """A moment in the site's zone, for staff: ``1 March 2099, 09:00 HKT`` (Django's
    ``j F Y, H:i e``), ``2099年3月1日上午9:00（香港时间）``."""
    local = timezone.localtime(moment)
    code = reader()
    if not is_chinese(code):
        return dateformat.format(local, "j F Y, H:i e")
    period, clock = chinese_time(code, local.time())
    zone = zone_name(timezone.get_current_timezone_name(), code)
    return f"{long_date(local.date(), code)}{period}{clock}（{zone}）"


def when_text(
    start_date: dt.date,
    end_date: dt.date | None = None,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    zone: str = "",
) -> str:
    """Days and times in the reader's words: ``18–19 November 2026, 09:30–17:30 (Macau
    time)``, ``2026年11月18日至19日，上午9:30至下午5:30（澳门时间）``."""
    code = reader()
    return date_range_text(start_date, end_date) + _times_and_zone(code, start_time, end_time, zone)
