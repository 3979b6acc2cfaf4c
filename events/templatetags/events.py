"""Formatting for conference pages: numbers as people write them.

The one home of the public templates' helpers. The public pages are Jinja2 templates
(each app's ``jinja2/`` folder): config/templating.py gives these functions to them as
filters and globals, an inclusion tag's function as a ``*_context`` global whose result a
macro of ``events/includes/macros.html`` draws. They stay registered for Django's engine
too, which drew the public pages before and still may (``python -m bench.engines``
draws the old Django templates with them to compare the two engines).
"""

import json
import re
from dataclasses import dataclass
from html import escape as escape_text

from django import forms, template
from django.core.files.storage import FileSystemStorage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import dateformat, timezone
from django.utils.encoding import filepath_to_uri
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy
from markupsafe import Markup

from .. import formatting, languages
from ..formatting import key_figure_text

register = template.Library()

# Replaced one after another: ``str.translate`` with a mapping calls back for every
# character (0.44 ms for the 10,000 characters of a conference with thirty people),
# ``replace`` scans in C (a few microseconds).
JSON_ESCAPES = ((">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026"))
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")


@register.filter
def key_figure(figure) -> str:
    """``more than 5,720``, ``US$38.8 billion``, ``about 12 hectares``; ``超过5,720``,
    ``388亿美元``."""
    return key_figure_text(figure)


@register.simple_tag
def json_ld(data) -> str:
    """A JSON-LD block that no text inside it can break out of.

    ``<``, ``>`` and ``&`` become ``\\u003C`` and friends, as in Django's
    ``json_script``, so a title containing ``</script>`` stays inside the block.
    """
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    for character, escaped in JSON_ESCAPES:
        text = text.replace(character, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def text_lang(text) -> str | None:
    """The language tag of ``text`` when it is not the page's, else ``None``.

    A record's translated text (``events.languages.Text``) knows its language: the
    reader's own, or the one it fell back to. A text kept in one language only (an
    organization's other name, a person's name in another script) is guessed: written
    only in Chinese characters, it is Chinese (``zh``), marked on pages in English; so is
    an English text written only in Chinese characters."""
    page = languages.current()
    lang = getattr(text, "lang", None)
    if lang is not None and lang != languages.DEFAULT:
        return None if lang == page else languages.TAGS[lang]
    # Kept in one language, or "English" (typed into the English box, or kept from
    # before the site had three languages): Chinese if written only in its characters.
    plain = str(text or "")
    if CJK.search(plain) and not LATIN.search(plain):
        return "zh" if page == languages.DEFAULT else None
    if lang is None or page == languages.DEFAULT:
        return None
    return languages.TAGS[lang]


@register.filter
def lang_attr(text) -> str:
    """`` lang="zh-Hans"`` on the element holding ``text`` when it is written in another
    language than the page's (a missing translation fell back), so screen readers voice
    it right (``text_lang``)."""
    tag = text_lang(text)
    return mark_safe(f' lang="{tag}"') if tag else ""


@register.filter
def in_lang(text) -> str:
    """``text`` escaped, inside ``<span lang="…">`` when it is written in another
    language than the page's (``text_lang``): for a text that has no element of its own
    (a name in a list)."""
    # Without format_html, which costs several times as much: a page of thirty speakers
    # prints a few hundred of these.
    tag = text_lang(text)
    if tag:
        return Markup(f'<span lang="{tag}">{escape(text)}</span>')
    return Markup(escape(text))


@register.filter
def zone_label(name: str) -> str:
    """``Asia/Hong_Kong`` → ``Hong Kong time``, ``香港时间``, ``香港時間``."""
    return formatting.zone_name(name)


@register.filter
def date_range(conference) -> str:
    """``8 February 2023``, ``8–9 February 2023``, ``30 May – 2 June 2024``;
    ``2023年2月8日至9日`` in Chinese."""
    return formatting.date_range_text(conference.start_date, conference.end_date)


@register.filter
def time_range(conference) -> str:
    """``09:30–12:00`` (``上午9:30至中午12:00``) in the conference's own zone, or ``""``
    when no time is set. For a conference of several days, the start on its first day
    and the end on its last."""
    return formatting.time_range_text(conference.start_time, conference.end_time)


@register.filter
def times_and_zone(conference) -> str:
    """What follows the days on a conference's page: ``, 09:30–17:30 (Macau time)``,
    ``，上午9:30至下午5:30（澳门时间）``; ``""`` when no time is set."""
    return formatting.times_and_zone(conference)


@register.filter
def long_date(day) -> str:
    """``8 February 2023``, ``2023年2月8日``; ``""`` for no day."""
    return formatting.long_date(day) if day else ""


@register.filter
def money(amount, currency: str = "") -> str:
    """An agreement's value: ``US$1.2 billion``, ``12亿美元``."""
    return formatting.money_text(amount, currency)


def og_locales() -> list[tuple[str, str]]:
    """The page's OpenGraph locale and those it is also published in, as ``(property,
    locale)``: ``og:locale`` ``zh_HK``, then ``og:locale:alternate`` ``en_US`` and
    ``zh_CN`` for traditional Chinese (events/formatting.py says why zh_HK)."""
    locale = formatting.OG_LOCALES[formatting.reader()]
    return [("og:locale", locale)] + [
        ("og:locale:alternate", other)
        for other in formatting.OG_LOCALES.values()
        if other != locale
    ]


@register.filter
def current_section(path: str, section_url: str) -> str:
    """`` aria-current="page"`` on the main navigation link of the section being read."""
    return mark_safe(' aria-current="page"') if path.startswith(section_url) else ""


@register.inclusion_tag("events/includes/picture.html")
def picture(photo, sizes="100vw", lazy=True, link=False):
    """A photo as ``<picture>``: WebP renditions, a JPEG or PNG fallback, its own size.

    Width and height are always given so nothing jumps while the page loads; all but
    the first images of a page are loaded lazily.
    """
    renditions = photo.renditions or []
    url = file_url(photo.image.storage)
    largest = renditions[-1] if renditions else None
    return {
        "photo": photo,
        "sizes": sizes,
        "lazy": lazy,
        "webp_srcset": ", ".join(
            f"{url(r['webp'])} {r['width']}w" for r in renditions if r.get("webp")
        ),
        "fallback_srcset": ", ".join(
            f"{url(r['fallback'])} {r['width']}w" for r in renditions if r.get("fallback")
        ),
        "src": url(largest["fallback"]) if largest else photo.image.url,
        "width": largest["width"] if largest else photo.width,
        "height": largest["height"] if largest else photo.height,
    }


# A stored name of plain segments: no scheme, no "." or ".." segment, nothing urljoin
# would read differently from a path below the base address.
PLAIN_NAME = re.compile(r"(?!(?:.*/)?\.\.?(?:/|$))[\w.-]+(?:/[\w.-]+)*")


def file_url(storage):
    """``storage.url``, for the many renditions of a page: on the local disk the base
    address is joined by hand (``urljoin`` was a tenth of a card's drawing), with the same
    result for the names uploads are given; any other name or storage goes to ``url``."""
    base = getattr(storage, "base_url", "")
    # (A subclass may give addresses of its own: then its ``url`` answers.)
    if getattr(storage.url, "__func__", None) is not FileSystemStorage.url:
        return storage.url
    if not base.endswith("/"):
        return storage.url

    def url(name: str) -> str:
        if PLAIN_NAME.fullmatch(name):
            return base + filepath_to_uri(name)
        return storage.url(name)

    return url


@register.filter
def safe_url(url: str) -> str:
    """The address if it is http(s) and may be a link; ``""`` for ``javascript:`` and the like."""
    return url if is_web_address(url) else ""


def is_web_address(url: str) -> bool:
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    cleaned = "".join(ch for ch in str(url or "") if ch > " ").lower()
    return cleaned.startswith(("https://", "http://"))


@register.simple_tag(takes_context=True)
def page_sections(context, record):
    """The sections other apps add to this record's page (see events/sections.py), each
    rendered with its own template and context."""
    from django.template.loader import render_to_string

    from ..sections import sections_for

    return mark_safe(
        "".join(
            render_to_string(
                section.template_name, section.context(record), getattr(context, "request", None)
            )
            for section in sections_for(type(record))
        )
    )


@register.filter
def hidden_note(photo) -> str:
    """For staff previewing a page: why a photo shown here is hidden from visitors. The
    page marks photos with ``shown_to_visitors`` when some may be hidden (an agreement's
    photos whose conference is not live); others are shown."""
    if getattr(photo, "shown_to_visitors", True):
        return ""
    return gettext("Hidden from visitors: its conference is a draft, scheduled or unpublished.")


STAFF_ONLY = gettext_lazy("It is shown to you because you are signed in as staff.")


@register.inclusion_tag("events/includes/draft_banner.html")
def draft_banner(record):
    """Why staff see a page visitors do not: a draft, a publish time ahead, or an ended
    publication. Nothing for a live record."""
    state = record.public_state
    if state == "draft":
        return {
            "label": gettext("Draft"),
            "text": gettext("visitors cannot see this page. %(staff_only)s")
            % {"staff_only": STAFF_ONLY},
        }
    if state == "scheduled":
        when = dateformat.format(timezone.localtime(record.published_at), "j F Y, H:i e")
        return {
            "label": gettext("Scheduled"),
            "text": gettext("visitors will see this page from %(when)s. %(staff_only)s")
            % {"when": when, "staff_only": STAFF_ONLY},
        }
    if state == "ended":
        when = dateformat.format(timezone.localtime(record.unpublish_at), "j F Y, H:i e")
        return {
            "label": gettext("Unpublished"),
            "text": gettext("visitors no longer see this page (since %(when)s). %(staff_only)s")
            % {"when": when, "staff_only": STAFF_ONLY},
        }
    return {}


@dataclass(frozen=True, slots=True)
class Control:
    """One filter of a public list, as its form control draws it (the Jinja2 macro
    ``filter_control`` in ``events/includes/macros.html``): what Django's widget templates
    would write, without drawing every option through them."""

    name: str
    id: str
    label: str
    # (name, value) in Django's order: the widget's own, then aria-invalid and
    # aria-describedby when the value was refused, then the id.
    attrs: tuple
    input_type: str = ""  # an <input>; "" for a <select>
    value: str | None = None
    options: tuple = ()  # a <select>'s (value, label, selected)


def option_tags(options) -> str:
    """A menu's ``<option>`` tags, for ``(value, label, selected)``: what a template loop
    would write, each value and label escaped as the template escapes them, in a fifth
    of the time (the conference list's menus hold about 150 options)."""
    return mark_safe(
        "".join(
            f'<option value="{as_html(value)}"{" selected" if selected else ""}>'
            f"{as_html(label)}</option>"
            for value, label, selected in options
        )
    )


def as_html(text) -> str:
    """``text`` escaped as the templates escape it (``&#x27;`` for ``'``, as Django
    writes it), or as it is if already HTML."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return escape_text(str(text))


def filter_controls(form) -> list[Control]:
    """The controls of a bound filter form, with the values and choices Django's
    ``BoundField`` would give its widget."""
    controls = []
    for bound in form:
        widget = bound.field.widget
        attrs = widget.build_attrs(widget.attrs, bound.build_widget_attrs({}, widget))
        attrs.setdefault("id", bound.auto_id)
        shown = tuple((key, value) for key, value in attrs.items() if value is not False)
        value = bound.value()
        if isinstance(widget, forms.Select):
            selected = {str(v) if v is not None else "" for v in widget.format_value(value)}
            options, chosen = [], False
            for option_value, option_label in widget.choices:
                option_value = "" if option_value is None else str(option_value)
                is_selected = not chosen and option_value in selected
                chosen |= is_selected
                options.append((option_value, str(option_label), is_selected))
            controls.append(
                Control(bound.name, bound.auto_id, bound.label, shown, "", None, tuple(options))
            )
        else:
            controls.append(
                Control(
                    bound.name,
                    bound.auto_id,
                    bound.label,
                    shown,
                    widget.input_type,
                    widget.format_value(value),
                )
            )
    return controls
