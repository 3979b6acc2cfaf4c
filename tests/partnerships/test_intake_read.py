"""The reader, one extractor at a time, then whole releases: what it finds, where it found
it, and what it leaves alone."""

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerships.intake.facts import KINDS
from partnerships.intake.read import (
    agreement_kind,
    caption_of,
    figures_in,
    heading_session,
    organizers_in,
    people_in,
    read_release,
    read_source,
    reported,
    role_in,
)
from partnerships.intake.text import NOT_A_RELEASE, TooLong

from .readings import source_of

RELEASE = """\
SINGAPORE, Oct. 20, 2023 /PRNewswire/ -- The Asia Trade Forum 2023 was held at the \
Raffles City Convention Centre in Singapore on October 18, from 9:30 a.m. to 5 p.m., \
with the theme of "Trade Without Borders". More than 600 delegates attended.

The forum was organized by the Singapore Business Federation and co-organized by \
Enterprise Singapore and the Hong Kong General Chamber of Commerce (HKGCC).

Tan Mei Ling, Chairwoman of the Singapore Business Federation, delivered a welcome speech. \
"Singapore and Hong Kong are natural partners for Asian trade," she said. She added that \
trade between the two cities reached US$50 billion last year.

Wong Kai Man, Chairman of the HKGCC, said that Hong Kong firms plan about 120 new \
offices in Singapore.

A panel discussion themed "Supply Chains in Asia" was moderated by Peter Goh, Partner at \
Goh & Lim Consulting.

The Singapore Business Federation and the HKGCC signed a memorandum of understanding. \
Tan Mei Ling and Wong Kai Man signed the agreement on behalf of their organizations.

Asia Freight Holdings signed an investment agreement with Port of Tanjong Logistics worth \
S$80 million.

Caption: Delegates at the Asia Trade Forum 2023
"""


def facts(kind, text=RELEASE):
    return [fact.value for fact in read_release(text).of(kind)]


def test_source_dateline_date_and_newswire():
    assert source_of("HONG KONG, Feb. 9, 2023 /PRNewswire/ -- On Feb. 8, …") == (
        "HONG KONG",
        dt.date(2023, 2, 9),
        "PR Newswire",
    )
    assert read_source("CHENGDU, China, Sept. 8, 2023 (GLOBE NEWSWIRE) -- The").publisher == (
        "GlobeNewswire"
    )
    assert read_source("No dateline here.").dateline == ""
    business_wire = read_source("HONG KONG--(BUSINESS WIRE)--Acme today announced")
    assert (business_wire.dateline, business_wire.publisher) == ("HONG KONG", "Business Wire")


def test_the_event_title_theme_dates_times_venue_city_and_zone():
    reading = read_release(RELEASE)
    found = {fact.kind: fact.value for fact in reading.facts if fact.kind in KINDS}

    assert found["title"] == {"text": "Asia Trade Forum 2023"}
    assert found["theme"] == {"text": "Trade Without Borders"}
    assert found["start_date"] == {"date": "2023-10-18"}
    assert (found["start_time"], found["end_time"]) == ({"time": "09:30"}, {"time": "17:00"})
    assert found["venue"] == {"text": "Raffles City Convention Centre"}
    assert (found["city"], found["time_zone"]) == (
        {"text": "Singapore"},
        {"name": "Asia/Singapore"},
    )
    assert found["summary"] == {"text": "More than 600 delegates attended."}
    assert "end_date" not in found


def test_organizers_with_their_roles():
    assert organizers_in(
        "The forum was organized by the A Federation and co-organized by B Council and the "
        "C Chamber, with the support of D Bank."
    ) == [
        ("A Federation", "organizer"),
        ("B Council", "co_organizer"),
        ("C Chamber", "co_organizer"),
        ("D Bank", "supporter"),
    ]
    assert facts("organizer") == [
        {"organization": "Singapore Business Federation", "role": "organizer"},
        {"organization": "Enterprise Singapore", "role": "co_organizer"},
        {"organization": "Hong Kong General Chamber of Commerce", "role": "co_organizer"},
    ]


def test_people_with_posts_in_a_sentence():
    assert people_in(
        "Chen Zhichang, Mayor of Nanjing, introduced the city, and Nanjing Mayor Chen Zhichang, "
        "Mayor of Nanjing, spoke."
    )[0][2:] == ("Chen Zhichang", "Mayor of Nanjing")
    assert people_in("Hong Kong, Macao and Singapore, Nanjing and Suzhou took part.") == []


@pytest.mark.parametrize(
    ("sentence", "name", "post"),
    [
        ("Hainan Vice Governor Ni Qiang delivered a keynote speech.", "Ni Qiang",
         "Vice Governor of Hainan Province"),
        ("Dubai Chamber of Commerce President Mohammad Ali Rashed Lootah said that trade grew.",
         "Mohammad Ali Rashed Lootah", "President of Dubai Chamber of Commerce"),
        ("Nanjing Mayor Chen Zhichang said that the city is open.", "Chen Zhichang",
         "Mayor of Nanjing"),
        ('"We are ready," said HKTDC Chairman Peter Lam.', "Peter Lam", "Chairman of HKTDC"),
        ("Premier Li Qiang attended.", "Li Qiang", "Premier"),
    ],
)  # fmt: skip
def test_people_after_their_posts(sentence, name, post):
    assert [found[2:] for found in people_in(sentence)] == [(name, post)]


def test_a_post_before_a_name_reads_as_the_same_facts():
    text = (
        "NANJING, China, May 5, 2024 /PRNewswire/ -- The Nanjing Forum was held in Nanjing "
        "on May 4. Nanjing Mayor Chen Zhichang said that trade exceeded US$9 billion in 2023."
    )

    assert facts("position", text) == [
        {"person": "Chen Zhichang", "title": "Mayor of Nanjing",
         "organization": "Nanjing Municipal People's Government"}
    ]  # fmt: skip
    assert facts("key_figure", text) == [
        {"value": "9000000000", "qualifier": "more_than", "unit": "", "currency": "USD",
         "label": "trade", "as_of": "2023-12-31"}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("after", "before", "role", "remote", "session"),
    [
        ("delivered a video address, saying", "", "speaker", True, "Video address"),
        ("delivered a keynote speech.", "", "keynote", False, "Keynote speech"),
        ("delivered a welcome speech.", "", "speaker", False, "Welcome speech"),
        ("introduced the city's investment environment.", "", "speaker", False,
         "Introduction of the city's investment environment"),
        ("said that trade grew.", "", "speaker", False, "Remarks by Li Wei"),
        ("moderated the panel.", "", "moderator", False, "panel"),
        (".", "The panel was moderated by ", "moderator", False, "panel"),
        ("was the master of ceremonies.", "", "host", False, ""),
        ("signed the agreement.", "", "signatory", False, "signing"),
        ("witnessed the signing.", "", "guest", False, ""),
        # introduced in other ways
        ("delivered the keynote address by video link from Oslo.", "", "keynote", True,
         "Keynote address"),
        ("said the port would grow.", "Speaking at the ceremony, ", "speaker", False,
         "ceremony"),
        ("and the consul.", "Officiating at the launch ceremony were ", "guest", False, ""),
    ],
)  # fmt: skip
def test_a_persons_part_from_the_words_around_them(after, before, role, remote, session):
    found = role_in(after, before, "Li Wei")

    assert (found.role, found.remote, found.session) == (role, remote, session)


def test_no_part_from_a_mere_mention():
    assert role_in("is based in Beijing.", "", "Li Wei") is None


def test_reported_speech_is_the_clause_after_said_that():
    assert reported("said that trade grew by 5% in 2023.") == "Trade grew by 5% in 2023."
    assert reported("delivered a video address, saying that Nanjing welcomes you.") == (
        "Nanjing welcomes you."
    )
    assert reported('said: "We are ready."') == ""


def test_remarks_and_quotes_go_to_the_right_person_through_pronouns():
    assert facts("remark") == [
        {
            "person": "Tan Mei Ling",
            "text": "Trade between the two cities reached US$50 billion last year.",
        },
        {
            "person": "Wong Kai Man",
            "text": "Hong Kong firms plan about 120 new offices in Singapore.",
        },
    ]
    assert facts("quote") == [
        {
            "person": "Tan Mei Ling",
            "text": "Singapore and Hong Kong are natural partners for Asian trade",
        }
    ]


def test_a_theme_or_a_short_phrase_in_quotation_marks_is_no_quote():
    text = (
        'HONG KONG, Feb. 9, 2023 /PRNewswire/ -- With the theme of "Gathering in Hong Kong '
        'for a Better Future", the Nanjing Forum was held in Hong Kong. Li Wei, Mayor of '
        'Nanjing, said that Hong Kong is the "first stop" for the city.'
    )

    assert facts("quote", text) == []


def test_sessions_and_participations():
    assert facts("session") == [
        {"title": "Welcome speech", "kind": "speech", "date": "", "start_time": ""},
        {"title": "Remarks by Wong Kai Man", "kind": "speech", "date": "", "start_time": ""},
        {"title": "Supply Chains in Asia", "kind": "panel", "date": "", "start_time": ""},
    ]
    assert facts("participation") == [
        {"person": "Tan Mei Ling", "role": "speaker", "remote": False, "session": "Welcome speech"},
        # a speaker who later signs an agreement also has that part
        {"person": "Tan Mei Ling", "role": "signatory", "remote": False, "session": ""},
        {"person": "Wong Kai Man", "role": "speaker", "remote": False,
         "session": "Remarks by Wong Kai Man"},
        {"person": "Wong Kai Man", "role": "signatory", "remote": False, "session": ""},
        {"person": "Peter Goh", "role": "moderator", "remote": False,
         "session": "Supply Chains in Asia"},
    ]  # fmt: skip


def test_positions_spell_out_acronyms_the_release_defines():
    assert facts("position") == [
        {"person": "Tan Mei Ling", "title": "Chairwoman",
         "organization": "Singapore Business Federation"},
        {"person": "Wong Kai Man", "title": "Chairman",
         "organization": "Hong Kong General Chamber of Commerce"},
        {"person": "Peter Goh", "title": "Partner", "organization": "Goh & Lim Consulting"},
    ]  # fmt: skip
    assert {"name": "Hong Kong General Chamber of Commerce", "short_name": "HKGCC"} in facts(
        "organization"
    )


def test_agreements_kinds_parties_values_and_signatories():
    assert facts("agreement") == [
        {"ref": "a1", "title": "Memorandum of understanding between Singapore Business "
         "Federation and HKGCC", "kind": "memorandum", "value": "", "currency": ""},
        {"ref": "a2", "title": "Investment agreement between Asia Freight Holdings and Port of "
         "Tanjong Logistics", "kind": "investment", "value": "80000000", "currency": "SGD"},
    ]  # fmt: skip
    assert facts("party") == [
        {"agreement": "a1", "organization": "Singapore Business Federation"},
        {"agreement": "a1", "organization": "Hong Kong General Chamber of Commerce"},
        {"agreement": "a2", "organization": "Asia Freight Holdings"},
        {"agreement": "a2", "organization": "Port of Tanjong Logistics"},
    ]
    assert facts("signatory") == [
        {"agreement": "a1", "person": "Tan Mei Ling",
         "organization": "Singapore Business Federation"},
        {"agreement": "a1", "person": "Wong Kai Man",
         "organization": "Hong Kong General Chamber of Commerce"},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("strategic cooperation agreement", "strategic_cooperation"),
        ("cooperation framework agreement", "framework"),
        ("memorandum of understanding", "memorandum"),
        ("MoU", "memorandum"),
        ("letter of intent", "letter_of_intent"),
        ("investment agreement", "investment"),
        ("project contract", "investment"),
        ("supply agreement", "other"),
        ("purchase contract", "other"),
        ("sales contract", "other"),
    ],
)
def test_agreement_kinds(phrase, kind):
    assert agreement_kind(phrase) == kind


def test_key_figures_with_qualifier_unit_currency_label_and_date():
    assert facts("key_figure") == [
        {"value": "600", "qualifier": "more_than", "unit": "", "currency": "",
         "label": "delegates", "as_of": "2023-10-18"},
        {"value": "50000000000", "qualifier": "", "unit": "", "currency": "USD",
         "label": "trade between the two cities", "as_of": "2022-12-31"},
        {"value": "120", "qualifier": "about", "unit": "", "currency": "",
         "label": "new offices", "as_of": "2023-10-18"},
    ]  # fmt: skip


def test_small_numbers_years_ordinals_and_durations_are_no_figures():
    found = figures_in(
        "Nanjing highlighted 6 fields in 2023 at the 134th fair, a 10-year plan.",
        [],
        dt.date(2023, 2, 8),
    )

    assert found == []


def test_captions_and_headings():
    assert caption_of("Caption: The signing ceremony") == "The signing ceremony"
    assert caption_of("Photo - https://mma.prnewswire.com/media/1.jpg") == ""
    assert heading_session("The signing ceremony of major industrial cooperation projects") == (
        "Signing ceremony of major industrial cooperation projects",
        "ceremony",
    )
    assert heading_session("Nanjing delegation visits Hong Kong.") is None
    assert facts("caption") == [{"text": "Delegates at the Asia Trade Forum 2023"}]


def test_each_fact_points_at_the_sentence_it_came_from():
    reading = read_release(RELEASE)

    for fact in reading.facts:
        assert 0 <= fact.start < fact.end <= len(reading.text)
        assert 0 < fact.confidence <= 1
    moderator = next(f for f in reading.of("participation") if f.value["role"] == "moderator")
    assert "moderated by Peter Goh" in reading.text[moderator.start : moderator.end]


def test_html_of_a_newswire_page_reads_as_its_text():
    page = (
        "<html><head><script>var x = 'Li Wei, Mayor of Nanjing, said that nothing.';"
        "</script></head><body><p>" + RELEASE.replace("\n\n", "</p><p>") + "</p></body></html>"
    )

    assert read_release(page).facts == read_release(RELEASE).facts


def test_nonsense_gives_no_facts_and_says_what_is_missing():
    reading = read_release("Lorem ipsum dolor sit amet; 42 qwerty, zxcv!!! <<>> ????")

    assert reading.facts == []
    assert reading.warnings == [str(NOT_A_RELEASE)]


def test_a_huge_paste_is_refused_before_reading():
    with pytest.raises(TooLong):
        read_release("Hong Kong. " * 500_000)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=600))
def test_any_text_reads_without_error_and_in_bounds(text):
    reading = read_release(text)

    assert all(0 <= f.start <= f.end <= len(reading.text) for f in reading.facts)
    assert read_release(text).facts == reading.facts


@pytest.mark.parametrize(
    "text",
    [
        ("Abc Def " * 20_000)[:99_000],
        ("A, " * 40_000)[:99_000],
        (
            "HONG KONG, Feb. 9, 2023 /PRNewswire/ -- "
            + "The Forum was held in Hong Kong, Li Wei, Mayor of Nanjing, said that A and B "
            'signed a strategic cooperation agreement worth US$5 billion, "more than 5,720 '
            'projects were here with us" said Li, ' * 600
        )[:99_000],
        (
            "香港2023年2月9日 /美通社/ -- "
            + "南京市市长陈之常介绍了南京，A与B签署战略合作协议，" * 4000
        )[:99_000],
    ],
    ids=["capitals", "commas", "english-release", "chinese-release"],
)
def test_the_longest_paste_reads_in_seconds(text):
    started = time.monotonic()

    read_release(text)

    # linear in the text: about a second here; a rule that rescans the text from every
    # position took ten minutes on the first of these
    assert time.monotonic() - started < 30


def test_a_figure_of_last_year_without_a_publication_date_is_dated_by_the_event():
    reading = read_release(
        "The Xiamen-Malaysia Meeting was held in Kuala Lumpur on 21 May 2024. Trade between "
        "Xiamen and Malaysia reached 38.6 billion yuan last year."
    )

    figures = [f.value for f in reading.facts if f.kind == "key_figure"]
    assert [(f["value"], f["as_of"]) for f in figures] == [("38600000000", "2023-12-31")]


def test_a_figure_of_last_year_with_no_date_at_all_is_left_undated():
    reading = read_release("Trade between Xiamen and Malaysia reached 38.6 billion yuan last year.")

    assert all(f.value.get("as_of", "") == "" for f in reading.facts if f.kind == "key_figure")


# Fragments of newswire releases, put together at random: front matter, datelines with and
# without a year, event sentences, figures dated "last year" or "this year", people, posts.
HEADLINES = st.sampled_from(
    ["", "Xiamen Delegation Signs Five MOUs in Kuala Lumpur\n\n",
     "Green Industry Conference Opens\nA sub-headline about it\n\n",
     "June 17, 2024 08:30 AM Eastern Daylight Time\n\n"]
)  # fmt: skip
DATELINES = st.sampled_from(
    ["", "KUALA LUMPUR, Malaysia, May 22, 2024 /PRNewswire/ -- ",
     "BANGKOK, Feb. 27 (Xinhua) -- ", "MACAU--(BUSINESS WIRE)--",
     "HONG KONG, June 17, 2024 /GlobeNewswire/ -- ", "NANJING, China -- "]
)  # fmt: skip
SENTENCES = st.sampled_from(
    [
        "The Xiamen-Malaysia Meeting was held in Kuala Lumpur on 21 May 2024.",
        "The forum took place at 3:00 p.m. on April 8, 2024 at the Grand Hall.",
        "The fair was held on 10-11 September at the Venetian Macao.",
        "It ran from 9:00 a.m. to 5:30 p.m. on October 26.",
        "Trade between Xiamen and Malaysia reached 38.6 billion yuan last year.",
        "Exports rose 12 percent to US$4.5 billion this year.",
        "More than 600 delegates attended.",
        "Vice Mayor of Nanjing Song Lijuan said the province had signed 30 projects.",
        "Zheng Yulan, Vice Mayor of Xiamen, delivered a keynote speech.",
        '"We want more ships," he added.',
        "An MOU was signed between A Ltd. and B Co. worth RMB 2 billion.",
        "The event was organized by the Xiamen Municipal Bureau of Commerce.",
        "Caption: Officials at the signing.",
        "SOURCE Xiamen Municipal Bureau of Commerce",
        "last year",
        "this year, 2024,",
        "on 31 February",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    HEADLINES,
    DATELINES,
    st.lists(SENTENCES, max_size=8),
    st.sampled_from([" ", "\n\n", "\n"]),
)
def test_releases_put_together_from_fragments_read_without_error(
    headline, dateline, sentences, joint
):
    text = headline + dateline + joint.join(sentences)

    reading = read_release(text)

    assert all(0 <= f.start <= f.end <= len(reading.text) for f in reading.facts)


def facts_of(reading, kind):
    return [f.value for f in reading.facts if f.kind == kind]


def test_a_headline_and_sub_headline_above_the_dateline_are_front_matter():
    reading = read_release(
        "Xiamen Delegation Signs Five MOUs in Kuala Lumpur\n"
        "A sub-headline about the signings\n\n" + RELEASE
    )

    assert facts_of(reading, "dateline") == [{"text": "SINGAPORE"}]
    assert facts_of(reading, "published_on") == [{"date": "2023-10-20"}]
    assert facts_of(reading, "title") == [{"text": "Asia Trade Forum 2023"}]
    assert facts_of(reading, "start_date") == [{"date": "2023-10-18"}]


def test_the_headline_is_the_title_only_when_no_sentence_names_the_event():
    reading = read_release(
        "Green Week Opens in Nanjing\n\nNANJING, Oct. 28, 2024 /PRNewswire/ -- Delegates "
        "gathered in Nanjing on October 26."
    )

    titles = [f for f in reading.facts if f.kind == "title"]
    assert [f.value for f in titles] == [{"text": "Green Week Opens in Nanjing"}]
    assert titles[0].confidence < 0.5


def test_a_business_wire_time_line_gives_the_date_of_publication():
    reading = read_release(
        "Summit Closes with Deals\n\nSeptember 12, 2024 06:00 AM Eastern Daylight Time\n\n"
        "HONG KONG--(BUSINESS WIRE)--Over 1,500 delegates attended the Asia Wealth Connect "
        "Summit 2024, held at the Hong Kong Convention and Exhibition Centre on 10-11 September."
    )

    assert facts_of(reading, "dateline") == [{"text": "HONG KONG"}]
    assert facts_of(reading, "publisher") == [{"text": "Business Wire"}]
    assert facts_of(reading, "published_on") == [{"date": "2024-09-12"}]
    assert facts_of(reading, "title") == [{"text": "Asia Wealth Connect Summit 2024"}]
    assert facts_of(reading, "start_date") == [{"date": "2024-09-10"}]
    assert facts_of(reading, "end_date") == [{"date": "2024-09-11"}]


def test_a_xinhua_dateline_without_a_year_takes_the_year_the_release_names():
    reading = read_release(
        "BANGKOK, Feb. 27 (Xinhua) -- A tourism roadshow promoting Yunnan province was held "
        "in Bangkok on Tuesday.\n\nThe 2024 Yunnan Culture and Tourism Roadshow, held at the "
        "Centara Grand at CentralWorld, drew 200 agents."
    )

    assert facts_of(reading, "published_on") == [{"date": "2024-02-27"}]
    assert facts_of(reading, "publisher") == [{"text": "Xinhua"}]
    assert facts_of(reading, "title") == [{"text": "2024 Yunnan Culture and Tourism Roadshow"}]
    assert facts_of(reading, "start_date") == [{"date": "2024-02-27"}]  # that Tuesday


def test_a_xinhua_dateline_without_any_year_leaves_the_date_empty_and_says_so():
    reading = read_release(
        "BANGKOK, Feb. 27 (Xinhua) -- A tourism roadshow was held in Bangkok on Tuesday."
    )

    assert facts_of(reading, "dateline") == [{"text": "BANGKOK"}]
    assert facts_of(reading, "published_on") == []
    assert facts_of(reading, "start_date") == []
    assert any("no year" in warning for warning in reading.warnings)


def test_a_post_with_its_city_before_a_name_without_a_comma():
    people = people_in("Vice Mayor of Nanjing Song Lijuan delivered a welcome speech.")

    assert [(name, post) for _, _, name, post in people] == [
        ("Song Lijuan", "Vice Mayor of Nanjing")
    ]
    assert people_in("Ms. Fiona Xu, Chief Technology Officer of Greenland Power Systems.")[0][
        2
    ] == ("Fiona Xu")


@pytest.mark.parametrize(
    "after, remark",
    [
        ("said the province had become a base for batteries.",
         "The province had become a base for batteries."),
        ("said in her opening address that trade grew.", "Trade grew."),
        ("said trade between Xiamen and Malaysia reached 38.6 billion yuan.",
         "Trade between Xiamen and Malaysia reached 38.6 billion yuan."),
        ("said in Beijing.", ""),
        ('said: "We want more ships."', ""),
    ],
)  # fmt: skip
def test_reported_speech_without_that(after, remark):
    assert reported(after) == remark


def test_a_clause_then_he_added_is_a_remark_of_the_last_person_named():
    reading = read_release(
        RELEASE.split("\n\nA panel")[0]
        + "\n\nCooperation between the two cities will deepen next year, he added."
    )

    remarks = [f.value for f in reading.facts if f.kind == "remark"]
    assert {
        "person": "Wong Kai Man",
        "text": "Cooperation between the two cities will deepen next year.",
    } in remarks


def test_a_lower_case_post_of_a_newswire_is_a_post():
    people = people_in(
        "Zhang Yuxin, deputy director-general of the Yunnan Provincial Department of "
        "Culture and Tourism, said that Thailand was its largest source of visitors."
    )

    assert [name for _, _, name, _ in people] == ["Zhang Yuxin"]


def test_an_event_that_closed_after_two_days_began_the_day_before():
    reading = read_release(
        "MACAU--(BUSINESS WIRE)--The 2024 Lusophone Fair closed at the Galaxy International "
        "Convention Center on 16 June 2024 after two days of exhibitions."
    )

    assert facts_of(reading, "start_date") == [{"date": "2024-06-15"}]
    assert facts_of(reading, "end_date") == [{"date": "2024-06-16"}]
    assert facts_of(reading, "city") == [{"text": "Macao"}]  # from the dateline


def test_a_figure_is_dated_by_the_statement_before_it_and_labelled_with_its_list():
    found = figures_in(
        "She said that by the end of 2023 more than 300 Singapore companies had invested in "
        "Jiangxi, with US$4.2 billion in actual investment.",
        [],
        dt.date(2024, 3, 1),
    )
    assert [(v["value"], v["as_of"]) for *_, v in found] == [
        ("300", "2023-12-31"),
        ("4200000000", "2023-12-31"),
    ]

    found = figures_in(
        "The forum drew close to 400 officials, entrepreneurs and investors from Jiangxi.",
        [],
        dt.date(2024, 3, 1),
    )
    assert [v["label"] for *_, v in found] == ["officials, entrepreneurs and investors"]


def test_a_figure_by_the_end_of_a_month_is_of_the_events_year():
    found = figures_in(
        "Capacity had reached nearly 40 GW by the end of September.", [], dt.date(2024, 10, 25)
    )

    assert [v["as_of"] for *_, v in found] == ["2024-09-30"]


@pytest.mark.parametrize(
    "before, role, session",
    [
        ("In her keynote speech, ", "keynote", "Keynote speech"),
        ("In his opening remarks, ", "speaker", "Opening remarks"),
        ("Delivering the keynote speech, ", "keynote", "Keynote speech"),
    ],
)
def test_a_speech_named_before_the_speaker(before, role, session):
    found = role_in("said trade grew.", before, "Zheng Yulan")

    assert (found.role, found.session) == (role, session)


def test_a_lead_in_and_a_day_are_no_part_of_a_party():
    reading = read_release(
        RELEASE.split("\n\nA panel")[0]
        + "\n\nAmong them, Lvyuan Energy Group signed an investment agreement with the "
        "Jiangning Development Zone. Greenland Power Systems yesterday signed a framework "
        "agreement with Harbourfront Bank."
    )

    parties = {f.value["organization"] for f in reading.facts if f.kind == "party"}
    assert {"Lvyuan Energy Group", "Greenland Power Systems"} <= parties
    assert not any(p.startswith("Among") or p.endswith("yesterday") for p in parties)


@pytest.mark.parametrize(
    "text, day",
    [
        ("The fair opened on Friday.", dt.date(2024, 3, 1)),
        ("The fair will open on Friday.", dt.date(2024, 3, 8)),
        ("They signed it yesterday.", dt.date(2024, 3, 2)),
        ("The fair opened in March.", None),
    ],
)
def test_a_day_named_by_its_weekday_counts_from_the_release(text, day):
    from partnerships.intake.read import relative_day

    assert relative_day(text, dt.date(2024, 3, 3)) == day  # a Sunday
    assert relative_day(text, None) is None


def test_a_name_taken_for_a_person_does_not_hide_the_person_after_it():
    people = people_in(
        "The prize went to the Ocean Freight Council, represented by Maria Santos, "
        "Director of the Ocean Freight Council."
    )

    assert [(name, post) for _, _, name, post in people] == [
        ("Maria Santos", "Director of the Ocean Freight Council")
    ]


@pytest.mark.parametrize(
    ("sentence", "name", "post"),
    [
        ("Ahmad Zaki, Managing Director of Pelangi Ports Sdn. Bhd., said the port grew.",
         "Ahmad Zaki", "Managing Director of Pelangi Ports Sdn. Bhd."),
        ("Li Na, President of Dongfang Valves Co., Ltd., attended the dinner.",
         "Li Na", "President of Dongfang Valves Co., Ltd."),
        ("Datuk Seri Aminah Yusof, Chairman of the Penang Port Commission, spoke.",
         "Aminah Yusof", "Chairman of the Penang Port Commission"),
    ],
)  # fmt: skip
def test_a_company_form_and_an_honorific_are_no_end_of_a_post(sentence, name, post):
    assert [(n, p) for _, _, n, p in people_in(sentence)] == [(name, post)]


SHORT_FORMS = """\
PERTH, May 5, 2025 /PRNewswire/ -- The Indian Ocean Food Fair was held in Perth on May 4. \
More than 90 firms took part.

Organized by the Council for Trade Promotion Perth Office (CTP Perth) and co-organized by \
the Joint Secretariat of the Forum for Fisheries Cooperation between Australia and \
Indonesia, \
the fair had Karri Dairy Co., Ltd. as its title sponsor. Western Agri Bank was the \
official sponsor.

Helen Ward, Director of CTP Perth, and Budi Santoso, Head of the Joint Secretariat, opened the \
fair. Jack Moore, Chief Financial Officer of Karri Dairy, spoke. Tom Reid, Dean at \
The University of Western Perth, attended.

Media contact: Press Office, The University of Western Perth
"""


def test_organizations_as_a_directory_holds_them():
    reading = read_release(SHORT_FORMS)

    assert facts_of(reading, "organizer") == [
        {"organization": "Council for Trade Promotion Perth Office", "role": "organizer"},
        {"organization": "Joint Secretariat of the Forum for Fisheries Cooperation between "
         "Australia and Indonesia", "role": "co_organizer"},
        {"organization": "Karri Dairy Co., Ltd.", "role": "sponsor"},
        {"organization": "Western Agri Bank", "role": "sponsor"},
    ]  # fmt: skip
    assert {"name": "Council for Trade Promotion Perth Office", "short_name": "CTP Perth"} in (
        facts_of(reading, "organization")
    )
    posts = {(p["person"], p["organization"]) for p in facts_of(reading, "position")}
    assert posts == {
        ("Helen Ward", "Council for Trade Promotion Perth Office"),
        # a short form that begins the whole name is the whole name
        ("Budi Santoso",
         "Joint Secretariat of the Forum for Fisheries Cooperation between Australia and "
         "Indonesia"),
        # the company form the release gives the name elsewhere
        ("Jack Moore", "Karri Dairy Co., Ltd."),
        # "The" written capitalized inside a sentence is part of the name
        ("Tom Reid", "The University of Western Perth"),
    }  # fmt: skip


def test_a_governors_post_is_with_the_government_in_the_releases_words():
    reading = read_release(
        "SINGAPORE, March 3, 2024 /PRNewswire/ -- The Hunan Investment Forum was held in "
        "Singapore on March 2. It was hosted by the People's Government of Hunan Province.\n\n"
        "Led by Vice Governor Wu Dong, the delegation visited the port. Wu Dong, Vice "
        "Governor of Hunan Province, said trade grew."
    )

    assert facts_of(reading, "position") == [
        {"person": "Wu Dong", "title": "Vice Governor of Hunan Province",
         "organization": "People's Government of Hunan Province"},
    ]  # fmt: skip


SIGNINGS = """\
ZURICH, Sept. 9, 2025 /PRNewswire/ -- The Swiss-Yunnan Partnership Forum was held at the \
Kongresshaus in Zurich on September 8.

Anna Weber, Rector of Bern Health Academy, spoke on nursing. Peter Ho Ka-wai, Chairman of \
Lakeside Water Holdings, moderated the panel. Li Hua, President of Kunming Medical \
College, said that the college would send 40 students.

Four agreements were signed on the day. Alpine Rail Group signed a freight agreement \
between Alpine Rail Group and the Yunnan Transport Bureau at the forum. Memorandums of \
understanding were signed between Kunming Medical College and Bern Health Academy on \
nursing; and between Dian Lake Water Company and Swiss Aqua Systems on water treatment. \
The first was signed by Li Hua and Anna Weber.

Under a purchase contract, Andes Coffee Traders S.A. will ship US$3 million of beans to \
Yunnan Brew Co., Ltd. next year. Anna Weber and Dr. Ho signed a letter of intent on \
training.
"""


def test_agreements_listed_in_one_sentence_with_their_parties():
    reading = read_release(SIGNINGS)

    assert [
        (a["ref"], a["title"], a["kind"], a["value"], a["currency"])
        for a in facts_of(reading, "agreement")
    ] == [
        ("a1", "Freight agreement between Alpine Rail Group and Yunnan Transport Bureau",
         "other", "", ""),
        ("a2", "Memorandum of understanding between Kunming Medical College and Bern Health "
         "Academy", "memorandum", "", ""),
        ("a3", "Memorandum of understanding between Dian Lake Water Company and Swiss Aqua "
         "Systems", "memorandum", "", ""),
        ("a4", "Purchase contract between Andes Coffee Traders S.A. and Yunnan Brew Co., Ltd.",
         "other", "3000000", "USD"),
        # the people who signed stand for their organizations; "Dr. Ho" is the surname
        # before a hyphenated given name
        ("a5", "Letter of intent between Bern Health Academy and Lakeside Water Holdings",
         "letter_of_intent", "", ""),
    ]  # fmt: skip
    assert {(p["agreement"], p["organization"]) for p in facts_of(reading, "party")} >= {
        ("a3", "Dian Lake Water Company"),
        ("a4", "Yunnan Brew Co., Ltd."),
        ("a5", "Lakeside Water Holdings"),
    }


def test_the_first_of_a_list_of_agreements_and_a_second_part_for_a_signatory():
    reading = read_release(SIGNINGS)

    assert facts_of(reading, "signatory") == [
        # "The first was signed by …": the first of those the sentence before listed
        {"agreement": "a2", "person": "Li Hua", "organization": "Kunming Medical College"},
        {"agreement": "a2", "person": "Anna Weber", "organization": "Bern Health Academy"},
        {"agreement": "a5", "person": "Anna Weber", "organization": "Bern Health Academy"},
        {"agreement": "a5", "person": "Peter Ho Ka-wai",
         "organization": "Lakeside Water Holdings"},
    ]  # fmt: skip
    # a moderator who later signs is also a signatory
    parts = {(p["person"], p["role"]) for p in facts_of(reading, "participation")}
    assert {("Peter Ho Ka-wai", "moderator"), ("Peter Ho Ka-wai", "signatory")} <= parts


def test_the_leader_of_a_delegation_is_not_what_the_delegation_did():
    assert role_in("attended the fair.", "A delegation led by ", "Rui Costa") is None


PANEL_DAY = """\
LISBON, June 4, 2025 /PRNewswire/ -- The Atlantic Ports Forum was held in Lisbon on \
June 3. It was hosted by the Lisbon City Council and organised by the Atlantic Ports \
Association.

Chairman of the Lisbon Port Authority, Rui Costa, said in a keynote speech that the port \
handled 14 million tonnes last year. Costa said the port would add two berths. \
"We will open two new routes to Asia next spring," Costa told reporters.

The roundtable "Ports After Carbon" was moderated by Ines Sousa, Partner at Mar & Terra \
Advisory. Tan Boon Hock, Deputy Minister of Transport, Logistics and Maritime Affairs of \
Singapore, and Eva Lind, Director-General of the Department of Energy and Climate Policy \
of the Ministry of Economy, joined the panel.
"""


def test_posts_before_names_surnames_and_a_quoted_roundtable():
    reading = read_release(PANEL_DAY)

    assert facts_of(reading, "organizer") == [
        {"organization": "Lisbon City Council", "role": "organizer"},
        {"organization": "Atlantic Ports Association", "role": "organizer"},
    ]
    assert {"title": "Ports After Carbon", "kind": "panel", "date": "", "start_time": ""} in (
        facts_of(reading, "session")
    )
    assert facts_of(reading, "position") == [
        {"person": "Rui Costa", "title": "Chairman", "organization": "Lisbon Port Authority"},
        {"person": "Ines Sousa", "title": "Partner", "organization": "Mar & Terra Advisory"},
        {"person": "Tan Boon Hock",
         "title": "Deputy Minister of Transport, Logistics and Maritime Affairs of Singapore",
         "organization": "Ministry of Transport, Logistics and Maritime Affairs"},
        {"person": "Eva Lind", "title": "Director-General",
         "organization": "Department of Energy and Climate Policy of the Ministry of Economy"},
    ]  # fmt: skip
    parts = {(p["person"], p["role"], p["session"]) for p in facts_of(reading, "participation")}
    assert {
        ("Rui Costa", "keynote", "Keynote speech"),
        ("Ines Sousa", "moderator", "Ports After Carbon"),
        ("Eva Lind", "speaker", "Ports After Carbon"),
    } <= parts
    assert {"person": "Rui Costa", "text": "The port would add two berths."} in facts_of(
        reading, "remark"
    )
    assert facts_of(reading, "quote") == [
        {"person": "Rui Costa", "text": "We will open two new routes to Asia next spring"}
    ]


def test_a_clause_then_a_known_surname_said_and_what_they_added():
    reading = read_release(
        PANEL_DAY + "\nCargo volumes rose 8% in 2024, Costa said, adding that the berths "
        "would open in 2027.\n\nTrade with Brazil rose sharply, Reuters said.\n"
    )

    remarks = facts_of(reading, "remark")
    assert {"person": "Rui Costa", "text": "Cargo volumes rose 8% in 2024."} in remarks
    assert {"person": "Rui Costa", "text": "The berths would open in 2027."} in remarks
    assert not any("Brazil" in r["text"] for r in remarks)  # no one named Reuters


@pytest.mark.parametrize(
    "when",
    [
        "from 12 to 14 June 2025",
        "on June 12-14, 2025",
        "from Thursday, 12 June to Saturday, 14 June 2025",
        "on 12 June 2025 and ran for three days",
    ],
)
def test_an_event_of_several_days_has_its_last_day(when):
    reading = read_release(
        f"RIGA, June 16, 2025 /PRNewswire/ -- The Baltic Food Expo took place at the Riga "
        f"Congress Centre {when}."
    )

    assert facts_of(reading, "start_date") == [{"date": "2025-06-12"}]
    assert facts_of(reading, "end_date") == [{"date": "2025-06-14"}]


def test_a_post_in_brackets_and_a_lower_case_post_at_a_company():
    people = people_in(
        "Panelists included Zhao Min (CEO, Tianfu Seeds) and Lena Vogt, head of business "
        "development at Vogt Sensorik GmbH."
    )

    assert [(name, post) for _, _, name, post in people] == [
        ("Zhao Min", "CEO at Tianfu Seeds"),
        ("Lena Vogt", "head of business development at Vogt Sensorik GmbH"),
    ]


def test_an_agreement_named_in_a_paragraph_of_signings_and_a_figure_without_its_speaker():
    reading = read_release(
        "OSAKA, Jan. 20, 2026 /PRNewswire/ -- The Kansai Food Forum was held in Osaka on "
        "January 19.\n\nNishida Ren, President of Kansai Agri Union, said that Japan-China "
        "trade reached US$300 billion in 2025. Nishida said farm exports reached US$9 "
        "billion in 2025.\n\nTwo deals were signed. Kansai Agri Union signed a memorandum "
        "of understanding with Harbin Grain Group. The other was a supply contract between "
        "Osaka Rice Co., Ltd. and Heilongjiang Farms Ltd."
    )

    assert [(a["title"], a["kind"]) for a in facts_of(reading, "agreement")] == [
        (
            "Memorandum of understanding between Kansai Agri Union and Harbin Grain Group",
            "memorandum",
        ),
        ("Supply contract between Osaka Rice Co., Ltd. and Heilongjiang Farms Ltd.", "other"),
    ]
    assert [f["label"] for f in facts_of(reading, "key_figure")] == [
        "Japan-China trade",
        "farm exports",
        "deals",  # how many were signed
    ]


def test_a_forum_held_within_the_event_and_titled_sessions_are_agenda_items():
    reading = read_release(
        "KUNMING, June 9, 2025 /PRNewswire/ -- The South Asia Expo was held at the Dianchi "
        "Convention Center in Kunming from June 5 to 8, 2025.\n\n"
        "A Digital Silk Road Forum was held on June 6. The 2019 Expo was held on June 6, "
        '2019. Guests joined a workshop titled "Tea Without Borders" and a fireside chat on '
        "rail freight.\n\nThe panel was moderated by Director of the Yunnan Rail Office, "
        "Duan Wei, who spoke first."
    )

    assert facts_of(reading, "session") == [
        {"title": "Digital Silk Road Forum", "kind": "other", "date": "2025-06-06",
         "start_time": ""},
        {"title": "Tea Without Borders", "kind": "other", "date": "2025-06-06",
         "start_time": ""},
        {"title": "Fireside chat on rail freight", "kind": "other", "date": "2025-06-06",
         "start_time": ""},
        {"title": "Panel", "kind": "panel", "date": "2025-06-06", "start_time": ""},
    ]  # fmt: skip
    assert facts_of(reading, "position") == [
        {"person": "Duan Wei", "title": "Director", "organization": "Yunnan Rail Office"}
    ]


def test_signatories_named_without_posts():
    reading = read_release(
        "HONG KONG, Feb. 9, 2026 /PRNewswire/ -- The Harbour Logistics Forum was held in "
        "Hong Kong on Feb. 8.\n\nKowloon Freight Group and Pearl Delta Shipping signed a "
        "memorandum of understanding on cold chains. It was signed by Ho Man-kit and Joanna "
        "Price on behalf of Kowloon Freight Group and Pearl Delta Shipping respectively.\n\n"
        "Lantau Ports signed a framework agreement with Shekou Rail. Later, Chen Hui and "
        "Paul Smith signed the agreement. Another deal was signed by Sinopec and Petronas "
        "Energy."
    )

    assert facts_of(reading, "signatory") == [
        {"agreement": "a1", "person": "Ho Man-kit", "organization": "Kowloon Freight Group"},
        {"agreement": "a1", "person": "Joanna Price",
         "organization": "Pearl Delta Shipping"},
        # two parties, two names, no word of who signed for whom: left to the reviewer
        {"agreement": "a2", "person": "Chen Hui", "organization": ""},
        {"agreement": "a2", "person": "Paul Smith", "organization": ""},
    ]  # fmt: skip
    assert {"name": "Paul Smith"} in facts_of(reading, "person")
    assert {"name": "Petronas Energy"} not in facts_of(reading, "person")
