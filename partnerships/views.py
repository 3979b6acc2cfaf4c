from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from events.cards import related_list
from events.languages import columns, only
from events.models import MediaItem, Topic, photo_owner_is_live
from events.prebuilt import built_once
from events.views import PERSON_NAMED, PHOTO_SHOWN, PreviewableDetailView, PublicListView

from .filters import AgreementFilter
from .models import Agreement, AgreementDocument, Party, Signatory

# Made once (see events/cards.py).
PARTY_NAMES = related_list(
    Party.objects, texts=("organization__name",), order_by=("order", "id"), link="agreement"
)


@built_once
def every_published_agreement():
    return Agreement.objects.published()


def agreement_cards(agreements):
    """Agreements as ``agreement_card`` (partnerships/includes/cards.html) draws them: the
    columns shown and ``party_names``, in the parties' order."""
    return only(agreements, "slug", "title", "kind", "signed_on").annotate(party_names=PARTY_NAMES)


class AgreementListView(PublicListView):
    noun, nouns = _("agreement"), _("agreements")
    filterset_class = AgreementFilter
    template_name = "partnerships/agreement_list.html"
    cards = staticmethod(agreement_cards)

    def get_queryset(self):
        return every_published_agreement()


class AgreementDetailView(PreviewableDetailView):
    model = Agreement

    def build_queryset(self):
        return (
            super()
            .build_queryset()
            .prefetch_related(
                Prefetch(
                    "parties",
                    queryset=Party.objects.select_related("organization").only(
                        "agreement_id", "role", "organization__slug", *columns("organization__name")
                    ),
                ),
                Prefetch(
                    "signatories",
                    queryset=Signatory.objects.select_related(
                        "person", "party__organization", "position__organization"
                    ).only(
                        "agreement_id",
                        "role",
                        *columns("party__organization__name"),
                        *columns("position__title"),
                        *columns("position__organization__name"),
                        *PERSON_NAMED,
                    ),
                ),
                Prefetch(
                    "documents",
                    queryset=only(
                        AgreementDocument.objects,
                        "agreement_id",
                        "title",
                        "file",
                        "url",
                        "language",
                    ),
                ),
                Prefetch("topics", queryset=only(Topic.objects, "slug", "name")),
                Prefetch("photos", queryset=self.photos()),
            )
            # The conference it was signed at, in the same query: named only if live.
            .select_related("conference")
            .defer("conference__summary", "conference__body", "conference__search_text")
        )

    def get_object(self, queryset=None):
        agreement = super().get_object(queryset)
        # Only a published conference may be named; a draft one stays hidden.
        conference = agreement.conference
        agreement.published_conference = conference if conference and conference.is_live else None
        return agreement

    def photos(self):
        """The photos visitors see here: those of a live conference, and those with no
        conference (this agreement, live when a visitor sees the page, owns them). A
        draft conference's photo is left out, so the agreement cannot publish it. Staff
        previewing the page see every photo, the hidden ones marked."""
        shown = ExpressionWrapper(
            Q(conference__isnull=True) | photo_owner_is_live(), output_field=BooleanField()
        )
        photos = only(MediaItem.objects, *PHOTO_SHOWN).annotate(shown_to_visitors=shown)
        if self.request.user.is_staff:
            return photos
        return photos.filter(shown_to_visitors=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        photos = list(self.object.photos.all())
        public_photos = [photo for photo in photos if photo.shown_to_visitors]
        context.update(photos=photos, og_image=public_photos[0] if public_photos else None)
        return context
