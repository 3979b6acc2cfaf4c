"""A new conference with its agenda and participants choosing among agenda items typed in
the same form is one save; a wrong reference is an error on the row, and nothing typed
is lost."""

import re

import pytest
from django.urls import reverse

from events.models import Conference, Participation, Session
from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines, inline_rows
from tests.factories import ConferenceFactory, OrganizationFactory, PersonFactory, SessionFactory

pytestmark = pytest.mark.django_db

ADD_CONFERENCE = reverse("admin:events_conference_add")


def conference_post(main: dict, initial: dict | None = None, **inlines) -> dict:
    data = {**main, **empty_inlines(*CONFERENCE_INLINES)}
    for prefix, rows in inlines.items():
        data.update(inline_rows(prefix, rows, (initial or {}).get(prefix, 0)))
    return data


def agenda(*titles):
    return [
        {"title": title, "kind": "speech", "order": str(index)}
        for index, title in enumerate(titles, 1)
    ]


def participant(person, session, order="1"):
    return {"person": person.pk, "role": "speaker", "session": session, "order": order}


def session_menu(response, index):
    """The options of participant row ``index``'s agenda menu, as drawn: (value, label, chosen)."""
    html = response.content.decode()
    select = re.search(
        rf'<select name="participations-{index}-session"[^>]*>(.*?)</select>', html, re.S
    )
    assert select, f"no agenda menu on participant row {index}"
    return [
        (value, label.strip(), bool(chosen))
        for value, chosen, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1)
        )
    ]


def row_errors(response, prefix, index):
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    return formset.forms[index].errors


def test_a_new_conference_with_a_participant_on_a_new_agenda_item_is_one_save(admin_client):
    speaker, host = PersonFactory(name="Chen Zhichang"), PersonFactory(name="Li Wei")
    organizer = OrganizationFactory(name="Nanjing Municipal People's Government")

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(title="Two-day forum"),
            organizers=[{"organization": organizer.pk, "role": "organizer", "order": "0"}],
            sessions=agenda("Opening", "Keynote by video"),
            participations=[
                participant(speaker, "new:sessions-1", "1"),
                participant(host, "new:sessions-0", "2"),
            ],
            key_figures=[{"value": "12", "label": "agreements signed", "order": "1"}],
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    conference = Conference.objects.get()
    linked = {p.person.name: p.session.title for p in conference.participations.all()}
    assert linked == {"Chen Zhichang": "Keynote by video", "Li Wei": "Opening"}
    assert {s.conference for s in Session.objects.all()} == {conference}


def test_a_reference_to_a_removed_agenda_item_is_an_error_on_that_row_and_keeps_the_input(
    admin_client,
):
    speaker = PersonFactory(name="Chen Zhichang")
    sessions = agenda("Opening", "Keynote by video")
    sessions[0]["DELETE"] = "on"

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(title="Two-day forum"),
            sessions=sessions,
            participations=[participant(speaker, "new:sessions-0")],
        ),
    )

    assert response.status_code == 200
    assert "removed or has errors" in str(row_errors(response, "participations", 0)["session"])
    assert Conference.objects.count() == Session.objects.count() == 0
    assert Participation.objects.count() == 0
    # Drawn again with the typed agenda items offered and the choice kept.
    menu = session_menu(response, 0)
    assert ("new:sessions-0", "Opening (new)", True) in menu
    assert ("new:sessions-1", "Keynote by video (new)", False) in menu
    assert 'value="Keynote by video"' in response.content.decode()


def test_a_reference_to_an_agenda_item_in_error_is_an_error_on_both_rows(admin_client):
    speaker = PersonFactory(name="Chen Zhichang")
    sessions = agenda("Backwards")
    sessions[0].update(start_time="10:00", end_time="09:00")

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(title="Forum"),
            sessions=sessions,
            participations=[participant(speaker, "new:sessions-0")],
        ),
    )

    assert response.status_code == 200
    assert row_errors(response, "sessions", 0)
    assert "removed or has errors" in str(row_errors(response, "participations", 0)["session"])
    assert Conference.objects.count() == 0


@pytest.mark.parametrize(
    "reference", ["new:sessions-5", "new:organizers-0", "new:sessions-x", "new:"]
)
def test_a_reference_to_no_typed_agenda_item_is_an_error_on_that_row(admin_client, reference):
    speaker = PersonFactory(name="Chen Zhichang")

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(title="Forum"),
            sessions=agenda("Opening"),
            participations=[participant(speaker, reference)],
        ),
    )

    assert response.status_code == 200
    assert "Choose an item of this form" in str(
        row_errors(response, "participations", 0)["session"]
    )
    assert Conference.objects.count() == 0


def test_an_existing_conference_offers_saved_and_new_agenda_items(admin_client):
    conference = ConferenceFactory(title="Forum", start_date="2023-02-08")
    saved = SessionFactory(conference=conference, title="Opening", order=1)
    first, second = PersonFactory(name="Chen Zhichang"), PersonFactory(name="Li Wei")
    url = reverse("admin:events_conference_change", args=[conference.pk])

    page = admin_client.get(url)
    assert ("", "---------", True) in session_menu_of_empty_row(page)
    assert (str(saved.pk), str(saved), False) in session_menu_of_empty_row(page)
    assert "events/admin/new_rows.js" in page.content.decode()

    response = admin_client.post(
        url,
        conference_post(
            conference_form(title=conference.title, slug=conference.slug),
            initial={"sessions": 1},
            sessions=[
                {
                    "id": saved.pk,
                    "conference": conference.pk,
                    "title": "Opening",
                    "kind": "speech",
                    "order": "1",
                },
                {"title": "Closing", "kind": "speech", "order": "2"},
            ],
            participations=[
                participant(first, str(saved.pk), "1"),
                participant(second, "new:sessions-1", "2"),
            ],
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    linked = {p.person.name: p.session.title for p in conference.participations.all()}
    assert linked == {"Chen Zhichang": "Opening", "Li Wei": "Closing"}


def test_a_saved_agenda_item_is_not_a_new_row_reference(admin_client):
    """``new:`` names rows typed in this form only, not the saved ones by their place."""
    conference = ConferenceFactory(title="Forum", start_date="2023-02-08")
    saved = SessionFactory(conference=conference, title="Opening", order=1)
    person = PersonFactory(name="Chen Zhichang")
    url = reverse("admin:events_conference_change", args=[conference.pk])

    response = admin_client.post(
        url,
        conference_post(
            conference_form(title=conference.title, slug=conference.slug),
            initial={"sessions": 1},
            sessions=[
                {
                    "id": saved.pk,
                    "conference": conference.pk,
                    "title": "Opening",
                    "kind": "speech",
                    "order": "1",
                }
            ],
            participations=[participant(person, "new:sessions-0")],
        ),
    )

    assert response.status_code == 200
    assert "Choose an item of this form" in str(
        row_errors(response, "participations", 0)["session"]
    )
    assert not conference.participations.exists()


def session_menu_of_empty_row(response):
    html = response.content.decode()
    select = re.search(
        r'<select name="participations-__prefix__-session"([^>]*)>(.*?)</select>', html, re.S
    )
    assert select, "no agenda menu on the new participant row"
    assert 'data-new-rows-from="sessions"' in select.group(1)
    return [
        (value, label.strip(), bool(chosen))
        for value, chosen, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(2)
        )
    ]


def test_a_removed_participant_row_with_a_wrong_reference_is_simply_not_saved(admin_client):
    speaker, gone = PersonFactory(name="Chen Zhichang"), PersonFactory(name="Li Wei")
    removed = participant(gone, "new:sessions-7", "2")
    removed["DELETE"] = "on"

    response = admin_client.post(
        ADD_CONFERENCE,
        conference_post(
            conference_form(title="Forum"),
            sessions=agenda("Opening"),
            participations=[participant(speaker, "new:sessions-0"), removed],
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    conference = Conference.objects.get()
    assert [(p.person.name, p.session.title) for p in conference.participations.all()] == [
        ("Chen Zhichang", "Opening")
    ]
