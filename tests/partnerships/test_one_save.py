"""A new agreement with its parties and signatories choosing among parties typed in the
same form is one save; a wrong reference is an error on the row, with the input kept."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Agreement, Party, Signatory
from tests.admin_forms import AGREEMENT_INLINES, agreement_form, empty_inlines, inline_rows
from tests.factories import OrganizationFactory, PartyFactory, PersonFactory

pytestmark = pytest.mark.django_db

ADD_AGREEMENT = reverse("admin:partnerships_agreement_add")


def agreement_post(main: dict, initial: dict | None = None, **inlines) -> dict:
    data = {**main, **empty_inlines(*AGREEMENT_INLINES)}
    for prefix, rows in inlines.items():
        data.update(inline_rows(prefix, rows, (initial or {}).get(prefix, 0)))
    return data


def parties(*organizations):
    return [
        {"organization": organization.pk, "role": "party", "order": str(index)}
        for index, organization in enumerate(organizations, 1)
    ]


def signatory(person, party, order="1"):
    return {"person": person.pk, "party": party, "role": "signed", "order": order}


def signatory_errors(response, index):
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "signatories"
    )
    return formset.forms[index].errors


def test_a_new_agreement_with_signatories_for_new_parties_is_one_save(admin_client):
    nanjing = OrganizationFactory(name="Nanjing Municipal People's Government")
    merchants = OrganizationFactory(name="China Merchants Group")
    mayor, chairman = PersonFactory(name="Chen Zhichang"), PersonFactory(name="Miao Jianmin")

    response = admin_client.post(
        ADD_AGREEMENT,
        agreement_post(
            agreement_form(title="Strategic cooperation"),
            parties=parties(nanjing, merchants),
            signatories=[
                signatory(mayor, "new:parties-0", "1"),
                signatory(chairman, "new:parties-1", "2"),
            ],
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    agreement = Agreement.objects.get()
    signed_for = {s.person.name: s.party.organization.name for s in agreement.signatories.all()}
    assert signed_for == {
        "Chen Zhichang": "Nanjing Municipal People's Government",
        "Miao Jianmin": "China Merchants Group",
    }
    assert {p.agreement for p in Party.objects.all()} == {agreement}


def test_a_signatory_for_a_removed_party_is_an_error_on_that_row_and_keeps_the_input(
    admin_client,
):
    nanjing = OrganizationFactory(name="Nanjing Municipal People's Government")
    merchants = OrganizationFactory(name="China Merchants Group")
    mayor = PersonFactory(name="Chen Zhichang")
    typed = parties(nanjing, merchants)
    typed[1]["DELETE"] = "on"

    response = admin_client.post(
        ADD_AGREEMENT,
        agreement_post(
            agreement_form(title="Strategic cooperation"),
            parties=typed,
            signatories=[signatory(mayor, "new:parties-1")],
        ),
    )

    assert response.status_code == 200
    assert "removed or has errors" in str(signatory_errors(response, 0)["party"])
    assert Agreement.objects.count() == Party.objects.count() == Signatory.objects.count() == 0
    menu = re.search(
        r'<select name="signatories-0-party"[^>]*>(.*?)</select>', response.content.decode(), re.S
    ).group(1)
    assert '<option value="new:parties-1" selected>China Merchants Group (new)</option>' in menu
    assert '<option value="new:parties-0">' in menu


def test_a_signatory_for_another_agreements_party_is_still_refused(admin_client):
    elsewhere = PartyFactory(organization__name="Someone else's party")
    nanjing = OrganizationFactory(name="Nanjing Municipal People's Government")
    mayor = PersonFactory(name="Chen Zhichang")

    response = admin_client.post(
        ADD_AGREEMENT,
        agreement_post(
            agreement_form(title="Strategic cooperation"),
            parties=parties(nanjing),
            signatories=[signatory(mayor, str(elsewhere.pk))],
        ),
    )

    assert response.status_code == 200
    assert signatory_errors(response, 0)["party"]
    assert not Agreement.objects.filter(title="Strategic cooperation").exists()


def test_references_cost_no_query_per_row(admin_client):
    """A refused form whose signatories refer to typed parties reads no more than the same
    form whose signatories name none (the form's own checks read once per row)."""
    mayor = PersonFactory(name="Chen Zhichang")

    def queries_for(reference):
        organizations = [OrganizationFactory() for _ in range(4)]
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.post(
                ADD_AGREEMENT,
                agreement_post(
                    agreement_form(title="Priceless", value_currency="USD"),
                    parties=parties(*organizations),
                    signatories=[signatory(mayor, reference)] * 4,
                ),
            )
        assert response.status_code == 200
        assert "Give the value" in response.content.decode()
        # Drawn again, every menu offers the typed parties, chosen or not.
        assert f"{organizations[-1].name} (new)" in response.content.decode()
        return len(queries)

    assert queries_for("new:parties-3") == queries_for("")
