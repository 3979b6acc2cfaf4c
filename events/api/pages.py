"""Page-number pagination for the API's lists: ``?page=`` and ``?page_size=``.

The answer is ``{"count", "next", "previous", "results"}``, ``next`` and ``previous``
being whole addresses (the request's, with another ``page``). The order always ends with
the key, so that no record falls between two pages or shows on both. A page past the
last is a 404 and a page that is not a number a 400, as the public lists give them."""

from django.core.paginator import Paginator
from ninja import Field, Schema

from ..compiled import given
from ..versions import remember
from ..views import card_reader
from .answers import answered
from .errors import bad_request, not_found

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
KEYS = frozenset({"pk", "-pk", "id", "-id"})
# The query parameters every list reads besides its filters.
PAGE_PARAMETERS = ("page", "page_size", "lang")


class LanguageQuery(Schema):
    """What every answer reads of the query string (the schema shows it)."""

    lang: str | None = Field(
        None, description="en, zh-hans or zh-hant; else the first of Accept-Language; else en"
    )


class PageQuery(LanguageQuery):
    """What every list reads of the query string besides its filters."""

    page: int | None = Field(None, description="From 1; a page past the last is a 404")
    page_size: int | None = Field(
        None, description=f"{PAGE_SIZE} unless given; at most {MAX_PAGE_SIZE}"
    )


def positive_number(request, name: str, default: int) -> int:
    value = request.GET.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise bad_request(
            f"{name} must be a whole number of 1 or more.", {name: ["Enter a whole number ≥ 1."]}
        )
    return number


def page_size(request) -> int:
    size = positive_number(request, "page_size", PAGE_SIZE)
    if size > MAX_PAGE_SIZE:
        raise bad_request(
            f"page_size may be at most {MAX_PAGE_SIZE}.",
            {"page_size": [f"Ensure this value is at most {MAX_PAGE_SIZE}."]},
        )
    return size


def stable(queryset):
    """``queryset`` in its order, ties broken by the key (in the direction of the first
    sort key, as the public lists' ``SortFilter`` breaks them)."""
    ordering = [str(o) for o in (queryset.query.order_by or queryset.model._meta.ordering)]
    if ordering and ordering[-1] in KEYS:
        return queryset
    tie = "-pk" if ordering and ordering[0].startswith("-") else "pk"
    return queryset.order_by(*ordering, tie)


def address(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


# What a list's count does not depend on.
NOT_COUNTED = frozenset({"page", "page_size", "sort", "lang"})


def remembered_count(request, paginator) -> int:
    """The count of the list's rows, kept until content next changes, as the pages keep
    theirs (events/views.py ``RememberedCountPaginator``): on a large archive the count
    reads every matching row, a page only twenty."""
    filters = sorted(
        (key, value)
        for key, values in request.GET.lists()
        if key not in NOT_COUNTED
        for value in values
    )
    name = f"api-count:{request.path_info}:{filters!r}"  # (one address in every language)
    return remember(name, lambda: Paginator.count.func(paginator), request)


def paginate(request, queryset, read, cards=None) -> dict:
    """The requested page of ``queryset`` as the answer's paging keys, its ``results``
    made by ``read(rows)`` from the page's rows (the queryset's prefetches run for those
    rows only). ``queryset`` may be a list already in its order (a short one sorted in
    Python: the topics in pinyin order).

    ``cards``: as the public lists read a page (events/views.py ``card_reader``), first
    the keys of its rows in the list's order, then those rows as ``cards`` shapes them,
    in a query built and compiled once per process."""
    number = positive_number(request, "page", 1)
    rows = stable(queryset) if hasattr(queryset, "query") else queryset
    paginator = Paginator(rows, page_size(request))
    count = paginator.count = remembered_count(request, paginator)
    if number > max(paginator.num_pages, 1):
        raise not_found(f"Page {number} is past the last page ({paginator.num_pages}).")
    bottom = (number - 1) * paginator.per_page
    if cards is None:
        rows = list(paginator.object_list[bottom : bottom + paginator.per_page])
    else:
        keys = list(rows.values_list("pk", flat=True)[bottom : bottom + paginator.per_page])
        read_rows = given(card_reader(cards, rows.model), keys=keys)
        by_key = {row.pk: row for row in read_rows}
        rows = [by_key[key] for key in keys if key in by_key]  # (deleted in between: gone)
    return {
        "count": count,
        "next": address(request, number + 1) if bottom + len(rows) < count else None,
        "previous": address(request, number - 1) if number > 1 else None,
        "results": read(rows),
    }


def list_answer(request, response, schema, code: str, queryset, summary, cards):
    """A list's answer (``schema``): its ``language`` and the requested page of
    ``queryset``, the page's rows read as ``cards`` shapes them and each told by
    ``summary(request, row)``."""
    page = paginate(request, queryset, lambda rows: [summary(request, r) for r in rows], cards)
    return answered(response, schema, {"language": code, **page})


def reads(*names: str, filterset=None):
    """Declares the query parameters a view reads, besides those of ``filterset``
    (whose fields and sort config/api.py names, as it does for a page): the site drops
    the others before the view runs (config/queryparams.py)."""

    def declare(view):
        view.query_parameters = frozenset(names)
        view.filterset_class = filterset
        return view

    return declare


def filtered(request, filterset_class, queryset):
    """``queryset`` through the public list's filter set (the same filters, search and
    sort as the page); a value the page would ignore and explain is a 400 naming the
    fields, with the filter's own messages."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        fields = {name: [str(m) for m in messages] for name, messages in filterset.errors.items()}
        raise bad_request(f"Invalid filter: {', '.join(fields)}.", fields)
    return filterset.qs
