"""The conference's time zone chooser: a searchable list (an ``<input list>`` with a
``<datalist>``, no script) of canonical zone names only, each with its UTC offset today,
the zones of the site's recent conferences first."""

import functools
import zoneinfo
from importlib import resources
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from ..models import Conference

# How many of the latest conferences name the zones offered first.
RECENT_CONFERENCES = 50


def tz_database_file(name: str) -> str:
    """A file of the IANA time zone database: from the tzdata package (a dependency, so
    the list is the same everywhere), else from the system's zoneinfo folder."""
    try:
        return (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        for folder in zoneinfo.TZPATH:
            path = Path(folder) / name
            if path.exists():
                return path.read_text(encoding="utf-8")
    return ""


@functools.cache
def canonical_time_zones() -> tuple[str, ...]:
    """The zones of ``zone.tab`` (one or more per country, no old aliases such as
    Asia/Macao or Asia/Calcutta) and UTC, for online events."""
    names = {"UTC"}
    for line in tz_database_file("zone.tab").splitlines():
        if line and not line.startswith("#"):
            names.add(line.split("\t")[2])
    available = zoneinfo.available_timezones()
    if len(names) == 1:  # no zone.tab anywhere: offer every name rather than none
        names = available
    return tuple(sorted(names & available))


@functools.cache
def time_zone_links() -> dict[str, str]:
    """Old or other names and the zone each stands for (``L`` lines of ``tzdata.zi``)."""
    links = {}
    for line in tz_database_file("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            links[alias] = target
    return links


def utc_offset(name: str) -> str:
    """“UTC+08:00”: the zone's offset now (summer time included, where it is summer)."""
    offset = timezone.now().astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def recent_time_zones() -> list[str]:
    """The zones of the latest conferences, the latest first, each once."""
    zones = Conference.objects.order_by("-start_date", "-id").values_list("time_zone", flat=True)
    return list(dict.fromkeys(zones[:RECENT_CONFERENCES]))


def time_zone_options(stored: str | None = None) -> list[tuple[str, str]]:
    """(name, "name (UTC±hh:mm)") for the list: recent zones first, then the rest by name.
    A name already stored on the conference stays on offer even if it is an old alias."""
    canonical = canonical_time_zones()
    offered = set(canonical)
    recent = [name for name in recent_time_zones() if name in offered]
    if stored and stored not in offered and stored in zoneinfo.available_timezones():
        recent.insert(0, stored)
    first = set(recent)
    names = recent + [name for name in canonical if name not in first]
    return [(name, f"{name} ({utc_offset(name)})") for name in names]


class TimeZoneInput(forms.TextInput):
    """A text box with a list of suggestions that narrows as the editor types."""

    def __init__(self, attrs=None):
        super().__init__(
            {"class": "vTextField", "autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        )
        self.options: list[tuple[str, str]] = []

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or f'id_{name}'}_choices"
        attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">{}</option>', self.options)
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class TimeZoneField(forms.CharField):
    """A canonical zone name; an old alias only if it is the one already stored."""

    widget = TimeZoneInput

    def __init__(self, **kwargs):
        super().__init__(max_length=64, **kwargs)
        self.stored: str | None = None

    def offer(self, stored: str | None) -> None:
        self.stored = stored
        self.widget.options = time_zone_options(stored)

    def clean(self, value):
        value = super().clean(value)
        if value in ("", None) or value == self.stored:
            return value
        canonical = canonical_time_zones()
        by_lower = {name.lower(): name for name in canonical}
        name = by_lower.get(value.replace(" ", "_").lower())
        if name:
            return name
        target = time_zone_links().get(value)
        if target in canonical:
            raise ValidationError(
                gettext("“%(value)s” is an old name of %(target)s; choose %(target)s."),
                params={"value": value, "target": target},
                code="time_zone_alias",
            )
        raise ValidationError(
            gettext(
                "“%(value)s” is not a time zone name. Choose one from the list, such as "
                "Asia/Hong_Kong."
            ),
            params={"value": value},
            code="invalid_time_zone",
        )
