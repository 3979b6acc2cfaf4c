import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from django.views import defaults

from events.sitemaps import ConferenceSitemap, OrganizationSitemap, PersonSitemap
from events.urls import organization_patterns, people_patterns
from partnerships.sitemaps import AgreementSitemap

from . import views
from .api import urls as api_urls
from .api_http import with_head
from .jsonerrors import api_aware
from .queryparams import reads_query

handler500 = views.server_error
# Under /api/, JSON (config/jsonerrors.py, whose middleware covers every other error).
handler400 = api_aware(views.bad_request, 400)
handler403 = api_aware(defaults.permission_denied, 403)
handler404 = api_aware(defaults.page_not_found, 404)

# In the admin's language (the visitor's: config/middleware.py), the default site name
# translated as the public pages' frame translates it.
admin.site.site_header = lazy(lambda: gettext(settings.SITE_NAME), str)()
admin.site.site_title = lazy(
    lambda: gettext("%(site)s admin") % {"site": gettext(settings.SITE_NAME)}, str
)()
admin.site.index_title = gettext_lazy("Content")

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
    # The sitemap index (what robots.txt names), and each section's pages: ``?p=2``...
    # (events/sitemaps.py says how large a page is).
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        reads_query("p")(sitemap_views.sitemap),
        {"sitemaps": sitemaps, "template_name": "sitemaps/page.xml"},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    # The JSON API (config/api.py): one address for every language, asked for in the
    # request (``?lang=``, Accept-Language), so outside the prefixed pages.
    path("api/v1/", with_head(api_urls())),
    path(settings.ADMIN_PATH, admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", views.media)
    )
