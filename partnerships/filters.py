import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from events.filters import (
    SHOWN_OPTIONS,
    SearchFilter,
    ShownChoicesFilterSet,
    SlugChoiceFilter,
    SortFilter,
    YearFilter,
    organization_options,
    public_organizations,
    public_topic_choices,
    published_conferences,
    topic_options,
)
from events.models import Conference

from .models import Agreement, Party


def latest_conferences_with_agreements() -> list[tuple[str, str]]:
    agreements = Agreement.objects.published().filter(conference=OuterRef("pk"))
    return list(
        Conference.objects.published()
        .filter(Exists(agreements))
        .order_by("-start_date", "-pk")
        .values_list("slug", "title")[:SHOWN_OPTIONS]
    )


class AgreementFilter(ShownChoicesFilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Agreement.Kind.choices, empty_label=_("Any kind")
    )
    organization = SlugChoiceFilter(
        label=_("Party"),
        queryset=public_organizations,
        method="by_party",
        empty_label=_("Any organization"),
        shown=organization_options,
    )
    year = YearFilter(field_name="signed_on", lookup_expr="year", label=_("Year signed"))
    topic = SlugChoiceFilter(
        label=_("Topic"),
        queryset=public_topic_choices,
        field_name="topics",
        empty_label=_("Any topic"),
        shown=topic_options,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Agreement.Status.choices, empty_label=_("Any status")
    )
    conference = SlugChoiceFilter(
        label=_("Conference"),
        queryset=published_conferences,
        empty_label=_("Any conference"),
        shown=latest_conferences_with_agreements,
    )
    sort = SortFilter.by_date_or_title("signed_on")

    class Meta:
        model = Agreement
        fields = ["q", "kind", "organization", "year", "topic", "status", "conference"]

    def by_party(self, queryset, name, organization):
        return queryset.filter(
            Exists(Party.objects.filter(agreement=OuterRef("pk"), organization=organization))
        )
