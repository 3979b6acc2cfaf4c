from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError

from events.models import Conference, Organization, Person
from partnerships.models import Agreement, AgreementDocument, Party
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    SignatoryFactory,
)

pytestmark = pytest.mark.django_db


def test_agreement_slug_for_chinese_only_title():
    agreement = AgreementFactory(title="战略合作协议")

    assert agreement.slug == "战略合作协议"
    assert (
        agreement.get_absolute_url()
        == "/en/partnerships/%E6%88%98%E7%95%A5%E5%90%88%E4%BD%9C%E5%8D%8F%E8%AE%AE/"
    )


def test_same_organization_cannot_be_a_party_twice():
    party = PartyFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        PartyFactory(agreement=party.agreement, organization=party.organization)


def test_validation_explains_same_organization_twice():
    party = PartyFactory()
    duplicate = Party(agreement=party.agreement, organization=party.organization)

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "This organization is already a party to the agreement." in error.value.messages


def test_organization_that_is_a_party_cannot_be_deleted():
    party = PartyFactory()

    with pytest.raises(ProtectedError):
        party.organization.delete()

    assert Organization.objects.filter(pk=party.organization.pk).exists()


def test_person_who_signed_cannot_be_deleted():
    signatory = SignatoryFactory()

    with pytest.raises(ProtectedError):
        signatory.person.delete()

    assert Person.objects.filter(pk=signatory.person.pk).exists()


def test_conference_where_agreements_were_signed_cannot_be_deleted():
    agreement = AgreementFactory()

    with pytest.raises(ProtectedError):
        agreement.conference.delete()

    assert Conference.objects.filter(pk=agreement.conference.pk).exists()
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_signatory_must_sign_for_a_party_of_the_same_agreement():
    signatory = SignatoryFactory.build(
        agreement=AgreementFactory(), person=PersonFactory(), party=PartyFactory()
    )

    with pytest.raises(ValidationError) as error:
        signatory.full_clean()

    assert error.value.message_dict["party"] == ["Choose a party of this agreement."]


def test_signatory_post_must_be_one_the_person_held():
    signatory = SignatoryFactory.build(
        agreement=AgreementFactory(), person=PersonFactory(), position=PositionFactory()
    )

    with pytest.raises(ValidationError) as error:
        signatory.full_clean()

    assert error.value.message_dict["position"] == ["Choose a post that this person held."]


def test_document_needs_a_file_or_a_url():
    document = AgreementDocument(agreement=AgreementFactory(), title="Text")

    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "Upload a file or give a URL for the document." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        document.save()


def test_agreement_value_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(value_amount=Decimal("-1"), value_currency="USD")


def test_agreement_currency_without_value_is_refused():
    agreement = AgreementFactory.build(conference=ConferenceFactory(), value_currency="USD")

    with pytest.raises(ValidationError) as error:
        agreement.full_clean()

    assert error.value.message_dict["value_amount"] == [
        "Give the value, or leave the currency blank."
    ]


def test_organization_reaches_agreements_through_parties():
    party = PartyFactory(organization=OrganizationFactory(name="China Merchants Group"))

    assert list(party.organization.agreements.all()) == [party.agreement]


def test_an_agreement_with_signatories_can_be_deleted_whole():
    party = PartyFactory()
    SignatoryFactory(agreement=party.agreement, party=party)

    party.agreement.delete()

    assert Agreement.objects.count() == 0
    assert Party.objects.count() == 0


def test_a_party_someone_signed_for_cannot_be_removed_alone():
    party = PartyFactory()
    SignatoryFactory(agreement=party.agreement, party=party)

    with pytest.raises(RestrictedError):
        party.delete()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value_amount": Decimal("5")}, "value_currency", "Choose the currency of the value."),
        (
            {"value_is_estimate": True},
            "value_is_estimate",
            "Only a value can be an estimate; give the value.",
        ),
    ],
)
def test_agreement_value_needs_its_currency_and_an_estimate_its_value(fields, field, message):
    agreement = AgreementFactory.build(conference=ConferenceFactory(), **fields)

    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict[field] == [message]
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()
