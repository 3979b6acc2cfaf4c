"""SQL compiled once and run again (events/compiled.py): a kept SQL answers by the clock
and the values of the run that uses it, a changed copy is compiled anew, and the check
that the tests run under catches a kept SQL handed to a query it does not fit."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import compiled
from events.compiled import KeysIn, TextIs, compile_once, given
from events.models import Conference
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def titles(queryset) -> list[str]:
    return sorted(str(conference.title) for conference in queryset)


def test_a_kept_sql_reads_the_clock_of_each_run(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ConferenceFactory(title="Open Forum")
    ConferenceFactory(title="Later Forum", published_at=timezone.now() + dt.timedelta(hours=1))
    built = compile_once(Conference.objects.published())
    with CaptureQueriesContext(connection) as first:
        assert titles(built.all()) == ["Open Forum"]
    time_machine.shift(dt.timedelta(hours=2))
    with CaptureQueriesContext(connection) as second:
        assert titles(built.all()) == ["Later Forum", "Open Forum"]
    # The same SQL both times (kept), with the clock read again.
    assert (
        first.captured_queries[0]["sql"].split("WHERE")[0]
        == (second.captured_queries[0]["sql"].split("WHERE")[0])
    )
    assert len(built.query.kept) == 1


def test_each_run_reads_its_own_keys_and_text():
    first, second, third = (ConferenceFactory(title=name) for name in ("Alpha", "Beta", "Gamma"))
    by_keys = compile_once(Conference.objects.filter(KeysIn()))
    assert titles(given(by_keys, keys=[first.pk, third.pk])) == ["Alpha", "Gamma"]
    assert titles(given(by_keys, keys=[second.pk])) == ["Beta"]
    assert titles(given(by_keys, keys=[])) == []
    by_slug = compile_once(Conference.objects.filter(TextIs("slug")))
    assert titles(given(by_slug, text=second.slug)) == ["Beta"]
    assert titles(given(by_slug, text="no-such-conference")) == []
    assert len(by_keys.query.kept) == 1 and len(by_slug.query.kept) == 1


def test_a_copy_changed_after_it_was_built_is_compiled_as_django_compiles_it():
    ConferenceFactory(title="Alpha", city="Nanjing")
    ConferenceFactory(title="Beta", city="Hong Kong")
    built = compile_once(Conference.objects.published())
    assert titles(built.all()) == ["Alpha", "Beta"]
    assert titles(built.all().filter(city="Nanjing")) == ["Alpha"]
    assert titles(built.all().order_by("-title")[:1]) == ["Beta"]
    assert titles(built.all().exclude(title="Alpha")) == ["Beta"]
    assert built.all().count() == 2
    assert titles(built.all()) == ["Alpha", "Beta"]
    assert len(built.query.kept) == 1  # only the unchanged shape is kept


def test_the_check_catches_a_kept_sql_handed_to_a_query_it_does_not_fit(monkeypatch, settings):
    """What the whole suite relies on: were two different queries taken for one shape,
    the check (on in the tests) would fail the test rather than run the wrong SQL."""
    settings.COMPILED_SQL_CHECK = True
    ConferenceFactory(title="Alpha", city="Nanjing")
    built = compile_once(Conference.objects.published())
    list(built.all())
    monkeypatch.setattr(compiled, "shape", lambda query: built.query.kept_shape)
    with pytest.raises(AssertionError, match="A kept SQL differs"):
        list(built.all().filter(city="Hong Kong"))


def test_a_query_without_its_slot_value_is_refused():
    with pytest.raises(ValueError, match="No 'keys' given"):
        list(Conference.objects.filter(KeysIn()))


def test_prefetched_rows_are_read_by_their_owners_keys_in_kept_sql():
    from django.db.models import Prefetch

    from events.compiled import compile_prefetches
    from events.models import Organizer
    from tests.factories import OrganizerFactory, SessionFactory

    alpha, beta = ConferenceFactory(title="Alpha"), ConferenceFactory(title="Beta")
    OrganizerFactory(conference=alpha, organization__name="Alpha Bureau")
    OrganizerFactory(conference=beta, organization__name="Beta Bureau")
    OrganizerFactory(conference=beta, organization__name="Beta Council")
    SessionFactory(conference=beta, title="Beta opening")
    built = compile_prefetches(
        compile_once(
            Conference.objects.prefetch_related(
                Prefetch("organizers", queryset=Organizer.objects.select_related("organization")),
                "sessions",
            ).order_by("title")
        )
    )

    def read(queryset) -> list:
        return [
            (
                str(conference.title),
                sorted(str(o.organization.name) for o in conference.organizers.all()),
                [str(session.title) for session in conference.sessions.all()],
            )
            for conference in queryset
        ]

    everything = [
        ("Alpha", ["Alpha Bureau"], []),
        ("Beta", ["Beta Bureau", "Beta Council"], ["Beta opening"]),
    ]
    assert read(built.all()) == everything
    assert read(built.all()) == everything  # the kept SQL, run again
    assert read(built.all().filter(title="Beta")) == everything[1:]
    organizers, sessions = built._prefetch_related_lookups
    assert len(organizers.queryset.query.kept) == 1
    assert len(sessions.queryset.query.kept) == 1


def test_a_prefetched_relation_can_still_be_queried_further():
    """A prefetch compiled once filters by its owners' keys; the same rows read again
    through the record's manager (``person.positions.filter``) are the owner's own."""
    from django.db.models import Prefetch

    from events.compiled import compile_prefetches
    from events.models import Organizer
    from tests.factories import OrganizerFactory

    alpha = ConferenceFactory(title="Alpha")
    OrganizerFactory(conference=alpha, organization__name="Alpha Bureau", role="sponsor")
    OrganizerFactory(conference=alpha, organization__name="Alpha Council", role="co_organizer")
    OrganizerFactory(organization__name="Elsewhere")
    built = compile_prefetches(
        compile_once(
            Conference.objects.filter(title="Alpha").prefetch_related(
                Prefetch("organizers", queryset=Organizer.objects.all())
            )
        )
    )
    conference = built.all().get()
    assert len(conference.organizers.all()) == 2
    assert conference.organizers.filter(role="sponsor").count() == 1
    assert conference.organizers.count() == 2
    assert {o.organization.name for o in conference.organizers.order_by("pk")} == {
        "Alpha Bureau",
        "Alpha Council",
    }


def test_explain_is_never_kept():
    ConferenceFactory(title="Alpha")
    built = compile_once(Conference.objects.all())
    assert built.all().explain()
    assert titles(built.all()) == ["Alpha"]
