"""Agenda items on the days of the conference: the rules for a session's date, the agenda
grouped by day on the conference page, and the start and end of a conference of several days."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Session
from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines, inline_rows
from tests.factories import ConferenceFactory, SessionFactory

pytestmark = pytest.mark.django_db

MARCH_3, MARCH_4, MARCH_5 = dt.date(2024, 3, 3), dt.date(2024, 3, 4), dt.date(2024, 3, 5)


def two_day_forum(**fields):
    return ConferenceFactory(title="Two-day forum", start_date=MARCH_3, end_date=MARCH_4, **fields)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def agenda_of(response) -> str:
    html = response.content.decode()
    start = html.index('<h2 id="agenda-heading">')
    return html[start : html.index("</section>", start)]


# --- the rules for a session's date -------------------------------------------------------


@pytest.mark.parametrize("day", [MARCH_3, MARCH_4])
def test_a_session_on_any_day_of_the_conference_is_valid(day):
    session = Session(conference=two_day_forum(), title="Opening", date=day)

    session.full_clean()


@pytest.mark.parametrize("day", [dt.date(2024, 3, 2), MARCH_5])
def test_a_session_outside_the_conference_is_refused_on_its_date(day):
    session = Session(conference=two_day_forum(), title="Opening", date=day)

    with pytest.raises(ValidationError) as refused:
        session.full_clean()

    assert refused.value.message_dict == {
        "date": [
            "The conference is held from 3 March 2024 to 4 March 2024: pick a day within it, "
            "or leave blank."
        ]
    }


def test_a_one_day_conference_takes_sessions_on_its_day_only():
    conference = ConferenceFactory(start_date=MARCH_3)

    Session(conference=conference, title="Opening", date=MARCH_3).full_clean()
    with pytest.raises(ValidationError) as refused:
        Session(conference=conference, title="Dinner", date=MARCH_4).full_clean()

    assert refused.value.message_dict["date"] == [
        "The conference is held on 3 March 2024: pick a day within it, or leave blank."
    ]


def test_a_session_without_a_date_is_on_the_first_day():
    session = SessionFactory(conference=two_day_forum(), date=None)

    session.full_clean()
    assert session.day == MARCH_3
    assert session.starts_at is None


def test_a_session_with_date_and_time_starts_in_the_conference_zone():
    session = SessionFactory(
        conference=two_day_forum(time_zone="Asia/Hong_Kong"),
        date=MARCH_4,
        start_time=dt.time(9, 0),
        end_time=dt.time(10, 30),
    )

    assert session.starts_at.astimezone(dt.UTC) == dt.datetime(2024, 3, 4, 1, 0, tzinfo=dt.UTC)
    assert session.ends_at.astimezone(dt.UTC) == dt.datetime(2024, 3, 4, 2, 30, tzinfo=dt.UTC)


def test_admin_points_at_the_agenda_row_whose_date_is_outside_and_saves_nothing(admin_client):
    data = {
        **conference_form(title="Two-day forum", start_date="2024-03-03", end_date="2024-03-04"),
        **empty_inlines(*CONFERENCE_INLINES),
        **inline_rows(
            "sessions",
            [
                {"title": "Opening", "kind": "speech", "date": "2024-03-03", "order": "1"},
                {"title": "Field trip", "kind": "other", "date": "2024-03-05", "order": "2"},
            ],
        ),
    }

    response = admin_client.post(reverse("admin:events_conference_add"), data)

    assert response.status_code == 200
    sessions = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "sessions"
    )
    assert [form.errors.get("date") for form in sessions.forms] == [
        None,
        [
            "The conference is held from 3 March 2024 to 4 March 2024: pick a day within it, "
            "or leave blank."
        ],
    ]
    assert Session.objects.count() == 0


def test_admin_saves_session_dates_and_sessions_posted_without_one(admin_client):
    data = {
        **conference_form(title="Two-day forum", start_date="2024-03-03", end_date="2024-03-04"),
        **empty_inlines(*CONFERENCE_INLINES),
        **inline_rows(
            "sessions",
            [
                {"title": "Opening", "kind": "speech", "order": "1"},
                {"title": "Visit", "kind": "other", "date": "2024-03-04", "order": "2"},
            ],
        ),
    }

    response = admin_client.post(reverse("admin:events_conference_add"), data)

    assert response.status_code == 302
    assert list(Session.objects.order_by("order").values_list("title", "date")) == [
        ("Opening", None),
        ("Visit", MARCH_4),
    ]


def test_moving_a_conference_away_from_its_sessions_days_is_refused(admin_client):
    conference = two_day_forum(publication_status="draft")
    session = SessionFactory(conference=conference, title="Visit", date=MARCH_4, order=1)
    data = {
        **conference_form(
            title=conference.title,
            slug=conference.slug,
            start_date="2024-03-03",
            end_date="",
        ),
        **empty_inlines(*CONFERENCE_INLINES),
        **inline_rows(
            "sessions",
            [
                {
                    "id": str(session.pk),
                    "conference": str(conference.pk),
                    "title": "Visit",
                    "kind": "speech",
                    "date": "2024-03-04",
                    "order": "1",
                }
            ],
            initial=1,
        ),
    }

    response = admin_client.post(
        reverse("admin:events_conference_change", args=[conference.pk]), data
    )

    assert response.status_code == 200
    assert "The conference is held on 3 March 2024" in response.content.decode()
    conference.refresh_from_db()
    assert conference.end_date == MARCH_4


# --- the page ----------------------------------------------------------------------------


def test_one_day_agenda_has_no_day_headings(client):
    conference = ConferenceFactory(start_date=MARCH_3)
    SessionFactory(conference=conference, title="Opening", start_time=dt.time(9, 0), order=1)
    SessionFactory(conference=conference, title="Signing", date=MARCH_3, order=2)

    agenda = agenda_of(client.get(conference.get_absolute_url()))

    assert "<h3" not in agenda
    assert agenda.count('<ol class="agenda">') == 1
    assert text_of(agenda) == "Agenda 09:00 Opening (speech) Signing (speech)"


def test_two_day_agenda_is_grouped_under_a_heading_per_day(client):
    conference = two_day_forum()
    SessionFactory(conference=conference, title="Site visit", date=MARCH_4, order=1)
    SessionFactory(conference=conference, title="Opening", order=2)  # no date: first day
    SessionFactory(
        conference=conference, title="Panel", date=MARCH_3, start_time=dt.time(14, 0), order=3
    )
    SessionFactory(conference=conference, title="Closing", date=MARCH_4, order=4)

    agenda = agenda_of(client.get(conference.get_absolute_url()))

    assert text_of(agenda) == (
        "Agenda Sunday, 3 March 2024 Opening (speech) 14:00 Panel (speech) "
        "Monday, 4 March 2024 Site visit (speech) Closing (speech)"
    )
    assert re.findall(r'<h3 class="agenda__day"><time datetime="([\d-]+)">', agenda) == [
        "2024-03-03",
        "2024-03-04",
    ]


def test_a_conference_of_several_days_shows_its_start_and_end(client):
    conference = two_day_forum(
        start_time=dt.time(9, 0), end_time=dt.time(18, 0), time_zone="Asia/Hong_Kong"
    )

    html = client.get(conference.get_absolute_url()).content.decode()

    assert (
        '<dd><time datetime="2024-03-03">3–4 March 2024</time>, 09:00–18:00 (Hong Kong time)</dd>'
        in html
    )


def test_the_source_shows_with_only_a_dateline(client):
    conference = ConferenceFactory(source_dateline="HONG KONG")

    html = client.get(conference.get_absolute_url()).content.decode()

    source = html[html.index('<footer class="source">') : html.index("</footer>")]
    assert text_of(source) == "Source HONG KONG"


def test_the_source_shows_with_only_a_dateline_and_date(client):
    conference = ConferenceFactory(source_dateline="HONG KONG", source_date=dt.date(2023, 2, 9))

    html = client.get(conference.get_absolute_url()).content.decode()

    source = html[html.index('<footer class="source">') : html.index("</footer>")]
    assert text_of(source) == "Source HONG KONG, 9 February 2023"


def test_the_source_shows_with_only_a_date(client):
    conference = ConferenceFactory(source_date=dt.date(2023, 2, 9))

    html = client.get(conference.get_absolute_url()).content.decode()

    source = html[html.index('<footer class="source">') : html.index("</footer>")]
    assert text_of(source) == "Source 9 February 2023"


def test_no_source_block_without_source_facts(client):
    conference = ConferenceFactory()

    assert (
        '<footer class="source">' not in client.get(conference.get_absolute_url()).content.decode()
    )
