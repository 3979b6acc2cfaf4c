from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def baseline(request):
    """The least a Django view can do: what every page is measured against."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/baseline/", baseline), *site_urlpatterns]
