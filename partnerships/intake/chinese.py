"""A press release in Chinese (simplified or traditional) read into facts, by rules.

The commonest shapes of a Chinese newswire release: the dateline ("香港2023年2月9日
/美通社/ --"), the event ("以“…”为主题的…在香港举行", "…於5月10日至11日在澳門舉行"),
organizers ("由…主办，…协办"), people after their posts ("南京市市长陈之常",
"江苏省委常委、南京市委书记韩立明"), what they said ("表示，…"), agreements ("A与B签署
战略合作协议", "簽署合作備忘錄", "金額達12億澳門元") and key figures ("超过5,720个港资
项目", "388亿美元实际到位资金", "約250億美元"). Values stay in the release's script.
"""

import datetime as dt
import re
from decimal import Decimal

from .facts import Fact, Reading
from .grammar import decimal_text, last_day, safe_date
from .text import NOT_A_RELEASE, Sentence, sentences

HAN = r"\u4e00-\u9fff"
CITY_ZONES = {
    "香港": "Asia/Hong_Kong", "澳门": "Asia/Macau", "澳門": "Asia/Macau",
    "新加坡": "Asia/Singapore", "台北": "Asia/Taipei", "臺北": "Asia/Taipei",
    **dict.fromkeys(
        (
            "北京 上海 南京 深圳 广州 廣州 杭州 苏州 蘇州 成都 重庆 重慶 武汉 武漢 天津 厦门 "
            "廈門 青岛 青島 珠海 南宁 南寧 无锡 無錫 宁波 寧波 合肥 西安 长沙 長沙 福州 济南 "
            "濟南 郑州 鄭州 沈阳 瀋陽 大连 大連 佛山 东莞 東莞 海口 三亚 三亞 昆明 横琴 橫琴"
        ).split(),
        "Asia/Shanghai",
    ),
}  # fmt: skip
WIRES = {"美通社": "PR Newswire", "美國商業資訊": "Business Wire", "美国商业资讯": "Business Wire"}

SOURCE = re.compile(
    rf"^(?P<dateline>[{HAN}]{{2,8}}?)(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日电?"
    r"\s*(?:/(?P<wire>[^/\n]{2,20})/)?\s*(?:--|——|—|－－)\s*"
)
DATE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"(?:\s*(?:至|到|-|—|－)\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
)
HELD = r"举行|舉行|召开|召開|开幕|開幕|举办|舉辦|揭幕|启动|啟動"
THEME = re.compile(r"以[“「\"](?P<theme>[^”」\"]+)[”」\"](?:为|為)主题|主題的?")
THEME_CLAUSE = re.compile(r"以[“「\"][^”」\"]+[”」\"](?:为|為)(?:主题|主題)的?")
EVENT = re.compile(
    rf"(?P<title>[^，。；]+?)(?:(?:于|於)[^，。；在]*?)?在(?P<place>[^，。；]{{2,24}}?)"
    rf"(?:隆重|成功|盛大)?(?:{HELD})"
)
VENUE_WORDS = r"中心|酒店|大厦|大廈|会堂|會堂|礼堂|禮堂|厅|廳|馆|館|宫|宮|园|園|广场|廣場|会所|會所"


def city_and_venue(place: str) -> tuple[str, str]:
    """ "香港" → ("香港", ""); "香港会议展览中心" → ("香港", "香港会议展览中心")."""
    city = next(
        (name for name in sorted(CITY_ZONES, key=len, reverse=True) if place.startswith(name)),
        "",
    )
    # a place named after its city ("澳門威尼斯人") or ending as places do ("…中心") is a venue
    venue = place if (city and place != city) or re.search(rf"(?:{VENUE_WORDS})$", place) else ""
    return (city or ("" if venue else place)), venue


TITLES = (
    r"副?(?:市长|市長|省长|省長|书记|書記|常委|主席|总裁|總裁|董事长|董事長|总经理|總經理|"
    r"局长|局長|部长|部長|会长|會長|理事长|理事長|行政总裁|行政總裁|总干事|總幹事|署长|署長|"
    r"司长|司長|主任|院长|院長|校长|校長|总监|總監|大使|总领事|總領事|秘书长|秘書長|"
    r"行政长官|行政長官|总理|總理)"
)
SPEECH = r"表示|指出|说|說|强调|強調|认为|認為"
PERSON = re.compile(
    rf"(?P<posts>(?:[{HAN}]{{0,14}}?{TITLES}、?)+)(?P<name>[{HAN}]{{2,3}}?)"
    rf"(?=发表|發表|致|{SPEECH}|介绍|介紹|出席|主持|签署|簽署|在|通过|通過)"
)
REMARK = re.compile(rf"(?:{SPEECH})[，,：:]\s*(?P<text>[^。]+。?)")
ORGANIZERS = [
    (re.compile(r"由(?P<who>[^，。；由]+?)(?:联合)?(?:主办|主辦|举办|舉辦)"), "organizer"),
    (re.compile(r"(?P<who>[^，。；由]+?)(?:协办|協辦|承办|承辦)"), "co_organizer"),
    (re.compile(r"(?P<who>[^，。；由]+?)(?:支持|赞助|贊助)"), "supporter"),
]
ACCORDING = re.compile(r"(?:据|據)(?P<who>[^，。]+?)(?:介绍|介紹)")
AGREEMENT = re.compile(
    r"(?P<a>[^，。；、]+?)(?P<and>与|與|和|同)(?P<b>[^，。；]+?)(?:签署|簽署|签订|簽訂|签约|簽約)了?"
    r"(?P<phrase>[^，。；]*?(?:协议|協議|备忘录|備忘錄|意向书|意向書|合同|协定|協定))"
)
NUMBER = r"\d[\d,]*(?:\.\d+)?"
CURRENCIES = {
    "美元": "USD", "港元": "HKD", "港币": "HKD", "港幣": "HKD", "元人民币": "CNY",
    "人民币": "CNY", "人民幣": "CNY", "元人民幣": "CNY", "澳门元": "MOP", "澳門元": "MOP",
    "澳门币": "MOP", "澳門幣": "MOP", "欧元": "EUR", "歐元": "EUR", "英镑": "GBP",
    "英鎊": "GBP", "新加坡元": "SGD", "元": "CNY",
}  # fmt: skip
CURRENCY = "|".join(sorted(map(re.escape, CURRENCIES), key=len, reverse=True))
SCALES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
QUALIFIERS = {
    "超过": "more_than", "超過": "more_than", "逾": "more_than", "多于": "more_than",
    "多於": "more_than", "约": "about", "約": "about", "大约": "about", "大約": "about",
    "近": "nearly", "将近": "nearly", "將近": "nearly", "接近": "nearly",
    "至少": "at_least", "不少于": "at_least", "不少於": "at_least", "最多": "up_to",
    "不足": "less_than", "少于": "less_than", "少於": "less_than",
}  # fmt: skip
QUALIFIER = "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
MEASURES = r"个|個|家|名|位|项|項|件|人次|人|场|場|所|间|間|座|宗"
FIGURE = re.compile(
    rf"(?P<qualifier>{QUALIFIER})?(?<![\d.,])(?P<number>{NUMBER})(?P<scale>万|萬|亿|億)?"
    rf"(?P<currency>{CURRENCY})?(?P<measure>{MEASURES})?"
    rf"(?P<label>[{HAN}]{{0,12}}?)(?=[、，。；：]|出席|参加|參加|参与|參與|参展|參展|到场|到場|$)"
)
VERBS = r"吸引|达到|達到|达|達|为|為|是|共有|共计|共計|合计|合計|实现|實現|超过|超過"
TIME_WORDS = r"去年|今年|前年|上半年|全年|\d{4}年"


def label_before(before: str) -> str:
    """What a figure counts, when it follows it: "两地贸易额达到180亿美元" → "两地贸易额"."""
    before = re.sub(rf"(?:{QUALIFIER})$", "", before)
    before = re.sub(rf"(?:{VERBS})$", "", before)
    run = re.search(rf"[{HAN}\d]{{2,16}}$", before)
    if not run:
        return ""
    label = re.split(rf"{VERBS}", run.group())[-1]
    label = re.sub(rf"^(?:{TIME_WORDS})+", "", label)
    return label if len(label) >= 2 else ""


CAPTION = re.compile(r"^(?:图片说明|圖片說明|图说|圖說|图注|圖註)[：:]\s*(?P<text>.+)$")


def agreement_kind(phrase: str) -> str:
    if re.search(r"战略|戰略", phrase):
        return "strategic_cooperation"
    if "框架" in phrase:
        return "framework"
    if re.search(r"备忘录|備忘錄", phrase):
        return "memorandum"
    if "意向" in phrase:
        return "letter_of_intent"
    if re.search(r"投资|投資|项目|項目|合同", phrase):
        return "investment"
    return "other"


def split_names(text: str) -> list[str]:
    return [name for name in re.split(r"、|和|与|與|及|以及", text.strip()) if name]


def split_post(post: str) -> tuple[str, str]:
    """ "南京市委书记" → ("书记", "南京市委"); "南京市市长" stays whole (its organization is
    the city's government), and so does "广东省副省长"."""
    if re.search(r"(?:市|省)副?(?:市长|市長|省长|省長)$", post):
        return post, ""
    match = re.match(rf"^(?P<org>.*?)(?P<title>{TITLES})$", post)
    if not match:
        return post, ""
    return match["title"], match["org"]


def chinese_value(number: str, scale: str | None) -> str:
    """ "388" and "亿" → "38800000000"."""
    return decimal_text(Decimal(number.replace(",", "")) * SCALES.get(scale or "", 1))


class ChineseReader:
    def __init__(self, text: str, language: str):
        self.text = text
        self.language = language
        self.sentences = sentences(text)
        self.facts: list[Fact] = []
        self.warnings: list[str] = []
        self.organizations: dict[str, tuple[int, int]] = {}
        self.people: dict[str, dict] = {}
        self.sessions: list[str] = []
        self.agreements = 0
        self.start_date: dt.date | None = None
        self.end_date: dt.date | None = None
        self.year = 2000
        self.body = 0
        self.event_sentence: Sentence | None = None

    def add(self, kind, value, sentence: Sentence, confidence=0.7):
        self.facts.append(Fact(kind, value, sentence.start, sentence.end, confidence))

    @property
    def remarks_word(self) -> str:
        return "致辭" if self.language == "zh-hant" else "致辞"

    def read(self) -> Reading:
        first = self.sentences[0] if self.sentences else None
        source = SOURCE.match(self.text)
        if source and first:
            self.year = int(source["y"])
            self.body = source.end()
            self.add("dateline", {"text": source["dateline"]}, first, 0.95)
            published = safe_date(int(source["y"]), int(source["m"]), int(source["d"]))
            if published:
                self.add("published_on", {"date": published.isoformat()}, first, 0.95)
            if source["wire"]:
                wire = source["wire"].strip()
                self.add("publisher", {"text": WIRES.get(wire, wire)}, first, 0.95)
        for sentence in self.sentences:
            self.read_sentence(sentence)
        self.read_organizations()
        if not (source or self.event_sentence):
            return Reading(self.text, self.language, [], [str(NOT_A_RELEASE)])
        self.facts.sort(key=lambda fact: (fact.start, fact.end))
        return Reading(self.text, self.language, self.facts, self.warnings)

    def read_sentence(self, sentence: Sentence):
        text = sentence.text
        if sentence.end <= self.body:
            return
        if sentence.start < self.body:
            cut = self.body - sentence.start
            sentence = Sentence(self.body, sentence.end, text[cut:], sentence.paragraph)
            text = sentence.text
        caption = CAPTION.match(text)
        if caption:
            self.add("caption", {"text": caption["text"].strip()}, sentence, 0.95)
            return
        if self.event_sentence is None:
            self.read_event(sentence)
        elif sentence.paragraph == self.event_sentence.paragraph:
            summary = [f for f in self.facts if f.kind == "summary"]
            if summary:
                summary[0].value["text"] += text
                summary[0].end = sentence.end
            else:
                self.add("summary", {"text": text}, sentence, 0.6)
        self.read_organizers(sentence)
        consumed = self.read_agreements(sentence)
        self.read_people(sentence)
        self.read_figures(sentence, consumed)

    def read_event(self, sentence: Sentence):
        text = sentence.text
        match = EVENT.search(text)
        if not match:
            return
        title = THEME_CLAUSE.sub("", match["title"].split("，")[-1]).strip()
        title = re.sub(r"^(?:\d{1,2}月\d{1,2}日)", "", title)
        if len(title) < 4:
            return
        self.event_sentence = sentence
        self.add("title", {"text": title}, sentence, 0.8)
        theme = re.search(r"以[“「\"](?P<theme>[^”」\"]+)[”」\"](?:为|為)(?:主题|主題)", text)
        if theme:
            self.add("theme", {"text": theme["theme"]}, sentence, 0.8)
        date = DATE.search(text)
        if date:
            year = int(date["y"] or self.year)
            self.start_date = safe_date(year, int(date["m"]), int(date["d"]))
            if date["d2"]:
                self.end_date = safe_date(year, int(date["m2"] or date["m"]), int(date["d2"]))
            if self.start_date:
                self.add("start_date", {"date": self.start_date.isoformat()}, sentence, 0.8)
            if self.end_date:
                self.add("end_date", {"date": self.end_date.isoformat()}, sentence, 0.8)
        city, venue = city_and_venue(match["place"])
        if venue:
            self.add("venue", {"text": venue}, sentence, 0.8)
        if city:
            self.add("city", {"text": city}, sentence, 0.8)
        if city in CITY_ZONES:
            self.add("time_zone", {"name": CITY_ZONES[city]}, sentence, 0.9)

    def organization(self, name: str, sentence: Sentence) -> str:
        name = name.strip()
        self.organizations.setdefault(name, (sentence.start, sentence.end))
        return name

    def read_organizers(self, sentence: Sentence):
        text = sentence.text
        found = False
        for pattern, role in ORGANIZERS:
            for match in pattern.finditer(text):
                who = re.sub(r"^.*?(?:由|论坛|論壇|活动|活動|会议|會議)", "", match["who"])
                for name in split_names(who):
                    name = self.organization(name, sentence)
                    self.add("organizer", {"organization": name, "role": role}, sentence)
                    found = True
        if not found and not any(f.kind == "organizer" for f in self.facts):
            match = ACCORDING.search(text)
            if match:
                name = self.organization(match["who"], sentence)
                self.add("organizer", {"organization": name, "role": "organizer"}, sentence, 0.5)

    def read_people(self, sentence: Sentence):
        text = sentence.text
        for match in PERSON.finditer(text):
            name = match["name"]
            if name in self.people:
                continue
            self.people[name] = {}
            self.add("person", {"name": name}, sentence, 0.8)
            for post in filter(None, match["posts"].split("、")):
                title, organization = split_post(post)
                if not organization:
                    organization = self.government_of(title)
                if organization:
                    self.organization(organization, sentence)
                self.add(
                    "position",
                    {"person": name, "title": title, "organization": organization},
                    sentence,
                )
            after = text[match.end() :]
            role, remote, session, kind = "speaker", False, "", "speech"
            video = re.match(r"(?:发表|發表)?(?P<s>视频致辞|視頻致辭|视频讲话|視頻講話)", after)
            welcome = re.match(r"致(?P<s>欢迎辞|歡迎辭|开幕辞|開幕辭|辞|辭)", after)
            keynote = re.match(r"(?:发表|發表)(?P<s>主旨演讲|主旨演講)", after)
            introduced = re.match(r"(?:介绍|介紹)了?(?P<what>[^，。]+)", after)
            if video:
                remote, session, kind = True, video["s"], "video_address"
            elif keynote:
                role, session = "keynote", keynote["s"]
            elif welcome:
                session = welcome["s"] if len(welcome["s"]) > 1 else self.remarks_word
            elif introduced:
                session = f"{introduced['what']}推介"
            elif re.match(r"主持", after):
                role = "moderator"
            elif re.match(r"签署|簽署", after):
                role = "signatory"
            elif re.match(rf"(?:{SPEECH})", after):
                session = f"{name}{self.remarks_word}"
            else:
                continue
            if session and session not in self.sessions:
                self.sessions.append(session)
                value = {"title": session, "kind": kind, "date": self.day(), "start_time": ""}
                self.add("session", value, sentence)
            value = {"person": name, "role": role, "remote": remote, "session": session}
            self.add("participation", value, sentence)
            remark = REMARK.search(after)
            if remark:
                text_said = remark["text"].strip()
                if not text_said.endswith("。"):
                    text_said += "。"
                self.add("remark", {"person": name, "text": text_said}, sentence, 0.75)

    def day(self) -> str:
        return self.start_date.isoformat() if self.end_date and self.start_date else ""

    def government_of(self, title: str) -> str:
        """ "南京市市长" works for 南京市人民政府 (as the release names it, if it does)."""
        match = re.match(
            rf"^(?P<place>[{HAN}]+?)(?P<level>市|省)副?(?:市长|市長|省长|省長)$", title
        )
        if not match:
            return ""
        place, level = match["place"], match["level"]
        named = [
            name
            for name in self.organizations
            if re.fullmatch(rf"{place}{level}(?:人民)?政府", name)
        ]
        return max(named, key=len) if named else f"{place}{level}人民政府"

    def read_agreements(self, sentence: Sentence) -> list[tuple[int, int]]:
        consumed = []
        for match in AGREEMENT.finditer(sentence.text):
            first = re.split(r"[，。；]", match["a"])[-1].strip()
            parties = [self.organization(first, sentence), self.organization(match["b"], sentence)]
            phrase = match["phrase"]
            self.agreements += 1
            ref = f"a{self.agreements}"
            value = currency = ""
            money = re.search(
                rf"(?P<number>{NUMBER})(?P<scale>万|萬|亿|億)?(?P<currency>{CURRENCY})",
                sentence.text[match.end() :],
            )
            if money:
                value = chinese_value(money["number"], money["scale"])
                currency = CURRENCIES[money["currency"]]
                start = match.end() + money.start()
                consumed.append((start, start + len(money.group())))
            title = f"{first}{match['and']}{match['b']}{phrase}"
            kind = agreement_kind(phrase)
            self.add(
                "agreement",
                {"ref": ref, "title": title, "kind": kind, "value": value, "currency": currency},
                sentence,
            )
            for party in parties:
                self.add("party", {"agreement": ref, "organization": party}, sentence)
        return consumed

    def read_figures(self, sentence: Sentence, consumed: list[tuple[int, int]]):
        text = sentence.text
        year = re.search(r"(?P<y>\d{4})年(?!\d{1,2}月)", text)
        for match in FIGURE.finditer(text):
            start = match.start("number")
            if any(a <= start < b for a, b in consumed):
                continue
            following = text[match.end("number") : match.end("number") + 1]
            if following in "年月日号號时時点點:：" and following:
                continue
            number = float(match["number"].replace(",", ""))
            qualifier = QUALIFIERS.get(match["qualifier"] or "", "")
            currency = CURRENCIES.get(match["currency"] or "", "")
            label = match["label"]
            if not (qualifier or currency or match["scale"]) and number < 10:
                continue
            if not label:
                label = label_before(text[: match.start()])
            if not label:
                continue
            as_of = self.start_date.isoformat() if self.start_date else ""
            if year and year.start() < start:
                as_of = last_day(int(year["y"])).isoformat()
            elif "去年" in text[:start]:
                as_of = last_day(self.year - 1).isoformat()
            value = {
                "value": chinese_value(match["number"], match["scale"]),
                "qualifier": qualifier,
                "unit": "",
                "currency": currency,
                "label": label,
                "as_of": as_of,
            }
            self.add("key_figure", value, sentence, 0.7)

    def read_organizations(self):
        names = list(self.organizations)
        mapping = {}
        for name in names:
            longer = [
                other
                for other in names
                if len(other) > len(name)
                and other[:2] == name[:2]
                and other[-2:] == name[-2:]
                and is_subsequence(name, other)
            ]
            mapping[name] = max(longer, key=len) if longer else name
        seen = set()
        for fact in self.facts:
            if fact.kind in ("organizer", "party", "position") and fact.value["organization"]:
                fact.value["organization"] = mapping.get(
                    fact.value["organization"], fact.value["organization"]
                )
        for name, (start, end) in self.organizations.items():
            full = mapping[name]
            if full not in seen:
                seen.add(full)
                self.facts.append(
                    Fact("organization", {"name": full, "short_name": ""}, start, end, 0.8)
                )


def is_subsequence(short: str, long: str) -> bool:
    characters = iter(long)
    return all(character in characters for character in short)


def read_chinese(text: str, language: str) -> Reading:
    return ChineseReader(text, language).read()
