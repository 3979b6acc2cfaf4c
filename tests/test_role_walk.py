"""Every admin URL, for every role, with crafted requests rather than the buttons.

For each model in the admin (new admins join on their own), a record in each state it can
be in (a draft, or one that a published record is or shows) is walked through the
changelist, add, change, history, revision, recover and delete pages and the publish,
unpublish and bulk delete actions, by an anonymous visitor, a staff member without a role,
an Editor, a Publisher and an Administrator. What each may do is the table below; the
database, not only the status code, says whether it happened.
"""

import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from reversion.admin import VersionAdmin
from reversion.models import Version

from events.admin import GuardedAdminMixin
from events.models import Conference, MediaItem, Session
from tests import factories
from tests.admin_forms import empty_inlines, in_english, rendered_form_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "Editor", "Publisher", "Administrator"]

# How much a record is guarded, from its model and state.
OPEN = "open"  # a draft, or a record no published record shows
PUBLISHED = "published"  # a published conference or agreement
PART = "part of published"  # a row of a published record, a photo a published record shows
SHOWN = "shown"  # a person, organization or topic that a published record shows

MAY_CHANGE = {
    "anonymous": set(),
    "staff": set(),
    "Editor": {OPEN, SHOWN},
    "Publisher": {OPEN, SHOWN, PUBLISHED, PART},
    "Administrator": {OPEN, SHOWN, PUBLISHED, PART},
}
MAY_DELETE = {
    "anonymous": set(),
    "staff": set(),
    "Editor": {OPEN},
    "Publisher": {OPEN, PART},
    "Administrator": {OPEN, SHOWN, PUBLISHED, PART},
}
CONTENT_ROLES = {"Editor", "Publisher", "Administrator"}

PUBLISHABLE = {"conference", "agreement"}
CONFERENCE_ROWS = {"organizer", "session", "participation", "keyfigure", "mediaitem"}
AGREEMENT_ROWS = {"party", "signatory", "agreementdocument"}
SHOWN_MODELS = {"person", "organization", "topic"}

# The field each walk changes: (field, value in the stored version, current, posted).
TEXT = ("Old {}", "Current {}", "Changed {}")
ORDER = ("1", "2", "3")
WALK_FIELD = {
    "organization": "name",
    "organizationalias": "name",
    "person": "name",
    "position": "title",
    "topic": "name",
    "place": "name",
    "conference": "title",
    "organizer": "order",
    "session": "title",
    "participation": "remarks",
    "keyfigure": "label",
    "mediaitem": "caption",
    "agreement": "title",
    "party": "order",
    "signatory": "order",
    "agreementdocument": "title",
}

OUR_MODELS = sorted(
    model._meta.model_name
    for model in admin.site._registry
    if model._meta.app_label in {"events", "partnerships"}
)
OTHER_MODELS = sorted(
    model._meta.label_lower
    for model in admin.site._registry
    if model._meta.app_label not in {"events", "partnerships"}
)


def states(model_name):
    if model_name == "mediaitem":
        return ["draft", "published", "on agreement"]
    if model_name in {"organizationalias", "position", "place"}:
        return ["draft"]
    return ["draft", "published"]


def level(model_name, state) -> str:
    if state == "draft":
        return OPEN
    if model_name in PUBLISHABLE:
        return PUBLISHED
    if model_name in SHOWN_MODELS:
        return SHOWN
    return PART


WALKS = [
    (model_name, state, role)
    for model_name in OUR_MODELS
    for state in states(model_name)
    for role in ROLES
]


def build(model_name, state):
    """A record of this model in this state (a fresh set of related records each call)."""
    published = state != "draft"
    status = "published" if published else "draft"
    if model_name in PUBLISHABLE:
        factory = factories.ConferenceFactory if model_name == "conference" else None
        factory = factory or factories.AgreementFactory
        return factory(publication_status=status)
    if model_name == "mediaitem" and state == "on agreement":
        item = factories.MediaItemFactory(
            conference=factories.ConferenceFactory(publication_status="draft")
        )
        factories.AgreementFactory(publication_status="published").photos.add(item)
        return item
    if model_name in CONFERENCE_ROWS:
        conference = factories.ConferenceFactory(publication_status=status)
        return getattr(factories, FACTORY_NAMES[model_name])(conference=conference)
    if model_name in AGREEMENT_ROWS:
        agreement = factories.AgreementFactory(publication_status=status)
        return getattr(factories, FACTORY_NAMES[model_name])(agreement=agreement)
    record = getattr(factories, FACTORY_NAMES[model_name])()
    if published:
        agreement = factories.AgreementFactory(publication_status="published")
        if model_name == "topic":
            agreement.topics.add(record)
        elif model_name == "person":
            factories.SignatoryFactory(agreement=agreement, person=record)
        elif model_name == "organization":
            factories.PartyFactory(agreement=agreement, organization=record)
    return record


FACTORY_NAMES = {
    "organization": "OrganizationFactory",
    "organizationalias": "OrganizationAliasFactory",
    "person": "PersonFactory",
    "position": "PositionFactory",
    "topic": "TopicFactory",
    "place": "PlaceFactory",
    "organizer": "OrganizerFactory",
    "session": "SessionFactory",
    "participation": "ParticipationFactory",
    "keyfigure": "KeyFigureFactory",
    "mediaitem": "MediaItemFactory",
    "party": "PartyFactory",
    "signatory": "SignatoryFactory",
    "agreementdocument": "AgreementDocumentFactory",
}


def with_history(record, field, old, current):
    """The record with one stored version holding ``old``, and ``current`` now."""
    model = type(record)
    old = int(old) if field == "order" else old
    current = int(current) if field == "order" else current
    if not isinstance(admin.site._registry[model], VersionAdmin):  # no history pages
        model.objects.filter(pk=record.pk).update(**{field: current})
        return None
    setattr(record, field, old)
    with reversion.create_revision():
        record.save()
    model.objects.filter(pk=record.pk).update(**{field: current})
    return Version.objects.get_for_object(record).first()


def signed_in(role) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    user = User.objects.create_user(f"{role.lower()}-walker", password="x", is_staff=True)
    if role != "staff":
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


def admin_url(record_or_model, view, *args):
    opts = record_or_model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def refused(role, response) -> bool:
    """What a refusal looks like: the sign-in page for a visitor, else a 403 or 404."""
    if role == "anonymous":
        return response.status_code == 302 and "login" in response["Location"]
    return response.status_code in (403, 404)


def value_of(model, pk, field):
    row = model.objects.filter(pk=pk).values(field).first()
    return None if row is None else str(row[field])


@pytest.fixture
def superuser_client(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(("model_name", "state", "role"), WALKS)
def test_role_walk(model_name, state, role, superuser_client):
    record = build(model_name, state)
    sibling = build(model_name, state)  # for the bulk delete
    model = type(record)
    guard = level(model_name, state)
    field = WALK_FIELD[model_name]
    key = form_key(model, field)
    old, current, changed = ORDER if field == "order" else tuple(v.format(model_name) for v in TEXT)
    version = with_history(record, field, old, current)
    client = signed_in(role)
    content_role = role in CONTENT_ROLES
    may_change = guard in MAY_CHANGE[role]
    # People and organizations that an agreement shows are PROTECTed by the database too.
    fk_protected = model_name in {"person", "organization"} and state != "draft"
    may_delete = guard in MAY_DELETE[role] and not fk_protected
    where = f"{role} on a {state} {model_name}"

    # Pages that only read.
    reading = [("changelist", ()), ("add", ()), ("change", (record.pk,)), ("history", (record.pk,))]
    for view, args in reading:
        response = client.get(admin_url(model, view, *args))
        if content_role:
            assert response.status_code == 200, f"{where}: GET {view}"
        else:
            assert refused(role, response), f"{where}: GET {view} {response.status_code}"

    # Restore the stored version, GET then POST.
    if version is not None:
        revision_url = admin_url(model, "revision", record.pk, version.pk)
        data, _ = form_data(superuser_client, revision_url, role, {key: old})
        shown = client.get(revision_url)
        response = client.post(revision_url, data)
        if may_change:
            assert shown.status_code == 200, where
            assert response.status_code == 302, f"{where}: revert {response.status_code}"
            assert value_of(model, record.pk, field) == old, where
        else:
            assert refused(role, shown), f"{where}: GET revision {shown.status_code}"
            assert refused(role, response), f"{where}: revert {response.status_code}"
            assert value_of(model, record.pk, field) == current, where

    # Change, with what the form would send.
    change_url = admin_url(model, "change", record.pk)
    data, inline_prefixes = form_data(superuser_client, change_url, role, {key: changed})
    add_new_record(client, role, model, state, data, inline_prefixes)
    data[key] = changed
    before = value_of(model, record.pk, field)
    response = client.post(change_url, data)
    if may_change:
        assert response.status_code == 302, f"{where}: change {response.status_code}"
        assert value_of(model, record.pk, field) == changed, where
    else:
        assert refused(role, response), f"{where}: change {response.status_code}"
        assert value_of(model, record.pk, field) == before, where

    # Publish or unpublish, then put the state back for what follows.
    changelist = admin_url(model, "changelist")
    if model_name in PUBLISHABLE:
        action = "unpublish" if state == "published" else "publish"
        client.post(changelist, {"action": action, "_selected_action": [record.pk]})
        toggled = model.objects.get(pk=record.pk).publication_status != (
            "published" if state == "published" else "draft"
        )
        assert toggled == (role in {"Publisher", "Administrator"}), f"{where}: {action}"
        model.objects.filter(pk=record.pk).update(
            publication_status="published" if state == "published" else "draft",
            published_at=record.published_at,
        )

    # The bulk delete, crafted: the confirmation's own POST.
    response = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [sibling.pk], "post": "yes"},
    )
    deleted = not model.objects.filter(pk=sibling.pk).exists()
    assert deleted == may_delete, f"{where}: bulk delete ({response.status_code})"
    if not content_role:
        assert refused(role, response), where
    elif guard not in MAY_DELETE[role]:
        told = [str(message) for message in get_messages(response.wsgi_request)]
        assert response.status_code == 302, where
        assert any(message.startswith("Nothing was deleted") for message in told), where

    # The delete page.
    response = client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
    deleted = not model.objects.filter(pk=record.pk).exists()
    assert deleted == may_delete, f"{where}: delete ({response.status_code})"
    if not may_delete and guard not in MAY_DELETE[role]:
        assert refused(role, response), f"{where}: delete {response.status_code}"

    # Recover the deleted record from its history.
    if version is None:
        return
    if not deleted:
        try:
            model.objects.filter(pk=record.pk).delete()
        except ProtectedError:
            return  # the database keeps it while a published record shows it
    recoverlist = client.get(admin_url(model, "recoverlist"))
    assert (recoverlist.status_code == 200) == content_role, where
    recover_url = admin_url(model, "recover", version.pk)
    data, _ = form_data(superuser_client, recover_url, role, {form_key(model, field): old})
    response = client.post(recover_url, data)
    recovered = model.objects.filter(pk=record.pk).exists()
    # Recovering is adding the record back as it was: the change rules of that state. A
    # photo comes back without the agreements that showed it (that link went with it).
    may_recover = may_change or (state == "on agreement" and OPEN in MAY_CHANGE[role])
    assert recovered == may_recover, f"{where}: recover ({response.status_code})"
    if not may_recover:
        assert refused(role, response), f"{where}: recover {response.status_code}"


def form_key(model, field: str) -> str:
    """The admin form's name for ``field``: a translated field's English column."""
    return next(iter(in_english(model, {field: None})))


def form_data(superuser_client, url, role, fields) -> tuple[dict, list[str]]:
    """What the form at ``url`` sends, and its inlines' prefixes. Those without a role are
    refused before any form is read: for them, the fields alone."""
    if role not in CONTENT_ROLES:
        return {**fields, "post": "yes"}, []
    page = superuser_client.get(url)
    assert page.status_code == 200, url
    inlines = page.context["inline_admin_formsets"]
    return rendered_form_data(page), [inline.formset.prefix for inline in inlines]


def add_new_record(client, role, model, state, data, inline_prefixes):
    """Crafted add: the record's own form data, under a new parent of the same state."""
    model_name = model._meta.model_name
    field = WALK_FIELD[model_name]
    added = "7" if field == "order" else f"Added {model_name}"
    data = {key: value for key, value in data.items() if "-" not in key}  # no inline rows
    data.update(empty_inlines(*inline_prefixes))
    data.pop("edit_version", None)
    data.update({form_key(model, field): added, "slug": ""})
    if model_name in PUBLISHABLE:
        data["publication_status"] = "published"
    if model_name in CONFERENCE_ROWS | AGREEMENT_ROWS:
        parent_model = "conference" if model_name in CONFERENCE_ROWS else "agreement"
        parent = build(parent_model, "draft" if state == "draft" else "published")
        if state == "on agreement":
            parent = build("conference", "draft")  # its rows are the editor's to add
        data[parent_model] = str(parent.pk)
    if model_name == "mediaitem":
        data["image"] = factories.jpeg_upload()

    response = client.post(admin_url(model, "add"), data)

    created = model.objects.filter(**{field: added}).first()
    if role in {"anonymous", "staff"}:
        assert refused(role, response), f"{role}: add {model_name} {response.status_code}"
    guard = OPEN if state == "on agreement" else level(model_name, state)
    if role in CONTENT_ROLES and (model_name in PUBLISHABLE or guard in MAY_CHANGE[role]):
        assert created is not None, f"{role}: add {model_name} ({response.status_code})"
        if model_name in PUBLISHABLE:
            may_publish = role in {"Publisher", "Administrator"}
            assert created.is_published == may_publish, f"{role}: added {model_name} published"
    else:
        assert created is None, f"{role}: add {model_name} under a {state} parent"


@pytest.mark.parametrize("label", OTHER_MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_other_admins_are_for_administrators_only(label, role):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    client = signed_in(role)

    response = client.get(admin_url(model, "changelist"))

    if role == "Administrator":
        assert response.status_code == 200
    else:
        assert refused(role, response), response.status_code


def test_every_admin_of_ours_is_guarded_and_walked():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in {"events", "partnerships"}:
            assert isinstance(model_admin, GuardedAdminMixin), model
            assert model._meta.model_name in WALK_FIELD, model


# Paths the walk above does not take by itself.


def conference_with_versions(status="published"):
    conference = factories.ConferenceFactory(publication_status=status, title="Live title")
    with reversion.create_revision():
        conference.save()
    return conference, Version.objects.get_for_object(conference).first()


def test_a_version_of_another_model_is_not_found(admin_client):
    conference, version = conference_with_versions()
    # A photo whose id is the conference's: reversion alone would find the version.
    MediaItem.objects.filter(pk=conference.pk).delete()
    photo = factories.MediaItemFactory(conference=factories.ConferenceFactory())
    MediaItem.objects.filter(pk=photo.pk).update(id=conference.pk)
    editor = signed_in("Editor")
    Conference.objects.filter(pk=conference.pk).update(title="Rewritten since")

    for client in (editor, admin_client):
        revision = admin_url(MediaItem, "revision", conference.pk, version.pk)
        recover = admin_url(MediaItem, "recover", version.pk)
        assert client.get(revision).status_code == 404
        assert client.post(revision, {"caption": "x"}).status_code == 404
        assert client.post(recover, {"caption": "x"}).status_code == 404

    assert Conference.objects.get(pk=conference.pk).title == "Rewritten since"


def test_an_editor_cannot_recover_a_deleted_published_conference():
    conference, version = conference_with_versions()
    pk = conference.pk
    conference.delete()
    editor = signed_in("Editor")
    url = admin_url(Conference, "recover", version.pk)

    assert editor.get(url).status_code == 403
    assert editor.post(url, {"title": "Back", "publication_status": "published"}).status_code == 403
    assert not Conference.objects.filter(pk=pk).exists()


def test_an_editor_cannot_restore_a_revision_that_also_holds_a_published_conferences_rows():
    person = factories.PersonFactory(name="Draft person")
    session = factories.SessionFactory(title="Live agenda item")  # of a published conference
    with reversion.create_revision():
        person.save()
        session.save()
    Session.objects.filter(pk=session.pk).update(title="Agenda now")
    version = Version.objects.get_for_object(person).first()
    editor = signed_in("Editor")
    url = admin_url(person, "revision", person.pk, version.pk)

    assert editor.get(url).status_code == 403
    assert editor.post(url, {"name": "Draft person"}).status_code == 403
    assert Session.objects.get(pk=session.pk).title == "Agenda now"


def test_an_editor_cannot_restore_a_version_that_would_delete_a_live_photo(admin_client):
    conference, version = conference_with_versions(status="draft")
    photo = factories.MediaItemFactory(conference=conference)  # added since the version
    factories.AgreementFactory(publication_status="published").photos.add(photo)
    editor = signed_in("Editor")
    url = admin_url(conference, "revision", conference.pk, version.pk)
    data = rendered_form_data(admin_client.get(url))

    assert editor.post(url, data).status_code == 403
    assert MediaItem.objects.filter(pk=photo.pk).exists()


def test_an_editor_cannot_change_a_live_photo_through_a_draft_conference(admin_client):
    conference = factories.ConferenceFactory(publication_status="draft")
    photo = factories.MediaItemFactory(conference=conference, caption="On the agreement")
    factories.AgreementFactory(publication_status="published").photos.add(photo)
    url = admin_url(conference, "change", conference.pk)
    data = rendered_form_data(admin_client.get(url))
    data["media-0-caption_en"] = "Changed by an editor"
    editor = signed_in("Editor")

    response = editor.post(url, data)

    assert response.status_code == 200
    assert "shown on a published record" in response.content.decode()
    assert MediaItem.objects.get(pk=photo.pk).caption == "On the agreement"
    data.pop("media-0-caption_en")
    data["media-0-caption_en"] = "On the agreement"
    data["media-0-DELETE"] = "on"
    assert editor.post(url, data).status_code == 200
    assert MediaItem.objects.filter(pk=photo.pk).exists()
    # The agreement's publisher may.
    data["media-0-caption_en"] = "Changed by a publisher"
    data.pop("media-0-DELETE")
    assert signed_in("Publisher").post(url, data).status_code == 302
    assert MediaItem.objects.get(pk=photo.pk).caption == "Changed by a publisher"


def test_a_conference_once_published_takes_an_administrator_to_delete():
    conference = factories.ConferenceFactory(publication_status="published")
    Conference.objects.filter(pk=conference.pk).update(publication_status="draft")
    url = admin_url(conference, "delete", conference.pk)

    assert signed_in("Editor").post(url, {"post": "yes"}).status_code == 403
    assert signed_in("Publisher").post(url, {"post": "yes"}).status_code == 403
    assert Conference.objects.filter(pk=conference.pk).exists()
    assert signed_in("Administrator").post(url, {"post": "yes"}).status_code == 302
    assert not Conference.objects.filter(pk=conference.pk).exists()


def test_comparing_versions_needs_the_right_to_view_the_record():
    conference, first = conference_with_versions()
    with reversion.create_revision():
        conference.save()
    second = Version.objects.get_for_object(conference).first()
    url = admin_url(conference, "compare", conference.pk)
    query = {"version_id1": first.pk, "version_id2": second.pk}

    assert signed_in("staff").get(url, query).status_code == 403
    assert signed_in("Editor").get(url, query).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("media-TOTAL_FORMS", "100000000"),
        ("media-INITIAL_FORMS", "100000000"),
        ("sessions-TOTAL_FORMS", "1001"),
        ("sessions-TOTAL_FORMS", "many"),
        ("sessions-TOTAL_FORMS", "-1"),
    ],
)
def test_formset_counts_above_the_maximum_are_refused_at_once(admin_client, field, value):
    from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines

    data = {**conference_form(title="Never saved"), **empty_inlines(*CONFERENCE_INLINES)}
    data[field] = value
    conference = factories.ConferenceFactory(publication_status="draft", title="Kept")

    added = admin_client.post(admin_url(Conference, "add"), data)
    changed = admin_client.post(admin_url(conference, "change", conference.pk), data)

    assert (added.status_code, changed.status_code) == (400, 400)
    assert not Conference.objects.filter(title="Never saved").exists()
    assert Conference.objects.get(pk=conference.pk).title == "Kept"


def test_more_rows_than_one_save_may_hold_are_refused_at_once(admin_client, settings):
    from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines

    conference = factories.ConferenceFactory(publication_status="draft", title="Kept")
    data = {**conference_form(title="Never saved"), **empty_inlines(*CONFERENCE_INLINES)}
    for prefix in CONFERENCE_INLINES:  # each within its own maximum, too many together
        data[f"{prefix}-TOTAL_FORMS"] = str(settings.ADMIN_MAX_FORMS // 4)

    response = admin_client.post(admin_url(conference, "change", conference.pk), data)

    assert response.status_code == 400
    assert Conference.objects.get(pk=conference.pk).title == "Kept"


def test_formset_counts_up_to_the_maximum_reach_the_form(admin_client):
    from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines

    data = {**conference_form(title="Not saved"), **empty_inlines(*CONFERENCE_INLINES)}
    data["sessions-TOTAL_FORMS"] = "20"  # forms missing from the data: told so, kindly

    response = admin_client.post(admin_url(Conference, "add"), data)

    assert response.status_code == 200
    assert response.context["errors"]


def shown_by_conference(model_name, conference):
    if model_name == "mediaitem":
        return factories.MediaItemFactory(conference=conference)
    if model_name == "topic":
        topic = factories.TopicFactory()
        conference.topics.add(topic)
        return topic
    if model_name == "person":
        return factories.ParticipationFactory(conference=conference).person
    if model_name == "organization":
        return factories.OrganizerFactory(conference=conference).organization
    raise AssertionError(model_name)


def shown_by_agreement(model_name, agreement):
    if model_name in {"mediaitem", "topic"}:
        record = build(model_name, "draft")
        getattr(agreement, "photos" if model_name == "mediaitem" else "topics").add(record)
        return record
    if model_name == "person":
        return factories.SignatoryFactory(agreement=agreement).person
    return factories.PartyFactory(agreement=agreement).organization


@pytest.mark.parametrize("model_name", ["mediaitem", "topic", "person", "organization"])
@pytest.mark.parametrize("status", ["draft", "published"])
def test_what_published_records_show(model_name, status):
    by_conference = shown_by_conference(
        model_name, factories.ConferenceFactory(publication_status=status)
    )
    by_agreement = shown_by_agreement(
        model_name, factories.AgreementFactory(publication_status=status)
    )
    # An employer is shown through the post its employee held at a published conference.
    if model_name == "organization":
        participation = factories.ParticipationFactory(
            conference=factories.ConferenceFactory(publication_status=status)
        )
        employer = factories.PositionFactory(person=participation.person)
        participation.positions.add(employer)
        assert employer.organization.shown_on_published_record() == (status == "published")

    assert by_conference.shown_on_published_record() == (status == "published")
    assert by_agreement.shown_on_published_record() == (status == "published")
    assert not build(model_name, "draft").shown_on_published_record()


# Merging people and organizations, and starting a conference from another: the admin
# actions, crafted (the confirmation's own POST), for every role.

MERGE_WALKS = [
    (model_name, state, role)
    for model_name in ["person", "organization"]
    for state in ["draft", "published"]
    for role in ROLES
]


@pytest.mark.parametrize(("model_name", "state", "role"), MERGE_WALKS)
def test_merge_walk(model_name, state, role):
    kept, removed = build(model_name, state), build(model_name, state)
    model = type(kept)
    client = signed_in(role)
    may_merge = role in CONTENT_ROLES and level(model_name, state) in MAY_DELETE[role]
    where = f"{role} merging {state} {model_name}s"
    selected = {"action": "merge_selected", "_selected_action": [kept.pk, removed.pk]}

    page = client.post(admin_url(model, "changelist"), selected)
    response = client.post(
        admin_url(model, "changelist"), {**selected, "keep": str(kept.pk), "post": "yes"}
    )

    merged = not model.objects.filter(pk=removed.pk).exists()
    assert merged == may_merge, f"{where}: {response.status_code}"
    assert model.objects.filter(pk=kept.pk).exists(), where
    if role not in CONTENT_ROLES:
        assert refused(role, page) and refused(role, response), where
    elif may_merge:
        assert page.status_code == 200, where
        assert response["Location"] == admin_url(kept, "change", kept.pk), where
    else:
        told = [str(message) for message in get_messages(response.wsgi_request)]
        assert any(message.startswith("Nothing was merged") for message in told), where


@pytest.mark.parametrize("state", ["draft", "published"])
@pytest.mark.parametrize("role", ROLES)
def test_start_from_this_walk(state, role):
    original = build("conference", state)
    client = signed_in(role)

    response = client.post(
        admin_url(Conference, "changelist"),
        {"action": "start_from_this", "_selected_action": [original.pk]},
    )

    copies = Conference.objects.exclude(pk=original.pk)
    if role in CONTENT_ROLES:
        copy = copies.get()
        assert copy.publication_status == "draft", role
        assert response["Location"] == admin_url(copy, "change", copy.pk), role
    else:
        assert not copies.exists(), role
        assert refused(role, response), role


# "New from a press release" (partnerships/intake): the paste page, the review and the
# save, crafted, for every role. Those who may add conferences and agreements get a draft
# (never published, whatever their role); the others are refused at each step and
# nothing is written.


@pytest.mark.parametrize("role", ROLES)
def test_press_release_walk(role):
    from partnerships.intake.read import read_release
    from partnerships.intake.review import Review
    from tests.partnerships.intake_forms import SEED_TEXT, posted

    client = signed_in(role)
    url = reverse("admin:partnerships_press_release")
    pasted = {"release": SEED_TEXT, "step": "read"}
    crafted = posted(Review.of(read_release(SEED_TEXT)), release=SEED_TEXT)

    pages = [client.get(url), client.post(url, pasted)]
    saved = client.post(url, crafted)

    if role in CONTENT_ROLES:
        assert [page.status_code for page in pages] == [200, 200], role
        conference = Conference.objects.get()
        assert conference.publication_status == "draft", role
        assert saved["Location"] == admin_url(conference, "change", conference.pk), role
    else:
        assert all(refused(role, response) for response in [*pages, saved]), role
        assert not Conference.objects.exists(), role
