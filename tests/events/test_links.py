"""The addresses reversed once per process (events/links.py) are those ``reverse()`` gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from events.links import fixed_url, slug_url, slug_urls

SLUGS = ["nanjing-promotion-2023", "南京推介会", "a_b-9", "é-café", "feed"]
NAMES = ["events:detail", "people:detail", "organizations:detail", "partnerships:detail"]


@pytest.mark.parametrize("prefix", ["/", "/archive/", "/my site/"])
def test_a_records_address_is_the_one_reverse_gives(prefix):
    set_script_prefix(prefix)
    try:
        for name in NAMES:
            one_kind = slug_urls(name)
            for slug in SLUGS:
                assert slug_url(name, slug) == reverse(name, kwargs={"slug": slug})
                assert one_kind(slug) == reverse(name, kwargs={"slug": slug})
        for name in ["home", "events:list", "people:list", "events:feed", "sitemap"]:
            assert fixed_url(name) == reverse(name)
    finally:
        set_script_prefix("/")


def test_a_slug_the_address_cannot_hold_is_refused_as_reverse_refuses_it():
    for slug in ["", "a/b", "a b", "<script>"]:
        with pytest.raises(NoReverseMatch):
            slug_url("events:detail", slug)
        with pytest.raises(NoReverseMatch):
            slug_urls("events:detail")(slug)


def test_the_addresses_follow_a_changed_urlconf(settings):
    before = fixed_url("home")
    settings.ROOT_URLCONF = "tests.events.other_urls"
    assert fixed_url("home") == "/elsewhere/" != before
    assert slug_url("events:detail", "x") == "/elsewhere/conference/x"


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
def test_each_language_has_its_own_addresses(language):
    from django.utils import translation

    fixed_url("home"), slug_url("events:detail", "green")  # remembered in English first
    with translation.override(language):
        assert fixed_url("home") == reverse("home") == f"/{language}/"
        assert slug_url("events:detail", "green") == f"/{language}/events/green/"
        assert fixed_url("sitemap") == "/sitemap.xml"
    assert fixed_url("home") == "/en/"
