"""The write path for agreements and restores (partnerships/services.py)."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from events.models import Conference, Organization, Person
from events.versions import current_version
from partnerships import services
from partnerships.models import Agreement, Party
from tests.factories import AgreementFactory, OrganizationAliasFactory, PositionFactory

pytestmark = pytest.mark.django_db

DRAFT = Agreement.PublicationStatus.DRAFT
PUBLISHED = Agreement.PublicationStatus.PUBLISHED


def test_publishing_agreements_skips_one_past_its_unpublish_time(admin_user):
    now = timezone.now()
    ended = AgreementFactory(
        title="Ended agreement", publication_status=DRAFT, unpublish_at=now - dt.timedelta(hours=1)
    )
    draft = AgreementFactory(title="Strategic cooperation agreement", publication_status=DRAFT)

    published, skipped = services.publish(
        Agreement.objects.drafts().order_by("pk"), user=admin_user
    )

    assert published == [draft]
    assert [item.record for item in skipped] == [ended]
    assert "its unpublish time has passed" in skipped[0].reason
    assert list(Agreement.objects.published()) == [draft]
    [version] = Version.objects.get_for_object(draft)
    assert version.revision.user == admin_user


def test_bulk_created_agreements_are_found_and_published():
    agreements = services.bulk_create(
        Agreement,
        [
            Agreement(title=f"Green finance agreement {i}", publication_status=PUBLISHED)
            for i in range(3)
        ],
    )

    assert Agreement.objects.filter(search_text__term="finance").count() == 3
    assert Agreement.objects.published().count() == 3
    assert len({agreement.slug for agreement in agreements}) == 3


def test_deleting_an_agreement_keeps_its_parties_organizations(admin_user):
    agreement = AgreementFactory()
    organization = Party.objects.create(
        agreement=agreement, organization=Organization.objects.create(name="China Merchants Group")
    ).organization

    services.delete(agreement, user=admin_user)

    assert not Agreement.objects.exists()
    assert Organization.objects.get() == organization
    assert Version.objects.get_deleted(Agreement).get().revision.user == admin_user


def fixture_with_stale_search_text(tmp_path) -> str:
    """The site's content as dumped, with the search text an older site would have left
    (here: none)."""
    out = io.StringIO()
    call_command(
        "dumpdata", "events", "partnerships",
        natural_foreign=True, natural_primary=True, stdout=out,
    )  # fmt: skip
    rows = json.loads(out.getvalue())
    for row in rows:
        if "search_text" in row["fields"]:
            row["fields"]["search_text"] = ""
    path = tmp_path / "data.json"
    path.write_text(json.dumps(rows))
    return str(path)


@pytest.mark.django_db(transaction=True)
def test_loading_content_makes_search_text_again_and_moves_the_version_once(tmp_path):
    mayor = PositionFactory(person__name="Chen Zhichang", title="Mayor of Nanjing")
    OrganizationAliasFactory(organization=mayor.organization, name="南京市人民政府")
    AgreementFactory(title="Strategic cooperation agreement")
    fixture = fixture_with_stale_search_text(tmp_path)
    before = current_version()[0]

    services.load_content(fixture, replace=True)  # commits

    assert list(Person.objects.filter(search_text__term="mayor")) == [mayor.person]
    assert Organization.objects.filter(search_text__term="南京市").get() == mayor.organization
    assert Agreement.objects.filter(search_text__term="strategic").count() == 1
    assert current_version()[0] == before + 1


def test_loading_content_that_fails_changes_nothing(tmp_path):
    AgreementFactory(title="Strategic cooperation agreement")
    broken = tmp_path / "data.json"
    broken.write_text('[{"model": "events.conference", "fields": {"title": "No date"}}]')

    with pytest.raises(Exception, match="start_date|NOT NULL|null value"):
        services.load_content(str(broken), replace=True)

    assert Agreement.objects.filter(search_text__term="strategic").count() == 1
    assert not Conference.objects.filter(title="No date").exists()
