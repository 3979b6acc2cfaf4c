"""Editor, Publisher and Administrator, as the migration sets them up, in the admin."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from events.models import Conference
from partnerships.models import Agreement
from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines
from tests.factories import AgreementFactory, ConferenceFactory

pytestmark = pytest.mark.django_db


def member_of(role: str):
    user = User.objects.create_user(f"{role.lower()}-user", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def as_role(client):
    def sign_in(role):
        client.force_login(member_of(role))
        return client

    return sign_in


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def delete_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])


def post_conference(client, url, **fields):
    return client.post(url, {**conference_form(**fields), **empty_inlines(*CONFERENCE_INLINES)})


def test_the_migration_creates_the_three_roles():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    )
    administrator = set(
        Group.objects.get(name="Administrator").permissions.values_list("codename", flat=True)
    )

    assert {"add_conference", "change_conference", "add_agreement", "change_person"} <= editor
    assert not {"publish_conference", "publish_agreement"} & editor
    assert publisher - editor == {"publish_conference", "publish_agreement"}
    assert {"delete_published_conference", "delete_published_agreement", "add_user"} <= (
        administrator
    )
    assert "delete_published_conference" not in publisher


def test_editor_writes_drafts_only(as_role):
    client = as_role("Editor")

    response = post_conference(
        client,
        reverse("admin:events_conference_add"),
        title="Draft by an editor",
        publication_status="published",  # not theirs to set: ignored
    )

    assert response.status_code == 302
    conference = Conference.objects.get(title="Draft by an editor")
    assert conference.publication_status == "draft"
    page = client.get(change_url(conference))
    assert page.status_code == 200
    assert 'name="publication_status"' not in page.content.decode()
    assert "publish" not in page.context["adminform"].form.fields


def test_editor_cannot_publish_unpublish_change_or_delete_published_records(as_role):
    client = as_role("Editor")
    draft = ConferenceFactory(publication_status="draft")
    published = ConferenceFactory(title="Published one")
    changelist = client.get(reverse("admin:events_conference_changelist"))

    action_form = changelist.context["action_form"]
    actions = [name for name, _ in action_form.fields["action"].choices] if action_form else []
    assert "publish" not in actions and "unpublish" not in actions
    client.post(
        reverse("admin:events_conference_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    # The bulk delete asks about each record: one published record stops it all.
    bulk = client.post(
        reverse("admin:events_conference_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
        follow=True,
    )
    assert "Nothing was deleted" in bulk.content.decode()
    assert Conference.objects.filter(pk__in=[draft.pk, published.pk]).count() == 2
    draft.refresh_from_db()
    assert draft.publication_status == "draft"

    view = client.get(change_url(published))
    assert view.status_code == 200  # they may look
    assert view.context["has_change_permission"] is False
    refused = post_conference(
        client, change_url(published), title="Changed by an editor", slug=published.slug
    )
    assert refused.status_code == 403
    assert client.post(delete_url(published), {"post": "yes"}).status_code == 403
    assert Conference.objects.filter(pk=published.pk, title="Published one").exists()

    assert client.post(delete_url(draft), {"post": "yes"}).status_code == 302
    assert not Conference.objects.filter(pk=draft.pk).exists()


def test_publisher_publishes_and_unpublishes_but_cannot_delete_published(as_role):
    client = as_role("Publisher")
    draft = AgreementFactory(publication_status="draft")

    client.post(
        reverse("admin:partnerships_agreement_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.publication_status == "published"
    assert client.get(change_url(draft)).context["has_change_permission"] is True
    assert client.post(delete_url(draft), {"post": "yes"}).status_code == 403

    client.post(
        reverse("admin:partnerships_agreement_changelist"),
        {"action": "unpublish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.publication_status == "draft"


def test_administrator_may_delete_published_records(as_role):
    client = as_role("Administrator")
    agreement = AgreementFactory()

    assert client.post(delete_url(agreement), {"post": "yes"}).status_code == 302
    assert not Agreement.objects.filter(pk=agreement.pk).exists()
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_editor_cannot_unpublish_by_restoring_a_draft_version(admin_client, as_role):
    from reversion.models import Version

    from tests.admin_forms import rendered_form_data

    conference = ConferenceFactory(publication_status="draft")
    url = change_url(conference)
    admin_client.post(url, rendered_form_data(admin_client.get(url)))  # a draft version
    data = rendered_form_data(admin_client.get(url))
    data["publication_status"] = "published"
    admin_client.post(url, data)  # published by a publisher
    draft_version = Version.objects.get_for_object(conference).last()

    client = as_role("Editor")
    revert = reverse("admin:events_conference_revision", args=[conference.pk, draft_version.pk])

    assert client.get(revert).status_code == 403
    assert client.post(revert, {}).status_code == 403
    conference.refresh_from_db()
    assert conference.publication_status == "published"


def test_editor_cannot_change_rows_of_a_published_record_from_their_own_pages(as_role):
    from tests.factories import SessionFactory

    client = as_role("Editor")
    session = SessionFactory(title="Opening", conference=ConferenceFactory())
    draft = ConferenceFactory(publication_status="draft")

    url = reverse("admin:events_session_change", args=[session.pk])
    refused = client.post(url, {"conference": session.conference.pk, "title": "Changed"})
    moved = client.post(
        reverse("admin:events_session_add"),
        {"conference": session.conference.pk, "title_en": "Sneaked in", "kind": "speech",
         "order": "0"},
    )  # fmt: skip
    allowed = client.post(
        reverse("admin:events_session_add"),
        {"conference": draft.pk, "title_en": "On a draft", "kind": "speech", "order": "0"},
    )

    assert refused.status_code == 403
    assert "Select a valid choice" in moved.content.decode()
    assert allowed.status_code == 302
    session.refresh_from_db()
    assert session.title == "Opening"


@pytest.mark.parametrize("role", ["Editor", "Publisher", "Administrator"])
def test_the_roles_that_add_conferences_and_agreements_may_start_from_a_press_release(
    as_role, role
):
    from partnerships.intake.views import PERMISSIONS

    group = Group.objects.get(name=role)
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    client = as_role(role)

    assert set(PERMISSIONS) <= held
    assert client.get(reverse("admin:partnerships_press_release")).status_code == 200


def test_staff_without_a_role_may_not_start_from_a_press_release(client):
    user = User.objects.create_user("no-role", password="x", is_staff=True)
    client.force_login(user)
    url = reverse("admin:partnerships_press_release")

    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"release": "Forum held on 8 Feb 2023.", "step": "save"}).status_code
        == 403
    )
    assert not Conference.objects.exists()
