"""The review's menus: drawn by joining strings, the same HTML as Django's own menu."""

import re

import pytest
from django import forms

from partnerships.intake.widgets import QuickSelect

CHOICES = [
    ("", "—"),
    ("Nanjing Municipal People's Government", "Nanjing Municipal People's Government"),
    ('A "quoted" <b>name</b> & co', 'A "quoted" <b>name</b> & co'),
    ("南京市人民政府", "南京市人民政府"),
    ("1", "One"),
]


def same_shape(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize(
    "value", [None, "", "南京市人民政府", 'A "quoted" <b>name</b> & co', 1, "not offered"]
)
@pytest.mark.parametrize("required", [True, False])
def test_a_menu_is_what_django_would_draw(value, required):
    class Form(forms.Form):
        django = forms.ChoiceField(label="Person", choices=CHOICES, required=required)
        quick = forms.ChoiceField(
            label="Person", choices=CHOICES, required=required, widget=QuickSelect
        )

    form = Form(initial={"django": value, "quick": value})
    django, quick = str(form["django"]), str(form["quick"])

    assert same_shape(quick) == same_shape(django).replace("django", "quick")
    assert "<b>" not in quick


def test_an_errored_menu_keeps_its_error_attributes():
    class Form(forms.Form):
        quick = forms.ChoiceField(label="Person", choices=CHOICES, widget=QuickSelect)

    form = Form(data={"quick": "someone else"})
    assert not form.is_valid()
    assert 'aria-invalid="true"' in str(form["quick"])


def test_a_menu_with_groups_is_left_to_django():
    grouped = [("People", [("a", "A"), ("b", "B")]), ("c", "C")]
    html = QuickSelect(choices=grouped).render("x", "b")
    assert '<optgroup label="People">' in html
    assert '<option value="b" selected>B</option>' in html
