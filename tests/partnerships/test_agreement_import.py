"""Agreements with their parties and signatories, imported from a spreadsheet in the admin:
the preview, errors by row and column, matching by any name, all or nothing, the roles
(crafted requests included), history, and the round trip (export, import: no change)."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from events.models import Person
from partnerships.models import Agreement, Party, Signatory
from tests import factories
from tests.spreadsheets import (
    XLSX_FORMAT,
    confirm,
    csv_bytes,
    errors_of,
    export,
    import_file,
    preview,
    read_csv,
    signed_in,
    totals,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent.parent / "samples" / "agreements.csv"
STRATEGIC = "nanjing-china-merchants-group-strategic-cooperation-2023"
NEW_TITLE = "Green finance cooperation memorandum between Nanjing and HKTDC"


@pytest.fixture
def publisher():
    return signed_in("Publisher")


def sample_rows() -> list[list[str]]:
    import csv

    with SAMPLE.open(encoding="utf-8") as f:
        return list(csv.reader(f))


def with_cells(rows, **cells):
    """The sample with some cells of its first row changed."""
    headers = rows[0]
    changed = [list(row) for row in rows]
    for name, value in cells.items():
        changed[1][headers.index(name)] = value
    return changed


def test_the_sample_previews_then_imports_with_parties_signatories_and_a_new_person(
    demo, publisher
):
    shown = preview(publisher, Agreement, SAMPLE.read_bytes(), name="agreements.csv")
    assert errors_of(shown) == []
    assert totals(shown) == {"new": 1}
    assert not Agreement.objects.filter(title_en=NEW_TITLE).exists()  # a preview saves nothing
    # The preview marks the signatory it will create.
    result = shown.context["result"]
    signatories = result.rows[0].diff[result.diff_headers.index("signatories")]
    assert "Li Wei (new) (Hong Kong Trade Development Council) [witnessed]" in signatories
    assert "Patrick Lau (Hong Kong" in signatories and "Patrick Lau (new)" not in signatories

    response = confirm(publisher, Agreement, shown)
    assert response.status_code == 302
    agreement = Agreement.objects.get(title_en=NEW_TITLE)
    assert agreement.title_zh_hant == "南京與香港貿發局綠色金融合作備忘錄"
    assert agreement.kind == Agreement.Kind.MEMORANDUM  # from its English label
    assert agreement.conference.slug == "nanjing-promotion-conference-hong-kong-2023"
    assert (agreement.value_amount, agreement.value_currency) == (500_000_000, "HKD")
    assert agreement.value_is_estimate is True
    assert sorted(t.name_en for t in agreement.topics.all()) == [
        "Green finance",
        "Industrial cooperation",  # named in Chinese
    ]
    # Parties by their Chinese names (simplified, traditional), in order, with roles.
    assert [(p.organization.slug, p.role, p.order) for p in agreement.parties.all()] == [
        ("nanjing-government", "party", 0),
        ("hktdc", "implementer", 1),
    ]
    signatories = [
        (s.person.name_en, s.party.organization.slug, s.role) for s in agreement.signatories.all()
    ]
    assert signatories == [
        ("Chen Zhichang", "nanjing-government", "signed"),  # 陳之常: the other script
        ("Patrick Lau", "hktdc", "signed"),
        ("Li Wei", "hktdc", "witnessed"),  # new, by the Chinese label of the role
    ]
    assert Person.objects.filter(name_en="Li Wei").count() == 1
    assert agreement.publication_status == "draft"


def test_errors_name_the_row_and_the_column_and_nothing_is_saved(demo, publisher):
    rows = sample_rows()
    rows.append(list(rows[1]))
    rows[2][rows[0].index("title_en")] = "A second agreement"
    rows[2][rows[0].index("parties")] = "Nowhere Holdings"
    rows[1][rows[0].index("kind")] = "treaty"
    before = Agreement.objects.count(), Person.objects.count()

    shown = preview(publisher, Agreement, csv_bytes(rows))

    errors = errors_of(shown)
    assert any(e.startswith("Row 2, column 'kind':") and "treaty" in e for e in errors), errors
    assert any(
        e.startswith("Row 3, column 'parties':") and "Nowhere Holdings" in e for e in errors
    ), errors
    assert shown.context.get("confirm_form") is None
    assert (Agreement.objects.count(), Person.objects.count()) == before


def test_a_signatory_for_an_organization_that_is_not_a_party_is_an_error(demo, publisher):
    rows = with_cells(sample_rows(), signatories="Patrick Lau (China Merchants Group)")
    errors = errors_of(preview(publisher, Agreement, csv_bytes(rows)))
    assert len(errors) == 1
    assert errors[0].startswith("Row 2, column 'signatories':")
    assert "China Merchants Group" in errors[0]


def test_matching_by_slug_then_by_title_and_date(demo, publisher):
    existing = Agreement.objects.get(slug=STRATEGIC)
    rows = with_cells(
        sample_rows(),
        slug="",  # no slug: found by its title (in capitals here) and date
        title_en=existing.title_en.upper(),
        title_zh_hans=existing.title_zh_hans,
        title_zh_hant=existing.title_zh_hant,
        signed_on=existing.signed_on.isoformat(),
    )
    shown = preview(publisher, Agreement, csv_bytes(rows))
    assert errors_of(shown) == []
    assert totals(shown) == {"update": 1}
    assert shown.context["result"].rows[0].object_id == existing.pk
    confirm(publisher, Agreement, shown)
    existing.refresh_from_db()
    assert existing.title_en == existing.title_en.upper()
    assert [p.organization.slug for p in existing.parties.all()] == ["nanjing-government", "hktdc"]


def test_xlsx_imports_as_csv_does(demo, publisher):
    response = import_file(
        publisher, Agreement, xlsx_bytes(sample_rows()), "a.xlsx", file_format=XLSX_FORMAT
    )
    assert response.status_code == 302
    assert Agreement.objects.filter(title_en=NEW_TITLE).exists()


def test_round_trip_export_then_import_changes_nothing(demo, publisher):
    import_file(publisher, Agreement, SAMPLE.read_bytes())
    exported = export(publisher, Agreement)
    assert exported.status_code == 200
    rows = read_csv(exported.content)
    assert {row["slug"] for row in rows} >= {
        "nanjing-china-merchants-group-strategic-cooperation-2023"
    }
    versions = Version.objects.count()
    state = (
        list(Agreement.objects.values()),
        list(Party.objects.values()),
        list(Signatory.objects.values()),
    )

    shown = preview(publisher, Agreement, exported.content.decode("utf-8-sig").encode())
    assert errors_of(shown) == []
    assert totals(shown) == {"skip": len(rows)}
    confirm(publisher, Agreement, shown)

    assert Version.objects.count() == versions
    assert (
        list(Agreement.objects.values()),
        list(Party.objects.values()),
        list(Signatory.objects.values()),
    ) == state


# The roles, with crafted requests: every role, both steps.


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_without_a_role_neither_step_is_allowed(demo, publisher, role):
    shown = preview(publisher, Agreement, SAMPLE.read_bytes())  # a real upload to aim at
    client = signed_in(role)
    refused_preview = preview(client, Agreement, SAMPLE.read_bytes())
    refused_confirm = confirm(client, Agreement, shown)
    for response in (refused_preview, refused_confirm):
        if role == "anonymous":
            assert response.status_code == 302 and "login" in response["Location"]
        else:
            assert response.status_code == 403
    assert not Agreement.objects.filter(title_en=NEW_TITLE).exists()


@pytest.mark.parametrize("role", ["Editor", "Publisher", "Administrator"])
def test_an_import_that_says_published_publishes_only_for_those_who_may_publish(demo, role):
    rows = with_cells(sample_rows(), publication_status="published")
    response = import_file(signed_in(role), Agreement, csv_bytes(rows))
    assert response.status_code == 302
    agreement = Agreement.objects.get(title_en=NEW_TITLE)
    expected = "draft" if role == "Editor" else "published"
    assert agreement.publication_status == expected


def published_changed_rows():
    """The demo's published strategic agreement, with its summary changed."""
    agreement = Agreement.objects.get(slug=STRATEGIC)
    assert agreement.is_published
    client = signed_in("Administrator")
    rows = read_csv(export(client, Agreement, query=f"id__exact={agreement.pk}").content)
    rows = [row for row in rows if row["slug"] == agreement.slug]
    rows[0]["summary_en"] = "Changed by the file."
    headers = list(rows[0])
    return agreement, [headers, [rows[0][h] for h in headers]]


def test_an_editor_cannot_change_a_published_agreement_by_import_nor_by_a_crafted_confirm(demo):
    agreement, rows = published_changed_rows()
    editor = signed_in("Editor")

    shown = preview(editor, Agreement, csv_bytes(rows))
    errors = errors_of(shown)
    assert len(errors) == 1 and errors[0].startswith("Row 2"), errors
    assert shown.context.get("confirm_form") is None

    # The confirm step crafted from a publisher's preview of the same file: refused too.
    publishers_preview = preview(signed_in("Publisher"), Agreement, csv_bytes(rows))
    response = confirm(editor, Agreement, publishers_preview)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.summary_en != "Changed by the file."
    assert agreement.is_published


def test_a_publisher_changes_a_published_agreement_and_history_names_them(demo):
    agreement, rows = published_changed_rows()
    client = signed_in("Publisher")
    versions = Version.objects.get_for_object(agreement).count()

    import_file(client, Agreement, csv_bytes(rows))

    agreement.refresh_from_db()
    assert agreement.summary_en == "Changed by the file."
    history = Version.objects.get_for_object(agreement)
    assert history.count() == versions + 1
    assert history.first().revision.user.username == "publisher-importer"
    # The revision holds the agreement's parties as they are now.
    party_versions = history.first().revision.version_set.filter(content_type__model="party")
    assert party_versions.count() == agreement.parties.count() == 2


def signed_agreement():
    agreement = factories.AgreementFactory()
    agreement.topics.add(factories.TopicFactory())
    party = factories.PartyFactory(agreement=agreement)
    factories.SignatoryFactory(agreement=agreement, party=party)
    return agreement


def test_the_agreements_export_reads_a_fixed_number_of_queries(publisher):
    """Parties, signatories and topics come with the rows, not a query per row."""
    signed_agreement()
    with CaptureQueriesContext(connection) as one:
        rows = read_csv(export(publisher, Agreement).content)
    assert len(rows) == 1 and rows[0]["signatories"]
    for _ in range(8):
        signed_agreement()
    with CaptureQueriesContext(connection) as many:
        rows = read_csv(export(publisher, Agreement).content)
    assert len(rows) == 9
    assert len(many) == len(one)


def test_a_party_someone_signed_for_is_not_dropped_by_a_file_without_signatories(publisher):
    agreement = signed_agreement()
    signatory = agreement.signatories.get()
    other = factories.OrganizationFactory(name="Another Party Ltd")
    rows = [["id", "parties"], [str(agreement.pk), other.name]]

    errors = errors_of(preview(publisher, Agreement, csv_bytes(rows)))

    assert len(errors) == 1 and errors[0].startswith("Row 2, column 'parties':"), errors
    assert signatory.person.name_en in errors[0]
    assert list(agreement.parties.all()) == [signatory.party]


def test_unchanged_rows_cost_a_fixed_few_queries_each(publisher):
    """Each unchanged row: its savepoint and the stored record's state for the role check;
    its related rows, read for the whole file at once, cost nothing more."""
    counts = {}
    for number in (1, 6):
        while Agreement.objects.count() < number:
            signed_agreement()
        data = export(publisher, Agreement).content
        with CaptureQueriesContext(connection) as queries:
            shown = preview(publisher, Agreement, data)
        assert totals(shown) == {"skip": number}
        counts[number] = len(queries)
    assert counts[6] - counts[1] <= 5 * 4
