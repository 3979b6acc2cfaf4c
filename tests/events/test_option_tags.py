"""A menu's options are written in Python (``option_tags``), as the template loop they
replace wrote them: the same escaping, byte for byte."""

from django.template import engines
from django.utils.safestring import mark_safe

from events.templatetags.events import option_tags

LOOP = (
    "{% for value, label, selected in options %}"
    '<option value="{{ value }}"{% if selected %} selected{% endif %}>{{ label }}</option>'
    "{% endfor %}"
)


def test_options_are_escaped_as_the_template_escapes_them():
    options = [
        ("", "Any organization", False),
        ("o-brien", "O'Brien & Sons", True),
        ('"quoted"', 'The "Best" <Company>', False),
        ("zh", "南京市人民政府", False),
        ("safe", mark_safe("<b>already HTML</b> 'kept'"), False),
        ("amp", "AT&amp;T", False),
    ]
    loop = engines["jinja2"].from_string(LOOP).render({"options": options})
    assert str(option_tags(options)) == loop
    assert "&lt;Company&gt;" in loop and "<b>already HTML</b>" in loop
