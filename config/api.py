"""The read-only JSON API at ``/api/v1/``: the apps' routers, mounted here (config is
above both apps), with the OpenAPI 3.1 schema at ``/api/v1/schema/`` and its docs page
at ``/api/v1/docs/``, served from the site's own static files.

Errors answer ``{"error": {"status", "message", "fields"}}`` (events/api/errors.py),
whatever raised them: a filter value, a page out of range, a record not public, a
parameter of the wrong type."""

from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from events.api import conferences, organizations, people, topics
from events.api.errors import error_body
from partnerships.api import agreements

from .queryparams import filterset_parameters

api = NinjaAPI(
    title="Conferences and partnerships",
    version="1",
    description=(
        "Published conferences, agreements, people, organizations and topics, read-only. "
        "Every answer is in the language asked for with `?lang=en|zh-hans|zh-hant` or "
        "`Accept-Language` (else English)."
    ),
    urls_namespace="api",
    docs_url="/docs/",
    # No online validator: its badge is an image from another site (the CSP refuses it,
    # and visitors' browsers need not call out to anyone).
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_url="/schema/",
)
api.add_router("/conferences/", conferences.router)
api.add_router("/agreements/", agreements.router)
api.add_router("/people/", people.router)
api.add_router("/organizations/", organizations.router)
api.add_router("/topics/", topics.router)


def answer_error(request, status: int, message: str, fields: dict | None = None):
    return api.create_response(request, error_body(status, message, fields), status=status)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return answer_error(request, exc.status_code, str(exc), getattr(exc, "fields", None))


@api.exception_handler(Http404)
def not_found(request, exc):
    return answer_error(request, 404, "Not found.")


@api.exception_handler(ValidationError)
def invalid(request, exc):
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        name = str(error.get("loc", ["", ""])[-1])
        fields.setdefault(name, []).append(error.get("msg", "Invalid value."))
    return answer_error(request, 400, "Invalid query parameters.", fields)


def declared_parameters(view_func) -> frozenset[str]:
    """What a view reads of the query string: its own declaration
    (``events.api.pages.reads``) and its filter set's fields and sort."""
    names = set(getattr(view_func, "query_parameters", ()))
    filterset_class = getattr(view_func, "filterset_class", None)
    if filterset_class is not None:
        names |= filterset_parameters(filterset_class)
    return frozenset(names)


def urls():
    """The API's URL patterns, each told the query parameters its view reads (the site
    drops the rest: config/queryparams.py)."""
    patterns, app_name, namespace = api.urls
    views = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                views[getattr(operation, "url_name", None)] = operation.view_func
    for pattern in patterns:
        view_func = views.get(pattern.name)
        pattern.callback.query_parameters = (
            declared_parameters(view_func) if view_func else frozenset()
        )
    return patterns, app_name, namespace
