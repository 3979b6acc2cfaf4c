"""The write path (events/services.py): after each call, the data is what a save keeps right:
search text, the content version, renditions, history."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from events import services
from events.models import (
    Conference,
    MediaItem,
    Organization,
    OrganizationAlias,
    Person,
    Position,
    Publishable,
)
from events.uploads import rendition_files
from events.versions import current_version
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    PersonFactory,
    TopicFactory,
    jpeg_upload,
)

pytestmark = pytest.mark.django_db

DRAFT = Publishable.PublicationStatus.DRAFT
PUBLISHED = Publishable.PublicationStatus.PUBLISHED


def version_number() -> int:
    return current_version()[0]


def found(model, word: str) -> list[str]:
    return sorted(model.objects.filter(search_text__term=word).values_list("name", flat=True))


# bulk_create


def test_bulk_created_person_is_found_by_a_word_of_their_post_written_after_them():
    organization = OrganizationFactory(name="Nanjing Municipal People's Government")
    people = services.bulk_create(Person, [Person(name="Chen Zhichang", slug="chen")])
    services.bulk_create(
        Position, [Position(person=people[0], organization=organization, title="Mayor of Nanjing")]
    )

    assert found(Person, "mayor") == ["Chen Zhichang"]
    assert found(Person, "陈") == []


def test_bulk_created_organization_is_found_by_its_other_name():
    organizations = services.bulk_create(
        Organization, [Organization(name="Nanjing Municipal People's Government", slug="nj")]
    )
    services.bulk_create(
        OrganizationAlias, [OrganizationAlias(organization=organizations[0], name="南京市人民政府")]
    )

    assert found(Organization, "南京市") == ["Nanjing Municipal People's Government"]
    assert found(Organization, "南京") == ["Nanjing Municipal People's Government"]


def test_bulk_search_text_is_what_a_save_makes():
    """services.SEARCH_WORDS_FROM agrees with each model's related_search_words."""
    organization = services.bulk_create(Organization, [Organization(name="HKTDC", slug="h")])[0]
    services.bulk_create(
        OrganizationAlias,
        [
            OrganizationAlias(organization=organization, name="香港貿易發展局"),
            OrganizationAlias(organization=organization, name="Trade Development Council"),
        ],
    )
    person = services.bulk_create(Person, [Person(name="Patrick Lau", name_alt="劉會平")])[0]
    services.bulk_create(
        Position,
        [
            Position(person=person, organization=organization, title="Director", order=2),
            Position(person=person, organization=organization, title="Deputy", order=1),
        ],
    )

    for record in (Organization.objects.get(), Person.objects.get()):
        stored = record.search_text
        record.save()
        assert stored == record.search_text


def test_bulk_create_fills_slug_and_publish_time_as_a_save_would():
    conferences = services.bulk_create(
        Conference,
        [
            Conference(
                title="Green Finance Forum",
                start_date=dt.date(2023, 2, 8),
                publication_status=PUBLISHED,
            )
        ],
    )

    conference = Conference.objects.get(pk=conferences[0].pk)
    assert conference.slug == "green-finance-forum"
    assert conference.published_at is not None
    assert list(Conference.objects.filter(search_text__term="finance")) == [conference]


def test_bulk_create_refuses_a_new_upload_and_writes_nothing():
    conference = ConferenceFactory()
    photo = MediaItem(conference=conference, image=jpeg_upload(), caption="A", alt_text="A")

    with pytest.raises(ValueError, match="new upload"):
        services.bulk_create(MediaItem, [photo])

    assert MediaItem.objects.count() == 0


def test_bulk_create_moves_the_content_version_once_after_commit(
    django_capture_on_commit_callbacks,
):
    before = version_number()

    with django_capture_on_commit_callbacks(execute=True):
        services.bulk_create(
            Person, [Person(name=f"Person {i}", slug=f"p{i}") for i in range(5)], batch_size=2
        )
        assert version_number() == before  # not before the commit

    assert version_number() == before + 1


def test_bulk_create_rolled_back_leaves_the_content_version(django_capture_on_commit_callbacks):
    before = version_number()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.bulk_create(Person, [Person(name="Han Liming", slug="han")])
            raise RuntimeError("the import failed")

    assert version_number() == before
    assert Person.objects.count() == 0


# save


def test_save_with_a_user_records_a_revision_naming_them(admin_user):
    conference = ConferenceFactory(title="Nanjing Promotion Conference")
    conference.theme = "Gathering in Hong Kong for a Better Future"

    services.save(conference, user=admin_user, comment="Theme from the press release.")

    [version] = Version.objects.get_for_object(conference)
    assert version.revision.user == admin_user
    assert version.revision.comment == "Theme from the press release."
    assert version.field_dict["theme"] == "Gathering in Hong Kong for a Better Future"


def test_save_without_a_user_records_no_revision():
    conference = services.create(
        Conference, title="Investment Forum", start_date=dt.date(2023, 2, 8)
    )

    assert not Version.objects.get_for_object(conference).exists()
    assert list(Conference.objects.filter(search_text__term="forum")) == [conference]


def test_save_sets_many_to_many_in_the_same_revision(admin_user):
    topic = TopicFactory(name="Green finance")
    conference = services.create(
        Conference,
        user=admin_user,
        m2m={"topics": [topic]},
        title="Forum",
        start_date=dt.date(2023, 2, 8),
    )

    assert list(conference.topics.all()) == [topic]
    [version] = Version.objects.get_for_object(conference)
    assert version.field_dict["topics"] == [topic.pk]


def test_saving_a_photo_makes_its_renditions(media_root, django_capture_on_commit_callbacks):
    conference = ConferenceFactory()
    photo = MediaItem(
        conference=conference, image=jpeg_upload(), caption="Signing ceremony", alt_text="Signing"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.save(photo)

    stored = MediaItem.objects.get()
    assert stored.renditions
    assert all((media_root / name).is_file() for name in rendition_files(stored.renditions))


def test_save_moves_the_content_version_once_after_commit(django_capture_on_commit_callbacks):
    # (One transaction per test: the first bump due is the only one the capture sees.)
    before = version_number()

    with django_capture_on_commit_callbacks(execute=True):
        conference = services.create(Conference, title="Forum", start_date=dt.date(2023, 2, 8))
        assert version_number() == before
        conference.title = "Renamed"
        services.save(conference)
        services.save(conference)

    assert version_number() == before + 1


# publish and unpublish


def test_publish_skips_a_record_past_its_unpublish_time_and_says_why(admin_user):
    now = timezone.now()
    ended = ConferenceFactory(
        title="Ended forum", publication_status=DRAFT, unpublish_at=now - dt.timedelta(days=1)
    )
    draft = ConferenceFactory(title="Draft forum", publication_status=DRAFT)

    published, skipped = services.publish(
        Conference.objects.drafts().order_by("pk"), user=admin_user, now=now
    )

    assert published == [draft]
    assert [(item.record, item.reason) for item in skipped] == [
        (
            ended,
            "“Ended forum” was not published: its unpublish time has passed. Clear or change "
            "it first.",
        )
    ]
    assert Conference.objects.get(pk=ended.pk).publication_status == DRAFT
    draft.refresh_from_db()
    assert (draft.publication_status, draft.published_at) == (PUBLISHED, now)
    [version] = Version.objects.get_for_object(draft)
    assert version.revision.user == admin_user


def test_publish_keeps_a_scheduled_publish_time(admin_user):
    later = timezone.now() + dt.timedelta(days=3)
    scheduled = ConferenceFactory(publication_status=DRAFT, published_at=later)

    services.publish([scheduled], user=admin_user)

    scheduled.refresh_from_db()
    assert (scheduled.publication_status, scheduled.published_at) == (PUBLISHED, later)
    assert scheduled.public_state == "scheduled"


def test_publish_leaves_published_records_alone(admin_user):
    conference = ConferenceFactory()  # published

    published, skipped = services.publish([conference], user=admin_user)

    assert (published, skipped) == ([], [])
    assert not Version.objects.get_for_object(conference).exists()


def test_unpublish_puts_records_back_to_draft_keeping_their_publish_time(admin_user):
    conference = ConferenceFactory()
    published_at = conference.published_at
    draft = ConferenceFactory(publication_status=DRAFT)

    unpublished = services.unpublish(Conference.objects.order_by("pk"), user=admin_user)

    assert unpublished == [conference]
    conference.refresh_from_db()
    assert (conference.publication_status, conference.published_at) == (DRAFT, published_at)
    assert not Conference.objects.published().exists()
    assert not Version.objects.get_for_object(draft).exists()
    [version] = Version.objects.get_for_object(conference)
    assert (version.revision.user, version.revision.comment) == (admin_user, "Unpublished.")


# delete


def test_delete_with_a_user_leaves_a_version_to_recover(admin_user):
    conference = ConferenceFactory(title="Deleted forum")

    services.delete(conference, user=admin_user)

    assert not Conference.objects.exists()
    [version] = Version.objects.get_deleted(Conference)
    assert version.object_repr == "Deleted forum"
    assert (version.revision.user, version.revision.comment) == (admin_user, "Deleted.")


def test_deleting_a_photo_deletes_its_files_after_commit(
    media_root, django_capture_on_commit_callbacks
):
    photo = MediaItem(
        conference=ConferenceFactory(), image=jpeg_upload(), caption="Signing", alt_text="Signing"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.save(photo)
    names = [photo.image.name, *rendition_files(photo.renditions)]
    assert len(names) > 1
    assert all((media_root / name).is_file() for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete(photo)

    assert not any((media_root / name).exists() for name in names)


def test_person_saved_through_the_service_is_found_by_name():
    services.save(PersonFactory.build(name="Han Liming", name_alt="韩立明"))

    assert found(Person, "韩立") == ["Han Liming"]
