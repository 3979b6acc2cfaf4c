import datetime as dt
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.models import (
    Conference,
    KeyFigure,
    MediaItem,
    Organization,
    OrganizationAlias,
    Organizer,
    Participation,
    Person,
    Place,
    Position,
    Session,
    Topic,
)
from partnerships.models import Agreement, AgreementDocument, Party, Signatory


def jpeg_bytes(size=(64, 48), color=(200, 30, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG")
    return buffer.getvalue()


def jpeg_upload(name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = Organization.Kind.ENTERPRISE
    city = "Nanjing"


class OrganizationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationAlias

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Other name {n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Director"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    title = factory.Sequence(lambda n: f"Promotion conference {n}")
    start_date = dt.date(2023, 2, 8)
    city = "Hong Kong"
    time_zone = "Asia/Hong_Kong"
    publication_status = Conference.PublicationStatus.PUBLISHED


class OrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organizer

    conference = factory.SubFactory(ConferenceFactory)
    organization = factory.SubFactory(OrganizationFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Session {n}")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    conference = factory.SubFactory(ConferenceFactory)
    person = factory.SubFactory(PersonFactory)


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    conference = factory.SubFactory(ConferenceFactory)
    value = Decimal("33")
    label = "Hong Kong-listed companies"


class MediaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaItem

    conference = factory.SubFactory(ConferenceFactory)
    image = factory.LazyFunction(jpeg_upload)
    caption = factory.Sequence(lambda n: f"Caption {n}")
    alt_text = "Delegates at a signing table"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Cooperation agreement {n}")
    kind = Agreement.Kind.STRATEGIC_COOPERATION
    signed_on = dt.date(2023, 2, 8)
    conference = factory.SubFactory(ConferenceFactory)
    publication_status = Agreement.PublicationStatus.PUBLISHED


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    agreement = factory.SubFactory(AgreementFactory)
    organization = factory.SubFactory(OrganizationFactory)


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    agreement = factory.SubFactory(AgreementFactory)
    person = factory.SubFactory(PersonFactory)


class AgreementDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementDocument

    agreement = factory.SubFactory(AgreementFactory)
    title = factory.Sequence(lambda n: f"Agreement text {n}")
    url = "https://example.org/agreement.pdf"
