from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q

from events.cards import related_list
from events.models import Conference, MediaItem, photo_owner_is_live
from events.views import PreviewableDetailView, PublicListView

from .filters import AgreementFilter
from .models import Agreement, Party, Signatory

# Made once (see events/cards.py).
PARTY_NAMES = related_list(
    Party.objects, "organization__name", order_by=("order", "id"), link="agreement"
)


def agreement_cards(agreements):
    """Agreements as ``partnerships/includes/agreement_card.html`` draws them: the
    columns shown and ``party_names``, in the parties' order."""
    return agreements.only("slug", "title", "kind", "signed_on").annotate(party_names=PARTY_NAMES)


class AgreementListView(PublicListView):
    noun, nouns = "agreement", "agreements"
    filterset_class = AgreementFilter
    template_name = "partnerships/agreement_list.html"
    cards = staticmethod(agreement_cards)

    def get_queryset(self):
        return Agreement.objects.published()


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
                Prefetch("photos", queryset=self.photos()),
                # Only a published conference may be named; a draft one stays hidden.
                Prefetch(
                    "conference",
                    queryset=Conference.objects.published(),
                    to_attr="published_conference",
                ),
            )
        )

    def photos(self):
        """The photos visitors see here: those of a live conference, and those with no
        conference (this agreement, live when a visitor sees the page, owns them). A
        draft conference's photo is left out, so the agreement cannot publish it. Staff
        previewing the page see every photo, the hidden ones marked."""
        shown = ExpressionWrapper(
            Q(conference__isnull=True) | photo_owner_is_live(), output_field=BooleanField()
        )
        photos = MediaItem.objects.annotate(shown_to_visitors=shown)
        if self.request.user.is_staff:
            return photos
        return photos.filter(shown_to_visitors=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        photos = list(self.object.photos.all())
        public_photos = [photo for photo in photos if photo.shown_to_visitors]
        context.update(photos=photos, og_image=public_photos[0] if public_photos else None)
        return context
