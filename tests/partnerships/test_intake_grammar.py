"""The small grammars the reader is made of, one phrase at a time."""

import datetime as dt
from decimal import Decimal

import pytest

from partnerships.intake.grammar import (
    FIGURE,
    dates_in,
    figure_value,
    is_name,
    is_place,
    label_after,
    label_before,
    looks_like_post,
    parse_amount,
    split_list,
    split_post,
    split_posts,
    times_in,
)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("On Feb. 8, with the theme", dt.date(2023, 2, 8), None),
        ("from October 18 to 19", dt.date(2023, 10, 18), dt.date(2023, 10, 19)),
        ("on May 10-11, with", dt.date(2023, 5, 10), dt.date(2023, 5, 11)),
        ("from March 30 to April 2, 2024", dt.date(2024, 3, 30), dt.date(2024, 4, 2)),
        ("from 11 to 14 June 2024", dt.date(2024, 6, 11), dt.date(2024, 6, 14)),
        ("on 8 February 2022", dt.date(2022, 2, 8), None),
        ("on September 13 and 14", dt.date(2023, 9, 13), dt.date(2023, 9, 14)),
        ("2023年2月8日在香港举行", dt.date(2023, 2, 8), None),
    ],
)
def test_dates_and_ranges_take_the_release_year(text, first, last):
    assert [(found[2], found[3]) for found in dates_in(text, 2023)] == [(first, last)]


def test_a_year_alone_or_an_impossible_day_is_no_date():
    assert dates_in("in June 2024 and on February 30", 2023) == []


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("from 9:30 a.m. to 5:30 p.m.", [("09:30", "17:30")]),
        ("at 2 p.m.", [("14:00", None)]),
        ("14:00–17:30", [("14:00", "17:30")]),
        ("9 to 11 a.m.", [("09:00", "11:00")]),
        ("at 9.30 am", [("09:30", None)]),
        ("1.55 million square meters, 5,720 projects, RMB 2.47 trillion", []),
    ],
)
def test_clock_times(text, times):
    assert [(found[2], found[3]) for found in times_in(text)] == times


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("US$38.8 billion", "38800000000", "USD"),
        ("$38.8 billion", "38800000000", "USD"),
        ("RMB 3 billion", "3000000000", "CNY"),
        ("HK$500 million", "500000000", "HKD"),
        ("3 billion yuan", "3000000000", "CNY"),
        ("MOP 1.2 billion", "1200000000", "MOP"),
        ("€20m", "20000000", "EUR"),
        ("£45 million", "45000000", "GBP"),
        ("S$4.1 billion", "4100000000", "SGD"),
        # an amount written as one word: "a 3-billion-yuan plant"
        ("a 3-billion-yuan plant", "3000000000", "CNY"),
    ],
)
def test_amounts_with_their_currency(text, value, currency):
    amount, found = parse_amount(text)

    assert (amount, found) == (Decimal(value), currency)


def test_no_amount_in_a_bare_number():
    assert parse_amount("33 Hong Kong-listed companies") is None


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("more than 5,720", "more than"),
        ("Nearly 3,500", "Nearly"),
        ("about US$25 billion", "about"),
        ("at least RMB 50 billion", "at least"),
        ("up to 100,000", "up to"),
        ("over 2,000", "over"),
    ],
)
def test_figures_keep_their_qualifier(text, qualifier):
    match = FIGURE.search(text)

    assert match["qualifier"] == qualifier


def test_figure_values_units_and_scales():
    assert figure_value(FIGURE.search("1.55 million square meters")) == (
        Decimal("1550000"),
        "",
        "square meters",
    )
    assert figure_value(FIGURE.search("30% of trade")) == (Decimal("30"), "", "%")


@pytest.mark.parametrize(
    ("rest", "money", "label"),
    [
        (" Hong Kong-funded projects, $38.8 billion", False, "Hong Kong-funded projects"),
        (" of actual funds received since the reform", True, "of actual funds received"),
        (" Hong Kong-listed companies are all records", False, "Hong Kong-listed companies"),
        (" countries and regions attended the event", False, "countries and regions"),
        (" exhibitors and saw deals worth", False, "exhibitors"),
        (" companies showcased products", False, "companies"),
        (" British companies already operate", False, "British companies"),
        (" in funding in 2022.", True, "in funding"),
        (" in 2023.", True, ""),
        (" last year.", True, ""),
    ],
)
def test_what_a_figure_counts_from_the_words_after_it(rest, money, label):
    assert label_after(rest, money) == label


@pytest.mark.parametrize(
    ("before", "label"),
    [
        (
            "He said that trade between Jiangsu and the UK reached ",
            "trade between Jiangsu and the UK",
        ),
        ("Five agreements with a total value of ", "total value"),
        ("The exhibition area covers ", "exhibition area"),
        ("The expo saw deals worth ", "deals"),
        ("It was a good day for ", ""),
    ],
)
def test_what_a_figure_counts_from_the_words_before_it(before, label):
    assert label_before(before) == label


@pytest.mark.parametrize(
    ("post", "title", "organization"),
    [
        ("Mayor of Nanjing", "Mayor of Nanjing", ""),
        ("Deputy Executive Director of HKTDC", "Deputy Executive Director", "HKTDC"),
        ("President of AstraZeneca China", "President", "AstraZeneca China"),
        (
            "Member of the Standing Committee of the Jiangsu Provincial Party Committee",
            "Member of the Standing Committee",
            "Jiangsu Provincial Party Committee",
        ),
        (
            "Director-General of the Department of Commerce of Jiangsu Province",
            "Director-General",
            "Department of Commerce of Jiangsu Province",
        ),
        ("Vice Governor of Guangdong Province", "Vice Governor of Guangdong Province", ""),
        (
            "Chief Executive of the Hong Kong Special Administrative Region",
            "Chief Executive of the Hong Kong Special Administrative Region",
            "",
        ),
        ("Minister of Commerce", "Minister of Commerce", ""),
        ("Partner at Ernst & Young", "Partner", "Ernst & Young"),
    ],
)
def test_a_post_is_a_title_and_an_organization(post, title, organization):
    assert split_post(post) == (title, organization)


def test_two_posts_joined_by_and_are_two_and_a_shared_title_is_one():
    assert split_posts(
        "Member of the Standing Committee of the Jiangsu Provincial Party Committee and "
        "Secretary of the Nanjing Municipal Party Committee"
    ) == [
        ("Member of the Standing Committee", "Jiangsu Provincial Party Committee"),
        ("Secretary", "Nanjing Municipal Party Committee"),
    ]
    assert split_posts("Chairman and CEO of ABC Group") == [("Chairman and CEO", "ABC Group")]


def test_posts_and_names():
    assert looks_like_post("Mayor of Nanjing")
    assert looks_like_post("Premier of the State Council")
    assert not looks_like_post("with the theme of a better future")
    assert is_name("Chen Zhichang") and is_name("Zhang Hong") and is_name("Alvin Chau Ka Fai")
    assert not is_name("Hong Kong") and not is_name("China Merchants Group")
    assert is_place("Jiangsu Province") and is_place("Nanjing") and not is_place("HKTDC")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A Group, B Council and C Bank", ["A Group", "B Council", "C Bank"]),
        (
            "the Ministry of Commerce and the Shanghai Municipal People's Government",
            ["Ministry of Commerce", "Shanghai Municipal People's Government"],
        ),
        (
            "Hong Kong Convention and Exhibition Centre",
            ["Hong Kong Convention and Exhibition Centre"],
        ),
        (
            "Zhejiang Provincial Development and Reform Commission",
            ["Zhejiang Provincial Development and Reform Commission"],
        ),
        (
            "Hangzhou Steam Turbine and Nordic Hydrogen",
            ["Hangzhou Steam Turbine", "Nordic Hydrogen"],
        ),
        (
            "Bank of China Macau Branch and Industrial and Commercial Bank of China (Macau)",
            ["Bank of China Macau Branch", "Industrial and Commercial Bank of China (Macau)"],
        ),
        ("Lo & Partners Capital", ["Lo & Partners Capital"]),
        # a company form keeps its full stop, as a directory writes the name
        ("Zhuhai Hengqin Development Co., Ltd.", ["Zhuhai Hengqin Development Co., Ltd."]),
        (
            "Vinhos do Sul, S.A. and Kedah Rail Sdn. Bhd.",
            ["Vinhos do Sul, S.A.", "Kedah Rail Sdn. Bhd."],
        ),
        (
            "the Ministry of Commerce and the trade ministries of the ten ASEAN states",
            ["Ministry of Commerce"],
        ),
    ],
)
def test_lists_of_organizations(text, names):
    assert split_list(text) == names


@pytest.mark.parametrize(
    ("post", "parts"),
    [
        # a post "at" a capitalized name works there, whatever words the name has
        ("Director of Sales at Nordwind Logistik", ("Director of Sales", "Nordwind Logistik")),
        ("Partner at Lim & Co. Advisory", ("Partner", "Lim & Co. Advisory")),
        # a title with its field between two title words, or a bracket after it
        ("Chief Operating Officer of Blue Harbour Foods",
         ("Chief Operating Officer", "Blue Harbour Foods")),
        ("Vice President (Student Affairs) of NorthU",
         ("Vice President (Student Affairs)", "NorthU")),
        # an acronym in brackets: the name it spells, a place in it or not
        ("senior adviser of the Maritime Authority of Panama (MAP)",
         ("senior adviser", "Maritime Authority of Panama")),
        # a unit of a ministry is named with the ministry; a university's school is not
        ("Deputy Director of the Department of Trade Remedies of the Ministry of Commerce",
         ("Deputy Director", "Department of Trade Remedies of the Ministry of Commerce")),
        ("Dean of the School of Law of Fudan University",
         ("Dean of the School of Law", "Fudan University")),
        ("an academician of the Chinese Academy of Sciences",
         ("academician", "Chinese Academy of Sciences")),
    ],
)  # fmt: skip
def test_posts_as_a_directory_holds_them(post, parts):
    assert split_post(post) == parts


def test_a_name_between_two_others_keeps_both():
    assert split_list(
        "the Joint Committee for Cooperation between Laos and Cambodia and the Mekong Fund"
    ) == ["Joint Committee for Cooperation between Laos and Cambodia", "Mekong Fund"]


def test_an_of_that_names_a_department_is_no_cut():
    assert split_post(
        "Director-General of the Hebei Provincial Department of Industry and Information Technology"
    ) == ("Director-General", "Hebei Provincial Department of Industry and Information Technology")


@pytest.mark.parametrize(
    "text",
    [
        "from 12 to 14 June 2025",
        "June 12-14, 2025",
        "12–14 June 2025",
        "June 12 to 14, 2025",
        "12 June to 14 June 2025",
        "from June 12 through June 14, 2025",
        "between 12 and 14 June 2025",
        "12th to 14th June 2025",
    ],
)
def test_a_range_of_days_gives_its_first_and_last(text):
    assert [(first, last) for _, _, first, last in dates_in(text, 2024)] == [
        (dt.date(2025, 6, 12), dt.date(2025, 6, 14))
    ]
