"""The site's three languages: English, simplified Chinese and traditional Chinese.

One place names them, says which language a reader is given when a text is missing in
their own (the other Chinese script before English: a reader of either script reads
the other), and names the column that holds a field's text in each language
(``title_zh_hans``), as django-modeltranslation names them.
"""

import contextvars
import functools

from django.utils import translation

CODES = ("en", "zh-hans", "zh-hant")
DEFAULT = "en"

# The order in which a reader of each language is given a text that exists.
FALLBACKS = {
    "en": ("en", "zh-hans", "zh-hant"),
    "zh-hans": ("zh-hans", "zh-hant", "en"),
    "zh-hant": ("zh-hant", "zh-hans", "en"),
}


def code_of(language: str | None) -> str:
    """A language name (``zh-hk``, ``en-gb``, ``None``) as one of ``CODES``."""
    code = (language or DEFAULT).lower()
    if code in FALLBACKS:
        return code
    if code.startswith("zh"):
        return "zh-hant" if code in {"zh-tw", "zh-hk", "zh-mo"} else "zh-hans"
    return DEFAULT


# The code of the language last activated in this context (``follow_activation``): a
# page asks for it hundreds of times (every translated text it prints), and Django's
# ``get_language()`` costs about 2 µs a call (its thread-and-context local).
_active: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "events_languages_active", default=None
)


def current() -> str:
    """The active language, as one of ``CODES``."""
    code = _active.get()
    if code is None:
        return code_of(translation.get_language())
    return code


def follow_activation() -> None:
    """Keep ``current()`` told of every activation: Django's ``activate``,
    ``deactivate`` and ``deactivate_all`` (which ``translation.override`` and
    ``LocaleMiddleware`` call) note the language they leave active. Run once, when the
    app is ready."""
    from django.utils.translation import _trans, trans_real

    def following(change):
        @functools.wraps(change)
        def change_and_note(*args, **kwargs):
            try:
                return change(*args, **kwargs)
            finally:
                _active.set(code_of(trans_real.get_language()))

        change_and_note.follows_activation = True
        return change_and_note

    for name in ("activate", "deactivate", "deactivate_all"):
        change = getattr(trans_real, name)
        if not getattr(change, "follows_activation", False):
            setattr(trans_real, name, following(change))
        _trans.__dict__.pop(name, None)  # Django's cached shortcut, found again
    _active.set(None)


def column(field: str, code: str) -> str:
    """The column holding ``field`` in language ``code``: ``title``, ``zh-hans`` →
    ``title_zh_hans``."""
    return f"{field}_{code.replace('-', '_')}"


# The language tags (BCP 47) that a page's ``lang`` attributes carry for each code.
TAGS = {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}
CHINESE = frozenset({"zh-hans", "zh-hant"})


def is_chinese(code: str | None = None) -> bool:
    """Whether ``code`` (the active language) is one of the Chinese ones."""
    return (code or current()) in CHINESE


class Text(str):
    """A record's text in the language it was found in: ``.lang`` is one of ``CODES``
    (the reader's own, or the one the text fell back to). The templates mark a text
    whose language is not the page's with a ``lang`` attribute (``lang_attr``)."""

    __slots__ = ("lang",)

    def __new__(cls, value: str, lang: str):
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def __reduce__(self):
        return Text, (str(self), self.lang)


def pick(texts, code: str | None = None) -> Text:
    """The text for a reader of ``code`` (the active language) among ``texts``, one per
    language in the order of ``CODES`` (as a list card reads them): the first of
    ``FALLBACKS[code]`` that is not empty, as a ``Text``; an empty ``Text`` in English
    when none is written."""
    code = code or current()
    for lang in FALLBACKS[code]:
        value = texts[CODES.index(lang)]
        if value:
            return Text(value, lang)
    return Text("", DEFAULT)


def texts_of(record, field: str) -> list[str]:
    """``field``'s text in each language that has one, in the order of ``CODES``
    (a translated field), or its one text (any other): what search holds."""
    found = []
    for code in CODES:
        value = getattr(record, column(field, code), None)
        if value and value not in found:
            found.append(value)
    if not found and not hasattr(type(record), column(field, DEFAULT)):
        value = getattr(record, field, None)
        if value:
            found.append(value)
    return found


def columns(field: str) -> tuple[str, ...]:
    """The columns of ``field`` in every language, in the order of ``CODES``:
    ``organization__name`` → ``organization__name_en``, ``…_zh_hans``, ``…_zh_hant``."""
    return tuple(column(field, code) for code in CODES)


def text_columns(model, field: str) -> tuple[str, ...]:
    """``columns(field)`` when ``model`` keeps ``field`` per language, else ``(field,)``."""
    try:
        model._meta.get_field(column(field, DEFAULT))
    except Exception:  # FieldDoesNotExist: a field kept in one language
        return (field,)
    return columns(field)


def distinct(texts) -> list[str]:
    """The texts that are not empty, each once, in their order (a row's languages)."""
    return list(dict.fromkeys(text for text in texts if text))


def only(queryset, *fields):
    """``queryset.only(*fields)``, each translated field of the queryset's model read in
    its language columns and not in the field's own column, which nothing reads
    (modeltranslation's ``only`` adds it: a column more per text, and a value set through
    its descriptor). A related row's text is named by its columns (``columns``)."""
    from django.db.models import QuerySet  # (this module is read by the settings)

    model = queryset.model
    names = [name for field in fields for name in text_columns(model, field)]
    return QuerySet.only(queryset.all(), *names)  # (``all``: a manager is given too)


def without_originals(queryset):
    """``queryset`` without the translated fields' own columns (see ``only``)."""
    from django.db.models import QuerySet

    model = queryset.model
    originals = {
        field.translated_field.name
        for field in model._meta.concrete_fields
        if hasattr(field, "translated_field")
    }
    return QuerySet.defer(queryset, *originals) if originals else queryset
