"""Numbers as people write them: plain Python, for models, templates and feeds alike."""

import datetime as dt
from decimal import Decimal

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

SCALES = [
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
]


def plain_number(value: Decimal) -> str:
    """``38.80`` → ``38.8``, ``5720.00`` → ``5,720``."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    whole = f"{int(whole):,}"
    return f"{whole}.{fraction}" if fraction else whole


def scaled_number(value: Decimal) -> str:
    """Large numbers in words, as a press release writes them: ``38.8 billion``."""
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{plain_number(round(value / size, 2))} {word}"
    return plain_number(value)


def key_figure_text(figure) -> str:
    """``more than 5,720``, ``US$38.8 billion``, ``about 12 hectares``."""
    number = scaled_number(Decimal(figure.value))
    if figure.currency:
        number = f"{CURRENCY_SYMBOLS.get(figure.currency, figure.currency + ' ')}{number}"
    if figure.unit:
        number = f"{number} {figure.unit}" if figure.unit != "%" else f"{number}%"
    if figure.qualifier:
        number = f"{figure.get_qualifier_display()} {number}"
    return number


def day_month_year(day: dt.date) -> str:
    """``8 February 2023``."""
    return f"{day.day} {day:%B %Y}"
