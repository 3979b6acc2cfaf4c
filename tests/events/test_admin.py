import re

import pytest
from django.urls import reverse

from events.models import Conference, Participation, Person, Position
from tests.admin_forms import (
    CONFERENCE_INLINES,
    conference_form,
    empty_inlines,
    inline_rows,
)
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    SessionFactory,
    SignatoryFactory,
)

pytestmark = pytest.mark.django_db

ADD_CONFERENCE = reverse("admin:events_conference_add")


def conference_post(main: dict, **inlines) -> dict:
    data = {**main, **empty_inlines(*CONFERENCE_INLINES)}
    for prefix, rows in inlines.items():
        data.update(inline_rows(prefix, rows))
    return data


def test_admin_adds_a_conference_with_organizer_agenda_and_participants(admin_client):
    nanjing = OrganizationFactory(name="Nanjing Municipal People's Government")
    han = PersonFactory(name="Han Liming")
    standing = PositionFactory(person=han, title="Member of the Standing Committee")
    secretary = PositionFactory(person=han, title="Secretary")
    chen = PersonFactory(name="Chen Zhichang")
    mayor = PositionFactory(person=chen, organization=nanjing, title="Mayor of Nanjing")

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(
                title="Nanjing Promotion Conference",
                theme="Gathering in Hong Kong for a Better Future",
            ),
            organizers=[{"organization": nanjing.pk, "role": "organizer", "order": "0"}],
            sessions=[{"title": "Video address", "kind": "video_address", "order": "1"}],
            participations=[
                {
                    "person": han.pk,
                    "role": "keynote",
                    "remote": "on",
                    "posts_held": [standing.pk, secretary.pk],
                    "remarks": "Nanjing has a long and deep relationship with Hong Kong.",
                    "order": "1",
                },
                {"person": chen.pk, "role": "speaker", "posts_held": [mayor.pk], "order": "2"},
            ],
            key_figures=[
                {
                    "value": "5720",
                    "qualifier": "more_than",
                    "label": "Hong Kong-funded projects",
                    "order": "1",
                }
            ],
        ),
    )

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    conference = Conference.objects.get()
    assert conference.slug == "nanjing-promotion-conference"
    assert conference.publication_status == "draft"
    assert [o.organization for o in conference.organizers.all()] == [nanjing]
    participations = {p.person.name: p for p in conference.participations.all()}
    assert participations["Han Liming"].remote is True
    assert set(participations["Han Liming"].positions.all()) == {standing, secretary}
    assert list(participations["Chen Zhichang"].positions.all()) == [mayor]
    assert str(conference.key_figures.get()) == "more than 5,720 Hong Kong-funded projects"


def test_admin_gives_a_chinese_only_title_a_real_slug(admin_client):
    response = admin_client.post(
        ADD_CONFERENCE, conference_post(conference_form(title="南京推介会（香港）"))
    )

    assert response.status_code == 302
    assert Conference.objects.get().slug == "南京推介会香港"


def test_admin_refuses_a_conference_ending_before_it_starts_and_saves_nothing(admin_client):
    person = PersonFactory()

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(title="Backwards", start_date="2023-02-08", end_date="2023-02-01"),
            participations=[{"person": person.pk, "role": "speaker", "order": "1"}],
        ),
    )

    assert response.status_code == 200
    assert "A conference cannot end before it starts." in response.content.decode()
    assert Conference.objects.count() == 0
    assert Participation.objects.count() == 0


def test_admin_refuses_a_slug_that_is_taken(admin_client):
    ConferenceFactory(title="First", slug="nanjing-2023")

    response = admin_client.post(
        ADD_CONFERENCE, conference_post(conference_form(title="Second", slug="nanjing-2023"))
    )

    assert response.status_code == 200
    assert "Conference with this Slug already exists." in response.content.decode()


def test_admin_refuses_posts_held_by_someone_else(admin_client):
    han = PersonFactory(name="Han Liming")
    other_post = PositionFactory(title="Mayor of Nanjing")

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(title="Mix-up"),
            participations=[
                {"person": han.pk, "role": "speaker", "posts_held": [other_post.pk], "order": "1"}
            ],
        ),
    )

    assert response.status_code == 200
    assert "Choose posts held by Han Liming" in response.content.decode()
    assert Conference.objects.count() == 0


def test_admin_refuses_a_post_ending_before_it_starts(admin_client):
    organization = OrganizationFactory()
    data = {"name": "Chen Zhichang", "slug": "", "name_alt": "", "bio": ""}
    data.update(
        inline_rows(
            "positions",
            [
                {
                    "title": "Mayor of Nanjing",
                    "organization": organization.pk,
                    "start_date": "2022-01-01",
                    "end_date": "2021-01-01",
                    "order": "0",
                }
            ],
        )
    )

    response = admin_client.post(reverse("admin:events_person_add"), data)

    assert response.status_code == 200
    assert "A post cannot end before it starts." in response.content.decode()
    assert Person.objects.count() == 0
    assert Position.objects.count() == 0


def test_admin_refuses_to_delete_an_organization_that_is_a_party(admin_client):
    party = PartyFactory(agreement__title="Strategic cooperation agreement")
    url = reverse("admin:events_organization_delete", args=[party.organization.pk])

    page = admin_client.get(url)
    response = admin_client.post(url, {"post": "yes"})

    assert "would require deleting the following protected related objects" in (
        page.content.decode()
    )
    assert "Strategic cooperation agreement" in page.content.decode()
    assert response.status_code == 200
    assert party.organization.__class__.objects.filter(pk=party.organization.pk).exists()


def test_admin_refuses_to_delete_a_person_who_signed(admin_client):
    signatory = SignatoryFactory(agreement__title="Framework agreement on green finance")
    url = reverse("admin:events_person_delete", args=[signatory.person.pk])

    page = admin_client.get(url)
    admin_client.post(url, {"post": "yes"})

    assert "Framework agreement on green finance" in page.content.decode()
    assert "protected related objects" in page.content.decode()
    assert Person.objects.filter(pk=signatory.person.pk).exists()


def test_admin_refuses_to_delete_a_person_who_took_part(admin_client):
    participation = ParticipationFactory(conference__title="Nanjing Promotion Conference")
    url = reverse("admin:events_person_delete", args=[participation.person.pk])

    page = admin_client.get(url)

    assert "protected related objects" in page.content.decode()
    assert "Nanjing Promotion Conference" in page.content.decode()


def test_publish_and_unpublish_actions(admin_client):
    drafts = ConferenceFactory.create_batch(2, publication_status="draft")
    changelist = reverse("admin:events_conference_changelist")

    response = admin_client.post(
        changelist,
        {"action": "publish", "_selected_action": [c.pk for c in drafts]},
        follow=True,
    )

    assert "Published 2 records." in response.content.decode()
    assert Conference.objects.published().count() == 2
    assert all(c.published_at for c in Conference.objects.all())

    response = admin_client.post(
        changelist,
        {"action": "unpublish", "_selected_action": [drafts[0].pk]},
        follow=True,
    )

    assert "Unpublished 1 record." in response.content.decode()
    assert Conference.objects.published().count() == 1


def test_conference_change_page_links_to_the_public_page(admin_client):
    conference = ConferenceFactory(title="南京推介会")

    response = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    link = reverse("admin:view_on_site", args=[response.context["content_type_id"], conference.pk])
    assert f'href="{link}"' in response.content.decode()
    redirect = admin_client.get(link)
    assert redirect.status_code == 302
    assert redirect["Location"].endswith(conference.get_absolute_url())


def test_admin_refuses_a_session_ending_before_it_starts(admin_client):
    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(title="Backwards agenda"),
            sessions=[
                {
                    "title": "Opening",
                    "kind": "speech",
                    "start_time": "10:00",
                    "end_time": "09:00",
                    "order": "1",
                }
            ],
        ),
    )

    assert response.status_code == 200
    assert "A session cannot end before it starts." in response.content.decode()
    assert Conference.objects.count() == 0


def test_admin_suggested_slug_that_is_taken_becomes_unique(admin_client):
    ConferenceFactory(title="Nanjing Promotion Conference")

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(
                title="Nanjing Promotion Conference", slug="nanjing-promotion-conference"
            )
        ),
    )

    assert response.status_code == 302
    assert Conference.objects.filter(slug="nanjing-promotion-conference-2").exists()


def test_admin_refuses_a_slug_the_site_uses_itself(admin_client):
    response = admin_client.post(
        ADD_CONFERENCE, conference_post(conference_form(title="News", slug="feed"))
    )

    assert response.status_code == 200
    assert "“feed” is used by the site itself; choose another slug." in response.content.decode()


def test_admin_refuses_to_delete_a_post_held_at_a_conference(admin_client):
    post = PositionFactory(title="Mayor of Nanjing", person__name="Chen Zhichang")
    ParticipationFactory(person=post.person, conference__title="Nanjing 2023").positions.add(post)
    data = {"name": "Chen Zhichang", "slug": post.person.slug, "name_alt": "", "bio": ""}
    data.update(
        inline_rows(
            "positions",
            [
                {
                    "id": post.pk,
                    "person": post.person.pk,
                    "title": "Mayor of Nanjing",
                    "organization": post.organization.pk,
                    "order": "0",
                    "DELETE": "on",
                }
            ],
            initial=1,
        )
    )

    response = admin_client.post(reverse("admin:events_person_change", args=[post.person.pk]), data)

    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert Position.objects.filter(pk=post.pk).exists()


def test_session_choices_are_this_conferences_own(admin_client):
    mine = SessionFactory(title="Video address")
    SessionFactory(title="Someone else's session")

    change = admin_client.get(reverse("admin:events_conference_change", args=[mine.conference.pk]))
    add = admin_client.get(ADD_CONFERENCE)

    def session_choices(response):
        formset = next(
            f.formset
            for f in response.context["inline_admin_formsets"]
            if f.formset.prefix == "participations"
        )
        return [str(session) for session in formset.empty_form.fields["session"].queryset]

    assert session_choices(change) == ["Video address"]
    assert session_choices(add) == []


def test_a_blank_country_is_named_in_the_changelist_filters_never_an_empty_link(admin_client):
    ConferenceFactory(title="Somewhere", country="")
    ConferenceFactory(title="In China", country="China")
    OrganizationFactory(name="Nowhere in particular", country="")

    for url in ("/admin/events/conference/", "/admin/events/organization/"):
        html = admin_client.get(url).content.decode()
        links = re.findall(r'<a href="\?country=[^"]*"[^>]*>([^<]*)</a>', html)
        assert links and all(text.strip() for text in links), (url, links)
        assert '<a href="?country=">-</a>' in html, url
