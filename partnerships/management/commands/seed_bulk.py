"""Fill the database with a large, realistic synthetic archive, for benchmarks.

    python manage.py seed_bulk                # 20,000 conferences, 100,000 people, ...
    python manage.py seed_bulk --scale 0.01   # the same mix, a hundredth of the size

Rows are written with ``bulk_create`` in one transaction, so a failure leaves nothing
behind. English and Chinese titles and names are mixed, most records are published and
some are drafts or scheduled, as in a real archive. Two conferences have fixed shapes the
benchmark asks for: ``bulk-showcase`` (30 participants, 10 agreements, 20 photos) and
``bulk-plenary`` (300 participants, for the admin change form).

Photos share a few image files (made and processed once, as an upload would be), so the
media folder stays small; deleting one such photo leaves the shared files to the others.
"""

import datetime as dt
import random
import time
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from opencc import OpenCC

from events import services
from events.models import (
    Conference,
    Currency,
    KeyFigure,
    MediaItem,
    Organization,
    Organizer,
    Participation,
    ParticipationPost,
    Person,
    Position,
    Publishable,
    Session,
    Topic,
)
from events.progress import Progress
from partnerships.models import Agreement, Party, Signatory

from .load_demo import demo_image

# Simplified to traditional characters, for the traditional Chinese columns.
TRADITIONAL = OpenCC("s2hk")

MARKER = "seed_bulk"  # source_publisher of every bulk conference
SHOWCASE_SLUG = "bulk-showcase"
PLENARY_SLUG = "bulk-plenary"
BATCH = 2000
PUBLISHED = Publishable.PublicationStatus.PUBLISHED
DRAFT = Publishable.PublicationStatus.DRAFT

CITIES = [
    ("Hong Kong", "香港", "Asia/Hong_Kong"),
    ("Nanjing", "南京", "Asia/Shanghai"),
    ("Shanghai", "上海", "Asia/Shanghai"),
    ("Shenzhen", "深圳", "Asia/Shanghai"),
    ("Guangzhou", "广州", "Asia/Shanghai"),
    ("Suzhou", "苏州", "Asia/Shanghai"),
    ("Hangzhou", "杭州", "Asia/Shanghai"),
    ("Chengdu", "成都", "Asia/Shanghai"),
    ("Wuhan", "武汉", "Asia/Shanghai"),
    ("Macao", "澳門", "Asia/Macau"),
    ("Taipei", "臺北", "Asia/Taipei"),
    ("Singapore", "新加坡", "Asia/Singapore"),
    ("Tokyo", "東京", "Asia/Tokyo"),
    ("London", "伦敦", "Europe/London"),
    ("Frankfurt", "法兰克福", "Europe/Berlin"),
    ("Dubai", "迪拜", "Asia/Dubai"),
]
SECTORS = [
    ("Green Finance", "绿色金融"),
    ("Advanced Manufacturing", "先进制造"),
    ("Biomedicine", "生物医药"),
    ("Software and Information Services", "软件和信息服务"),
    ("New Energy Vehicles", "新能源汽车"),
    ("Integrated Circuits", "集成电路"),
    ("Logistics", "物流"),
    ("Tourism", "旅游"),
    ("Education", "教育"),
    ("Smart Cities", "智慧城市"),
    ("Trade in Services", "服务贸易"),
    ("Cultural Industries", "文化产业"),
]
EVENT_WORDS = [
    ("Promotion Conference", "推介会"),
    ("Investment Forum", "投资论坛"),
    ("Cooperation Summit", "合作峰会"),
    ("Trade Fair", "博览会"),
    ("Business Matching Meeting", "洽谈会"),
]
ORG_WORDS = [
    ("Group", "集团", Organization.Kind.ENTERPRISE),
    ("Holdings", "控股", Organization.Kind.ENTERPRISE),
    ("Association", "协会", Organization.Kind.ASSOCIATION),
    ("Chamber of Commerce", "商会", Organization.Kind.TRADE_BODY),
    ("University", "大学", Organization.Kind.UNIVERSITY),
    ("Municipal Bureau of Commerce", "市商务局", Organization.Kind.GOVERNMENT),
]
SURNAMES = [
    ("Chen", "陈"),
    ("Li", "李"),
    ("Wang", "王"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Huang", "黄"),
    ("Zhou", "周"),
    ("Wu", "吴"),
    ("Xu", "徐"),
    ("Sun", "孙"),
    ("Lam", "林"),
    ("Ho", "何"),
]
GIVEN = [
    ("Wei", "伟"),
    ("Fang", "芳"),
    ("Min", "敏"),
    ("Jing", "静"),
    ("Qiang", "强"),
    ("Lei", "磊"),
    ("Yang", "洋"),
    ("Yan", "艳"),
    ("Jun", "军"),
    ("Hui", "慧"),
    ("Zhichang", "之常"),
    ("Liming", "黎明"),
]
POSTS = ["Chairman", "Director", "Deputy Mayor", "President", "General Manager", "Secretary"]
ROLES = [
    (Participation.Role.HOST, 1),
    (Participation.Role.KEYNOTE, 1),
    (Participation.Role.SPEAKER, 5),
    (Participation.Role.GUEST, 8),
    (Participation.Role.DELEGATE, 4),
    (Participation.Role.MODERATOR, 1),
]


# Backdrops of the few distinct photo files the bulk photos share.
BACKDROPS = [(148, 24, 36), (24, 70, 140), (30, 110, 60), (120, 90, 20), (80, 40, 120)]


class Command(BaseCommand):
    help = "Fill the database with a large synthetic archive (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every count.")
        parser.add_argument("--conferences", type=int, default=20_000)
        parser.add_argument("--people", type=int, default=100_000)
        parser.add_argument("--organizations", type=int, default=10_000)
        parser.add_argument("--participations", type=int, default=300_000)
        parser.add_argument("--agreements", type=int, default=50_000)
        parser.add_argument("--media", type=int, default=100_000)
        parser.add_argument("--image-files", type=int, default=4, help="Distinct photo files.")
        parser.add_argument("--seed", type=int, default=2023, help="Random seed.")

    def handle(self, *args, **options):
        scale = options["scale"]
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        n = {
            key: max(1, round(options[key] * scale))
            for key in (
                "conferences",
                "people",
                "organizations",
                "participations",
                "agreements",
                "media",
            )
        }
        # The two fixed-shape conferences need this many of each.
        n["conferences"] = max(n["conferences"], 2)
        n["people"] = max(n["people"], 330)
        n["organizations"] = max(n["organizations"], 2)
        n["participations"] = max(n["participations"], 330)
        n["agreements"] = max(n["agreements"], 10)
        n["media"] = max(n["media"], 20)
        if Conference.objects.filter(source_publisher=MARKER).exists():
            raise CommandError(
                "This database already holds bulk content; seed a fresh database "
                "(for example DATABASE_URL=sqlite:///bulk.sqlite3)."
            )
        self.rng = random.Random(options["seed"])
        self.now = timezone.now()
        self.stdout.write(
            "Seeding "
            + ", ".join(f"{count:,} {key}" for key, count in n.items())
            + f" ({options['image_files']} shared image files)"
        )
        started = time.monotonic()
        with transaction.atomic():
            topics = self.make_topics()
            organizations = self.make_organizations(n["organizations"])
            people, positions = self.make_people(n["people"], organizations)
            conferences = self.make_conferences(n["conferences"], organizations, topics)
            self.make_participations(n["participations"], conferences, people, positions)
            self.make_agreements(n["agreements"], conferences, organizations, people, topics)
            self.make_media(n["media"], conferences, options["image_files"])
        self.stdout.write("Updating the query planner's statistics (ANALYZE)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Bulk content written in {time.monotonic() - started:.0f} s.")
        )

    # Helpers

    def write(self, model, rows, label: str, total: int | None = None) -> list:
        """Insert rows (an iterable) in batches through the write path, which fills what a
        save would, with a progress bar; returns them with pks."""
        rows = list(rows)
        progress = Progress(self.stdout, label, total or len(rows))
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            services.bulk_create(model, batch, batch_size=BATCH)
            progress.advance(len(batch))
        progress.finish()
        return rows

    def publishing(self, start: dt.date) -> dict:
        """Mostly published; some drafts; a few scheduled ahead or already unpublished."""
        draw = self.rng.random()
        published_at = timezone.make_aware(dt.datetime.combine(start, dt.time(9)))
        published_at = min(published_at - dt.timedelta(days=30), self.now)
        if draw < 0.90:
            return {"publication_status": PUBLISHED, "published_at": published_at}
        if draw < 0.96:
            return {"publication_status": DRAFT}
        if draw < 0.98:
            ahead = self.now + dt.timedelta(days=self.rng.randint(1, 60))
            return {"publication_status": PUBLISHED, "published_at": ahead}
        return {
            "publication_status": PUBLISHED,
            "published_at": published_at,
            "unpublish_at": published_at + dt.timedelta(days=1),
        }

    def chinese(self) -> bool:
        return self.rng.random() < 0.3

    @staticmethod
    def in_chinese(simplified: str) -> dict:
        """Both Chinese columns of a text written in simplified characters (the
        traditional one converted), as the translated records of a real archive hold."""
        return {"zh_hans": simplified, "zh_hant": TRADITIONAL.convert(simplified)}

    @staticmethod
    def columns(field: str, texts: dict) -> dict:
        return {f"{field}_{code}": text for code, text in texts.items()}

    # Steps

    def make_topics(self) -> list[Topic]:
        topics = []
        for english, chinese in SECTORS:
            topic = Topic.objects.filter(name__iexact=english).first()
            topics.append(topic or services.create(Topic, name=english))
            topic = Topic.objects.filter(name__iexact=chinese).first()
            topics.append(topic or services.create(Topic, name=chinese))
        return topics

    def make_organizations(self, count: int) -> list[Organization]:
        rows = []
        for i in range(count):
            city, city_zh, _ = self.rng.choice(CITIES)
            sector, sector_zh = self.rng.choice(SECTORS)
            word, word_zh, kind = self.rng.choice(ORG_WORDS)
            name_zh = self.columns("name", self.in_chinese(f"{city_zh}{sector_zh}{word_zh}{i}"))
            if self.chinese():
                name = f"{city_zh}{sector_zh}{word_zh}{i}"
                short = ""
            else:
                name = f"{city} {sector} {word} {i}"
                short = "".join(part[0] for part in name.split()[:-1]).upper()[:10]
            rows.append(
                Organization(
                    name=name,
                    **name_zh,
                    **self.columns("city", self.in_chinese(city_zh)),
                    short_name=short,
                    slug=f"{slugify(name, allow_unicode=True)[:80]}-bulk",
                    kind=kind,
                    city=city,
                    country="China" if city_zh in "南京上海深圳广州苏州杭州成都武汉" else "",
                )
            )
        return self.write(Organization, rows, "organizations")

    def make_people(self, count: int, organizations) -> tuple[list, list]:
        people, posts = [], []
        for i in range(count):
            surname, surname_zh = self.rng.choice(SURNAMES)
            given, given_zh = self.rng.choice(GIVEN)
            name = f"{surname} {given} {i}"
            name_alt = f"{surname_zh}{given_zh}"
            post = self.rng.choice(POSTS)
            # Their search text gains the post when the post is written (the write path).
            people.append(
                Person(
                    name=name,
                    name_alt=name_alt,
                    slug=f"{slugify(name)}-bulk",
                    **self.columns("name", self.in_chinese(name_alt)),
                )
            )
            posts.append(post)
        people = self.write(Person, people, "people")
        positions = [
            Position(person=person, organization=self.rng.choice(organizations), title=post)
            for person, post in zip(people, posts, strict=True)
        ]
        return people, self.write(Position, positions, "posts held")

    def make_conferences(self, count: int, organizations, topics) -> list[Conference]:
        rows = []
        first, days = dt.date(2000, 1, 1), (dt.date(2027, 12, 31) - dt.date(2000, 1, 1)).days
        for i in range(count):
            city, city_zh, zone = self.rng.choice(CITIES)
            sector, sector_zh = self.rng.choice(SECTORS)
            event, event_zh = self.rng.choice(EVENT_WORDS)
            start = first + dt.timedelta(days=self.rng.randrange(days))
            title_zh = f"{start.year}{city_zh}{sector_zh}{event_zh}（第{i}届）"
            if i == 0:
                title, slug = "Bulk Showcase Promotion Conference", SHOWCASE_SLUG
                title_zh = "批量展示推介会"
            elif i == 1:
                title, slug = "Bulk Plenary Investment Forum", PLENARY_SLUG
                title_zh = "批量全体投资论坛"
            elif self.chinese():
                title = title_zh
                slug = f"{slugify(title, allow_unicode=True)}-{i}"
            else:
                title = f"{city} {sector} {event} {start.year} #{i}"
                slug = f"{slugify(title)}-{i}"
            summary = (
                f"Delegations from {city} and partner cities met to promote {sector.lower()} "
                f"and sign cooperation agreements. {city_zh}{sector_zh}合作项目签约。"
            )
            publishing = (
                self.publishing(start)
                if i > 1
                else self.publishing(start)
                | {
                    "publication_status": PUBLISHED,
                    "published_at": self.now - dt.timedelta(days=1),
                    "unpublish_at": None,
                }
            )
            rows.append(
                Conference(
                    title=title,
                    **self.columns("title", self.in_chinese(title_zh)),
                    **self.columns("city", self.in_chinese(city_zh)),
                    slug=slug,
                    theme=f"{sector} cooperation",
                    summary=summary,
                    body=summary * 3,
                    start_date=start,
                    end_date=start + dt.timedelta(days=self.rng.choice([0, 0, 1, 2])),
                    start_time=dt.time(9, 30),
                    end_time=dt.time(17, 0),
                    time_zone=zone,
                    venue=f"{city} Convention Centre",
                    city=city,
                    country="",
                    source_publisher=MARKER,
                    **publishing,
                )
            )
        conferences = self.write(Conference, rows, "conferences")
        organizers = []
        links = []
        sessions = []
        figures = []
        through = Conference.topics.through
        for conference in conferences:
            for order, organization in enumerate(self.rng.sample(organizations, 2)):
                organizers.append(
                    Organizer(conference=conference, organization=organization, order=order)
                )
            for topic in self.rng.sample(topics, self.rng.choice([1, 2])):
                links.append(through(conference=conference, topic=topic))
            sessions.append(Session(conference=conference, title="Opening remarks", order=0))
            sessions.append(Session(conference=conference, title="Signing ceremony", order=1))
            figures.append(
                KeyFigure(
                    conference=conference,
                    value=Decimal(self.rng.randint(1, 900) * 100_000_000),
                    currency=Currency.CNY,
                    label="in signed projects",
                )
            )
        self.write(Organizer, organizers, "organizers")
        self.write(through, links, "conference topics")
        self.write(Session, sessions, "agenda items")
        self.write(KeyFigure, figures, "key figures")
        return conferences

    def make_participations(self, count: int, conferences, people, positions) -> None:
        roles, weights = zip(*ROLES, strict=True)
        # The showcase has 30 participants, the plenary 300; the rest are spread out.
        sizes = [30, 300] + [0] * (len(conferences) - 2)
        for _ in range(count - 330):
            sizes[self.rng.randrange(2, len(conferences)) if len(conferences) > 2 else 0] += 1
        post_of = {position.person_id: position for position in positions}
        rows = []
        for conference, size in zip(conferences, sizes, strict=True):
            for order, person in enumerate(self.rng.sample(people, min(size, len(people)))):
                rows.append(
                    Participation(
                        conference=conference,
                        person=person,
                        role=self.rng.choices(roles, weights)[0],
                        remote=self.rng.random() < 0.05,
                        remarks="Spoke on cooperation in the sector." if order < 3 else "",
                        order=order,
                    )
                )
        rows = self.write(Participation, rows, "participations")
        self.write(
            ParticipationPost,
            (ParticipationPost(participation=row, position=post_of[row.person_id]) for row in rows),
            "posts held at them",
            total=len(rows),
        )

    def make_agreements(self, count: int, conferences, organizations, people, topics) -> None:
        kinds = list(Agreement.Kind.values)
        rows = []
        for i in range(count):
            # Ten at the showcase; most of the rest at some conference, some on their own.
            if i < 10:
                conference = conferences[0]
            elif self.rng.random() < 0.85:
                conference = self.rng.choice(conferences[2:] or conferences)
            else:
                conference = None
            sector, sector_zh = self.rng.choice(SECTORS)
            signed = conference.start_date if conference else dt.date(2020, 1, 1)
            title_zh = f"{sector_zh}合作协议（第{i}号）"
            title = title_zh if self.chinese() else f"{sector} Cooperation Agreement No. {i}"
            publishing = (
                {"publication_status": PUBLISHED, "published_at": self.now}
                if i < 10
                else self.publishing(signed)
            )
            rows.append(
                Agreement(
                    title=title,
                    **self.columns("title", self.in_chinese(title_zh)),
                    slug=f"{slugify(title, allow_unicode=True)}-{i}",
                    kind=self.rng.choice(kinds),
                    summary=f"Cooperation in {sector.lower()}.",
                    signed_on=signed,
                    place=conference.city if conference else "",
                    conference=conference,
                    value_amount=Decimal(self.rng.randint(1, 500) * 10_000_000),
                    value_currency=Currency.CNY,
                    **publishing,
                )
            )
        agreements = self.write(Agreement, rows, "agreements")
        parties, signatories, links = [], [], []
        through = Agreement.topics.through
        for agreement in agreements:
            chosen = self.rng.sample(organizations, 2)
            signers = self.rng.sample(people, 2)
            for order, (organization, person) in enumerate(zip(chosen, signers, strict=True)):
                party = Party(agreement=agreement, organization=organization, order=order)
                parties.append(party)
                signatories.append(
                    Signatory(agreement=agreement, person=person, party=party, order=order)
                )
            links.append(through(agreement=agreement, topic=self.rng.choice(topics)))
        self.write(Party, parties, "parties")
        for signatory in signatories:
            signatory.party_id = signatory.party.pk
        self.write(Signatory, signatories, "signatories")
        self.write(through, links, "agreement topics")

    def make_media(self, count: int, conferences, image_files: int) -> None:
        showcase = conferences[0]
        self.stdout.write(f"Processing {image_files} shared image files as uploads")
        templates = []
        for index in range(max(1, image_files)):
            item = MediaItem(
                conference=showcase,
                image=ContentFile(
                    demo_image(BACKDROPS[index % len(BACKDROPS)]), name=f"bulk-{index}.jpg"
                ),
                caption=f"Signing ceremony, hall {index + 1}",
                alt_text="Delegates sign agreements at a long table on a stage.",
                credit="Synthetic bulk content",
                order=index,
            )
            services.save(item)
            templates.append(item)
        rows = []
        for i in range(count - len(templates)):
            template = templates[i % len(templates)]
            if i < 20 - len(templates):
                conference = showcase
            else:
                conference = self.rng.choice(conferences[2:] or conferences)
            rows.append(
                MediaItem(
                    conference=conference,
                    image=template.image.name,
                    width=template.width,
                    height=template.height,
                    content_hash=template.content_hash,
                    renditions=template.renditions,
                    caption=f"Delegates at the signing ceremony, photo {i}",
                    alt_text="Delegates sign agreements at a long table on a stage.",
                    credit="Synthetic bulk content",
                    order=i % 20,
                )
            )
        self.write(MediaItem, rows, "photos", total=len(rows))
        showcase_photos = list(showcase.media.order_by("pk")[:10])
        through = Agreement.photos.through
        self.write(
            through,
            [
                through(agreement=agreement, mediaitem=photo)
                for agreement, photo in zip(
                    Agreement.objects.filter(conference=showcase).order_by("pk"),
                    showcase_photos,
                    strict=False,
                )
            ],
            "agreement photos",
        )
