"""The texts kept in each of the site's languages (django-modeltranslation).

Each field named here gets a column per language beside it (``title_en``,
``title_zh_hans``, ``title_zh_hant``; ``events.languages.column``). Reading ``title``
gives the reader's language, or the first language of ``FALLBACKS`` that has the text,
as a ``Text`` that knows its language (``.lang``): a template marks a text shown in
another language than the page's with ``lang`` (``lang_attr``). English is required
where the field itself is; the other languages may stay empty.

What is not translated, and why:
- slugs: one address per record, the same in every language (made from the English);
- a person's ``honorific`` ("Dr.", "Prof."): an English form of address, shown before the
  English name only (Chinese puts a title after the name, and an editor writes it into
  the Chinese name if wanted);
- a person's ``name_alt`` ("name in another script"): one more name the person is known
  by, kept as it is: search, the namesake warnings, the choosers and the merge tool
  read it, and pages show it beside a name written in another script;
- an organization's other names: each is one name, in whatever language it is written.
"""

import warnings

from django.db.models.signals import post_init
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import TranslationOptions, delete_mt_init, register

from .languages import CODES, DEFAULT, FALLBACKS, Text, column, current
from .models import (
    Conference,
    KeyFigure,
    MediaItem,
    Organization,
    Participation,
    Person,
    Position,
    Session,
    Topic,
)


class Translated(TranslationOptions):
    # English is required where the field is; the Chinese columns may stay empty.
    required_languages = (DEFAULT,)


@register(Conference)
class ConferenceTranslation(Translated):
    fields = ("title", "theme", "summary", "body", "venue", "city", "country")


@register(Session)
class SessionTranslation(Translated):
    fields = ("title", "description")


class OrganizationTranslation(Translated):
    fields = ("name", "short_name", "description", "city", "region", "country")


with warnings.catch_warnings():
    # The copies of its (kind, name) index get generated names: the original's name with
    # a language added would pass the 30 characters Django allows. Expected, not news.
    warnings.filterwarnings("ignore", "Index name", UserWarning)
    register(Organization)(OrganizationTranslation)


@register(Person)
class PersonTranslation(Translated):
    fields = ("name", "bio")


@register(Position)
class PositionTranslation(Translated):
    fields = ("title",)


@register(Topic)
class TopicTranslation(Translated):
    fields = ("name",)


@register(MediaItem)
class MediaItemTranslation(Translated):
    fields = ("caption", "alt_text", "credit")


@register(KeyFigure)
class KeyFigureTranslation(Translated):
    fields = ("label", "unit")


@register(Participation)
class ParticipationTranslation(Translated):
    fields = ("remarks", "quote")


class TextDescriptor(TranslationFieldDescriptor):
    """modeltranslation's descriptor, reading the columns in the order of
    ``events.languages.FALLBACKS`` and giving a ``Text`` that carries the language found."""

    def __init__(self, descriptor: TranslationFieldDescriptor):
        self.__dict__.update(descriptor.__dict__)
        name = self.field.name
        self.orders = {
            code: tuple((lang, column(name, lang)) for lang in FALLBACKS[code]) for code in CODES
        }

    def __get__(self, instance, owner):
        if instance is None:
            return self
        for lang, name in self.orders[current()]:
            value = getattr(instance, name, None)
            if value:
                return Text(value, lang)
        return Text("", DEFAULT)


def texts_know_their_language(*models) -> None:
    """Put ``TextDescriptor`` in place of modeltranslation's on every translated field of
    ``models``, and let their instances be made without a signal receiver
    (``unmarked_when_made``)."""
    for model in models:
        for name, value in list(vars(model).items()):
            if type(value) is TranslationFieldDescriptor:
                setattr(model, name, TextDescriptor(value))
        unmarked_when_made(model)


def unmarked_when_made(model) -> None:
    """modeltranslation marks an instance as being made (``_mt_init``, so that the
    constructor's values stay in their own columns) and removes the mark from a
    ``post_init`` receiver of each translated model. With a receiver connected, Django
    dispatches ``post_init`` for every instance made, which cost more than the rest of
    making it: about 15 µs of each of the conference page's few hundred instances. The
    constructor removes the mark itself here, once the instance is made (after the
    other ``post_init`` receivers, as before), and the receiver is disconnected."""
    if getattr(model.__init__, "unmarks", False):
        return
    marking = model.__init__  # modeltranslation's, around the model's own

    def make(self, *args, **kwargs):
        marking(self, *args, **kwargs)
        self.__dict__.pop("_mt_init", None)

    make.unmarks = True
    model.__init__ = make
    post_init.disconnect(delete_mt_init, sender=model)


texts_know_their_language(
    Conference, Session, Organization, Person, Position, Topic, MediaItem, KeyFigure, Participation
)
