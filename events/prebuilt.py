"""Querysets built once per process and copied for each use.

Building a queryset with the correlated subqueries that say what is public (``live()``,
``any_exists``) costs more than copying it: about 1.8 ms of the conference list went to
building the menus' querysets (public organizations, public people) that the page
then never runs. They hold no time: ``live()`` reads the clock when the query is
compiled (``ClockNow``), so a queryset built at the first request still answers by the
clock of the request that runs it.
"""

import datetime as dt
import functools
from collections.abc import Callable
from typing import TypeVar

from django.db.models import QuerySet

from .compiled import compile_once
from .languages import current

T = TypeVar("T", bound=QuerySet)


def built_once(build: Callable[[], T]) -> Callable[[], T]:
    """``build()`` run at the first call in each language; each call gets a fresh copy
    (``.all()``) of its queryset, so filtering or running the copy leaves the built one
    as it was.

    Once per language: a queryset of a translated model names the active language's
    columns where it is built (an order by ``name`` is an order by ``name_zh_hans``)."""
    built: dict[str, T] = {}

    @functools.wraps(build)
    def copy() -> T:
        code = current()
        queryset = built.get(code)
        if queryset is None:
            queryset = built[code] = compile_once(build())
        return queryset.all()

    return copy


def built_for_each_day(build: Callable[[dt.date], T]) -> Callable[[dt.date], T]:
    """``built_once`` for a queryset that holds a date (``past(today)``): ``build(day)``
    run at the first call of each day, only the latest day's kept; each call gets a fresh
    copy."""
    built: dict[dt.date, T] = {}

    @functools.wraps(build)
    def copy(day: dt.date) -> T:
        queryset = built.get(day)
        if queryset is None:
            queryset = compile_once(build(day))
            built.clear()
            built[day] = queryset
        return queryset.all()

    return copy


def built_per_language(build: Callable[[str], T]) -> Callable[[], T]:
    """``built_once`` for a build that takes the language's code (a list in its reader's
    order): ``build(code)`` run at the first call in each language."""
    return functools.wraps(build)(built_once(lambda: build(current())))
