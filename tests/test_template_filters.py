"""The public templates' ``date`` filter (config/templating.py) writes what Django's does."""

import datetime as dt

from django.template import defaultfilters

from config.templating import date


def test_a_dates_iso_form_is_the_one_django_writes():
    for day in [
        dt.date(2024, 2, 29),
        dt.date(1999, 12, 31),
        dt.date(987, 1, 2),
        dt.date(2200, 1, 1),
    ]:
        assert date(day, "Y-m-d") == defaultfilters.date(day, "Y-m-d")
    moment = dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.UTC)  # another day in Hong Kong
    assert date(moment, "Y-m-d") == defaultfilters.date(moment, "Y-m-d")
    assert date(None, "Y-m-d") == ""
