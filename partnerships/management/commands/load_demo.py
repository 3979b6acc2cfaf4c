"""Load the press release the product was created from, as published demo content.

Every fact of the Nanjing promotion conference (Hong Kong, 8 February 2023) gets its
home in the model, in the site's three languages: the seed's English as published, and
its facts translated by hand into simplified and traditional Chinese (official Chinese
names where they exist: 南京市人民政府, 香港貿易發展局, 招商局集團…). The command creates
what is missing and leaves what exists alone, so running it again adds no rows and keeps
whatever staff have edited since; a language column still empty (content loaded before
the site had three languages) is filled in.

It lives in partnerships because it fills both apps; events never imports partnerships.
"""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from PIL import Image, ImageDraw

from events.languages import DEFAULT, column
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


def texts(en: str, zh_hans: str, zh_hant: str) -> dict:
    """A text in the site's three languages: the seed's English as published, and the
    same facts in simplified and traditional Chinese, translated by hand."""
    return {"en": en, "zh-hans": zh_hans, "zh-hant": zh_hant}


def in_columns(**fields) -> dict:
    """``title=texts(...)`` → ``title_en=…, title_zh_hans=…, title_zh_hant=…`` (the
    columns a translated field keeps, events/translation.py); other fields as given."""
    found = {}
    for name, value in fields.items():
        if isinstance(value, dict):
            found.update({column(name, code): text for code, text in value.items()})
        else:
            found[name] = value
    return found


CAPTION = texts(
    "The signing ceremony of major industrial cooperation projects",
    "重大产业合作项目签约仪式",
    "重大產業合作項目簽約儀式",
)

HONG_KONG = texts("Hong Kong", "香港", "香港")
HONG_KONG_SAR = texts("Hong Kong SAR", "香港特别行政区", "香港特別行政區")
NANJING = texts("Nanjing", "南京", "南京")
JIANGSU = texts("Jiangsu", "江苏", "江蘇")
CHINA = texts("China", "中国", "中國")

ORGANIZATIONS = {
    "nanjing-government": {
        "name": texts("Nanjing Municipal People's Government", "南京市人民政府", "南京市人民政府"),
        "aliases": ["Nanjing Municipal Government", "南京市人民政府"],
        "kind": Organization.Kind.GOVERNMENT,
        "city": NANJING,
        "region": JIANGSU,
        "country": CHINA,
    },
    "jiangsu-party-committee": {
        "name": texts("Jiangsu Provincial Party Committee", "中共江苏省委", "中共江蘇省委"),
        "aliases": ["中共江苏省委"],
        "kind": Organization.Kind.PARTY_COMMITTEE,
        "city": NANJING,
        "region": JIANGSU,
        "country": CHINA,
    },
    "nanjing-party-committee": {
        "name": texts("Nanjing Municipal Party Committee", "中共南京市委", "中共南京市委"),
        "aliases": ["中共南京市委"],
        "kind": Organization.Kind.PARTY_COMMITTEE,
        "city": NANJING,
        "region": JIANGSU,
        "country": CHINA,
    },
    "hktdc": {
        "name": texts("Hong Kong Trade Development Council", "香港贸易发展局", "香港貿易發展局"),
        "short_name": texts("HKTDC", "贸发局", "貿發局"),
        "aliases": ["香港貿易發展局"],
        "kind": Organization.Kind.TRADE_BODY,
        "city": HONG_KONG,
        "region": HONG_KONG_SAR,
        "country": CHINA,
    },
    "china-merchants-group": {
        "name": texts("China Merchants Group", "招商局集团", "招商局集團"),
        "aliases": ["招商局集团"],
        "kind": Organization.Kind.ENTERPRISE,
        "city": HONG_KONG,
        "region": HONG_KONG_SAR,
        "country": CHINA,
    },
}

PEOPLE = {
    "han-liming": {
        "name": texts("Han Liming", "韩立明", "韓立明"),
        "name_alt": "韩立明",
        "positions": [
            (
                "jiangsu-party-committee",
                texts("Member of the Standing Committee", "常委", "常委"),
            ),
            ("nanjing-party-committee", texts("Secretary", "书记", "書記")),
        ],
    },
    "chen-zhichang": {
        "name": texts("Chen Zhichang", "陈之常", "陳之常"),
        "name_alt": "陈之常",
        "positions": [
            ("nanjing-government", texts("Mayor of Nanjing", "南京市市长", "南京市市長"))
        ],
    },
    "patrick-lau": {
        "name": texts("Patrick Lau", "刘会平", "劉會平"),
        "name_alt": "劉會平",
        "positions": [("hktdc", texts("Deputy Executive Director", "副总裁", "副總裁"))],
    },
}

TOPICS = {
    "service-sector-opening-up": texts(
        "Opening up of the service sector", "服务业开放", "服務業開放"
    ),
    "investment-trade-facilitation": texts(
        "Investment and trade facilitation", "投资贸易便利化", "投資貿易便利化"
    ),
    "industrial-cooperation": texts("Industrial cooperation", "产业合作", "產業合作"),
    "green-finance": texts("Green finance", "绿色金融", "綠色金融"),
}

TITLE = texts(
    "Nanjing Promotion Conference on High Quality Development & Wider Opening up of Service "
    "Sector (Hong Kong & Macao)",
    "南京服务业高质量发展暨扩大开放推介会（港澳）",
    "南京服務業高質量發展暨擴大開放推介會（港澳）",
)

THEME = texts(
    "Gathering in Hong Kong for a Better Future", "相聚香港 共创未来", "相聚香港 共創未來"
)

SUMMARY = texts(
    "Nanjing highlighted 6 fields of opening up and sought for a higher level of opening-up "
    "link with Hong Kong, including opening more investment channels and relaxing more access "
    "restrictions for Hong Kong enterprises in the area of investment and trade facilitation, "
    "according to the Nanjing Municipal People's Government.",
    "据南京市人民政府介绍，南京重点推介了6大开放领域，寻求与香港更高水平的开放联动，"
    "包括在投资贸易便利化方面为香港企业开放更多投资渠道、放宽更多准入限制。",
    "據南京市人民政府介紹，南京重點推介了6大開放領域，尋求與香港更高水平的開放聯動，"
    "包括在投資貿易便利化方面為香港企業開放更多投資渠道、放寬更多准入限制。",
)

BODY = texts(
    """\
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
Hong Kong.""",
    """\
2月8日，以“相聚香港 共创未来”为主题的南京服务业高质量发展暨扩大开放推介会（港澳）在香港\
举行。据南京市人民政府介绍，南京重点推介了6大开放领域，寻求与香港更高水平的开放联动，包括在\
投资贸易便利化方面为香港企业开放更多投资渠道、放宽更多准入限制。

南京市政府与招商局集团签署战略合作协议，同时签约多项合作备忘录和项目，与南京、香港两地的\
特色优势产业高度契合，展现了两市深化经贸合作的最新成果。

香港是南京2023年新一轮全球经贸交流的第一站，南京代表团也将是内地与香港全面恢复往来后首个\
赴港的大型内地经贸代表团。""",
    """\
2月8日，以「相聚香港 共創未來」為主題的南京服務業高質量發展暨擴大開放推介會（港澳）在香港\
舉行。據南京市人民政府介紹，南京重點推介了6大開放領域，尋求與香港更高水平的開放聯動，包括在\
投資貿易便利化方面為香港企業開放更多投資渠道、放寬更多准入限制。

南京市政府與招商局集團簽署戰略合作協議，同時簽約多項合作備忘錄和項目，與南京、香港兩地的\
特色優勢產業高度契合，展現了兩市深化經貿合作的最新成果。

香港是南京2023年新一輪全球經貿交流的第一站，南京代表團亦將是內地與香港全面恢復往來後首個\
訪港的大型內地經貿代表團。""",
)

SESSIONS = [
    (
        "video-address",
        texts("Video address", "视频致辞", "視頻致辭"),
        Session.Kind.VIDEO_ADDRESS,
    ),
    (
        "investment-environment",
        texts(
            "Introduction of Nanjing's high-quality development investment environment",
            "南京高质量发展投资环境推介",
            "南京高質量發展投資環境推介",
        ),
        Session.Kind.SPEECH,
    ),
    (
        "green-finance",
        texts("Remarks by Patrick Lau", "刘会平致辞", "劉會平致辭"),
        Session.Kind.SPEECH,
    ),
    (
        "signing-ceremony",
        texts(
            "Signing ceremony of major industrial cooperation projects",
            "重大产业合作项目签约仪式",
            "重大產業合作項目簽約儀式",
        ),
        Session.Kind.CEREMONY,
    ),
]

PARTICIPATIONS = [
    {
        "person": "han-liming",
        "role": Participation.Role.SPEAKER,
        "remote": True,
        "session": "video-address",
        "remarks": texts(
            "Nanjing has a long and deep relationship with Hong Kong, and since the reform and "
            "opening up, more than 5,720 Hong Kong-funded projects, $38.8 billion of actual funds "
            "received, 33 Hong Kong-listed companies are all records of Hong Kong's unique and "
            "important contributions to Nanjing.",
            "南京与香港渊源深厚、联系紧密。改革开放以来，超过5,720个港资项目、388亿美元实际到位"
            "资金、33家在港上市企业，都是香港为南京作出独特而重要贡献的记录。",
            "南京與香港淵源深厚、聯繫緊密。改革開放以來，超過5,720個港資項目、388億美元實際到位"
            "資金、33家在港上市企業，都是香港為南京作出獨特而重要貢獻的記錄。",
        ),
    },
    {
        "person": "chen-zhichang",
        "role": Participation.Role.SPEAKER,
        "remote": False,
        "session": "investment-environment",
        "remarks": texts(
            "For a long time, Nanjing and Hong Kong promote the strengths of each other and "
            "work as a bridge of each other, many Nanjing enterprises choose Hong Kong as the "
            '"first stop" to go global, many Hong Kong enterprises take Nanjing as "bridgehead" '
            "of the mainland market, and the cities have achieved mutual benefit and win-win "
            "through in-depth cooperation.",
            "长期以来，南京与香港优势互补、互为桥梁，许多南京企业选择香港作为“走出去”的“第一站”，"
            "许多香港企业以南京作为开拓内地市场的“桥头堡”，两地通过深度合作实现了互利共赢。",
            "長期以來，南京與香港優勢互補、互為橋樑，許多南京企業選擇香港作為「走出去」的「第一站」，"
            "許多香港企業以南京作為開拓內地市場的「橋頭堡」，兩地通過深度合作實現了互利共贏。",
        ),
    },
    {
        "person": "patrick-lau",
        "role": Participation.Role.SPEAKER,
        "remote": False,
        "session": "green-finance",
        "remarks": texts(
            "Hong Kong has been booming in green finance in recent years and believes that more "
            "Nanjing enterprises can be served in this area.",
            "近年来香港绿色金融蓬勃发展，相信可以在这一领域服务更多南京企业。",
            "近年來香港綠色金融蓬勃發展，相信可以在這一領域服務更多南京企業。",
        ),
    },
]

# "since the reform and opening up", as the press release says of all three.
KEY_FIGURES = [
    (
        Decimal("5720"),
        Currency.NONE,
        KeyFigure.Qualifier.MORE_THAN,
        texts(
            "Hong Kong-funded projects since the reform and opening up",
            "改革开放以来的港资项目",
            "改革開放以來的港資項目",
        ),
    ),
    (
        Decimal("38800000000"),
        Currency.USD,
        KeyFigure.Qualifier.EXACT,
        texts(
            "of actual funds received since the reform and opening up",
            "改革开放以来的实际到位资金",
            "改革開放以來的實際到位資金",
        ),
    ),
    (
        Decimal("33"),
        Currency.NONE,
        KeyFigure.Qualifier.EXACT,
        texts(
            "Hong Kong-listed companies since the reform and opening up",
            "改革开放以来的在港上市企业",
            "改革開放以來的在港上市企業",
        ),
    ),
]

AGREEMENTS = [
    {
        "slug": "nanjing-china-merchants-group-strategic-cooperation-2023",
        "title": texts(
            "Strategic cooperation agreement between Nanjing Municipal Government and "
            "China Merchants Group",
            "南京市政府与招商局集团战略合作协议",
            "南京市政府與招商局集團戰略合作協議",
        ),
        "kind": Agreement.Kind.STRATEGIC_COOPERATION,
        "summary": texts(
            "Signed with several memorandums of cooperation and projects, highly in line with "
            "the characteristic and advantageous industries of Nanjing and Hong Kong, showing "
            "the latest achievements of deepening economic and trade cooperation between the "
            "two cities.",
            "与多项合作备忘录和项目一同签署，与南京、香港两地的特色优势产业高度契合，"
            "展现了两市深化经贸合作的最新成果。",
            "與多項合作備忘錄和項目一同簽署，與南京、香港兩地的特色優勢產業高度契合，"
            "展現了兩市深化經貿合作的最新成果。",
        ),
        "parties": ["nanjing-government", "china-merchants-group"],
        "topics": ["industrial-cooperation"],
    },
    {
        "slug": "nanjing-memorandums-of-cooperation-and-projects-2023",
        "title": texts(
            "Memorandums of cooperation and projects", "合作备忘录和项目", "合作備忘錄和項目"
        ),
        "kind": Agreement.Kind.MEMORANDUM,
        "summary": texts(
            "Several memorandums of cooperation and projects signed at the signing ceremony of "
            "major industrial cooperation projects, alongside the strategic cooperation "
            "agreement between Nanjing Municipal Government and China Merchants Group. The "
            "press release does not name their parties.",
            "在重大产业合作项目签约仪式上，与南京市政府和招商局集团的战略合作协议一同签署的"
            "多项合作备忘录和项目。新闻稿未列明其签约方。",
            "在重大產業合作項目簽約儀式上，與南京市政府和招商局集團的戰略合作協議一同簽署的"
            "多項合作備忘錄和項目。新聞稿未列明其簽約方。",
        ),
        "parties": [],
        "topics": ["industrial-cooperation"],
    },
]

ALT_TEXT = texts(
    "Illustration standing in for the photo: delegates seated behind a signing table on a "
    "stage under a red banner",
    "代替照片的示意图：红色横幅下，代表们坐在舞台上的签约桌后",
    "代替照片的示意圖：紅色橫幅下，代表們坐在舞台上的簽約桌後",
)
CREDIT = texts("Demo illustration", "演示插图", "演示插圖")


# Texts of the demo as first published, where they paraphrased the release: they now
# carry the release's own words (what the intake reader finds in it). A site that loaded
# the earlier texts and left them as they were is brought up to date; an edited text stays.
EARLIER = {
    "Remarks by Patrick Lau": texts(
        "Remarks on green finance in Hong Kong", "关于香港绿色金融的发言", "關於香港綠色金融的發言"
    ),
    PARTICIPATIONS[1]["remarks"][DEFAULT]: texts(
        "Introduced Nanjing's high-quality development investment environment. For a long "
        "time, Nanjing and Hong Kong promote the strengths of each other and work as a bridge "
        'of each other: many Nanjing enterprises choose Hong Kong as the "first stop" to go '
        'global, many Hong Kong enterprises take Nanjing as "bridgehead" of the mainland '
        "market, and the cities have achieved mutual benefit and win-win through in-depth "
        "cooperation.",
        "介绍了南京高质量发展的投资环境。长期以来，南京与香港优势互补、互为桥梁：许多南京企业"
        "选择香港作为“走出去”的“第一站”，许多香港企业以南京作为开拓内地市场的“桥头堡”，"
        "两地通过深度合作实现了互利共赢。",
        "介紹了南京高質量發展的投資環境。長期以來，南京與香港優勢互補、互為橋樑：許多南京企業"
        "選擇香港作為「走出去」的「第一站」，許多香港企業以南京作為開拓內地市場的「橋頭堡」，"
        "兩地通過深度合作實現了互利共贏。",
    ),
    PARTICIPATIONS[2]["remarks"][DEFAULT]: texts(
        "Hong Kong has been booming in green finance in recent years, and more Nanjing "
        "enterprises can be served in this area.",
        PARTICIPATIONS[2]["remarks"]["zh-hans"],
        PARTICIPATIONS[2]["remarks"]["zh-hant"],
    ),
    KEY_FIGURES[0][3][DEFAULT]: texts(
        "Hong Kong-funded projects in Nanjing since the reform and opening up",
        "改革开放以来在南京的港资项目",
        "改革開放以來在南京的港資項目",
    ),
    KEY_FIGURES[1][3][DEFAULT]: texts(
        "of actual funds received from Hong Kong since the reform and opening up",
        "改革开放以来来自香港的实际到位资金",
        "改革開放以來來自香港的實際到位資金",
    ),
    KEY_FIGURES[2][3][DEFAULT]: texts(
        "Hong Kong-listed companies from Nanjing", "在港上市的南京企业", "在港上市的南京企業"
    ),
}


def bring_up_to_date(rows, field: str, current: dict):
    """Rows still holding the earlier demo text of ``current`` get the current text, in
    each language whose column is as the demo first wrote it."""
    earlier = EARLIER.get(current[DEFAULT])
    if earlier is None:
        return
    for row in rows.filter(**{column(field, DEFAULT): earlier[DEFAULT]}):
        for code, text in earlier.items():
            if getattr(row, column(field, code)) == text:
                setattr(row, column(field, code), current[code])
        services.save(row)


def fill_in(row, **fields):
    """Write the demo's text into the row's language columns that are still empty (a row
    loaded before the site had three languages has only its English), leaving whatever
    staff wrote alone."""
    missing = {
        name: value
        for name, value in in_columns(**fields).items()
        if value and not getattr(row, name)
    }
    if missing:
        for name, value in missing.items():
            setattr(row, name, value)
        services.save(row)
    return row


def ensure(model, lookup: dict, defaults: dict | None = None):
    """The first row matching ``lookup``; one is created, with ``defaults``, only if none is."""
    row = model.objects.filter(**lookup).order_by("pk").first()
    if row is None:
        row = services.create(model, **{**(defaults or {}), **lookup})
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
        # Rows are found by their English, whatever language the shell runs in.
        with translation.override(DEFAULT):
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
            organization = ensure(Organization, {"slug": slug}, in_columns(**fields))
            fill_in(organization, **fields)
            for alias in data["aliases"]:
                ensure(OrganizationAlias, {"organization": organization, "name": alias})
            organizations[slug] = organization
        return organizations

    def load_people(self, organizations):
        people, positions = {}, {}
        for slug, data in PEOPLE.items():
            person = ensure(
                Person,
                {"slug": slug},
                in_columns(name=data["name"], name_alt=data["name_alt"]),
            )
            people[slug] = fill_in(person, name=data["name"])
            positions[slug] = [
                fill_in(
                    ensure(
                        Position,
                        {"person": person, "organization": organizations[org_slug]},
                        in_columns(title=title, order=order),
                    ),
                    title=title,
                )
                for order, (org_slug, title) in enumerate(data["positions"])
            ]
        return people, positions

    def load_topic(self, slug, name):
        topic = Topic.objects.filter(**{f"{column('name', DEFAULT)}__iexact": name[DEFAULT]})
        topic = topic.first()
        if topic is None:
            # The seed's slug, unless staff already gave it to another topic.
            slug_free = not Topic.objects.filter(slug=slug).exists()
            topic = services.create(Topic, **in_columns(name=name), slug=slug if slug_free else "")
        return fill_in(topic, name=name)

    def load_conference(self, organizations, people, positions, topics):
        conference = Conference.objects.filter(slug=CONFERENCE_SLUG).first()
        if conference is None:
            conference = services.create(
                Conference,
                m2m={"topics": topics.values()},
                slug=CONFERENCE_SLUG,
                **in_columns(
                    title=TITLE,
                    theme=THEME,
                    summary=SUMMARY,
                    body=BODY,
                    city=HONG_KONG,
                    country=CHINA,
                ),
                start_date=CONFERENCE_DATE,
                time_zone="Asia/Hong_Kong",
                source_publisher="PR Newswire",
                source_dateline="HONG KONG",
                source_date=dt.date(2023, 2, 9),
                publication_status=PUBLISHED,
            )
        fill_in(
            conference,
            title=TITLE,
            theme=THEME,
            summary=SUMMARY,
            body=BODY,
            city=HONG_KONG,
            country=CHINA,
        )
        ensure(
            Organizer,
            {"conference": conference, "organization": organizations["nanjing-government"]},
            {"role": Organizer.Role.ORGANIZER},
        )
        for _, title, _ in SESSIONS:
            bring_up_to_date(conference.sessions.all(), "title", title)
        sessions = {
            key: fill_in(
                ensure(
                    Session,
                    {"conference": conference, column("title", DEFAULT): title[DEFAULT]},
                    in_columns(title=title, kind=kind, order=order),
                ),
                title=title,
            )
            for order, (key, title, kind) in enumerate(SESSIONS, start=1)
        }
        for order, data in enumerate(PARTICIPATIONS, start=1):
            person = people[data["person"]]
            bring_up_to_date(
                conference.participations.filter(person=person), "remarks", data["remarks"]
            )
            participation = conference.participations.filter(person=person).first()
            if participation is None:
                participation = services.create(
                    Participation,
                    m2m={"positions": positions[data["person"]]},
                    conference=conference,
                    person=person,
                    role=data["role"],
                    remote=data["remote"],
                    session=sessions[data["session"]],
                    **in_columns(remarks=data["remarks"]),
                    order=order,
                )
            fill_in(participation, remarks=data["remarks"])
        for order, (value, currency, qualifier, label) in enumerate(KEY_FIGURES, start=1):
            bring_up_to_date(conference.key_figures.all(), "label", label)
            figure = ensure(
                KeyFigure,
                {"conference": conference, column("label", DEFAULT): label[DEFAULT]},
                in_columns(
                    label=label,
                    value=value,
                    currency=currency,
                    qualifier=qualifier,
                    as_of=CONFERENCE_DATE,
                    order=order,
                ),
            )
            fill_in(figure, label=label)
        return conference

    def load_photo(self, conference):
        photo = (
            conference.media.filter(**{column("caption", DEFAULT): CAPTION[DEFAULT]}).first()
            or conference.media.first()
        )
        if photo is None:
            photo = MediaItem(
                conference=conference,
                image=ContentFile(demo_image(), name="signing-ceremony.jpg"),
                **in_columns(caption=CAPTION, alt_text=ALT_TEXT, credit=CREDIT),
                taken_on=CONFERENCE_DATE,
            )
            services.save(photo)
        return fill_in(photo, caption=CAPTION, alt_text=ALT_TEXT, credit=CREDIT)

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
                **in_columns(title=data["title"], summary=data["summary"], place=HONG_KONG),
                kind=data["kind"],
                signed_on=CONFERENCE_DATE,
                conference=conference,
                status=Agreement.Status.SIGNED,
                publication_status=PUBLISHED,
            )
        fill_in(agreement, title=data["title"], summary=data["summary"], place=HONG_KONG)
        for order, slug in enumerate(data["parties"], start=1):
            ensure(
                Party,
                {"agreement": agreement, "organization": organizations[slug]},
                {"role": Party.Role.PARTY, "order": order},
            )
        return agreement
