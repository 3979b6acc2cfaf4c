from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Agreements")
    # Its rows make the public pages: a change retires cached pages (config/pagecache.py).
    content = True

    def ready(self):
        from django.db.models import OuterRef

        from events.admin_site import register_admin_tool
        from events.choices import quick_choice_labels
        from events.models import (
            Conference,
            MediaItem,
            Organization,
            Person,
            Topic,
            live,
            register_photo_showing,
            register_public_mention,
            register_published_record_use,
        )
        from events.sections import register_page_section
        from events.services import register_merge_step

        from . import agreement_search, sections, services
        from .intake import views as intake
        from .models import Agreement, Party, Signatory

        quick_choice_labels(*self.get_models())

        # An agreement's search text holds its parties' and signatories' text.
        agreement_search.connect()

        def live_agreements_showing_photo():
            # Answered from the index on the photo column of the link table.
            return Agreement.photos.through.objects.filter(
                live("agreement__"), mediaitem=OuterRef("pk")
            )

        # A photo without a conference of its own is public where a live agreement shows it.
        register_photo_showing(live_agreements_showing_photo)

        # Agreements show photos, topics, parties and signatories: tell events, which
        # guards what published records show but does not know agreements.
        is_published = Agreement.PublicationStatus.PUBLISHED
        published = {"publication_status": is_published}
        register_published_record_use(
            MediaItem, lambda item: Agreement.objects.filter(photos=item, **published).exists()
        )
        register_published_record_use(
            Topic, lambda topic: Agreement.objects.filter(topics=topic, **published).exists()
        )
        register_published_record_use(
            Organization,
            lambda organization: Party.objects.filter(
                organization=organization, agreement__publication_status=is_published
            ).exists(),
        )
        register_published_record_use(
            Person,
            lambda person: Signatory.objects.filter(
                person=person, agreement__publication_status=is_published
            ).exists(),
        )

        # A person or organization named by a live agreement is public.
        register_public_mention(
            "Organization",
            lambda ref: Party.objects.filter(live("agreement__"), organization=ref),
        )
        register_public_mention(
            "Person", lambda ref: Signatory.objects.filter(live("agreement__"), person=ref)
        )
        register_public_mention(
            "Topic",
            lambda ref: Agreement.topics.through.objects.filter(live("agreement__"), topic=ref),
        )

        # Merging two people or two organizations moves the parties and signatures too.
        register_merge_step(Organization, services.move_parties)
        register_merge_step(Person, services.move_signatures)

        # Agreements on the conference, person and organization pages.
        register_page_section(Conference, sections.CONFERENCE_AGREEMENTS)
        register_page_section(Person, sections.PERSON_AGREEMENTS)
        register_page_section(Organization, sections.ORGANIZATION_AGREEMENTS)

        # "New from a press release", on the admin's index and the changelists of what
        # it makes.
        register_admin_tool(
            _("New from a press release"),
            intake.URL_NAME,
            intake.may_use,
            models=[Conference, Agreement],
        )
