from django.urls import path

from . import converters, views  # noqa: F401  (converters registers "uslug")
from .feeds import ConferenceFeed

app_name = "events"

urlpatterns = [
    path("", views.ConferenceListView.as_view(), name="list"),
    path("feed/", ConferenceFeed(), name="feed"),
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("<uslug:slug>.ics", views.conference_ics, name="ics"),
    path("<uslug:slug>/", views.ConferenceDetailView.as_view(), name="detail"),
]

people_patterns = (
    [
        path("", views.PersonListView.as_view(), name="list"),
        path("<uslug:slug>/", views.PersonDetailView.as_view(), name="detail"),
    ],
    "people",
)

organization_patterns = (
    [
        path("", views.OrganizationListView.as_view(), name="list"),
        path("<uslug:slug>/", views.OrganizationDetailView.as_view(), name="detail"),
    ],
    "organizations",
)
