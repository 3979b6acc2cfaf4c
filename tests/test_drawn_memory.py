"""Cards and filter forms drawn once and remembered (config/templating.py): what is
remembered is what a fresh drawing gives, and a change to anything a card or a form
shows is drawn anew, in each language."""

import pytest
from django.template import engines
from django.utils import translation

from events.models import Conference, Organization
from tests.factories import ConferenceFactory, MediaItemFactory, OrganizerFactory

pytestmark = pytest.mark.django_db

LIST = "/en/events/"


def card_of(page: str, title: str) -> str:
    start = page.rindex('<article class="card">', 0, page.index(title))
    return page[start : page.index("</article>", start)]


def test_a_remembered_card_is_the_card_a_fresh_drawing_gives(client):
    conference = ConferenceFactory(title="Pangolin Forum", theme="Trade", city="Nanjing")
    OrganizerFactory(conference=conference, organization__name="Pangolin Bureau")
    MediaItemFactory(conference=conference, caption="Delegates", credit="Photo desk")
    first = card_of(client.get(LIST).content.decode(), "Pangolin Forum")
    again = card_of(client.get(LIST).content.decode(), "Pangolin Forum")
    macros = engines["jinja2"].env.get_template("events/includes/macros.html").module
    from events.cards import conference_cards

    with translation.override("en"):
        record = conference_cards(Conference.objects.filter(pk=conference.pk)).get()
        fresh = str(macros.conference_card(record, "2"))
    assert first == again == fresh.split("</article>")[0]
    assert "Pangolin Bureau" in first and "Delegates" in first and "Nanjing" in first


def test_whatever_a_card_shows_changes_on_the_next_page(client):
    conference = ConferenceFactory(title="Pangolin Forum", city="Nanjing")
    organizer = OrganizerFactory(conference=conference, organization__name="Pangolin Bureau")
    card = card_of(client.get(LIST).content.decode(), "Pangolin Forum")
    assert "Nanjing" in card and "Pangolin Bureau" in card
    changes = [
        (
            lambda: Conference.objects.filter(pk=conference.pk).update(city_en="Suzhou"),
            "Suzhou",
            "Nanjing",
        ),
        (
            lambda: Organization.objects.filter(pk=organizer.organization_id).update(
                name_en="Armadillo Bureau"
            ),
            "Armadillo Bureau",
            "Pangolin Bureau",
        ),
        (lambda: MediaItemFactory(conference=conference, caption="Quay"), "Quay", None),
    ]
    for change, now_shown, gone in changes:
        change()
        # The card itself, not the page's menus (drawn afresh in the tests).
        card = card_of(client.get(LIST).content.decode(), "Pangolin Forum")
        assert now_shown in card
        if gone:
            assert gone not in card
    Conference.objects.filter(pk=conference.pk).update(title_en="Pangolin Fair")
    page = client.get(LIST).content.decode()
    assert "Pangolin Fair" in card_of(page, "Pangolin Fair") and "Pangolin Forum" not in page


def test_each_language_has_its_own_card(client):
    ConferenceFactory(title="Pangolin Forum", title_zh_hans="穿山甲论坛", city="Nanjing")
    english = client.get(LIST).content.decode()
    chinese = client.get("/zh-hans/events/").content.decode()
    assert 'href="/en/events/' in card_of(english, "Pangolin Forum")
    card = card_of(chinese, "穿山甲论坛")
    assert 'href="/zh-hans/events/' in card and "Pangolin Forum" not in card


def form_of(page: str) -> str:
    start = page.index('<form class="filters"')
    return page[start : page.index("</form>", start)]


def test_a_remembered_filter_form_follows_content_and_what_was_asked(client, settings):
    from config.pagecache import bump

    settings.QUERY_CACHE_SECONDS = 600  # menus remembered under the content version
    first = OrganizerFactory(organization__name="Pangolin Bureau").organization
    bump()  # (a commit does it; the tests' transactions never commit)
    assert "Pangolin Bureau" in form_of(client.get(LIST).content.decode())
    second = OrganizerFactory(organization__name="Armadillo Bureau").organization
    assert "Armadillo Bureau" not in form_of(client.get(LIST).content.decode())  # remembered
    bump()
    assert "Armadillo Bureau" in form_of(client.get(LIST).content.decode())
    chosen = client.get(LIST, {"organization": second.slug}).content.decode()
    assert f'<option value="{second.slug}" selected>' in chosen
    assert f'<option value="{first.slug}" selected>' not in chosen
    searched = client.get(LIST, {"q": "pangolin"}).content.decode()
    assert 'value="pangolin"' in searched and "Clear filters" in searched
    plain = client.get(LIST, {"page": "1", "utm_source": "x"}).content.decode()
    assert 'value="pangolin"' not in plain and "Clear filters" not in plain
    assert form_of(plain) == form_of(client.get(LIST).content.decode())


def test_a_participant_shows_a_rename_at_once_on_the_conference_page(client):
    from events.models import Person
    from tests.factories import ParticipationFactory

    participation = ParticipationFactory(person__name="Pangolin Speaker", remarks="Welcome")
    page = participation.conference.get_absolute_url()
    assert "Pangolin Speaker" in client.get(page).content.decode()
    Person.objects.filter(pk=participation.person_id).update(name_en="Armadillo Speaker")
    shown = client.get(page).content.decode()
    assert "Armadillo Speaker" in shown and "Pangolin Speaker" not in shown


def test_a_card_key_tells_apart_values_that_are_equal_but_drawn_differently():
    import datetime as dt
    from decimal import Decimal

    from config.templating import NotAKey, shown

    assert shown(Decimal("1.0")) != shown(Decimal("1.00"))
    assert shown(True) != shown(1)
    assert shown(0.0) != shown(-0.0)
    assert shown(["a", "b"]) != shown({"a": "b"})
    utc = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    assert shown(utc) != shown(utc.astimezone(dt.timezone(dt.timedelta(hours=8))))
    loop: list = []
    loop.append(loop)
    with pytest.raises(NotAKey):
        shown(loop)  # rows pointing back at each other: drawn each time, not a crash
