"""A saved conference, with its agreements, as the facts a reading of its release yields.

``facts_of_conference`` writes what the site holds in the format of ``facts.py`` (the
English texts), so a reading can be scored against content staff entered by hand: the
seed release against the demo content (tests/partnerships/test_intake_seed.py), and a
release pasted for review against the conference it already became.
"""

from django.utils import translation

from events.languages import DEFAULT

from .facts import Fact
from .grammar import decimal_text


def _text(value) -> str:
    return str(value or "")


def _date(value) -> str:
    return value.isoformat() if value else ""


def _time(value) -> str:
    return value.strftime("%H:%M") if value else ""


def facts_of_conference(conference) -> list[Fact]:
    """Every fact the conference and its agreements hold that a release can state."""
    with translation.override(DEFAULT):
        return list(_facts(conference))


def _facts(conference):
    organizations = {}

    def organization(row):
        if row is not None:
            organizations.setdefault(row.pk, row)
            return _text(row.name)
        return ""

    for kind, key, value in (
        ("title", "text", _text(conference.title)),
        ("theme", "text", _text(conference.theme)),
        ("start_date", "date", _date(conference.start_date)),
        ("end_date", "date", _date(conference.end_date)),
        ("start_time", "time", _time(conference.start_time)),
        ("end_time", "time", _time(conference.end_time)),
        ("time_zone", "name", conference.time_zone),
        ("venue", "text", _text(conference.venue)),
        ("city", "text", _text(conference.city)),
        ("summary", "text", _text(conference.summary)),
        ("publisher", "text", conference.source_publisher),
        ("dateline", "text", conference.source_dateline),
        ("published_on", "date", _date(conference.source_date)),
    ):
        if value:
            yield Fact(kind, {key: value})
    for organizer in conference.organizers.select_related("organization").order_by("order", "pk"):
        name = organization(organizer.organization)
        yield Fact("organizer", {"organization": name, "role": organizer.role})
    for session in conference.sessions.order_by("order", "pk"):
        yield Fact(
            "session",
            {
                "title": _text(session.title),
                "kind": session.kind,
                "date": _date(session.date),
                "start_time": _time(session.start_time),
            },
        )
    participations = conference.participations.select_related("person", "session").order_by(
        "order", "pk"
    )
    people = set()
    for participation in participations:
        person = _text(participation.person.name)
        if participation.person_id not in people:
            people.add(participation.person_id)
            yield Fact("person", {"name": person})
        for position in participation.positions.select_related("organization").order_by("pk"):
            yield Fact(
                "position",
                {
                    "person": person,
                    "title": _text(position.title),
                    "organization": organization(position.organization),
                },
            )
        yield Fact(
            "participation",
            {
                "person": person,
                "role": participation.role,
                "remote": participation.remote,
                "session": _text(participation.session.title) if participation.session else "",
            },
        )
        if participation.remarks:
            yield Fact("remark", {"person": person, "text": _text(participation.remarks)})
        if participation.quote:
            yield Fact("quote", {"person": person, "text": _text(participation.quote)})
    agreements = conference.agreements.order_by("pk")
    for number, agreement in enumerate(agreements, start=1):
        ref = f"a{number}"
        yield Fact(
            "agreement",
            {
                "ref": ref,
                "title": _text(agreement.title),
                "kind": agreement.kind,
                "value": (
                    decimal_text(agreement.value_amount)
                    if agreement.value_amount is not None
                    else ""
                ),
                "currency": agreement.value_currency,
            },
        )
        for party in agreement.parties.select_related("organization").order_by("order", "pk"):
            yield Fact(
                "party", {"agreement": ref, "organization": organization(party.organization)}
            )
        signatories = agreement.signatories.select_related(
            "person", "party__organization", "position__organization"
        ).order_by("order", "pk")
        for signatory in signatories:
            signed_for = signatory.party.organization if signatory.party else None
            if signed_for is None and signatory.position:
                signed_for = signatory.position.organization
            yield Fact(
                "signatory",
                {
                    "agreement": ref,
                    "person": _text(signatory.person.name),
                    "organization": organization(signed_for),
                },
            )
    for figure in conference.key_figures.order_by("order", "pk"):
        yield Fact(
            "key_figure",
            {
                "value": decimal_text(figure.value),
                "qualifier": figure.qualifier,
                "unit": _text(figure.unit),
                "currency": figure.currency,
                "label": _text(figure.label),
                "as_of": _date(figure.as_of),
            },
        )
    for photo in conference.media.order_by("pk"):
        if photo.caption:
            yield Fact("caption", {"text": _text(photo.caption)})
    for row in organizations.values():
        yield Fact("organization", {"name": _text(row.name), "short_name": _text(row.short_name)})
