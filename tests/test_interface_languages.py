"""The interface in English, simplified and traditional Chinese: addresses with a language
prefix, redirects of the addresses shared before, the language switcher, hreflang and
canonical links, and the page cache keeping one page per language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from events.models import Conference
from tests.factories import ConferenceFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

LANGUAGES = {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}


def address(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def html(response) -> str:
    return response.content.decode()


def switcher_links(content: str) -> list[str]:
    """The ``<a>`` tags of the language navigation."""
    nav = re.search(r'<ul class="nav languages">(.*?)</ul>', content, re.S)
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
    assert 'href="/en/events/"' not in content.split('<ul class="nav languages">')[0]


# The interface in each language.

NAV = {"en": "Conferences", "zh-hans": "会议", "zh-hant": "會議"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_speaks_its_language(client, demo, language):
    conference = Conference.objects.get()
    pages = [address("home", language), address("events:list", language)]
    pages += [address("people:list", language), address("partnerships:list", language)]
    with translation.override(language):
        pages.append(conference.get_absolute_url())
    for page in pages:
        text = page_text(client.get(page))
        assert NAV[language] in text, page
    detail = page_text(client.get(pages[-1]))
    expected = {"en": "Add to calendar", "zh-hans": "添加到日历", "zh-hant": "加入行事曆"}
    assert expected[language] in detail
    listed = page_text(client.get(address("events:list", language) + "?q=nanjing"))
    count = {
        "en": "1 conference found.",
        "zh-hans": "找到会议 1 条。",
        "zh-hant": "找到會議 1 條。",
    }
    assert count[language] in listed
    assert {"en": "Newest first", "zh-hans": "最新优先", "zh-hant": "最新優先"}[language] in listed
    if language != "en":
        assert "Skip to main content" not in html(client.get(pages[0]))
        assert "Add to calendar" not in detail


@pytest.mark.parametrize(
    ("language", "heading", "link"),
    [
        ("en", "There is no page at this address", "Browse conferences"),
        ("zh-hans", "此地址没有页面", "浏览会议"),
        ("zh-hant", "此地址沒有頁面", "瀏覽會議"),
    ],
)
def test_the_404_page_is_translated(client, language, heading, link):
    response = client.get(address("events:list", language) + "no-such-conference/")

    assert response.status_code == 404
    assert f'<html lang="{LANGUAGES[language]}">' in html(response)
    text = page_text(response)
    assert heading in text and link in text
    assert f'href="/{language}/events/"' in html(response)


def test_an_unprefixed_unknown_address_is_a_404_in_the_browsers_language(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="zh-TW")

    assert response.status_code == 404
    assert "此地址沒有頁面" in page_text(response)
    assert "Accept-Language" in response["Vary"]


def test_the_500_and_503_pages_are_translated(rf):
    from django.db import OperationalError

    from config import views as config_views

    for language, error, expected in [
        ("zh-hans", ValueError("a bug"), "出错了"),
        ("zh-hant", ValueError("a bug"), "出錯了"),
        ("zh-hans", OperationalError("down"), "稍后即回"),
        ("zh-hant", OperationalError("down"), "稍後即回"),
    ]:
        request = rf.get(f"/{language}/events/")
        with translation.override(language):
            try:
                raise error
            except Exception:
                response = config_views.server_error(request)
        content = response.content.decode()
        assert expected in content, language
        assert f'<html lang="{LANGUAGES[language]}">' in content
        assert f'href="/{language}/"' in content


def test_the_429_page_is_translated(settings, client):
    ConferenceFactory(title="Green forum")
    settings.RATE_LIMIT_SEARCHES = "1/60"
    listed = address("events:list", "zh-hant")

    client.get(listed + "?q=one", REMOTE_ADDR="203.0.113.9")
    refused = client.get(listed + "?q=two", REMOTE_ADDR="203.0.113.9")

    assert refused.status_code == 429
    assert "搜尋過於頻繁" in page_text(refused)
    assert f"暫停 {refused['Retry-After']} 秒" in page_text(refused)


def test_the_admin_speaks_the_visitors_language(client, django_user_model):
    login = reverse("admin:login")
    assert "登录" in page_text(client.get(login, HTTP_ACCEPT_LANGUAGE="zh-CN"))
    assert "登入" in page_text(client.get(login, HTTP_ACCEPT_LANGUAGE="zh-TW"))
    assert "Log in" in page_text(client.get(login, HTTP_ACCEPT_LANGUAGE="en"))

    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    index = page_text(client.get(reverse("admin:index")))
    assert "会议、人物与机构" in index  # our app's name
    assert "会议与合作" in index  # the site's name
    changelist = page_text(client.get(reverse("admin:events_conference_changelist")))
    assert "发布所选" in changelist  # our publish action
    assert "将所选记录合并为一条" not in changelist  # (people and organizations only)
    people = page_text(client.get(reverse("admin:events_person_changelist")))
    assert "将所选记录合并为一条" in people


def test_the_lockout_page_is_translated(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right-password-42")
    for _ in range(5):
        response = client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="203.0.113.8",
            HTTP_ACCEPT_LANGUAGE="zh-CN",
        )

    assert response.status_code == 429
    text = page_text(response)
    assert "登录已暂停" in text
    assert "登录将暂停 15 分钟" in text


def test_filter_errors_and_labels_are_translated(client):
    text = page_text(client.get(address("events:list", "zh-hans") + "?year=abc"))

    assert "部分筛选条件无法使用，已被忽略" in text
    assert "年份" in text  # the label of the refused filter


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_atom_feed_title_follows_the_language(client, language):
    feed = client.get(address("events:feed", language)).content.decode()

    expected = {"en": "Conferences and partnerships: conferences", "zh-hans": "会议与合作：会议",
                "zh-hant": "會議與合作：會議"}  # fmt: skip
    assert f"<title>{expected[language]}</title>" in feed
