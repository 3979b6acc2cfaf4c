"""schema.org descriptions (JSON-LD) of conferences, people and organizations, in the
page's language: names and texts as the page shows them (each record's text in that
language, or the one it falls back to), ``inLanguage`` the page's (BCP 47)."""

from .formatting import language_tag
from .templatetags.events import file_url, is_web_address


def organization_data(organization, request, aliases=None) -> dict:
    """``aliases``: the organization's other names, when read with it (else its
    prefetched ``aliases``)."""
    data = {
        "@type": "Organization",
        "name": organization.name,
        "url": request.build_absolute_uri(organization.get_absolute_url()),
    }
    if aliases is None:
        aliases = [alias.name for alias in organization.aliases.all()]
    other_names = list(aliases)
    if organization.short_name:
        other_names.insert(0, organization.short_name)
    if other_names:
        data["alternateName"] = other_names
    if is_web_address(organization.website):
        data["sameAs"] = organization.website
    if organization.city or organization.country:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": organization.city,
            "addressRegion": organization.region,
            "addressCountry": organization.country,
        }
    return data


def person_data(person, request, posts=()) -> dict:
    data = {
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }
    if person.honorific:
        data["honorificPrefix"] = person.honorific
    if person.name_alt:
        data["alternateName"] = person.name_alt
    titles = [post.title for post in posts]
    if titles:
        data["jobTitle"] = titles
        data["affiliation"] = [
            {"@type": "Organization", "name": post.organization.name} for post in posts
        ]
    return data


def conference_data(conference, request, participations, photos) -> dict:
    start = conference.starts_at or conference.start_date
    end = conference.ends_at or conference.end_date
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "inLanguage": language_tag(),
        "name": conference.title,
        "description": conference.theme or conference.summary,
        "startDate": start.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": request.build_absolute_uri(conference.get_absolute_url()),
        "location": {
            "@type": "Place",
            "name": conference.venue or conference.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": conference.city,
                "addressCountry": conference.country,
            },
        },
        "organizer": [
            organization_data(organizer.organization, request, organizer.alias_names)
            for organizer in conference.organizers.all()
        ],
        "performer": [
            person_data(participation.person, request, participation.posts)
            for participation in participations
        ],
    }
    if end:
        data["endDate"] = end.isoformat()
    if photos:
        url = file_url(photos[0].image.storage)
        data["image"] = [request.build_absolute_uri(url(photo.image.name)) for photo in photos]
    return data


def profile_page(entity: dict) -> dict:
    """A person's or organization's page: schema.org's ``ProfilePage`` (a page, so it has a
    language; a Person or Organization has none) about its ``mainEntity``."""
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "inLanguage": language_tag(),
        "mainEntity": entity,
    }
