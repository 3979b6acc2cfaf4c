"""Sections that apps above events add to events' pages.

A conference page lists the agreements signed there, a person page the agreements they
signed, an organization page those it is a party to; but agreements belong to
partnerships, which events may not know. So events' detail pages have a slot, and an
upper app registers a ``PageSection`` for it from its ``AppConfig.ready()`` (as Wagtail's
hooks do): what to prefetch with the page's record (so that the section costs the same
queries as if the page knew it), the template that renders it (in the upper app's
templates), and the context that template gets, from the prefetched rows.

The template tag ``{% page_sections record %}`` renders every section registered for the
record's model, in the order registered.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class PageSection:
    template_name: str
    # Record -> the template's context; reads only what ``prefetch`` fetched.
    context: Callable[[models.Model], dict]
    # Lookups (``Prefetch`` objects or names) added to the page's queryset.
    prefetch: Callable[[], list] = field(default=list)


_sections: dict[type[models.Model], list[PageSection]] = {}


def register_page_section(model: type[models.Model], section: PageSection) -> None:
    sections = _sections.setdefault(model, [])
    if section not in sections:
        sections.append(section)


def sections_for(model: type[models.Model]) -> list[PageSection]:
    return list(_sections.get(model, ()))


def section_prefetches(model: type[models.Model]) -> list:
    """What the page's queryset prefetches for its sections."""
    return [lookup for section in sections_for(model) for lookup in section.prefetch()]
