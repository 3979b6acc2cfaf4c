"""Schemathesis against the API's own OpenAPI schema: over a thousand generated requests,
valid and invalid, on a database with published records and drafts. No answer is a
server error; every answer is one the schema lists, with the body and content type it
says; no draft's text ever shows."""

from collections import Counter

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import RequestFactory
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from events.filters import ConferenceFilter, OrganizationFilter, PersonFilter
from events.models import Conference, Organization, Person, Topic
from partnerships.filters import AgreementFilter
from partnerships.models import Agreement
from tests.factories import TopicFactory
from tests.test_drafts import SECRET, drafts  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
# Generated requests per operation (lists have many parameters; a detail's are its slug
# and language), valid and invalid ones together.
EXAMPLES = 110
AT_LEAST = 1000
# The records each detail operation names by slug, published or draft.
DETAILS = {
    "/api/v1/conferences/{slug}/": Conference,
    "/api/v1/agreements/{slug}/": Agreement,
    "/api/v1/people/{slug}/": Person,
    "/api/v1/organizations/{slug}/": Organization,
    "/api/v1/topics/{slug}/": Topic,
}
# Each list's filters, as its page has them: their options make queries a visitor could
# send, so that generated requests reach the records too, not only the refusals.
LISTS = {
    "/api/v1/conferences/": ConferenceFilter,
    "/api/v1/agreements/": AgreementFilter,
    "/api/v1/people/": PersonFilter,
    "/api/v1/organizations/": OrganizationFilter,
}
EVERY_LIST = {
    "q": ["nanjing", "南京", "green finance", "綠色", "Secret", "chen", "xx"],
    "year": ["2022", "2023", "2024"],
    "page": [1, 2],
    "page_size": [1, 5, 100],
    "lang": ["en", "zh-hans", "zh-hant"],
}


def options(filterset_class) -> dict[str, list[str]]:
    """Each filter's options as the page's form offers them (slugs, choices, sorts)."""
    filterset = filterset_class(data={}, request=RequestFactory().get("/"))
    found = {}
    for name, field in filterset.form.fields.items():
        choices = getattr(field, "choices", None)
        if choices is not None:
            found[name] = [str(value) for value, _label in choices if str(value)]
    return found


def visitors_queries(operation):
    """Queries built from the list's own options and the other parameters it declares."""
    declared = {parameter.name for parameter in operation.query}
    values = {**EVERY_LIST, **options(LISTS[operation.path])}
    optional = {name: st.sampled_from(values[name]) for name in declared if values.get(name)}
    return st.fixed_dictionaries({}, optional=optional).map(
        lambda query: operation.Case(query=query)
    )


@pytest.fixture
def app(settings):
    """The site as its server runs it, in this test's database connection: the requests
    run in this thread, so Django must not close the connection between them (its own
    test client does the same)."""
    settings.ALLOWED_HOSTS = ["localhost"]  # the Host schemathesis' WSGI client sends
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def cases_for(operation):
    """Valid and invalid requests; for a detail also the slugs of real records (published
    and draft), with generated query parameters."""
    strategies = [
        operation.as_strategy(schemathesis.GenerationMode.POSITIVE),
        operation.as_strategy(schemathesis.GenerationMode.NEGATIVE),
    ]
    model = DETAILS.get(operation.path)
    if model is not None:
        slugs = list(model.objects.values_list("slug", flat=True)[:20])
        strategies += [operation.as_strategy(path_parameters={"slug": slug}) for slug in slugs]
    if operation.path in LISTS:
        strategies += [visitors_queries(operation)] * 2
    return st.one_of(strategies)


def fuzz(operation, counts: dict, statuses: Counter):
    """A Hypothesis test of ``operation``, counting its requests in ``counts`` and the
    answers' statuses in ``statuses``."""
    label = operation.label
    counts[label] = 0

    @hypothesis.given(case=cases_for(operation))
    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests in every run: a failure is reproducible
        suppress_health_check=list(hypothesis.HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    def answer(case):
        counts[label] += 1
        response = case.call()
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)
        assert SECRET not in response.text, case.as_curl_command()

    return answer


def test_generated_requests_get_answers_the_schema_promises(demo, drafts, app):  # noqa: F811
    TopicFactory(name="绿色金融", name_zh_hant="綠色金融")
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", app)
    counts, statuses = {}, Counter()
    for result in schema.get_all_operations():
        fuzz(result.ok(), counts, statuses)()
    total = sum(counts.values())
    print(f"\nSchemathesis: {total} requests over {len(counts)} operations; {dict(statuses)}")
    assert len(counts) >= 10
    assert total >= AT_LEAST, counts
    # Both kinds were asked: answers with records, refusals of invalid values, and
    # addresses of records that are not there or not public.
    assert statuses[200] > 100 and statuses[400] > 50 and statuses[404] > 50, statuses
