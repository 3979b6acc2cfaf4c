"""The frame around every page: landmarks, skip link, one stylesheet, error pages."""

import pytest
from django.db import OperationalError
from django.template.base import Template as DjangoTemplate
from django.test import RequestFactory
from django.views.defaults import server_error

from config import views as config_views
from events.models import Conference
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_pages_have_landmarks_skip_link_and_one_local_stylesheet(client, demo):
    for url in ["/en/", "/en/events/", "/en/people/han-liming/"]:
        content = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">Skip to main content</a>' in content
        assert '<main id="main"' in content
        assert '<nav aria-label="Main">' in content
        assert content.count('rel="stylesheet"') == 1
        assert 'href="/static/css/site.css"' in content
        assert "style=" not in content
        assert "<script>" not in content and "<script src" not in content
        assert "https://cdn" not in content


def test_chinese_only_text_is_marked_as_chinese(client):
    from tests.factories import ConferenceFactory

    conference = ConferenceFactory(title="南京推介会")

    assert (
        '<h1 lang="zh">南京推介会</h1>'
        in client.get(conference.get_absolute_url()).content.decode()
    )


def test_404_page_is_in_the_site_design(client):
    response = client.get("/en/events/no-such-conference/")

    assert response.status_code == 404
    text = page_text(response)
    assert "Page not found" in text
    assert "Browse conferences" in text
    assert 'href="/static/css/site.css"' in response.content.decode()


def test_500_page_is_in_the_site_design():
    response = server_error(RequestFactory().get("/en/"))

    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"/static/css/site.css" in response.content


def test_unknown_chinese_slug_is_a_404_not_an_error(client):
    assert client.get("/en/events/不存在的会议/").status_code == 404
    assert client.get("/en/partnerships/不存在/").status_code == 404


def test_conference_times_are_shown_in_its_own_time_zone(client):
    import datetime as dt

    from tests.factories import ConferenceFactory

    conference = ConferenceFactory(
        start_date=dt.date(2023, 2, 8),
        start_time=dt.time(9, 30),
        end_time=dt.time(12, 0),
        time_zone="Asia/Hong_Kong",
    )

    text = page_text(client.get(conference.get_absolute_url()))

    assert "Date 8 February 2023, 09:30–12:00 (Hong Kong time)" in text


def test_favicon_is_served_by_the_site(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302  # its hashed name changes with every deploy
    assert response["Location"] == "/static/favicon.svg"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_database_outage_outside_any_view_is_the_503_page(method):
    """handler500: an outage met in a middleware (a signed-in session being read) gets the
    site's 503 page with Retry-After, whatever the method; other errors the 500 page."""
    request = getattr(RequestFactory(), method)("/admin/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = config_views.server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()

    try:
        raise ValueError("a bug")
    except ValueError:
        response = config_views.server_error(request)
    assert response.status_code == 500


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_public_pages_are_drawn_by_jinja2_and_the_admin_by_django(client, admin_client, demo):
    """The public pages' engine tells the test client what it drew, as Django's does, so
    tests read ``response.context`` of either; the admin stays on Django's engine."""
    page = client.get("/en/events/")
    admin = admin_client.get("/admin/events/conference/")

    assert page.templates[0].name == "events/conference_list.html"
    assert page.templates[0].backend.name == "jinja2"
    assert page.context["nouns"] == "conferences"
    assert admin.context["cl"].result_count == Conference.objects.count()
    assert all(isinstance(template, DjangoTemplate) for template in admin.templates)
