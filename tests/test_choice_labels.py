"""A choice's label (``get_<field>_display()``) read from a table made once per field and
language (events/choices.py) is the label Django's choices give, in every language."""

import pytest
from django.apps import apps
from django.utils import translation

LANGUAGES = ("en", "zh-hans", "zh-hant")


def fields_with_choices():
    for app in ("events", "partnerships"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if field.choices:
                    yield model, field


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_choice_label_is_the_fields_own_in_each_language(language):
    checked = 0
    for model, field in fields_with_choices():
        for value, label in field.flatchoices:
            record = model(**{field.attname: value})
            with translation.override(language):
                assert getattr(record, f"get_{field.name}_display")() == str(label)
            checked += 1
    assert checked > 40


def test_labels_follow_the_language_asked_for_in_turn():
    from events.models import Organization

    record = Organization(kind=Organization.Kind.GOVERNMENT)
    shown = []
    for language in (*LANGUAGES, "en"):
        with translation.override(language):
            shown.append(record.get_kind_display())
    assert shown == ["Government", "政府", "政府", "Government"]


def test_a_value_outside_the_choices_shows_as_it_is():
    from events.models import Organization

    assert Organization(kind="not-a-kind").get_kind_display() == "not-a-kind"
