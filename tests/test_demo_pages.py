"""With the demo content, every page type shows the seed press release's facts."""

import pytest
from django.urls import reverse

from tests.pages import page_text

pytestmark = pytest.mark.django_db

CONFERENCE = "/en/events/nanjing-promotion-conference-hong-kong-2023/"
AGREEMENT = "/en/partnerships/nanjing-china-merchants-group-strategic-cooperation-2023/"
TITLE = (
    "Nanjing Promotion Conference on High Quality Development & Wider Opening up of Service "
    "Sector (Hong Kong & Macao)"
)


def test_home_shows_the_conference_agreement_and_key_figures(client, demo):
    text = page_text(client.get(reverse("home")))

    assert TITLE in text
    assert "“Gathering in Hong Kong for a Better Future”" in text
    assert "more than 5,720 Hong Kong-funded projects since the reform and opening up" in text
    assert "US$38.8 billion of actual funds received since the reform" in text
    assert "33 Hong Kong-listed companies since the reform and opening up" in text
    assert (
        "Strategic cooperation agreement between Nanjing Municipal Government and China "
        "Merchants Group"
    ) in text
    assert "Between Nanjing Municipal People's Government and China Merchants Group" in text
    assert "No conferences are announced yet." in text


def test_conference_page_shows_every_fact_of_the_seed(client, demo):
    text = page_text(client.get(CONFERENCE))

    assert TITLE in text
    assert "Theme: “Gathering in Hong Kong for a Better Future”" in text
    assert "Date 8 February 2023" in text
    assert "Place Hong Kong, China" in text
    assert "Organized by Nanjing Municipal People's Government (organizer)" in text
    assert "6 fields of opening up" in text
    assert "relaxing more access restrictions" in text
    assert "Video address (video address) Han Liming (by video)" in text
    assert "Signing ceremony of major industrial cooperation projects (ceremony)" in text
    assert (
        "Han Liming 韩立明 by video Member of the Standing Committee, Jiangsu Provincial Party "
        "Committee Secretary, Nanjing Municipal Party Committee"
    ) in text
    assert "Chen Zhichang 陈之常 Mayor of Nanjing, Nanjing Municipal People's Government" in text
    assert "Patrick Lau 劉會平 Deputy Executive Director, Hong Kong Trade Development Council" in (
        text
    )
    assert 'many Nanjing enterprises choose Hong Kong as the "first stop"' in text
    assert "Hong Kong has been booming in green finance" in text
    assert "more than 5,720 Hong Kong-funded projects" in text
    assert "US$38.8 billion of actual funds received" in text
    assert "33 Hong Kong-listed companies" in text
    assert "Agreements signed Strategic cooperation agreement · 8 February 2023" in text
    assert "first large-scale mainland economic and trade delegation to Hong Kong" in text
    assert "The signing ceremony of major industrial cooperation projects" in text
    assert "Source PR Newswire, HONG KONG, 9 February 2023" in text


def test_conference_page_gallery_is_a_captioned_figure_with_alt_text(client, demo):
    content = client.get(CONFERENCE).content.decode()

    assert "<figure" in content
    assert (
        "<figcaption><span>The signing ceremony of major industrial cooperation projects</span>"
    ) in content
    assert 'alt="Illustration standing in for the photo' in content
    assert 'width="1600" height="900"' in content


def test_agreement_page_shows_kind_parties_date_place_conference_and_photo(client, demo):
    text = page_text(client.get(AGREEMENT))

    assert "Strategic cooperation agreement" in text
    assert "Status Signed" in text
    assert "Signed 8 February 2023, Hong Kong" in text
    assert f"At {TITLE}" in text
    assert "Parties Nanjing Municipal People's Government Party China Merchants Group Party" in (
        text
    )
    assert "memorandums of cooperation and projects" in text
    assert "The signing ceremony of major industrial cooperation projects" in text


def test_person_page_shows_both_posts_and_the_video_address(client, demo):
    text = page_text(client.get("/en/people/han-liming/"))

    assert "Han Liming 韩立明" in text
    assert (
        "Current Member of the Standing Committee, Jiangsu Provincial Party Committee "
        "Secretary, Nanjing Municipal Party Committee"
    ) in text
    assert f"{TITLE} 8 February 2023 · Speaker (by video)" in text


def test_organization_page_shows_all_names_people_conferences_and_agreements(client, demo):
    text = page_text(client.get("/en/organizations/nanjing-government/"))

    assert "Nanjing Municipal People's Government" in text
    assert "Also known as Nanjing Municipal Government 南京市人民政府" in text
    assert "People Chen Zhichang Mayor of Nanjing" in text
    assert f"{TITLE} Organizer · 8 February 2023" in text
    assert "Strategic cooperation agreement between Nanjing Municipal Government" in text


def test_hktdc_page_shows_its_short_name_and_the_conference_it_attended(client, demo):
    text = page_text(client.get("/en/organizations/hktdc/"))

    assert "Hong Kong Trade Development Council (HKTDC)" in text
    assert "Patrick Lau Deputy Executive Director" in text
    assert f"{TITLE} Represented · 8 February 2023" in text


def test_lists_show_the_demo_records(client, demo):
    assert TITLE in page_text(client.get("/en/events/"))
    assert "Strategic cooperation agreement between" in page_text(client.get("/en/partnerships/"))
    people = page_text(client.get("/en/people/"))
    assert "Chen Zhichang 陈之常 Mayor of Nanjing, Nanjing Municipal People's Government" in people
    organizations = page_text(client.get("/en/organizations/"))
    assert "Hong Kong Trade Development Council (HKTDC) Trade body · Hong Kong" in organizations


def test_the_shareable_filter_address_of_the_design_finds_the_conference(client, demo):
    response = client.get("/en/events/?year=2023&city=hong-kong&organization=hktdc&q=green+finance")

    text = page_text(response)
    assert "1 conference found." in text
    assert TITLE in text
