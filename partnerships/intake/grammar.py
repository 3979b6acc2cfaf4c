"""Small grammars for what press releases say: dates, times, amounts, figures, names, posts.

Each is a regular expression or a short function over one phrase, tested on its own
(tests/partnerships/test_intake_grammar.py); ``read.py`` puts them together. Nothing here
reaches the network or the database.
"""

import calendar
import datetime as dt
import re
from decimal import Decimal

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:19|20)\d\d"
DASH = r"\s*(?:-|–|—|to|through|until|and)\s*"

# "Feb. 8, 2023", "February 8-10, 2024", "March 30 to April 2, 2024"
MONTH_FIRST = re.compile(
    rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:,?\s*(?P<y1>{YEAR}))?"
    rf"(?:{DASH}(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY})\b)?(?:,?\s*(?P<y2>{YEAR}))?"
)
# "8 February 2023", "8-10 June 2024", "30 March to 2 April 2024"
DAY_FIRST = re.compile(
    rf"\b(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?(?:\s+(?P<y1>{YEAR}))?"
    rf"{DASH}(?P<d2>{DAY})\s+(?P<m2>{MONTH})(?:,?\s*(?P<y2>{YEAR}))?"
    rf"|\b(?P<d0>{DAY})\s+(?:of\s+)?(?P<m0>{MONTH})(?:,?\s*(?P<y0>{YEAR}))?"
)
ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b")
CHINESE_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


def month_number(word: str) -> int:
    return MONTHS[word.strip(".").lower()[:3]]


def day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str, year: int) -> list[tuple[int, int, dt.date, dt.date | None]]:
    """Each date or range of dates in the text: (start, end, first day, last day or None).
    A date without a year takes ``year`` (the release's)."""
    found = []
    taken = []
    for match in MONTH_FIRST.finditer(text):
        y = int(match["y2"] or match["y1"] or year)
        first = safe_date(int(match["y1"] or y), month_number(match["m1"]), day_number(match["d1"]))
        last = None
        if match["d2"]:
            month = month_number(match["m2"]) if match["m2"] else month_number(match["m1"])
            last = safe_date(y, month, day_number(match["d2"]))
        if first:
            found.append((match.start(), match.end(), first, last))
            taken.append((match.start(), match.end()))
    for match in DAY_FIRST.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if match["d0"]:
            first = safe_date(
                int(match["y0"] or year), month_number(match["m0"]), day_number(match["d0"])
            )
            last = None
        else:
            y = int(match["y2"] or year)
            last = safe_date(y, month_number(match["m2"]), day_number(match["d2"]))
            month = month_number(match["m1"] or match["m2"])
            first = safe_date(int(match["y1"] or y), month, day_number(match["d1"]))
        if first:
            found.append((match.start(), match.end(), first, last))
    for pattern in (ISO_DATE, CHINESE_DATE):
        for match in pattern.finditer(text):
            first = safe_date(int(match["y"] or year), int(match["m"]), int(match["d"]))
            if first:
                found.append((match.start(), match.end(), first, None))
    return sorted(found)


def first_date(text: str) -> dt.date | None:
    """The first date the text gives ("2026-05-13", "May 13, 2026"; one without a year is
    in 1900), or None, also when the date is no date ("2026-13-45")."""
    dates = dates_in(text, 1900)
    return dates[0][2] if dates else None


TIME = (
    r"(?P<h{n}>[01]?\d|2[0-3])(?::(?P<min{n}>[0-5]\d)|\.(?P<dot{n}>[0-5]\d)(?=\s*[ap]\.?m))?\s*"
    r"(?P<ap{n}>a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|noon\b)?"
)
TIME_RANGE = re.compile(
    rf"(?<![\d,.$])\b{TIME.format(n=1)}(?:\s*(?:-|–|to|until)\s*{TIME.format(n=2)})?(?!\d|,\d|%)"
)


def clock(hour: str, minute: str | None, meridiem: str | None) -> str | None:
    h = int(hour)
    half = (meridiem or "").lower().replace(".", "")
    if half == "pm" and h < 12:
        h += 12
    if half == "am" and h == 12:
        h = 0
    if h > 23:
        return None
    return f"{h:02d}:{int(minute or 0):02d}"


def times_in(text: str) -> list[tuple[int, int, str, str | None]]:
    """Clock times ("9:30 a.m.", "2 p.m.", "14:00–17:30"): (start, end, first, last or None).
    A bare number is a time only with a colon or a.m./p.m."""
    found = []
    for match in TIME_RANGE.finditer(text):
        first_is_time = match["min1"] or match["ap1"]
        second_is_time = match["h2"] and (match["min2"] or match["ap2"])
        minute1, minute2 = match["min1"] or match["dot1"], match["min2"] or match["dot2"]
        if not (first_is_time or second_is_time):
            continue
        # "9 to 11 a.m.": the first takes the second's half of the day
        first = clock(match["h1"], minute1, match["ap1"] or match["ap2"])
        last = clock(match["h2"], minute2, match["ap2"]) if second_is_time else None
        if first:
            found.append((match.start(), match.end(), first, last))
    return found


# Money: "US$38.8 billion", "RMB 3 billion", "HK$500 million", "3 billion yuan", "€20m"
CURRENCY_PREFIXES = {
    "us$": "USD", "usd": "USD", "$": "USD", "hk$": "HKD", "hkd": "HKD", "rmb": "CNY",
    "cny": "CNY", "mop$": "MOP", "mop": "MOP", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "s$": "SGD", "sgd": "SGD", "jpy": "JPY", "jp¥": "JPY",
}  # fmt: skip
CURRENCY_SUFFIXES = {
    "yuan": "CNY", "renminbi": "CNY", "us dollars": "USD", "u.s. dollars": "USD",
    "hong kong dollars": "HKD", "euros": "EUR", "patacas": "MOP", "yen": "JPY",
    "singapore dollars": "SGD",
}  # fmt: skip
SCALES = {
    "thousand": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6, "billion": 10**9,
    "bn": 10**9, "b": 10**9, "trillion": 10**12,
}  # fmt: skip
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
PREFIX = r"US\$|USD|HK\$|HKD|RMB|CNY|MOP\$|MOP|€|EUR|£|GBP|S\$|SGD|JPY|JP¥|\$"
SCALE = r"thousand|million|billion|trillion|bn|mn|m|b"
SUFFIX = r"yuan|renminbi|U\.?S\.? dollars|Hong Kong dollars|euros|patacas|yen|Singapore dollars"
# "a 12-billion-yuan base": an amount written as one word, with hyphens
AMOUNT = re.compile(
    rf"(?P<prefix>{PREFIX})\s?(?P<number>{NUMBER})(?:[\s-]?(?P<scale>{SCALE})\b)?"
    rf"|(?<![\w$])(?P<number2>{NUMBER})(?:[\s-]?(?P<scale2>{SCALE})\b)?[\s-](?P<suffix>{SUFFIX})\b"
)


def amount(match: re.Match) -> tuple[Decimal, str]:
    """A matched amount as (value, ISO currency)."""
    number = match["number"] or match["number2"]
    scale = (match["scale"] or match["scale2"] or "").lower()
    value = Decimal(number.replace(",", "")) * SCALES.get(scale, 1)
    if match["prefix"]:
        currency = CURRENCY_PREFIXES[match["prefix"].lower()]
    else:
        currency = CURRENCY_SUFFIXES[match["suffix"].lower().replace("u.s.", "u.s.")]
    return value, currency


def parse_amount(text: str) -> tuple[Decimal, str] | None:
    match = AMOUNT.search(text)
    return amount(match) if match else None


def decimal_text(value: Decimal) -> str:
    """A value as the facts write it: "38800000000", "12.5"."""
    text = format(value.normalize(), "f")
    return text


QUALIFIERS = {
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "exceeding": "more_than", "in excess of": "more_than", "upwards of": "more_than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "at least": "at_least", "no less than": "at_least",
    "no fewer than": "at_least", "up to": "up_to", "less than": "less_than",
    "fewer than": "less_than", "under": "less_than",
}  # fmt: skip
QUALIFIER = "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%", "hectares": "hectares",
    "square meters": "square meters", "square metres": "square metres", "sq m": "sq m",
    "square kilometers": "square kilometers", "km": "km", "kilometers": "kilometers",
    "tonnes": "tonnes", "tons": "tons", "TEUs": "TEUs", "TEU": "TEU", "MW": "MW", "GW": "GW",
    "metric tons": "metric tons", "twenty-foot equivalent units": "TEUs",
    "twenty-foot equivalent units (TEUs)": "TEUs", "gigawatts": "GW", "megawatts": "MW",
    "GWh": "GWh", "MWh": "MWh", "kWh": "kWh", "kilometres": "kilometres",
    "square kilometres": "square kilometres", "square feet": "square feet", "acres": "acres",
    "barrels": "barrels", "cubic metres": "cubic metres", "cubic meters": "cubic meters",
}  # fmt: skip
UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
# The words after a figure that say what it counts end at these, or at a verb ("-ed").
LABEL_STOP = {
    "are", "is", "were", "was", "have", "has", "had", "will", "would", "can", "could",
    "which", "that", "who", "with", "from", "in", "to", "by", "on", "at", "as", "for",
    "while", "including", "since", "during", "this", "these", "those", "its", "their", "per",
    "last", "next", "already", "also", "now", "currently", "recently", "jointly", "each",
    "a", "an", "the", "or", "than", "worth", "under", "into", "across", "over", "between",
}  # fmt: skip
FIGURE = re.compile(
    rf"(?:(?P<qualifier>(?i:{QUALIFIER}))\s+)?"
    rf"(?:(?P<money>(?:{PREFIX})\s?(?:{NUMBER})(?:\s?(?:{SCALE})\b)?"
    rf"|(?<![\w$])(?:{NUMBER})(?:\s?(?:{SCALE})\b)?\s(?:{SUFFIX})\b)"
    rf"|(?<![\w$.,/:-])(?P<number>{NUMBER})(?:\s?(?P<scale>million|billion|thousand)\b)?"
    rf"(?:\s?(?P<unit>{UNIT})(?![\w]))?)"
)
SUBJECT_VERB = re.compile(
    r"\b(?P<verb>reached|totaled|totalled|amounted\s+to|stood\s+at|exceeded|hit|surpassed|"
    r"topped|grew\s+to|rose\s+to|covers|covered|was|were|of|worth|valued\s+at)\s*$"
)


VERBS = {
    "saw", "drew", "attracted", "signed", "reached", "featured", "showcased", "made", "held",
    "launched", "announced", "included", "brought", "generated", "created", "covered",
    "achieved", "recorded", "became", "won", "took", "gave", "set", "sealed", "hit",
}  # fmt: skip


def label_after(rest: str, money: bool) -> str:
    """What a figure counts, from the words after it: "Hong Kong-funded projects", "of
    actual funds received"; up to a verb, a stop word or the end of the clause."""
    words = re.match(r"[^,;.:!?()\"“”]*", rest).group().split()
    found: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        following = words[index + 1] if index + 1 < len(words) else ""
        if index == 0 and money and lower in ("of", "in") and following[:1].isalpha():
            found.append(word)
            continue
        if lower == "and":
            if (
                len(found) == 1
                and found[0][:1].isupper()
                and following[:1].isupper()
                and following.lower() not in LABEL_STOP
            ):
                found.append(word)  # "German and European business representatives"
                continue
            verb = following.lower() in VERBS or re.fullmatch(r"[a-z]+ed", following)
            if following[:1].islower() and following.lower() not in LABEL_STOP and not verb:
                found.append(word)
                continue
            break
        if lower in LABEL_STOP or lower in QUALIFIERS or not word[:1].isalpha():
            break
        of_label = found and found[0].lower() in ("of", "in")
        if index > 0 and re.fullmatch(r"[a-z]+ed", word) and not of_label:
            break
        if index > 0 and lower in VERBS:
            break  # "60 events drew …": what they did is no part of what they are
        found.append(word)
        if len(found) >= 7:
            break
    while found and found[-1].lower() in ("and", "of", "or", "in"):
        found.pop()
    return " ".join(found)


def label_before(before: str) -> str:
    """What a figure counts, from the words before it: "trade between Jiangsu and the UK
    reached …", "with a total value of …"."""
    match = SUBJECT_VERB.search(before)
    if not match:
        return ""
    head = re.split(r"[,;:]|\bthat\b", before[: match.start()])[-1]
    if match["verb"] == "of":
        head = re.split(r"\b(?:with|at|for|by|in|on|from|to|an?|the)\b", head)[-1]
    if match["verb"] in ("worth", "valued at"):
        head = " ".join(head.split()[-1:])
    head = re.sub(r"^\s*(?:the|a|an|its|their|his|her)\s+", "", head, flags=re.IGNORECASE)
    # "exports of specialty foods had reached …": the tense is no part of what is counted
    head = re.sub(
        r"(?:\s+(?:had|has|have|was|were|is|are|been|will|would|had\s+been))+\s*$", "", head
    )
    return " ".join(head.split()[-8:])


def figure_value(match: re.Match) -> tuple[Decimal, str, str]:
    """A matched figure as (value, currency, unit)."""
    if match["money"]:
        value, currency = amount(AMOUNT.search(match["money"]))
        return value, currency, ""
    value = Decimal(match["number"].replace(",", "")) * SCALES.get(
        (match["scale"] or "").lower(), 1
    )
    return value, "", UNITS.get(match["unit"] or "", match["unit"] or "")


def last_day(year: int, month: int = 12) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# A city → its IANA zone (the canonical names; Macao's is Asia/Macau).
CITY_ZONES = {
    "Hong Kong": "Asia/Hong_Kong", "Macao": "Asia/Macau", "Macau": "Asia/Macau",
    "Beijing": "Asia/Shanghai", "Shanghai": "Asia/Shanghai", "Nanjing": "Asia/Shanghai",
    "Shenzhen": "Asia/Shanghai", "Guangzhou": "Asia/Shanghai", "Hangzhou": "Asia/Shanghai",
    "Suzhou": "Asia/Shanghai", "Wuxi": "Asia/Shanghai", "Chengdu": "Asia/Shanghai",
    "Chongqing": "Asia/Shanghai", "Wuhan": "Asia/Shanghai", "Xi'an": "Asia/Shanghai",
    "Tianjin": "Asia/Shanghai", "Xiamen": "Asia/Shanghai", "Qingdao": "Asia/Shanghai",
    "Zhuhai": "Asia/Shanghai", "Foshan": "Asia/Shanghai", "Dongguan": "Asia/Shanghai",
    "Haikou": "Asia/Shanghai", "Sanya": "Asia/Shanghai", "Ningbo": "Asia/Shanghai",
    "Hefei": "Asia/Shanghai", "Changsha": "Asia/Shanghai", "Kunming": "Asia/Shanghai",
    "Nanning": "Asia/Shanghai", "Fuzhou": "Asia/Shanghai", "Jinan": "Asia/Shanghai",
    "Zhengzhou": "Asia/Shanghai", "Shenyang": "Asia/Shanghai", "Dalian": "Asia/Shanghai",
    "Harbin": "Asia/Shanghai", "Taipei": "Asia/Taipei", "Singapore": "Asia/Singapore",
    "Kuala Lumpur": "Asia/Kuala_Lumpur", "Bangkok": "Asia/Bangkok",
    "Jakarta": "Asia/Jakarta", "Manila": "Asia/Manila", "Hanoi": "Asia/Bangkok",
    "Ho Chi Minh City": "Asia/Ho_Chi_Minh", "Tokyo": "Asia/Tokyo", "Osaka": "Asia/Tokyo",
    "Seoul": "Asia/Seoul", "Dubai": "Asia/Dubai", "Abu Dhabi": "Asia/Dubai",
    "Riyadh": "Asia/Riyadh", "Doha": "Asia/Qatar", "London": "Europe/London",
    "Paris": "Europe/Paris", "Frankfurt": "Europe/Berlin", "Berlin": "Europe/Berlin",
    "Zurich": "Europe/Zurich", "Milan": "Europe/Rome", "Madrid": "Europe/Madrid",
    "New York": "America/New_York", "Washington": "America/New_York",
    "San Francisco": "America/Los_Angeles", "Los Angeles": "America/Los_Angeles",
    "Vancouver": "America/Vancouver", "Toronto": "America/Toronto",
    "Sydney": "Australia/Sydney", "Melbourne": "Australia/Melbourne",
    # more cities of the mainland (one zone), then of the world
    "Shijiazhuang": "Asia/Shanghai", "Taiyuan": "Asia/Shanghai", "Hohhot": "Asia/Shanghai",
    "Changchun": "Asia/Shanghai", "Nanchang": "Asia/Shanghai", "Guiyang": "Asia/Shanghai",
    "Lanzhou": "Asia/Shanghai", "Xining": "Asia/Shanghai", "Yinchuan": "Asia/Shanghai",
    "Urumqi": "Asia/Shanghai", "Lhasa": "Asia/Shanghai", "Yantai": "Asia/Shanghai",
    "Weifang": "Asia/Shanghai", "Weihai": "Asia/Shanghai", "Wenzhou": "Asia/Shanghai",
    "Shantou": "Asia/Shanghai", "Zhongshan": "Asia/Shanghai", "Jiangmen": "Asia/Shanghai",
    "Huizhou": "Asia/Shanghai", "Zhaoqing": "Asia/Shanghai", "Quanzhou": "Asia/Shanghai",
    "Nantong": "Asia/Shanghai", "Changzhou": "Asia/Shanghai", "Yangzhou": "Asia/Shanghai",
    "Xuzhou": "Asia/Shanghai", "Luoyang": "Asia/Shanghai", "Yiwu": "Asia/Shanghai",
    "Jinhua": "Asia/Shanghai", "Shaoxing": "Asia/Shanghai", "Zhoushan": "Asia/Shanghai",
    "Kashgar": "Asia/Shanghai", "Baotou": "Asia/Shanghai", "Tangshan": "Asia/Shanghai",
    "Guilin": "Asia/Shanghai", "Liuzhou": "Asia/Shanghai", "Beihai": "Asia/Shanghai",
    "Zhanjiang": "Asia/Shanghai", "Mianyang": "Asia/Shanghai", "Yichang": "Asia/Shanghai",
    "Kaohsiung": "Asia/Taipei", "Taichung": "Asia/Taipei", "Tainan": "Asia/Taipei",
    "Yokohama": "Asia/Tokyo", "Nagoya": "Asia/Tokyo", "Kyoto": "Asia/Tokyo",
    "Kobe": "Asia/Tokyo", "Fukuoka": "Asia/Tokyo", "Sapporo": "Asia/Tokyo",
    "Niigata": "Asia/Tokyo", "Sendai": "Asia/Tokyo", "Hiroshima": "Asia/Tokyo",
    "Busan": "Asia/Seoul", "Incheon": "Asia/Seoul", "Daegu": "Asia/Seoul",
    "Penang": "Asia/Kuala_Lumpur", "Johor Bahru": "Asia/Kuala_Lumpur",
    "George Town": "Asia/Kuala_Lumpur", "Kuching": "Asia/Kuching",
    "Kota Kinabalu": "Asia/Kuching", "Cebu": "Asia/Manila",
    "Surabaya": "Asia/Jakarta", "Bali": "Asia/Makassar", "Phnom Penh": "Asia/Phnom_Penh",
    "Sihanoukville": "Asia/Phnom_Penh", "Vientiane": "Asia/Vientiane",
    "Yangon": "Asia/Yangon", "Da Nang": "Asia/Ho_Chi_Minh", "Dhaka": "Asia/Dhaka",
    "Colombo": "Asia/Colombo", "Kathmandu": "Asia/Kathmandu", "New Delhi": "Asia/Kolkata",
    "Mumbai": "Asia/Kolkata", "Bengaluru": "Asia/Kolkata", "Bangalore": "Asia/Kolkata",
    "Chennai": "Asia/Kolkata", "Karachi": "Asia/Karachi", "Islamabad": "Asia/Karachi",
    "Lahore": "Asia/Karachi", "Tashkent": "Asia/Tashkent", "Almaty": "Asia/Almaty",
    "Astana": "Asia/Almaty", "Bishkek": "Asia/Bishkek", "Ulaanbaatar": "Asia/Ulaanbaatar",
    "Baku": "Asia/Baku", "Tehran": "Asia/Tehran", "Jeddah": "Asia/Riyadh",
    "Kuwait City": "Asia/Kuwait", "Muscat": "Asia/Muscat", "Manama": "Asia/Bahrain",
    "Amman": "Asia/Amman", "Tel Aviv": "Asia/Jerusalem", "Istanbul": "Europe/Istanbul",
    "Ankara": "Europe/Istanbul", "Cairo": "Africa/Cairo", "Casablanca": "Africa/Casablanca",
    "Nairobi": "Africa/Nairobi", "Mombasa": "Africa/Nairobi", "Addis Ababa": "Africa/Addis_Ababa",
    "Lagos": "Africa/Lagos", "Abuja": "Africa/Lagos", "Accra": "Africa/Accra",
    "Johannesburg": "Africa/Johannesburg", "Cape Town": "Africa/Johannesburg",
    "Dar es Salaam": "Africa/Dar_es_Salaam", "Moscow": "Europe/Moscow",
    "St Petersburg": "Europe/Moscow", "Saint Petersburg": "Europe/Moscow",
    "Vladivostok": "Asia/Vladivostok", "Hamburg": "Europe/Berlin", "Munich": "Europe/Berlin",
    "Düsseldorf": "Europe/Berlin", "Duesseldorf": "Europe/Berlin", "Cologne": "Europe/Berlin",
    "Bremen": "Europe/Berlin", "Stuttgart": "Europe/Berlin", "Vienna": "Europe/Vienna",
    "Prague": "Europe/Prague", "Budapest": "Europe/Budapest", "Warsaw": "Europe/Warsaw",
    "Rome": "Europe/Rome", "Turin": "Europe/Rome", "Venice": "Europe/Rome",
    "Barcelona": "Europe/Madrid", "Valencia": "Europe/Madrid", "Lisbon": "Europe/Lisbon",
    "Porto": "Europe/Lisbon", "Amsterdam": "Europe/Amsterdam", "Rotterdam": "Europe/Amsterdam",
    "Brussels": "Europe/Brussels", "Antwerp": "Europe/Brussels", "Geneva": "Europe/Zurich",
    "Basel": "Europe/Zurich", "Stockholm": "Europe/Stockholm", "Copenhagen": "Europe/Copenhagen",
    "Oslo": "Europe/Oslo", "Helsinki": "Europe/Helsinki", "Dublin": "Europe/Dublin",
    "Edinburgh": "Europe/London", "Manchester": "Europe/London", "Birmingham": "Europe/London",
    "Athens": "Europe/Athens", "Piraeus": "Europe/Athens", "Belgrade": "Europe/Belgrade",
    "Budva": "Europe/Podgorica", "Bucharest": "Europe/Bucharest", "Sofia": "Europe/Sofia",
    "Ljubljana": "Europe/Ljubljana", "Koper": "Europe/Ljubljana", "Zagreb": "Europe/Zagreb",
    "Minsk": "Europe/Minsk", "Kyiv": "Europe/Kyiv", "Luxembourg": "Europe/Luxembourg",
    "Chicago": "America/Chicago", "Houston": "America/Chicago", "Dallas": "America/Chicago",
    "Seattle": "America/Los_Angeles", "Boston": "America/New_York", "Miami": "America/New_York",
    "Atlanta": "America/New_York", "Montreal": "America/Toronto",
    "Mexico City": "America/Mexico_City",
    "São Paulo": "America/Sao_Paulo", "Sao Paulo": "America/Sao_Paulo",
    "Rio de Janeiro": "America/Sao_Paulo", "Buenos Aires": "America/Argentina/Buenos_Aires",
    "Santiago": "America/Santiago", "Lima": "America/Lima", "Bogotá": "America/Bogota",
    "Bogota": "America/Bogota", "Auckland": "Pacific/Auckland", "Wellington": "Pacific/Auckland",
    "Brisbane": "Australia/Brisbane", "Perth": "Australia/Perth", "Adelaide": "Australia/Adelaide",
    "Canberra": "Australia/Sydney",
}  # fmt: skip
# Chinese mainland cities: their mayor works for "<City> Municipal People's Government".
MAINLAND = {city for city, zone in CITY_ZONES.items() if zone == "Asia/Shanghai"}


# People: "Chen Zhichang", "Patrick Lau", "Dr. Zhang Wei", "Lau Shing-hon"
HONORIFIC = (
    r"(?:Mr|Ms|Mrs|Miss|Madam|Madame|Dr|Prof|Professor|Sir|Dame|Datuk Seri|Datuk|Dato' Sri|"
    r"Dato'|Dato|Datin|Tan Sri|Puan Sri|Tun|Captain|Capt|Cllr|The Honourable|Hon|"
    r"His Excellency|Her Excellency|H\.E|Eng|Engr|Ir|Rector|Mdm)\.?"
)
# Latin letters with accents as names write them ("José", "Yıldırım", "Öztürk")
UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
LOWER = "a-zß-öø-ÿĀ-ž"
# (Hong Kong writes a surname in capitals before a hyphenated given name: "LO Chun-kit")
NAME_WORD = (
    rf"(?:[{UPPER}][{LOWER}]+(?:-[a-zA-Z][{LOWER}]*)?|[A-Z]{{2,}}(?=\s+[A-Z][a-z]+-[a-z]+\b))"
)
PERSON_NAME = rf"(?:{HONORIFIC}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}"
NOT_NAME_WORDS = {
    "macao", "macau", "china", "the", "on", "at", "in", "group", "government",
    "council", "committee", "bank", "city", "province", "provincial", "municipal", "ltd",
    "governor", "minister", "consul", "ambassador", "premier", "vice", "deputy", "professor",
    "commissioner", "councillor", "chancellor", "provost", "dean",
    "limited", "company", "corporation", "association", "forum", "conference", "centre",
    "co", "corp", "inc", "llc", "plc",
    "center", "caption", "photo", "mayor", "secretary", "chairman", "director", "president",
    "chief", "general", "party", "people", "national", "belt",
    "road", "bay", "area", "greater", "summit", "expo", "fair", "week", "day", "chinese",
    "asia", "pacific", "global", "international", "world", "new", "south", "north", "east",
    "west", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "during", "after", "before", "among",
    "according", "meanwhile", "also", "both", "under", "with", "and", "its", "their",
    "singapore", "shanghai", "beijing", "nanjing", "shenzhen", "guangzhou", "jiangsu",
    "guangdong", "zhejiang", "hangzhou", "suzhou", "chengdu", "wuhan", "xiamen", "fujian",
    "hainan", "sichuan", "investment", "trade", "development", "promotion", "cooperation",
    "strategic", "ceremony", "panel", "session", "university", "institute", "holdings",
    "authority", "bureau", "department", "office", "commission", "chamber", "federation",
    "college", "academy", "school", "systems", "services", "solutions", "consulting",
    "secretariat", "terminals", "logistics", "technology", "technologies", "industries",
    "securities", "insurance", "capital", "foundation", "society", "alliance", "museum",
    "hospital", "airlines", "airport", "zone", "partners", "hotel", "club", "exchange",
    "agency", "ministry", "energy", "water", "rail", "foods", "trading",
}  # fmt: skip


def clean_name(name: str) -> str:
    """The name without its honorific, a surname in capitals as a name is written ("Kenneth
    LO Chun-kit" → "Kenneth Lo Chun-kit")."""
    name = re.sub(rf"^{HONORIFIC}\s+", "", name).strip()
    return re.sub(
        r"\b([A-Z])([A-Z]+)\b(?=\s+[A-Z][a-z]+-[a-z]+\b)", lambda m: m[1] + m[2].lower(), name
    )


def is_name(name: str) -> bool:
    name = clean_name(name)
    words = re.findall(r"[^\W\d_]+", name)  # letters, accented ones too
    return (
        2 <= len(words) <= 4
        and not any(word.lower() in NOT_NAME_WORDS for word in words)
        and "Hong Kong" not in name
    )


# (A hyphenated title, "Vice-Chairman", "Director-General", is its two words joined by
# [\s-]: listed whole as well, each could be read two ways, and a run of them took time
# doubling with each title.)
# Posts: "Mayor of Nanjing", "Member of the Standing Committee of the Jiangsu Provincial
# Party Committee and Secretary of the Nanjing Municipal Party Committee"
TITLE_WORDS = (
    r"Premier|Councillor|Councilor|Economist|Chancellor|Envoy|Vice|Deputy|Executive|Assistant|Acting|Honorary|Permanent|Senior|Chief|Party|Founding|"
    r"Co-|Mayor|Governor|Secretary|Member|Chairman|Chairwoman|Chairperson|Chair|President|"
    r"Director|Minister|Commissioner|Consul|Ambassador|Head|CEO|CFO|COO|CTO|"
    r"Managing|General|Founder|Partner|Principal|Dean|Professor|Adviser|Advisor|Counsellor|"
    r"Counselor|Manager|Officer|Representative|Speaker|"
    r"Under|Undersecretary|Legislative|Standing|Leader|Convenor|Trustee|"
    r"Academician|Fellow|Rector|Provost"
)
POST_START = re.compile(rf"^(?:the\s+)?(?:{TITLE_WORDS})\b")
ORGANIZATION_WORDS = (
    r"Government|Council|Committee|Group|Association|Bureau|Commission|Department|Ministry|"
    r"Office|Corporation|Company|Co\.|Ltd\.?|Limited|Inc\.?|Bank|Chamber|Authority|Agency|"
    r"University|Institute|Federation|Fund|Holdings|Alliance|Administration|Center|Centre|"
    r"Foundation|Exchange|Society|Board|Congress|CPPCC|League|Union|Port|Airport|Airlines|"
    r"Airways|Industries|Industry|Enterprises|Technologies|Technology|Trust|Capital|"
    r"Partners|Investments|Securities|Insurance|Logistics|Energy|Motors|Pharmaceutical|"
    r"Consulate|Consulate-General|Embassy|Zone|Park|Hospital|School|Organization|Organisation|"
    r"Properties|Development|Cloud|Holding|Branch|Systems|Solutions|Services|"
    r"Consulting|Academy|College|Secretariat|Terminals|Sub-Council|Network|Media|Partnership|"
    r"GmbH|Berhad|Bhd|Plc|plc|Pte"
)
# Company forms, in one table: written with full stops inside ("Iberia Selecta S.L.",
# "Luka Koper d.d."), abbreviated with a full stop ("Co., Ltd.", "Sdn. Bhd."), or bare
# ("Falcon Bay Ports Holding PJSC", "GmbH").
DOTTED_FORMS = ("S.A", "N.V", "S.L", "B.V", "K.K", "d.d", "S.p.A", "A.G")
ABBREVIATED_FORMS = ("Co", "Ltd", "Inc", "Corp", "Bhd", "Sdn", "Pte", "Pty", "Plc", "LLC")
BARE_FORMS = ("PJSC", "A/S", "AG", "SE", "GmbH", "Ltda", "Ltd", "Limited", "plc", "PLC", "AB",
              "ASA", "Oyj", "Bhd", "Sdn Bhd", "LLC", "Inc", "Joint Stock Company", "JSC",
              "Lda")  # fmt: skip


def _forms(forms: tuple[str, ...]) -> str:
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)


# a company's form that ends with a full stop: its commas and full stops end no post
COMPANY_FORM = rf"(?:{_forms(ABBREVIATED_FORMS)}|{_forms(DOTTED_FORMS)})\."
# a company's form written without a full stop
BARE_FORM = rf"(?:{_forms(BARE_FORMS)})\b"
# a company's form with full stops, which may end a name
DOTTED_FORM = rf"(?:{_forms(DOTTED_FORMS)}|Pte\.\s*Ltd|Sdn\.\s*Bhd)\.?"
ORGANIZATION_END = re.compile(
    rf"(?:\b(?:{ORGANIZATION_WORDS})|\b[A-Z]{{2,}}\b|\)|(?<!\w){DOTTED_FORM})$"
)
# "HKTDC", "PolyU", "DSEDT": an acronym, or a word with a capital inside
ORGANIZATION_WORD = re.compile(
    rf"\b(?:{ORGANIZATION_WORDS})\b|\b[A-Z]{{2,}}s?\b|\b[A-Z][a-z]+[A-Z]\w*\b"
)


def looks_like_organization(text: str) -> bool:
    """Whether a capitalized phrase names an organization rather than a place."""
    text = text.strip()
    return bool(text) and text[0].isupper() and bool(ORGANIZATION_WORD.search(text))


COUNTRIES = {
    "China", "Singapore", "Malaysia", "Thailand", "Indonesia", "Vietnam", "Japan", "Korea",
    "the UK", "UK", "United Kingdom", "Britain", "France", "Germany", "Italy", "Spain",
    "Portugal", "Brazil", "Australia", "Canada", "the US", "United States", "Saudi Arabia",
    "Cambodia", "Laos", "Myanmar", "the Philippines", "Philippines", "India", "Pakistan",
    "Bangladesh", "Sri Lanka", "Nepal", "Kazakhstan", "Uzbekistan", "Mongolia", "Turkey",
    "Türkiye", "Egypt", "Kenya", "Nigeria", "South Africa", "Ethiopia", "Morocco", "Russia",
    "the Netherlands", "Netherlands", "Belgium", "Switzerland", "Austria", "Sweden",
    "Norway", "Denmark", "Finland", "Ireland", "Greece", "Poland", "Hungary", "Serbia",
    "Slovenia", "Croatia", "Czech Republic", "Romania", "Bulgaria", "Mexico", "Argentina",
    "Chile", "Peru", "Colombia", "New Zealand", "Qatar", "Kuwait", "Oman", "Bahrain",
    "Israel", "Jordan", "Iran", "South Korea", "Republic of Korea", "Brunei", "Luxembourg",
    "the UAE", "UAE", "Mainland China", "the Mainland", "Hong Kong Special Administrative Region",
    "Hong Kong SAR", "Macao Special Administrative Region", "Macao SAR", "HKSAR",
}  # fmt: skip

# The other sovereign states, so that a country is never read as an organization.
COUNTRIES |= {
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Armenia",
    "Azerbaijan", "the Bahamas", "Bahamas", "Barbados", "Belarus", "Belize", "Benin", "Bhutan",
    "Bolivia", "Bosnia and Herzegovina", "Botswana", "Burkina Faso", "Burundi", "Cabo Verde",
    "Cape Verde", "Cameroon", "Central African Republic", "Chad", "Comoros", "Congo",
    "Costa Rica", "Côte d'Ivoire", "Ivory Coast", "Cuba", "Cyprus", "Czechia", "Djibouti",
    "Dominica", "Dominican Republic", "Ecuador", "El Salvador", "Equatorial Guinea",
    "Eritrea", "Estonia", "Eswatini", "Fiji", "Gabon", "the Gambia", "Gambia", "Georgia",
    "Ghana", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras",
    "Iceland", "Iraq", "Jamaica", "Kiribati", "Kyrgyzstan", "Latvia", "Lebanon", "Lesotho",
    "Liberia", "Libya", "Liechtenstein", "Lithuania", "Madagascar", "Malawi", "Maldives",
    "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius", "Micronesia", "Moldova",
    "Monaco", "Montenegro", "Mozambique", "Namibia", "Nauru", "Nicaragua", "Niger",
    "North Macedonia", "Palau", "Panama", "Papua New Guinea", "Paraguay", "Rwanda",
    "Saint Lucia", "Samoa", "San Marino", "Senegal", "Seychelles", "Sierra Leone",
    "Slovakia", "Solomon Islands", "Somalia", "South Sudan", "Sudan", "Suriname", "Syria",
    "Tajikistan", "Tanzania", "Timor-Leste", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia",
    "Turkmenistan", "Tuvalu", "Uganda", "Ukraine", "Uruguay", "Vanuatu", "Venezuela", "Yemen",
    "Zambia", "Zimbabwe", "Sri Lanka", "Saudi Arabia", "Kazakhstan",
}  # fmt: skip


def is_place(text: str) -> bool:
    """A city, a province or a country, which a post names but no organization is."""
    text = re.sub(r"^the\s+", "", text.strip())
    return (
        text in CITY_ZONES
        or text in COUNTRIES
        or f"the {text}" in COUNTRIES
        or bool(re.fullmatch(r"[A-Z][a-z]+\s+(?:Province|City|District|County)", text))
    )


# The words whose "of" names them: "Department of …", "Ministry of …", "Bureau of …"
NAMED_OF = re.compile(
    r"\b(?:Department|Ministry|Bureau|Commission|Academy|Institute|Chamber|"
    r"University|Federation|Association|Secretariat)$"
)
TITLE_ONLY = re.compile(rf"(?:(?:{TITLE_WORDS})\b[\s-]*)+")
# "Chief Technology Officer", "Vice President (Research and Innovation)": a title that
# begins and ends with a title's word (or a bracket), its field in between
FULL_TITLE = re.compile(
    rf"(?:{TITLE_WORDS})\b(?:\s+[A-Z][\w&-]*){{0,3}}\s+(?:(?:{TITLE_WORDS})\b|\([^()]+\))"
)


def split_post(post: str) -> tuple[str, str]:
    """A post as (title, organization): split at the last "of (the)" whose right side
    names an organization ("Member of the Standing Committee | Jiangsu Provincial Party
    Committee"), or after a title alone ("President | AstraZeneca China"); "Mayor of
    Nanjing" stays whole, as Nanjing is a place, and so does "Minister of Commerce"."""
    post = re.sub(r"^(?:an?|the)\s+", "", post.strip())
    if re.match(r"^(?:(?:Vice|Deputy|Assistant)\s+)?Minister\s+(?:of|for)\s+", post):
        return post, ""
    envoy = re.match(r"^.+?\s+of\s+(?:the\s+)?(?P<state>.+?)\s+(?:to|in)\s+[A-Z]", post)
    if envoy and (
        is_place(envoy["state"]) or re.match(r"(?:People's|Republic|Kingdom)\b", envoy["state"])
    ):
        # "Ambassador of the People's Republic of China to Kenya", "Consul General of
        # Japan in Vancouver": a state's envoy, whose post names no organization
        return post, ""
    anaphoric = ANAPHORIC_POST.match(post)
    if anaphoric:  # the organization in lower case, for the reader to find by its words
        return anaphoric["title"].strip(), "the " + anaphoric["org"]
    acronym = re.search(r"\s*\((?P<short>[A-Z][A-Za-z]*[A-Z])\)$", post)
    if acronym:
        # "deputy governor of the Tourism Authority of Thailand (TAT)": the name the
        # acronym spells is the organization, a place in it or not
        bare = post[: acronym.start()]
        for cut in re.finditer(r"\s+(?:of|at|with)\s+(?:the\s+)?", bare):
            words = bare[cut.end() :].split()
            if "".join(w[0] for w in words if w[0].isupper()) == acronym["short"]:
                return bare[: cut.start()].strip(), bare[cut.end() :].strip()
    unit = re.match(
        rf"^(?P<title>(?:(?:{TITLE_WORDS})\b[\s-]*)+)\s+of\s+(?:the\s+)?"
        r"(?P<org>(?:Department|Bureau|Division|Office|Secretariat|Institute|School|Faculty|"
        r"Centre|Center)\s+of\s+.+\s+of\s+(?:the\s+)?(?=[A-Z])[^()]*?\b"
        r"(?:Ministry|Government|Commission|State\s+Council)\b.*)$",
        post,
    )
    if unit and looks_like_organization(unit["org"]):
        # "Director-General of the Department of … of the Ministry of Commerce": a unit
        # of a ministry or government is named with it (a university's school is not)
        return unit["title"].strip(), unit["org"].strip()
    cuts = list(re.finditer(r"\s+(?:of|at|with)\s+(?:the\s+)?", post))
    # "Head of Asia at Banca Milano", "Partner at Harbour & Co. Consulting": a post "at"
    # a capitalized name works there, whatever words the name has
    at = [cut for cut in cuts if cut.group().split()[0] == "at"]
    if at:
        title, organization = post[: at[-1].start()].strip(), post[at[-1].end() :].strip()
        if (
            re.match(rf"^(?:the\s+)?(?i:{TITLE_WORDS})\b", title)
            and organization[:1].isupper()
            and not is_place(organization)
            and " at " not in title
        ):
            return title, organization
    for cut in reversed(cuts):
        organization = post[cut.end() :].strip()
        if NAMED_OF.search(post[: cut.start()]) and cut.group().split()[0] == "of":
            continue  # "Department of Industry and Information Technology" is one name
        if looks_like_organization(organization) and not is_place(organization):
            return post[: cut.start()].strip(), organization
    if post[:1].islower() and re.match(rf"(?i:{TITLE_WORDS})\b", post):
        # "managing director of Red Brick Pictures", "member of the management board of
        # Luka Koper": a post in lower case, then a capitalized name (a newspaper's style)
        for cut in reversed(cuts):
            organization = post[cut.end() :].strip()
            if organization[:1].isupper() and not is_place(organization):
                return post[: cut.start()].strip(), organization
    if cuts:
        title, organization = post[: cuts[0].start()], post[cuts[0].end() :].strip()
        if (
            (TITLE_ONLY.fullmatch(title) or FULL_TITLE.fullmatch(title))
            and organization[:1].isupper()
            and not is_place(organization)
        ):
            return title.strip(), organization
    # "HKTDC Deputy Executive Director", "China Merchants Group Chairman"
    leading = re.match(rf"^(?P<org>.+?)\s+(?P<title>(?:(?:{TITLE_WORDS})\b\s*)+.*)$", post)
    if leading and looks_like_organization(leading["org"]) and not POST_START.match(post):
        # "Manchester City Council's Executive Member for …": the council, not its "'s"
        return leading["title"].strip(), re.sub(r"['’]s$", "", leading["org"].strip())
    return post, ""


def split_posts(posts: str) -> list[tuple[str, str]]:
    """Several posts joined by "and", each holding its own "of …" ("Member of … and
    Secretary of …"); "Chairman and CEO of X" is one post."""
    parts = re.split(rf"\s+and\s+(?=(?:the\s+)?(?:{TITLE_WORDS})\b)", posts.strip())
    found = []
    for part in parts:
        title, organization = split_post(part)
        if found and not re.search(r"\s(?:of|at)\s", found[-1][0] + " ") and not found[-1][1]:
            # "Chairman and CEO of X": the first part had no organization of its own
            previous = found.pop()[0]
            title, organization = f"{previous} and {title}", organization
        found.append((title, organization))
    return found


# A post at an organization the release named before, in lower case: "director of the
# administrative committee", "deputy director of the zone's administrative committee",
# "the group's chairman" (see ``Reader.named_before``).
ANAPHORIC_POST = re.compile(
    rf"^(?:an?\s+)?(?P<title>(?i:(?:{TITLE_WORDS})[\s-]*)+)\s+of\s+the\s+"
    r"(?P<org>(?:[a-z]+['’]s\s+)?[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,3})$"
)


def looks_like_post(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 250:
        return False
    if POST_START.match(text):
        return True
    # newswire style, in lower case: "deputy director-general of the Yunnan Provincial …"
    if re.match(rf"^(?:an?\s+)?(?i:(?:{TITLE_WORDS})[\s-]*)+\s+of\s+(?:the\s+)?[A-Z]", text):
        return True
    # "member of the management board of Luka Koper": a title's words, then its organization
    if re.match(
        rf"^(?:an?\s+)?(?i:(?:{TITLE_WORDS}))\b[^,;]{{0,60}}\s+of\s+(?:the\s+)?[A-Z]", text
    ):
        return True
    # "director of the zone's administrative committee": an organization named before
    if ANAPHORIC_POST.match(text):
        return True
    # "head of business development at Vogel Diagnostics GmbH"
    if re.match(rf"^(?:an?\s+)?(?i:(?:{TITLE_WORDS}))\b[^,;]*\s+at\s+(?:the\s+)?[A-Z]", text):
        return True
    title, organization = split_post(text)
    return bool(organization) and bool(re.search(rf"\b(?:{TITLE_WORDS})\b", title))


# Words an "and" inside a name joins: "Science and Technology", "Convention and Exhibition".
PAIRED = {
    "Science", "Trade", "Economic", "Economy", "Convention", "Exhibition", "Investment",
    "Technology", "Technological", "Culture", "Cultural", "Development", "Research",
    "Education", "Industry", "Industrial", "Commerce", "Finance", "Financial", "Tourism",
    "Planning", "Reform", "Transport", "Housing", "Innovation", "Information", "Health",
    "Arts", "Sports", "Media", "Import", "Export", "Shipping", "Port", "Land", "Resources",
    "Exchanges", "Clearing", "Parks", "Commercial",
}  # fmt: skip


COMPANY_END = re.compile(rf"\b{COMPANY_FORM}$")


def company_stop(name: str) -> str:
    """A name without the spaces and full stop around it, but with the full stop a
    company's form ends with ("Klang Bay Terminals Sdn. Bhd.", "Vinhos Douro Norte, S.A.")."""
    name = name.strip(" ")
    return name if COMPANY_END.search(name) else name.strip(" .")


def continues_name(name: str, piece: str) -> bool:
    """Whether ``piece``, after a comma, goes on a list inside ``name``: the name ends in
    "of" and a field ("Bureau of Culture", "… Export of Foodstuffs") and the piece names
    no organization of its own ("Radio", "Native Produce", "Animal By-Products (CFNA)")."""
    if not re.search(r"\bof\s+(?:[A-Z][\w-]*)(?:,\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)*$", name):
        return False
    bare = re.sub(r"\s*\([^()]*\)$", "", piece.strip())
    return (
        bool(bare)
        and bare[:1].isupper()
        and len(bare.split()) <= 3
        and not bare.startswith("The ")
        and not ORGANIZATION_WORD.search(bare)
        and not ORGANIZATION_END.search(bare)
    )


def split_list(text: str) -> list[str]:
    """ "A, B and the C" → ["A", "B", "C"]; an "and" inside a name ("Hong Kong Convention
    and Exhibition Centre", "Lo & Partners") is kept when the words before it do not end
    a name."""
    text = re.sub(r"^(?:both|jointly|the)\s+", "", text.strip(), flags=re.IGNORECASE)
    # a short name in quotes or a stock code in brackets is no part of the list:
    # "Nam Van Holdings Limited ("Nam Van" or "the Group", HKEX: 2917)"
    text = re.sub(r"\s*\([^()]*(?:[\"“]|\b[A-Z]{2,6}\s*:\s*\d)[^()]*\)", "", text)
    text = re.sub(r"\bCo\.,\s*Ltd\b", "Co.~Ltd", text)
    text = re.sub(r",\s*(S\.A\.|N\.V\.|Inc\.|LLC)", r"~\1", text)
    pieces = [piece for piece in re.split(r"\s*[,;]\s*(?:and\s+)?", text) if piece]
    found = []
    for piece in pieces:
        parts = re.split(r"\s+and\s+", piece)
        if found and continues_name(found[-1], parts[0]):
            # "Bureau of Culture, Radio, Television and Tourism": the list inside a name
            found[-1] = f"{found[-1]}, {parts[0]}"
            while len(parts) > 1 and continues_name(found[-1], parts[1]):
                found[-1] = f"{found[-1]} and {parts[1]}"
                parts = parts[1:]
            parts = parts[1:]
            if not parts:
                continue
        current = parts[0]
        for part in parts[1:]:
            bare = re.sub(r"^the\s+", "", part)
            if (
                not part.startswith("the ")
                and not ORGANIZATION_END.search(current)
                and " of " not in current
                and ORGANIZATION_END.search(bare)
                and len(current.split()) <= 3
                and len(bare.split()) <= 3
                and not re.search(r"\b(?:Mr|Ms|Mrs|Dr|Prof)\b", current)
            ):
                # "China Ports and Harbours Association", "Hong Kong and Macao Affairs
                # Office": one name, whose first words name no organization alone
                current = f"{current} and {part}"
                continue
            if re.search(r"\bbetween\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?$", current):
                # "Forum for … Co-operation between China and Portuguese-speaking
                # Countries": the two a name is between belong to it
                current = f"{current} and {part}"
                continue
            if bare[:1].islower():  # "… and the trade ministries of …": no name
                break
            paired = current.split()[-1] in PAIRED and bare.split()[0] in PAIRED
            if bare[:1].isupper() and (
                part.startswith("the ")
                or (
                    not paired
                    and (
                        ORGANIZATION_END.search(current)
                        or (len(current.split()) >= 2 and len(bare.split()) >= 2)
                        # "Kenya and …", "InvestPenang and …", "ABEXA and …": a place, a
                        # one-word name or an acronym is a whole name
                        or is_place(current)
                        or re.fullmatch(r"[A-Z]{2,}|[A-Z][a-z]+[A-Z]\w*", current)
                    )
                )
            ):
                found.append(current)
                current = bare
            else:
                current = f"{current} and {part}"
        found.append(current)
    return [
        re.sub(r"^the\s+", "", company_stop(piece))
        .replace("Co.~Ltd", "Co., Ltd")
        .replace("~", ", ")
        for piece in found
        if piece.strip(" .")
    ]
