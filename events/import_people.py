"""People named by an imported file: found by any of their names, created when unknown.

A file says "韓立明", "韩立明", "Han Liming" or "han  liming": each is the same person if
one of their names (every language's column, and the name in another script) is that
text once folded as search folds it (``events.admin.spreadsheets.name_key``). The index
reads the directory once per import, so matching a row costs no query.
"""

from . import services
from .admin.spreadsheets import NameIndex
from .languages import DEFAULT, column, columns
from .models import Person
from .search.text import fold_scripts


def people_index() -> NameIndex:
    index = NameIndex()
    for pk, *names in Person.objects.values_list("pk", *columns("name"), "name_alt"):
        index.add(pk, *names)
    return index


def chinese_code(text: str) -> str | None:
    """The Chinese column a text belongs in, or None for a text in Latin letters."""
    if not any("\u3400" <= char <= "\u9fff" for char in text):
        return None
    return "zh-hans" if fold_scripts(text) == text else "zh-hant"


def in_columns(field: str, text: str) -> dict[str, str]:
    """A new record's text: in English (required) and, for a Chinese text, in its script."""
    found = {column(field, DEFAULT): text}
    if code := chinese_code(text):
        found[column(field, code)] = text
    return found


def new_person(name: str, other_name: str = "") -> Person:
    return services.save(Person(**in_columns("name", name), name_alt=other_name))
