"""Simplified and traditional Chinese are one text to search (events/search/text.py,
``fold_scripts``): either script finds the other, in every list, in whole words, parts
of words and words written in both scripts at once."""

import pytest
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from events.search import normalize, searchable, words
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("韓立明", "韩立明"),
        ("澳門", "澳门"),
        ("臺灣", "台湾"),
        ("台灣", "台湾"),
        ("裡", "里"),  # the Taiwan form
        ("裏", "里"),  # the Hong Kong form
        ("綫", "线"),  # the Hong Kong form
        ("線", "线"),
        ("衞", "卫"),  # the Hong Kong form
        ("爲", "为"),
        ("為", "为"),
        ("什麼", "什么"),
        ("乾隆", "干隆"),  # a character at a time: 乾 alone is 干 too
    ],
)
def test_each_script_is_stored_as_the_simplified(traditional, simplified):
    assert normalize(traditional) == normalize(simplified) == simplified


@pytest.mark.parametrize("text", ["什么", "么", "后", "面", "里", "著名", "Macao", "ÉCOLE"])
def test_simplified_text_and_other_scripts_are_left_as_they_are(text):
    assert normalize(text) == text.casefold()


# Characters of words that OpenCC's phrase conversion writes otherwise than the
# characters alone (乾隆, 著名, 什麼), and of names in both scripts.
CJK = st.sampled_from("乾隆干著名着什麼么韓韩立明澳門门臺台灣湾裡裏里綫線线")
TEXT = st.text(alphabet=st.one_of(CJK, st.sampled_from("ab Z")), max_size=30)


@settings(deadline=None)  # (the first call makes the fold's table)
@given(text=TEXT, start=st.integers(0, 30), length=st.integers(1, 10))
@example(text="乾隆年间", start=0, length=1)  # OpenCC's phrases: 乾 alone is 干, in 乾隆 not
def test_any_part_of_a_text_in_either_script_finds_it(text, start, length):
    """A part of a stored text is found in it, whatever script either is written in:
    the fold goes a character at a time, never a phrase at a time."""
    part = text[start : start + length].strip()
    if part and " " not in part:
        [term] = words(part)
        assert term in searchable(text)


@settings(deadline=None)
@given(text=TEXT)
def test_folding_again_changes_nothing(text):
    assert normalize(normalize(text)) == normalize(text)


def shown(client, url_name: str, query: str, record) -> bool:
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    return f'href="{record.get_absolute_url()}"' in response.content.decode()


@pytest.fixture
def archive(db):
    """A conference in traditional characters, another in simplified; a person and an
    organization named in each script; an agreement."""
    hk = ConferenceFactory(title="澳門特別行政區投資推介會", city="澳門")
    mainland = ConferenceFactory(title="南京都市圈推介会", city="南京")
    han = PersonFactory(name="Han Liming", name_alt="韓立明")
    chen = PersonFactory(name="Chen Zhichang", name_alt="陈之常")
    ParticipationFactory(conference=hk, person=han)
    ParticipationFactory(conference=mainland, person=chen)
    merchants = OrganizationFactory(name="招商局集團", city="")
    bank = OrganizationFactory(name="南京银行")
    OrganizerFactory(conference=hk, organization=merchants)
    OrganizerFactory(conference=mainland, organization=bank)
    PositionFactory(person=han, organization=merchants, title="總經理")
    agreement = AgreementFactory(title="戰略合作協議", conference=hk)
    return {"hk": hk, "mainland": mainland, "han": han, "chen": chen}, {
        "merchants": merchants,
        "bank": bank,
        "agreement": agreement,
    }


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("韓立明", "han", "chen"),
        ("韩立明", "han", "chen"),
        ("陳之常", "chen", "han"),
        ("陈之", "chen", "han"),
        ("总经理", "han", "chen"),  # a post
        ("韩立明 总經理", "han", "chen"),  # mixed: two words, and both scripts in one
        ("liming 韓", "han", "chen"),
    ],
)
def test_the_people_list_finds_either_script(client, archive, query, found, not_found):
    people, _ = archive
    assert shown(client, "people:list", query, people[found])
    assert not shown(client, "people:list", query, people[not_found])


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("招商局集团", "merchants", "bank"),
        ("招商局集團", "merchants", "bank"),
        ("南京銀行", "bank", "merchants"),
        ("銀行", "bank", "merchants"),
    ],
)
def test_the_organization_list_finds_either_script(client, archive, query, found, not_found):
    _, organizations = archive
    assert shown(client, "organizations:list", query, organizations[found])
    assert not shown(client, "organizations:list", query, organizations[not_found])


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("澳门特别行政区", "hk", "mainland"),
        ("澳門特别行政區", "hk", "mainland"),  # both scripts in one word
        ("韩立明", "hk", "mainland"),  # a participant's name
        ("招商局集团", "hk", "mainland"),  # an organizer's
        ("南京都市圈推介會", "mainland", "hk"),
        ("推介會 南京", "mainland", "hk"),
    ],
)
def test_the_conference_list_finds_either_script(client, archive, query, found, not_found):
    conferences, _ = archive
    assert shown(client, "events:list", query, conferences[found])
    assert not shown(client, "events:list", query, conferences[not_found])


@pytest.mark.parametrize("query", ["战略合作协议", "戰略合作協議", "战略合作協議"])
def test_the_agreement_list_finds_either_script(client, archive, query):
    _, organizations = archive
    assert shown(client, "partnerships:list", query, organizations["agreement"])
    assert not shown(client, "partnerships:list", "战略 银行", organizations["agreement"])
