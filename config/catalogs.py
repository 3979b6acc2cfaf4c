"""The interface's translation catalogs: each app's ``locale/<lang>/LC_MESSAGES/django.po``,
kept in step with the text marked for translation, and compiled to ``django.mo``.

Django's ``makemessages`` reads Python and Django templates with GNU xgettext, which
does not understand Jinja2 (``{{ _("Search %(n)s", n=3) }}``, ``{% trans %}``). Here Babel
reads everything: Python files with its Python extractor, the public Jinja2 templates
with Jinja2's own extractor, and the admin's Django templates turned into Python by
Django's ``templatize`` (what ``makemessages`` does before xgettext). polib writes the
catalogs, keeping every translation already made, and compiles them, so neither
gettext's tools nor a compile step are needed to run the site (the ``.mo`` files are
committed).

``python manage.py messages`` (``make messages``) brings the catalogs up to date;
tests/test_catalogs.py fails when a marked text is missing from them, untranslated,
fuzzy, loses a placeholder, or when a ``.mo`` is older than its ``.po``.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel.messages.extract import extract
from django.conf import settings
from django.utils.translation.template import templatize
from jinja2.ext import babel_extract

# The apps whose interface text this site translates (Django's own apps ship theirs).
APPS = ("config", "events", "partnerships")
# Django's names of the catalogs' languages (settings.LANGUAGES but English, the source).
LOCALES = ("zh_Hans", "zh_Hant")
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
JINJA2_OPTIONS = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}
SKIPPED_FOLDERS = {"migrations", "locale", "static", "__pycache__"}
HEADER = {
    "Project-Id-Version": "conferences-and-partnerships",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


@dataclass
class Message:
    msgid: str
    msgid_plural: str = ""
    context: str | None = None
    places: list = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return (self.context, self.msgid)


def app_folder(app: str) -> Path:
    return Path(settings.BASE_DIR) / app


def source_files(app: str):
    """``(path, method)`` for each file of ``app`` that may hold marked text."""
    root = app_folder(app)
    for path in sorted(root.rglob("*")):
        parts = set(path.relative_to(root).parts[:-1])
        if parts & SKIPPED_FOLDERS or not path.is_file():
            continue
        if path.suffix == ".py":
            yield path, "python"
        elif path.suffix in (".html", ".txt", ".xml") and "jinja2" in parts:
            yield path, "jinja2"
        elif path.suffix in (".html", ".txt") and "templates" in parts:
            yield path, "django"


def extract_file(path: Path, method: str):
    """``(lineno, message, context)`` for each marked text of one file."""
    text = path.read_text(encoding="utf-8")
    if method == "django":
        method, text = "python", templatize(text, origin=str(path))
    if method == "jinja2":
        found = extract(babel_extract, io.BytesIO(text.encode()), KEYWORDS, options=JINJA2_OPTIONS)
    else:
        found = extract(method, io.BytesIO(text.encode()), KEYWORDS)
    for lineno, message, _comments, context in found:
        yield lineno, message, context


def extract_app(app: str) -> dict[tuple, Message]:
    """Every text marked for translation in ``app``, by ``(context, msgid)``."""
    root = Path(settings.BASE_DIR)
    messages: dict[tuple, Message] = {}
    for path, method in source_files(app):
        for lineno, message, context in extract_file(path, method):
            singular, plural = (
                (message[0], message[1])
                if isinstance(message, tuple)
                else (
                    message,
                    "",
                )
            )
            if not singular:
                continue
            found = messages.setdefault(
                (context, singular), Message(singular, plural or "", context)
            )
            found.places.append((str(path.relative_to(root)), lineno))
    return messages


def catalog_path(app: str, locale: str, suffix: str = "po") -> Path:
    return app_folder(app) / "locale" / locale / "LC_MESSAGES" / f"django.{suffix}"


def is_python_format(text: str) -> bool:
    return "%(" in text or "%s" in text or "%d" in text


def update(app: str, locale: str, messages: dict[tuple, Message]) -> polib.POFile:
    """The catalog of ``app`` in ``locale`` holding exactly ``messages``, with the
    translations it already had; new texts are left untranslated."""
    path = catalog_path(app, locale)
    old = polib.pofile(str(path)) if path.exists() else polib.POFile()
    known = {(entry.msgctxt, entry.msgid): entry for entry in old if not entry.obsolete}
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {**HEADER, **old.metadata, "Language": locale}
    for key in sorted(messages, key=lambda key: (key[1], key[0] or "")):
        message = messages[key]
        before = known.get(key)
        entry = polib.POEntry(
            msgid=message.msgid,
            msgctxt=message.context,
            occurrences=[(place, str(line)) for place, line in message.places],
        )
        if message.msgid_plural:
            entry.msgid_plural = message.msgid_plural
            translated = before.msgstr_plural.get(0, "") if before and before.msgid_plural else ""
            entry.msgstr_plural = {0: translated}
        else:
            entry.msgstr = before.msgstr if before and not before.msgid_plural else ""
        if is_python_format(message.msgid + message.msgid_plural):
            entry.flags.append("python-format")
        catalog.append(entry)
    return catalog


def write(app: str, locale: str, catalog: polib.POFile) -> None:
    path = catalog_path(app, locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    catalog.save_as_mofile(str(catalog_path(app, locale, "mo")))


def make_messages() -> list[str]:
    """Brings every catalog up to date and compiles it; returns the texts still to
    translate, as ``app locale: msgid``."""
    untranslated = []
    for app in APPS:
        messages = extract_app(app)
        for locale in LOCALES:
            catalog = update(app, locale, messages)
            write(app, locale, catalog)
            untranslated += [
                f"{app} {locale}: {entry.msgid}" for entry in catalog.untranslated_entries()
            ]
    return untranslated
