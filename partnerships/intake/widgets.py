"""A menu drawn as a string, for the review page's many long menus.

Each reference on the review (a post's person, a signatory's agreement...) is a menu of
every name the release gives, so a long release's review holds hundreds of menus of a
hundred options each. Django's ``Select`` draws every option through a template of its
own: at the 600-fact cap that was most of the page's time. ``QuickSelect`` writes the
same HTML (the same attributes, the same escaping) by joining strings.
"""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, list | tuple) for _, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups
        values = self.format_value(value)
        options, chosen = [], False
        for option, label in self.choices:
            # As Django's: the first option holding the value is the chosen one.
            selected = not chosen and str(option) in values
            chosen = chosen or selected
            options.append(
                f'\n  <option value="{conditional_escape(option)}"'
                f"{' selected' if selected else ''}>{conditional_escape(label)}</option>"
            )
        built = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            mark_safe(attributes(built)),
            mark_safe("".join(options)),
        )


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: in order, ``True`` bare,
    ``False`` left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )
