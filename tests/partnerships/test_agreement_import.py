"""Agreements with their parties and signatories, imported from a spreadsheet in the admin:
the preview, errors by row and column, matching by any name, all or nothing, the roles
(crafted requests included), history, and the round trip (export, import: no change)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
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
    totals,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent.parent / "samples" / "agreements.csv"
NEW_TITLE = "Green finance cooperation memorandum between Nanjing and HKTDC"


def signed_in(role) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    user = User.objects.create_user(f"{role.lower()}-importer", password="x", is_staff=True)
    if role != "staff":
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


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
    existing = Agreement.objects.get(slug="nanjing-china-merchants-group-strategic-cooperation-2023")
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
    state = list(Agreement.objects.values()), list(Party.objects.values()), list(
        Signatory.objects.values()
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
