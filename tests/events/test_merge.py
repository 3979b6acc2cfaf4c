"""People and organizations entered twice: the warning on a name already taken, and the
merge that makes two records one (every reference moved, nothing lost, history kept)."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from events.models import (
    Organization,
    OrganizationAlias,
    Organizer,
    Participation,
    Person,
    Position,
)
from partnerships.models import Party, Signatory
from tests.admin_forms import in_english, inline_rows, rendered_form_data
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    SignatoryFactory,
)

pytestmark = pytest.mark.django_db


def signed_in(role) -> Client:
    user = User.objects.create_user(f"{role.lower()}-merger", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def person_form(**fields) -> dict:
    data = {"name": "", "slug": "", "name_alt": "", "bio": "", **inline_rows("positions", [])}
    data.update(fields)
    return in_english("events.Person", data)


def organization_form(aliases=(), **fields) -> dict:
    data = {
        "name": "",
        "slug": "",
        "short_name": "",
        "kind": "government",
        "city": "",
        "region": "",
        "country": "",
        "website": "",
        "description": "",
        **inline_rows("aliases", [{"name": alias} for alias in aliases]),
    }
    data.update(fields)
    return in_english("events.Organization", data)


def change_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def changelist(model) -> str:
    return reverse(f"admin:events_{model._meta.model_name}_changelist")


def merge(client, model, kept, removed, **extra):
    return client.post(
        changelist(model),
        {
            "action": "merge_selected",
            "_selected_action": [kept.pk, removed.pk],
            "keep": str(kept.pk),
            "post": "yes",
            **extra,
        },
    )


# Warnings.


def test_adding_a_person_whose_other_name_exists_warns_with_a_link(admin_client):
    existing = PersonFactory(name="Chen Zhichang", name_alt="陈之常")

    response = admin_client.post(
        reverse("admin:events_person_add"), person_form(name="CHEN ZHICHANG")
    )

    added = Person.objects.get(name="CHEN ZHICHANG")  # a warning: the save went through
    assert response.status_code == 302
    [warning] = [m for m in told(response) if "already has" in m]
    assert f'<a href="{change_url(existing)}">Chen Zhichang</a>' in warning
    assert added.pk != existing.pk
    # By the other name.
    response = admin_client.post(
        reverse("admin:events_person_add"), person_form(name="Mayor Chen", name_alt="陈之常")
    )
    assert any(change_url(existing) in m for m in told(response))


def test_adding_an_organization_whose_short_name_is_an_alias_warns(admin_client):
    existing = OrganizationFactory(name="Hong Kong Trade Development Council")
    OrganizationAliasFactory(organization=existing, name="ＨＫＴＤＣ")  # full-width

    response = admin_client.post(
        reverse("admin:events_organization_add"),
        organization_form(name="HK Trade Development Council", short_name="hktdc"),
    )

    assert response.status_code == 302
    assert any(f'<a href="{change_url(existing)}">' in m for m in told(response))
    assert Organization.objects.count() == 2


def test_a_short_name_in_many_records_text_still_finds_the_namesake(admin_client):
    from events import services

    services.bulk_create(
        Organization, [Organization(name=f"Cab company {n}", slug=f"cab-{n}") for n in range(600)]
    )
    existing = OrganizationFactory(name="Asian Bank", short_name="AB")

    response = admin_client.post(
        reverse("admin:events_organization_add"), organization_form(name="A. Bank", short_name="ab")
    )

    assert [m for m in told(response) if "already has" in m] == [
        "“A. Bank” has a name that another record already has: "
        f'<a href="{change_url(existing)}">Asian Bank</a>. If it is the same organization, merge '
        "them (select both in the list, then “Merge selected into one…”)."
    ]


def test_an_alias_added_that_another_organization_has_as_its_name_warns(admin_client):
    existing = OrganizationFactory(name="Nanjing Municipal Government")
    other = OrganizationFactory(name="Nanjing Municipal People's Government")
    url = change_url(other)
    data = rendered_form_data(admin_client.get(url))
    data.update(inline_rows("aliases", [{"name": "Nanjing municipal government"}]))

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert any(change_url(existing) in m for m in told(response))


def test_a_name_no_one_has_and_a_change_that_keeps_the_names_warn_of_nothing(admin_client):
    PersonFactory(name="Chen Zhichang")
    patrick = PersonFactory(name="Patrick Lau")

    added = admin_client.post(reverse("admin:events_person_add"), person_form(name="Chen Zhi"))
    data = rendered_form_data(admin_client.get(change_url(patrick)))
    data["bio"] = "Deputy Executive Director of HKTDC."
    changed = admin_client.post(change_url(patrick), data)

    assert not [m for m in told(added) + told(changed) if "already has" in m]


def test_renaming_a_person_to_a_name_taken_warns(admin_client):
    existing = PersonFactory(name="Han Liming")
    other = PersonFactory(name="H. Liming")
    data = rendered_form_data(admin_client.get(change_url(other)))
    data["name_en"] = "han  liming"

    response = admin_client.post(change_url(other), data)

    assert any(change_url(existing) in m for m in told(response))


# Merging people.


def two_people():
    """Patrick Lau entered twice, each with rows, two of them clashing."""
    kept = PersonFactory(name="Patrick Lau", bio="")
    removed = PersonFactory(name="Lau Patrick", name_alt="劉會平", bio="Deputy Executive Director.")
    hktdc = OrganizationFactory(name="HKTDC")
    post = PositionFactory(person=removed, organization=hktdc, title="Deputy Executive Director")
    own = ParticipationFactory(person=removed, role="speaker", remarks="Green finance.")
    own.positions.add(post)
    both_at = ConferenceFactory(title="Both spoke here")
    kept_there = ParticipationFactory(conference=both_at, person=kept, role="speaker", quote="")
    removed_there = ParticipationFactory(
        conference=both_at, person=removed, role="speaker", quote="Hong Kong is ready."
    )
    removed_there.positions.add(post)
    guest = ParticipationFactory(conference=both_at, person=removed, role="guest")
    signed = SignatoryFactory(person=removed, position=post)
    both_signed = AgreementFactory(title="Both signed")
    kept_signature = SignatoryFactory(agreement=both_signed, person=kept)
    party = PartyFactory(agreement=both_signed)
    SignatoryFactory(agreement=both_signed, person=removed, party=party, position=post)
    return {
        "kept": kept,
        "removed": removed,
        "post": post,
        "own": own,
        "kept_there": kept_there,
        "guest": guest,
        "signed": signed,
        "kept_signature": kept_signature,
        "party": party,
    }


def test_merging_people_moves_every_reference_and_resolves_clashes(admin_client):
    rows = two_people()
    kept, removed = rows["kept"], rows["removed"]
    participations, signatures = Participation.objects.count(), Signatory.objects.count()

    response = merge(admin_client, Person, kept, removed)

    assert response.status_code == 302
    assert response["Location"] == change_url(kept)
    assert not Person.objects.filter(pk=removed.pk).exists()
    assert Position.objects.get(pk=rows["post"].pk).person == kept
    assert Participation.objects.get(pk=rows["own"].pk).person == kept
    assert Participation.objects.get(pk=rows["guest"].pk).person == kept
    assert Signatory.objects.get(pk=rows["signed"].pk).person == kept
    # The clashes: one speaker row and one signature each, holding what both had.
    assert Participation.objects.count() == participations - 1
    speaker = Participation.objects.get(pk=rows["kept_there"].pk)
    assert (speaker.quote, list(speaker.positions.all())) == ("Hong Kong is ready.", [rows["post"]])
    assert Signatory.objects.count() == signatures - 1
    signature = Signatory.objects.get(pk=rows["kept_signature"].pk)
    assert (signature.party, signature.position) == (rows["party"], rows["post"])
    # Names and blank fields.
    kept.refresh_from_db()
    assert (kept.name, kept.name_alt, kept.bio) == (
        "Patrick Lau",
        "劉會平",
        "Deputy Executive Director.",
    )
    messages = told(response)
    assert any("Both were speaker at “Both spoke here”" in m for m in messages)
    assert any("Both signed “Both signed”" in m for m in messages)
    assert any("The name “Lau Patrick” was not kept" in m for m in messages)


def test_a_merge_is_in_history_and_the_record_merged_away_can_be_recovered(admin_client):
    rows = two_people()
    kept, removed = rows["kept"], rows["removed"]
    merge(admin_client, Person, kept, removed)

    version = Version.objects.get_for_model(Person).filter(object_id=str(removed.pk)).get()
    assert version.revision.user.username == "admin"
    assert version.revision.comment == (
        f"Merged into “Patrick Lau” (id {kept.pk}); as it was before."
    )
    merged = Version.objects.get_for_object(kept).first().revision
    assert merged.comment == f"Merged “Lau Patrick” (id {removed.pk}) into this record."
    assert merged.user.username == "admin"
    assert Version.objects.get_for_object(rows["post"]).first().revision == merged

    url = reverse("admin:events_person_recover", args=[version.pk])
    response = admin_client.post(url, rendered_form_data(admin_client.get(url)))

    assert response.status_code == 302
    recovered = Person.objects.get(pk=removed.pk)
    assert (recovered.name, recovered.name_alt) == ("Lau Patrick", "劉會平")
    # The rows stay with the record kept.
    assert Position.objects.get(pk=rows["post"].pk).person == kept


def test_the_name_of_a_person_merged_away_becomes_the_other_name(admin_client):
    kept, removed = PersonFactory(name="韩立明", name_alt=""), PersonFactory(name="Han Liming")

    response = merge(admin_client, Person, kept, removed)

    kept.refresh_from_db()
    assert kept.name_alt == "Han Liming"
    assert "“Han Liming” is now the other name of “韩立明”." in told(response)
    assert Person.objects.filter(search_text__contains="han liming").get() == kept


def test_the_confirmation_page_asks_which_record_to_keep(admin_client):
    kept, removed = PersonFactory(name="Han Liming"), PersonFactory(name="韩立明")
    data = {"action": "merge_selected", "_selected_action": [kept.pk, removed.pk]}

    page = admin_client.post(changelist(Person), data)
    no_choice = admin_client.post(changelist(Person), {**data, "post": "yes"})

    assert page.status_code == 200
    content = page.content.decode()
    assert f'name="keep" value="{kept.pk}"' in content and "韩立明" in content
    assert no_choice.status_code == 200
    assert "Choose the record to keep." in told(no_choice)
    assert Person.objects.count() == 2


def test_merging_takes_exactly_two(admin_client):
    people = [PersonFactory() for _ in range(3)]
    response = admin_client.post(
        changelist(Person),
        {
            "action": "merge_selected",
            "_selected_action": [p.pk for p in people],
            "keep": str(people[0].pk),
            "post": "yes",
        },
    )

    assert "Select exactly two people to merge." in told(response)
    assert Person.objects.count() == 3


# Merging organizations.


def test_merging_organizations_moves_every_reference_and_resolves_clashes(admin_client):
    kept = OrganizationFactory(name="Nanjing Municipal People's Government", short_name="")
    removed = OrganizationFactory(name="Nanjing Municipal Government", short_name="NMG", city="")
    OrganizationAliasFactory(organization=removed, name="南京市人民政府")
    OrganizationAliasFactory(organization=removed, name="nanjing municipal people's government")
    post = PositionFactory(organization=removed, title="Mayor of Nanjing")
    organizer = OrganizerFactory(organization=removed, role="organizer")
    both = ConferenceFactory(title="Both organized")
    kept_organizer = OrganizerFactory(conference=both, organization=kept, role="organizer")
    OrganizerFactory(conference=both, organization=removed, role="supporter")
    party = PartyFactory(organization=removed)
    both_parties = AgreementFactory(title="Both parties")
    kept_party = PartyFactory(agreement=both_parties, organization=kept)
    removed_party = PartyFactory(agreement=both_parties, organization=removed)
    signatory = SignatoryFactory(agreement=both_parties, party=removed_party)
    parties, organizers = Party.objects.count(), Organizer.objects.count()

    response = merge(admin_client, Organization, kept, removed)

    assert response.status_code == 302
    assert not Organization.objects.filter(pk=removed.pk).exists()
    assert Position.objects.get(pk=post.pk).organization == kept
    assert Organizer.objects.get(pk=organizer.pk).organization == kept
    assert Party.objects.get(pk=party.pk).organization == kept
    assert Organizer.objects.count() == organizers - 1
    assert Organizer.objects.get(conference=both).pk == kept_organizer.pk
    assert Party.objects.count() == parties - 1
    assert Signatory.objects.get(pk=signatory.pk).party_id == kept_party.pk
    kept.refresh_from_db()
    assert kept.short_name == "NMG"
    assert sorted(
        OrganizationAlias.objects.filter(organization=kept).values_list("name", flat=True)
    ) == [
        "Nanjing Municipal Government",
        "南京市人民政府",
    ]
    messages = told(response)
    assert any(
        "Both organized “Both organized”" in m and "(supporter) was removed" in m for m in messages
    )
    assert any("Both were parties to “Both parties”" in m for m in messages)
    # Found by its old name now.
    assert (
        Organization.objects.filter(search_text__contains="nanjing municipal government").get()
        == kept
    )


# Rights.


def test_an_editor_cannot_merge_away_a_person_a_published_record_shows():
    shown = SignatoryFactory(agreement=AgreementFactory(publication_status="published")).person
    draft = PersonFactory(name="Draft namesake")
    editor = signed_in("Editor")

    crafted = merge(editor, Person, draft, shown)  # keep the draft, remove the shown one

    assert Person.objects.filter(pk=shown.pk).exists()
    assert Signatory.objects.get(person=shown).person == shown
    assert any(m.startswith("Nothing was merged") for m in told(crafted))
    # The other way round is theirs to do.
    allowed = merge(editor, Person, shown, draft)
    assert allowed.status_code == 302
    assert not Person.objects.filter(pk=draft.pk).exists()


def test_merging_needs_the_right_to_delete_at_all():
    first, second = PersonFactory(), PersonFactory()
    for role in ["Editor", "Publisher", "Administrator"]:
        group = Group.objects.get(name=role)
        assert group.permissions.filter(codename="delete_person").exists(), role
    staff = User.objects.create_user("no-role", password="x", is_staff=True)
    client = Client()
    client.force_login(staff)

    response = merge(client, Person, first, second)

    assert response.status_code == 403
    assert Person.objects.count() == 2


def test_an_administrator_merges_people_that_published_records_show(admin_client):
    first = SignatoryFactory(agreement=AgreementFactory(publication_status="published")).person
    second = ParticipationFactory(conference=ConferenceFactory(publication_status="published"))
    second = second.person

    response = merge(signed_in("Administrator"), Person, first, second)

    assert response.status_code == 302
    assert not Person.objects.filter(pk=second.pk).exists()
    assert Participation.objects.get().person == first


def test_a_merge_that_would_leave_rows_behind_changes_nothing(monkeypatch):
    """An app above events that registered no merge step (here: partnerships' step taken
    out of the registry) leaves rows naming the record: the merge stops, whole."""
    from events import services

    kept, removed = PersonFactory(name="Kept"), PersonFactory(name="Removed", bio="Kept bio")
    post = PositionFactory(person=removed)
    signature = SignatoryFactory(person=removed)
    monkeypatch.setitem(services._merge_steps, Person, [])

    with pytest.raises(services.MergeRefused):
        services.merge(kept, removed)

    assert Person.objects.filter(pk=removed.pk).exists()
    assert Position.objects.get(pk=post.pk).person_id == removed.pk
    assert Signatory.objects.get(pk=signature.pk).person_id == removed.pk
    assert Person.objects.get(pk=kept.pk).bio == ""
    assert not Version.objects.get_for_model(Person).exists()
