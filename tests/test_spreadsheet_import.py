"""Importing organizations and people from CSV and XLSX in the admin: the preview, errors
that name the row and column, matching by any name, all or nothing, history, round trips,
hostile files, and the roles' rules (the import infrastructure is shared: a conference
resource below checks the draft rule an Editor's import keeps)."""

import csv
import io
import stat
import zipfile
from pathlib import Path

import pytest
import tablib
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from reversion.models import Version

from events.admin.spreadsheets import ContentResource, as_text, check_csv_rows, check_xlsx_rows
from events.models import Conference, Organization, OrganizationAlias, Person, Position
from tests import factories
from tests.spreadsheets import (
    XLSX_FORMAT,
    admin_url,
    confirm,
    csv_bytes,
    errors_of,
    export,
    import_file,
    preview,
    read_csv,
    totals,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
ROLES = ["anonymous", "staff", "Editor", "Publisher", "Administrator"]


def sample(name) -> bytes:
    return (SAMPLES / name).read_bytes()


def sample_rows(name) -> list[list[str]]:
    return list(csv.reader(io.StringIO(sample(name).decode("utf-8-sig"))))


def member(role) -> User:
    user = User.objects.create_user(f"{role.lower()}-importer", password="x", is_staff=True)
    if role != "staff":
        user.groups.add(Group.objects.get(name=role))
    return user


def signed_in(role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(member(role))
    return client


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The samples, on the demo content.


def test_the_organizations_sample_adds_new_ones_and_matches_the_demos(admin_client, demo):
    nanjing = Organization.objects.get(slug="nanjing-government")
    before = Organization.objects.count()

    shown = preview(admin_client, Organization, sample("organizations.csv"))

    assert errors_of(shown) == []
    assert totals(shown) == {"new": 3, "update": 1}  # Nanjing gains an other name
    response = confirm(admin_client, Organization, shown)
    assert response.status_code == 302
    assert Organization.objects.count() == before + 3
    chamber = Organization.objects.get(name_en="Hong Kong General Chamber of Commerce")
    assert (chamber.name_zh_hant, chamber.short_name_en, chamber.kind) == (
        "香港總商會",
        "HKGCC",
        "trade_body",
    )
    assert set(nanjing.aliases.values_list("name", flat=True)) == {
        "Nanjing Municipal Government",
        "南京市人民政府",
        "南京市政府",
    }
    assert "Imported: 3 new, 1 changed, 0 unchanged." in told(response)


def test_the_people_sample_matches_names_in_any_script_and_reads_posts(admin_client, demo):
    import_file(admin_client, Organization, sample("organizations.csv"))
    han = Person.objects.get(slug="han-liming")
    posts_before = list(han.positions.values_list("pk", flat=True))

    shown = preview(admin_client, Person, sample("people.csv"))

    assert errors_of(shown) == []
    assert totals(shown) == {"new": 3, "skip": 1}  # Han Liming is the demo's, unchanged
    confirm(admin_client, Person, shown)
    assert list(han.positions.values_list("pk", flat=True)) == posts_before
    grace = Person.objects.get(name_en="Grace Cheung")
    assert grace.honorific == "Dr."
    posts = [
        (post.title_en, post.title_zh_hans, post.organization.name_en)
        for post in grace.positions.select_related("organization")
    ]
    assert posts == [
        ("Chairman", "主席", "Hong Kong General Chamber of Commerce"),
        ("Member of the Board", None, "Hong Kong Trade Development Council"),
    ]


def test_a_row_without_an_id_matches_a_person_by_the_other_script(admin_client):
    han = factories.PersonFactory(name_en="Han Liming", name_zh_hans="韩立明")
    rows = [["name_en", "name_zh_hant", "name_alt"], ["Han Liming", "韓立明", "韓立明"]]

    shown = preview(admin_client, Person, csv_bytes([["name_zh_hant"], ["韓立明"]]))
    assert totals(shown) == {"update": 1}
    import_file(admin_client, Person, csv_bytes(rows))

    han.refresh_from_db()
    assert (han.name_zh_hant, han.name_alt) == ("韓立明", "韓立明")
    assert Person.objects.count() == 1


def test_an_organization_is_matched_by_its_short_name_or_other_name(admin_client):
    hktdc = factories.OrganizationFactory(
        name_en="Hong Kong Trade Development Council", short_name_en="HKTDC"
    )
    factories.OrganizationAliasFactory(organization=hktdc, name="香港貿易發展局")

    by_short = preview(admin_client, Organization, csv_bytes([["name_en"], ["hktdc"]]))
    by_alias = preview(
        admin_client,
        Organization,
        csv_bytes(
            [["name_en", "other_names"], ["Hong Kong Trade Development Council", "香港贸易发展局"]]
        ),
    )

    assert "update" in totals(by_short) and "new" not in totals(by_short)
    assert totals(by_alias) == {"skip": 1}  # 贸 and 貿: the same name, nothing to add


def test_an_xlsx_made_from_the_sample_imports_the_same(admin_client, demo):
    data = xlsx_bytes(sample_rows("organizations.csv"))

    response = import_file(admin_client, Organization, data, "organizations.xlsx", XLSX_FORMAT)

    assert response.status_code == 302
    assert Organization.objects.filter(
        name_zh_hans="香港投资推广署", short_name_en="InvestHK"
    ).exists()


# Errors name the row and the column; nothing is saved.


def test_an_unknown_organization_in_a_post_names_row_and_column(admin_client, demo):
    rows = [
        ["name_en", "posts_en"],
        ["Wang Jun", "Director, Nanjing Municipal People's Government"],
        ["Li Hua", "Director, Foo"],
    ]

    shown = preview(admin_client, Person, csv_bytes(rows))

    assert errors_of(shown) == ["Row 3, column 'posts_en': no organization named 'Foo'"]
    assert "Row 3, column &#x27;posts_en&#x27;: no organization named &#x27;Foo&#x27;" in (
        shown.content.decode()
    )
    assert shown.context.get("confirm_form") is None
    assert not Person.objects.filter(name_en="Wang Jun").exists()


def test_errors_of_fields_checks_and_ids_name_their_columns(admin_client):
    rows = [
        ["id", "name_en", "kind", "website"],
        ["", "", "government", ""],
        ["", "Nanjing Bank", "bank", ""],
        ["", "Nanjing Port", "enterprise", "not a web address"],
        ["999", "Nanjing Metro", "enterprise", ""],
    ]

    shown = preview(admin_client, Organization, csv_bytes(rows))

    errors = errors_of(shown)
    assert errors[0].startswith("Row 2, column 'name_en': ")
    assert errors[1].startswith("Row 3, column 'kind': ")
    assert errors[2].startswith("Row 4, column 'website': ")
    assert errors[3] == "Row 5, column 'id': no organization has the id 999"
    assert Organization.objects.count() == 0


def test_the_wrong_file_is_refused_by_its_columns(admin_client):
    shown = preview(admin_client, Organization, sample("people.csv"))

    (error, *_) = errors_of(shown)
    assert error.startswith("The file: unknown columns: honorific, name_alt, posts_en, ")
    assert shown.context.get("confirm_form") is None
    assert Organization.objects.count() == 0


def test_a_kind_may_be_given_by_its_label_in_any_language(admin_client):
    rows = [
        ["name_en", "kind"],
        ["Nanjing Bank", "Enterprise"],
        ["南京市商务局", "政府"],
        ["X", "trade_body"],
    ]

    import_file(admin_client, Organization, csv_bytes(rows))

    kinds = dict(Organization.objects.values_list("name_en", "kind"))
    assert kinds == {"Nanjing Bank": "enterprise", "南京市商务局": "government", "X": "trade_body"}


def test_a_name_that_fits_two_records_asks_for_the_id(admin_client):
    one = factories.PersonFactory(name_en="Wang Wei")
    two = factories.PersonFactory(name_en="Wang Wei")

    shown = preview(admin_client, Person, csv_bytes([["name_en", "bio_en"], ["Wang Wei", "x"]]))

    (error,) = errors_of(shown)
    assert error.startswith("Row 2, column 'name_en': 'Wang Wei' names several: ")
    assert f"(id {one.pk})" in error and f"(id {two.pk})" in error


def test_the_confirm_step_saves_nothing_when_any_row_fails_by_then(admin_client):
    mayor = factories.OrganizationFactory(name_en="Nanjing Municipal People's Government")
    rows = [
        ["name_en", "posts_en"],
        ["Chen Zhichang", "Mayor of Nanjing, Nanjing Municipal People's Government"],
        ["Wang Jun", "Director, Nanjing Municipal Bureau of Commerce"],
    ]
    bureau = factories.OrganizationFactory(name_en="Nanjing Municipal Bureau of Commerce")
    shown = preview(admin_client, Person, csv_bytes(rows))
    assert errors_of(shown) == [] and mayor.pk
    bureau.delete()  # between the preview and the confirm

    response = confirm(admin_client, Person, shown)

    assert response.status_code == 302
    assert Person.objects.count() == 0
    assert "Nothing was imported." in told(response)


# History and round trips.


def test_an_import_records_history_as_an_admin_save_does(admin_client, admin_user):
    nanjing = factories.OrganizationFactory(name_en="Nanjing Municipal People's Government")
    rows = [
        ["id", "name_en", "name_zh_hans", "other_names"],
        [str(nanjing.pk), "Nanjing Municipal People's Government", "南京市人民政府", "南京市政府"],
    ]

    import_file(admin_client, Organization, csv_bytes(rows), "nanjing.csv")

    (version,) = Version.objects.get_for_object(nanjing)
    assert version.revision.user == admin_user
    assert version.revision.comment == "Imported from a spreadsheet."
    stored = {each.object_repr for each in version.revision.version_set.all()}
    assert stored == {"Nanjing Municipal People's Government", "南京市政府"}  # with its other name


@pytest.mark.parametrize(
    ("model", "file_format"), [(Organization, "0"), (Person, "0"), (Person, "1")]
)
def test_a_round_trip_changes_nothing(admin_client, demo, model, file_format):
    versions = Version.objects.count()
    exported = export(admin_client, model, file_format).content
    name = "round-trip.xlsx" if file_format == XLSX_FORMAT else "round-trip.csv"

    shown = preview(admin_client, model, exported, name, file_format)

    assert errors_of(shown) == []
    assert totals(shown) == {"skip": model.objects.count()}  # 0 new, 0 changed
    response = confirm(admin_client, model, shown)
    assert "Imported: 0 new, 0 changed" in told(response)[0]
    assert Version.objects.count() == versions
    assert read_csv(export(admin_client, model).content) == read_csv(
        export(admin_client, model).content
    )


def test_a_formula_escaped_on_export_reads_back_as_it_was(admin_client):
    factories.OrganizationFactory(name_en="=1+1 Holdings")
    exported = export(admin_client, Organization).content
    assert b"'=1+1 Holdings" in exported

    shown = preview(admin_client, Organization, exported)

    assert totals(shown) == {"skip": 1}


# Hostile and broken uploads: a form error, never a 500.


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "file_format", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "1", "This is not an XLSX file."),
        ("name_en\nNanjing".encode("gb18030") + "南京".encode("gb18030"), "0", "UTF-8"),
        (b"PK\x03\x04broken zip", "1", "This is not an XLSX file."),
        (zip_bomb(), "1", "This XLSX file unpacks to too much data."),
        (b"name_en\n", "0", "The file has no rows to import."),
        (b"", "0", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_what_it_says_is_a_form_error(admin_client, data, file_format, message):
    shown = preview(admin_client, Organization, data, "upload", file_format)

    assert shown.status_code == 200
    assert any(message in text for text in errors_of(shown)), errors_of(shown)
    assert Organization.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.SPREADSHEET_IMPORT_MAX_BYTES = 1024
    data = csv_bytes([["name_en"]] + [[f"Organization {n}"] for n in range(200)])

    shown = preview(admin_client, Organization, data)

    assert errors_of(shown) == ["The file is larger than 0.0 MB."]
    assert Organization.objects.count() == 0


def test_a_file_with_too_many_rows_is_refused(admin_client, settings):
    settings.SPREADSHEET_IMPORT_MAX_ROWS = 3
    data = xlsx_bytes([["name_en"]] + [[f"Organization {n}"] for n in range(4)])

    shown = preview(admin_client, Organization, data, "big.xlsx", XLSX_FORMAT)

    assert errors_of(shown) == ["The file has more than 3 rows."]


def test_a_crafted_confirm_reads_no_other_file(admin_client):
    response = admin_client.post(
        admin_url(Organization, "process_import"),
        {
            "import_file_name": "../../../etc/passwd",
            "original_file_name": "x.csv",
            "format": "0",
            "resource": "0",
        },
    )

    assert response.status_code == 200
    assert "This upload has expired" in response.content.decode()
    assert Organization.objects.count() == 0


def test_a_confirm_of_an_upload_already_imported_is_refused(admin_client):
    shown = preview(admin_client, Organization, csv_bytes([["name_en"], ["Nanjing Bank"]]))
    confirm(admin_client, Organization, shown)

    again = confirm(admin_client, Organization, shown)

    assert again.status_code == 302
    assert "This upload has expired; upload the file again." in told(again)
    assert Organization.objects.count() == 1


# Roles.


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", [Organization, Person])
def test_who_may_import(role, model):
    client = signed_in(role)
    data = csv_bytes([["name_en"], ["Nanjing Bank"]])

    page = client.get(admin_url(model, "import"))
    shown = preview(client, model, data)
    crafted = client.post(
        admin_url(model, "process_import"),
        {"import_file_name": "0" * 32, "original_file_name": "x.csv", "format": "0"},
    )

    if role in {"Editor", "Publisher", "Administrator"}:
        assert page.status_code == 200
        assert shown.context["confirm_form"] is not None
        assert confirm(client, model, shown).status_code == 302
        assert model.objects.filter(name_en="Nanjing Bank").count() == 1
    else:
        for response in (page, shown, crafted):
            if role == "anonymous":
                assert response.status_code == 302 and "login" in response["Location"]
            else:
                assert response.status_code == 403
        assert not model.objects.exists()


def test_the_import_button_shows_only_where_an_import_is(admin_client):
    people = admin_client.get(admin_url(Person, "changelist")).content.decode()
    posts = admin_client.get(admin_url(Position, "changelist")).content.decode()

    assert admin_url(Person, "import") in people
    assert 'class="import_link"' not in posts
    assert admin_client.get(admin_url(Position, "import")).status_code == 403


# The draft rule, for every import of publishable records (agreements, conferences).


class ConferenceResource(ContentResource):
    class Meta:
        model = Conference
        fields = ["id", "title_en", "start_date", "publication_status", "published_at"]


def conference_import(role, rows):
    request = RequestFactory().post("/")
    request.user = member(role)
    resource = ConferenceResource(request=request, model_admin=admin.site._registry[Conference])
    dataset = as_text(tablib.Dataset(*rows[1:], headers=rows[0]))
    return resource.import_data(dataset, dry_run=False)


@pytest.mark.parametrize(("role", "status"), [("Editor", "draft"), ("Publisher", "published")])
def test_an_editors_import_makes_drafts(role, status):
    rows = [
        ["title_en", "start_date", "publication_status", "published_at"],
        ["Nanjing Promotion Conference", "2023-02-08", "published", "2023-02-09 10:00"],
    ]

    result = conference_import(role, rows)

    assert not result.has_errors() and not result.has_validation_errors()
    conference = Conference.objects.get()
    assert conference.publication_status == status
    assert (conference.published_at is None) == (status == "draft")


def test_an_editor_cannot_change_a_published_record_by_import():
    live = factories.ConferenceFactory(publication_status="published", title_en="Live")
    rows = [["id", "title_en"], [str(live.pk), "Changed"]]

    editor = conference_import("Editor", rows)
    publisher = conference_import("Publisher", [["id", "title_en"], [str(live.pk), "Changed too"]])

    (invalid,) = editor.invalid_rows
    assert "your role may not change “Live”." in str(invalid.error)
    assert not publisher.has_validation_errors()
    assert Conference.objects.get().title_en == "Changed too"


def test_an_editors_import_keeps_a_drafts_publishing_columns():
    draft = factories.ConferenceFactory(publication_status="draft", title_en="Draft")
    rows = [
        ["id", "title_en", "publication_status"],
        [str(draft.pk), "Draft, retitled", "published"],
    ]

    conference_import("Editor", rows)

    draft.refresh_from_db()
    assert (draft.title_en, draft.publication_status) == ("Draft, retitled", "draft")


def test_aliases_and_posts_added_by_import_are_kept_once(admin_client):
    nanjing = factories.OrganizationFactory(name_en="Nanjing Municipal People's Government")
    person = factories.PersonFactory(name_en="Chen Zhichang")
    rows = [
        ["id", "name_en", "posts_en"],
        [str(person.pk), "Chen Zhichang", "Mayor, 南京市人民政府"],
    ]
    OrganizationAlias.objects.create(organization=nanjing, name="南京市人民政府")

    import_file(admin_client, Person, csv_bytes(rows))
    again = preview(admin_client, Person, csv_bytes(rows))

    assert list(Position.objects.values_list("title_en", "organization")) == [("Mayor", nanjing.pk)]
    assert totals(again) == {"skip": 1}


def test_cells_are_shown_escaped_in_the_preview_and_its_errors(admin_client):
    hostile = "<script>alert(1)</script>"
    rows = [["name_en", "posts_en"], [hostile, f"Director, {hostile}"]]

    shown = preview(admin_client, Person, csv_bytes(rows))
    page = preview(admin_client, Organization, csv_bytes([["name_en"], [hostile]]))

    assert errors_of(shown) == [f"Row 2, column 'posts_en': no organization named '{hostile}'"]
    for response in (shown, page):
        assert hostile not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()


# Crafted confirms, long files, control characters, the upload folder.


@pytest.mark.parametrize(("field", "value"), [("format", "7"), ("resource", "3"), ("format", "²")])
def test_a_crafted_confirm_with_a_choice_out_of_range_is_a_form_error(admin_client, field, value):
    shown = preview(admin_client, Organization, csv_bytes([["name_en"], ["Nanjing Bank"]]))
    form = shown.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}

    response = admin_client.post(admin_url(Organization, "process_import"), {**data, field: value})

    assert response.status_code == 200
    assert "This form has been altered; upload the file again." in response.content.decode()
    assert Organization.objects.count() == 0


def test_a_csv_of_many_short_lines_is_refused_before_it_is_parsed(admin_client):
    data = b"name_en\n" + b"x\n" * 200_000

    shown = preview(admin_client, Organization, data)

    assert errors_of(shown) == ["The file has more than 1000 rows."]
    assert Organization.objects.count() == 0


def test_a_csv_is_counted_without_building_its_rows():
    with pytest.raises(ValueError, match="more than 1000 rows"):
        check_csv_rows("name_en\n" + "x\n" * 200_000)
    check_csv_rows("name_en\n" + "x\n" * 1000 + "\n" * 5000)  # blank lines are no rows


def test_quoted_cells_over_several_lines_count_as_one_row(admin_client, settings):
    settings.SPREADSHEET_IMPORT_MAX_ROWS = 2
    data = csv_bytes([["name_en", "description_en"], ["A", "1\n2\n3"], ["B", "4\n5\n6"]])

    assert totals(preview(admin_client, Organization, data)) == {"new": 2}


def test_an_xlsx_whose_sheet_has_too_many_rows_is_refused_before_its_rows_are_read():
    data = xlsx_bytes([["name_en"]] + [["x"] for _ in range(1001)])

    with pytest.raises(ValueError, match="more than 1000 rows"):
        check_xlsx_rows(data)


def test_control_characters_are_not_stored(admin_client):
    data = csv_bytes([["name_en"], ["Nanjing\x0b Bank\x01"]])

    import_file(admin_client, Organization, data)

    assert Organization.objects.get().name_en == "Nanjing Bank"


def test_the_upload_folder_is_made_private(admin_client, settings, tmp_path):
    settings.SPREADSHEET_UPLOAD_DIR = tmp_path / "uploads"

    preview(admin_client, Organization, csv_bytes([["name_en"], ["Nanjing Bank"]]))

    assert stat.S_IMODE((tmp_path / "uploads").stat().st_mode) == 0o700
    [stored] = (tmp_path / "uploads").iterdir()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", ["open to others", "a link"])
def test_an_upload_folder_someone_could_reach_is_refused(admin_client, settings, tmp_path, kind):
    folder = tmp_path / "uploads"
    if kind == "a link":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere")
    else:
        folder.mkdir()
        folder.chmod(0o777)
    settings.SPREADSHEET_UPLOAD_DIR = folder

    with pytest.raises(ImproperlyConfigured, match="upload folder"):
        preview(admin_client, Organization, csv_bytes([["name_en"], ["Nanjing Bank"]]))

    assert list((tmp_path / "elsewhere").iterdir() if kind == "a link" else []) == []
