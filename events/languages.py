"""The site's three languages: English, simplified Chinese and traditional Chinese.

One place names them, says which language a reader is given when a text is missing in
their own (the other Chinese script before English: a reader of either script reads
the other), and names the column that holds a field's text in each language
(``title_zh_hans``), as django-modeltranslation names them.
"""

from django.utils import translation

CODES = ("en", "zh-hans", "zh-hant")
DEFAULT = "en"

# The order in which a reader of each language is given a text that exists.
FALLBACKS = {
    "en": ("en", "zh-hans", "zh-hant"),
    "zh-hans": ("zh-hans", "zh-hant", "en"),
    "zh-hant": ("zh-hant", "zh-hans", "en"),
}


def current() -> str:
    """The active language, as one of ``CODES``."""
    code = (translation.get_language() or DEFAULT).lower()
    if code in FALLBACKS:
        return code
    if code.startswith("zh"):
        return "zh-hant" if code in {"zh-tw", "zh-hk", "zh-mo"} else "zh-hans"
    return DEFAULT


def column(field: str, code: str) -> str:
    """The column holding ``field`` in language ``code``: ``title``, ``zh-hans`` →
    ``title_zh_hans``."""
    return f"{field}_{code.replace('-', '_')}"
