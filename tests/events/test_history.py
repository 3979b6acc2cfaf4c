"""History: who changed what and when; compare, restore, recover a deleted record."""

import pytest
from django.urls import reverse
from reversion.models import Version

from events.models import Conference, ParticipationPost
from partnerships.models import Party
from tests.admin_forms import in_english, rendered_form_data
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    SignatoryFactory,
)

pytestmark = pytest.mark.django_db


def change(admin_client, conference, **changes):
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = rendered_form_data(admin_client.get(url))
    data.update(in_english(type(conference), changes))
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""


@pytest.fixture
def edited(admin_client, admin_user):
    """A conference saved twice in the admin: theme changed, a participant added."""
    conference = ConferenceFactory(title="Nanjing Promotion Conference", theme="First theme")
    mayor = PositionFactory(person=PersonFactory(name="Chen Zhichang"), title="Mayor of Nanjing")
    ParticipationFactory(conference=conference, person=mayor.person).positions.add(mayor)
    change(admin_client, conference)  # the first recorded version
    change(admin_client, conference, theme="Second theme")
    return conference


def versions(conference):
    return list(Version.objects.get_for_object(conference))  # newest first


def test_every_admin_save_is_recorded_with_who_and_when(edited, admin_user, admin_client):
    recorded = versions(edited)

    assert len(recorded) == 2
    assert all(version.revision.user == admin_user for version in recorded)
    assert recorded[0].field_dict["theme"] == "Second theme"
    assert recorded[1].field_dict["theme"] == "First theme"
    # Inline rows are part of each revision.
    participants = [
        version
        for version in recorded[1].revision.version_set.all()
        if version.content_type.model == "participation"
    ]
    assert len(participants) == 1

    history = admin_client.get(reverse("admin:events_conference_history", args=[edited.pk]))
    assert history.status_code == 200
    assert admin_user.username in history.content.decode()


def test_two_versions_can_be_compared(edited, admin_client):
    newer, older = versions(edited)

    response = admin_client.get(
        reverse("admin:events_conference_compare", args=[edited.pk]),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "First theme" in content and "Second theme" in content


def test_an_earlier_version_can_be_restored(edited, admin_client):
    older = versions(edited)[1]
    url = reverse("admin:events_conference_revision", args=[edited.pk, older.pk])
    ParticipationPost.objects.all().delete()  # a post held, removed by mistake

    form = admin_client.get(url)
    response = admin_client.post(url, rendered_form_data(form))

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.theme == "First theme"
    (participation,) = edited.participations.all()
    assert participation.person.name == "Chen Zhichang"
    assert [post.title for post in participation.positions.all()] == ["Mayor of Nanjing"]


def test_a_deleted_record_can_be_recovered(edited, admin_client):
    pk = edited.pk
    delete = reverse("admin:events_conference_delete", args=[pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Conference.objects.filter(pk=pk).exists()

    recoverable = admin_client.get(reverse("admin:events_conference_recoverlist"))
    assert "Nanjing Promotion Conference" in recoverable.content.decode()
    version = Version.objects.get_deleted(Conference).get(object_id=str(pk))
    url = reverse("admin:events_conference_recover", args=[version.pk])
    response = admin_client.post(url, rendered_form_data(admin_client.get(url)))

    assert response.status_code == 302
    restored = Conference.objects.get(pk=pk)
    assert restored.theme == "Second theme"
    assert [p.person.name for p in restored.participations.all()] == ["Chen Zhichang"]


def test_a_version_whose_restore_would_break_a_link_is_refused_with_a_message(admin_client):
    """Restoring would delete a party that a signatory now signs for (RESTRICT): the
    restore is refused with a message, not a 500, and nothing changes."""
    agreement = AgreementFactory(title="Strategic cooperation", publication_status="draft")
    first_party = PartyFactory(agreement=agreement)
    signatory = SignatoryFactory(agreement=agreement, party=first_party)
    url = reverse("admin:partnerships_agreement_change", args=[agreement.pk])
    response = admin_client.post(url, rendered_form_data(admin_client.get(url)))
    assert response.status_code == 302
    version = Version.objects.get_for_object(agreement).first()
    second_party = PartyFactory(agreement=agreement)
    signatory.party = second_party
    signatory.save()

    history_url = reverse("admin:partnerships_agreement_revision", args=[agreement.pk, version.pk])
    for method in (admin_client.get, admin_client.post):
        answer = method(history_url, follow=True)
        assert answer.redirect_chain[0][1] == 302
        shown = [str(message) for message in answer.context["messages"]]
        assert any("This version cannot be restored" in message for message in shown), shown

    signatory.refresh_from_db()
    assert signatory.party == second_party
    assert Party.objects.filter(pk=second_party.pk).exists()
