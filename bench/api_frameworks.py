"""django-ninja against Django REST framework, on one endpoint: the conference list.

    .venv/bin/python -m bench.api_frameworks             # a throwaway seeded database
    DATABASE_URL=sqlite:///bench.sqlite3 .venv/bin/python -m bench.api_frameworks

One process serves the same first page of the conference list (the same queryset, the
same prefetches, the same 20 rows, the same fields, in the same JSON) through the
site's ninja endpoint (events/api/conferences.py) and through a DRF ``ListAPIView`` with
``ModelSerializer``s and its ``PageNumberPagination``, each called with a request from
``RequestFactory`` (the view and the framework, not the site's middleware). It checks
that both give the same rows, then times each in turns (by the process's CPU
time) and prints requests per second and the ratio.

DRF is imported here only: it is not a dependency of the site (README says why ninja).
Without ``DATABASE_URL`` a database is made in a temporary folder and seeded with
``seed_bulk --scale 0.005`` (100 conferences: a full first page).
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def prepare() -> Path | None:
    """The settings for a run from the command line: a throwaway database unless
    ``DATABASE_URL`` names one (the folder it is made in, else ``None``)."""
    folder = None
    if not os.environ.get("DATABASE_URL"):
        folder = Path(tempfile.mkdtemp(prefix="api-frameworks-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    return folder


# (Imported by the tests, the settings are theirs.)
workdir = prepare() if __name__ == "__main__" else None

from django.core.management import call_command  # noqa: E402
from django.db.models import Prefetch  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import resolve  # noqa: E402
from django.utils import translation  # noqa: E402
from rest_framework import generics, pagination, serializers  # noqa: E402
from rest_framework.renderers import JSONRenderer  # noqa: E402

from events.api import read  # noqa: E402
from events.api.conferences import listed_conferences, summary_rows  # noqa: E402
from events.languages import columns, only  # noqa: E402
from events.models import Conference, Organization, Organizer, Topic  # noqa: E402

PATH = "/api/v1/conferences/"

# What DRF's serializers read of each row's organizers and topics: model instances (the
# site reads them as JSON lists with the row, events/api/conferences.py ``summary_rows``).
SUMMARY_PREFETCH = (
    Prefetch(
        "organizers",
        queryset=Organizer.objects.select_related("organization").only(
            "conference_id", "role", "organization__slug", *columns("organization__name")
        ),
    ),
    Prefetch("topics", queryset=only(Topic.objects, "slug", "name")),
)


def seed() -> None:
    print(f"Seeding a throwaway database in {workdir}", file=sys.stderr, flush=True)
    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_bulk", "--scale", "0.005", stdout=open(os.devnull, "w"))  # noqa: SIM115


# The same shapes as events/api/schemas.py, as DRF would have them written.


class ApiUrl(serializers.SerializerMethodField):
    def __init__(self, name: str):
        self.name = name
        super().__init__()

    def to_representation(self, record):
        return read.api_url(self.context["request"], self.name, record.slug)


class TopicRef(serializers.ModelSerializer):
    url = ApiUrl("topic-detail")

    class Meta:
        model = Topic
        fields = ["slug", "name", "url"]


class OrganizationRef(serializers.ModelSerializer):
    url = ApiUrl("organization-detail")

    class Meta:
        model = Organization
        fields = ["slug", "name", "url"]


class OrganizerOut(serializers.ModelSerializer):
    organization = OrganizationRef()
    role_label = serializers.CharField(source="get_role_display")

    class Meta:
        model = Organizer
        fields = ["organization", "role", "role_label"]


class ZonedDateTime(serializers.Field):
    """As ninja gives it: ISO 8601 in the conference's own zone (DRF's ``DateTimeField``
    would move it to the site's zone)."""

    def to_representation(self, value):
        if value is None:
            return None
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text  # (as pydantic writes UTC)


class ConferenceSummary(serializers.ModelSerializer):
    starts_at = ZonedDateTime(read_only=True)
    ends_at = ZonedDateTime(read_only=True)
    organizers = OrganizerOut(many=True)
    topics = TopicRef(many=True)
    url = ApiUrl("conference-detail")
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Conference
        fields = [
            "start_date",
            "end_date",
            "starts_at",
            "ends_at",
            "time_zone",
            "slug",
            "title",
            "theme",
            "venue",
            "city",
            "country",
            "organizers",
            "topics",
            "url",
            "page_url",
        ]

    def get_page_url(self, conference):
        return read.page_url(self.context["request"], conference)


class Pages(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class DrfConferenceList(generics.ListAPIView):
    serializer_class = ConferenceSummary
    pagination_class = Pages
    renderer_classes = [JSONRenderer]
    authentication_classes: list = []
    permission_classes: list = []

    def get_queryset(self):
        # As the ninja view reads them.
        conferences = listed_conferences().order_by("-start_date", "-pk")
        return conferences.prefetch_related(*SUMMARY_PREFETCH)

    def list(self, request, *args, **kwargs):
        with translation.override("en"):
            return super().list(request, *args, **kwargs)


def views():
    factory = RequestFactory()
    ninja_view = resolve(PATH).func
    drf_view = DrfConferenceList.as_view()

    def ninja():
        response = ninja_view(factory.get(PATH))
        return response

    def drf():
        response = drf_view(factory.get(PATH))
        response.render()
        return response

    return {"django-ninja": ninja, "DRF": drf}


def serializers_only():
    """The frameworks' own part: the same 20 rows, read once, turned into the JSON body
    again and again, each in its framework's way (ninja, as the site answers: the view's
    dicts written with ninja's encoder, events/api/answers.py, from rows read with their
    organizers and topics as JSON lists; DRF: the ``ModelSerializer``'s data rendered,
    from rows with their prefetches). No query, no request handling."""
    from ninja.responses import NinjaJSONEncoder
    from rest_framework.request import Request

    from events.api.conferences import summary

    request = RequestFactory().get(PATH)
    with translation.override("en"):
        listed = listed_conferences().order_by("-start_date", "-pk")
        ninja_rows = list(summary_rows(listed)[:20])
        drf_rows = list(listed.prefetch_related(*SUMMARY_PREFETCH)[:20])
    drf_request = Request(request)
    drf_renderer = JSONRenderer()

    def ninja():
        with translation.override("en"):
            data = [summary(request, row) for row in ninja_rows]
            return json.dumps(data, cls=NinjaJSONEncoder).encode()

    def drf():
        with translation.override("en"):
            data = ConferenceSummary(drf_rows, many=True, context={"request": drf_request}).data
            return drf_renderer.render(data)

    assert json.loads(ninja()) == json.loads(drf()), "the two bodies differ"
    return {"django-ninja": ninja, "DRF": drf}


def rate(call) -> float:
    """Requests per second of this process's own CPU time, over ``SECONDS`` of wall
    time: on a machine that other work shares, the time the process waited for a core
    is left out (both frameworks run in one thread; SQLite runs in it too)."""
    count, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < SECONDS:
        call()
        count += 1
    return count / (time.process_time() - cpu)


def first_pages(candidates: dict) -> dict:
    """Each framework's rows of the first page; both must give the same."""
    results = {}
    for name, call in candidates.items():
        response = call()
        assert response.status_code == 200, (name, response.status_code)
        results[name] = json.loads(response.content)["results"]
    if results["django-ninja"] != results["DRF"]:
        pairs = zip(results["django-ninja"], results["DRF"], strict=False)
        ninja, drf = next(pair for pair in pairs if pair[0] != pair[1])
        raise SystemExit(f"The two answers differ:\n{ninja}\n{drf}")
    return results


def main() -> None:
    if workdir is not None:
        seed()
    candidates = views()
    results = first_pages(candidates)
    assert len(results["django-ninja"]) == 20, len(results["django-ninja"])
    print(f"Conference list, first page of 20 rows, {ROUNDS} rounds of {SECONDS:g} s, best:")
    compare("the whole view (queries included)", candidates)
    compare("serializing the rows only", serializers_only())


def compare(title: str, candidates: dict) -> None:
    best = dict.fromkeys(candidates, 0.0)
    for _round in range(ROUNDS):
        for name, call in candidates.items():
            best[name] = max(best[name], rate(call))
    print(f"{title}:")
    for name, per_second in best.items():
        print(f"  {name:13} {per_second:7.0f} per s  ({1000 / per_second:.2f} ms each)")
    print(f"  ninja / DRF   {best['django-ninja'] / best['DRF']:.2f}x")


if __name__ == "__main__":
    main()
