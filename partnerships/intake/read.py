"""A press release read into facts, by rules: deterministic, offline, no model.

``read_release(text)`` reduces the paste to plain text (``text.plain_text``), splits it
into sentences and runs small extractors over them, in the order a release is written:

- the source: dateline, publication date and newswire ("HONG KONG, Feb. 9, 2023
  /PRNewswire/ --");
- the event: its title (the subject of "was held", "took place", "opened"…, or what was
  "hosted"/"organized"), theme ("with the theme of "…"", "themed"), dates and times,
  venue, city and the city's time zone, and the rest of the lead paragraph as summary;
- organizers ("hosted by", "organized by", "co-organized by", "supported by",
  "according to the …");
- people ("Chen Zhichang, Mayor of Nanjing,") with their posts, their part (speaker,
  keynote, moderator, host, signatory, guest; a video address is remote) and the agenda
  item it belongs to; what they said, reported ("said that …", "saying that …") and
  quoted (in quotation marks), a pronoun or surname carrying the speaker over;
- agreements ("X and Y signed a strategic cooperation agreement", "signed a memorandum of
  understanding with"), their kind, parties, signatories and value;
- key figures ("more than 5,720 Hong Kong-funded projects", "US$38.8 billion of actual
  funds received") and photo captions ("Caption: …").

Each extractor is a small function (tested in tests/partnerships/test_intake_read.py);
what a release says that none of them knows is left for the reviewer.
"""

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from .chinese import read_chinese
from .facts import Fact, Reading
from .grammar import (
    AMOUNT,
    BARE_FORM,
    CITY_ZONES,
    COMPANY_FORM,
    FIGURE,
    HONORIFIC,
    ISO_DATE,
    MAINLAND,
    NAME_WORD,
    ORGANIZATION_WORDS,
    PERSON_NAME,
    QUALIFIERS,
    TITLE_WORDS,
    amount,
    clean_name,
    company_stop,
    dates_in,
    decimal_text,
    figure_value,
    first_date,
    is_name,
    is_place,
    label_after,
    label_before,
    last_day,
    looks_like_organization,
    looks_like_post,
    split_list,
    split_posts,
    times_in,
)
from .text import IN_SENTENCE, NOT_A_RELEASE, Sentence, plain_text, sentences

WIRES = {
    "prnewswire": "PR Newswire", "prnewswire-asianet": "PR Newswire",
    "prnasia": "PR Newswire", "globe newswire": "GlobeNewswire",
    "globenewswire": "GlobeNewswire", "business wire": "Business Wire",
    "businesswire": "Business Wire", "accesswire": "ACCESSWIRE", "xinhua": "Xinhua",
    "media outreach": "Media OutReach", "newsfile": "Newsfile", "eqs newswire": "EQS Newswire",
}  # fmt: skip

# Acronyms a release may use without spelling them out.
KNOWN_ORGANIZATIONS = {
    "HKTDC": "Hong Kong Trade Development Council",
    "CCPIT": "China Council for the Promotion of International Trade",
    "MOFCOM": "Ministry of Commerce",
    "HKGCC": "Hong Kong General Chamber of Commerce",
    "CGCC": "Chinese General Chamber of Commerce",
    "FHKI": "Federation of Hong Kong Industries",
    "HKPC": "Hong Kong Productivity Council",
    "HKSTP": "Hong Kong Science and Technology Parks Corporation",
    "IPIM": "Macao Trade and Investment Promotion Institute",
    "HKEX": "Hong Kong Exchanges and Clearing",
}

EVENT_WORDS = (
    r"Forum|Conference|Summit|Expo|Fair|Exhibition|Week|Dialogue|Symposium|Meeting|Seminar|"
    r"Ceremony|Festival|Roadshow|Convention|Congress|Show|Gala|Session|Conclave|Salon|"
    r"Promotion|Matchmaking|Reception|Luncheon|Dinner|Showcase|Mission"
)
HELD = (
    r"(?:was|were|is|will be|has been|had been)\s+(?:successfully\s+|grandly\s+)?"
    r"(?:held|hosted|staged|convened|launched|organi[sz]ed)|took place|will take place|"
    r"opened|kicked off|commenced|opens|kicks off|concluded|got underway|was inaugurated|"
    r"closed|wrapped up|drew to a close|came to a close|came to an end"
)
VENUE_WORDS = (
    r"Centre|Center|Hotel|Hall|Plaza|Arena|Theatre|Theater|Auditorium|Ballroom|Room|Tower|"
    r"Building|Stadium|Pavilion|Hyatt|Marriott|Hilton|Sheraton|Shangri-La|Conrad|"
    r"Ritz-Carlton|Seasons|Peninsula|InterContinental|Mandarin Oriental|Campus|Club|Museum|"
    r"Towers|Palace|Complex|AsiaWorld-Expo|Venetian|Galaxy|Resort|Sands|Wynn|Lodge|House|Mansion"
)
CAPITALIZED = r"[A-Z0-9][\w'’&.-]*"
VENUE = re.compile(
    rf"\b(?:at|in)\s+(?:the\s+)?(?P<venue>{CAPITALIZED}(?:\s+(?:(?:of|and|&|the|de)\s+)*"
    rf"{CAPITALIZED})*(?:\s+\([A-Z][\w ]+\))?)"
)


def venue_in(text: str) -> str:
    """The place "at" which something is held: a capitalized name with a word such
    places have ("Centre", "Hotel", "Hall", "House"…)."""
    for match in VENUE.finditer(text):
        venue = match["venue"].strip().rstrip(".")
        if re.search(rf"\b(?:{VENUE_WORDS})\b", venue) and venue not in CITY_ZONES:
            return venue
    return ""


SPEECH_VERBS = (
    r"said|says|noted|stated|pointed out|added|stressed|emphasi[sz]ed|remarked|explained|"
    r"believes|believed|expressed(?: the)? (?:hope|belief|confidence)|highlighted|revealed|"
    r"announced|urged|called on|hoped|argued|observed"
)
# "told Xinhua", "told the audience", "told participants": words to a listener, which
# report what was said but make no agenda item
TOLD = r"told(?:\s+(?:the\s+|a\s+)?[A-Za-z]+)?"
REPORTED = re.compile(
    rf"^\s*(?:also\s+|further\s+)?(?:{SPEECH_VERBS}|{TOLD})\s+"
    r"(?:(?:in|during|at)\s+(?:his|her|their|a|an|the)\s+[^,;\"“]{1,60}?\s+)?that\s+(?P<clause>.+)$"
    rf"|(?:,\s*|\s+and\s+)saying\s+that\s+(?P<clause2>.+)$"
    # "said the province had …": a clause with its own verb, without "that"
    r"|^\s*(?:also\s+)?(?:said|says|added|noted|stated)\s+(?!that\b|in\b|at\b|on\b|during\b)"
    r"(?P<clause3>(?!(?:by|to|for|with|of|from|so|as|goodbye)\b)[\w'’-]+\b[^\"“]*?\b(?:had|has|have|was|were|is|are|would|will|could|"
    r"can|should|must|reached|[a-z]+ed)\b.+)$"
)
# "…, he added.": what the last person named said
# "…, Zhang said, adding that …": what a person named before said, and added
ADDED = re.compile(
    r"^(?P<clause>[^\"“”]{12,}?),\s+(?P<who>he|she|[A-Z][a-z]+(?:\s+[A-Z][a-z-]+){0,3})\s+"
    r"(?:added|said|noted|stressed)(?:,\s+adding\s+that\s+(?P<more>[^\"“”]{12,}?))?\.?$"
)
# A person named by one name, after an honorific or not ("Mr. Delaney", "Aydın")
ONE_NAME = rf"(?:{HONORIFIC}\s+)?{NAME_WORD}"
QUOTE = re.compile(r"[\"“](?P<quote>[^\"“”]{2,}?)[\"”]")
GENERIC_SESSIONS = {"video address", "keynote speech", "keynote address", "welcome speech",
                    "welcome address", "opening remarks", "closing remarks", "opening speech",
                    "welcoming remarks", "welcoming speech", "closing speech"}  # fmt: skip
ORDINAL_DAYS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "one": 0, "two": 1,
                "three": 2, "four": 3, "next": 1}  # fmt: skip
LENGTH_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence_end(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "。")) else text + "."


# ---------------------------------------------------------------------------------------
# The source


SOURCE = re.compile(
    r"^(?P<dateline>[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?)\s*,\s*"
    # "Oct. 15, 2026", "16 October 2026", "Thursday 4th June 2026"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+\d{4})"
    r"\s*(?:/(?P<wire>[^/\n]{2,40})/|\((?P<wire2>[^)\n]{2,40})\)|"
    # "Aug 28, 2025 - (JCN Newswire) - ": the wire between two dashes
    r"(?:--|—|–|-)\s*\((?P<wire3>[^)\n]+)\))?"
    # a company's own newsroom: "MACAO, 23 July 2025 - Nam Van Holdings …"
    r"(?:\s*(?:--|—|–)\s*|\s+-\s+)"
)
BUSINESS_WIRE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?)\s*--\s*"
    r"\((?P<wire>[^)]{1,40})\)"
    r"\s*--\s*"
)


# Xinhua's dateline gives no year: "BANGKOK, Feb. 27 (Xinhua) --".
NO_YEAR = re.compile(
    r"^(?P<dateline>[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?)\s*,\s*"
    r"(?P<day>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
    r"\s*\((?P<wire2>[^)\n]{2,40})\)\s*(?:--|—|–)\s*"
)
# Business Wire's time line above its dateline: "June 17, 2024 08:30 AM Eastern Daylight Time".
TIME_LINE = re.compile(
    r"^\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})\s+\d{1,2}:\d\d\s*[AP]\.?M\.?\b"
)
# A company's own newsroom names itself above the headline: "Nam Van Holdings Limited -
# Newsroom", "Newsroom | Acme Group"; its releases are published by that company.
NEWSROOM = re.compile(
    r"^\s*(?:(?P<name>[A-Z][^|\n]{1,80}?)\s+[-|–—:]\s+(?:Newsroom|News\s+Room|Press\s+Room|"
    r"Press\s+Releases?|Media\s+Cent(?:re|er)|News\s+Releases?|News)"
    r"|(?:Newsroom|Press\s+Room|Media\s+Cent(?:re|er))\s+[-|–—:]\s+(?P<name2>[A-Z][^|\n]{1,80}?))"
    r"\s*$"
)
# A newspaper's web article has a byline instead of a dateline: "By ZHANG XIN in Ningbo |
# chinadaily.com.cn | Updated: 2025-11-06 17:42". It gives the publisher (by its site) and
# the date, and the place the reporter wrote from, but no dateline.
BYLINE = re.compile(
    r"^\s*By\s+[A-Z][\w .'’-]{1,60}?(?:\s+in\s+(?P<place>[A-Z][\w .'’-]{1,40}?))?\s*\|\s*"
    r"(?P<site>[\w-]+(?:\.[\w-]+)+)\s*\|\s*(?:(?:Updated|Published|Posted)\s*:?\s*)?"
    r"(?P<date>\d{4}-\d\d-\d\d)[^\n]*$",
    re.MULTILINE,
)
SITES = {"chinadaily.com.cn": "China Daily", "scmp.com": "South China Morning Post",
         "globaltimes.cn": "Global Times", "news.cn": "Xinhua", "xinhuanet.com": "Xinhua",
         "ecns.cn": "China News Service", "shine.cn": "Shanghai Daily"}  # fmt: skip
# Xinhua's web page gives the date its dateline lacks: "Source: Xinhua | 2025-09-15 23:40:18".
SOURCE_LINE = re.compile(r"^\s*Source\s*:\s*[^|\n]+\|\s*(?P<date>\d{4}-\d\d-\d\d)\b", re.M)
# How many lines above the dateline may be front matter (headline, sub-headline, time).
FRONT_LINES = 24
# Lines above a headline that are no headline: an e-mail's headers and greeting, a
# page's path and date line, "PRESS RELEASE", a divider.
FRONT_MATTER = re.compile(
    r"^\s*(?:(?:From|Sent|To|Cc|Bcc|Subject|Date|Reply-To)\s*:|Dear\b|Hi\b|Hello\b|"
    r"(?:Best|Kind|Warm)\s+(?:wishes|regards)|Regards\b|Thanks?\b|Please\s+find\b|"
    r"(?:PRESS|MEDIA|NEWS)\s+RELEASE|FOR\s+IMMEDIATE\s+RELEASE|Home\s*[›>/]|"
    r"(?:Posted|Published|Updated|Last\s+updated)\b|[-=_*]{3,}\s*$|High-resolution\b|"
    r"IN\s+THIS\s+ISSUE\b)",
    re.IGNORECASE,
)
# A web page or a newsletter dates itself: "Published: 2026-05-13", "Posted on April 24,
# 2026", "Posted 12 November 2026".
POSTED = re.compile(
    r"^\s*(?:Posted|Published|Issued)(?:\s+on)?\s*:?\s*(?P<date>\d{4}-\d\d-\d\d|"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})",
    re.MULTILINE,
)
# "… a press release from the Northern Cultural Exchange Trust": who sends it
RELEASE_FROM = re.compile(
    r"\bpress\s+release\s+(?:from|by|of)\s+(?:the\s+)?(?P<name>[A-Z][\w&'’-]*"
    r"(?:[ \t]+(?:(?:of|and|for|the|&)[ \t]+)*[A-Z][\w&'’-]*)*)"
)
DATELINES = [re.compile(p.pattern, re.MULTILINE) for p in (SOURCE, BUSINESS_WIRE, NO_YEAR)]


@dataclass
class Source:
    dateline: str = ""
    published_on: dt.date | None = None
    publisher: str = ""
    start: int = 0
    end: int = 0  # where the body begins
    headline: str = ""  # the first line above the dateline, if any
    headline_start: int = 0
    day_without_year: str = ""  # "Feb. 27" of a dateline that gives no year
    byline_place: str = ""  # "in Ningbo" of a newspaper's byline, which has no dateline


def line_starts(text: str, most: int):
    """Where each of the first ``most`` non-empty lines begins."""
    position, seen = 0, 0
    while position < len(text) and seen < most:
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        if text[position:line_end].strip():
            yield position + len(text[position:line_end]) - len(text[position:line_end].lstrip())
            seen += 1
        position = line_end + 1


def read_source(text: str) -> Source:
    """The dateline, date and newswire that open a release: on its first line, or below
    a headline (and sub-headline, and a newswire's time line)."""
    match = None
    for start in line_starts(text, FRONT_LINES):
        match = next((m for p in DATELINES if (m := p.match(text, start))), None)
        if match:
            break
    if not match:
        return read_byline(text)
    found = Source(dateline=match["dateline"].strip(), start=match.start(), end=match.end())
    above = text[: match.start()]
    lines = [
        (index, line)
        for index, line in ((m.start(), m.group().strip()) for m in re.finditer(r"[^\n]+", above))
        if line
    ]
    newsroom = next((m for _, line in lines if (m := NEWSROOM.match(line))), None)
    headlines = [
        (index, line)
        for index, line in lines
        if not TIME_LINE.match(line)
        and not NEWSROOM.match(line)
        and not SOURCE_LINE.match(line)
        and not FRONT_MATTER.match(line)
    ]
    if headlines:
        # the first line of four words or more (not an e-mail's signature, "Ana")
        found.headline_start, found.headline = next(
            (line for line in headlines if len(line[1].split()) >= 4), headlines[0]
        )
    groups = match.groupdict()
    if groups.get("day"):
        found.day_without_year = groups["day"]
    if groups.get("date"):
        found.published_on = first_date(groups["date"])
    if found.published_on is None:
        for _, line in lines:
            source_line = SOURCE_LINE.match(line)
            if source_line:
                found.published_on = first_date(source_line["date"])
            time_line = TIME_LINE.match(line)
            if time_line:
                found.published_on = first_date(time_line["date"])
    if found.published_on is None:
        found.published_on = posted_on(above)
    wire = groups.get("wire") or groups.get("wire2") or groups.get("wire3") or ""
    wire = wire.strip()
    if wire:
        found.publisher = WIRES.get(wire.lower(), wire)
    elif newsroom:
        found.publisher = (newsroom["name"] or newsroom["name2"]).strip()
    else:
        found.publisher = publisher_above(above)
    return found


def posted_on(front: str) -> dt.date | None:
    """The date a page or newsletter gives itself ("Published: 2026-05-13")."""
    match = POSTED.search(front)
    return first_date(match["date"]) if match else None


def publisher_above(front: str) -> str:
    """Who publishes a release that no wire carries, from the lines above it: "a press
    release from the X" in an e-mail's covering note, a site's name before "| News", an
    acronym before the name it stands for ("ABEXA – Brazilian … Association"), or the
    first line that names an organization (a ministry's letterhead, in capitals or not)."""
    sender = RELEASE_FROM.search(front)
    if sender and looks_like_organization(sender["name"]):
        return company_stop(sender["name"])
    for line in (line.strip() for line in front.split("\n")):
        if not line or FRONT_MATTER.match(line) or TIME_LINE.match(line):
            continue
        line = re.split(r"\s+\|\s+", line)[0].strip()
        named = re.match(r"^[A-Z]{2,10}\s+[-–—:]\s+(?P<name>[A-Z].+)$", line)
        if named:
            line = named["name"]
        if line.isupper():
            line = " ".join(
                word.lower() if word.lower() in ("of", "and", "for", "the", "in") else word.title()
                for word in line.split()
            )
            line = line[:1].upper() + line[1:]
        if (
            len(line.split()) <= 12
            and looks_like_organization(line)
            and not re.search(rf"\b(?:{EVENT_WORDS})\b", line)
            and not re.search(r"\b(?:signs?|opens?|closes?|launch(?:es)?|wins?)\b", line, re.I)
            and not is_place(line)
        ):
            return line
    return ""


def read_byline(text: str) -> Source:
    """A newspaper's byline in the front lines: its site's name, its date and where the
    reporter was (``byline_place``), and the body after it; no dateline."""
    for start in line_starts(text, FRONT_LINES):
        match = BYLINE.match(text, start)
        if not match:
            continue
        published = first_date(match["date"])
        site = match["site"].lower().removeprefix("www.")
        headline = text[:start].strip().split("\n")[0].strip()
        return Source(
            published_on=published,
            publisher=SITES.get(site, site),
            start=match.start(),
            end=match.end(),
            headline=headline,
            headline_start=text.find(headline) if headline else 0,
            byline_place=(match["place"] or "").strip(),
        )
    # a page or newsletter without a dateline: its date line and who publishes it, from
    # the lines above its first paragraph
    front = "\n".join(text[start:].split("\n", 1)[0] for start in line_starts(text, 12))
    published = posted_on(front)
    if published is None:
        return Source()
    end = POSTED.search(text)
    body = text.find("\n", end.end()) if end else 0
    return Source(
        published_on=published,
        publisher=publisher_above(front),
        start=end.start() if end else 0,
        end=max(body, 0),
    )


# ---------------------------------------------------------------------------------------
# The event


@dataclass
class Event:
    title: str = ""
    theme: str = ""
    sentence: Sentence | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    start_time: str = ""
    end_time: str = ""
    venue: str = ""
    city: str = ""


THEME = re.compile(
    r"(?i:with|under)\s+the\s+theme\s+(?:of\s+)?[\"“](?P<theme>[^\"”]+)[\"”]"
    r"|\bthemed\s+(?:on\s+)?[\"“](?P<theme2>[^\"”]+)[\"”]"
    r"|\btheme\s+(?:is|was|of the \w+ (?:is|was))\s+[\"“](?P<theme3>[^\"”]+)[\"”]"
)
ORDINAL_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
)
HELD_VERB = re.compile(rf"\s+(?:{HELD})\b")


def held_in(words: str) -> tuple[str, str] | None:
    """The subject of the first "was held" (or "took place"…) and the words after it."""
    verb = HELD_VERB.search(words)
    if verb is None:
        return None
    return re.split(r"[.;:]", words[: verb.start()])[-1], words[verb.end() :]


EVENT_OBJECT = re.compile(
    r"\b(?:organi[sz]ed|hosted|held|staged|convened|launched|attended|"
    r"(?:gathered|met)\b[^.;]{0,120}?\bfor)\s+the\s+"
    rf"(?P<title>(?:\d{{4}}\s+)?[A-Z][^,.;:]*?\b(?:{EVENT_WORDS})\b[^,.;:]*?)"
    r"(?=\s+(?:on|in|at|from|with|themed)\b|[,.;:]|$)"
)
# "… signed an agreement at the Kenya–Zhejiang Investment and Trade Forum held at …"
AT_THE_EVENT = re.compile(
    r"(?:\bat\s+the\s+|^(?:The|the)\s+)"
    rf"(?P<title>(?:\d{{4}}\s+)?[A-Z][^,.;:]*?\b(?:{EVENT_WORDS})\b"
    # "… Symposium on Seismic Resilience", "… Forum 2026"
    r"(?:\s+(?:on|of|for)\s+[A-Z][\w'’-]*(?:\s+(?:(?:and|of|the|&)\s+)*[A-Z][\w'’-]*)*)?"
    r"(?:\s+\d{4})?)"
    r"(?:\s*\([A-Z][\w ]*\))?\s*,?\s+(?:held|which\s+(?:was\s+held|took\s+place|opened|"
    r"closed|ended))\b"
)
# A page's box of fields: "Event: …", "Date: 2026-05-12, 10:00–17:30", "Venue: …"
EVENT_FIELD = re.compile(
    r"^\s*(?P<field>Event|Date|Time|Venue|Location|Place)\s*:\s*(?P<value>[^\n]+?)\s*$",
    re.MULTILINE,
)
ALIAS = re.compile(r"\s*\((?:the\s+)?[\"“]?[A-Z][\w ]*[\"”]?\)|\s*\(hereinafter[^)]*\)")


# "Held from 21 to 23 April under the theme "From the Farm to the Far East", the show …"
HELD_PARTICIPLE = re.compile(
    r"^(?:Held|Running|Taking\s+place)\s+(?P<when>(?:from\s+|on\s+)?[^,\"“]{3,60}?)"
    r"(?:\s+(?:under|with)\s+the\s+theme\s+(?:of\s+)?[\"“](?P<theme>[^\"”]+)[\"”])?"
    r"\s*,\s+(?:the|this|its)\s+"
)


def field_box(text: str) -> dict[str, str]:
    """The box of fields a page may put in its front lines (``FRONT_LINES``): each field's
    name in lower case ("event", "date", "venue") and its first value."""
    starts = list(line_starts(text, FRONT_LINES))
    front = text[: starts[-1] + 1] if starts else ""
    fields: dict[str, str] = {}
    for match in EVENT_FIELD.finditer(front):
        fields.setdefault(match["field"].lower(), match["value"].strip())
    return fields


def event_title(subject: str) -> str:
    """The name in the subject of "was held": the last clause, without a leading "the",
    an alias in brackets ("(the "Forum")") or a theme clause."""
    subject = THEME.sub("", subject)
    subject = re.sub(r",\s*(?:with|under)\s*,", ",", subject)
    subject = ALIAS.sub("", subject)
    # the last clause outside brackets
    depth, cut = 0, 0
    for index, char in enumerate(subject):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            cut = index + 1
    title = subject[cut:].strip()
    generic = re.match(r"^(?:A|An)\s+(?P<rest>[a-z].*)$", title)
    if generic:
        # "A signing ceremony for … was held": an event described, not named
        words = generic["rest"].split()
        if len(words) >= 4 and re.search(rf"\b(?i:{EVENT_WORDS})\b", generic["rest"]):
            return capitalized(generic["rest"])
        return ""
    title = re.sub(r"^(?:the|The)\s+", "", title)
    title = re.sub(rf"^(?P<ordinal>{ORDINAL_WORDS})\b", lambda m: capitalized(m["ordinal"]), title)
    if not re.search(rf"\b(?:{EVENT_WORDS})\b", title) or not title[:1].isupper():
        if not re.match(r"(?:\d+(?:st|nd|rd|th)|(?:19|20)\d\d)\s+[A-Z]", title):
            return ""
    return title


WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
RELATIVE_DAY = re.compile(
    r"\b(?:on\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<yesterday>yesterday)|(?P<today>today))\b"
)


def relative_day(text: str, published: dt.date | None) -> dt.date | None:
    """ "on Tuesday", "yesterday", "today": the day it names, counted back from the
    release's date (a release reports what has happened), or forward if it says what
    "will" happen; none without that date."""
    match = RELATIVE_DAY.search(text)
    if not match or published is None:
        return None
    if match["yesterday"]:
        return published - dt.timedelta(days=1)
    if match["today"]:
        return published
    day = WEEKDAYS.index(match["weekday"].lower())
    if re.search(r"\bwill\b", text[: match.start()]):
        return published + dt.timedelta(days=(day - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - day) % 7)


NAMED_EVENT = re.compile(
    rf"\b[Tt]he\s+(?P<title>(?:\d{{4}}\s+)?[A-Z][\w'’&–-]*(?:\s+(?:(?:of|and|&|the|for|on)\s+)*"
    rf"[A-Z0-9][\w'’&–-]*)*?\s+(?:{EVENT_WORDS})(?:\s+\d{{4}}\b)?)\b"
)


def named_event(sentence_list: list[Sentence], after: int, described: str) -> str:
    """ "A tourism roadshow … was held": the name the release gives it later ("The 2024
    Yunnan Culture and Tourism Roadshow, held at …"), with the same kind of event."""
    kind = re.findall(rf"\b(?i:{EVENT_WORDS})\b", described)
    if not kind:
        return ""
    for sentence in sentence_list:
        if sentence.start < after:
            continue
        for match in NAMED_EVENT.finditer(sentence.text):
            words = [w for w in match["title"].split() if not re.fullmatch(r"\d{4}", w)]
            if words[-1].lower() == kind[-1].lower():
                return match["title"]
    return ""


def read_event(
    body: str, offset: int, sentence_list: list[Sentence], year: int, published=None
) -> Event:
    """The event: the first sentence that says something was held (or hosted), its
    title, theme, date(s), time(s), venue and city."""
    event = Event()
    for sentence in sentence_list:
        if sentence.end <= offset:
            continue
        words = body[max(sentence.start, offset) : sentence.end]
        title = ""
        match = held_in(words)
        if match:
            title = event_title(match[0])
        if not title:
            found = EVENT_OBJECT.search(words)
            if found:
                title = ALIAS.sub("", found["title"]).strip()
        if title:
            if match and re.match(r"\s*(?:A|An)\s", match[0]):
                title = named_event(sentence_list, sentence.end, title) or title
            event.title, event.sentence = title, sentence
            break
    named_at = None
    if event.sentence is None:
        # named only as where something happened: "… signed … at the Kenya–Zhejiang
        # Investment and Trade Forum held at …"
        for sentence in sentence_list:
            if sentence.end <= offset:
                continue
            found = AT_THE_EVENT.search(body[max(sentence.start, offset) : sentence.end])
            if found:
                event.title, named_at = found["title"].strip(), sentence
                break
    if event.sentence is None:
        # no name: the first sentence after the dateline that says something took place
        # still dates the event and places it
        for sentence in sentence_list:
            if sentence.end > offset and held_in(body[max(sentence.start, offset) : sentence.end]):
                event.sentence = sentence
                break
        if named_at is not None and (
            event.sentence is None
            or dates_in(named_at.text, year)
            and not dates_in(event.sentence.text, year)
            or re.search(r"\bheld\s+(?:on|from)\b", named_at.text)
        ):
            # the sentence that names the event and says when it was held dates it
            event.sentence = named_at
    if event.sentence is None:
        # a release about a signing that no sentence says was held: the first sentence
        # that says something was signed dates it and places it
        for sentence in sentence_list:
            if sentence.end > offset and SIGNED_VERB.search(
                body[max(sentence.start, offset) : sentence.end]
            ):
                event.sentence = sentence
                break
    if event.sentence is None:
        return event
    sentence = event.sentence
    words = body[max(sentence.start, offset) : sentence.end]
    lead = [s for s in sentence_list if s.paragraph == sentence.paragraph]
    # the release's first sentence dates the event when its own paragraph does not ("A and
    # B signed … on Tuesday. The signing ceremony took place at 4:00 p.m. at …")
    first = next((s for s in sentence_list if s.end > offset), None)
    if first is not None and first.paragraph != sentence.paragraph:
        begin = max(first.start, offset)
        lead = [*lead, Sentence(begin, first.end, body[begin : first.end], first.paragraph)]
    for candidate in [sentence, *lead]:
        theme = THEME.search(candidate.text)
        if theme:
            event.theme = theme["theme"] or theme["theme2"] or theme["theme3"]
            break
    # dates: in the event's sentence, else the lead paragraph
    for text in [words, *(s.text for s in lead if s is not sentence)]:
        dates = dates_in(text, year)
        if dates:
            _, end, event.start_date, event.end_date = dates[0]
            if event.end_date is None and len(dates) > 1:
                # "opened on November 5 and runs until November 10"
                between = text[end : dates[1][0]]
                if re.search(r"\b(?:until|till|through|to|closes?|ends?)\b", between):
                    event.end_date = dates[1][2]
            if event.end_date == event.start_date:
                event.end_date = None
            break
    if event.start_date is None:
        for text in [words, *(s.text for s in lead if s is not sentence)]:
            event.start_date = relative_day(text, published)
            if event.start_date:
                break
    closing = re.search(
        r"\b(?:closed|concluded|ended|wrapped up|came to a close|drew to a close)\b", words
    )
    for text in [words, *(s.text for s in lead)]:
        length = re.search(
            r"\b(two|three|four|five|[2-5])-day\b|\bfor\s+(two|three|four|five|[2-5])\s+days\b",
            text,
        )
        if length and event.start_date and event.end_date is None:
            days = LENGTH_WORDS[length[1] or length[2]]
            event.end_date = event.start_date + dt.timedelta(days=days - 1)
            break
        after = re.search(
            # "closed … after two days", "wrapped up two days of meetings … on 6 March"
            r"\b(?:after\s+)?(two|three|four|five|[2-5])\s+days\b",
            text if closing else "",
        )
        if after and event.start_date and event.end_date is None:
            # "closed … on 16 June after two days": the date is the last day
            days = LENGTH_WORDS[after[1]]
            event.end_date = event.start_date
            event.start_date = event.end_date - dt.timedelta(days=days - 1)
            break
    for text in [words, *(s.text for s in lead if s is not sentence)]:
        dates = dates_in(text, year)
        if dates:
            times = [t for t in times_in(text) if not any(d[0] <= t[0] < d[1] for d in dates)]
            if times:
                event.start_time, event.end_time = times[0][2], times[0][3] or ""
            break
    for text in [words, *(s.text for s in lead)]:
        venue = venue_in(text)
        if venue:
            event.venue = venue
            break
    # the city: "held in <city>", else a known city after the verb, else the venue's
    # A city in the event's own name ("The 2025 Guangzhou Culture Week opened … in
    # Lisbon") is where it is only when no other city is named.
    texts = [match[1] if match else words, words, event.venue]
    untitled = (
        [text.replace(event.title, " ") for text in [*texts, *(s.text for s in lead)]]
        if event.title
        else []
    )
    for text in [*untitled, *texts]:
        city = known_city(text)
        if city:
            event.city = city
            break
    return event


# A city's name that begins an institution's ("Nanjing Institute of Maritime
# Engineering", "Wuxi Municipal Government"), or names a partner ("a memorandum with
# China's Wuxi"), says nothing of where the event is. (Not ``ORGANIZATION_WORDS``: those
# hold the words of venues too, "Kuala Lumpur Convention Centre", "… Park", "… Zone",
# and a venue named after its city does say where the event is.)
INSTITUTION_AFTER = re.compile(
    r"\s+(?:[A-Z][\w-]+\s+){0,3}?(?:Institute|University|Academy|Municipal|Provincial|"
    r"Bureau|Department|Government|Association|Chamber|Group|Company|Corporation|Commission|"
    r"Committee|Council|Co\.|Ltd|Limited|Bank|Authority|Delegation|delegation)\b"
    r"|['’]s\s"  # "Guangzhou's food"
)
PARTNER_BEFORE = re.compile(
    r"\b(?:with|from)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?$"  # "a mission from Hong Kong"
)


def known_city(text: str) -> str:
    """The city the text says an event is in: one "in" a known city, else the first
    known city named, unless only as the start of an institution's name or a partner."""
    for city in sorted(CITY_ZONES, key=len, reverse=True):
        if re.search(rf"\bin\s+(?:the\s+)?{re.escape(city)}\b", text or ""):
            return city
    for city in sorted(CITY_ZONES, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(city)}\b", text or ""):
            if INSTITUTION_AFTER.match(text, match.end()) or PARTNER_BEFORE.search(
                text, max(0, match.start() - 80), match.start()
            ):
                continue
            return city
    return ""


# ---------------------------------------------------------------------------------------
# Organizers


ORGANIZER_PATTERNS = [
    (re.compile(r"\b[Cc]o-(?:organi[sz]ed|hosted)\s+by\s+(?=(?P<who>[^.;]+))"), "co_organizer"),
    (
        re.compile(
            r"(?<![Cc]o-)\b(?:[Jj]ointly\s+)?(?:(?:[Oo]rgani[sz]ed|[Hh]osted)\s+by|"
            r"(?<![\w ])[Oo]rganizer\s*:)\s+(?=(?P<who>[^.;]+))"
        ),
        "organizer",
    ),
    (
        re.compile(
            r"\b(?:supported\s+by|with\s+the\s+support\s+of|with\s+support\s+from)\s+"
            r"(?=(?P<who>[^.;]+))"
        ),
        "supporter",
    ),
    (re.compile(rf"\b[Ss]ponsored\s+by\s+(?=(?P<who>(?:{COMPANY_FORM}|[^.;])+))"), "sponsor"),
    # "with the China Chamber of … (CFNA) as co-organizer", "with X as its supporter"
    (
        re.compile(
            rf"\bwith\s+(?:the\s+)?(?P<who>[A-Z](?:{COMPANY_FORM}|[^.;])+?)\s+as\s+"
            r"(?:the\s+|its\s+|a\s+)?co-?organi[sz]ers?\b"
        ),
        "co_organizer",
    ),
    (
        re.compile(
            rf"\bwith\s+(?:the\s+)?(?P<who>[A-Z](?:{COMPANY_FORM}|[^.;])+?)\s+as\s+"
            r"(?:the\s+|its\s+|a\s+)?(?:supporting\s+organi[sz]ers?|supporters?)\b"
        ),
        "supporter",
    ),
    # "The Sichuan Cuisine Industry Association supported the event"
    (
        re.compile(
            r"(?:^|[,;]\s+(?:and\s+)?)(?:the\s+|The\s+)?(?P<who>[A-Z][^.;,]+?)\s+(?:also\s+)?"
            r"supported\s+the\s+(?:event|forum|fair|conference|summit|expo|exhibition|week)\b"
        ),
        "supporter",
    ),
    # "with X Co., Ltd. as sponsor", "had X as its title sponsor", "X was the title sponsor"
    (
        re.compile(
            rf"\b(?:with|had|named)\s+(?:the\s+)?(?P<who>[A-Z](?:{COMPANY_FORM}|,\s*(?=Ltd)|[^.;,])+?)\s+as\s+"
            r"(?:the\s+|its\s+)?(?:title\s+|lead\s+|main\s+|principal\s+|official\s+)?"
            r"sponsors?\b"
        ),
        "sponsor",
    ),
    (
        re.compile(
            rf"(?:^|[,;]\s+(?:and\s+)?)(?:the\s+)?(?P<who>[A-Z](?:{COMPANY_FORM}|[^.;,]|,\s*(?=Ltd))+?)\s+"
            r"(?:was|were|is|served\s+as)\s+"
            r"(?:the\s+|a\s+|its\s+)?(?:title\s+|lead\s+|main\s+|principal\s+|official\s+|"
            r"[a-z]+\s+)?sponsors?\b"
        ),
        "sponsor",
    ),
]
# "in partnership with Y", "together with Y": Y organizes the event too
PARTNERED_WITH = r"(?:in\s+partnership|together|jointly|in\s+(?:collaboration|cooperation))\s+with"
ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?P<who>[A-Z][^,.;]+)")
LIST_END = re.compile(
    r",?\s+(?:and\s+)?(?:co-(?:organi[sz]ed|hosted)|organi[sz]ed|hosted|supported|sponsored|"
    rf"with\s+the\s+support|with\s+support|{PARTNERED_WITH}|was|were|is|will|at|on|from|to|"
    r"(?<=,\s)with|as\s+(?:the\s+|its\s+|a\s+)?co-?organi[sz]er|"
    r"under|attracted|brought|drew|gathered|featured|in\s+(?=[A-Z][a-z]+\s+(?:on|from)\b|"
    r"\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))\b.*$"
)


def looks_like_party(name: str) -> bool:
    """Whether a phrase in a list of organizers or parties names one: capitalized, not a
    person's name, not "the two sides"."""
    name = name.strip()
    return (
        bool(name)
        and name[:1].isupper()
        and len(name.split()) <= 16
        and not re.match(r"(?:Both|The\s+two|Two|He|She|They|It)\b", name)
    )


PARTNERED = re.compile(rf",?\s+{PARTNERED_WITH}\s+(?:the\s+)?(?P<who>[A-Z].*)$")


def organizers_in(sentence: str) -> list[tuple[str, str]]:
    """(organization, role) for each organizer the sentence names."""
    found = []
    for pattern, role in ORGANIZER_PATTERNS:
        for match in pattern.finditer(sentence):
            # a company's form ends the sentence too: "… Port Group Co., Ltd. More than …"
            who = re.split(r"(?<=\.)\s+(?=[A-Z](?!td\b|imited\b|hd\b)[a-z]*\s)", match["who"])[0]
            partner = PARTNERED.search(who) if role == "organizer" else None
            who = LIST_END.sub("", who)
            for name in split_list(who):
                if looks_like_party(name):
                    found.append((match.start(), name, role))
            if partner:
                # "organised by X in partnership with Y", "by X together with Y": Y
                # co-organizes
                for name in split_list(LIST_END.sub("", partner["who"])):
                    if looks_like_party(name):
                        found.append((match.start() + partner.start(), name, "co_organizer"))
    return [(name, role) for _, name, role in sorted(found, key=lambda item: item[0])]


# ---------------------------------------------------------------------------------------
# People, what they did and said

PERSON_INTRO = re.compile(
    rf"(?<![\w.])(?P<name>{PERSON_NAME}),\s+(?P<posts>(?:{COMPANY_FORM}|"
    r",\s*(?=(?:Ltd|Limited|Inc|S\.A|LLC|Plc|Pte|Bhd)\b)|"
    # "Minister of Investment, Trade and Industry of Malaysia": a list inside a post
    r",\s+(?=[A-Z][a-z]+\s+and\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:\s+of\s+[A-Z]|\s*,))|[^,;\"“”])+?)"
    r"(?=\s*(?:,(?!\s*(?:Ltd|Limited|Inc|S\.A|LLC|Plc|Pte|Bhd)\b)"
    r"(?!\s+[A-Z][a-z]+\s+and\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:\s+of\s+[A-Z]|\s*,))|;|\.\s|\.$|$|\s+who\b))"
)
# "Klaus Becker (Chairman, Rhein Pharma AG)": the post and its organization in brackets
PERSON_BRACKET = re.compile(
    rf"(?<![\w.])(?P<name>{PERSON_NAME})\s+\((?P<title>(?i:(?:{TITLE_WORDS}))[^,()]*?),\s+"
    r"(?P<org>[A-Z][^()]*?)\)"
)
# "Director-General of the Jiangsu Provincial Department of …, Xie Zhiyi, said": the post
# first, then the name between commas
POST_THEN_NAME = re.compile(
    rf"(?:^|[;:]\s*|,\s+and\s+|\b(?:and|by|were|included|including)\s+)"
    rf"(?P<post>(?:[Tt]he\s+)?(?:{TITLE_WORDS})\b[^,;\"“”]*?\s+"
    rf"(?:of|at)\s+[^,;\"“”]+?),\s+(?P<name>{PERSON_NAME}),\s+"
)
# "Hokuetsu Air's President, Yuko Sato, …", "the group's chairman, Mao Jianhua, …"
POSSESSIVE_POST = re.compile(
    rf"(?:^|,\s+|\b(?:and|by)\s+)(?:[Tt]he\s+)?(?P<org>[A-Z][\w&.-]*(?:,?\s+(?:(?:of|and|the|for|&)\s+)*"
    rf"[A-Z][\w&.-]*){{0,7}}?|[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}})"
    rf"['’]s\s+(?P<title>(?i:(?:{TITLE_WORDS})\b[\s-]*)+[\w\s-]*?),\s+(?P<name>{PERSON_NAME})"
    r"(?:,|(?=\.\s|\.$|;))"
)
# "moderated by Prof. Jens Hartmann of the Hamburg University of Technology"
PROFESSOR_OF = re.compile(
    rf"\b(?:Prof\.?|Professor)\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})\s+(?:of|from|at)\s+"
    r"(?:the\s+)?(?P<org>[A-Z][\w&'’.-]*(?:\s+(?:(?:of|and|for|the|&)\s+)*[A-Z][\w&'’.-]*)*)"
)
# "InvestPenang chief executive officer Loo Mei Ling", "PDC general manager Datuk Aziz
# Rahman": an organization, a post in lower case, then the name (newspapers' style)
LOWER_TITLE = (
    r"(?:(?:deputy|vice|assistant|executive|senior|acting|first|purchasing|regional|country)"
    r"\s+)*(?:chief\s+executive(?:\s+officer)?|chief\s+[a-z]+\s+officer|managing\s+director|"
    r"general\s+manager|director-general|director|chairman|chairwoman|chairperson|chair|"
    r"president|secretary-general|secretary|head|founder|manager|dean|commissioner)"
)
ORG_TITLE_NAME = re.compile(
    r"(?:^|\b(?:by|and|with|between)\s+|,\s+)(?:[Tt]he\s+)?"
    r"(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,5}?)\s+"
    rf"(?P<title>{LOWER_TITLE})\s+(?P<name>{PERSON_NAME})"
    r"(?=\s*[,.;:]|\s+(?:and|said|says|signed|who|told|added|noted)\b|\s*$)"
)
PRONOUN = re.compile(r"^(?:He|She)\b")
# "Dubai Chamber of Commerce President Mohammad Ali Rashed Lootah said", "Premier Li Qiang"
POST_BEFORE_NAME = re.compile(
    rf"(?P<pre>(?:[A-Z][\w&'’.-]*\s+(?:(?:of|and|the|for|&)\s+)*){{0,8}}?)"
    rf"(?P<title>(?:{TITLE_WORDS})(?:[\s-]+(?:{TITLE_WORDS}))*"
    # "Vice Mayor of Nanjing Song Lijuan": a one-word place, then a two-word name
    rf"(?:\s+(?:of|to|for)\s+[A-Z][a-z]+(?:\s+(?:Province|Prefecture|City))?"
    rf"(?=\s+{NAME_WORD}\s+{NAME_WORD}\s*[,.;]|"
    rf"\s+{NAME_WORD}\s+{NAME_WORD}\s+[a-z]))?)"
    rf"\s+(?P<name>{PERSON_NAME})"
    r"(?=\s+(?:also\s+)?(?:said|says|noted|stated|added|stressed|emphasi[sz]ed|delivered|gave|"
    r"introduced|moderated|hosted|presided|signed|witnessed|attended|spoke|addressed|pointed|"
    r"told|presented|led|urged|called|described|expressed|unveiled|launched|"
    r"highlighted|announced|welcomed|opened|and)\b|\s*[,.;]|\s*$)"
)
PROVINCES = set(
    "Anhui Fujian Gansu Guangdong Guizhou Hainan Hebei Heilongjiang Henan Hubei Hunan Jiangsu "
    "Jiangxi Jilin Liaoning Qinghai Shaanxi Shandong Shanxi Sichuan Yunnan Zhejiang".split()
)


def people_in(sentence: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, posts) for each "Name, Post," the sentence introduces."""
    found = []
    position = 0
    while (match := PERSON_INTRO.search(sentence, position)) is not None:
        name = clean_name(match["name"])
        words = name.split()
        # "Nanjing Mayor Chen Zhichang, …": the name is the last words that are one
        while len(words) > 2 and not is_name(" ".join(words)):
            words = words[1:]
        name = " ".join(words)
        if is_name(name) and looks_like_post(match["posts"]):
            start = match.start("name") + match["name"].rfind(name)
            found.append((start, match.end(), name, match["posts"].strip()))
            position = match.end()
        else:
            # "…Federation, signed by Zhou Hongbo, Director-General of …": what was taken
            # for a post may hold the next person's name
            position = match.start("posts")
    for match in PERSON_BRACKET.finditer(sentence):
        if name := fresh_name(match["name"], found):
            joint = "of" if is_place(match["org"]) else "at"
            post = f"{match['title'].strip()} {joint} {match['org'].strip()}"
            found.append((match.start("name"), match.end(), name, post))
    for match in POST_THEN_NAME.finditer(sentence):
        name = fresh_name(match["name"], found)
        if name and looks_like_post(match["post"]):
            post = re.sub(r"^[Tt]he\s+", "", match["post"].strip())
            found.append((match.start("post"), match.end(), name, post))
    for match in POSSESSIVE_POST.finditer(sentence):
        if not (name := fresh_name(match["name"], found)):
            continue
        org = match["org"].strip()
        if org[:1].islower() or re.fullmatch(r"Group|Company|Bank|University|Council", org):
            # "the group's chairman", "the Group's Chairman": an organization named before
            post = f"{match['title'].strip()} of the {org.lower()}"
        elif looks_like_organization(org) or not is_place(org):
            post = f"{match['title'].strip()} at {org}"
        else:
            post = post_of(org, match["title"].strip())
        found.append((match.start("org"), match.end(), name, post))
    for match in PROFESSOR_OF.finditer(sentence):
        name = fresh_name(match["name"], found)
        if name and looks_like_organization(match["org"]):
            org = company_stop(match["org"])
            found.append((match.start(), match.end(), name, f"Professor at {org}"))
    for match in POST_BEFORE_NAME.finditer(sentence):
        if not (name := fresh_name(match["name"], found)):
            continue
        place = re.search(
            r"\s(?:of|to)\s+(\w+)(?:\s+(?:Province|Prefecture|City))?$", match["title"]
        )
        if place and not is_place(place[1]) and place[1] not in PROVINCES:
            continue  # "Officer of Greenland Power Systems": no place, no name
        found.append((match.start(), match.end(), name, post_of(match["pre"], match["title"])))
    for match in ORG_TITLE_NAME.finditer(sentence):
        org = company_stop(match["org"])
        if not (name := fresh_name(match["name"], found)):
            continue
        joint = "of" if is_place(org) else "at"
        found.append((match.start("org"), match.end(), name, f"{match['title']} {joint} {org}"))
    return sorted(found)


def fresh_name(text: str, found: list[tuple[int, int, str, str]]) -> str:
    """The person's name in ``text``, cleaned, if it is a name not ``found`` already;
    else ""."""
    name = clean_name(text)
    if is_name(name) and all(name != known for _, _, known, _ in found):
        return name
    return ""


def post_of(before: str, title: str) -> str:
    """The post a title after its organization or place holds, written as "Title of X":
    "Dubai Chamber of Commerce President" → "President of Dubai Chamber of Commerce",
    "Hainan Vice Governor" → "Vice Governor of Hainan Province", "Nanjing Mayor" → "Mayor
    of Nanjing"."""
    before = re.sub(r"^(?:The|the)\s+", "", before.strip())
    if not before:
        return title
    if not (is_place(before) or before in PROVINCES or looks_like_organization(before)):
        return f"{before} {title}"  # "Chinese Ambassador to Portugal": a word of the title
    if re.search(r"\s(?:of|to|for)\s", title):
        return title  # "Lisbon Deputy Mayor for Culture": the title names its own field
    if before in PROVINCES and "Governor" in title:
        before = f"{before} Province"
    return f"{title} of {before}"


@dataclass
class Role:
    role: str
    remote: bool = False
    session: str = ""  # a title, or "" for none
    session_kind: str = "speech"
    generic: bool = False  # a title such as "Video address", named after the person if twice


def role_in(after: str, before: str, name: str) -> Role | None:
    """A person's part, from the words after their name (and posts) and before it."""
    after = after[:200]
    # "In her keynote speech, Zheng Yulan, …", "Delivering the opening remarks, Ma Lianjie, …"
    opening = re.search(
        r"\b(?:[Ii]n\s+(?:his|her|their|a|the)|[Dd]elivering\s+(?:the|a))\s+"
        r"(?P<what>(?:keynote|welcome|welcoming|opening|closing)\s+(?:speech|address|remarks))"
        r"\s*,\s*$",
        before,
    )
    if opening:
        after = f"{opening['what']} {after}"
    if re.search(r"\b(?:led|headed)\s+by\s*$", before):
        return None  # "a delegation led by X attended …": the delegation did
    if re.search(r"\b[Oo]fficiat(?:ing|ed)\b", before + " " + after[:40]):
        return Role("guest")  # "Officiating at the opening ceremony were X and Y"
    keynote = re.search(r"\bkeynote\s+(?:speech|address)", after)
    if re.search(
        r"\bvideo\s+(?:address|speech|message|remarks|link)|\bvia\s+video|\bby\s+video\b", after
    ):
        if keynote:  # "delivered the keynote address by video link"
            return Role("keynote", True, capitalized(keynote.group()), "video_address", True)
        return Role("speaker", True, "Video address", "video_address", True)
    speaking = re.search(
        r"\b(?:Speaking|Addressing\s+\w+|Remarking)\s+(?:at|during)\s+the\s+(?P<what>[\w-]+\s+)?"
        r"(?P<kind>ceremony|panel|dialogue|roundtable|session)\s*,\s*$",
        before,
    )
    if speaking:  # "Speaking at the ceremony, X, …, said": that agenda item's speaker
        return Role("speaker", session=speaking["kind"].lower())
    if keynote:
        return Role("keynote", False, capitalized(keynote.group()), "speech", True)
    welcome = re.search(
        r"\b(?:welcome|welcoming|opening|closing)\s+(?:speech|address|remarks)", after
    )
    if welcome:
        return Role("speaker", False, capitalized(welcome.group()), "speech", True)
    introduced = re.match(r"\s*(?:also\s+)?introduced\s+(?P<what>[^,.;]+)", after)
    if introduced:
        return Role("speaker", False, f"Introduction of {introduced['what'].strip()}")
    if re.search(r"\bmoderated\b|\bas\s+(?:the\s+)?moderator\b", after) or re.search(
        r"\bmoderated\s+by\s*$", before
    ):
        return Role("moderator", session="panel")
    if re.match(
        r"\s*(?:hosted|presided over|emceed)\b|\s*(?:was|served as)\s+(?:the\s+)?"
        r"(?:master of ceremonies|emcee|MC|host)\b",
        after,
    ):
        return Role("host")
    if re.match(r"\s*(?:and\s+[^.]*?)?(?:also\s+)?(?:signed|inked)\b", after) or re.search(
        rf"\bsigned\s+by\s*(?:{IN_SENTENCE}*,\s*(?:and\s+)?)?$", before
    ):
        return Role("signatory", session="signing")
    if re.search(rf"\bwitnessed\s+by\s*(?:{IN_SENTENCE}*,\s*(?:and\s+)?)?$", before):
        return Role("guest", session="signing")  # "…, and witnessed by X, …, and Y"
    at_ceremony = re.search(
        r"^\s*(?:also\s+)?(?:attended|witnessed)\s+the\s+(?P<what>signing\s+)?ceremony\b", after
    )
    if at_ceremony:  # "…, also attended the ceremony": the ceremony just named
        return Role("guest", session="signing" if at_ceremony["what"] else "ceremony")
    if re.search(r"\bwitnessed\b|\battended\b|\bwere\s+present\b|\bwas\s+present\b", after):
        return Role("guest")
    if re.match(
        rf"\s*(?:also\s+|further\s+)?(?:{SPEECH_VERBS}|spoke|addressed|delivered\s+a\s+speech|gave\s+a\s+speech|shared|presented|briefed)\b",
        after,
    ) or re.search(rf"\b(?:{SPEECH_VERBS})\s*$", before):
        return Role("speaker", False, f"Remarks by {name}")
    if re.search(r"\bpanel(?:ists?)?\b", before + after, re.IGNORECASE):
        return Role("speaker", session="panel")
    return None


def reported(after: str) -> str:
    """What a person said, from the words after them: "said that …", "saying that …";
    a clause about them first ("who officiated at the opening, said …") is passed over."""
    after = re.sub(r"^(?:who|whose)\s+[^,;\"“]{1,120},\s*", "", after)
    match = REPORTED.search(after)
    if not match:
        return ""
    clause = (match["clause"] or match["clause2"] or match["clause3"]).strip()
    if clause[:1] in '"“':
        return ""
    return sentence_end(capitalized(clause))


def reported_clauses(remark: str) -> list[str]:
    """Each thing reported, one remark each: "said that A, and that B" is two."""
    return [
        sentence_end(capitalized(clause.strip()))
        for clause in re.split(r",?\s+(?:and|while|but)\s+that\s+|;\s+(?:and\s+)?that\s+", remark)
        if clause.strip(" .")
    ]


@dataclass
class Person:
    name: str
    start: int
    end: int
    posts: list[tuple[str, str]] = field(default_factory=list)
    role: Role | None = None
    session: str = ""
    more: list[tuple[Role, str]] = field(default_factory=list)  # a later part: signing

    @property
    def names(self) -> set[str]:
        """The words the release may call them by: the whole name, the first and last
        words, and the surname before a hyphenated given name ("Winnie Cheung Suk-yin"
        is "Dr. Cheung")."""
        words = self.name.split()
        found = {self.name, words[0], words[-1]}
        if len(words) >= 3 and "-" in words[-1]:
            found.add(words[-2])
        return found

    def roles(self) -> list[tuple[Role, str]]:
        return ([(self.role, self.session)] if self.role else []) + self.more


# ---------------------------------------------------------------------------------------
# Agreements

AGREEMENT_PHRASE = (
    r"(?:[a-z][\w-]*\s+){0,4}?(?:agreement|memorandum\s+of\s+(?:understanding|cooperation)|"
    r"MoU|MOU|letter\s+of\s+intent|contract)"
)
SIGNED_VERB = re.compile(r"\s+(?:also\s+|jointly\s+|officially\s+)?(?:signed|inked)\s+")
BETWEEN_NAMES = (
    rf"(?P<between>(?:the\s+)?[A-Z](?:{COMPANY_FORM}|,\s*(?=Ltd|S\.A)|[^,;.])+?"
    rf"\s+and\s+(?:the\s+)?[A-Z](?:{COMPANY_FORM}|,\s*(?=Ltd|S\.A)|[^,;.])+?)"
)
# "worth 860 million yuan", "valued at S$260 million", "on green shipping corridors": what
# may stand between an agreement and "with" its partner
WORTH_OR_TOPIC = (
    r"(?:\s+(?:worth|valued\s+at)\s+(?:about\s+|around\s+|some\s+|nearly\s+|over\s+|"
    r"more\s+than\s+|up\s+to\s+)?(?:[A-Z]{2,3}\s+)?[^\s,;]*\d[^\s,;]*(?:\s+(?:million|billion|trillion|"
    r"[a-zA-Z]{2,9}(?=\s+with\b)))*)?"
    r"(?:\s+(?:on|for|covering)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,5}?(?=\s+with\b))?"
)
WORTH_BEFORE_BETWEEN = WORTH_OR_TOPIC.replace("with", "between")
# "a USD 150 million investment agreement", "a US$260 million (about RM1.1 billion) …"
MONEY_FIRST = (
    r"(?:(?P<money_first>" + re.sub(r"\(\?P<\w+>", "(?:", AMOUNT.pattern) + r")"
    r"(?:\s*\([^()]{1,40}\))?\s+)?"
)
SIGNED = re.compile(
    rf"(?:an?|the|one)\s+{MONEY_FIRST}(?P<phrase>{AGREEMENT_PHRASE})\b{WORTH_OR_TOPIC}"
    r"(?:\s+with\s+(?:the\s+)?(?P<with>(?:Co\.,?\s*Ltd\.?|Co\.|Ltd\.|Inc\.|Pte\.\s*Ltd\.|"
    r"S\.L\.|d\.d\.|[^,;.])+?)"
    # "signed a strategic cooperation agreement between DSEDT and the Angola Chamber …"
    rf"|\s+between\s+{BETWEEN_NAMES})?"
    r"(?=\s+(?:on|at|in|to|for|worth|valued|covering|under|which|during|that|involving|"
    r"with\s+a|with\s+(?:several|a\s+number|\w+\s+memorand))\b|,(?!\s*(?:Ltd|S\.A)\b)|[;.]|$)"
)


def signings(text: str):
    """(subject, match) for each "… signed a <kind of agreement> (with …)" in a sentence:
    the subject is what comes before "signed", since the last signing or semicolon."""
    last = 0
    for verb in SIGNED_VERB.finditer(text):
        if verb.start() < last:
            continue
        found = SIGNED.match(text, verb.end())
        if found:
            yield text[last : verb.start()].split(";")[-1], found
            last = found.end()


LEADING_CLAUSE = re.compile(
    r"^(?:(?:At|During|On|In|After|Before|Following|Meanwhile|Also|Later|Then|Finally|"
    r"Subsequently|Besides|Moreover|Furthermore|Additionally|Separately|Today|Yesterday|"
    r"Among\s+(?:them|these|those|the\s+deals)|Of\s+(?:them|these))\b"
    r"[^,]*,\s*)+"
)
PASSIVE = re.compile(
    rf"(?:an?|the)\s+(?P<phrase>{AGREEMENT_PHRASE})\s+(?:was|has\s+been)\s+signed\s+"
    r"(?:between|by)\s+(?P<between>[^;.]+?)(?=\s+(?:on|at|in|to|for|worth|valued)\b|[,;.]|$)"
)
ALONG_WITH = re.compile(
    r"\b(?:with|along\s+with|as\s+well\s+as|together\s+with)\s+(?:several|a\s+number\s+of|"
    r"multiple|various)\s+(?P<what>memorand(?:ums|a)\s+of\s+[a-z ]+?)(?=[,.;]|\s+which\b|$)"
)
# "X signed strategic cooperation agreements with A, B and C": one agreement with each
PLURAL_SIGNED = re.compile(
    r"\s+(?:also\s+|jointly\s+)?(?:signed|inked)\s+(?:separate\s+|three\s+|two\s+|four\s+|five\s+)?"
    r"(?P<phrase>(?:[a-z][\w-]*\s+){0,3}?(?:agreements|memorand(?:ums|a)\s+of\s+"
    r"(?:understanding|cooperation)|MOUs|MoUs|contracts|letters\s+of\s+intent))"
    r"(?:\s+(?:on|for|covering)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,5}?)?"
    r"\s+with\s+(?P<with>(?:Co\.,?\s*Ltd\.?|Pte\.\s*Ltd\.|S\.L\.|d\.d\.|[^;.])+?)"
    r"(?=,\s+(?:covering|the|a|an|which|to|for|in|on|respectively)\b|[;.]\s|[;.]?$)"
)
# "Four agreements were signed", "signed five agreements", "three new agreements"
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
AGREEMENTS_COUNTED = re.compile(
    r"\b(?P<count>[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|"
    r"[Ee]leven|[Tt]welve|\d{1,3})\s+(?:new\s+|major\s+|more\s+|cooperation\s+)?"
    r"(?P<what>agreements|memorand(?:ums|a)\s+of\s+understanding|MOUs|MoUs|contracts|deals)\b"
)
# "MOUs were signed between A and B on …; between C and D on …; and between E and F"
PLURAL = (
    r"(?P<phrase>(?:[A-Za-z][\w-]*\s+){0,3}?(?:[Aa]greements|MOUs|MoUs|[Mm]emorand(?:ums|a)\s+of\s+"
    r"(?:understanding|cooperation)|contracts|letters\s+of\s+intent))"
)
PLURAL_PASSIVE = re.compile(
    rf"\b{PLURAL}(?:\s+\([A-Za-z]+\))?\s+(?:were|have\s+been|had\s+been)\s+signed\s+"
    r"(?=between\b)"
)
BETWEEN_EACH = re.compile(
    rf"\bbetween\s+{BETWEEN_NAMES}"
    r"(?=\s+(?:on|to|for|covering|in|at|worth|valued|regarding)\b|\s*,(?!\s*(?:Ltd|S\.A)\b)"
    r"|\s*[;.]|$)"
)
# "They included a strategic cooperation agreement between A and B, signed by …"
LISTED = re.compile(
    rf"\b(?:[Aa]n?|[Oo]ne)\s+(?P<phrase>{AGREEMENT_PHRASE}){WORTH_BEFORE_BETWEEN}"
    rf"\s+between\s+{BETWEEN_NAMES}"
    r"(?=\s+(?:on|to|for|covering|in|at|worth|valued|regarding|signed)\b"
    r"|\s*,(?!\s*(?:Ltd|S\.A)\b)|\s*[;.]|$)"
)
# "Under a separate investment agreement, A will build a plant with B"; "Under the
# investment agreement, A will invest …" (``the``: one named before)
UNDER = re.compile(
    r"^(?:Under|Through|Via)\s+(?:(?P<the>the)|an?|one)\s+"
    r"(?:(?:separate|new|further|second|third)\s+)?"
    rf"(?P<phrase>{AGREEMENT_PHRASE})\s*,\s*(?:the\s+)?(?P<first>[A-Z](?:{COMPANY_FORM}|"
    r",\s*(?=Ltd|S\.A)|[^,;.])+?)\s+(?:will|would|is\s+to|are\s+to|agreed\s+to|is\s+set\s+to|"
    r"plans\s+to)\s+(?P<rest>.+)$"
)
PARTNER = re.compile(
    rf"\b(?:with|from|to)\s+(?:the\s+)?(?P<who>(?!{COMPANY_FORM})[A-Z][\w'’&-]*(?:\s+"
    rf"(?:(?:of|and|&|the|for|de|do|da)\s+)*(?!{COMPANY_FORM})[A-Z][\w'’&-]*)*"
    rf"(?:,?\s*{COMPANY_FORM})*)"
)
# "Under the investment agreement, signed between A and B, …", "The memorandum of
# understanding between A and B commits …", "The MoU, between A and B, covers …": who the
# parties of an agreement named before are
DEFINED_BETWEEN = re.compile(
    rf"^(?:Under\s+)?(?:The|the)\s+(?P<phrase>{AGREEMENT_PHRASE})(?:\s*\([A-Za-z]+\))?\s*,?\s+"
    rf"(?:(?:signed|concluded|reached)\s+)?between\s+{BETWEEN_NAMES}"
    r"(?=\s*,|\s+(?:will|would|is|was|has|aims|calls|sets|commits|covers|provides|includes|"
    r"focuses|establishes|creates|allows|envisages|runs|lasts)\b)"
)
# "The agreement was signed by …", "It was signed by …": the agreement just spoken of
IT_WAS_SIGNED = re.compile(
    r"^(?:It|The\s+(?:agreement|deal|MoU|MOU|memorandum|contract|letter))\s+(?:was|has\s+been)\s+"
    r"signed\s+by\b"
)
# "…, together with a memorandum of understanding on …": a second agreement
TOGETHER_WITH = re.compile(
    rf"\b(?:together\s+with|along\s+with|as\s+well\s+as|and)\s+an?\s+"
    rf"(?P<phrase>{AGREEMENT_PHRASE})\b(?:\s*\([A-Za-z]+\))?"
)


# "Letter of intent with Kansai Clean Fuels K.K. for …", "Investment agreement under which
# Hanbit Energy Co., Ltd. will invest …": an item of a list of the deals one company signed
BULLET_DEAL = re.compile(
    r"^\s*(?:[-•*–]\s*)?(?P<phrase>Letter\s+of\s+intent|Memorandum\s+of\s+understanding|MoU|MOU|"
    r"[A-Z][a-z-]+(?:\s+[a-z-]+){0,3}?\s+(?:agreement|contract))\s+"
    rf"(?:with\s+(?:the\s+)?(?P<with>[A-Z](?:{COMPANY_FORM}|[^,;.])+?)"
    r"(?=\s+(?:for|on|to|covering|under|worth|valued)\b|\s*[,;.]|$)"
    rf"|under\s+which\s+(?:the\s+)?(?P<who>[A-Z](?:{COMPANY_FORM}|,\s*(?=Ltd|S\.A)|[^,;.])+?)"
    r"\s+(?:will|would)\b)"
)
# "Fraser Hydrogen Corp. (TSXV: FHC) (…) today announced that it signed …": the company
# "it" is
OPENING_COMPANY = re.compile(
    rf"^(?:[A-Z][\w&'’.-]*\s+){{0,6}}?(?:{COMPANY_FORM}|{BARE_FORM}|Limited|Company)(?=\s*\()"
)


# "The first was signed by …": one of the agreements just listed
WHICH_ONE = re.compile(
    r"^(?:The|the)\s+(?P<which>first|second|third|fourth|fifth|last|latter|former)\b"
    r"(?:\s+(?:one|agreement|MOU|MoU|memorandum|contract))?\s+(?:was|were)\s+signed\s+by\b"
)
WHICH = {"first": 0, "former": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4,
         "last": -1, "latter": -1}  # fmt: skip
SIGNED_BY = re.compile(
    r"\bsigned\s+by\s+(?P<who>[^;.]+?)(?=\s+(?:on\s+behalf|at|on|in|during|for|as|under|"
    r"before|with|respectively)\b|[;.]|$)"
)
SIGNERS_FIRST = re.compile(
    rf"^(?:{LEADING_CLAUSE.pattern[1:]})?(?P<who>(?:{HONORIFIC}\s+)?{PERSON_NAME}"
    rf"(?:,\s+(?:{HONORIFIC}\s+)?{PERSON_NAME})*,?\s+and\s+(?:{HONORIFIC}\s+)?{PERSON_NAME})"
    r"\s+(?:also\s+|jointly\s+|then\s+)?(?:signed|inked)\b"
)


# "Wong Kar-ming, Peter, Provost of …", "Mr TSANG Wai-lun, Raymond, said": a Hong Kong name
# with its English given name after it
ENGLISH_AFTER = re.compile(
    rf"\b(?P<name>(?:[A-Z][a-z]+|[A-Z]{{2,}})\s+[A-Z][a-z]+-[a-z]+),\s"
    rf"(?P<english>(?!(?:{TITLE_WORDS})\b)[A-Z][a-z]+),(?=\s)"
)


# "Paul Chan Mo-po, GBM, GBS, JP, Financial Secretary": honours after a name
HONOURS = re.compile(
    r"(?<=[a-z]),(?:\s+(?:GBM|GBS|SBS|BBS|MH|JP|OBE|CBE|MBE|KBE|DBE|EGH|EBS|CBS|MBS|HSC|OGW|"
    r"PhD|FRS|FREng),)+(?=\s)"  # each ends with a comma: "banks, JP Morgan" keeps "JP"
)


def as_read(text: str) -> str:
    """The text as the rules read it, in the same number of characters so that every
    offset still points into the text as pasted: English names first, honours left out."""
    return without_honours(english_names_first(text))


def english_names_first(text: str) -> str:
    """Each Hong Kong name with its English given name after it written given name first:
    "Wong Kar-ming, Peter, " → "Peter Wong Kar-ming, "."""
    return ENGLISH_AFTER.sub(lambda m: f"{m['english']} {m['name']}, ", text)


def without_honours(text: str) -> str:
    """Honours after a name blanked: "Paul Chan Mo-po, GBS, JP, " → "Paul Chan Mo-po,      "."""
    return HONOURS.sub(lambda m: "," + " " * (len(m.group()) - 1), text)


COMPANY_AT_END = re.compile(rf"(?:{COMPANY_FORM}|{BARE_FORM}|Company)\s*$")


def under_parties(under: re.Match) -> list[str]:
    """The parties "Under … agreement, A will … with B" names: A, and B when named."""
    partner = PARTNER.search(under["rest"])
    parties = [under["first"]] + ([partner["who"]] if partner else [])
    return [company_stop(p) for p in parties if looks_like_party(p)]


def only_places(parties: list[str]) -> bool:
    """Whether a list of parties names no organization: none, or only places ("Kenya",
    "China's Zhejiang Province")."""
    return all(
        is_place(party) or is_place(re.sub(r"^[A-Z][\w-]*['’]s\s+", "", party)) for party in parties
    )


def names_in_list(text: str, offset: int = 0):
    """(where, name) for each piece of a list that is a person's name and nothing else."""
    for piece in re.finditer(r"[^,]+", re.sub(r"\s+and\s+", ", ", text)):
        words = piece.group().strip()
        name = clean_name(words)
        if re.fullmatch(rf"(?:{HONORIFIC}\s+)?{PERSON_NAME}", words) and is_name(name):
            yield offset + text.find(name), name


ON_BEHALF = re.compile(
    r"\bon\s+behalf\s+of\s+(?:the\s+)?(?P<who>[A-Z][^,.;]+?)(?=\s+respectively\b|[,.;]|$)"
)


def agreement_kind(phrase: str) -> str:
    """A partnerships.AgreementKind value from how the release names the agreement."""
    phrase = phrase.lower()
    if "strategic" in phrase:
        return "strategic_cooperation"
    if "framework" in phrase:
        return "framework"
    if "memorand" in phrase or "mou" in phrase:
        return "memorandum"
    if "letter of intent" in phrase:
        return "letter_of_intent"
    if "investment" in phrase:
        return "investment"
    if re.search(
        r"\b(?:purchase|purchasing|sales?|supply|procurement|service|licen[cs]e)\b", phrase
    ):
        return "other"  # a trade, not an investment
    if "project" in phrase or "contract" in phrase:
        return "investment"
    return "other"


def singular(phrase: str) -> str:
    """ "MOUs" → "Memorandum of understanding", "investment agreements" → "investment
    agreement": one of the agreements a plural names."""
    phrase = re.sub(r"\b(?:MOUs|MoUs)$", "memorandum of understanding", phrase.strip())
    phrase = re.sub(r"\b([Mm])emorand(?:ums|a)\b", r"\1emorandum", phrase)
    phrase = re.sub(r"\bletters\s+of\b", "letter of", phrase)
    return re.sub(r"\b(agreement|contract)s$", r"\1", phrase)


def agreement_title(phrase: str, parties: list[str]) -> str:
    phrase = re.sub(r"\s+", " ", phrase.strip())
    phrase = capitalized(re.sub(r"^(?:MoU|MOU)$", "memorandum of understanding", phrase))
    if len(parties) >= 2:
        return f"{phrase} between {', '.join(parties[:-1])} and {parties[-1]}"
    if len(parties) == 1:
        return f"{phrase} with {parties[0]}"
    return phrase


@dataclass
class Agreement:
    ref: str
    phrase: str  # how the release names it ("strategic cooperation agreement")
    kind: str
    parties: list[str]
    value: str = ""
    currency: str = ""
    start: int = 0
    end: int = 0


# ---------------------------------------------------------------------------------------
# Key figures

SINCE = re.compile(r"\bsince\s+(?P<scope>the\s+[a-z][\w\s-]*?|\d{4})\s*,")
AS_OF = re.compile(
    r"\b(?:as\s+of|by\s+the\s+end\s+of|at\s+the\s+end\s+of|as\s+at)\s+"
    r"(?:(?P<month>[A-Z][a-z]+)\s+)?(?P<year>\d{4})|\bin\s+(?P<year2>\d{4})\b"
    r"|\blast\s+year\b(?P<last>)"
    # "by the end of September": that month of the event's year
    r"|\b(?:by|at)\s+the\s+end\s+of\s+(?P<month2>(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December))\b(?!\s+\d)"
)


def as_of(clause: str, default: dt.date | None, published: dt.date | None) -> str:
    match = AS_OF.search(clause)
    if match:
        if match["month2"]:
            anchor = default or published
            if not anchor:
                return ""
            months = "jan feb mar apr may jun jul aug sep oct nov dec".split()
            return last_day(anchor.year, months.index(match["month2"][:3].lower()) + 1).isoformat()
        if match["last"] is not None:
            # "last year": the year before the release's; without a publication date,
            # the year before the event's; with neither, no date rather than a guess.
            anchor = published or default
            return last_day(anchor.year - 1).isoformat() if anchor else ""
        year = int(match["year"] or match["year2"])
        month = match["month"]
        if month and month[:3].lower() in (
            "jan feb mar apr may jun jul aug sep oct nov dec".split()
        ):
            months = "jan feb mar apr may jun jul aug sep oct nov dec".split()
            return last_day(year, months.index(month[:3].lower()) + 1).isoformat()
        return last_day(year).isoformat()
    return default.isoformat() if default else ""


LIST_ITEM = r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}"
LABEL_LIST = re.compile(rf",\s+(?P<items>{LIST_ITEM}(?:,\s+{LIST_ITEM})*),?\s+and\s+(?P<last>.*)$")


def listed_label(rest: str, label: str) -> str:
    """ "close to 400 officials, entrepreneurs and investors from …": the label is the
    list, not its first word."""
    if not label:
        return label
    head = re.match(rf"\s*{re.escape(label)}", rest)
    if not head:
        return label
    listed = LABEL_LIST.match(rest[head.end() :])
    if not listed:
        return label
    last = label_after(listed["last"], False)
    if not last or len(last.split()) > 3:
        return label
    return f"{label}, {listed['items']} and {last}"


def figures_in(
    sentence: str, skip: list[tuple[int, int]], default: dt.date | None, published=None
) -> list[tuple[int, int, dict]]:
    """Key figures in a sentence: (start, end, value) for each number that counts
    something; dates, times, years, agreement values and small bare numbers are not."""
    found = []
    scope = SINCE.search(sentence)
    for match in FIGURE.finditer(sentence):
        start, end = match.start(), match.end()
        if any(a < end and start < b for a, b in skip):
            continue
        value, currency, unit = figure_value(match)
        qualifier = QUALIFIERS.get((match["qualifier"] or "").lower(), "")
        label = label_after(sentence[end:], bool(match["money"]))
        label = listed_label(sentence[end:], label)
        bare = not (qualifier or currency or unit or match["scale"])
        if match["number"] and re.fullmatch(r"(?:19|20)\d\d", match["number"]) and bare:
            continue
        if bare and value < 10:
            continue
        if re.match(r"[-–]\w", sentence[end : end + 2]) or re.match(
            r"(?:st|nd|rd|th)\b", sentence[end:]
        ):
            continue
        if not label:
            label = label_before(sentence[:start])
            # "Nguyen said trade reached …": the speaker is no part of what is counted
            label = re.sub(
                rf"^(?:(?:[A-Z][\w-]*|he|she|He|She)\s+){{0,3}}(?:{SPEECH_VERBS})\s+(?:that\s+)?",
                "",
                label,
            )
            if not label:
                continue
            if not qualifier and re.search(
                r"\b(?:exceeded|surpassed|topped)\s*$", sentence[:start]
            ):
                qualifier = "more_than"  # "trade exceeded US$95 billion"
        if scope and scope.end() <= start:
            label = f"{label} since {scope['scope'].strip()}"
        clause = sentence[start : sentence.find(",", end) if "," in sentence[end:] else None]
        if not AS_OF.search(clause):
            # "by the end of 2023 more than 300 companies had invested, with US$4.2 billion":
            # a date earlier in the same statement dates it too
            before = re.split(r";|\band\s+that\b", sentence[:start])[-1]
            dated = list(AS_OF.finditer(before))
            if dated:
                clause = dated[-1].group()
        found.append(
            (
                start,
                end,
                {
                    "value": decimal_text(value),
                    "qualifier": qualifier,
                    "unit": unit,
                    "currency": currency,
                    "label": label,
                    "as_of": as_of(clause, default, published),
                },
            )
        )
    return found


# ---------------------------------------------------------------------------------------
# Captions and headings

CAPTION = re.compile(
    r"^(?:Photo\s+)?[Cc]aption\s*:\s*(?P<text>.+)$|^Photo\s*:\s*(?P<text2>[^h].+)$"
)


def caption_of(line: str) -> str:
    match = CAPTION.match(line.strip())
    return ((match["text"] or match["text2"]) or "").strip() if match else ""


SESSION_WORDS = r"ceremony|panel|session|dialogue|roundtable|round-table|discussion|workshop"


def heading_session(line: str) -> tuple[str, str] | None:
    """A heading that names an agenda item ("The signing ceremony of major industrial
    cooperation projects"): (title, kind)."""
    line = line.strip()
    if not line or line.endswith((".", ":", "?", "!")) or len(line.split()) > 14:
        return None
    match = re.search(rf"\b(?:{SESSION_WORDS})\b", line, re.IGNORECASE)
    if not match:
        return None
    kind = "ceremony" if "ceremony" in line.lower() else "panel"
    # "Panel: Humanoids in the Factory": the heading's label is no part of the title
    line = re.sub(r"^(?:Panel(?:\s+discussion)?|Roundtable|Session|Workshop)\s*[:–—-]\s+", "", line)
    title = capitalized(re.sub(r"^(?:The|the)\s+", "", line))
    return title, kind


PANEL_WORD = r"(?:themed|titled|entitled|called|named|on|under\s+the\s+theme(?:\s+of)?)"
PANEL = re.compile(
    # "the afternoon panel, "Ports After the Shaking Stops", began …"
    r"\b(?i:a|the)\s+(?:(?:morning|afternoon|evening|first|second|final|closing|main|"
    r"high-level|ministerial)\s+)?"
    r"(?P<what>panel\s+discussion|panel|roundtable|round-table\s+discussion|dialogue\s+session)"
    # 'the panel discussion "Data Flows and Trust"', 'a panel themed "…"', 'a panel on …'
    rf"(?:\s*,?\s+(?:{PANEL_WORD}\s+)?[\"“](?P<quoted>[^\"”]+)[\"”]|\s+{PANEL_WORD}\s+"
    r"(?P<topic>[^,.;]+?)(?=\s+(?:was|were|is|will|featured|"
    r"saw|brought|gathered|moderated|at|on\s+the|during)\b|[,.;]|$))?"
)
TITLED_SESSION = re.compile(
    r"\b(?i:a|the)\s+(?P<what>workshop|sub-forum|breakout\s+session|fireside\s+chat|"
    r"parallel\s+session|seminar|masterclass)"
    rf"(?:\s+(?:{PANEL_WORD}\s+)?[\"“](?P<quoted>[^\"”]+)[\"”]|\s+{PANEL_WORD}\s+"
    r"(?P<topic>[^,.;\"“]+?)(?=\s+(?:was|were|is|will|featured|saw|brought|gathered|moderated|"
    r"at|on\s+the|during)\b|[,.;]|$))"
)
CEREMONY = re.compile(
    r"\b(?i:a|the)\s+(?P<what>(?:signing|opening|closing|launch|award|awards|unveiling)\s+"
    r"ceremony(?:\s+(?:of|for)\s+[a-z][^,.;]*?)?)(?=\s+(?:was|were|is|will|at|on|in|took|saw|"
    r"held|witnessed|attended|presided|hosted|chaired|officiated)\b|[,.;]|$)"
)
OPENING_SESSION = re.compile(r"\b(?i:the)\s+(?P<what>(?i:opening|closing|plenary)\s+session)\b")
DAY_MARKER = re.compile(
    r"\b(?:on|during)\s+the\s+(?P<ordinal>first|second|third|fourth)\s+day\b|\bon\s+day\s+"
    r"(?P<number>one|two|three|four)\b|\bthe\s+(?P<next>next)\s+day\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------
# The whole release


SHORT_NAME = re.compile(
    r"(?<![\w'’&.-])(?P<name>(?:[A-Z][\w'’&.-]{0,60}\s+(?:(?:of|for|and|the|in|&)\s+)*){1,10})"
    r"\((?P<short>[A-Z][A-Za-z]{1,9}(?:\s[A-Z][a-z]+)?)\)"
)


# "Nam Van Holdings Limited ("Nam Van" or "the Group", HKEX: 2917)": a quoted short name
QUOTED_SHORT_NAME = re.compile(
    r"(?<![\w'’&.-])(?P<name>(?:[A-Z][\w'’&.-]{0,60},?\s+(?:(?:of|for|and|the|&)\s+)*){1,10})"
    r"\(\s*(?:hereinafter\s+(?:referred\s+to\s+as\s+)?)?(?:the\s+)?[\"“](?P<short>[A-Z][^\"”()]{1,30})[\"”]"
    r"[^()]{0,80}\)"
)


def by_first_word(names) -> dict[str, list[str]]:
    """The names by their first word: a name is compared only with those sharing it, so a
    release of many organizations is read in linear time."""
    found: dict[str, list[str]] = {}
    for name in names:
        if name.split():
            found.setdefault(name.split()[0], []).append(name)
    return found


class Reader:
    def __init__(self, text: str):
        self.original = text  # what the reviewer sees; the rules read it as below
        text = as_read(text)
        self.text = text
        self.sentences = sentences(text)
        # Each paragraph's sentences, grouped once: looking them up by scanning every
        # sentence for each one made a paste of many short paragraphs quadratic.
        self.paragraphs: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            self.paragraphs.setdefault(sentence.paragraph, []).append(sentence)
        self.facts: list[Fact] = []
        self.warnings: list[str] = []
        self.people: dict[str, Person] = {}
        self.by_word: dict[str, list[Person]] = {}  # each word a person is called by
        self.organizations: dict[str, tuple[int, int]] = {}  # surface name → first mention
        self.short_names: dict[str, str] = {}  # acronym → full name
        self.aliases: dict[str, str] = {}  # "group" (of "the Group") → full name
        self.agreements: list[Agreement] = []
        self.sessions: list[dict] = []
        self.current_day: dt.date | None = None
        self.event = Event()
        self.source = Source()
        self.consumed: list[tuple[int, int]] = []  # spans that are no key figures

    def add(self, kind: str, value: dict, start: int, end: int, confidence: float = 0.8):
        self.facts.append(Fact(kind, value, start, end, confidence))

    @functools.cached_property
    def lead(self) -> Sentence | None:
        """The first sentence after the dateline (read once the source is read)."""
        return next((s for s in self.sentences if s.end > self.source.end), None)

    def read(self) -> Reading:
        text = self.text
        self.source = read_source(text)
        self.date_the_dateline()
        self.read_source_facts()
        year = self.year()
        self.event = read_event(
            text, self.source.end, self.sentences, year, self.source.published_on
        )
        if not self.event.title and self.source.headline:
            self.headline_as_title()
        place = self.source.dateline or self.source.byline_place
        here = self.event.sentence and re.search(r"\bhere\b", self.event.sentence.text)
        if place and here and known_city(place.title()):
            self.event.city = ""  # "opened … here today": the dateline's city
        if self.event.sentence and not self.event.city and place:
            # no city in the event's sentences: the dateline's (or byline's), if it names one
            city = known_city(place.title())
            self.event.city = city
        # the city as the site spells it (Macao's Portuguese spelling is in venues' names)
        self.event.city = {"Macau": "Macao"}.get(self.event.city, self.event.city)
        self.read_event_fields()
        self.read_held()
        self.read_event_facts()
        self.read_summary()
        self.read_short_names()
        for sentence in self.sentences:
            self.read_sentence(sentence)
        self.finish_sessions()
        self.read_people_facts()
        self.read_agreement_facts()
        self.read_organization_facts()
        if not (
            self.source.dateline
            or self.source.publisher
            or self.event.title
            or self.event.start_date
        ):
            self.facts = []
            self.warnings.append(str(NOT_A_RELEASE))
            return Reading(text=self.original, language=language_of(text), warnings=self.warnings)
        if not self.event.start_date:
            self.warnings.append(gettext("No date of the event was found."))
        if not self.event.title:
            self.warnings.append(gettext("No title of the event was found."))
        self.facts.sort(key=lambda fact: (fact.start, fact.end))
        return Reading(text=self.original, language=language_of(text), facts=self.facts,
                       warnings=self.warnings)  # fmt: skip

    def year(self) -> int:
        """The year dates without one take: the release's, else the first year named."""
        if self.source.published_on:
            return self.source.published_on.year
        if self._year is None:
            match = re.search(r"\b(?:19|20)\d\d\b", self.text)
            self._year = int(match.group()) if match else 2000
        return self._year

    _year: int | None = None

    def date_the_dateline(self):
        """A dateline without a year ("BANGKOK, Feb. 27 (Xinhua) --") takes the year the
        release names; with none named, no date rather than a guess."""
        source = self.source
        if not source.day_without_year or source.published_on:
            return
        match = re.search(r"\b(?:19|20)\d\d\b", self.text)
        if match:
            dates = dates_in(source.day_without_year, int(match.group()))
            source.published_on = dates[0][2] if dates else None
        if source.published_on is None:
            self.warnings.append(
                gettext("The dateline gives no year, and none was found: no date of publication.")
            )

    def headline_as_title(self):
        """No sentence names the event: the headline is offered as its title, less sure."""
        source = self.source
        title = source.headline.strip().rstrip(".")
        if not title or len(title) > 200:
            return
        if not re.search(rf"\b(?:{EVENT_WORDS})\b", title):
            return  # "A and B sign a framework agreement": news, not an event's name
        start = source.headline_start
        self.add("title", {"text": title}, start, start + len(source.headline), 0.4)

    # the source and the event ----------------------------------------------------------

    def read_source_facts(self):
        source = self.source
        if source.dateline:
            start = self.text.find(source.dateline)
            self.add(
                "dateline", {"text": source.dateline}, start, start + len(source.dateline), 0.95
            )
        if source.published_on:
            self.add("published_on", {"date": source.published_on.isoformat()},
                     source.start, source.end, 0.95)  # fmt: skip
        if source.publisher:
            self.add("publisher", {"text": source.publisher}, source.start, source.end, 0.95)

    def read_held(self):
        """ "Held from 21 to 23 April under the theme "…", the show was …": the dates
        and theme of the event, when its own sentence gave only a day (the one it closed
        on) or none, and no theme."""
        event = self.event
        if not event.sentence or (event.end_date and event.theme):
            return
        paragraph = event.sentence.paragraph
        for sentence in self.sentences:
            if not paragraph <= sentence.paragraph <= paragraph + 3:
                continue
            match = HELD_PARTICIPLE.match(sentence.text)
            if not match:
                continue
            dates = dates_in(match["when"], self.year())
            if dates and dates[0][3] and not event.end_date:
                _, _, first, last = dates[0]
                if event.start_date is None or first <= event.start_date <= last:
                    event.start_date, event.end_date = first, last
            if match["theme"] and not event.theme:
                event.theme = match["theme"].strip()
            return

    def read_event_fields(self):
        """A page's box of fields ("Event: …", "Date: 2026-05-12, 10:00–17:30", "Venue: …")
        gives what the sentences did not; the event's facts then point at the lead."""
        event, fields = self.event, field_box(self.text)
        if not fields:
            return
        if "event" in fields and not event.title:
            event.title = fields["event"]
        when = fields.get("date") or fields.get("time")
        if when and not event.start_date:
            dates = dates_in(when, self.year())
            if dates:
                _, _, event.start_date, event.end_date = dates[0]
        if when and not event.start_time:
            times = times_in(ISO_DATE.sub("", when))
            if times:
                event.start_time, event.end_time = times[0][2], times[0][3] or ""
        place = fields.get("venue") or fields.get("location") or fields.get("place")
        if place and not event.venue:
            event.venue = place.split(",")[0].strip()
        if place and not event.city:
            event.city = known_city(place)
        if event.sentence is None:
            event.sentence = self.lead

    def read_event_facts(self):
        event = self.event
        if not event.sentence:
            return
        s = event.sentence
        start, end = max(s.start, self.source.end), s.end
        for kind, key, value in (
            ("title", "text", event.title),
            ("theme", "text", event.theme),
            ("start_date", "date", event.start_date and event.start_date.isoformat()),
            ("end_date", "date", event.end_date and event.end_date.isoformat()),
            ("start_time", "time", event.start_time),
            ("end_time", "time", event.end_time),
            ("venue", "text", event.venue),
            ("city", "text", event.city),
        ):
            if value:
                self.add(kind, {key: value}, start, end, 0.8)
        zone = CITY_ZONES.get(event.city)
        if zone:
            self.add("time_zone", {"name": zone}, start, end, 0.9)
        self.current_day = event.start_date

    def read_summary(self):
        """The lead paragraph's sentences after the one that names the event."""
        sentence = self.event.sentence
        if not sentence:
            return
        rest = [s for s in self.paragraphs[sentence.paragraph] if s.start > sentence.start]
        if rest:
            self.add("summary", {"text": " ".join(s.text for s in rest)},
                     rest[0].start, rest[-1].end, 0.6)  # fmt: skip
            return
        # the lead paragraph is that one sentence: it is the summary (its body, after the
        # dateline), if it is the lead
        alone = self.paragraphs[sentence.paragraph]
        if self.lead is sentence and len(alone) == 1:
            start = max(sentence.start, self.source.end)
            body = self.text[start : sentence.end].strip()
            if body:
                self.add("summary", {"text": body}, start, sentence.end, 0.5)

    def read_short_names(self):
        """ "Hong Kong Trade Development Council (HKTDC)": the acronym stands for the name."""
        # A name starts at a word's start, and its words are of a bounded length: tried at
        # every letter of a long run of them, the pattern took minutes on a paste.
        for match in SHORT_NAME.finditer(self.text):
            self.short_names[match["short"]] = expanded(match["name"], match["short"])
        for match in QUOTED_SHORT_NAME.finditer(self.text):
            generic = re.search(r"[\"“]the\s+(Group|Company|Bank|University)[\"”]", match.group())
            if generic:  # ("Nam Van" or "the Group"): "the Group's Chairman" works there
                words = re.sub(r"^(?:The|the)\s+", "", match["name"].strip().rstrip(",")).split()
                short_words = match["short"].split()
                start = words.index(short_words[0]) if short_words[0] in words else 0
                self.aliases[generic[1].lower()] = " ".join(words[start:])
            short = match["short"].strip()
            if short.lower() in {"the group", "the company", "group", "company"}:
                continue
            words = re.sub(r"^(?:The|the)\s+", "", match["name"].strip().rstrip(",")).split()
            first = short.split()[0]
            name = " ".join(words[words.index(first) :]) if first in words else " ".join(words)
            if name != short and looks_like_organization(name):
                self.short_names.setdefault(short, name)
        publisher = self.source.publisher
        if publisher:
            # "ABEXA – Brazilian Specialty Food Exporters Association": a site's letterhead
            # gives the publisher's acronym
            for match in re.finditer(
                rf"^\s*(?P<short>[A-Z]{{2,10}})\s+[-–—:]\s+{re.escape(publisher)}\s*$",
                self.text[: self.source.start or len(self.text)],
                re.MULTILINE,
            ):
                self.short_names.setdefault(match["short"], publisher)

    # each sentence ---------------------------------------------------------------------

    def read_sentence(self, sentence: Sentence):
        text = sentence.text
        caption = caption_of(text)
        if caption:
            self.add("caption", {"text": caption}, sentence.start, sentence.end, 0.95)
            return
        if sentence.end <= self.source.end:
            return
        if self.source.end > sentence.start:  # the dateline's sentence: its body only
            cut = self.source.end - sentence.start
            sentence = Sentence(self.source.end, sentence.end, text[cut:], sentence.paragraph)
            text = sentence.text
        heading = heading_session(text)
        if heading and len(self.paragraphs[sentence.paragraph]) == 1:
            self.session(heading[0], heading[1], sentence)
            return
        self.read_day(sentence)
        self.read_sessions(sentence)
        self.read_organizers(sentence)
        self.read_agreements(sentence)
        self.read_people(sentence)
        self.read_quotes(sentence)
        self.read_figures(sentence)

    def read_day(self, sentence: Sentence):
        if not self.event.end_date:
            return
        marker = DAY_MARKER.search(sentence.text)
        if marker:
            word = (marker["ordinal"] or marker["number"] or marker["next"]).lower()
            base = self.event.start_date if marker["next"] is None else self.current_day
            self.current_day = base + dt.timedelta(days=ORDINAL_DAYS[word])
            return
        if sentence is self.event.sentence:
            return
        for *_, first, _last in dates_in(sentence.text, self.year()):
            if self.event.start_date <= first <= self.event.end_date:
                self.current_day = first
                return
        # "On Friday afternoon, a panel …": the day of the event that is that weekday
        weekday = re.search(
            r"\b(?:[Oo]n|[Ll]ater\s+on|[Bb]y)\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday)\b",
            sentence.text,
        )
        if weekday and sentence.paragraph != self.event.sentence.paragraph:
            # (not the lead paragraph's "ended on Saturday": it sums the event up)
            day = self.event.start_date
            while day <= self.event.end_date:
                if WEEKDAYS[day.weekday()] == weekday["day"].lower():
                    self.current_day = day
                    return
                day += dt.timedelta(days=1)

    def session(self, title: str, kind: str, sentence: Sentence, person: str = "",
                generic: bool = False) -> dict:  # fmt: skip
        for existing in self.sessions:
            if existing["title"].lower() == title.lower() and not generic:
                return existing
        times = times_in(sentence.text)
        found = {
            "title": title,
            "kind": kind,
            "date": self.current_day.isoformat()
            if self.event.end_date and self.current_day
            else "",
            "start_time": times[0][2] if times else "",
            "start": sentence.start,
            "end": sentence.end,
            "person": person,
            "generic": generic,
        }
        self.sessions.append(found)
        return found

    def read_sessions(self, sentence: Sentence):
        lead = self.lead
        if self.event.sentence and sentence.paragraph == self.event.sentence.paragraph:
            if lead is None or lead.paragraph == sentence.paragraph:
                return  # the lead paragraph sums the event up; its agenda comes later
        signed = re.search(r"\b(?:were|was|been)\s+signed\b", sentence.text)
        for match in CEREMONY.finditer(sentence.text):
            what = re.sub(r"\s+", " ", match["what"])
            if "signing" in what and any("signing" in s["title"].lower() for s in self.sessions):
                continue
            session = self.session(capitalized(what), "ceremony", sentence)
            if signed or "signing" in what:
                self.signing_session = session["title"]
        if (
            re.search(r"\bsigned\s+at\s+(?:a|the)\s+ceremony\b", sentence.text)
            and not self.signing_session
        ):
            # "Four agreements were signed at a ceremony in the afternoon"
            self.signing_session = self.session("Signing ceremony", "ceremony", sentence)["title"]
        for match in OPENING_SESSION.finditer(sentence.text):
            # "told the opening session that …": an agenda item of speeches
            self.session(capitalized(match["what"].lower()), "speech", sentence)
        for match in PANEL.finditer(sentence.text):
            if match["quoted"]:
                title = match["quoted"]
            elif match["topic"]:
                title = capitalized(f"{match['what']} on {match['topic'].strip()}")
            else:
                if any(s["kind"] == "panel" for s in self.sessions):
                    continue
                title = capitalized(match["what"])
            self.session(title, "panel", sentence)
        for match in TITLED_SESSION.finditer(sentence.text):
            # 'a workshop titled "…"', 'a fireside chat on …': an agenda item by its title
            title = match["quoted"] or capitalized(f"{match['what']} on {match['topic'].strip()}")
            self.session(title, "other", sentence)
        self.read_side_event(sentence)

    def read_side_event(self, sentence: Sentence):
        """ "A Green Manufacturing Forum was held on October 26.": a named forum held
        within the event's days, after the event itself, is one of its agenda items."""
        event = self.event
        if sentence is event.sentence or not (event.title and event.start_date):
            return
        held = held_in(sentence.text)
        if not held:
            return
        title = re.sub(r"^(?:A|An)\s+(?=[A-Z])", "", event_title(held[0]))
        if (
            not title
            or title.lower() in event.title.lower()
            or event.title.lower() in title.lower()
        ):
            return
        dates = [first for *_, first, _ in dates_in(sentence.text, self.year())]
        last = event.end_date or event.start_date
        if len(dates) == 1 and event.start_date <= dates[0] <= last:
            self.session(title, "other", sentence)

    def read_organizers(self, sentence: Sentence):
        for name, role in organizers_in(sentence.text):
            name = self.organization(name, sentence.start, sentence.end)
            self.add("organizer", {"organization": name, "role": role},
                     sentence.start, sentence.end, 0.85)  # fmt: skip
        if not any(f.kind == "organizer" for f in self.facts):
            match = ACCORDING_TO.search(sentence.text)
            if match and looks_like_organization(match["who"]):
                name = match["who"].strip()
                self.organization(name, sentence.start, sentence.end)
                self.add("organizer", {"organization": name, "role": "organizer"},
                         sentence.start, sentence.end, 0.5)  # fmt: skip

    def the_one(self, name: str) -> str:
        """ "the Chamber", "the Association": the one organization of that kind the
        release named before (its publisher too), or the name as it is."""
        if not re.fullmatch(rf"(?:{ORGANIZATION_WORDS})", name):
            return name
        known = {
            bare
            for other in [*self.organizations, self.source.publisher]
            if (bare := re.sub(r"^(?:the|The)\s+", "", company_stop(other))) != name
            and re.search(rf"\b{re.escape(name)}\b", bare)
        }
        return known.pop() if len(known) == 1 else name

    def organization(self, name: str, start: int, end: int) -> str:
        name = re.sub(r"^(?:the|The)\s+", "", company_stop(name.strip(" ,")))
        name = self.the_one(name)
        place = re.match(r"^(?P<place>[A-Z][\w .-]*?)['’]s\s+(?=[A-Z])", name)
        if place and is_place(place["place"]):  # "Singapore's Straits Meridian Logistics"
            name = name[place.end() :]
        short = re.search(r"\s*\((?P<short>[A-Z][A-Za-z]*[A-Z](?:\s[A-Z][a-z]+)?)\)$", name)
        if short:  # "Hong Kong Trade Development Council (HKTDC)"
            name = name[: short.start()]
            self.short_names.setdefault(short["short"], name)
        else:  # "Hamburg Chamber of Commerce (Handelskammer Hamburg)": its name in another tongue
            other = re.search(r"\s*\((?P<inner>[A-Z][^()]*)\)$", name)
            if other and not is_place(other["inner"]) and other["inner"] not in CITY_ZONES:
                name = name[: other.start()]  # (a branch's place stays: "Bank of China (Macau)")
        self.organizations.setdefault(name, (start, end))
        return name

    # people ----------------------------------------------------------------------------

    def person(self, name: str, start: int, end: int) -> Person:
        if name not in self.people:
            person = self.people[name] = Person(name, start, end)
            for word in person.names:
                self.by_word.setdefault(word, []).append(person)
        return self.people[name]

    def known_person(self, word: str) -> Person | None:
        word = clean_name(word)
        matches = self.by_word.get(word, [])
        return matches[0] if len(matches) == 1 else None

    def speaker_named(self, phrase: str) -> Person | None:
        """The person met before whom a quotation's attribution names: by the whole
        name, one of its words ("Mr. Xu", "said Delaney") or its last words ("Al
        Mansoori said"), when no one else has it."""
        name = clean_name(phrase)
        person = self.people.get(name) or self.known_person(name)
        if person or not name:
            return person
        ending = [p for p in self.people.values() if p.name.endswith(f" {name}")]
        if len(ending) == 1:
            return ending[0]
        return self.known_person(name.split()[-1])

    def people_named(self, text: str) -> list[tuple[int, int, Person]]:
        """The people met before whom the text names: by their whole name, or by one of
        their names after "Mr", "Dr."… when no one else has it; each once, where first
        named. Looked up word by word, so a long release stays linear."""
        found: dict[str, tuple[int, int, Person]] = {}
        for word in re.finditer(r"\b[A-Z][\w'’-]*", text):
            for person in self.by_word.get(word.group(), []):
                if person.name in found:
                    continue
                if text.startswith(person.name, word.start()):
                    found[person.name] = (word.start(), word.start() + len(person.name), person)
                    continue
                title = re.search(
                    rf"{HONORIFIC}\s+$", text[max(0, word.start() - 14) : word.start()]
                )
                if title and self.known_person(word.group()) is person:
                    start = word.start() - len(title.group())
                    found[person.name] = (start, word.end(), person)
        return sorted(found.values(), key=lambda item: item[0])

    def posts_of(self, posts: str) -> list[tuple[str, str]]:
        """``split_posts``, with an organization in lower case ("director of the
        administrative committee") taken to the one the release named before."""
        found = []
        for title, org in split_posts(posts):
            if org.startswith("the ") and org == org.lower():
                org = self.named_before(org)
            elif not org:
                # "Straits Meridian Managing Director": the first words of a name read before
                lead = re.match(rf"^(?P<org>[A-Z].*?)\s+(?P<title>(?:{TITLE_WORDS})\b.*)$", title)
                known = lead and [
                    name for name in self.organizations if name.startswith(lead["org"] + " ")
                ]
                if known and len(known) == 1:
                    title, org = lead["title"], known[0]
            if org and re.fullmatch(rf"(?:{ORGANIZATION_WORDS})", org):
                org = self.the_one(org)  # "Chamber Chairman X": the chamber named before
            found.append((title, org))
        return found

    def named_before(self, phrase: str) -> str:
        """The organization a lower-case phrase stands for: "the administrative committee"
        (or "the zone's administrative committee") is the one organization named so far
        whose name holds those words ("Administrative Committee of … Park"); "" when none
        or several do."""
        owner = re.match(r"^the\s+(?P<owner>[a-z]+)['’]s\s+", phrase)
        phrase = re.sub(r"^the\s+(?:[a-z]+['’]s\s+)?", "", phrase)
        if phrase in self.aliases:
            return self.aliases[phrase]
        if owner:
            # "the zone's administrative committee", none named: the zone, named before
            return self.named_before(f"the {phrase}") or self.named_before(f"the {owner['owner']}")
        words = phrase.split()
        company = {"company", "firm"}
        found = []
        for name in self.organizations:
            held = {word.strip(".,").lower() for word in name.split()}
            if re.search(rf"\b(?:{COMPANY_FORM}|Company|Limited)", name):
                held |= company
            if words and all(word in held for word in words):
                found.append(name)
        # "Ningbo Zhoushan Port Group" and "… Group Co., Ltd.": one organization, twice named
        longest = [
            name for name in found if not any(o != name and o.startswith(name) for o in found)
        ]
        if len(longest) > 1 and words in (["company"], ["group"], ["firm"]):
            # "the company": the release's own, the first it named
            return min(longest, key=lambda name: self.organizations[name][0])
        return longest[0] if len(longest) == 1 else ""

    def read_people(self, sentence: Sentence):
        text = sentence.text
        intros = people_in(text)
        subjects = []  # (person, end of the subject in the sentence)
        for start, end, name, posts in intros:
            person = self.person(name, sentence.start, sentence.end)
            for title, organization in self.posts_of(posts):
                if (title, organization) not in [(t, o) for t, o in person.posts]:
                    person.posts.append((title, organization))
            if not person.role:
                following = [i[0] for i in intros if i[0] > start]
                after = text[end + 1 : following[0] if following else None].lstrip(", ")
                after_all = text[end:].lstrip(", ")
                before = re.sub(rf"{HONORIFIC}\s*$", "", text[:start])
                role = role_in(after_all if following else after, before, name)
                if role is None and following:
                    role = role_in(after_all, before, name)
                person.role = role
                person.session = self.session_of(role, sentence, name)
            subjects.append((person, end))
        if not intros:
            # "Chen said …": a surname before a verb of speech is the person named before
            opening = LEADING_CLAUSE.match(text)
            skip = opening.end() if opening else 0
            lead = re.compile(
                rf"(?:{PERSON_NAME}|He|She|[A-Z][a-z]+(?=\s+(?:{SPEECH_VERBS}|{TOLD})\b))\b"
            ).match(text, skip)
            if lead:
                word = lead.group()
                # "Chen said …", "At the meeting, Mayor Qiao said …": a person met before
                person = self.last_person if word in ("He", "She") else self.speaker_named(word)
                if person:
                    subjects.append((person, lead.end()))
                    if not person.role:
                        person.role = role_in(text[lead.end() :], "", person.name)
                        person.session = self.session_of(person.role, sentence, person.name)
        for person, end in subjects[:1] if len(subjects) > 1 else subjects:
            remark = reported(text[end:].lstrip(", "))
            if remark and not self.in_quote(text, end):
                for clause in reported_clauses(remark):
                    self.add("remark", {"person": person.name, "text": clause},
                             sentence.start, sentence.end, 0.75)  # fmt: skip
        added = ADDED.match(text)
        if added and not subjects and not self.in_quote(text, 0):
            who = added["who"]
            speaker = (
                self.last_person
                if who in ("he", "she")
                else self.people.get(who) or self.known_person(who)
            )
            if speaker:
                for said in (added["clause"], added["more"]):
                    for clause in reported_clauses(sentence_end(capitalized(said or ""))):
                        self.add("remark", {"person": speaker.name, "text": clause},
                                 sentence.start, sentence.end, 0.6)  # fmt: skip
                subjects.append((speaker, len(text)))
        if subjects:
            self.last_person = subjects[0][0]

    last_person: Person | None = None

    @staticmethod
    def in_quote(text: str, index: int) -> bool:
        return text[:index].count('"') % 2 == 1 or text[:index].count("“") > text[:index].count("”")

    def session_of(self, role: Role | None, sentence: Sentence, name: str) -> str:
        if role is None:
            return ""
        named = [
            s
            for s in self.sessions
            if s["start"] == sentence.start or s["title"].lower() in sentence.text.lower()
        ]
        if role.session == "panel":
            panels = [s for s in self.sessions if s["kind"] == "panel"]
            return panels[-1]["title"] if panels else ""
        if role.session == "signing":
            # "signed at the closing ceremony": the ceremony the agreements were signed at
            return self.signed_at()
        if role.session in ("ceremony", "dialogue", "roundtable", "session"):
            # "Speaking at the ceremony": the last ceremony the release named
            kinds = [s for s in self.sessions if role.session in s["title"].lower()]
            return kinds[-1]["title"] if kinds else ""
        if named:
            return named[-1]["title"]
        if role.session:
            kind = role.session_kind
            return self.session(role.session, kind, sentence, name, role.generic)["title"]
        return ""

    def read_quotes(self, sentence: Sentence):
        """Words in quotation marks, five words or more, that open in this sentence: said
        by the person named next to them ("…," said X / "…," X added / X said: "…"), or
        by whoever the paragraph last quoted; "he"/"she" is the last person named."""
        if self.quoted[0] != sentence.paragraph:
            paragraph = self.paragraphs[sentence.paragraph]
            start, end = paragraph[0].start, paragraph[-1].end
            self.quoted = (sentence.paragraph, None)
            self.paragraph_quotes = (
                start,
                self.text[start:end],
                list(QUOTE.finditer(self.text[start:end])),
            )
        start, text, quotes = self.paragraph_quotes
        for match in quotes:
            if not sentence.start <= start + match.start() < sentence.end:
                continue
            if len(match["quote"].split()) < 5:
                continue
            # the attribution is next to the quotation marks
            before = text[max(0, match.start() - 300) : match.start()]
            after = text[match.end() : match.end() + 300]
            if re.search(r"(?:theme(?:\s+of)?|themed|titled|entitled|called|named)\s*$", before):
                continue
            # '"…," Rossi told the audience', '"…," X, deputy governor of Y, told Xinhua'
            who = re.match(
                rf"\s*,?\s*(?:(?:{SPEECH_VERBS})\s+(?P<a>{PERSON_NAME}|he|she|{ONE_NAME})|"
                rf"(?P<b>{PERSON_NAME}|[Hh]e|[Ss]he|{ONE_NAME})(?:,\s+[^,\"“”]+,)?\s+"
                rf"(?:{SPEECH_VERBS}|{TOLD}))\b",
                after,
            )
            lead = re.search(
                rf"(?P<c>{PERSON_NAME}|He|She|he|she|{ONE_NAME})(?:,\s+[^,]+,)?\s+"
                rf"(?:{SPEECH_VERBS}|{TOLD})\s*(?:that\s*)?[:,]?\s*$",
                before,
            )
            word = (who and (who["a"] or who["b"])) or (lead and lead["c"])
            speaker = self.quoted[1]
            if word:
                if word.lower() in ("he", "she"):
                    speaker = speaker or self.last_person
                else:
                    speaker = self.speaker_named(word)
            if speaker:
                self.quoted = (sentence.paragraph, speaker)
                quote = match["quote"].strip().rstrip(",")
                self.add("quote", {"person": speaker.name, "text": quote},
                         start + match.start(), start + match.end(), 0.8)  # fmt: skip

    quoted: tuple[int, Person | None] = (-1, None)
    paragraph_quotes: tuple[int, str, list] = (0, "", [])

    # agreements ------------------------------------------------------------------------

    def read_agreements(self, sentence: Sentence):
        text = sentence.text
        self.read_defining(sentence)
        deal = BULLET_DEAL.match(text)
        signer, where = self.deal_signer
        if deal and signer and where < sentence.paragraph <= where + 6:
            partner = deal["with"] or deal["who"]
            if looks_like_party(partner):
                self.agreement(deal["phrase"], [signer, company_stop(partner)], sentence,
                               text[deal.end("phrase") :])  # fmt: skip
                first = self.listed[0] if self.listed[1] == len(self.agreements) - 1 else None
                self.listed = (len(self.agreements) - 1 if first is None else first,
                               len(self.agreements))  # fmt: skip
                self.mentioned = self.agreements[-1]
                return
        under = UNDER.match(LEADING_CLAUSE.sub("", text))
        if under and not under["the"]:
            parties = under_parties(under)
            if len(parties) == 2:
                self.agreement(under["phrase"], parties, sentence, under["rest"])
        signing = bool(re.search(r"\b(?:signed|inked)\b", text))
        if signing:
            self.signing_paragraph = sentence.paragraph
        elif sentence.paragraph == self.signing_paragraph or (
            # "- A framework agreement worth … between A and B": an item of a list of deals
            # below a paragraph of signings
            self.signing_paragraph >= 0 and re.match(r"^\s*(?:[-•*–]\s*)?(?:An?|One)\s", text)
        ):
            # "The last was a supply contract between A and B": the paragraph is of signings
            for match in LISTED.finditer(text):
                parties = [p for p in split_list(match["between"]) if looks_like_party(p)]
                if len(parties) == 2:
                    self.agreement(match["phrase"], parties, sentence, text[match.end("phrase") :])
            return
        else:
            return
        first = len(self.agreements)
        taken = []  # the spans of the sentence an agreement was read from
        for subject, match in signings(text):
            if self.agreements and re.match(r"the\s", text[match.start("phrase") - 4 :]):
                continue  # "signed the agreement": one already read
            taken.append((match.start(), match.end()))
            if match["between"]:
                parties = [p for p in split_list(match["between"]) if looks_like_party(p)]
            else:
                parties = self.parties_of(subject, text[match.end() :])
            if match["with"] and looks_like_party(match["with"]):
                parties.append(match["with"].strip())
            parties = [p for p in parties if p not in self.people]
            money_first = match.start("money_first") if match["money_first"] else None
            rest = text[match.end("phrase") if money_first is None else money_first :]
            self.agreement(match["phrase"], parties, sentence, rest)
            self.read_along_with(sentence, match.end())
            together = TOGETHER_WITH.search(text, match.end())
            if together and not SIGNED_VERB.search(text, match.end(), together.start()):
                # "… signed an investment agreement, together with a memorandum of
                # understanding on …": the same signers' second agreement
                taken.append((together.start(), together.end()))
                self.agreement(together["phrase"], list(parties), sentence, "")
        for match in PLURAL_SIGNED.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            subject = text[: match.start()].split(";")[-1]
            signers = self.parties_of(subject, text[match.end() :])
            company = OPENING_COMPANY.match(LEADING_CLAUSE.sub("", text))
            if not signers and company and re.search(r"\b(?:it|the\s+Company)\s*$", subject):
                signers = [company.group()]  # "X Corp. (…) announced that it signed …"
            partners = [p for p in split_list(match["with"]) if looks_like_party(p)]
            if re.match(r"(?:partners|companies|firms|organi[sz]ations)\b", match["with"].strip()):
                partners = []  # "with partners from Japan, Korea and …": named below
            if len(signers) == 1 and not partners:
                # "it signed three agreements with partners from …": listed below
                self.deal_signer = (signers[0], sentence.paragraph)
            if len(signers) == 1 and partners:
                phrase = singular(match["phrase"])
                for partner in partners:
                    self.agreement(phrase, [signers[0], partner], sentence, "")
        for match in PASSIVE.finditer(text):
            taken.append((match.start(), match.end()))
            intros = people_in(match["between"])
            parties = [o for _, _, _, posts in intros for _, o in self.posts_of(posts) if o]
            if not intros:
                parties = [p for p in split_list(match["between"]) if looks_like_party(p)]
            self.agreement(match["phrase"], parties, sentence, text[match.end("phrase") :])
        for match in PLURAL_PASSIVE.finditer(text):
            # "MOUs were signed between A and B on …; between C and D …"
            phrase = singular(match["phrase"])
            for each in BETWEEN_EACH.finditer(text, match.end()):
                parties = [p for p in split_list(each["between"]) if looks_like_party(p)]
                if len(parties) == 2:
                    taken.append((each.start(), each.end()))
                    self.agreement(phrase, parties, sentence, "")
        for match in LISTED.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            parties = [p for p in split_list(match["between"]) if looks_like_party(p)]
            if len(parties) == 2:
                self.agreement(match["phrase"], parties, sentence, text[match.end("phrase") :])
        if len(self.agreements) - first > 1:
            self.listed = (first, len(self.agreements))
        if len(self.agreements) > first:
            self.mentioned = self.agreements[-1]
        self.read_signatories(sentence)

    def read_defining(self, sentence: Sentence):
        """A sentence about an agreement named before ("The MoU, between A and B, covers
        …", "Under the investment agreement, A will invest …"): who its parties are, when
        the release first named only places ("Kenya and Zhejiang signed …") or no one.
        The agreement is the one "It was signed by" then means. An agreement of a kind
        not named before is read as a new one."""
        text = LEADING_CLAUSE.sub("", sentence.text)
        defined = DEFINED_BETWEEN.match(text)
        under = None if defined else UNDER.match(text)
        if defined:
            parties = [
                company_stop(p) for p in split_list(defined["between"]) if looks_like_party(p)
            ]
        elif under and under["the"]:
            parties = under_parties(under)
        else:
            return
        phrase = (defined or under)["phrase"]
        same = [a for a in self.agreements if a.kind == agreement_kind(phrase)]
        vague = [a for a in same if only_places(a.parties)]
        if vague:
            agreement = vague[0]
            if parties:
                agreement.parties = [
                    self.organization(p, sentence.start, sentence.end) for p in parties
                ]
        elif len(same) == 1:
            agreement = same[0]
        elif not same and defined and len(parties) == 2:
            self.agreement(phrase, parties, sentence, text[defined.end() :])
            agreement = self.agreements[-1]
        else:
            return
        self.mentioned = agreement

    listed: tuple[int, int] = (0, 0)  # the agreements the last list named
    mentioned: Agreement | None = None  # the agreement the last sentence spoke of
    deal_signer: tuple[str, int] = ("", -1)  # who signed the deals listed below, and where
    counted_agreements: bool = False  # the release said how many were signed
    signing_session: str = ""  # the agenda item the agreements were signed at
    signing_paragraph: int = -1  # the last paragraph that said something was signed

    def parties_of(self, subject: str, rest: str) -> list[str]:
        """Who signed, from the words before "signed": the organizations named, or those
        of the people named ("Kevin Zhou and Ren Xiaodong signed …": their employers)."""
        intros = people_in(subject)
        named = [(start, o) for start, _, _, posts in intros for _, o in self.posts_of(posts) if o]
        covered = [(start, end) for start, end, _, _ in intros]
        for start, end, person in self.people_named(subject):
            if any(a <= start < b for a, b in covered):
                continue
            organization = next((o for _, o in person.posts if o), "")
            if organization:
                named.append((start, organization))
                covered.append((start, end))
        if named:
            return [o for _, o in sorted(named)]
        behalf = ON_BEHALF.search(rest)
        if intros and behalf:
            return split_list(behalf["who"])
        subject = LEADING_CLAUSE.sub("", subject)
        subject = re.sub(r"^.*\b(?:that|which|where|when)\s+", "", subject)
        subject = re.sub(r"^(?:Both|both|The|the)\s+", "", subject)
        # "… Co., Ltd. yesterday signed": the day is no part of the name
        subject = re.sub(r"\s+(?:yesterday|today|also|jointly|formally)\s*$", "", subject)
        return [p for p in split_list(subject) if looks_like_party(p)]

    @staticmethod
    def bare_signers(text: str) -> list[tuple[int, str]]:
        """Names that sign without a post: after "signed by", or as the whole subject of
        "signed" (each a person's name, not an organization's)."""
        found = []
        for match in SIGNED_BY.finditer(text):
            found += list(names_in_list(match["who"], match.start("who")))
        subject = SIGNERS_FIRST.match(text)
        if subject:
            names = list(names_in_list(subject["who"], subject.start("who")))
            if len(names) == len(split_list(subject["who"])):
                found += names
        return found

    def read_signatories(self, sentence: Sentence):
        """People who signed ("X and Y signed the agreement", "signed by X", "The first
        was signed by X"): signatories of the agreement the sentence names."""
        text = sentence.text
        if not self.agreements:
            return
        agreement = self.agreements[-1]
        which = WHICH_ONE.match(text)
        if which:
            first, after = self.listed if self.listed[1] else (0, len(self.agreements))
            index = WHICH[which["which"].lower()]
            chosen = self.agreements[first:after]
            if not chosen or index >= len(chosen):
                return
            agreement = chosen[index]
        if self.mentioned and not which and IT_WAS_SIGNED.match(LEADING_CLAUSE.sub("", text)):
            agreement = self.mentioned  # "It was signed by …": the one just spoken of
        named = re.match(
            rf"^\s*(?:The|the)\s+(?P<phrase>{AGREEMENT_PHRASE})\s+(?:was|were)\s+signed\b", text
        )
        named = named or re.search(
            rf"\b(?:signed|inked)\s+the\s+(?P<phrase>{AGREEMENT_PHRASE})\s*(?:[.;]|$)", text
        )
        if named and not which:
            # "The strategic cooperation agreement was signed by …", "X and Y signed the
            # framework agreement": the one of that kind
            kind = agreement_kind(named["phrase"])
            same = [a for a in self.agreements if a.kind == kind]
            if len(same) == 1:
                agreement = same[0]
        targets = [agreement]
        if re.search(r"\bsigned\s+(?:all\s+(?:three|four|five|of\s+them)|both)\b", text):
            first, after = self.listed
            if after - first > 1:  # "The group's chairman signed all three"
                targets = self.agreements[first:after]
        intros = people_in(text)
        witnessed = re.search(r"\b(?:witnessed\s+by|in\s+the\s+presence\s+of)\b", text)
        signed = re.search(r"\b(?:signed|inked)\b", text)
        if witnessed and signed and signed.start() < witnessed.start():
            # "signed by A and B, and witnessed by C": C is a guest, not a signatory
            intros = [intro for intro in intros if intro[0] < witnessed.start()]
            text = text[: witnessed.start()]
        behalf = ON_BEHALF.search(text)
        found = [(start, name, self.posts_of(posts)) for start, _, name, posts in intros]
        introduced = {name for _, name, _ in found}
        for start, _, person in self.people_named(text):
            if person.name not in introduced:
                found.append((start, person.name, person.posts))
        # "signed by Zhou Tao and Le Van Hoa", "Zhou Tao and Le Van Hoa signed …": people
        # named only as they sign
        known = {name for _, name, _ in found}
        bare = []
        for start, name in self.bare_signers(text):
            if name not in known and name not in self.organizations:
                person = self.person(name, sentence.start, sentence.end)
                if not person.role:
                    person.role = Role("signatory", session="signing")
                    person.session = self.session_of(person.role, sentence, name)
                found.append((start, name, person.posts))
                bare.append(name)
                known.add(name)
        if bare and behalf:
            on_behalf = [p for p in split_list(behalf["who"]) if looks_like_party(p)]
            ordered = [name for _, name, _ in sorted(found, key=lambda f: f[0])]
            if len(on_behalf) == len(ordered) > 1:
                # "… signed on behalf of A and B respectively": in that order
                paired = dict(zip(ordered, on_behalf, strict=True))
                found = [
                    (at, name, [("", paired[name])] if name in bare else posts)
                    for at, name, posts in found
                ]
        ordered = sorted(found, key=lambda f: f[0])
        signers = [(name, posts) for _, name, posts in ordered]
        # "X signed all three agreements, with A, B and C": X signs each, and A, B and C
        # one each, in the agreements' order
        each = re.search(r"\bsigned\s+all\s+\w+(?:\s+agreements|\s+of\s+them)?,?\s+with\s+", text)
        paired = {}
        if each and len(targets) > 1:
            others = [name for at, name, _ in ordered if at >= each.end()]
            if len(others) == len(targets):
                paired = {name: [target] for name, target in zip(others, targets, strict=True)}
        for name, posts in signers:
            if len(signers) == 1 and behalf:
                organization = behalf["who"].strip()
            else:
                organization = next((o for _, o in posts if o), "")
            if organization:
                organization = self.organization(organization, sentence.start, sentence.end)
            for target in paired.get(name, targets):
                self.facts.append(
                    Fact(
                        "signatory",
                        {"agreement": target.ref, "person": name, "organization": organization},
                        sentence.start,
                        sentence.end,
                        0.7,
                    )
                )
            person = self.people.get(name)
            if person and not any(role.role == "signatory" for role, _ in person.roles()):
                person.more.append((Role("signatory", session="signing"), self.signed_at()))

    def agreement(self, phrase: str, parties: list[str], sentence: Sentence, rest: str):
        parties = [self.organization(p, sentence.start, sentence.end) for p in parties]
        value = currency = ""
        money = AMOUNT.search(rest)
        if money and not re.search(r"\bsigned\b", rest[: money.start()]):
            number, currency = amount(money)
            value = decimal_text(number)
            offset = sentence.text.find(rest) + money.start()
            self.consumed.append((offset, offset + len(money.group())))
        ref = f"a{len(self.agreements) + 1}"
        self.agreements.append(
            Agreement(
                ref,
                phrase,
                agreement_kind(phrase),
                parties,
                value,
                currency,
                sentence.start,
                sentence.end,
            )  # fmt: skip
        )

    def read_along_with(self, sentence: Sentence, after: int):
        match = ALONG_WITH.search(sentence.text, after)
        if match:
            self.agreement(capitalized(match["what"].strip()), [], sentence, "")

    # key figures -----------------------------------------------------------------------

    def read_figures(self, sentence: Sentence):
        text = sentence.text
        skip = [(a, b) for a, b, _, _ in dates_in(text, self.year())]
        skip += [(a, b) for a, b, _, _ in times_in(text)]
        skip += [(a, b) for a, b in self.consumed]
        self.consumed = []
        published = self.source.published_on
        for *_, value in figures_in(text, skip, self.event.start_date, published):
            self.add("key_figure", value, sentence.start, sentence.end, 0.7)
        count = AGREEMENTS_COUNTED.search(text)
        if count and re.search(r"\b(?:signed|inked)\b", text) and not self.counted_agreements:
            # "Four agreements were signed", "signed five agreements": how many were signed
            number = COUNT_WORDS.get(count["count"].lower()) or int(count["count"])
            self.counted_agreements = True
            self.add("key_figure", {"value": str(number), "qualifier": "", "unit": "",
                                    "currency": "", "label": count["what"].lower(),
                                    "as_of": as_of("", self.event.start_date, published)},
                     sentence.start, sentence.end, 0.6)  # fmt: skip

    # at the end ------------------------------------------------------------------------

    def finish_sessions(self):
        """Two people giving "a video address" give two, each named after its speaker."""
        counts: dict[str, int] = {}
        for session in self.sessions:
            counts[session["title"].lower()] = counts.get(session["title"].lower(), 0) + 1
        for session in self.sessions:
            if session["generic"] and counts[session["title"].lower()] > 1 and session["person"]:
                old = session["title"]
                session["title"] = f"{old} by {session['person']}"
                person = self.people.get(session["person"])
                if person and person.session == old:
                    person.session = session["title"]
        for session in self.sessions:
            value = {key: session[key] for key in ("title", "kind", "date", "start_time")}
            self.add("session", value, session["start"], session["end"], 0.7)

    def canonical(self) -> dict[str, str]:
        """Each organization's name as read → the name its facts use: an acronym spelt
        out ("HKTDC" → "Hong Kong Trade Development Council"), a short form taken to the
        longest form the release uses ("Nanjing Municipal Government" → "Nanjing
        Municipal People's Government")."""
        names = list(self.organizations)
        by_first = by_first_word(dict.fromkeys(names + list(self.short_names.values())))
        containing: dict[str, list[str]] = {}  # a word → the names that hold it
        for name in names:
            for word in set(name.split()):
                containing.setdefault(word, []).append(name)
        mapping = {}
        for name in names:
            full = self.short_names.get(name) or KNOWN_ORGANIZATIONS.get(name) or name
            words = full.split()
            for other in by_first.get(words[0], []) if words else []:
                other_words = other.split()
                if (
                    len(other_words) > len(words) >= 2
                    and other_words[-1] == words[-1]
                    and is_subsequence(words, other_words)
                ):
                    full = other
                    words = other_words
            if full == name and len(words) >= 2:
                # "Panda Star" → "Chengdu Panda Star Animation Co., Ltd.": a company named
                # first in full, then by the words in the middle of its name
                inside = [
                    other
                    for other in containing.get(words[0], ())
                    if f" {name} " in other and COMPANY_AT_END.search(other)
                ]
                if len(inside) == 1:
                    full = inside[0]
            mapping[name] = full
        for name, full in mapping.items():
            mapping[name] = self.directory_name(full, by_first)
        return mapping

    def directory_name(self, full: str, by_first: dict[str, list[str]]) -> str:
        """The name as a directory holds it: with the company form the release gives it
        elsewhere ("Greenland Power Systems" → "Greenland Power Systems Co., Ltd."), the
        whole name a short form begins ("Permanent Secretariat" → "Permanent Secretariat
        of the Forum …"), and "The" when the release writes the article capitalized
        inside a sentence ("…, The Hong Kong Polytechnic University")."""
        words = full.split()
        if len(words) >= 2:
            for other in by_first.get(words[0], []):
                rest = other[len(full) :] if other.startswith(full) else ""
                if re.fullmatch(
                    rf"(?:\s+(?:Holdings|Group|International))?,?\s+(?:{COMPANY_FORM}|{BARE_FORM}|,|\s)+",
                    rest,
                ) or (re.match(r"\s+of\s+(?:the\s+)?[A-Z]", rest) and not self.people.get(full)):
                    full = other
                    break
        if not full.startswith("The ") and full in self.after_the:
            full = f"The {full}"
        return full

    @functools.cached_property
    def after_the(self) -> set[str]:
        """Every run of up to 16 words after a capitalized "The" inside a sentence."""
        runs = set()
        for match in re.finditer(r"(?:[,;:]|\b[a-z]+) The ((?:[^\s,;.]+[ ]?){1,16})", self.text):
            words = match[1].split()
            runs.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        return runs

    def read_people_facts(self):
        for person in self.people.values():
            self.add("person", {"name": person.name}, person.start, person.end, 0.85)
        for person in self.people.values():
            for title, organization in person.posts:
                organization = organization or self.government_of(title)
                if organization:
                    self.organization(organization, person.start, person.end)
        mapping = self.canonical()
        for person in self.people.values():
            held = {t for t, o in person.posts if o or self.government_of(t)}
            for title, organization in person.posts:
                organization = organization or self.government_of(title)
                if not organization and any(h.startswith(f"{title} ") for h in held):
                    continue  # "Vice Mayor", then "Vice Mayor of Xiamen": one post
                self.add("position", {"person": person.name, "title": title,
                                      "organization": mapping.get(organization, organization)},
                         person.start, person.end, 0.8)  # fmt: skip
        # A signatory read before the release named the ceremony ("… were exchanged at a
        # signing ceremony witnessed by …" after the agreements): at that ceremony
        signed_at = self.signed_at()
        for person in self.people.values():
            for role, session in person.roles():
                if role.session == "signing" and not session:
                    session = signed_at
                self.add("participation", {"person": person.name, "role": role.role,
                                           "remote": role.remote, "session": session},
                         person.start, person.end, 0.7)  # fmt: skip

    def signed_at(self) -> str:
        """The agenda item the agreements were signed at, as far as the release has said:
        the last one named for a signing, else the one a sentence said they were signed at
        ("signed at a ceremony"); "" for none."""
        signing = [s["title"] for s in self.sessions if "signing" in s["title"].lower()]
        return signing[-1] if signing else self.signing_session

    def government_of(self, title: str) -> str:
        """ "Mayor of Nanjing" works for the Nanjing Municipal People's Government, the
        "Governor of Jiangsu Province" for the Jiangsu Provincial People's Government (in
        the words the release uses, if it names it), the "Minister of Commerce" for the
        Ministry of Commerce."""
        deputy = r"^(?:(?:Executive\s+)?(?:Vice|Deputy)\s+)?"
        minister = re.match(rf"{deputy}Minister\s+of\s+(?P<field>.+)$", title)
        if minister:
            # "Minister of Investment, Trade and Industry of Malaysia": the ministry's
            # name leaves its country out
            field = minister["field"]
            country = re.match(r"^(?P<field>.+?)\s+of\s+(?P<country>[A-Z].+)$", field)
            if country and is_place(country["country"]):
                field = country["field"]
            return f"Ministry of {field}"
        mayor = re.match(rf"{deputy}Mayor\s+of\s+(?P<city>.+)$", title)
        governor = re.match(
            rf"{deputy}Governor\s+of\s+(?P<province>[A-Z][a-z]+)\s+Province$", title
        )
        if mayor and mayor["city"] in MAINLAND:
            place, level = mayor["city"], "Municipal"
        elif governor:
            place, level = governor["province"], "Provincial"
        else:
            return ""
        pattern = (
            rf"{re.escape(place)}\s+{level}\s+(?:People's\s+)?Government"
            rf"|(?:People's\s+)?Government\s+of\s+{re.escape(place)}"
            rf"(?:\s+{'Province' if level == 'Provincial' else 'City'})?"
        )
        named = [name for name in self.organizations if re.fullmatch(pattern, name)]
        return max(named, key=len) if named else f"{place} {level} People's Government"

    def parties_from_signatories(self):
        """An agreement whose parties the release named only as places, or not at all, is
        between the organizations its signatories signed for."""
        signed_for_each: dict[str, list[str]] = {}
        for fact in self.facts:
            if fact.kind == "signatory" and fact.value["organization"]:
                signed_for_each.setdefault(fact.value["agreement"], []).append(
                    fact.value["organization"]
                )
        for agreement in self.agreements:
            if len(agreement.parties) >= 2 and not only_places(agreement.parties):
                continue
            signed_for = signed_for_each.get(agreement.ref, [])
            known = [] if only_places(agreement.parties) else list(agreement.parties)
            parties = list(dict.fromkeys([*known, *signed_for]))
            if len(parties) >= 2:
                agreement.parties = parties

    def read_agreement_facts(self):
        self.parties_from_signatories()
        mapping = self.canonical()
        for agreement in self.agreements:
            # named by its parties as the release names them, once they are known
            title = agreement_title(agreement.phrase, agreement.parties)
            self.add("agreement", {"ref": agreement.ref, "title": title,
                                   "kind": agreement.kind, "value": agreement.value,
                                   "currency": agreement.currency},
                     agreement.start, agreement.end, 0.75)  # fmt: skip
            for party in agreement.parties:
                self.add("party", {"agreement": agreement.ref,
                                   "organization": mapping.get(party, party)},
                         agreement.start, agreement.end, 0.75)  # fmt: skip
        for fact in self.facts:
            if fact.kind in ("organizer", "signatory") and fact.value["organization"]:
                fact.value["organization"] = mapping.get(
                    fact.value["organization"], fact.value["organization"]
                )

    def read_organization_facts(self):
        mapping = self.canonical()
        shorts = {full: short for short, full in self.short_names.items()}
        shorts.update({full: short for short, full in KNOWN_ORGANIZATIONS.items()
                       if re.search(rf"\b{short}\b", self.text)})  # fmt: skip
        by_first = by_first_word(self.organizations)
        shorts.update(
            {self.directory_name(full, by_first): short for full, short in shorts.items()}
        )
        used = {
            fact.value.get("organization")
            for fact in self.facts
            if fact.kind in ("party", "organizer", "signatory", "position")
        }
        seen = set()
        for name, (start, end) in self.organizations.items():
            full = mapping.get(name, name)
            if full in seen or (only_places([full]) and full not in used):
                continue  # "Kenya and Zhejiang signed …", its parties named below
            seen.add(full)
            self.add("organization", {"name": full, "short_name": shorts.get(full, "")},
                     start, end, 0.8)  # fmt: skip


def expanded(name: str, short: str) -> str:
    """The name an acronym in brackets stands for: the last words whose initials spell
    it ("… and the Hong Kong Trade Development Council (HKTDC)"), else what follows the
    last "and the", else the whole capitalized run before the bracket."""
    words = re.sub(r"^(?:The|the)\s+", "", name.strip()).split()
    # "… Beijing Sub-Council (CCPIT Beijing)": an acronym and the place of a branch
    acronym, _, place = short.partition(" ")
    for start in range(len(words)):
        candidate = words[start:]
        initials = "".join(w[0] for w in candidate if w[0].isupper())
        if not candidate[0][0].isupper():
            continue
        if initials == short or (place and place in candidate and initials.startswith(acronym)):
            return " ".join(candidate)
    text = " ".join(words)
    return re.split(r"\s+and\s+the\s+", text)[-1]


def is_subsequence(short: list[str], long: list[str]) -> bool:
    words = iter(long)
    return all(word in words for word in short)


def language_of(text: str) -> str:
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    if han < len(text) * 0.2:
        return "en"
    return "zh-hant" if re.search(r"[這們為國會發與於來時說經過後對]", text) else "zh-hans"


def read_release(text: str) -> Reading:
    """The facts of a pasted release (plain text or a newswire page's HTML); raises
    ``text.TooLong`` (a ValueError) when the paste is bigger than a release can be. A
    release in Chinese is read by ``chinese.read_chinese``."""
    plain = plain_text(text)
    language = language_of(plain)
    if language != "en":
        return read_chinese(plain, language)
    return Reader(plain).read()
