"""Two editors, one record: the later save is refused and loses nothing."""

import re

import pytest
from django.urls import reverse

from events.models import Conference, Person
from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines
from tests.factories import ConferenceFactory, PersonFactory

pytestmark = pytest.mark.django_db


def opened_version(response) -> str:
    return re.search(r'name="edit_version" value="([^"]+)"', response.content.decode()).group(1)


def test_the_later_save_is_refused_and_the_input_kept(admin_client):
    conference = ConferenceFactory(title="Nanjing Promotion Conference", theme="Old theme")
    url = reverse("admin:events_conference_change", args=[conference.pk])
    version = opened_version(admin_client.get(url))

    # Meanwhile a colleague saves the same conference.
    other = Conference.objects.get(pk=conference.pk)
    other.theme = "The colleague's theme"
    other.save()

    post = {
        **conference_form(title=conference.title, slug=conference.slug, theme="My new theme"),
        **empty_inlines(*CONFERENCE_INLINES),
        "edit_version": version,
    }
    refused = admin_client.post(url, post)

    assert refused.status_code == 200
    assert "Someone else saved this conference at" in refused.content.decode()
    assert 'value="My new theme"' in refused.content.decode()
    conference.refresh_from_db()
    assert conference.theme == "The colleague's theme"

    # Having seen the other version, the editor saves again on purpose.
    post["edit_version"] = opened_version(refused)
    saved = admin_client.post(url, post)

    assert saved.status_code == 302
    conference.refresh_from_db()
    assert conference.theme == "My new theme"


def test_an_undisturbed_save_goes_through(admin_client):
    person = PersonFactory(name="Chen Zhichang")
    url = reverse("admin:events_person_change", args=[person.pk])
    version = opened_version(admin_client.get(url))

    response = admin_client.post(
        url,
        {
            "name_en": "Chen Zhichang",
            "slug": person.slug,
            "name_alt": "陈之常",
            "bio_en": "",
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
            "edit_version": version,
        },
    )

    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).name_alt == "陈之常"


def test_photos_are_protected_from_overwriting_too(admin_client):
    from events.models import MediaItem
    from tests.factories import MediaItemFactory

    photo = MediaItemFactory(caption="Original caption")
    url = reverse("admin:events_mediaitem_change", args=[photo.pk])
    version = opened_version(admin_client.get(url))
    MediaItem.objects.filter(pk=photo.pk).update(
        caption="The colleague's caption", updated=photo.updated.replace(year=2030)
    )

    refused = admin_client.post(
        url,
        {
            "caption": "My caption",
            "alt_text": photo.alt_text,
            "conference": photo.conference.pk,
            "order": "0",
            "edit_version": version,
        },
    )

    assert refused.status_code == 200
    assert "Someone else saved this media item at" in refused.content.decode()
    assert MediaItem.objects.get(pk=photo.pk).caption == "The colleague's caption"
