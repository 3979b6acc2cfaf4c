from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Agreements"

    def ready(self):
        from django.db.models import OuterRef

        from events.models import live, register_photo_showing

        from .models import Agreement

        def live_agreements_showing_photo():
            # Answered from the index on the photo column of the link table.
            return Agreement.photos.through.objects.filter(
                live("agreement__"), mediaitem=OuterRef("pk")
            )

        # A photo without a conference of its own is public where a live agreement shows it.
        register_photo_showing(live_agreements_showing_photo)
