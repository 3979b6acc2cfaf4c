"""A pasted release as plain text: HTML reduced to its paragraphs, a size limit, sentences.

The reader works on plain text and every fact points into it by character offsets, so
the text made here is the text the review shows. Plain text passes through with its line
ends and spaces made uniform; the HTML of a newswire page (recognised by its tags) is
reduced to the text a reader sees, a paragraph per block, without scripts, styles, the
head, navigation or forms. Nothing is fetched: images and links are dropped.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .grammar import ABBREVIATED_FORMS, DOTTED_FORMS, HONORIFIC

# A press release is a page or two; the longest on the newswires run to 20,000 characters.
MAX_TEXT = 100_000
# HTML carries markup, scripts and styles around its text; a newswire page is 300–800 kB.
MAX_INPUT = 2_000_000

HTML_TAG = re.compile(
    r"<\s*(?:!doctype|html|head|body|p|div|br|span|article|section|h[1-6]|ul|ol|li|table|a|"
    r"script|style|meta|strong|em|b|i|img|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)

# Elements whose text is not the release's: dropped with everything inside them.
SKIPPED = {
    "head", "script", "style", "noscript", "template", "svg", "iframe", "nav", "form",
    "button", "select", "textarea", "object", "canvas", "aside",
}  # fmt: skip
# Elements that end a paragraph.
BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "article", "section", "blockquote", "figure", "figcaption", "header", "footer", "main",
    "dd", "dt", "dl", "pre", "hr", "caption", "address",
}  # fmt: skip
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "wbr"}


NOT_A_RELEASE = gettext_lazy(
    "This text does not read as a press release: no dateline, no event held and no date "
    "were found in it."
)


class TooLong(ValueError):
    """The paste is longer than a release can be; the message says so, for a form."""


def is_html(raw: str) -> bool:
    """Whether the paste is markup: a few of the tags pages are made of."""
    return len(HTML_TAG.findall(raw[:200_000])) >= 2


class _TextOfPage(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.end_paragraph()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self.end_paragraph()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.end_paragraph()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def end_paragraph(self):
        paragraph = " ".join("".join(self.current).split())
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []

    def close(self):
        super().close()
        self.end_paragraph()


def text_of_html(html: str) -> str:
    """The text a reader of the page sees, a paragraph per block, blank lines between."""
    parser = _TextOfPage()
    # Void elements never close; a stray </head> must not end the skipping early.
    parser.feed(html)
    parser.close()
    return "\n\n".join(parser.paragraphs)


def tidy(text: str) -> str:
    """Line ends as \\n, no-break and other odd spaces as plain spaces, no trailing spaces,
    at most one blank line between paragraphs, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]", " ", text)
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def plain_text(raw: str) -> str:
    """The pasted release as plain text; ``TooLong`` (a ``ValueError``) if it is bigger
    than a release can be, with a message a form can show."""
    if len(raw) > MAX_INPUT:
        raise TooLong(
            _(
                "This paste is %(size)s characters long; a press release is at most "
                "%(limit)s characters of text. Paste the release alone."
            )
            % {"size": f"{len(raw):,}", "limit": f"{MAX_TEXT:,}"}
        )
    text = tidy(text_of_html(raw) if is_html(raw) else raw)
    if len(text) > MAX_TEXT:
        raise TooLong(
            _(
                "This text is %(size)s characters long; a press release is at most "
                "%(limit)s characters. Paste the release alone."
            )
            % {"size": f"{len(text):,}", "limit": f"{MAX_TEXT:,}"}
        )
    return text


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # the number of the paragraph it is in, from 0


# Words whose full stop ends no sentence.
ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "co", "corp", "inc", "ltd", "jr",
    "sr", "vs", "etc", "dept", "gov", "govt", "hon", "rev", "gen", "mt", "ft", "approx",
    "u.s", "u.k", "e.g", "i.e", "a.m", "p.m", "h.e", "sdn", "bhd", "pte", "pty", "plc",
    "s.a", "n.v", "llc", "eng", "engr", "capt", "cllr", "amb", "sen", "rep", "lt", "col",
    "maj", "messrs",
}  # fmt: skip
# Company forms that end a company's name, and words a sentence opens with but no
# name goes on with: "… Co., Ltd. The park …" is two sentences.
COMPANY_ENDS = {form.lower() for form in ABBREVIATED_FORMS + DOTTED_FORMS} & ABBREVIATIONS
OPENING_WORD = re.compile(
    r"(?:The|It|Its|He|She|His|Her|They|Their|This|These|Those|We|Our|In|On|At|Under|"
    r"According|Both|After|During|Speaking|Meanwhile|Also|Separately|Earlier|Later)\b"
    rf"|{HONORIFIC}\s"
)
# A character of the same sentence: a full stop after an abbreviation ("Dr.", "Co., Ltd.",
# "H.E.") ends none
IN_SENTENCE = (
    r"(?>\b(?i:"
    + "|".join(re.escape(word) for word in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")\.|[^.])"
)
SENTENCE_END = re.compile(r"""[.!?]['"”’)]*(?=\s+['"“‘(]?[A-Z0-9])|[。！？][」』”’）]*""")


# The longest sentence read as one: a release's longest run to 400 characters; a longer
# run without a full stop (a list, or a paste that is no release) is read in pieces, so
# that no rule ever scans more than this at once.
MAX_SENTENCE = 800


def sentences(text: str) -> list[Sentence]:
    """The sentences of the text, each with its offsets; a line is never part of two
    paragraphs, a full stop after an abbreviation ("Feb.", "Dr.") or an initial ends
    nothing, and a sentence longer than ``MAX_SENTENCE`` is cut at a space."""
    found = []
    for sentence in _sentences(text):
        while sentence.end - sentence.start > MAX_SENTENCE:
            cut = text.rfind(" ", sentence.start, sentence.start + MAX_SENTENCE)
            if cut <= sentence.start:
                cut = sentence.start + MAX_SENTENCE
            found.append(
                Sentence(sentence.start, cut, text[sentence.start : cut], sentence.paragraph)
            )
            start = cut + (text[cut] == " ")
            sentence = Sentence(start, sentence.end, text[start : sentence.end], sentence.paragraph)
        if sentence.text:
            found.append(sentence)
    return found


def _sentences(text: str) -> list[Sentence]:
    found = []
    for number, match in enumerate(re.finditer(r"[^\n]+", text)):
        start, line = match.start(), match.group()
        cut = 0
        for end in SENTENCE_END.finditer(line):
            word = re.search(r"([\w.]+)\.$", line[max(0, end.start() - 40) : end.start() + 1])
            if line[end.start()] == "." and word:
                token = word.group(1).lower()
                following = line[end.end() :].lstrip()
                meridiem = (
                    token in ("a.m", "p.m")
                    and re.match(r"[A-Z][a-z]", following)
                    and not re.match(r"\w+day\b|[A-Z]{2,}", following)
                )
                # "… Co., Ltd. The park will …": a company's name ends the sentence
                company_end = token in COMPANY_ENDS and OPENING_WORD.match(following)
                if (token in ABBREVIATIONS and not meridiem and not company_end) or (
                    len(token) == 1 and token.isalpha()
                ):
                    continue
            piece = line[cut : end.end()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                found.append(Sentence(start + cut + lead, start + end.end(), piece.strip(), number))
            cut = end.end()
        piece = line[cut:]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            found.append(
                Sentence(start + cut + lead, start + len(line.rstrip()), piece.strip(), number)
            )
    return found
