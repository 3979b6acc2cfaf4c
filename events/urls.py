from django.urls import path

from . import (
    converters,  # noqa: F401  (registers the "uslug" converter)
    views,
)

app_name = "events"

urlpatterns = [
    path("<uslug:slug>/", views.ConferenceDetailView.as_view(), name="detail"),
]

people_patterns = (
    [path("<uslug:slug>/", views.PersonDetailView.as_view(), name="detail")],
    "people",
)

organization_patterns = (
    [path("<uslug:slug>/", views.OrganizationDetailView.as_view(), name="detail")],
    "organizations",
)
