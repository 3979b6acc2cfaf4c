"""The pasted release as plain text: HTML reduced to its paragraphs, a size limit,
sentences with their offsets."""

import pytest

from partnerships.intake.text import (
    MAX_TEXT,
    TooLong,
    is_html,
    plain_text,
    sentences,
    text_of_html,
)


def test_plain_text_passes_through_with_uniform_spacing():
    raw = "HONG KONG, Feb. 9, 2023 -- First.\r\n\r\n\r\n\tSecond\u00a0line.  \n"

    assert plain_text(raw) == "HONG KONG, Feb. 9, 2023 -- First.\n\nSecond line."


def test_text_that_mentions_a_tag_is_not_html():
    assert not is_html("Revenue grew <5% while costs rose > 3%.")
    assert is_html("<p>One</p><p>Two</p>")


def test_html_keeps_paragraphs_and_drops_head_scripts_styles_and_navigation():
    page = (
        "<!DOCTYPE html><html><head><title>Release</title>"
        "<script>var said = 'said that nothing';</script><style>p{color:red}</style></head>"
        "<body><nav><a href='/'>Home</a></nav><article><p>HONG KONG &amp; MACAO -- "
        "The <b>forum</b> opened.</p><p>Second<br>line</p></article>"
        "<form><button>Subscribe</button></form><script>track()</script></body></html>"
    )

    assert plain_text(page) == "HONG KONG & MACAO -- The forum opened.\n\nSecond\n\nline"


def test_unclosed_script_hides_the_rest_but_never_fails():
    assert text_of_html("<p>Kept</p><script>if (a < b) { x() }") == "Kept"


def test_a_five_megabyte_paste_is_refused_with_a_message():
    with pytest.raises(TooLong) as refused:
        plain_text("a" * 5_000_000)

    assert "5,000,000 characters" in str(refused.value)
    assert "100,000" in str(refused.value)
    assert isinstance(refused.value, ValueError)


def test_text_over_the_limit_is_refused_and_at_the_limit_read():
    assert len(plain_text("x" * MAX_TEXT)) == MAX_TEXT
    with pytest.raises(TooLong, match="100,001 characters"):
        plain_text("x" * (MAX_TEXT + 1))


def test_html_is_measured_by_its_text_not_its_markup():
    page = "<html><body>" + "<p>" + "<span></span>" * 20_000 + "Short.</p></body></html>"

    assert plain_text(page) == "Short."


def test_sentences_keep_offsets_and_abbreviations():
    text = (
        "HONG KONG, Feb. 9, 2023 /PRNewswire/ -- On Feb. 8, Dr. Li spoke. It ran to 5 p.m. "
        "The next day it closed at No. 5 Hall.\n\nCaption: A photo"
    )

    found = sentences(text)

    assert [s.text for s in found] == [
        "HONG KONG, Feb. 9, 2023 /PRNewswire/ -- On Feb. 8, Dr. Li spoke.",
        "It ran to 5 p.m.",
        "The next day it closed at No. 5 Hall.",
        "Caption: A photo",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)
    assert [s.paragraph for s in found] == [0, 0, 0, 1]


def test_chinese_sentences_end_at_full_stops():
    text = "2月8日，推介会在香港举行。南京市政府与招商局集团签署战略合作协议！"

    assert [s.text for s in sentences(text)] == [
        "2月8日，推介会在香港举行。",
        "南京市政府与招商局集团签署战略合作协议！",
    ]


def test_the_refusal_speaks_the_editors_language():
    from django.utils import translation

    with translation.override("zh-hant"), pytest.raises(TooLong, match="新聞稿"):
        plain_text("a" * 5_000_000)
