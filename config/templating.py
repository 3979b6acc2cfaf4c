"""The public pages' template engine: Jinja2, through Django's own backend.

The public templates live in each app's ``jinja2/`` folder and the site frame's in
``config/jinja2/``; the admin keeps Django's engine and its ``templates/`` folders.
Jinja2 compiles a template to Python once, so a page's loops, branches and filters run
as Python code rather than as a walk of template nodes: the same pages, with the same
context, are drawn 1.3 to 3 times faster (``python -m bench.engines`` measures both).

The helpers the templates call are those of ``events/templatetags/events.py`` (one home
for both engines), given here as Jinja2 filters and globals, with the few Django
filters the templates use. Auto-escaping is on for every template, as in Django's engine.
"""

import datetime
from decimal import Decimal
from html import escape as escape_text
from time import monotonic

import jinja2
from django.conf import settings
from django.db.models import Model
from django.template import TemplateDoesNotExist, TemplateSyntaxError, defaultfilters
from django.template.backends import jinja2 as jinja2_backend
from django.template.backends.utils import csrf_input_lazy, csrf_token_lazy
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.test.signals import setting_changed, template_rendered
from django.urls import get_script_prefix, reverse
from django.utils import dateformat, html, translation
from django.utils.autoreload import file_changed
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from jinja2 import Environment, pass_context
from markupsafe import Markup

from events import formatting, languages, versions
from events.cards import CardPhoto
from events.links import fixed_url
from events.templatetags import events as tags


class Template(jinja2_backend.Template):
    """A Jinja2 template that tells the test client what it rendered, as Django's engine
    does in tests, so ``response.context`` and ``response.templates`` work the same for a
    page of either engine. Outside tests nothing listens: one list test per page."""

    def __init__(self, template, backend):
        super().__init__(template, backend)
        self.name = template.name

    def render(self, context=None, request=None):
        # Django's own render, with the signal sent once the context is complete.
        context = {} if context is None else context
        if request is not None:
            context["request"] = request
            context["csrf_input"] = csrf_input_lazy(request)
            context["csrf_token"] = csrf_token_lazy(request)
            for context_processor in self.backend.template_context_processors:
                context.update(context_processor(request))
        if template_rendered.receivers:
            template_rendered.send(sender=self, template=self, context=context)
        try:
            return self.template.render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise django_syntax_error(exc) from exc


class Jinja2(jinja2_backend.Jinja2):
    """Django's Jinja2 backend, its templates sending ``template_rendered``."""

    def from_string(self, template_code):
        return Template(self.env.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return Template(self.env.get_template(template_name), self)
        except jinja2.TemplateNotFound as exc:
            raise TemplateDoesNotExist(exc.name, backend=self) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise django_syntax_error(exc) from exc


def django_syntax_error(exc: jinja2.TemplateSyntaxError) -> TemplateSyntaxError:
    new = TemplateSyntaxError(exc.args)
    new.template_debug = jinja2_backend.get_exception_info(exc)
    return new


@pass_context
def querystring(context, **changes) -> str:
    """``?q=green&page=2``: the request's query with ``changes`` (``None`` drops a key),
    as Django's ``{% querystring %}``."""
    query = context["request"].GET
    params = query.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    if not params and not query:
        return ""
    return f"?{params.urlencode()}"


@pass_context
def page_sections(context, record):
    """The sections other apps add to this record's page (``events/sections.py``)."""
    from events.sections import sections_for

    request = context.get("request")
    return mark_safe(
        "".join(
            render_to_string(section.template_name, section.context(record), request)
            for section in sections_for(type(record))
        )
    )


def html_lang() -> str:
    """The active language as HTML's ``lang`` writes it (``languages.TAGS``: BCP 47)."""
    return languages.TAGS[languages.current()]


def language_versions(request) -> tuple[list[dict], str]:
    """This page in each language, and the address for a reader of any (``x-default``).

    A page's address in another language is its own with the other prefix, the query
    string kept (it holds only what the page reads: config/queryparams.py). A page
    without a prefix (an unknown address, the lock-out page) offers each language's
    home page, and its x-default is the site's root."""
    script_prefix = get_script_prefix()
    full_path = request.get_full_path()
    current = translation.get_language_from_path(request.path_info)
    start = f"{script_prefix}{current}/"
    if current and full_path.startswith(start):
        rest = full_path[len(start) - 1 :]  # "/events/?q=x"
    else:
        current, rest = None, None
    active = translation.get_language()
    versions = [
        {
            "code": code,
            "lang": languages.TAGS[code],
            "name": name,
            "url": f"{script_prefix}{code}{rest}" if rest else f"{script_prefix}{code}/",
            "current": code == (current or active),
        }
        for code, name in settings.LANGUAGES
    ]
    return versions, (f"{script_prefix}{rest[1:]}" if rest else script_prefix)


def url(name: str, *args, **kwargs) -> str:
    if not args and not kwargs:  # the frame's links: reversed once (events/links.py)
        return fixed_url(name)
    return reverse(name, args=args or None, kwargs=kwargs or None)


# The formats that name a month, written in the reader's language (events/formatting.py):
# Django's would give "8 二月 2023" in Chinese.
READER_DATES = {"j F Y": formatting.long_date, "F Y": formatting.month_year}


def date(value, format_string: str) -> str:
    """Django's ``date`` filter for the explicit formats the templates give, without its
    look-up of named formats (a fifth of a card's drawing); a day and month in words
    (``j F Y``, ``F Y``) as the reader's language writes them."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = template_localtime(value)
    elif format_string == "Y-m-d" and type(value) is datetime.date:
        return value.isoformat()  # the same text, in a twentieth of the time
    reader_date = READER_DATES.get(format_string)
    if reader_date is not None:
        return reader_date(value)
    return dateformat.format(value, format_string)


def time(value, format_string: str) -> str:
    """Django's ``time`` filter for an explicit format."""
    if value in (None, ""):
        return ""
    return dateformat.time_format(value, format_string)


def pluralize(count) -> str:
    return "" if count == 1 else "s"


def linebreaks(text):
    """Paragraphs and line breaks, the text escaped (Django's ``linebreaks``)."""
    return mark_safe(html.linebreaks(text, autoescape=True))


def django_entities(value):
    """Text escaped as Django escapes it (``&#x27;`` for ``'`` where MarkupSafe writes
    ``&#39;``), so a page reads byte for byte the same under either engine; marked safe
    here, MarkupSafe leaves it as it is. Everything else (numbers, safe strings, lazy
    text) MarkupSafe escapes as usual."""
    if type(value) is str and ("'" in value or '"' in value):
        return Markup(escape_text(value))
    return value


# Drawn pictures, by what they show: at most this many kept, then all forgotten.
PICTURES_KEPT = 4096


def picture_memory(env: Environment):
    """``remembered_picture(photo, sizes, lazy)``: the ``<picture>`` of a photo as the
    macro ``draw_picture`` (events/includes/macros.html) draws it, drawn once for each
    photo file, renditions, size, alternative text, ``sizes`` and ``lazy`` and then
    remembered. Working out the addresses of every rendition was a third of a list
    card's drawing. Forgotten when a setting changes (the media address may)."""
    drawn: dict = {}

    def remembered_picture(photo, sizes="100vw", lazy=True) -> Markup:
        renditions = tuple(tuple(rendition.items()) for rendition in photo.renditions or ())
        alt = photo.alt
        # The alternative text's language beside the page's: they decide its lang mark.
        spoken = (getattr(alt, "lang", None), languages.current())
        key = (photo.image.name, photo.width, photo.height, alt, spoken, renditions, sizes, lazy)
        found = drawn.get(key)
        if found is None:
            module = env.get_template("events/includes/macros.html").module
            if isinstance(photo, CardPhoto):
                photo = photo.item
            found = Markup(module.draw_picture(photo, sizes, lazy))
            if len(drawn) >= PICTURES_KEPT:
                drawn.clear()
            drawn[key] = found
        return found

    setting_changed.connect(lambda **kwargs: drawn.clear(), weak=False)
    return remembered_picture


# Cards drawn, by everything they show: at most this many kept, then all forgotten.
CARDS_KEPT = 4096


class NotAKey(Exception):
    """A value that cannot stand for what it shows in a card's key."""


def shown(value, unshown=frozenset(), depth: int = 0):
    """What ``value`` shows, as a key to a drawn card: a record's loaded columns and
    annotations (its ``__dict__``) and the related rows read with it; plain text as
    itself, other plain values with their type and their text (``Decimal("1.0")`` and
    ``Decimal("1.00")``, ``True`` and ``1``, two zones' times of one instant draw apart),
    a ``Text`` with its language (which decides its ``lang`` mark), lists and dicts as
    tuples. Raises ``NotAKey`` for anything else (prefetched rows, marked-safe text, a
    file) and for related rows deeper than ``SHOWN_DEPTH`` (rows pointing back at each
    other), whose card is then drawn each time. ``unshown``: names of a record's related
    rows its card does not show (a participant's conference), left out of the key."""
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind in SHOWN_BY_TEXT:
        return (kind, repr(value) if kind is float else str(value))
    if kind is languages.Text:
        return ("text", str(value), value.lang)
    if depth >= SHOWN_DEPTH:
        raise NotAKey("too deep")
    depth += 1
    # (A plain str and an absent value stand for themselves here, without a call each: a card's
    # key is most of its columns, and the calls were most of the key's cost.)
    if kind is list or kind is tuple or isinstance(value, tuple):
        # a list, or a named tuple (a speaker's post, its organization)
        return (
            kind,
            tuple(
                item if type(item) is str or item is None else shown(item, depth=depth)
                for item in value
            ),
        )
    if kind is dict:
        return (
            kind,
            tuple(
                (name, item if type(item) is str or item is None else shown(item, depth=depth))
                for name, item in value.items()
            ),
        )
    if kind is CardPhoto:
        return ("photo", shown(value.fields, depth=depth))
    if isinstance(value, Model):
        items = []
        for name, item in value.__dict__.items():
            if type(item) is str or item is None:
                if name not in unshown:
                    items.append((name, item))
                continue
            if name == "_state" or name in unshown:
                continue
            if name == "_prefetched_objects_cache":
                raise NotAKey(name)
            items.append((name, shown(item, depth=depth)))
        related = value._state.fields_cache
        if related:
            related = {name: row for name, row in related.items() if name not in unshown}
            items.append(("_related", shown(related, depth=depth)))
        return (kind, tuple(items))
    raise NotAKey(kind)


# Plain values keyed by their type and text (a float by its repr).
SHOWN_BY_TEXT = frozenset(
    {int, bool, float, Decimal, datetime.date, datetime.datetime, datetime.time}
)
# How deep a card's key follows related rows (a participant → its person: 2 or 3).
SHOWN_DEPTH = 6


def forget_when_changed(drawn: dict) -> None:
    """Forget what was drawn when a setting changes (tests) or a template is edited
    (``runserver``: Jinja2 reads the new template, the memory would keep the old HTML)."""
    setting_changed.connect(lambda **kwargs: drawn.clear(), weak=False)
    file_changed.connect(
        lambda file_path, **kwargs: file_path.suffix == ".html" and drawn.clear(), weak=False
    )


def card_memory(env: Environment):
    """``remembered_card(template, macro, record, *arguments, unshown=())``: the macro's
    HTML for the record, drawn once for everything the card shows (``shown``), the page's
    language and address prefix and the arguments, then remembered. A list page's twenty
    cards were a quarter of its cost; a card drawn for one search, list or page is the
    same card on the next. Nothing is forgotten on a change: a changed record is a
    different key. Forgotten when a setting changes."""
    drawn: dict = {}

    def draw(template, macro, record, arguments) -> Markup:
        return Markup(getattr(env.get_template(template).module, macro)(record, *arguments))

    def remembered_card(template, macro, record, *arguments, unshown=()) -> Markup:
        try:
            key = (
                template,
                macro,
                languages.current(),
                get_script_prefix(),
                arguments,
                shown(record, frozenset(unshown)),
            )
        except NotAKey:
            return draw(template, macro, record, arguments)
        found = drawn.get(key)
        if found is None:
            found = draw(template, macro, record, arguments)
            if len(drawn) >= CARDS_KEPT:
                drawn.clear()
            drawn[key] = found
        return found

    forget_when_changed(drawn)
    return remembered_card


def form_memory(env: Environment):
    """``remembered_filter_form(request, form, nouns, filters_applied)``: a list's filter
    form (the macro ``filter_form``), drawn once for its form, the values asked for, the
    page's language and address and the content version, then remembered. Its menus
    hold about 150 options, each escaped as it is written: a fifth of a list page. The
    options are public content, remembered under the same version
    (``events.versions.remember``): a change, or a scheduled publish time reached,
    moves the version on and the form is drawn again. Drawn each time when nothing is
    remembered (``QUERY_CACHE_SECONDS`` is 0, or no version is known)."""
    drawn: dict = {}

    def draw(form, nouns, path, filters_applied) -> Markup:
        module = env.get_template("events/includes/macros.html").module
        return Markup(module.filter_form(form, nouns, path, filters_applied))

    def remembered_filter_form(request, form, nouns, filters_applied) -> Markup:
        version = getattr(request, "content_version", None) or versions.current_version()
        if not settings.QUERY_CACHE_SECONDS or version is None:
            return draw(form, nouns, request.path, filters_applied)
        # What each field was given, as its widget reads it from the query: not the page
        # number, nor any other parameter riding along (each would be a form of its own).
        asked = tuple((name, repr(form[name].data)) for name in form.fields)
        key = (
            type(form),
            languages.current(),
            version,
            asked,
            str(nouns),
            request.path,
            bool(filters_applied),
        )
        now = monotonic()
        found = drawn.get(key)
        # At most as long as its menus' options are remembered (events.versions.remember).
        if found is None or now - found[0] > settings.QUERY_CACHE_SECONDS:
            found = (now, draw(form, nouns, request.path, filters_applied))
            if len(drawn) >= FORMS_KEPT:
                drawn.clear()
            drawn[key] = found
        return found[1]

    forget_when_changed(drawn)
    return remembered_filter_form


# Filter forms drawn, by what they were asked and the content version: at most this many
# kept, then all forgotten (each search is a form of its own, of 10-30 KB: a few MB).
FORMS_KEPT = 256


def as_safe_text(value):
    """A value put into a translated text, escaped as Django escapes it (as
    ``django_entities`` does for the rest of the page): Jinja2's own formatting would
    write ``&#39;`` where the page writes ``&#x27;``."""
    if isinstance(value, Promise):
        value = str(value)
    if type(value) is str:
        return Markup(escape_text(value))
    return value


def translated(text: str, variables: dict, autoescape: bool):
    if autoescape:
        text = Markup(text)
        variables = {name: as_safe_text(value) for name, value in variables.items()}
    return text % variables


# Interface text as translated, by language and message, and drawn (when it has no
# variables) by language, message and escaping: a list page asks for some eighty, and
# Django's gettext finds the active language and its catalog again for each. The
# catalogs do not change while the process runs; a test that changes settings forgets
# them.
_translated_messages: dict[tuple[str, str], str] = {}
_drawn_messages: dict[tuple[str, str, bool], str] = {}


def _forget_messages(**kwargs) -> None:
    _translated_messages.clear()
    _drawn_messages.clear()


setting_changed.connect(_forget_messages, weak=False)
# ``runserver`` reloads the catalogs when a .mo file changes, without a restart.
file_changed.connect(
    lambda file_path, **kwargs: file_path.suffix == ".mo" and _forget_messages(), weak=False
)


@pass_context
def gettext(context, message: str, **variables):
    """``_("Search %(things)s", things=nouns)`` in a template: Jinja2's new-style gettext."""
    autoescape = context.eval_ctx.autoescape
    code = languages.current()
    if variables:
        text = _translated_messages.get((code, message))
        if text is None:
            text = _translated_messages[code, message] = translation.gettext(message)
        return translated(text, variables, autoescape)
    key = (code, message, autoescape)
    found = _drawn_messages.get(key)
    if found is None:
        found = _drawn_messages[key] = translated(translation.gettext(message), {}, autoescape)
    return found


@pass_context
def ngettext(context, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    text = translation.ngettext(singular, plural, num)
    return translated(text, variables, context.eval_ctx.autoescape)


def environment(**options) -> Environment:
    options.setdefault("finalize", django_entities)
    # Interface text is marked ``{{ _("Conferences") }}`` or ``{% trans %}``; it is
    # translated with Django's catalogs (each app's locale/ folder) into the language
    # active when the page is drawn. New-style: ``_("%(n)s left", n=3)`` escapes ``n``.
    options["extensions"] = [*options.get("extensions", ()), "jinja2.ext.i18n"]
    env = Environment(**options)
    env.install_gettext_callables(
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
    env.globals.update(
        url=url,
        static=static,
        html_lang=html_lang,
        language_versions=language_versions,
        querystring=querystring,
        page_sections=page_sections,
        json_ld=tags.json_ld,
        og_locales=tags.og_locales,
        picture_context=tags.picture,
        remembered_picture=picture_memory(env),
        remembered_card=card_memory(env),
        remembered_filter_form=form_memory(env),
        draft_banner_context=tags.draft_banner,
        filter_controls=tags.filter_controls,
        option_tags=tags.option_tags,
    )
    env.filters.update(
        date=date,
        time=time,
        truncatechars=defaultfilters.truncatechars,
        capfirst=defaultfilters.capfirst,
        linebreaks=linebreaks,
        pluralize=pluralize,
        key_figure=tags.key_figure,
        lang_attr=tags.lang_attr,
        in_lang=tags.in_lang,
        zone_label=tags.zone_label,
        date_range=tags.date_range,
        time_range=tags.time_range,
        times_and_zone=tags.times_and_zone,
        long_date=tags.long_date,
        money=tags.money,
        current_section=tags.current_section,
        safe_url=tags.safe_url,
        hidden_note=tags.hidden_note,
    )
    return env
