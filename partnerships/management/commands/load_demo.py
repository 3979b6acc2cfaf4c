"""Load the press release the product was created from, as published demo content.

Every fact of the Nanjing promotion conference (Hong Kong, 8 February 2023) gets its
home in the model. The command creates what is missing and leaves what exists alone,
so running it again adds no rows and keeps whatever staff have edited since.

It lives in partnerships because it fills both apps; events never imports partnerships.
"""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image, ImageDraw

from events.models import (
    Conference,
    Currency,
    KeyFigure,
    MediaItem,
    Organization,
    OrganizationAlias,
    Organizer,
    Participation,
    Person,
    Position,
    Publishable,
    Session,
    Topic,
)
from partnerships import services
from partnerships.models import Agreement, Party

CONFERENCE_DATE = dt.date(2023, 2, 8)
CONFERENCE_SLUG = "nanjing-promotion-conference-hong-kong-2023"
PUBLISHED = Publishable.PublicationStatus.PUBLISHED

CAPTION = "The signing ceremony of major industrial cooperation projects"

ORGANIZATIONS = {
    "nanjing-government": {
        "name": "Nanjing Municipal People's Government",
        "aliases": ["Nanjing Municipal Government", "南京市人民政府"],
        "kind": Organization.Kind.GOVERNMENT,
        "city": "Nanjing",
        "region": "Jiangsu",
        "country": "China",
    },
    "jiangsu-party-committee": {
        "name": "Jiangsu Provincial Party Committee",
        "aliases": ["中共江苏省委"],
        "kind": Organization.Kind.PARTY_COMMITTEE,
        "city": "Nanjing",
        "region": "Jiangsu",
        "country": "China",
    },
    "nanjing-party-committee": {
        "name": "Nanjing Municipal Party Committee",
        "aliases": ["中共南京市委"],
        "kind": Organization.Kind.PARTY_COMMITTEE,
        "city": "Nanjing",
        "region": "Jiangsu",
        "country": "China",
    },
    "hktdc": {
        "name": "Hong Kong Trade Development Council",
        "short_name": "HKTDC",
        "aliases": ["香港貿易發展局"],
        "kind": Organization.Kind.TRADE_BODY,
        "city": "Hong Kong",
        "region": "Hong Kong SAR",
        "country": "China",
    },
    "china-merchants-group": {
        "name": "China Merchants Group",
        "aliases": ["招商局集团"],
        "kind": Organization.Kind.ENTERPRISE,
        "city": "Hong Kong",
        "region": "Hong Kong SAR",
        "country": "China",
    },
}

PEOPLE = {
    "han-liming": {
        "name": "Han Liming",
        "name_alt": "韩立明",
        "positions": [
            ("jiangsu-party-committee", "Member of the Standing Committee"),
            ("nanjing-party-committee", "Secretary"),
        ],
    },
    "chen-zhichang": {
        "name": "Chen Zhichang",
        "name_alt": "陈之常",
        "positions": [("nanjing-government", "Mayor of Nanjing")],
    },
    "patrick-lau": {
        "name": "Patrick Lau",
        "name_alt": "劉會平",
        "positions": [("hktdc", "Deputy Executive Director")],
    },
}

TOPICS = {
    "service-sector-opening-up": "Opening up of the service sector",
    "investment-trade-facilitation": "Investment and trade facilitation",
    "industrial-cooperation": "Industrial cooperation",
    "green-finance": "Green finance",
}

SUMMARY = (
    "Nanjing highlighted 6 fields of opening up and sought for a higher level of opening-up "
    "link with Hong Kong, including opening more investment channels and relaxing more access "
    "restrictions for Hong Kong enterprises in the area of investment and trade facilitation, "
    "according to the Nanjing Municipal People's Government."
)

BODY = """\
On Feb. 8, with the theme of "Gathering in Hong Kong for a Better Future", Nanjing Promotion \
Conference on High Quality Development & Wider Opening up of Service Sector (Hong Kong & Macao) \
was held in Hong Kong. Nanjing highlighted 6 fields of opening up and sought for a higher level \
of opening-up link with Hong Kong, including opening more investment channels and relaxing more \
access restrictions for Hong Kong enterprises in the area of investment and trade facilitation, \
according to the Nanjing Municipal People's Government.

Nanjing Municipal Government and China Merchants Group signed a strategic cooperation \
agreement, with several memorandums of cooperation and projects, which is highly in line with \
the characteristic and advantageous industries of Nanjing and Hong Kong, showing the latest \
achievements of deepening economic and trade cooperation between the two cities.

Hong Kong is the first stop of Nanjing's new round of global economic and trade exchanges in \
2023 and the Nanjing delegation will be the first large-scale mainland economic and trade \
delegation to Hong Kong after the full resumption of exchanges between the mainland and \
Hong Kong."""

SESSIONS = [
    ("video-address", "Video address", Session.Kind.VIDEO_ADDRESS),
    (
        "investment-environment",
        "Introduction of Nanjing's high-quality development investment environment",
        Session.Kind.SPEECH,
    ),
    ("green-finance", "Remarks on green finance in Hong Kong", Session.Kind.SPEECH),
    (
        "signing-ceremony",
        "Signing ceremony of major industrial cooperation projects",
        Session.Kind.CEREMONY,
    ),
]

PARTICIPATIONS = [
    {
        "person": "han-liming",
        "role": Participation.Role.SPEAKER,
        "remote": True,
        "session": "video-address",
        "remarks": (
            "Nanjing has a long and deep relationship with Hong Kong, and since the reform and "
            "opening up, more than 5,720 Hong Kong-funded projects, $38.8 billion of actual funds "
            "received, 33 Hong Kong-listed companies are all records of Hong Kong's unique and "
            "important contributions to Nanjing."
        ),
    },
    {
        "person": "chen-zhichang",
        "role": Participation.Role.SPEAKER,
        "remote": False,
        "session": "investment-environment",
        "remarks": (
            "Introduced Nanjing's high-quality development investment environment. For a long "
            "time, Nanjing and Hong Kong promote the strengths of each other and work as a bridge "
            'of each other: many Nanjing enterprises choose Hong Kong as the "first stop" to go '
            'global, many Hong Kong enterprises take Nanjing as "bridgehead" of the mainland '
            "market, and the cities have achieved mutual benefit and win-win through in-depth "
            "cooperation."
        ),
    },
    {
        "person": "patrick-lau",
        "role": Participation.Role.SPEAKER,
        "remote": False,
        "session": "green-finance",
        "remarks": (
            "Hong Kong has been booming in green finance in recent years, and more Nanjing "
            "enterprises can be served in this area."
        ),
    },
]

# "since the reform and opening up", as the press release says of all three.
KEY_FIGURES = [
    (
        Decimal("5720"),
        Currency.NONE,
        KeyFigure.Qualifier.MORE_THAN,
        "Hong Kong-funded projects in Nanjing since the reform and opening up",
    ),
    (
        Decimal("38800000000"),
        Currency.USD,
        KeyFigure.Qualifier.EXACT,
        "of actual funds received from Hong Kong since the reform and opening up",
    ),
    (
        Decimal("33"),
        Currency.NONE,
        KeyFigure.Qualifier.EXACT,
        "Hong Kong-listed companies from Nanjing",
    ),
]

AGREEMENTS = [
    {
        "slug": "nanjing-china-merchants-group-strategic-cooperation-2023",
        "title": (
            "Strategic cooperation agreement between Nanjing Municipal Government and "
            "China Merchants Group"
        ),
        "kind": Agreement.Kind.STRATEGIC_COOPERATION,
        "summary": (
            "Signed with several memorandums of cooperation and projects, highly in line with "
            "the characteristic and advantageous industries of Nanjing and Hong Kong, showing "
            "the latest achievements of deepening economic and trade cooperation between the "
            "two cities."
        ),
        "parties": ["nanjing-government", "china-merchants-group"],
        "topics": ["industrial-cooperation"],
    },
    {
        "slug": "nanjing-memorandums-of-cooperation-and-projects-2023",
        "title": "Memorandums of cooperation and projects",
        "kind": Agreement.Kind.MEMORANDUM,
        "summary": (
            "Several memorandums of cooperation and projects signed at the signing ceremony of "
            "major industrial cooperation projects, alongside the strategic cooperation "
            "agreement between Nanjing Municipal Government and China Merchants Group. The "
            "press release does not name their parties."
        ),
        "parties": [],
        "topics": ["industrial-cooperation"],
    },
]

ALT_TEXT = (
    "Illustration standing in for the photo: delegates seated behind a signing table on a "
    "stage under a red banner"
)


def ensure(model, lookup: dict, defaults: dict | None = None):
    """The first row matching ``lookup``; one is created, with ``defaults``, only if none is."""
    row = model.objects.filter(**lookup).order_by("pk").first()
    if row is None:
        row = services.create(model, **lookup, **(defaults or {}))
    return row


def demo_image(backdrop: tuple[int, int, int] = (148, 24, 36)) -> bytes:
    """A stand-in picture for the seed's photo: a stage, a signing table, a banner.
    ``seed_bulk`` draws it on other backdrops to get a few distinct files."""
    width, height = 1600, 900
    image = Image.new("RGB", (width, height), backdrop)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = 110 + y * 60 // (height // 2)
        draw.line([(0, y), (width, y)], fill=tuple(c * shade // 148 for c in backdrop))
    draw.rectangle(
        [160, 120, width - 160, 300], fill=(178, 34, 48), outline=(240, 200, 90), width=6
    )
    draw.rectangle([0, 600, width, height], fill=(60, 44, 40))
    draw.rectangle([300, 520, width - 300, 640], fill=(245, 245, 240))
    for x in range(380, width - 380, 210):
        draw.ellipse([x, 380, x + 90, 470], fill=(40, 36, 38))
        draw.rectangle([x - 20, 470, x + 110, 600], fill=(30, 34, 52))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Load the seed press release (Nanjing, Hong Kong 2023) as published demo content."

    @transaction.atomic
    def handle(self, *args, **options):
        organizations = self.load_organizations()
        people, positions = self.load_people(organizations)
        topics = {slug: self.load_topic(slug, name) for slug, name in TOPICS.items()}
        conference = self.load_conference(organizations, people, positions, topics)
        photo = self.load_photo(conference)
        agreements = [
            self.load_agreement(data, conference, organizations, topics, photo)
            for data in AGREEMENTS
        ]
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded: “{conference.title}”, {len(people)} people, "
                f"{len(organizations)} organizations, {len(agreements)} agreements."
            )
        )

    def load_organizations(self):
        organizations = {}
        for slug, data in ORGANIZATIONS.items():
            fields = {key: value for key, value in data.items() if key != "aliases"}
            organization = ensure(Organization, {"slug": slug}, fields)
            for alias in data["aliases"]:
                ensure(OrganizationAlias, {"organization": organization, "name": alias})
            organizations[slug] = organization
        return organizations

    def load_people(self, organizations):
        people, positions = {}, {}
        for slug, data in PEOPLE.items():
            person = ensure(
                Person, {"slug": slug}, {"name": data["name"], "name_alt": data["name_alt"]}
            )
            people[slug] = person
            positions[slug] = [
                ensure(
                    Position,
                    {"person": person, "organization": organizations[org_slug]},
                    {"title": title, "order": order},
                )
                for order, (org_slug, title) in enumerate(data["positions"])
            ]
        return people, positions

    def load_topic(self, slug, name):
        topic = Topic.objects.filter(name__iexact=name).first()
        if topic is None:
            # The seed's slug, unless staff already gave it to another topic.
            slug_free = not Topic.objects.filter(slug=slug).exists()
            topic = services.create(Topic, name=name, slug=slug if slug_free else "")
        return topic

    def load_conference(self, organizations, people, positions, topics):
        conference = Conference.objects.filter(slug=CONFERENCE_SLUG).first()
        if conference is None:
            conference = services.create(
                Conference,
                m2m={"topics": topics.values()},
                slug=CONFERENCE_SLUG,
                title=(
                    "Nanjing Promotion Conference on High Quality Development & Wider Opening "
                    "up of Service Sector (Hong Kong & Macao)"
                ),
                theme="Gathering in Hong Kong for a Better Future",
                summary=SUMMARY,
                body=BODY,
                start_date=CONFERENCE_DATE,
                time_zone="Asia/Hong_Kong",
                city="Hong Kong",
                country="China",
                source_publisher="PR Newswire",
                source_dateline="HONG KONG",
                source_date=dt.date(2023, 2, 9),
                publication_status=PUBLISHED,
            )
        ensure(
            Organizer,
            {"conference": conference, "organization": organizations["nanjing-government"]},
            {"role": Organizer.Role.ORGANIZER},
        )
        sessions = {
            key: ensure(
                Session, {"conference": conference, "title": title}, {"kind": kind, "order": order}
            )
            for order, (key, title, kind) in enumerate(SESSIONS, start=1)
        }
        for order, data in enumerate(PARTICIPATIONS, start=1):
            person = people[data["person"]]
            if not conference.participations.filter(person=person).exists():
                services.create(
                    Participation,
                    m2m={"positions": positions[data["person"]]},
                    conference=conference,
                    person=person,
                    role=data["role"],
                    remote=data["remote"],
                    session=sessions[data["session"]],
                    remarks=data["remarks"],
                    order=order,
                )
        for order, (value, currency, qualifier, label) in enumerate(KEY_FIGURES, start=1):
            ensure(
                KeyFigure,
                {"conference": conference, "label": label},
                {
                    "value": value,
                    "currency": currency,
                    "qualifier": qualifier,
                    "as_of": CONFERENCE_DATE,
                    "order": order,
                },
            )
        return conference

    def load_photo(self, conference):
        photo = conference.media.filter(caption=CAPTION).first() or conference.media.first()
        if photo is None:
            photo = MediaItem(
                conference=conference,
                image=ContentFile(demo_image(), name="signing-ceremony.jpg"),
                caption=CAPTION,
                alt_text=ALT_TEXT,
                credit="Demo illustration",
                taken_on=CONFERENCE_DATE,
            )
            services.save(photo)
        return photo

    def load_agreement(self, data, conference, organizations, topics, photo):
        agreement = Agreement.objects.filter(slug=data["slug"]).first()
        if agreement is None:
            agreement = services.create(
                Agreement,
                m2m={
                    "topics": [topics[slug] for slug in data["topics"]],
                    "photos": [photo],
                },
                slug=data["slug"],
                title=data["title"],
                kind=data["kind"],
                summary=data["summary"],
                signed_on=CONFERENCE_DATE,
                place="Hong Kong",
                conference=conference,
                status=Agreement.Status.SIGNED,
                publication_status=PUBLISHED,
            )
        for order, slug in enumerate(data["parties"], start=1):
            ensure(
                Party,
                {"agreement": agreement, "organization": organizations[slug]},
                {"role": Party.Role.PARTY, "order": order},
            )
        return agreement
