"""An answer written as JSON straight from the dict a view builds.

django-ninja checks a view's returned dict against its response schema on every request:
it builds the schema's models from the dict, dumps them back to a dict and writes that
(a sixth of an API list's time, ``make profile PAGE=/api/v1/conferences/``). The views
build their dicts in the schema's shape already, so the site writes them as they are, in
the same JSON ninja's renderer writes (its encoder and settings), and the schemas keep
describing the answers in the OpenAPI document.

That the shapes agree is checked, not assumed: with ``API_ANSWER_CHECK`` on (every test,
``tests/conftest.py``), each answer is also put through its schema as ninja did, and
one that the schema would write otherwise (a key the schema has not, one missing, a value
of another type: ``1`` for ``true``, a number in a string) raises ``AnswerMismatch``,
naming the first difference."""

import json

from django.conf import settings
from ninja.responses import NinjaJSONEncoder


class AnswerMismatch(AssertionError):
    """An answer that its schema would have written otherwise."""


def answered(response, schema, body: dict):
    """``response`` (ninja's temporal response: its headers and status kept) holding
    ``body`` as JSON; ``schema`` is the view's declared 200 schema."""
    if getattr(settings, "API_ANSWER_CHECK", False):
        checked = schema.model_validate(body).model_dump()
        if encoded(checked) != encoded(body):
            raise AnswerMismatch(f"{schema.__name__}: {first_difference(body, checked)}")
    elif body.keys() - schema.model_fields.keys():
        # Unchecked (in production), a key the schema does not name is still not sent,
        # as ninja's schema pass would not have sent it.
        body = {key: value for key, value in body.items() if key in schema.model_fields}
    response.content = json.dumps(body, cls=NinjaJSONEncoder)
    return response


def encoded(value) -> str:
    """``value`` as the answer writes it, keys in order: ``1`` and ``true`` differ here,
    as they do to a reader of the JSON (Python's ``1 == True`` would hide it)."""
    return json.dumps(value, cls=NinjaJSONEncoder, sort_keys=True)


def first_difference(given, checked, where: str = "answer") -> str:
    """Where ``given`` and what the schema made of it first differ."""
    if isinstance(given, dict) and isinstance(checked, dict):
        for key in given.keys() | checked.keys():
            if key not in checked:
                return f"{where}.{key} is not in the schema"
            if key not in given:
                return f"{where}.{key} is missing"
            if encoded(given[key]) != encoded(checked[key]):
                return first_difference(given[key], checked[key], f"{where}.{key}")
    if isinstance(given, list) and isinstance(checked, list) and len(given) == len(checked):
        for number, (one, other) in enumerate(zip(given, checked, strict=True)):
            if encoded(one) != encoded(other):
                return first_difference(one, other, f"{where}[{number}]")
    return f"{where} is {given!r}, the schema makes it {checked!r}"
