import pytest
from django.urls import reverse

from partnerships.models import Agreement, Party
from tests.admin_forms import AGREEMENT_INLINES, agreement_form, empty_inlines, inline_rows
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

ADD_AGREEMENT = reverse("admin:partnerships_agreement_add")


def agreement_post(main: dict, initial: dict | None = None, **inlines) -> dict:
    data = {**main, **empty_inlines(*AGREEMENT_INLINES)}
    for prefix, rows in inlines.items():
        data.update(inline_rows(prefix, rows, (initial or {}).get(prefix, 0)))
    return data


def test_admin_adds_an_agreement_between_two_parties_signed_at_a_conference(admin_client):
    conference = ConferenceFactory(title="Nanjing Promotion Conference")
    nanjing = OrganizationFactory(name="Nanjing Municipal People's Government")
    merchants = OrganizationFactory(name="China Merchants Group")

    response = admin_client.post(
        ADD_AGREEMENT,
        agreement_post(
            agreement_form(
                title="战略合作协议",
                conference=conference.pk,
                value_amount="38800000000",
                value_currency="USD",
            ),
            parties=[
                {"organization": nanjing.pk, "role": "party", "order": "1"},
                {"organization": merchants.pk, "role": "party", "order": "2"},
            ],
            documents=[
                {"title": "Text", "url": "example.org/a.pdf", "language": "zh-hans", "order": "1"}
            ],
        ),
    )

    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.slug == "战略合作协议"
    assert list(conference.agreements.all()) == [agreement]
    assert [p.organization for p in agreement.parties.all()] == [nanjing, merchants]
    assert agreement.documents.get().url == "https://example.org/a.pdf"


def test_admin_refuses_the_same_organization_twice_and_saves_nothing(admin_client):
    nanjing = OrganizationFactory(name="Nanjing Municipal People's Government")

    response = admin_client.post(
        ADD_AGREEMENT,
        agreement_post(
            agreement_form(title="Twice"),
            parties=[
                {"organization": nanjing.pk, "role": "party", "order": "1"},
                {"organization": nanjing.pk, "role": "investor", "order": "2"},
            ],
        ),
    )

    assert response.status_code == 200
    assert "Please correct the duplicate data for organization" in response.content.decode()
    assert Agreement.objects.count() == 0
    assert Party.objects.count() == 0


def test_admin_signatory_chooses_among_this_agreements_parties(admin_client):
    party = PartyFactory(organization__name="China Merchants Group")
    PartyFactory(organization__name="Someone else's party")
    agreement = party.agreement
    person = PersonFactory(name="Signing Person")
    post = PositionFactory(person=person, organization=party.organization, title="Chairman")
    url = reverse("admin:partnerships_agreement_change", args=[agreement.pk])

    page = admin_client.get(url)
    choices = page.context["inline_admin_formsets"][1].formset.empty_form.fields["party"]
    assert [str(choice) for choice in choices.queryset] == [str(party)]

    response = admin_client.post(
        url,
        agreement_post(
            agreement_form(title=agreement.title, slug=agreement.slug),
            initial={"parties": 1},
            parties=[
                {
                    "id": party.pk,
                    "agreement": agreement.pk,
                    "organization": party.organization.pk,
                    "role": "party",
                    "order": "1",
                }
            ],
            signatories=[
                {
                    "person": person.pk,
                    "position": post.pk,
                    "party": party.pk,
                    "role": "signed",
                    "order": "1",
                }
            ],
        ),
    )

    assert response.status_code == 302
    signatory = agreement.signatories.get()
    assert (signatory.person, signatory.party, signatory.position) == (person, party, post)


def test_admin_refuses_a_currency_without_a_value(admin_client):
    response = admin_client.post(
        ADD_AGREEMENT, agreement_post(agreement_form(title="Priceless", value_currency="USD"))
    )

    assert response.status_code == 200
    assert "Give the value, or leave the currency blank." in response.content.decode()


def test_admin_refuses_to_delete_a_conference_where_agreements_were_signed(admin_client):
    agreement = AgreementFactory(title="Strategic cooperation agreement")
    url = reverse("admin:events_conference_delete", args=[agreement.conference.pk])

    page = admin_client.get(url)
    admin_client.post(url, {"post": "yes"})

    assert "protected related objects" in page.content.decode()
    assert "Strategic cooperation agreement" in page.content.decode()
    assert agreement.conference.__class__.objects.filter(pk=agreement.conference.pk).exists()


def test_admin_deletes_an_agreement_with_signatories(admin_client):
    party = PartyFactory()
    SignatoryFactory(agreement=party.agreement, party=party)
    url = reverse("admin:partnerships_agreement_delete", args=[party.agreement.pk])

    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert Agreement.objects.count() == 0


def test_admin_refuses_to_remove_a_party_someone_signed_for(admin_client):
    party = PartyFactory(organization__name="China Merchants Group")
    signatory = SignatoryFactory(agreement=party.agreement, party=party)
    agreement = party.agreement
    url = reverse("admin:partnerships_agreement_change", args=[agreement.pk])

    response = admin_client.post(
        url,
        agreement_post(
            agreement_form(title=agreement.title, slug=agreement.slug),
            initial={"parties": 1, "signatories": 1},
            parties=[
                {
                    "id": party.pk,
                    "agreement": agreement.pk,
                    "organization": party.organization.pk,
                    "role": "party",
                    "order": "1",
                    "DELETE": "on",
                }
            ],
            signatories=[
                {
                    "id": signatory.pk,
                    "agreement": agreement.pk,
                    "person": signatory.person.pk,
                    "party": party.pk,
                    "role": "signed",
                    "order": "0",
                }
            ],
        ),
    )

    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert Party.objects.filter(pk=party.pk).exists()
