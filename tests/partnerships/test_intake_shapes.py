"""The reader on the shapes newswires and newsrooms publish beyond the common one: a
company's own newsroom, a newspaper's byline, a wire between two dashes, a quoted short
name, lists inside names, organizers named by "with X as co-organizer". Each test's
sentences are written for it, not taken from a corpus."""

import datetime as dt

import pytest

from partnerships.intake.grammar import split_list
from partnerships.intake.read import organizers_in, people_in, read_release, read_source

from .readings import facts, positions, source_of


def test_a_company_newsroom_with_a_single_dash_dateline_is_read_and_publishes_itself():
    text = (
        "Brightwave Holdings Limited - Newsroom\n\n"
        "Brightwave and Delta Port sign solar framework agreement\n\n"
        "ZHUHAI, 9 April 2026 - Brightwave Holdings Limited signed a framework agreement "
        "with Delta Port Co., Ltd. on Wednesday.\n"
    )
    assert source_of(text) == (
        "ZHUHAI",
        dt.date(2026, 4, 9),
        "Brightwave Holdings Limited",
    )
    # the headline is news, not an event's name: no title is offered from it
    assert facts("title", text) == []
    # the event is dated by the lead sentence's weekday, counted back from the release
    assert facts("start_date", text) == [{"date": "2026-04-08"}]


def test_a_wire_between_two_dashes():
    assert source_of("OSAKA, Japan, Mar 3, 2026 - (JCN Newswire) - A delegation from …") == (
        "OSAKA, Japan",
        dt.date(2026, 3, 3),
        "JCN Newswire",
    )


def test_a_newspaper_byline_gives_publisher_and_date_and_its_place_the_city():
    text = (
        "Wuhan expo draws optics makers\n\n"
        "By LI HUA in Wuhan | chinadaily.com.cn | Updated: 2026-05-21 09:10\n\n"
        "The 2026 Optics Valley Expo was held on Wednesday at the Wuhan International Expo "
        "Center, drawing 300 exhibitors.\n"
    )
    assert source_of(text) == (
        "",
        dt.date(2026, 5, 21),
        "China Daily",
    )
    assert facts("dateline", text) == []
    assert facts("title", text) == [{"text": "2026 Optics Valley Expo"}]
    assert facts("start_date", text) == [{"date": "2026-05-20"}]
    assert facts("city", text) == [{"text": "Wuhan"}]
    assert facts("time_zone", text) == [{"name": "Asia/Shanghai"}]


def test_a_source_line_dates_a_dateline_without_a_year():
    text = (
        "Xi'an culture week opens in Seoul\n\n"
        "Source: Xinhua | 2026-10-02 21:05:11 | Editor: huaxia\n\n"
        "SEOUL, Oct. 2 (Xinhua) -- The Xi'an Culture Week opened on Friday in Seoul.\n"
    )
    assert read_source(text).published_on == dt.date(2026, 10, 2)


def test_a_quoted_short_name_and_a_stock_code_are_no_part_of_the_parties():
    text = (
        'SHENZHEN, June 2, 2026 /PRNewswire/ -- Kestrel Robotics Limited ("Kestrel" or '
        '"the Company", HKEX: 1234) signed a strategic cooperation agreement with Harbour '
        "Automation Co., Ltd. at the Shenzhen Convention and Exhibition Center on June 1. "
        "Kestrel will supply 500 robots.\n"
    )
    parties = facts("party", text)
    organizations = facts("organization", text)

    assert {party["organization"] for party in parties} == {
        "Kestrel Robotics Limited",
        "Harbour Automation Co., Ltd.",
    }
    assert {"name": "Kestrel Robotics Limited", "short_name": "Kestrel"} in organizations
    assert not any("HKEX" in o["name"] or "Company" in o["name"] for o in organizations)


@pytest.mark.parametrize(
    "text, names",
    [
        # a list inside a name, after "of"
        (
            "the Hubei Provincial Department of Culture, Sports, Radio and Tourism and "
            "the Wuhan Municipal Government",
            [
                "Hubei Provincial Department of Culture, Sports, Radio and Tourism",
                "Wuhan Municipal Government",
            ],
        ),
        # two words that name no organization alone, joined by "and" to one that does
        (
            "the China Bridges and Tunnels Association and the Wuhan Municipal Government",
            ["China Bridges and Tunnels Association", "Wuhan Municipal Government"],
        ),
        # company forms with full stops end a name
        (
            "Valencia Citrus S.L., Golden Harvest Berhad and Adria Shipping d.d.",
            ["Valencia Citrus S.L.", "Golden Harvest Berhad", "Adria Shipping d.d."],
        ),
        # "Bank of China and …": a name with "of" is whole
        ("Bank of China and Standard Bank Group", ["Bank of China", "Standard Bank Group"]),
    ],
)
def test_lists_of_names(text, names):
    assert split_list(text) == names


def test_organizers_named_with_as_and_by_what_they_did():
    sentence = (
        "The expo was organized by the Wuhan Municipal Government, with the China Bridges "
        "and Tunnels Association (CBTA) as co-organizer"
    )
    assert organizers_in(sentence) == [
        ("Wuhan Municipal Government", "organizer"),
        ("China Bridges and Tunnels Association (CBTA)", "co_organizer"),
    ]
    assert organizers_in(
        "The Hubei Optics Society supported the expo, and Lumen Glass Co., Ltd. was its "
        "materials sponsor"
    ) == [("Hubei Optics Society", "supporter"), ("Lumen Glass Co., Ltd.", "sponsor")]
    assert organizers_in(
        "It was sponsored by Lumen Glass Co., Ltd. More than 300 guests attended"
    ) == [("Lumen Glass Co., Ltd.", "sponsor")]


def test_a_name_in_another_tongue_in_brackets_is_dropped_but_a_branch_place_is_kept():
    text = (
        "HAMBURG, May 5, 2026 /PRNewswire/ -- The Elbe Trade Forum 2026 was held in Hamburg on "
        "May 4, supported by the Altona Chamber of Commerce (Handelskammer Altona) and the "
        "Bank of China (Hong Kong).\n"
    )
    names = {o["name"] for o in facts("organization", text)}
    assert {"Altona Chamber of Commerce", "Bank of China (Hong Kong)"} <= names


# People and their posts -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, name, post",
    [
        # the post first, then the name between commas, at the start of the sentence
        (
            "The Secretary-General of the Wuhan Optics Society, Zhang Min, opened the session.",
            "Zhang Min",
            "Secretary-General of the Wuhan Optics Society",
        ),
        # an organization's post in the possessive
        (
            "Lumen Glass's Chief Executive, Petra Holm, and others signed the agreement.",
            "Petra Holm",
            "Chief Executive at Lumen Glass",
        ),
        # a professor "of" a university
        (
            "The panel was moderated by Prof. Omar Haddad of the Wuhan University of Technology.",
            "Omar Haddad",
            "Professor at Wuhan University of Technology",
        ),
        # a lower-case post with a long title before its organization
        (
            "said Ines Duarte, member of the supervisory board of Porto Freight Terminals, on "
            "Friday.",
            "Ines Duarte",
            "member of the supervisory board of Porto Freight Terminals",
        ),
    ],
)
def test_posts_written_in_several_ways(sentence, name, post):
    assert [(found, posts) for _, _, found, posts in people_in(sentence)] == [(name, post)]


@pytest.mark.parametrize(
    "sentence, name, post",
    [
        (
            "Wuhan Vice Mayor Li Ming told the forum that exports grew.",
            "Li Ming",
            "Vice Mayor of Wuhan",
        ),
        (
            "Vice Governor of Hubei Province Chen Hong said that the province grew.",
            "Chen Hong",
            "Vice Governor of Hubei Province",
        ),
        (
            "Brazilian Ambassador to China Paulo Reis said that trade grew.",
            "Paulo Reis",
            "Brazilian Ambassador to China",
        ),
        (
            "Mayor of Osaka Kenta Mori welcomed the delegation.",
            "Kenta Mori",
            "Mayor of Osaka",
        ),
    ],
)
def test_a_post_before_the_name(sentence, name, post):
    assert [(found, posts) for _, _, found, posts in people_in(sentence)] == [(name, post)]


def test_a_title_and_a_surname_are_no_person():
    sentence = "Vice Governor Chen said that the province grew."
    assert people_in(sentence) == []


def test_an_organization_named_before_in_lower_case_is_found_by_its_words():
    text = (
        "WUHAN, May 5, 2026 /PRNewswire/ -- The Optics Valley Forum 2026 was held in Wuhan on "
        "May 4.\n\n"
        "Lumen Glass Co., Ltd. signed an investment agreement with the Administrative "
        "Committee of Donghu High-tech Zone. It was signed by Petra Holm, chief executive of "
        "the company, and Hu Jun, director of the zone's administrative committee.\n"
    )
    held = positions(text)

    assert held["Hu Jun"] == ("director", "Administrative Committee of Donghu High-tech Zone")
    assert held["Petra Holm"] == ("chief executive", "Lumen Glass Co., Ltd.")


def test_the_group_of_a_quoted_short_name_is_that_company():
    text = (
        'ZHUHAI, 9 April 2026 - Brightwave Holdings Limited ("Brightwave" or "the Group") '
        "signed a framework agreement with Delta Port Co., Ltd. on Wednesday.\n\n"
        "Speaking at the ceremony, the Group's Chairman, Dr. Ada Leung Wai-man, said that "
        "the campus would open in 2028.\n"
    )
    assert positions(text)["Ada Leung Wai-man"] == ("Chairman", "Brightwave Holdings Limited")


def test_a_place_in_the_possessive_is_no_part_of_a_company_name():
    text = (
        "WUHAN, May 5, 2026 /PRNewswire/ -- The Optics Valley Forum 2026 was held in Wuhan on "
        "May 4. Singapore's Merlion Optics Pte. Ltd. signed an investment agreement with "
        "Lumen Glass Co., Ltd.\n"
    )
    names = {o["name"] for o in facts("organization", text)}
    assert "Merlion Optics Pte. Ltd." in names
    assert not any(name.startswith("Singapore") for name in names)


def test_each_reported_clause_is_its_own_remark():
    text = (
        "WUHAN, May 5, 2026 /PRNewswire/ -- The Optics Valley Forum 2026 was held in Wuhan on "
        "May 4.\n\n"
        "Li Ming, Vice Mayor of Wuhan, said that exports of optical fibre grew by a fifth, "
        "and that the city would open a new port next year.\n"
    )
    remarks = [remark["text"] for remark in facts("remark", text)]
    assert remarks == [
        "Exports of optical fibre grew by a fifth.",
        "The city would open a new port next year.",
    ]


def test_cities_of_the_world_give_their_zones():
    for city, zone in (("Lisbon", "Europe/Lisbon"), ("Niigata", "Asia/Tokyo"),
                       ("Hamburg", "Europe/Berlin"), ("Nairobi", "Africa/Nairobi")):  # fmt: skip
        text = (
            f"{city.upper()}, May 5, 2026 /PRNewswire/ -- The Trade Forum 2026 was held in "
            f"{city} on May 4.\n"
        )
        assert facts("time_zone", text) == [{"name": zone}], city


# Agreements -------------------------------------------------------------------------------

FORUM = (
    "WUHAN, May 5, 2026 /PRNewswire/ -- The Optics Valley Forum 2026 was held in Wuhan on "
    "May 4.\n\n"
)


def test_one_company_signing_agreements_with_several_gives_one_agreement_each():
    text = FORUM + (
        "Lumen Glass Co., Ltd. signed memorandums of understanding on optical fibre supply "
        "with Porto Freight Terminals, Adria Shipping d.d. and Valencia Citrus S.L., the "
        "largest importer in Spain.\n"
    )
    agreements = facts("agreement", text)
    parties = facts("party", text)

    assert [a["title"] for a in agreements] == [
        "Memorandum of understanding between Lumen Glass Co., Ltd. and Porto Freight Terminals",
        "Memorandum of understanding between Lumen Glass Co., Ltd. and Adria Shipping d.d.",
        "Memorandum of understanding between Lumen Glass Co., Ltd. and Valencia Citrus S.L.",
    ]
    assert {"agreement": "a3", "organization": "Valencia Citrus S.L."} in parties
    assert len(parties) == 6


def test_an_agreement_worth_an_amount_with_its_partner():
    text = FORUM + (
        "Golden Harvest Berhad signed an investment agreement worth 640 million yuan with the "
        "Administrative Committee of Donghu High-tech Zone to build a plant.\n"
    )
    (agreement,) = facts("agreement", text)

    assert agreement["title"] == (
        "Investment agreement between Golden Harvest Berhad and Administrative Committee of "
        "Donghu High-tech Zone"
    )
    assert (agreement["value"], agreement["currency"]) == ("640000000", "CNY")


def test_agreements_listed_as_bullets_below_a_signing():
    text = FORUM + (
        "Three agreements were signed at the closing ceremony:\n\n"
        "- An investment agreement worth EUR 90 million between the Wuhan Optics Valley "
        "Administrative Committee and Rhein Photonics GmbH, for a laser plant.\n\n"
        "- A framework agreement between Lumen Glass Co., Ltd. and Adria Shipping d.d. on "
        "shipping.\n"
    )
    agreements = facts("agreement", text)

    assert [(a["kind"], a["value"], a["currency"]) for a in agreements] == [
        ("investment", "90000000", "EUR"),
        ("framework", "", ""),
    ]
    assert {"agreement": "a2", "organization": "Adria Shipping d.d."} in facts("party", text)


def test_witnesses_are_no_signatories_and_one_signer_may_sign_all_listed():
    text = FORUM + (
        "The agreement between Lumen Glass Co., Ltd. and Rhein Photonics GmbH was signed by "
        "Petra Holm, Chief Executive of Lumen Glass Co., Ltd., and witnessed by Li Ming, "
        "Vice Mayor of Wuhan.\n"
    )
    signers = {s["person"] for s in facts("signatory", text)}
    assert "Li Ming" not in signers

    text = FORUM + (
        "Lumen Glass Co., Ltd. signed memorandums of understanding with Porto Freight "
        "Terminals, Adria Shipping d.d. and Valencia Citrus S.L. The company's chairman, Hu "
        "Jun, signed all three.\n"
    )
    signatories = facts("signatory", text)
    assert [s["agreement"] for s in signatories] == ["a1", "a2", "a3"]
    assert {s["organization"] for s in signatories} == {"Lumen Glass Co., Ltd."}


# Agenda and figures -----------------------------------------------------------------------


def test_agreements_signed_at_a_ceremony_give_it_and_its_signatories_and_their_count():
    text = FORUM + (
        "Four agreements were signed at a ceremony in the afternoon.\n\n"
        "Lumen Glass Co., Ltd. signed an investment agreement with Rhein Photonics GmbH. It "
        "was signed by Petra Holm, Chief Executive of Lumen Glass Co., Ltd.\n"
    )
    assert {"title": "Signing ceremony", "kind": "ceremony", "date": "", "start_time": ""} in (
        facts("session", text)
    )
    assert {"person": "Petra Holm", "role": "signatory", "remote": False,
            "session": "Signing ceremony"} in facts("participation", text)  # fmt: skip
    assert {"value": "4", "qualifier": "", "unit": "", "currency": "", "label": "agreements",
            "as_of": "2026-05-04"} in facts("key_figure", text)  # fmt: skip


def test_figures_in_metric_tons_and_teus_and_a_label_of_two_peoples():
    text = FORUM + (
        "The port handled 12.5 million twenty-foot equivalent units (TEUs) of containers and "
        "400 million metric tons of cargo. Nearly 300 German and Austrian business leaders "
        "attended.\n"
    )
    figures = {(f["value"], f["unit"], f["label"]) for f in facts("key_figure", text)}
    assert ("12500000", "TEUs", "of containers") in figures
    assert ("400000000", "metric tons", "of cargo") in figures
    assert ("300", "", "German and Austrian business leaders") in figures


def test_a_weekday_dates_an_agenda_item_within_the_event_and_witnesses_are_its_guests():
    text = (
        "SHENZHEN, June 15, 2026 /PRNewswire/ -- The Shenzhen Robotics Summit was held at the "
        "Shenzhen Convention and Exhibition Center from June 11 to 13.\n\n"
        'On Friday afternoon, a panel titled "Robots at Work" was moderated by Ada Ng, Editor '
        "at Robot Weekly.\n\n"
        "Ningbo Mayor Gao Min told the opening session that the port grew.\n\n"
        "Lumen Glass Co., Ltd. signed an investment agreement with Rhein Photonics GmbH at the "
        "signing ceremony. It was signed by Petra Holm, Chief Executive of Lumen Glass Co., "
        "Ltd., and witnessed by Li Ming, Vice Mayor of Wuhan.\n"
    )
    sessions = {s["title"]: s for s in facts("session", text)}
    participations = facts("participation", text)

    assert sessions["Robots at Work"]["date"] == "2026-06-12"  # the Friday of the summit
    assert sessions["Opening session"]["kind"] == "speech"
    assert {"person": "Li Ming", "role": "guest", "remote": False,
            "session": "Signing ceremony"} in participations  # fmt: skip


# Pages, e-mails and letterheads -------------------------------------------------------------


def test_a_ministry_letterhead_publishes_and_a_weekday_and_ordinal_dateline_dates():
    text = (
        "REPUBLIC OF GHANA\nMINISTRY OF TRADE AND INDUSTRY\n\nPRESS RELEASE\n\n"
        "GHANA AND HUNAN SIGN COCOA AGREEMENT\n\n"
        "ACCRA, Tuesday 9th March 2027 – Ghana and Hunan Province signed a memorandum of "
        "understanding at the Ghana–Hunan Business Forum held at the Accra International "
        "Conference Centre on the 8th of March 2027.\n"
    )
    assert source_of(text) == (
        "ACCRA",
        dt.date(2027, 3, 9),
        "Ministry of Trade and Industry",
    )
    assert facts("title", text) == [{"text": "Ghana–Hunan Business Forum"}]
    assert facts("start_date", text) == [{"date": "2027-03-08"}]


def test_an_e_mail_s_headers_and_covering_note_are_front_matter():
    text = (
        "From: Ana Lima <ana@example.org>\nSent: Friday, 5 March 2027 10:05\nTo: Desk\n"
        "Subject: PRESS RELEASE: Leeds–Wuhan week closes\n\nDear colleagues,\n\n"
        "Please find below a press release from the Yorkshire Culture Trust.\n\n"
        "Best wishes,\nAna\n\n-----\n\nPRESS RELEASE – FOR IMMEDIATE RELEASE\n\n"
        "LEEDS–WUHAN CULTURE WEEK CLOSES\n\n"
        "LEEDS, 5 March 2027 – The Leeds–Wuhan Culture Week closed on Thursday at Leeds "
        "Town Hall.\n"
    )
    assert source_of(text) == (
        "LEEDS",
        dt.date(2027, 3, 5),
        "Yorkshire Culture Trust",
    )
    assert read_source(text).headline == "LEEDS–WUHAN CULTURE WEEK CLOSES"


def test_a_web_page_without_a_dateline_dates_itself_and_its_box_of_fields_gives_the_event():
    text = (
        "Bosphorus Institute of Technology | News\nHome / News\n\n"
        "BIT and Wuhan partners sign research memorandum\n\n"
        "Published: 2027-04-14 | Communications Office\n\n"
        "Event: Turkish-Chinese Forum on Coastal Engineering\n"
        "Date: 2027-04-13, 09:30–16:00\n"
        "Venue: Piri Reis Hall, Beykoz Campus\n\n"
        "Bosphorus Institute of Technology and Wuhan Coastal University signed a memorandum "
        "of understanding on Tuesday at the Turkish-Chinese Forum on Coastal Engineering "
        "held on the Beykoz Campus.\n"
    )
    assert facts("published_on", text) == [{"date": "2027-04-14"}]
    assert facts("publisher", text) == [{"text": "Bosphorus Institute of Technology"}]
    assert facts("title", text) == [{"text": "Turkish-Chinese Forum on Coastal Engineering"}]
    assert facts("start_date", text) == [{"date": "2027-04-13"}]
    assert facts("start_time", text) == [{"time": "09:30"}]
    assert facts("end_time", text) == [{"time": "16:00"}]
    assert facts("venue", text) == [{"text": "Piri Reis Hall"}]


def test_a_named_event_held_on_two_days_dates_the_event():
    text = (
        "Posted 12 March 2027\n\n"
        "A business mission from Macao wrapped up two days of meetings in Ho Chi Minh City on "
        "6 March.\n\n"
        "The Macao–Vietnam Trade Mission 2027, held on 5 and 6 March at the Saigon Expo "
        "Centre, brought together 40 companies.\n"
    )
    assert facts("title", text) == [{"text": "Macao–Vietnam Trade Mission 2027"}]
    assert facts("start_date", text) == [{"date": "2027-03-05"}]
    assert facts("end_date", text) == [{"date": "2027-03-06"}]


def test_an_impossible_date_in_a_source_or_posted_line_dates_nothing_and_breaks_nothing():
    source_line = (
        "Source: Xinhua | 2026-13-45 21:05:11 | Editor: huaxia\n\n"
        "SEOUL, Oct. 2 (Xinhua) -- The Xi'an Culture Week opened on Friday in Seoul.\n"
    )
    posted_line = (
        "Harbour News\n\nPublished: 2026-02-30 | Newsroom\n\n"
        "The Harbour Week was held on 3 May 2026 in Busan.\n"
    )
    # the line gives no date; the release is still read
    assert read_source(source_line).published_on is None
    assert facts("title", source_line) == [{"text": "Xi'an Culture Week"}]
    assert facts("published_on", posted_line) == []
    assert facts("title", posted_line) == [{"text": "Harbour Week"}]


AGREEMENTS_DEFINED_LATER = (
    "ACCRA, Friday 12th March 2027 – Ghana and China's Hunan Province signed a USD 80 "
    "million investment agreement for a cocoa processing park in Tema, together with a "
    "memorandum of understanding on trade promotion, at the Ghana–Hunan Business Forum held "
    "at the Accra International Conference Centre on the 11th of March 2027.\n\n"
    "Under the investment agreement, Hunan Golden Bean Foods Co., Ltd. will invest USD 80 "
    "million in the park. The agreement was signed by Dr. Kofi Mensah Boateng, Director "
    "General of the Ghana Free Zones Authority, and Mr. Tan Jianhua, Chairman of Hunan Golden "
    "Bean Foods Co., Ltd. The park is expected to employ 2,500 people.\n\n"
    "The memorandum of understanding between GIPC and the Department of Commerce of Hunan "
    "Province commits the two agencies to joint missions. It was signed by Eng. Ama Owusu "
    "Darko, Chief Executive of GIPC, and Ms. Li Xiaofang, Deputy Director-General of the "
    "Department of Commerce of Hunan Province.\n"
)


def test_agreements_first_named_between_places_take_the_parties_named_later():
    """A lead naming only places ("Ghana and China's Hunan Province signed …") and the
    paragraphs below naming who the parties are: "Under the investment agreement, X will
    …", "The memorandum … between A and B …", "It was signed by …"."""
    text = AGREEMENTS_DEFINED_LATER

    assert facts("agreement", text) == [
        {"ref": "a1", "kind": "investment", "value": "80000000", "currency": "USD",
         "title": "Investment agreement between Hunan Golden Bean Foods Co., Ltd. and "
                  "Ghana Free Zones Authority"},
        {"ref": "a2", "kind": "memorandum", "value": "", "currency": "",
         "title": "Memorandum of understanding between GIPC and Department of Commerce of "
                  "Hunan Province"},
    ]  # fmt: skip
    assert facts("signatory", text) == [
        {"agreement": "a1", "person": "Kofi Mensah Boateng",
         "organization": "Ghana Free Zones Authority"},
        {"agreement": "a1", "person": "Tan Jianhua",
         "organization": "Hunan Golden Bean Foods Co., Ltd."},
        {"agreement": "a2", "person": "Ama Owusu Darko", "organization": "GIPC"},
        {"agreement": "a2", "person": "Li Xiaofang",
         "organization": "Department of Commerce of Hunan Province"},
    ]  # fmt: skip


def test_an_agreement_first_named_where_it_is_defined_and_its_signers_in_newspaper_style():
    text = (
        "IPOH, Oct 20 (Bernama) -- The Perak Electronics Week 2026 opened here today.\n\n"
        "Under the investment agreement, signed between InvestPerak and Heron Circuits Sdn "
        "Bhd, a unit of Chinese board maker Heron Group, Heron will build a plant in Kinta.\n\n"
        "The agreement was signed by InvestPerak chief executive officer Nor Aini Hassan and "
        "Heron Circuits managing director Xu Peng.\n"
    )
    assert facts("party", text) == [
        {"agreement": "a1", "organization": "InvestPerak"},
        {"agreement": "a1", "organization": "Heron Circuits Sdn Bhd"},
    ]
    assert [(f["person"], f["title"]) for f in facts("position", text)] == [
        ("Nor Aini Hassan", "chief executive officer"),
        ("Xu Peng", "managing director"),
    ]
    assert [f["person"] for f in facts("signatory", text)] == ["Nor Aini Hassan", "Xu Peng"]


def test_a_company_form_before_a_sentence_s_first_word_ends_the_sentence():
    text = AGREEMENTS_DEFINED_LATER
    chairman = ("Chairman", "Hunan Golden Bean Foods Co., Ltd.")
    assert positions(text)["Tan Jianhua"] == chairman


@pytest.mark.parametrize(
    ("lead", "city"),
    [
        # "here": the dateline's city, not the partner's
        (
            "KUCHING, Oct 20 (Bernama) -- The Sarawak Tech Week opened here today with a "
            "memorandum of understanding with China's Wuxi.",
            "Kuching",
        ),
        # a city that begins an institution's name is not where the event is
        (
            "The Turkish-Chinese Forum on Ports was held on the Maslak Campus, where Galata "
            "University and the Nanjing Institute of Shipping signed a memorandum.",
            "",
        ),
        # where a mission comes from is not where it meets
        (
            "The Macao Trade Mission 2026, held on 5 and 6 November, met buyers; the mission "
            "from Macao wrapped up its meetings in Da Nang on 6 November.",
            "Da Nang",
        ),
        # a city in the event's own name, and another where it is held
        (
            "The 2026 Wuhan Culture Week opened on Monday at the Belem Centre, bringing "
            "Wuhan's food to Lisbon.",
            "Lisbon",
        ),
    ],
)
def test_the_event_s_city_is_where_it_is_held(lead, city):
    assert facts("city", lead) == ([{"text": city}] if city else [])


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        (
            "She said that Ghana's exports of cocoa had reached US$2.9 billion in 2025.",
            {"label": "Ghana's exports of cocoa", "value": "2900000000"},
        ),
        ("More than 60 events drew about 9,000 visitors.", {"label": "events", "value": "60"}),
        (
            "A survey found that 12 pct of buyers were new.",
            {"unit": "%", "value": "12", "label": "of buyers"},
        ),
        (
            "The province had nearly 40 gigawatts of solar capacity.",
            {"unit": "GW", "value": "40", "label": "of solar capacity"},
        ),
    ],
)
def test_key_figure_labels_leave_out_tenses_and_what_the_things_counted_did(sentence, figure):
    text = f"ACCRA, March 12, 2027 /PRNewswire/ -- The Cocoa Forum was held in Accra. {sentence}"
    found = facts("key_figure", text)
    assert any(all(f[key] == value for key, value in figure.items()) for f in found), found


def test_posts_in_lower_case_and_possessive_organizations():
    text = (
        "LEEDS, 5 March 2027 – The Leeds Film Week opened at Leeds Town Hall. Cllr Ann Price, "
        "Leeds City Council's Executive Member for Culture, opened the Week. Tom Baker, "
        "managing director of Aire Valley Pictures, also spoke.\n"
    )
    held = positions(text)
    assert held["Ann Price"] == ("Executive Member for Culture", "Leeds City Council")
    assert held["Tom Baker"] == ("managing director", "Aire Valley Pictures")


SIGNING_AND_PANEL = (
    "VANCOUVER, Sept. 23, 2026 /PRNewswire/ -- The Pacific Ports Forum 2026 was held on "
    "Tuesday, September 22, at the Vancouver Convention Centre.\n\n"
    "The signing ceremony took place at 12:30 p.m. The memorandum of understanding was "
    "signed by Dr. Ines Moreau, President of Fraser Ports Ltd., and Mr. Kenta Ishida, "
    "Director of Osaka Bay Terminals. Mr. Jonas Berg, Consul General of Sweden, also "
    "attended the ceremony.\n\n"
    "In the afternoon panel, “Moving Cargo Across the Pacific”, which began at 2:00 p.m., "
    "Dr. José Álvarez, Professor of Logistics at the University of Victoria, said that "
    "ports would need more power. “Shore power is the next fight for every port,” said Dr. "
    "Álvarez.\n\n"
    "Port Director Ayşe Yıldırım, who chaired the session, said in her remarks that the "
    "port would publish its data.\n"
)


def test_signatories_after_an_abbreviated_title_and_guests_of_the_ceremony_just_named():
    participations = {
        (f["person"], f["role"]): f["session"] for f in facts("participation", SIGNING_AND_PANEL)
    }
    assert participations[("Ines Moreau", "signatory")] == "Signing ceremony"
    assert participations[("Kenta Ishida", "signatory")] == "Signing ceremony"
    assert participations[("Jonas Berg", "guest")] == "Signing ceremony"


def test_a_panel_named_after_its_time_of_day_and_accented_names_quoted_by_surname():
    text = SIGNING_AND_PANEL
    assert {"title": "Moving Cargo Across the Pacific", "kind": "panel", "date": "",
            "start_time": "14:00"} in facts("session", text)  # fmt: skip
    assert {"person": "José Álvarez", "text": "Shore power is the next fight for every port"} in (
        facts("quote", text)
    )
    assert {"person": "Ayşe Yıldırım", "text": "The port would publish its data."} in (
        facts("remark", text)
    )


def test_a_quotation_attributed_by_the_last_two_words_of_a_name():
    text = (
        "DUBAI, Oct. 14, 2026 /PRNewswire/ -- The Gulf Trade Summit was held in Dubai. "
        "Khalid Rashid Al Mansoori, Chairman of the Gulf Corridor Association, opened it.\n\n"
        '"Goods should reach our shelves in days, not weeks," Al Mansoori said.\n'
    )
    assert facts("quote", text) == [
        {"person": "Khalid Rashid Al Mansoori",
         "text": "Goods should reach our shelves in days, not weeks"},
    ]  # fmt: skip


ORGANIZATIONS_BY_OTHER_NAMES = (
    "Lisbon Chamber of Commerce in Macao - News\n\n"
    "MACAO, 6 November 2026 - The Macao–Lisbon Trade Mission 2026, held on 5 November at the "
    "Lisbon Congress Centre, was organised by the Macao Exporters Association (MEA) and the "
    "Chamber, in partnership with the Lisbon Municipal Bureau of Trade.\n\n"
    "The symposium on the second day was organised by the University of Lisbon together "
    "with the Macao Polytechnic Institute.\n\n"
    "Mr. Rui Costa, Ambassador of the People's Republic of China to Portugal, and Ms. Ana "
    "Lima, Consul General of Brazil in Macao, attended the mission.\n\n"
    "Lotus Bay Trading Co., Ltd. and Tejo Wines Lda. signed a supply contract. Lotus Bay "
    "Trading will ship 40 containers a year. The contract was signed by Sofia Reis, "
    "director of Tejo Wines, and Ken Wong Chi-ho, chairman of Lotus Bay Trading Co., Ltd. "
    "Ms. Reis said the contract was the company's largest.\n"
)


def test_the_chamber_a_partner_and_a_company_s_short_form_name_the_organizations_named_before():
    text = ORGANIZATIONS_BY_OTHER_NAMES
    assert facts("organizer", text) == [
        {"organization": "Macao Exporters Association", "role": "organizer"},
        {"organization": "Lisbon Chamber of Commerce in Macao", "role": "organizer"},
        {"organization": "Lisbon Municipal Bureau of Trade", "role": "co_organizer"},
        {"organization": "University of Lisbon", "role": "organizer"},
        {"organization": "Macao Polytechnic Institute", "role": "co_organizer"},
    ]
    names = [fact["name"] for fact in facts("organization", text)]
    assert "Lotus Bay Trading Co., Ltd." in names
    assert "Lotus Bay Trading" not in names and "Chamber" not in names


def test_an_envoy_s_post_names_no_organization_and_a_place_is_none():
    text = ORGANIZATIONS_BY_OTHER_NAMES
    held = positions(text)
    assert held["Rui Costa"] == (
        "Ambassador of the People's Republic of China to Portugal",
        "",
    )
    assert held["Ana Lima"] == ("Consul General of Brazil in Macao", "")
    names = [fact["name"] for fact in facts("organization", text)]
    assert not any("Portugal" in name or "Brazil" in name for name in names)


def test_a_company_form_then_an_honorific_opens_a_new_sentence():
    text = ORGANIZATIONS_BY_OTHER_NAMES
    assert positions(text)["Ken Wong Chi-ho"] == ("chairman", "Lotus Bay Trading Co., Ltd.")


def test_a_post_at_the_owner_of_an_unnamed_body_and_a_panel_heading_s_label():
    text = (
        "HAMBURG, Oct. 9, 2025 /PRNewswire/ -- The Weihai–Hamburg Investment Day was held in "
        "Hamburg on Oct. 8. The Weihai Marine Industry Zone and Elbe Drives GmbH signed an "
        "investment agreement. It was signed by Sun Li, deputy director of the zone's "
        "management office, and Jan Kurz, Managing Director of Elbe Drives GmbH.\n\n"
        "Panel: Wind at Sea\n\n"
        "The panel was moderated by Eva Roth, Director of the Hamburg Wind Institute.\n"
    )
    assert positions(text)["Sun Li"] == ("deputy director", "Weihai Marine Industry Zone")
    assert [s["title"] for s in facts("session", text)] == ["Wind at Sea"]


def test_held_from_a_range_under_a_theme_dates_an_event_named_where_it_closed():
    text = (
        "BRATEX – Brazilian Textile Exporters Association\nHome › News\n\n"
        "Posted on May 9, 2026\n\n"
        "The Tecidos do Brasil Fair 2026 came to an end on Thursday at Rio Centro, with "
        "record orders.\n\n"
        'Held from 5 to 7 May under the theme "Threads Across Oceans", the fair was '
        "organised by BRATEX.\n\n"
        "The fair's director, Paula Dias, said that orders had doubled. Later, Rio Looms "
        "S.A. and Hangzhou Silk Co., Ltd. signed a supply contract. It was signed by Rio "
        "Looms S.A.'s president, Joana Prado, and the silk company's chairman, Zhu Wei.\n"
    )
    assert facts("start_date", text) == [{"date": "2026-05-05"}]
    assert facts("end_date", text) == [{"date": "2026-05-07"}]
    assert facts("theme", text) == [{"text": "Threads Across Oceans"}]
    # the site's letterhead gives the publisher's acronym
    assert facts("organizer", text) == [
        {"organization": "Brazilian Textile Exporters Association", "role": "organizer"}
    ]
    held = positions(text)
    assert held["Joana Prado"] == ("president", "Rio Looms S.A.")
    assert held["Zhu Wei"] == ("chairman", "Hangzhou Silk Co., Ltd.")


def test_deals_one_company_lists_below_its_announcement_and_signs_all_with_one_partner_each():
    text = (
        "PERTH, Australia, June 3, 2026 (GLOBE NEWSWIRE) -- Swan River Lithium Ltd. (ASX: "
        'SRL) ("Swan River" or the "Company") today announced that it signed three '
        "agreements with partners from Japan and Korea at the Indian Ocean Minerals Forum "
        "2026, held on Tuesday, June 2, at the Perth Convention Centre.\n\n"
        "Letter of intent with Osaka Battery Materials K.K. for the supply of lithium, worth "
        "an estimated US$400 million over five years\n\n"
        "Investment agreement under which Daejin Chemical Co., Ltd. will invest US$60 million "
        "in the Company's refinery\n\n"
        "Memorandum of understanding with the Pilbara Ports Authority on a new berth\n\n"
        "Anna Cole, Managing Director of Swan River, signed all three agreements, with Taro "
        "Ueda, President of Osaka Battery Materials K.K., Kim Min-seo, Vice President of "
        "Daejin Chemical Co., Ltd., and Ruth Hale, Chief Executive of the Pilbara Ports "
        "Authority.\n"
    )
    assert [(a["title"], a["value"]) for a in facts("agreement", text)] == [
        ("Letter of intent between Swan River Lithium Ltd. and Osaka Battery Materials K.K.",
         "400000000"),
        ("Investment agreement between Swan River Lithium Ltd. and Daejin Chemical Co., Ltd.",
         "60000000"),
        ("Memorandum of understanding between Swan River Lithium Ltd. and Pilbara Ports "
         "Authority", ""),
    ]  # fmt: skip
    assert [(f["agreement"], f["person"]) for f in facts("signatory", text)] == [
        ("a1", "Anna Cole"), ("a2", "Anna Cole"), ("a3", "Anna Cole"),
        ("a1", "Taro Ueda"), ("a2", "Kim Min-seo"), ("a3", "Ruth Hale"),
    ]  # fmt: skip


def test_hong_kong_names_with_the_surname_in_capitals_and_an_english_name_after():
    text = (
        "Hong Kong Chamber of Commerce in Cambodia\n\nPosted 12 November 2026\n\n"
        "The Hong Kong–Cambodia Trade Mission 2026 was held on 5 November at the Sokha "
        "Hotel in Phnom Penh.\n\n"
        "Chamber Chairman Mr CHEUNG Ka-ming, Peter, said that trade had doubled.\n\n"
        "The mission was led by Ms Winnie CHAN Wai-yee, Chairman of the Hong Kong Shippers "
        "Council. Mdm Sok Dara, Director of the Phnom Penh Port Authority, also spoke.\n\n"
        "Lotus Freight Holdings Limited and Mekong Warehousing Joint Stock Company signed a "
        "supply contract. Lotus Freight's Executive Director, Mr Ivan KWOK Siu-fai, hosted "
        "the dinner.\n"
    )
    held = positions(text)
    assert held["Peter Cheung Ka-ming"] == (
        "Chairman",
        "Hong Kong Chamber of Commerce in Cambodia",
    )
    assert held["Winnie Chan Wai-yee"] == ("Chairman", "Hong Kong Shippers Council")
    assert held["Sok Dara"][0] == "Director"
    assert held["Ivan Kwok Siu-fai"] == (
        "Executive Director",
        "Lotus Freight Holdings Limited",
    )
    assert {"person": "Peter Cheung Ka-ming", "text": "Trade had doubled."} in facts("remark", text)


def test_signers_of_the_agreement_of_a_kind_named_at_the_end_of_their_sentence():
    text = (
        "DOHA, Oct. 15, 2026 /PRNewswire/ -- The Qatar–China Ports Summit 2026 was held in "
        "Doha. Qatar Harbour Co. signed a framework agreement with Pearl Shipping LLC, and "
        "Doha Cargo Group signed a memorandum of understanding with Xiamen Port Group.\n\n"
        "Omar Saleh, Chief Executive of Qatar Harbour Co., and Li Ping, President of Pearl "
        "Shipping LLC, signed the framework agreement.\n"
    )
    assert [(f["agreement"], f["person"]) for f in facts("signatory", text)] == [
        ("a1", "Omar Saleh"),
        ("a1", "Li Ping"),
    ]


def test_an_english_name_after_a_hong_kong_name_is_read_first_and_the_text_stays_as_pasted():
    text = (
        "HONG KONG, March 5, 2025 /PRNewswire/ -- The Harbour Climate Forum was held in Hong "
        "Kong. The memorandum was signed by Professor Lee Ka-wai, Daniel, Provost of the "
        "Harbour University of Technology, and Professor Ann Grey, Dean of Tasman "
        "University.\n"
    )
    reading = read_release(text)

    assert reading.text == text.strip()
    assert positions(text)["Daniel Lee Ka-wai"] == ("Provost", "Harbour University of Technology")


def test_a_speaker_met_before_named_by_post_and_surname_after_an_opening_clause():
    text = (
        "NIIGATA, Japan, Aug 28, 2025 - (JCN Newswire) - A delegation from Harbin, led by "
        "Mayor Qiao Dongsheng, visited Niigata. The Harbin–Niigata Friendship Meeting was "
        "held at Niigata City Hall on August 26.\n\n"
        "At the meeting, Mayor Qiao said that trade had grown.\n"
    )
    assert {"person": "Qiao Dongsheng", "text": "Trade had grown."} in facts("remark", text)


def test_honours_after_a_name_are_no_post():
    text = (
        "HONG KONG, March 5, 2026 /PRNewswire/ -- The Harbour Finance Forum was held in Hong "
        "Kong. Mr Peter Ho Wing-kei, GBS, JP, Chairman of the Harbour Finance Council, said "
        "that lending had grown.\n"
    )
    assert positions(text)["Peter Ho Wing-kei"] == ("Chairman", "Harbour Finance Council")
    assert {"person": "Peter Ho Wing-kei", "text": "Lending had grown."} in facts("remark", text)


def test_a_publisher_called_the_chamber_is_the_chamber_and_honours_need_their_comma():
    text = (
        "The Chamber\n\nPosted on May 9, 2026\n\n"
        "The Harbour Week was held on 3 May 2026 in Busan. It was organised by the Chamber. "
        "Banks, JP Morgan and HSBC among them, attended.\n"
    )
    assert facts("organizer", text) == [{"organization": "Chamber", "role": "organizer"}]
    assert "JP Morgan" in read_release(text).text


def test_here_gives_the_dateline_s_city_and_the_lead_names_where_a_mission_met():
    here = (
        "KUCHING, Oct 20 (Bernama) -- The Sarawak Tech Week opened here today at the Wuhan "
        "Hall of the convention centre."
    )
    assert facts("city", here) == [{"text": "Kuching"}]
    mission = (
        "MACAO, 8 November 2026 - The Macao Trade Mission 2026, held on 5 and 6 November at "
        "the Grand Hall, met 200 buyers. The 30-company mission wrapped up its meetings in "
        "Da Nang on 6 November.\n"
    )
    assert facts("city", mission) == [{"text": "Da Nang"}]


def test_a_signing_ceremony_named_after_its_agreements_holds_their_signers_and_witnesses():
    text = (
        "GEORGE TOWN, Oct 20 (Bernama) -- The Penang Chip Week 2026 opened here today.\n\n"
        "Under the investment agreement, signed between Penang Invest Berhad and Kestrel "
        "Systems Sdn Bhd, Kestrel will build a plant. The agreement was signed by Dr. Anna "
        "Lee, Chief Executive Officer of Penang Invest Berhad, and Tan Wei, Managing "
        "Director of Kestrel Systems Sdn Bhd.\n\n"
        "The agreement was exchanged at a signing ceremony witnessed by Wuxi Vice Mayor Gu "
        "Weiping.\n"
    )
    sessions = [session["title"] for session in facts("session", text)]
    assert sessions == ["Signing ceremony"]
    at = {(p["person"], p["role"], p["session"]) for p in facts("participation", text)}
    assert ("Anna Lee", "signatory", "Signing ceremony") in at
    assert ("Tan Wei", "signatory", "Signing ceremony") in at
    assert ("Gu Weiping", "guest", "Signing ceremony") in at
