"""Every admin page opens for a superuser, and changelists cost the same with 1 row or 50."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = {
    "organization": factories.OrganizationFactory,
    "organizationalias": factories.OrganizationAliasFactory,
    "person": factories.PersonFactory,
    "position": factories.PositionFactory,
    "topic": factories.TopicFactory,
    "place": factories.PlaceFactory,
    "conference": factories.ConferenceFactory,
    "organizer": factories.OrganizerFactory,
    "session": factories.SessionFactory,
    "participation": factories.ParticipationFactory,
    "keyfigure": factories.KeyFigureFactory,
    "mediaitem": factories.MediaItemFactory,
    "agreement": factories.AgreementFactory,
    "party": factories.PartyFactory,
    "signatory": factories.SignatoryFactory,
    "agreementdocument": factories.AgreementDocumentFactory,
}

OUR_MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"events", "partnerships"}
)


def test_every_model_of_ours_is_in_the_admin_and_has_a_factory():
    models = [
        model._meta.model_name
        for app in ("events", "partnerships")
        for model in apps.get_app_config(app).get_models()
        # Posts held at a conference are edited on the participation itself.
        if model._meta.model_name != "participationpost"
    ]

    assert sorted(name for _, name in OUR_MODELS) == sorted(FACTORIES) == sorted(models)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/events/conference/{conference}/change/",
        "/admin/events/person/{person}/change/",
        "/admin/events/organization/{organization}/change/",
        "/admin/partnerships/agreement/{agreement}/change/",
    ],
)
def test_change_pages_with_inline_rows_open(admin_client, demo, url):
    from events.models import Conference, Organization, Person
    from partnerships.models import Agreement

    ids = {
        "conference": Conference.objects.get().pk,
        "person": Person.objects.get(slug="han-liming").pk,
        "organization": Organization.objects.get(slug="nanjing-government").pk,
        "agreement": Agreement.objects.get(kind="strategic_cooperation").pk,
    }

    response = admin_client.get(url.format(**ids))

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"]


def url(app_label, model_name, view, *args):
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


@pytest.mark.parametrize(("app_label", "model_name"), OUR_MODELS)
def test_changelist_add_and_change_pages_open(admin_client, app_label, model_name):
    # (Rows a migration made, as the places it starts with, are listed too.)
    there = FACTORIES[model_name]._meta.model.objects.count()
    record = FACTORIES[model_name]()

    changelist = admin_client.get(url(app_label, model_name, "changelist"))
    add = admin_client.get(url(app_label, model_name, "add"))
    change = admin_client.get(url(app_label, model_name, "change", record.pk))

    assert (changelist.status_code, add.status_code, change.status_code) == (200, 200, 200)
    assert changelist.context["cl"].result_count == there + 1
    assert change.context["original"] == record


@pytest.mark.parametrize(("app_label", "model_name"), OUR_MODELS)
def test_changelist_queries_do_not_grow_with_rows(admin_client, app_label, model_name):
    factory = FACTORIES[model_name]
    there = factory._meta.model.objects.count()
    factory()
    changelist_url = url(app_label, model_name, "changelist")
    admin_client.get(changelist_url)  # warm the session and content-type caches

    with CaptureQueriesContext(connection) as one_row:
        response = admin_client.get(changelist_url)
    assert response.context["cl"].result_count == there + 1

    factory.create_batch(49)
    with CaptureQueriesContext(connection) as fifty_rows:
        response = admin_client.get(changelist_url)
    assert response.context["cl"].result_count == there + 50

    assert len(fifty_rows) == len(one_row), "\n".join(q["sql"] for q in fifty_rows)


def test_admin_index_lists_both_apps(admin_client):
    response = admin_client.get(reverse("admin:index"))

    content = response.content.decode()
    assert "Conferences, people and organizations" in content
    assert "Agreements" in content


SPREADSHEET_PAGES = {
    # language: (export page, import page, the preview of an upload)
    "en": ("This exporter will export the following fields:", "File to import", "Confirm import"),
    "zh-hans": ("将导出以下字段", "导入文件", "确认导入"),  # the library's own
    "zh-hant": ("將匯出以下欄位", "要匯入的檔案", "確認匯入"),
}


@pytest.mark.parametrize("language", sorted(SPREADSHEET_PAGES))
@pytest.mark.parametrize("model_name", ["organization", "person"])
def test_spreadsheet_pages_open_in_every_language(admin_client, settings, language, model_name):
    from tests.pages import page_text
    from tests.spreadsheets import csv_bytes, preview

    factories.PositionFactory()
    model = FACTORIES[model_name]._meta.model
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    exported, imported, previewed = SPREADSHEET_PAGES[language]

    export_page = admin_client.get(url("events", model_name, "export"))
    import_page = admin_client.get(url("events", model_name, "import"))
    shown = preview(admin_client, model, csv_bytes([["name_en"], ["Nanjing Bank"]]))

    assert (export_page.status_code, import_page.status_code, shown.status_code) == (200, 200, 200)
    assert exported in page_text(export_page)
    assert imported in page_text(import_page)
    assert previewed in page_text(shown)


@pytest.mark.parametrize("model_name", ["conference", "organization"])
def test_a_blank_country_is_named_in_the_changelist_filter(admin_client, model_name):
    """A filter link with no text reads as nothing to a screen reader: the blank value is
    named "-", like a missing one, on every list that filters by a blank-able text field."""
    factory = FACTORIES[model_name]
    factory(country="")
    factory(country="China")
    page = admin_client.get(url("events", model_name, "changelist")).content.decode()
    assert '<a href="?country=">-</a>' in page
    assert '<a href="?country=China">China</a>' in page
