"""The agreement texts kept in each of the site's languages (see events/translation.py)."""

from modeltranslation.translator import register

from events.translation import Translated, texts_know_their_language

from .models import Agreement, AgreementDocument


@register(Agreement)
class AgreementTranslation(Translated):
    fields = ("title", "summary", "place")


@register(AgreementDocument)
class AgreementDocumentTranslation(Translated):
    fields = ("title",)


texts_know_their_language(Agreement, AgreementDocument)
