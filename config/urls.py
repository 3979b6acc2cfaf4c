from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from events.urls import organization_patterns, people_patterns

admin.site.site_header = "Conferences and partnerships"
admin.site.site_title = "Conferences and partnerships admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("events/", include("events.urls")),
    path("people/", include(people_patterns)),
    path("organizations/", include(organization_patterns)),
    path("partnerships/", include("partnerships.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
