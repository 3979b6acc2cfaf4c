"""Microseconds per call of the helpers that write dates, times and numbers, per language.

    .venv/bin/python -m bench.formats

They run for every card of a list page (a date range each) and every key figure, so
they must stay cheap in every language. No database: the records are built in memory.
Each helper is called ``NUMBER`` times per run, five runs, the fastest kept.
"""

import datetime as dt
import os
import timeit
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import translation  # noqa: E402

from events.models import Conference, KeyFigure  # noqa: E402
from events.templatetags import events as tags  # noqa: E402

NUMBER = 20_000


def cases():
    conference = Conference(
        title="Forum",
        start_date=dt.date(2026, 11, 18),
        end_date=dt.date(2026, 11, 19),
        start_time=dt.time(9, 30),
        end_time=dt.time(17, 30),
        time_zone="Asia/Macau",
    )
    across = Conference(start_date=dt.date(2024, 5, 30), end_date=dt.date(2024, 6, 2))
    figure = KeyFigure(value=Decimal("5720"), qualifier="more_than", label="projects")
    money = KeyFigure(value=Decimal("38800000000"), currency="USD", label="investment")
    return {
        "date_range (two days)": lambda: tags.date_range(conference),
        "date_range (two months)": lambda: tags.date_range(across),
        "time_range": lambda: tags.time_range(conference),
        "zone_label": lambda: tags.zone_label("Asia/Macau"),
        "key_figure (more than 5,720)": lambda: tags.key_figure(figure),
        "key_figure (US$38.8 billion)": lambda: tags.key_figure(money),
        "money": lambda: tags.money(Decimal("1200000000"), "HKD"),
    }


def main():
    codes = [code for code, _ in settings.LANGUAGES]
    print(f"{'helper':32}" + "".join(f"{code:>10}" for code in codes) + "   (µs per call)")
    for name, call in cases().items():
        row = []
        for code in codes:
            with translation.override(code):
                call()  # warm what is remembered per language
                best = min(timeit.repeat(call, number=NUMBER, repeat=5))
            row.append(best / NUMBER * 1e6)
        print(f"{name:32}" + "".join(f"{value:10.2f}" for value in row))


if __name__ == "__main__":
    main()
