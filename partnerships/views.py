from django.db.models import Prefetch

from events.models import Conference
from events.views import PreviewableDetailView, PublicListView

from .filters import AgreementFilter
from .models import Agreement, Party, Signatory


class AgreementListView(PublicListView):
    filterset_class = AgreementFilter
    template_name = "partnerships/agreement_list.html"

    def get_queryset(self):
        return (
            Agreement.objects.published()
            .select_related("conference")
            .prefetch_related(
                Prefetch("parties", queryset=Party.objects.select_related("organization"))
            )
        )


class AgreementDetailView(PreviewableDetailView):
    model = Agreement

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("parties", queryset=Party.objects.select_related("organization")),
                Prefetch(
                    "signatories",
                    queryset=Signatory.objects.select_related(
                        "person", "party__organization", "position__organization"
                    ),
                ),
                "documents",
                "topics",
                "photos",
                # Only a published conference may be named; a draft one stays hidden.
                Prefetch(
                    "conference",
                    queryset=Conference.objects.published(),
                    to_attr="published_conference",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        photos = list(self.object.photos.all())
        context.update(photos=photos, og_image=photos[0] if photos else None)
        return context
