"""People a file names and the directory lacks, created by the import that meets them.

They are found first by any of their names (``directory_sheets.person_index``: "韓立明",
"韩立明", "Han Liming" and "han  liming" are one person); a name no one has is a new person,
written in English (required) and, when Chinese, in its script's column too.
"""

from django.utils.translation import gettext

from . import services
from .admin.directory_sheets import person_index
from .languages import DEFAULT, column
from .models import Person
from .search.text import fold_scripts


def people_index():
    """Every person by every name, read once for the whole file."""
    return person_index()[0]


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


def marked_new(text: str, new: bool) -> str:
    """A name as the preview shows it: "Li Wei (new)" for a record this import creates
    (exports never carry the mark: only the import's own records have it)."""
    return gettext("%(name)s (new)") % {"name": text} if new else text


def created(record) -> set:
    """What this import created for ``record`` (a person's id, a post's id), for the
    preview's marks."""
    return record.__dict__.setdefault("_created_by_import", set())
