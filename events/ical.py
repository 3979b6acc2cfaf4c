"""iCalendar (RFC 5545) files for conferences, with the time zones they need."""

import datetime as dt
from functools import lru_cache

import icalendar
from django.utils import timezone

from .formatting import language_tag, reader, when_text
from .languages import is_chinese


def language(tag: str) -> dict:
    """The ``LANGUAGE`` parameter of a text property (RFC 5545, 3.2.10)."""
    return {"LANGUAGE": tag}


def conference_event(conference, request) -> icalendar.Event:
    """The conference in the reader's language: its title (``LANGUAGE`` says which, when
    the title falls back to another) and a description opening with its days and times
    as the reader writes them."""
    event = icalendar.Event()
    event.add("uid", f"conference-{conference.pk}@{request.get_host().split(':')[0]}")
    event.add("dtstamp", conference.updated or timezone.now())
    event.add("last-modified", conference.updated or timezone.now())
    event.add(
        "summary",
        conference.title,
        parameters=language(language_tag(conference.title.lang)),
    )
    if conference.starts_at:
        event.add("dtstart", conference.starts_at)
        ends_at = conference.ends_at
        if ends_at:
            event.add("dtend", ends_at)
    else:
        # An all-day event ends on the day after its last day (RFC 5545, 3.6.1).
        event.add("dtstart", conference.start_date)
        last_day = conference.end_date or conference.start_date
        if last_day < dt.date.max:
            event.add("dtend", last_day + dt.timedelta(days=1))
        else:  # the day after 9999-12-31 has no date; a duration says the same
            event.add("duration", last_day - conference.start_date + dt.timedelta(days=1))
    location = ", ".join(
        part for part in [conference.venue, conference.city, conference.country] if part
    )
    if location:
        event.add("location", location)
    url = request.build_absolute_uri(conference.get_absolute_url())
    when = when_text(
        conference.start_date,
        conference.end_date,
        conference.start_time,
        conference.end_time,
        conference.time_zone,
    )
    description = "\n\n".join(
        part for part in [when, conference.theme, conference.summary, url] if part
    )
    event.add("description", description, parameters=language(language_tag()))
    event.add("url", url)
    topics = [topic.name for topic in conference.topics.all()]
    if topics:
        event.add("categories", topics)
    return event


def session_event(session, conference, request, url: str) -> icalendar.Event:
    """One agenda item with a date and a start time, in the conference's zone."""
    event = icalendar.Event()
    host = request.get_host().split(":")[0]
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("dtstamp", conference.updated or timezone.now())
    if is_chinese(reader()):
        summary = f"{session.title}（{conference.title}）"
    else:
        summary = f"{session.title} ({conference.title})"
    tag = language_tag(session.title.lang)
    event.add("summary", summary, parameters=language(tag))
    event.add("dtstart", session.starts_at)
    if session.ends_at:
        event.add("dtend", session.ends_at)
    location = ", ".join(
        part for part in [conference.venue, conference.city, conference.country] if part
    )
    if location:
        event.add("location", location)
    when = when_text(session.date, None, session.start_time, session.end_time, conference.time_zone)
    description = "\n\n".join(part for part in [when, session.description, url] if part)
    event.add("description", description, parameters=language(language_tag()))
    event.add("url", url)
    event.add("related-to", f"conference-{conference.pk}@{host}")
    return event


def session_events(conference, request) -> list[icalendar.Event]:
    url = request.build_absolute_uri(conference.get_absolute_url())
    events = []
    for session in conference.sessions.all():
        session.conference = conference
        if session.starts_at:
            events.append(session_event(session, conference, request, url))
    return events


def calendar_for(conferences, request, name: str, with_sessions: bool = False) -> bytes:
    """The calendar of the conferences; ``with_sessions`` adds each dated, timed agenda
    item as an event of its own (the conference's own file does; the calendar of all
    conferences does not)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Conferences and partnerships//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property is written as given, so no line break may reach it.
    calendar.add("x-wr-calname", " ".join(name.split()))
    for conference in conferences:
        calendar.add_component(conference_event(conference, request))
        if with_sessions:
            for event in session_events(conference, request):
                calendar.add_component(event)
    add_missing_timezones(calendar)
    return calendar.to_ical()


@lru_cache(maxsize=128)
def vtimezone(tzid: str) -> icalendar.Timezone | None:
    """A zone's VTIMEZONE, worked out once per process: icalendar walks the zone's
    offsets over the years for it (about 10 ms of a 14 ms conference .ics) and asks its
    callers to keep the result. Shared by the calendars made after, so never changed."""
    try:
        return icalendar.Timezone.from_tzid(tzid)
    except ValueError:  # a zone icalendar does not know: left out, as it does
        return None


def add_missing_timezones(calendar: icalendar.Calendar) -> None:
    """``Calendar.add_missing_timezones``, from the zones kept by ``vtimezone``."""
    position = len(calendar.timezones)
    for tzid in calendar.get_missing_tzids():
        zone = vtimezone(tzid)
        if zone is not None:
            calendar.subcomponents.insert(position, zone)
            position += 1
