from django.urls import path

from events import converters  # noqa: F401  (registers the "uslug" converter)

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.AgreementListView.as_view(), name="list"),
    path("<uslug:slug>/", views.AgreementDetailView.as_view(), name="detail"),
]
