"""Releases in Chinese, simplified and traditional: each rule on its own phrase, then a
whole release."""

import pytest

from partnerships.intake.chinese import (
    agreement_kind,
    chinese_value,
    city_and_venue,
    label_before,
    split_post,
)
from partnerships.intake.read import language_of, read_release

from .readings import facts

HANS = """\
上海2024年4月2日 /美通社/ -- 4月1日，以“创新引领 合作共赢”为主题的2024沪港金融合作论坛在上海举行。\
超过500名金融界代表出席论坛。

论坛由上海市人民政府主办，香港金融发展局协办。

上海市副市长李明致欢迎辞表示，上海与香港的金融合作不断深化。

香港金融发展局主席陈伟表示，两地资本市场互联互通成效显著。

上海国际集团与汇丰银行签署战略合作协议，金额达30亿元人民币。

图片说明：论坛现场
"""

HANT = """\
澳門2024年6月10日 /美通社/ -- 2024澳門國際貿易投資展覽會於6月6日至8日在澳門威尼斯人舉行。\
約1,500家企業參展。

展會由澳門貿易投資促進局主辦。

澳門特區政府經濟財政司司長李偉農表示，展會促成超過200項合作。

澳門貿易投資促進局與葡萄牙投資貿易局簽署合作備忘錄。
"""


def test_the_language_is_told_by_its_characters():
    assert language_of(HANS) == "zh-hans"
    assert language_of(HANT) == "zh-hant"
    assert language_of("HONG KONG, Feb. 9, 2023 -- 南京 and Hong Kong.") == "en"


@pytest.mark.parametrize(
    ("post", "title", "organization"),
    [
        ("南京市委书记", "书记", "南京市委"),
        ("江苏省委常委", "常委", "江苏省委"),
        ("香港贸发局副总裁", "副总裁", "香港贸发局"),
        ("南京市市长", "南京市市长", ""),
        ("廣東省副省長", "廣東省副省長", ""),
    ],
)
def test_posts_before_a_name(post, title, organization):
    assert split_post(post) == (title, organization)


def test_amounts_kinds_places_and_labels():
    assert chinese_value("388", "亿") == "38800000000"
    assert chinese_value("5,720", None) == "5720"
    assert agreement_kind("战略合作框架协议") == "strategic_cooperation"
    assert agreement_kind("合作備忘錄") == "memorandum"
    assert agreement_kind("投資協議") == "investment"
    assert agreement_kind("意向书") == "letter_of_intent"
    assert city_and_venue("香港会议展览中心") == ("香港", "香港会议展览中心")
    assert city_and_venue("澳門") == ("澳門", "")
    assert city_and_venue("澳門威尼斯人") == ("澳門", "澳門威尼斯人")
    assert label_before("去年两地贸易额达到") == "两地贸易额"


def test_a_simplified_release():
    assert facts("dateline", HANS) == [{"text": "上海"}]
    assert facts("publisher", HANS) == [{"text": "PR Newswire"}]
    assert facts("title", HANS) == [{"text": "2024沪港金融合作论坛"}]
    assert facts("theme", HANS) == [{"text": "创新引领 合作共赢"}]
    assert facts("start_date", HANS) == [{"date": "2024-04-01"}]
    assert facts("time_zone", HANS) == [{"name": "Asia/Shanghai"}]
    assert facts("organizer", HANS) == [
        {"organization": "上海市人民政府", "role": "organizer"},
        {"organization": "香港金融发展局", "role": "co_organizer"},
    ]
    assert facts("position", HANS) == [
        {"person": "李明", "title": "上海市副市长", "organization": "上海市人民政府"},
        {"person": "陈伟", "title": "主席", "organization": "香港金融发展局"},
    ]
    assert facts("participation", HANS) == [
        {"person": "李明", "role": "speaker", "remote": False, "session": "欢迎辞"},
        {"person": "陈伟", "role": "speaker", "remote": False, "session": "陈伟致辞"},
    ]
    assert facts("remark", HANS)[1] == {"person": "陈伟", "text": "两地资本市场互联互通成效显著。"}
    assert facts("agreement", HANS) == [
        {
            "ref": "a1",
            "title": "上海国际集团与汇丰银行战略合作协议",
            "kind": "strategic_cooperation",
            "value": "3000000000",
            "currency": "CNY",
        }
    ]
    assert facts("key_figure", HANS) == [
        {
            "value": "500",
            "qualifier": "more_than",
            "unit": "",
            "currency": "",
            "label": "金融界代表",
            "as_of": "2024-04-01",
        }
    ]
    assert facts("caption", HANS) == [{"text": "论坛现场"}]


def test_a_traditional_release():
    reading = read_release(HANT)

    assert reading.language == "zh-hant"
    assert facts("title", HANT) == [{"text": "2024澳門國際貿易投資展覽會"}]
    assert facts("end_date", HANT) == [{"date": "2024-06-08"}]
    assert facts("venue", HANT) == [{"text": "澳門威尼斯人"}]
    assert facts("city", HANT) == [{"text": "澳門"}]
    assert facts("party", HANT) == [
        {"agreement": "a1", "organization": "澳門貿易投資促進局"},
        {"agreement": "a1", "organization": "葡萄牙投資貿易局"},
    ]
    assert {"value": "1500", "qualifier": "about", "unit": "", "currency": "",
            "label": "企業", "as_of": "2024-06-06"} in facts("key_figure", HANT)  # fmt: skip


def test_chinese_nonsense_reads_as_no_release():
    reading = read_release("这是一段没有任何新闻内容的文字。天气很好。")

    assert reading.facts == []
    assert reading.warnings
