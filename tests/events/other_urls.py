"""A URLconf other than the site's, for tests/events/test_links.py."""

from django.http import HttpResponse
from django.urls import include, path


def page(request, **kwargs):
    return HttpResponse()


events = ([path("conference/<uslug:slug>", page, name="detail")], "events")
urlpatterns = [path("elsewhere/", page, name="home"), path("elsewhere/", include(events))]
