from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

# Drawn by the engine of the public pages.
FLOOR = engines["jinja2"].from_string(
    '{% extends "base.html" %}{% block title %}Floor{% endblock %}'
    "{% block content %}<h1>Floor</h1><p>The site's frame, no query.</p>{% endblock %}"
)


def baseline(request):
    """The least a Django view can do: what every page is measured against."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def floor(request):
    """The least a page of this site can do: the site's frame (header, navigation,
    footer) drawn by the template engine around one paragraph, without a query. No
    uncached page can beat it; it shows how much of a page's cost is the frame."""
    return HttpResponse(FLOOR.render({}, request))


urlpatterns = [
    path("bench/baseline/", baseline),
    path("bench/floor/", floor),
    *site_urlpatterns,
]
