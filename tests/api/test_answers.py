"""API answers are written straight from the views' dicts (events/api/answers.py): each
is what django-ninja's schema pass would have written, and a dict its schema would change
is caught."""

import datetime as dt
import json

import pytest
from django.http import HttpResponse
from ninja.responses import NinjaJSONEncoder

from events.api import read, schemas
from events.api.answers import AnswerMismatch, answered
from events.models import Conference
from partnerships.api import schemas as agreement_schemas
from tests.factories import MediaItemFactory, ParticipationFactory, PersonFactory

from .test_fields import demo_like  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

ADDRESSES = [
    ("/api/v1/conferences/", schemas.ConferenceList),
    ("/api/v1/conferences/nanjing-promotion/", schemas.ConferenceDetail),
    ("/api/v1/agreements/", agreement_schemas.AgreementList),
    ("/api/v1/agreements/strategic-cooperation/", agreement_schemas.AgreementDetail),
    ("/api/v1/people/", schemas.PersonList),
    ("/api/v1/people/han-liming/", schemas.PersonDetail),
    ("/api/v1/organizations/", schemas.OrganizationList),
    ("/api/v1/organizations/nanjing-government/", schemas.OrganizationDetail),
    ("/api/v1/topics/", schemas.TopicList),
    ("/api/v1/topics/green-finance/", schemas.TopicDetail),
]


@pytest.mark.usefixtures("demo_like")
@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
@pytest.mark.parametrize(("address", "schema"), ADDRESSES)
def test_each_answer_is_what_its_schema_would_write(client, settings, address, schema, language):
    settings.API_ANSWER_CHECK = False  # the answer alone, compared here
    response = client.get(address, {"lang": language})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Language"] == language
    # What ninja wrote before: the answer through its schema, dumped, then its encoder
    # (the same keys and values, each written the same way; a JSON object's keys have no
    # order, and a view's dict may list them in another order than its schema).
    answer = json.loads(response.content)
    through_schema = schema.model_validate(answer).model_dump()
    assert answer == json.loads(json.dumps(through_schema, cls=NinjaJSONEncoder))
    assert json.loads(response.content)["language"] == language


def test_an_answer_its_schema_would_change_is_caught(settings):
    settings.API_ANSWER_CHECK = True
    ref = {"slug": "trade", "name": "Trade", "url": "http://testserver/api/v1/topics/trade/"}
    assert answered(HttpResponse(), schemas.TopicRef, ref).content == json.dumps(ref).encode()

    with pytest.raises(AnswerMismatch, match=r"answer\.extra is not in the schema"):
        answered(HttpResponse(), schemas.TopicRef, {**ref, "extra": 1})
    # a number written as text: the schema would make it a number
    renditions = {"width": 64, "height": 48, "webp": None, "fallback": None}
    with pytest.raises(AnswerMismatch, match=r"answer\.width is '64'"):
        answered(HttpResponse(), schemas.Rendition, {**renditions, "width": "64"})
    # a yes-or-no read as a number (SQLite's JSON): 1 == True in Python, not in the answer
    with pytest.raises(AnswerMismatch, match=r"answer\.estimate is 1"):
        answered(HttpResponse(), agreement_schemas.Value,
                 {"amount": "1", "currency": "USD", "estimate": 1})  # fmt: skip
    assert answered(HttpResponse(), schemas.Rendition, renditions).status_code == 200


def test_without_the_check_the_dict_is_written_as_it_is_but_for_keys_the_schema_lacks(settings):
    settings.API_ANSWER_CHECK = False
    ref = {"slug": "trade", "name": "Trade", "url": "u"}
    assert json.loads(answered(HttpResponse(), schemas.TopicRef, ref).content) == ref
    extra = {**ref, "internal_note": "not for readers"}
    assert json.loads(answered(HttpResponse(), schemas.TopicRef, extra).content) == ref


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/conferences/nanjing-promotion/",
        "/api/v1/conferences/%E5%8D%97%E4%BA%AC/",  # a Chinese slug, quoted as reversed
        "/zh-hans/events/a_b-9/",
        "/media/photos/2026/a%20b.jpg",
        "/media/photos/南京.jpg",  # not quoted: left to Django
        "/media/a b.jpg",
        "/a/./b",
        "/a/../b",
        "//evil.example/x",
        "/events/?q=1",
        "relative/path",
        "/",
    ],
)
@pytest.mark.parametrize(
    "host", [{}, {"HTTP_HOST": "example.org:8443", "wsgi.url_scheme": "https"}]
)
def test_an_answer_s_whole_addresses_are_those_django_builds(rf, settings, path, host):
    settings.ALLOWED_HOSTS = ["testserver", "example.org"]
    request = rf.get("/api/v1/conferences/", **host)
    expected = rf.get("/api/v1/conferences/", **host).build_absolute_uri(path)

    assert read.absolute(request, path) == expected
    assert read.absolute(request, path) == expected  # (the second time from the origin kept)


@pytest.mark.usefixtures("demo_like")
def test_a_photo_s_addresses_follow_a_changed_media_address(client, settings):
    address = "/api/v1/conferences/nanjing-promotion/"
    (photo,) = client.get(address).json()["photos"]
    assert photo["url"].startswith("http://testserver/media/")
    assert photo["renditions"]
    assert all(r["webp"].startswith("http://testserver/media/") for r in photo["renditions"])

    settings.MEDIA_URL = "https://files.example.org/uploads/"
    (photo,) = client.get(address).json()["photos"]
    assert photo["url"].startswith("https://files.example.org/uploads/")
    assert all(
        r["webp"].startswith("https://files.example.org/uploads/") for r in photo["renditions"]
    )


@pytest.mark.usefixtures("demo_like")
def test_a_conference_s_participants_and_photos_keep_their_types(client):
    """Participants and photos are read as JSON lists with the conference's row: a
    yes-or-no stays true or false (not 1 or 0), a date a date, a decorative photo has no
    alternative text, each text is in the reader's language, and the order is kept."""
    conference = Conference.objects.get(slug="nanjing-promotion")
    MediaItemFactory(
        conference=conference,
        caption="Second",
        caption_zh_hans="第二张",
        is_decorative=True,
        alt_text="Not read",
        taken_on=dt.date(2023, 2, 8),
        order=5,
    )
    ParticipationFactory(
        conference=conference, person=PersonFactory(name="Li Wei", slug="li-wei"), remote=False
    )

    answer = client.get("/api/v1/conferences/nanjing-promotion/", {"lang": "zh-hans"}).json()

    assert [type(p["remote"]) for p in answer["participants"]] == [bool, bool]
    assert [p["remote"] for p in answer["participants"]] == [True, False]
    first, second = answer["photos"]
    assert first["caption"] == "The signing ceremony"  # no Chinese caption: the English
    assert second["caption"] == "第二张"
    assert (second["alt"], second["taken_on"]) == ("", "2023-02-08")
