import datetime as dt
from html.parser import HTMLParser

import pytest

from tests.factories import (
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    TopicFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [conference.title for conference in response.context["object_list"]]


@pytest.fixture
def conferences():
    nanjing = OrganizationFactory(name="Nanjing Municipal People's Government", slug="nanjing")
    OrganizationAliasFactory(organization=nanjing, name="Nanjing Municipal Government")
    OrganizationAliasFactory(organization=nanjing, name="南京市人民政府")
    hktdc = OrganizationFactory(name="Hong Kong Trade Development Council", short_name="HKTDC")
    green = TopicFactory(name="Green finance")
    first = ConferenceFactory(
        title="Nanjing Promotion Conference",
        start_date=dt.date(2023, 2, 8),
        city="Hong Kong",
        theme="Gathering in Hong Kong for a Better Future",
    )
    first.topics.add(green)
    OrganizerFactory(conference=first, organization=nanjing)
    lau = PositionFactory(person__name="Patrick Lau", organization=hktdc)
    ParticipationFactory(conference=first, person=lau.person).positions.add(lau)
    second = ConferenceFactory(
        title="南京投资推介会", start_date=dt.date(2024, 5, 10), city="Macao", summary="澳门"
    )
    ParticipationFactory(
        conference=second, person=PersonFactory(name="Han Liming", name_alt="韩立明")
    )
    third = ConferenceFactory(title="Shanghai Forum", start_date=dt.date(2099, 1, 1), city="上海")
    return first, second, third


def test_search_by_title_theme_and_topic(client, conferences):
    assert titles(client.get("/en/events/?q=better+future")) == ["Nanjing Promotion Conference"]
    assert titles(client.get("/en/events/?q=green+finance")) == ["Nanjing Promotion Conference"]


def test_search_finds_organizers_by_any_of_their_names(client, conferences):
    for query in ["Municipal Government", "南京市人民政府", "People's Government"]:
        assert titles(client.get("/en/events/", {"q": query})) == ["Nanjing Promotion Conference"]


def test_search_finds_people_by_either_name_and_chinese_titles(client, conferences):
    assert titles(client.get("/en/events/", {"q": "韩立明"})) == ["南京投资推介会"]
    assert titles(client.get("/en/events/", {"q": "Han Liming"})) == ["南京投资推介会"]
    assert titles(client.get("/en/events/", {"q": "投资"})) == ["南京投资推介会"]


def test_filter_by_year_city_organization_person_topic(client, conferences):
    assert titles(client.get("/en/events/?year=2024")) == ["南京投资推介会"]
    assert titles(client.get("/en/events/?city=hong-kong")) == ["Nanjing Promotion Conference"]
    assert titles(client.get("/en/events/?city=上海")) == ["Shanghai Forum"]
    assert titles(client.get("/en/events/?organization=nanjing")) == [
        "Nanjing Promotion Conference"
    ]
    assert titles(client.get("/en/events/?organization=hong-kong-trade-development-council")) == [
        "Nanjing Promotion Conference"
    ]
    assert titles(client.get("/en/events/?person=han-liming")) == ["南京投资推介会"]
    assert titles(client.get("/en/events/?topic=green-finance")) == ["Nanjing Promotion Conference"]


def test_upcoming_and_past(client, conferences):
    assert titles(client.get("/en/events/?when=upcoming")) == ["Shanghai Forum"]
    assert titles(client.get("/en/events/?when=past")) == [
        "南京投资推介会",
        "Nanjing Promotion Conference",
    ]


def test_sort_options(client, conferences):
    assert titles(client.get("/en/events/")) == [
        "Shanghai Forum",
        "南京投资推介会",
        "Nanjing Promotion Conference",
    ]
    assert titles(client.get("/en/events/?sort=date")) == [
        "Nanjing Promotion Conference",
        "南京投资推介会",
        "Shanghai Forum",
    ]
    assert titles(client.get("/en/events/?sort=title"))[0] == "Nanjing Promotion Conference"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Year: Enter a whole number."),
        ("year=99999", "Year: Ensure this value is less than or equal to 2200."),
        ("organization=nobody", "Organization: Select a valid choice."),
        ("city=atlantis", "City: Select a valid choice. atlantis is not one of the available"),
        ("when=tomorrow", "When: Select a valid choice."),
        ("sort=price", "Sort by: Select a valid choice."),
    ],
)
def test_nonsense_filter_values_are_explained_and_ignored(client, conferences, query, message):
    # (Not "nanjing": a place's name, it finds 南京 too: test_search_places.py.)
    response = client.get(f"/en/events/?{query}&q=promotion")

    assert response.status_code == 200
    text = page_text(response)
    assert "Some filters could not be used and were ignored:" in text
    assert message in text
    # The other filters still apply.
    assert sorted(titles(response)) == ["Nanjing Promotion Conference"]


def test_a_page_past_the_end_is_a_404(client, conferences):
    assert client.get("/en/events/?page=2").status_code == 404
    assert client.get("/en/events/?page=zero").status_code == 404


def test_pagination_keeps_the_filters(client):
    ConferenceFactory.create_batch(25, city="Hong Kong")

    response = client.get("/en/events/?city=hong-kong&sort=title")

    content = response.content.decode()
    assert 'href="?city=hong-kong&amp;sort=title&amp;page=2"' in content
    assert "25 conferences found, showing 1–20." in page_text(response)
    second = client.get("/en/events/?city=hong-kong&sort=title&page=2")
    assert len(second.context["object_list"]) == 5


def test_empty_state_says_what_to_try(client, conferences):
    text = page_text(client.get("/en/events/?q=nothing+like+this"))

    assert "0 conferences found." in text
    assert "No conferences match these filters." in text
    assert "Try fewer words" in text


def test_filter_controls_are_labelled(client, conferences):
    content = client.get("/en/events/").content.decode()

    for name in ["q", "year", "city", "organization", "person", "topic", "when", "sort"]:
        assert f'<label for="id_{name}">' in content


def test_people_list_filters(client, conferences):
    response = client.get("/en/people/?organization=hong-kong-trade-development-council")
    assert [p.name for p in response.context["object_list"]] == ["Patrick Lau"]
    response = client.get("/en/people/", {"q": "韩"})
    assert [p.name for p in response.context["object_list"]] == ["Han Liming"]


def test_organization_list_filters(client, conferences):
    response = client.get("/en/organizations/", {"q": "HKTDC"})
    assert [o.name for o in response.context["object_list"]] == [
        "Hong Kong Trade Development Council"
    ]
    response = client.get("/en/organizations/", {"q": "南京市"})
    assert [o.name for o in response.context["object_list"]] == [
        "Nanjing Municipal People's Government"
    ]
    response = client.get("/en/organizations/?kind=government")
    assert len(response.context["object_list"]) == 0
    response = client.get("/en/organizations/?kind=enterprise&city=nanjing")
    assert len(response.context["object_list"]) == 2


class Controls(HTMLParser):
    """The form controls in some HTML: each input, select and option with its attributes
    (in any order) and an option's text."""

    def __init__(self, html: str):
        super().__init__()
        self.found, self.option = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in {"input", "select", "option"}:
            self.found.append([tag, dict(attrs), ""])
            self.option = self.found[-1] if tag == "option" else None

    def handle_data(self, data):
        if self.option is not None:
            self.option[2] += data

    def handle_endtag(self, tag):
        self.option = None


@pytest.mark.parametrize(
    "url",
    [
        "/en/events/",
        "/en/events/?q=Nanjing&year=2023&city=hong-kong&organization=nanjing&when=past&sort=title",
        "/en/events/?year=abc&city=nowhere&organization=%3Cb%3E&topic=none&sort=sideways",
        "/en/partnerships/?q=x&year=1800&kind=unknown",
        "/en/people/?organization=nanjing",
        "/en/organizations/?q=%22%3E%3Cscript%3E&city=hong-kong&sort=-name",
    ],
)
def test_filter_form_draws_what_django_widgets_would(client, conferences, url):
    """The lists draw their filters without Django's form renderer (a template macro);
    the controls are those the form's own widgets draw: names, ids, values, the chosen
    option, aria-invalid and aria-describedby for a refused value."""
    response = client.get(url)
    form = response.context["filter"].form
    page = response.content.decode()
    drawn = page[page.index('<form class="filters"') : page.index("</form>")]

    assert Controls(drawn).found == Controls("".join(str(field) for field in form)).found
    for field in form:
        assert f'<label for="{field.id_for_label}">{field.label}</label>' in drawn
