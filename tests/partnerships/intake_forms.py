"""Readings made by hand for the review's tests, and the review's forms as a browser
posts them.

A reading here is test input (what the reader would give), built from the seed release
with each fact pointing at the phrase it stands for."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from partnerships.intake.facts import Fact, Reading

# The seed release (the corpus's copy of the one the demo content comes from).
SEED_TEXT = (
    Path(__file__).parents[1] / "intake_corpus" / "00-nanjing-promotion-hong-kong.txt"
).read_text(encoding="utf-8")


def fact(release: str, what: str, phrase: str, confidence: float = 0.9, **value) -> Fact:
    start = release.index(phrase)
    return Fact(what, value, start, start + len(phrase), confidence)


def seed_reading() -> Reading:
    """The seed release, read as the demo content has it (a part of it: enough for every
    kind of fact the review handles)."""
    t = SEED_TEXT
    title = (
        "Nanjing Promotion Conference on High Quality Development & Wider Opening up of "
        "Service Sector (Hong Kong & Macao)"
    )
    government = "Nanjing Municipal People's Government"
    return Reading(
        text=t,
        language="en",
        facts=[
            fact(t, "dateline", "HONG KONG", 0.95, text="HONG KONG"),
            fact(t, "published_on", "Feb. 9, 2023", 0.95, date="2023-02-09"),
            fact(t, "publisher", "PRNewswire", 0.95, text="PRNewswire"),
            fact(t, "start_date", "On Feb. 8", 0.9, date="2023-02-08"),
            fact(t, "theme", "Gathering in Hong Kong for a Better Future", 0.9,
                 text="Gathering in Hong Kong for a Better Future"),
            fact(t, "title", title, 0.85, text=title),
            fact(t, "city", "held in Hong Kong", 0.8, text="Hong Kong"),
            fact(t, "time_zone", "held in Hong Kong", 0.8, name="Asia/Hong_Kong"),
            fact(t, "organization", government, 0.9, name=government, short_name=""),
            fact(t, "organizer", government, 0.7, organization=government, role="organizer"),
            fact(t, "organization", "China Merchants Group", 0.9,
                 name="China Merchants Group", short_name=""),
            fact(t, "agreement", "signed a strategic cooperation agreement", 0.9, ref="a1",
                 title="Strategic cooperation agreement between Nanjing Municipal Government "
                 "and China Merchants Group", kind="strategic_cooperation", value="",
                 currency=""),
            fact(t, "party", "Nanjing Municipal Government and China Merchants Group", 0.9,
                 agreement="a1", organization="Nanjing Municipal Government"),
            fact(t, "party", "Nanjing Municipal Government and China Merchants Group", 0.9,
                 agreement="a1", organization="China Merchants Group"),
            fact(t, "person", "Han Liming", 0.95, name="Han Liming"),
            fact(t, "position", "Secretary of the Nanjing Municipal Party Committee", 0.85,
                 person="Han Liming", title="Secretary",
                 organization="Nanjing Municipal Party Committee"),
            fact(t, "participation", "delivered a video address", 0.9, person="Han Liming",
                 role="speaker", remote=True, session="Video address"),
            fact(t, "session", "delivered a video address", 0.8, title="Video address",
                 kind="video_address", date="", start_time=""),
            fact(t, "remark", "saying that Nanjing has a long and deep relationship with Hong Kong",
                 0.7, person="Han Liming",
                 text="Nanjing has a long and deep relationship with Hong Kong."),
            fact(t, "key_figure", "more than 5,720 Hong Kong-funded projects", 0.9,
                 value="5720", qualifier="more_than", unit="", currency="",
                 label="Hong Kong-funded projects", as_of=""),
            fact(t, "key_figure", "$38.8 billion of actual funds received", 0.9,
                 value="38800000000", qualifier="", unit="", currency="USD",
                 label="actual funds received", as_of=""),
            fact(t, "person", "Chen Zhichang", 0.95, name="Chen Zhichang"),
            fact(t, "position", "Mayor of Nanjing", 0.85, person="Chen Zhichang",
                 title="Mayor", organization=government),
            fact(t, "participation", "Chen Zhichang, Mayor of Nanjing, introduced", 0.85,
                 person="Chen Zhichang", role="speaker", remote=False, session=""),
            fact(t, "person", "Patrick Lau", 0.95, name="Patrick Lau"),
            fact(t, "position", "Deputy Executive Director of HKTDC", 0.85, person="Patrick Lau",
                 title="Deputy Executive Director", organization="HKTDC"),
            fact(t, "participation", "Patrick Lau, Deputy Executive Director of HKTDC, said",
                 0.85, person="Patrick Lau", role="speaker", remote=False, session=""),
            fact(t, "caption", "The signing ceremony of major industrial cooperation projects\n",
                 0.95, text="The signing ceremony of major industrial cooperation projects"),
        ],
    )  # fmt: skip


def as_posted(value) -> str | None:
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, dt.date | dt.time | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    return str(value)


def posted(review, release: str = "", **changes) -> dict:
    """What the browser sends for the review as shown (every field as drawn), with
    ``changes`` (``{"fact-3-accept": None}`` unticks a box)."""
    data = {"release": release, "step": "save"}
    for form in [*review.facts, *review.photos]:
        for name in form.fields:
            if name == "image":
                continue
            value = as_posted(form[name].value())
            if value is not None:
                data[form[name].html_name] = value
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def form_of(review, kind: str, nth: int = 0, **value):
    """The ``nth`` form of a kind whose fact's value has ``value``."""
    found = [
        form
        for form in review.facts
        if form.fact.kind == kind and all(form.fact.value.get(k) == v for k, v in value.items())
    ]
    return found[nth]
