"""The participants of one conference, imported from a spreadsheet on its admin page: the
link, the preview, errors by row and column, matching people by any name and script,
people and posts created, all or nothing, the roles (crafted requests included),
history, and the round trip."""

import csv
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Revision, Version

from events.models import Conference, Participation, Person, Position
from events.participant_import import ParticipantResource
from tests import factories
from tests.spreadsheets import (
    CSV_FORMAT,
    csv_bytes,
    errors_of,
    read_csv,
    read_xlsx,
    signed_in,
    totals,
)

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent.parent / "samples" / "participants.csv"
DEMO = "nanjing-promotion-conference-hong-kong-2023"


def import_url(conference, step="import"):
    name = "import_participants" if step == "import" else "process_participants"
    return reverse(f"admin:events_conference_{name}", args=[conference.pk])


def preview(client, conference, data: bytes, name="participants.csv"):
    upload = SimpleUploadedFile(name, data)
    return client.post(
        import_url(conference), {"import_file": upload, "format": CSV_FORMAT, "resource": "0"}
    )


def confirm(client, conference, shown):
    form = shown.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(import_url(conference, "process"), data)


def import_rows(client, conference, rows):
    shown = preview(client, conference, csv_bytes(rows))
    assert errors_of(shown) == [], errors_of(shown)
    return confirm(client, conference, shown)


def sample_rows():
    with SAMPLE.open(encoding="utf-8") as f:
        return list(csv.reader(f))


@pytest.fixture
def conference(demo):
    return Conference.objects.get(slug=DEMO)


@pytest.fixture
def draft():
    return factories.ConferenceFactory(publication_status="draft")


def roles_of(conference):
    return sorted(
        (p.person.name_en, p.role, p.remote, [post.title_en for post in p.positions.all()])
        for p in conference.participations.all()
    )


def test_the_conference_page_links_to_its_participants_import(conference):
    page = signed_in("Publisher").get(
        reverse("admin:events_conference_change", args=[conference.pk])
    )
    assert import_url(conference).encode() in page.content
    assert "Import participants" in page.content.decode()


def test_the_sample_matches_people_by_any_name_and_creates_the_new_one(conference):
    client = signed_in("Publisher")
    before = Person.objects.count()

    shown = preview(client, conference, SAMPLE.read_bytes())

    assert errors_of(shown) == []
    # 韓立明 (traditional), "chen zhichang" (lower case) and 劉會平 are the demo's
    # speakers: unchanged; Li Wei is new.
    assert totals(shown) == {"new": 1, "skip": 3}
    assert Person.objects.count() == before  # the preview kept nothing
    # What the preview shows will be created: the person, and the post.
    new_row = shown.context["result"].rows[3].diff
    headers = shown.context["result"].diff_headers
    assert "Li Wei (new)" in new_row[headers.index("person")]
    assert "Director of Investment Promotion (new)" in new_row[headers.index("post")]

    assert confirm(client, conference, shown).status_code == 302
    li_wei = Person.objects.get(name_en="Li Wei")
    assert li_wei.name_alt == "李伟"
    participation = conference.participations.get(person=li_wei)
    assert participation.role == Participation.Role.MODERATOR  # its Chinese label
    post = participation.positions.get()
    assert (post.title_en, post.organization.slug) == ("Director of Investment Promotion", "hktdc")
    assert Person.objects.count() == before + 1


def test_a_draft_conference_gets_people_posts_and_roles(demo, draft):
    rows = sample_rows()
    session = rows[0].index("session")
    for row in rows[1:]:
        row[session] = ""  # a new conference has no agenda yet
    before = Position.objects.count()

    import_rows(signed_in("Editor"), draft, rows)

    assert roles_of(draft) == [
        ("Chen Zhichang", "speaker", False, ["Mayor of Nanjing"]),
        ("Han Liming", "speaker", True, ["Member of the Standing Committee", "Secretary"]),
        ("Li Wei", "moderator", False, ["Director of Investment Promotion"]),
        ("Patrick Lau", "speaker", False, ["Deputy Executive Director"]),
    ]
    assert Position.objects.count() == before + 1  # the existing posts were found


def test_errors_name_the_row_and_the_column_and_nothing_is_kept(conference):
    rows = sample_rows()
    headers = rows[0]
    rows[2][headers.index("organization")] = "Atlantis Trading Company"
    rows[3][headers.index("role")] = "juggler"
    rows[4][headers.index("session")] = "Closing dinner"
    people = Person.objects.count()

    shown = preview(signed_in("Publisher"), conference, csv_bytes(rows))

    errors = errors_of(shown)
    assert len(errors) == 3, errors
    assert errors[0].startswith("Row 3, column 'organization':") and "Atlantis" in errors[0]
    assert errors[1].startswith("Row 4, column 'role':") and "juggler" in errors[1]
    assert errors[2].startswith("Row 5, column 'session':") and "Closing dinner" in errors[2]
    assert shown.context.get("confirm_form") is None
    assert Person.objects.count() == people  # Li Wei, read before the error, was not kept


def test_an_id_of_another_conference_is_an_error(conference, draft):
    other = factories.ParticipationFactory(conference=draft)
    rows = sample_rows()
    rows[1][0] = str(other.pk)
    errors = errors_of(preview(signed_in("Publisher"), conference, csv_bytes(rows)))
    assert len(errors) == 1 and errors[0].startswith("Row 2, column 'id':"), errors


def test_namesakes_ask_for_the_person_id(draft):
    factories.PersonFactory(name="Li Wei")
    factories.PersonFactory(name="LI WEI")
    rows = [["person", "role"], ["li wei", "speaker"]]
    errors = errors_of(preview(signed_in("Publisher"), draft, csv_bytes(rows)))
    assert len(errors) == 1 and errors[0].startswith("Row 2, column 'person':"), errors
    assert "person_id" in errors[0]


def test_round_trip_export_then_import_changes_nothing(conference):
    client = signed_in("Publisher")
    import_rows(client, conference, sample_rows())
    dataset = ParticipantResource(conference=conference).export()
    exported = csv_bytes([dataset.headers, *dataset])
    versions = Version.objects.count()
    state = list(Participation.objects.values()), list(Person.objects.values())

    shown = preview(client, conference, exported)

    assert errors_of(shown) == []
    assert totals(shown) == {"skip": 4}
    confirm(client, conference, shown)
    assert Version.objects.count() == versions
    assert (list(Participation.objects.values()), list(Person.objects.values())) == state


def test_the_export_from_the_conference_page_imports_back_unchanged(conference):
    client = signed_in("Editor")  # may view a published conference, not change it
    import_rows(signed_in("Publisher"), conference, sample_rows())
    url = reverse("admin:events_conference_export_participants", args=[conference.pk])
    page = client.get(reverse("admin:events_conference_change", args=[conference.pk]))
    assert url.encode() in page.content
    assert import_url(conference).encode() not in page.content  # published: no import

    exported = client.get(url)

    assert exported["Content-Disposition"] == f'attachment; filename="participants-{DEMO}.csv"'
    rows = read_csv(exported.content)
    assert [(row["person"], row["role"], row["post"]) for row in rows] == [
        (
            "Han Liming",
            "speaker",
            "Member of the Standing Committee; Secretary",
        ),
        ("Chen Zhichang", "speaker", "Mayor of Nanjing"),
        ("Patrick Lau", "speaker", "Deputy Executive Director"),
        ("Li Wei", "moderator", "Director of Investment Promotion"),
    ]
    assert rows[0]["organization"] == (
        "Jiangsu Provincial Party Committee; Nanjing Municipal Party Committee"
    )
    shown = preview(signed_in("Publisher"), conference, exported.content)
    assert totals(shown) == {"skip": 4}
    workbook = client.get(url + "?format=xlsx")
    assert read_xlsx(workbook.content)[3]["person"] == "Li Wei"


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_the_participants_export_needs_a_role(conference, role):
    url = reverse("admin:events_conference_export_participants", args=[conference.pk])
    response = signed_in(role).get(url)
    assert response.status_code == (302 if role == "anonymous" else 403)


def test_a_change_is_recorded_in_history_naming_the_importer(demo, draft):
    client = signed_in("Editor")
    import_rows(client, draft, [["person", "role", "remote"], ["Han Liming", "host", "no"]])
    participation = draft.participations.get()
    history = Version.objects.get_for_object(participation)
    assert history.count() == 1
    assert history.first().revision.user.username == "editor-importer"


def test_a_person_the_import_creates_has_history_naming_the_importer(demo, draft):
    client = signed_in("Editor")
    rows = [["person", "other_name", "role"], ["Li Wei", "李伟", "speaker"]]
    revisions = Revision.objects.count()
    shown = preview(client, draft, csv_bytes(rows))
    headers = shown.context["result"].diff_headers
    assert "Li Wei (new)" in shown.context["result"].rows[0].diff[headers.index("person")]
    assert Revision.objects.count() == revisions  # the preview kept no history either
    assert confirm(client, draft, shown).status_code == 302
    li_wei = Person.objects.get(name_en="Li Wei")
    revision = Version.objects.get_for_object(li_wei).get().revision
    assert revision.user.username == "editor-importer"
    assert revision.comment == str(ParticipantResource.comment)
    assert draft.participations.get().person == li_wei


# The roles, with crafted requests: both steps.


@pytest.mark.parametrize("role", ["anonymous", "staff", "Editor", "Publisher", "Administrator"])
def test_who_may_import_into_a_published_conference(conference, role):
    shown = preview(signed_in("Administrator"), conference, SAMPLE.read_bytes())
    client = signed_in(role)
    page = client.get(import_url(conference))
    refused_preview = preview(client, conference, SAMPLE.read_bytes())
    crafted_confirm = confirm(client, conference, shown)
    may = role in {"Publisher", "Administrator"}
    for response in (page, refused_preview):
        if role == "anonymous":
            assert response.status_code == 302 and "login" in response["Location"]
        else:
            assert response.status_code == (200 if may else 403)
    if may:
        assert crafted_confirm.status_code == 302
        assert Person.objects.filter(name_en="Li Wei").exists()
    else:
        expected = 302 if role == "anonymous" else 403
        assert crafted_confirm.status_code == expected
        assert not Person.objects.filter(name_en="Li Wei").exists()


@pytest.mark.parametrize("role", ["anonymous", "staff", "Editor", "Publisher", "Administrator"])
def test_who_may_import_into_a_draft_conference(draft, role):
    client = signed_in(role)
    rows = [["person", "role"], ["Li Wei", "moderator"]]
    response = preview(client, draft, csv_bytes(rows))
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "staff":
        assert response.status_code == 403
    else:
        assert totals(response) == {"new": 1}
        assert confirm(client, draft, response).status_code == 302
        assert draft.participations.get().person.name_en == "Li Wei"


def test_an_unknown_conference_is_a_404():
    client = signed_in("Administrator")
    response = client.get("/admin/events/conference/999999/participants/import/")
    assert response.status_code == 404


@pytest.mark.parametrize("view", ["import", "export"])
def test_a_conference_id_of_other_digits_is_a_404(view):
    client = signed_in("Administrator")
    response = client.get(f"/admin/events/conference/²/participants/{view}/")
    assert response.status_code == 404


def test_a_crafted_confirm_naming_a_resource_out_of_range_is_a_form_error(draft):
    client = signed_in("Administrator")
    shown = preview(client, draft, csv_bytes([["person", "role"], ["Li Wei", "speaker"]]))
    form = shown.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}

    response = client.post(import_url(draft, "process"), {**data, "resource": "1"})

    assert response.status_code == 200
    assert "This form has been altered; upload the file again." in response.content.decode()
    assert not draft.participations.exists()


def test_the_participants_export_reads_a_fixed_number_of_queries(draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in("Editor")
    url = reverse("admin:events_conference_export_participants", args=[draft.pk])

    def with_posts():
        participation = factories.ParticipationFactory(conference=draft)
        participation.positions.add(factories.PositionFactory(person=participation.person))

    with_posts()
    with CaptureQueriesContext(connection) as one:
        assert len(read_csv(client.get(url).content)) == 1
    for _ in range(6):
        with_posts()
    with CaptureQueriesContext(connection) as many:
        assert len(read_csv(client.get(url).content)) == 7
    assert len(many) == len(one)


PAGE_TEXTS = {
    # language: (the import page's heading, the preview's button)
    "en": ("Import participants of", "Confirm import"),
    "zh-hans": ("的参与者", "确认导入"),
    "zh-hant": ("的參與者", "確認匯入"),
}


@pytest.mark.parametrize("language", sorted(PAGE_TEXTS))
def test_the_import_pages_open_in_every_language(draft, settings, language):
    from tests.pages import page_text

    client = signed_in("Editor")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    heading, button = PAGE_TEXTS[language]

    page = client.get(import_url(draft))
    shown = preview(client, draft, csv_bytes([["person", "role"], ["Li Wei", "演讲嘉宾"]]))

    assert heading in page_text(page)
    assert draft.title_en in page_text(page)
    assert f'value="{button}"' in shown.content.decode()  # the confirm step's button
