"""The language an API answer is given in: ``?lang=`` first, then ``Accept-Language``,
else English (``events.languages.DEFAULT``).

The API's addresses carry no language prefix (they are the same for every reader), so
the language is asked for in the request. An unknown ``?lang=`` is a 400 naming the
languages there are, rather than an answer in a language the caller did not ask for.
"""

import contextlib

from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from ..languages import CODES, DEFAULT, code_of
from .errors import bad_request


def from_accept_language(header: str) -> str:
    """The first language of ``Accept-Language`` (by weight) that the site has: a
    Chinese variant (``zh-TW``, ``zh-CN``, ``zh``) as its script, else English."""
    for language, _weight in parse_accept_lang_header(header):
        if language == "*":
            break
        code = language.lower()
        if code in CODES or code.startswith("zh"):
            return code_of(code)
        if code.split("-")[0] == "en":
            return DEFAULT
    return DEFAULT


def requested_language(request) -> str:
    """The language ``request`` asks for, one of ``CODES``; a 400 for an unknown
    ``?lang=``."""
    asked = request.GET.get("lang")
    if asked is not None:
        code = asked.strip().lower()
        if code not in CODES:
            raise bad_request(
                f"Unknown language {asked[:20]!r}: use one of {', '.join(CODES)}.",
                {"lang": [f"Choose one of {', '.join(CODES)}."]},
            )
        return code
    return from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))


@contextlib.contextmanager
def answer_language(request, response):
    """The requested language made active while an answer is built, and said in it
    (``Content-Language``). ``response`` is ninja's temporal response
    (a view's ``response: HttpResponse`` parameter). Gives the language's code, which
    the answer's ``language`` key carries."""
    code = requested_language(request)
    response["Content-Language"] = code
    if "lang" not in request.GET:
        # Chosen from the caller's headers: the same address answers in each language,
        # so a cache keeps one answer per language asked for (the site's page cache keys
        # these on the language, config/pagecache.py; a shared cache on the header).
        patch_vary_headers(response, ("Accept-Language",))
    with translation.override(code):
        yield code
