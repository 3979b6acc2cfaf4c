"""The interface in English, simplified and traditional Chinese: addresses with a language
prefix, redirects of the addresses shared before, the language switcher, hreflang and
canonical links, and the page cache keeping one page per language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

LANGUAGES = {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}


def address(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def html(response) -> str:
    return response.content.decode()


def switcher_links(content: str) -> list[str]:
    """The ``<a>`` tags of the language navigation."""
    nav = re.search(r'<nav aria-label="Language">(.*?)</nav>', content, re.S)
    assert nav, "the page has a language switcher"
    return re.findall(r"<a [^>]*>[^<]*</a>", nav.group(1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_address_and_html_lang(client, language):
    response = client.get(address("events:list", language))

    assert response.status_code == 200
    assert address("events:list", language) == f"/{language}/events/"
    assert f'<html lang="{LANGUAGES[language]}">' in html(response)
    assert response["Content-Language"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_links_to_the_same_page_with_its_query_in_every_language(client, language):
    conference = ConferenceFactory(slug="green-forum", title="Green forum")
    page = address("events:detail", language, slug=conference.slug)
    lists = address("events:list", language) + "?q=green&utm_source=mail"

    links = switcher_links(html(client.get(page)))
    list_links = switcher_links(html(client.get(lists)))

    assert len(links) == len(list_links) == 3
    for code, tag in LANGUAGES.items():
        (link,) = [link for link in links if f'hreflang="{tag}"' in link]
        assert f'href="/{code}/events/green-forum/"' in link
        assert f'lang="{tag}"' in link
        assert ('aria-current="true"' in link) == (code == language)
        (list_link,) = [link for link in list_links if f'hreflang="{tag}"' in link]
        # The query the page reads is kept; the tracking tag is not.
        assert f'href="/{code}/events/?q=green"' in list_link
    assert [re.sub(r"<[^>]+>", "", link) for link in links] == ["English", "简体中文", "繁體中文"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_hreflang_alternates_and_canonical_per_language(client, language):
    conference = ConferenceFactory(slug="green-forum")
    page = address("events:detail", language, slug=conference.slug)

    content = html(client.get(page + "?utm_source=mail"))

    assert f'<link rel="canonical" href="http://testserver/{language}/events/green-forum/">' in (
        content
    )
    for code, tag in LANGUAGES.items():
        assert (
            f'<link rel="alternate" hreflang="{tag}" '
            f'href="http://testserver/{code}/events/green-forum/">' in content
        )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/events/green-forum/">'
        in content
    )


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.5", "zh-hans"),
        ("zh-TW,zh;q=0.8", "zh-hant"),
        ("zh-HK", "zh-hant"),
        ("en-GB,en;q=0.9", "en"),
        ("fr-FR", "en"),
        ("", "en"),
    ],
)
def test_unprefixed_addresses_go_to_the_browsers_language(client, accept, expected):
    response = client.get("/events/?year=2023&q=green", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == f"/{expected}/events/?year=2023&q=green"
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert "private" in response["Cache-Control"]


def test_shared_addresses_of_every_section_are_redirected(client):
    conference = ConferenceFactory(slug="green-forum")
    shared = ["/", "/events/green-forum/", "/people/", "/organizations/", "/partnerships/"]
    shared += ["/events/feed/", "/events/calendar.ics", f"/events/{conference.slug}.ics"]
    for path in shared:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert response.status_code == 302, path
        assert response["Location"] == "/zh-hant" + path
        assert client.get(response["Location"]).status_code == 200, path


def test_a_redirected_address_without_its_slash_gets_it(client):
    response = client.get("/events?q=green", HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert response["Location"] == "/zh-hans/events/?q=green"


def test_the_language_cookie_wins_over_the_browser_for_unprefixed_addresses(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"

    response = client.get("/people/?q=han", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Location"] == "/zh-hant/people/?q=han"


def test_the_prefix_wins_over_the_cookie_and_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"

    response = client.get(address("events:list", "en"), HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert '<html lang="en">' in html(response)


def test_following_a_switcher_link_remembers_the_language(client):
    english = html(client.get(address("events:list", "en")))
    (traditional,) = [link for link in switcher_links(english) if 'hreflang="zh-Hant"' in link]
    target = re.search(r'href="([^"]+)"', traditional).group(1)

    response = client.get(target, HTTP_ACCEPT_LANGUAGE="en")

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hant"
    assert "private" in response["Cache-Control"]
    # A shared address without a prefix now opens in traditional Chinese.
    assert client.get("/events/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/zh-hant/events/"
    # Reading in the language already preferred sets no cookie.
    again = client.get(target, HTTP_ACCEPT_LANGUAGE="en")
    assert settings.LANGUAGE_COOKIE_NAME not in again.cookies


def test_a_page_in_the_browsers_language_sets_no_cookie(client):
    response = client.get(address("events:list", "zh-hans"), HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert not response.cookies


UNKNOWN_PREFIXES = ["/fr/events/", "/xx/events/", "/zh/events/", "/en-gb/events/", "/zh-hans-cn/"]


@pytest.mark.parametrize("path", [*UNKNOWN_PREFIXES, "/ZH-HANS/events/"])
def test_an_unknown_language_prefix_is_a_404(client, path):
    assert client.get(path, HTTP_ACCEPT_LANGUAGE="zh-CN").status_code == 404


def test_addresses_without_a_language_stay_unprefixed(client):
    assert client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="zh-CN").status_code == 200
    assert client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="zh-CN").status_code == 200
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="zh-CN").status_code == 200
    assert client.get("/favicon.ico").status_code == 302
    assert reverse("sitemap") == "/sitemap.xml"
    assert reverse("admin:index") == "/" + settings.ADMIN_PATH


def test_the_frame_links_follow_the_language(client):
    content = html(client.get(address("home", "zh-hant")))

    assert 'href="/zh-hant/events/"' in content
    assert 'href="/zh-hant/people/"' in content
    assert 'href="/en/events/"' not in content.split('<nav aria-label="Language">')[0]
