import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from events.sitemaps import ConferenceSitemap, OrganizationSitemap, PersonSitemap
from events.urls import organization_patterns, people_patterns
from partnerships.sitemaps import AgreementSitemap

from . import views
from .queryparams import reads_query

handler500 = views.server_error

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Content"

sitemaps = {
    "pages": views.StaticViewSitemap,
    "conferences": ConferenceSitemap,
    "agreements": AgreementSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
}

# The public pages, once per language: /en/, /zh-hans/, /zh-hant/. An address without
# the prefix (shared before there were languages) is sent to the visitor's language by
# config.middleware.LanguageMiddleware.
urlpatterns = i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("events/", include("events.urls")),
    path("people/", include(people_patterns)),
    path("organizations/", include(organization_patterns)),
    path("partnerships/", include("partnerships.urls")),
    prefix_default_language=True,
)

# Addresses that are the same in every language.
urlpatterns += [
    path("sitemap.xml", reads_query("p")(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path(settings.ADMIN_PATH, admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", views.media)
    )
