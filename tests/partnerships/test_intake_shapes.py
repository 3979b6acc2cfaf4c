"""The reader on the shapes newswires and newsrooms publish beyond the common one: a
company's own newsroom, a newspaper's byline, a wire between two dashes, a quoted short
name, lists inside names, organizers named by "with X as co-organizer". Each test's
sentences are written for it, not taken from a corpus."""

import datetime as dt

import pytest

from partnerships.intake.grammar import split_list
from partnerships.intake.read import organizers_in, read_release, read_source


def facts(kind, text):
    return [fact.value for fact in read_release(text).of(kind)]


def test_a_company_newsroom_with_a_single_dash_dateline_is_read_and_publishes_itself():
    text = (
        "Brightwave Holdings Limited - Newsroom\n\n"
        "Brightwave and Delta Port sign solar framework agreement\n\n"
        "ZHUHAI, 9 April 2026 - Brightwave Holdings Limited signed a framework agreement "
        "with Delta Port Co., Ltd. on Wednesday.\n"
    )
    source = read_source(text)

    assert (source.dateline, source.published_on, source.publisher) == (
        "ZHUHAI",
        dt.date(2026, 4, 9),
        "Brightwave Holdings Limited",
    )
    # the headline is news, not an event's name: no title is offered from it
    assert facts("title", text) == []
    # the event is dated by the lead sentence's weekday, counted back from the release
    assert facts("start_date", text) == [{"date": "2026-04-08"}]


def test_a_wire_between_two_dashes():
    source = read_source("OSAKA, Japan, Mar 3, 2026 - (JCN Newswire) - A delegation from …")

    assert (source.dateline, source.published_on, source.publisher) == (
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
    source = read_source(text)

    assert (source.dateline, source.published_on, source.publisher) == (
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
