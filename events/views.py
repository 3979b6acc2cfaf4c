from django.views.generic import DetailView

from .models import Conference, Organization, Person


class PreviewableDetailView(DetailView):
    """Visitors see published records only; staff may preview drafts at the same URL."""

    slug_url_kwarg = "slug"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.is_staff:
            return queryset
        return queryset.published()


class ConferenceDetailView(PreviewableDetailView):
    model = Conference


class PersonDetailView(DetailView):
    model = Person

    def get_queryset(self):
        return Person.objects.public()


class OrganizationDetailView(DetailView):
    model = Organization

    def get_queryset(self):
        return Organization.objects.public()
