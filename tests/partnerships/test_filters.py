import datetime as dt

import pytest

from partnerships.models import Agreement
from tests.factories import AgreementFactory, ConferenceFactory, PartyFactory, TopicFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return sorted(agreement.title for agreement in response.context["object_list"])


@pytest.fixture
def agreements():
    conference = ConferenceFactory(title="Nanjing Promotion Conference", slug="nanjing-2023")
    strategic = AgreementFactory(
        title="Strategic cooperation", conference=conference, signed_on=dt.date(2023, 2, 8)
    )
    PartyFactory(agreement=strategic, organization__name="China Merchants Group")
    strategic.topics.add(TopicFactory(name="Industrial cooperation"))
    AgreementFactory(
        title="绿色金融合作备忘录",
        kind=Agreement.Kind.MEMORANDUM,
        status=Agreement.Status.IN_FORCE,
        signed_on=dt.date(2024, 3, 1),
        conference=None,
    )


def test_agreement_filters(client, agreements):
    assert titles(client.get("/en/partnerships/?kind=memorandum")) == ["绿色金融合作备忘录"]
    assert titles(client.get("/en/partnerships/?status=in_force")) == ["绿色金融合作备忘录"]
    assert titles(client.get("/en/partnerships/?year=2023")) == ["Strategic cooperation"]
    assert titles(client.get("/en/partnerships/?organization=china-merchants-group")) == [
        "Strategic cooperation"
    ]
    assert titles(client.get("/en/partnerships/?topic=industrial-cooperation")) == [
        "Strategic cooperation"
    ]
    assert titles(client.get("/en/partnerships/?conference=nanjing-2023")) == [
        "Strategic cooperation"
    ]
    assert titles(client.get("/en/partnerships/", {"q": "绿色金融"})) == ["绿色金融合作备忘录"]
    assert titles(client.get("/en/partnerships/", {"q": "merchants"})) == ["Strategic cooperation"]


def test_agreement_filter_nonsense_is_explained(client, agreements):
    response = client.get("/en/partnerships/?kind=treaty&year=twenty")

    text = page_text(response)
    assert response.status_code == 200
    assert "Kind: Select a valid choice." in text
    assert "Year signed: Enter a whole number." in text
    assert len(response.context["object_list"]) == 2
